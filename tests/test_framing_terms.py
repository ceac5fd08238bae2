"""Loaded and contested terms: the data file, where the article uses them, the renderings."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml

from newscase.core.article import load_article
from newscase.core.case import load_case
from newscase.core.text import normalise
from newscase.core.validate import DataError
from newscase.framing import render
from newscase.framing.structure import article_structure
from newscase.framing.terms import Term, find_terms, load_terms

from helpers import SEED, edit_data

TERMS = load_terms()
OCCURRENCES = find_terms(TERMS)
NORMALISED_SEED = normalise(SEED.read_bytes().decode("utf-8")).lower()
REQUIRED = {
    "iranian_backed",
    "shiite_crescent",
    "corridor",
    "liberating",
    "militias",
    "dash",
    "iranian_regime",
    "lightning_offensive",
    "isis_naming",
    "shiite_axis",
}


def _count_independently(forms) -> int:
    """Occurrences on the normalised seed with one plain regex (longest form first)."""
    alternatives = "|".join(
        re.escape(normalise(f).lower()) for f in sorted(forms, key=len, reverse=True)
    )
    return len(re.findall(rf"(?<!\w)(?:{alternatives})(?!\w)", NORMALISED_SEED))


# ---- the data file


def test_terms_cover_the_issue_and_cite_known_sources():
    assert {t.id for t in TERMS} >= REQUIRED
    sources = set(load_case().ids("sources"))
    for term in TERMS:
        assert term.forms and term.neutral_alternatives and term.who_uses and term.note
        assert term.sources and set(term.sources) <= sources, term.id


def test_iranian_backed_includes_the_articles_softer_forms():
    forms = {t.id: t.forms for t in TERMS}["iranian_backed"]
    assert {"Iranian-backed", "Iran-supported", "close to the Iranian regime"} <= set(forms)


# ---- where the article uses them


@pytest.mark.parametrize("term", TERMS, ids=lambda t: t.id)
def test_every_use_of_every_term_is_found(term):
    found = [o for o in OCCURRENCES if o.term == term.id]
    assert len(found) == _count_independently(term.forms) > 0


def test_occurrences_are_verbatim_with_paragraph_and_offsets():
    text = load_article().text
    structure = article_structure()
    for o in OCCURRENCES:
        assert text[o.start : o.end] == o.text
        paragraph = structure.locate(o.start)
        assert paragraph.number == o.paragraph
        assert paragraph.text[o.offset : o.offset + len(o.text)] == o.text
        assert normalise(o.text).lower() == normalise(o.form).lower()


def test_known_places_of_some_terms():
    def where(term_id):
        return [o.paragraph for o in OCCURRENCES if o.term == term_id]

    assert where("iranian_backed") == [1, 6, 6, 6, 9]
    assert where("dash") == [6, 15]
    assert where("lightning_offensive") == [2]
    assert where("liberating") == [11, 13, 13]
    assert where("shiite_crescent") == [16]
    assert where("shiite_axis") == [17]
    assert where("corridor") == [2, 7, 16, 21]
    assert [o.text for o in OCCURRENCES if o.term == "corridor"][2] == "corridor to the sea"
    assert [o.text for o in OCCURRENCES if o.term == "syrian_regime"] == [
        "[Syrian] regime",
        "Syrian regime",
    ]


# ---- validation names file, record and field


def _break_terms(folder: Path, change) -> list[str]:
    edit_data(folder, "terms.yaml", change)
    with pytest.raises(DataError) as caught:
        load_terms(folder)
    return caught.value.problems


def _where(folder: Path, term_id: str) -> str:
    """'item N (line L)' of a record in the rewritten file."""
    lines = (folder / "terms.yaml").read_text(encoding="utf-8").splitlines()
    items = [i for i, line in enumerate(lines, start=1) if line.startswith("- ")]
    line = next(i for i, text in enumerate(lines, start=1) if text == f"- id: {term_id}")
    return f"item {items.index(line) + 1} (line {line})"


def test_unknown_source_is_named_with_file_record_and_field(data_copy):
    def change(records):
        records[2]["sources"].append("dailybeast-2017-iraq-liberatd")

    problems = _break_terms(data_copy, change)
    term_id = yaml.safe_load((data_copy / "terms.yaml").read_text(encoding="utf-8"))[2]["id"]
    assert problems == [
        f"terms.yaml, record '{term_id}' ({_where(data_copy, term_id)}), field 'sources': "
        "unknown sources id 'dailybeast-2017-iraq-liberatd' (did you mean "
        "'dailybeast-2017-iraq-liberated'?); expected an id from sources"
    ]


def test_a_form_the_article_never_uses_is_refused(data_copy):
    def change(records):
        dash = next(r for r in records if r["id"] == "dash")
        dash["term"] = ["dash", "blitz"]

    problems = _break_terms(data_copy, change)
    assert problems == [
        f"terms.yaml, record 'dash' ({_where(data_copy, 'dash')}), field 'term': 'blitz' is not "
        "in the article; expected the article's own wording (verbatim)"
    ]


def test_missing_note_and_misspelt_field_are_both_reported(data_copy):
    def change(records):
        dash = next(r for r in records if r["id"] == "dash")
        del dash["note"]
        dash["neutral_alternative"] = dash.pop("neutral_alternatives")

    problems = _break_terms(data_copy, change)
    where = f"terms.yaml, record 'dash' ({_where(data_copy, 'dash')})"
    assert f"{where}, field 'note': missing; expected non-empty text" in problems
    assert (
        f"{where}, field 'neutral_alternative': unknown field (did you mean "
        "'neutral_alternatives'?); expected fields are id, term, neutral_alternatives, "
        "who_uses, note, sources"
    ) in problems
    assert (
        f"{where}, field 'neutral_alternatives': missing; expected at least one item (in CSV: items separated by ';')"
        in problems
    )


def test_terms_load_from_the_same_folder_as_the_case(data_copy):
    assert load_terms(data_copy) == TERMS


def test_a_missing_terms_file_is_named(data_copy):
    (data_copy / "terms.yaml").unlink()
    with pytest.raises(
        DataError, match=r"terms.yaml: file not found at .*; expected the data file"
    ):
        load_terms(data_copy)


# ---- renderings


def _strip_tags(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def test_highlighted_article_marks_every_use_and_keeps_the_text():
    rendered = render.highlighted_article(TERMS, OCCURRENCES)
    paragraphs = re.findall(r"<p><span class=\"newscase-para\".*?</p>", rendered.html)
    structure = article_structure()
    assert len(paragraphs) == len(structure.paragraphs)
    for markup, paragraph in zip(paragraphs, structure.paragraphs, strict=True):
        plain = re.sub(r"<sup[^>]*>.*?</sup>", "", markup)
        assert _strip_tags(plain) == f"¶ {paragraph.number} {paragraph.text}"
    clusters = rendered.html.count("<mark ")
    assert clusters == len(OCCURRENCES) - 2  # 'close to the Iranian regime' holds two terms
    assert 'title="Iranian-backed / Iran-supported' in rendered.html


def test_text_rendering_uses_braces_and_numbered_notes():
    text = render.highlighted_article(TERMS, OCCURRENCES).text
    assert text.startswith("¶ 1  {Iranian-backed}(1) {militias}(2) reach Iraq-Syria border")
    assert "{close to the Iranian regime}(1,3)" in text
    assert "the {[Syrian] regime}(4) racing" in text
    unmarked = re.sub(r"\{([^{}]*)\}\(\d+(?:,\d+)*\)", r"\1", text)
    for paragraph in article_structure().paragraphs:
        assert f"¶ {paragraph.number}  {paragraph.text}" in unmarked
    for number, term in enumerate(TERMS, start=1):
        assert f"({number}) {' / '.join(term.forms)}: neutral alternatives:" in text


def test_everything_is_escaped_in_the_html():
    evil = Term(
        "evil",
        ("dash",),
        ('<script>alert("x")</script>', "a & b"),
        ("<b>who</b>",),
        "<i>note</i>",
        ("jpost-2017-militias-border",),
    )
    rendered = render.highlighted_article((evil,))
    assert "<script>" not in rendered.html and "&lt;script&gt;" in rendered.html
    assert "alert(&quot;x&quot;)" in rendered.html and "a &amp; b" in rendered.html
    table = render.terms_table((evil,), find_terms((evil,)))
    assert "<b>who</b>" not in table.html and "&lt;b&gt;who&lt;/b&gt;" in table.html
    assert "<i>note</i>" not in table.html


def test_terms_table_lists_every_term_with_places_and_linked_sources():
    rendered = render.terms_table(TERMS, OCCURRENCES)
    assert "dash" in rendered.text and "2×: ¶ 6, ¶ 15" in rendered.text
    assert rendered.html.count("<tr>") == len(TERMS) + 1
    assert 'href="https://' in rendered.html
