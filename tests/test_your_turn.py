"""Notebook 06: the checklist, lateral reading, the same day in other outlets, your article."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from newscase import judge
from newscase.core.errors import NameNotFound
from newscase.core.validate import DataError
from newscase.lessons import your_turn
from newscase.lessons.your_turn import YourArticle, _Panel


def test_the_checklist_and_the_articles_are_lists_under_keys_of_one_file():
    checklist = your_turn.load_checklist()
    assert [c["id"] for c in checklist] == ["who", "where", "when", "voices", "words", "missing", "next"]
    assert checklist.where(checklist[0]).startswith("capstone.yaml, record 'who' (item 1 (line ")
    assert len(your_turn.load_articles()) >= 5


def test_a_broken_checklist_is_named_with_its_key_and_field(data_copy):
    path = data_copy / "capstone.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  prompt: Name the author", "  promt: Name the author", 1), encoding="utf-8")
    with pytest.raises(DataError, match=r"capstone.yaml, record 'who' .*field 'promt': unknown field"):
        your_turn.load_checklist(data_copy)
    path.write_text("checklist: 5\n", encoding="utf-8")
    with pytest.raises(DataError, match="expected a list of records under 'checklist'"):
        your_turn.load_checklist(data_copy)


def test_every_profiled_outlet_is_a_lateral_reading_item_with_its_sources():
    items = judge.items()
    for outlet in your_turn.load_outlets():
        item = items[f"lateral:{outlet['id']}"]
        assert item.kind == "lateral" and outlet["ownership"][:40] in item.explanation
        assert item.sources == tuple(outlet["sources"])
    shown = judge.show("lateral:rudaw")._repr_mimebundle_()
    before = shown["text/html"].split("<details", 1)[0]
    assert "Owned by" not in before and "What the module found" not in before


def test_a_profile_and_an_unknown_outlet():
    assert "Who is behind it: Rudaw Media Network" in your_turn.profile("rudaw").text
    with pytest.raises(NameNotFound, match="no outlet 'rudow'; the profiles are: rubin_center"):
        your_turn.profile("rudow")


def test_the_coverage_table_quotes_each_outlets_words_and_links_the_reports():
    shown = your_turn.coverage_table()
    for report in your_turn.load_coverage():
        assert report["outlet_name"] in shown.text
    assert "\u2018Iranian-backed militias\u2019" in shown.text  # the outlet's words, quoted
    assert "<details" in shown.html and 'href="https://www.jpost.com/' in shown.html


@pytest.mark.parametrize(
    ("typed", "date", "told"),
    [
        ("", None, ""),
        ("2017-05-31", dt.date(2017, 5, 31), ""),
        ("31/05/2017", None, "YYYY-MM-DD"),
        ("<b>x</b>", None, "is not a date"),
    ],
)
def test_a_publication_date_is_read_or_explained(typed, date, told):
    parsed, message = your_turn.parse_published(typed)
    assert parsed == date and told in message


def test_checklist_answers_are_saved_cleaned_and_merged(home):
    assert your_turn.save_answers({"who": " The Post\u200b ", "where": "", "bogus": "x"}) is None
    assert your_turn.save_answers({"where": "Sinjar and <b>Um Jaris</b>"}) is None
    assert your_turn.saved_answers() == {"who": "The Post", "where": "Sinjar and <b>Um Jaris</b>"}
    saved = json.loads((home / "progress.json").read_text(encoding="utf-8"))
    assert set(saved["checklist"]["own-article"]["answers"]) == {"who", "where"}


def test_without_a_kernel_the_checklist_shows_as_a_form_and_typed_html_is_escaped(home):
    bundle = YourArticle()._repr_mimebundle_()
    assert "Run this notebook to paste an article" in bundle["text/html"]
    assert bundle["text/html"].count("<li>") == len(your_turn.load_checklist())
    panel = _Panel(YourArticle("<script>alert(1)</script> Iraqi forces reached Sinjar, an official said.", "2017-05-29"))
    assert "<script>alert" not in panel.findings.value and "Who speaks" in panel.findings.value


def test_the_panel_asks_for_a_text_and_keeps_answers_across_panels(home):
    panel = _Panel(YourArticle())
    assert panel.read() is None and "Paste an article" in panel.findings.value
    panel.answers["who"].value = "Kurdistan24, a channel from Erbil"
    assert panel.save() is None and "Saved: 1 of 7" in panel.status.value
    again = _Panel(YourArticle())
    assert again.answers["who"].value == "Kurdistan24, a channel from Erbil"
