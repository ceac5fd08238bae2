"""The glossary and the primer: look-ups by any name, misses with suggestions, the page."""

from __future__ import annotations

import json
import re

import pytest

import newscase
from newscase.core import glossary
from newscase.core.validate import DataError

from helpers import ROOT


def test_an_entry_is_found_by_id_term_other_name_or_the_articles_spelling():
    for name in ("pmu", "Popular Mobilization Units (PMU)", "hashd al-shaabi", "Hashd al-Shaabi"):
        found, _ = glossary.lookup(name)
        assert found and found["id"] == "pmu", name
    shown = newscase.glossary("Hashd al-Shaabi")
    assert shown.text.startswith("Glossary: Popular Mobilization Units (PMU)")
    assert "<table" in shown.html


@pytest.mark.parametrize(
    ("name", "entry"),
    [
        ("Albu Kamal", "qaim_albukamal"),  # one town of "Al-Qaim and Albu Kamal"
        ("Hashd", "pmu"),  # "the Hashd"
        ("PMF", "pmu"),  # "Popular Mobilization Forces (PMF)"
        ("Popular Mobilization Forces", "pmu"),
    ],
)
def test_a_part_of_an_entrys_name_finds_it(name, entry):
    found, _ = glossary.lookup(name)
    assert found and found["id"] == entry


def test_a_loaded_term_points_to_the_terms_table():
    for name in ("militia", "Militias", "Iranian-backed", "regime"):
        shown = newscase.glossary(name).text
        assert "is one of the article's loaded terms" in shown, name
        assert "newscase.framing.terms_table()" in shown


def test_a_miss_says_so_and_suggests_close_entries_without_echoing_markup():
    assert "Did you mean: " in newscase.glossary("Pesmerga").text
    assert "Peshmerga" in newscase.glossary("Pesmerga").text
    odd = newscase.glossary("<script>x</script>")
    assert "<script>" not in odd.html and "is not in the glossary" in odd.text
    assert "Give a word to look up" in newscase.glossary("  ").text
    assert "Give a word to look up" in newscase.glossary(42).text


def test_the_glossary_has_at_least_thirty_terms_and_the_primer_one_screen():
    assert len(glossary.load_glossary()) >= 30
    texts = " ".join(section["text"] for section in glossary.load_primer())
    assert 250 <= len(re.findall(r"\w+", texts)) <= 380  # about one screen
    shown = newscase.primer()
    assert all(s["title"] in shown.text for s in glossary.load_primer())


def test_a_spelling_the_article_does_not_use_is_refused(data_copy):
    path = data_copy / "glossary.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("article_spelling: [Shi’ite, Shi'ite]",
                                                 "article_spelling: [Shiite-ish]"),
        encoding="utf-8",
    )
    with pytest.raises(DataError, match=r"record 'shia'.*'Shiite-ish' is not in the article"):
        glossary.load_glossary(data_copy)


def test_docs_glossary_is_generated_from_the_data():
    assert (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8") == glossary.markdown_page(), (
        "docs/glossary.md is out of date: run `python tools/build_notebooks.py glossary`"
    )


def _markdown_links(text: str) -> list[str]:
    return re.findall(r"\]\(\.\./docs/glossary\.md#([^)]+)\)", text)


def test_notebooks_link_glossary_terms_to_headings_that_exist():
    anchors = {glossary.anchor(e["term"]) for e in glossary.load_glossary()}
    linked = 0
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        for cell in cells:
            if cell["cell_type"] == "markdown":
                for target in _markdown_links("".join(cell["source"])):
                    assert target in anchors, (path.name, target)
                    linked += 1
    assert linked >= 20, "notebooks link glossary terms at their first use"
