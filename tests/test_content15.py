"""Content for "Your turn" (issue 15): outlet profiles, same-day coverage, the capstone, test texts.

Checks that every reference in outlets.yaml, coverage.yaml and capstone.yaml resolves, and that
the hand labels of tests/texts/ point at real ids and at strings that occur in their texts.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from helpers import PACKAGE_DATA, SEED

TEXTS = Path(__file__).parent / "texts"
SEED_TEXT = SEED.read_text(encoding="utf-8")
TEXT_NAMES = sorted(path.stem for path in TEXTS.glob("*.txt"))
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
QUOTE_MARKS = '"“”'


def _load(name: str):
    return yaml.safe_load((PACKAGE_DATA / name).read_text(encoding="utf-8"))


def _ids(name: str) -> set[str]:
    return {record["id"] for record in _load(name)}


SOURCE_IDS = _ids("sources.yaml")
ACTOR_IDS = _ids("actors.yaml")
TERM_IDS = _ids("terms.yaml")
with (PACKAGE_DATA / "places.csv").open(encoding="utf-8") as handle:
    PLACE_IDS = {row["id"] for row in csv.DictReader(handle)}
OUTLETS = _load("outlets.yaml")
COVERAGE = _load("coverage.yaml")
CAPSTONE = _load("capstone.yaml")


# ---- helpers


class _VisibleText(HTMLParser):
    """Collects the text a browser would show: no tags, no <script> or <style> contents."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._hidden += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def visible_text(raw: str) -> str:
    """The text of a test file as a reader sees it (HTML reduced to its visible text)."""
    if "<html" not in raw.lower():
        return raw
    parser = _VisibleText()
    parser.feed(raw)
    parser.close()
    return html.unescape(" ".join(" ".join(parser.parts).split()))


def sentences(text: str) -> list[str]:
    """Split at . ! or ? (optionally closing a quotation) followed by white space (README.md)."""
    parts = re.split(r"(?<=[.!?])\s+|(?<=[.!?][”\"’])\s+", text.strip())
    return [part for part in parts if part.strip()]


def _text_and_labels(name: str) -> tuple[str, dict]:
    raw = (TEXTS / f"{name}.txt").read_text(encoding="utf-8")
    labels = yaml.safe_load((TEXTS / f"{name}.yaml").read_text(encoding="utf-8"))
    return visible_text(raw), labels


# ---- the helpers themselves


def test_sentence_splitter_keeps_decimals_and_closing_quotes_together():
    text = "He said $1.2 billion. “Go,” she said. “Stop.” Then it ended!"
    assert sentences(text) == [
        "He said $1.2 billion.",
        "“Go,” she said.",
        "“Stop.”",
        "Then it ended!",
    ]


def test_visible_text_drops_tags_scripts_and_styles():
    raw = "<html><style>a{}</style><script>var s = 'Mosul';</script><p>A &amp; B.</p></html>"
    assert visible_text(raw) == "A & B."


# ---- outlets.yaml


def test_outlets_have_unique_ids_and_every_field():
    fields = (
        "id",
        "name",
        "actor",
        "kind",
        "based_in",
        "ownership",
        "funding",
        "affiliation",
        "track_record",
        "what_to_check",
        "sources",
    )
    ids = [outlet["id"] for outlet in OUTLETS]
    assert len(ids) == len(set(ids)), "outlets.yaml: duplicate ids"
    for outlet in OUTLETS:
        missing = [field for field in fields if field not in outlet]
        assert not missing, f"outlets.yaml, {outlet['id']}: missing {missing}"
        assert outlet["track_record"], f"outlets.yaml, {outlet['id']}: empty track_record"


def test_outlets_profile_the_sources_the_article_and_module_lean_on():
    required = {
        "rubin_center",
        "washington_institute",
        "rudaw",
        "kurdistan24",
        "jerusalem_post",
        "kayhan",
        "al_masdar_news",
        "eldorar_alshamia",
    }
    assert required <= {outlet["id"] for outlet in OUTLETS}


def test_outlets_cite_known_sources_and_actors():
    for outlet in OUTLETS:
        assert outlet["sources"], f"outlets.yaml, {outlet['id']}: no sources"
        unknown = set(outlet["sources"]) - SOURCE_IDS
        assert not unknown, f"outlets.yaml, {outlet['id']}: unknown source ids {sorted(unknown)}"
        assert outlet["actor"] is None or outlet["actor"] in ACTOR_IDS, outlet["id"]


def test_what_the_article_says_about_an_outlet_is_verbatim():
    for outlet in OUTLETS:
        if outlet.get("article_says"):
            assert outlet["article_says"] in SEED_TEXT, outlet["id"]


# ---- coverage.yaml


def test_coverage_records_resolve_to_outlets_and_sources():
    outlet_ids = {outlet["id"] for outlet in OUTLETS}
    ids = [record["id"] for record in COVERAGE]
    assert len(ids) == len(set(ids)), "coverage.yaml: duplicate ids"
    for record in COVERAGE:
        where = f"coverage.yaml, {record['id']}"
        assert record["outlet"] is None or record["outlet"] in outlet_ids, where
        assert record["source"] in SOURCE_IDS, where
        assert record["source"] in record["sources"], f"{where}: sources must include source"
        assert set(record["sources"]) <= SOURCE_IDS, where
        assert record["led_with"] and record["outlet_name"], where


def test_coverage_dates_fall_on_the_days_after_the_border_was_reached():
    dated = [record for record in COVERAGE if record["date"] is not None]
    assert len(dated) >= len(COVERAGE) - 1
    for record in dated:
        day = dt.date.fromisoformat(str(record["date"]))
        assert dt.date(2017, 5, 29) <= day <= dt.date(2017, 5, 30), record["id"]
    for record in COVERAGE:
        if record["date"] is None:
            assert "Undated" in record["note"], f"{record['id']}: say why the date is missing"


def test_coverage_of_the_article_itself_quotes_the_seed_verbatim():
    (own,) = [record for record in COVERAGE if record["source"] == "jpost-2017-militias-border"]
    assert own["headline"] in SEED_TEXT
    for label in own["labels"]["pmu"] + own["labels"]["others"]:
        assert label in SEED_TEXT, label
    assert "Bo Hassan" in own["photo"] and "2014" in own["photo"]


def test_coverage_compares_several_kinds_of_outlet():
    assert len(COVERAGE) >= 8
    assert len({record["outlet_name"] for record in COVERAGE}) >= 8


# ---- capstone.yaml


def test_checklist_covers_the_seven_questions():
    topics = {item["id"] for item in CAPSTONE["checklist"]}
    assert {"who", "where", "when", "voices", "words", "missing", "next"} <= topics
    for item in CAPSTONE["checklist"]:
        assert item["question"].endswith("?") and item["how"] and item["prompt"], item["id"]


def test_capstone_articles_are_real_sourced_reports():
    articles = CAPSTONE["articles"]
    assert 5 <= len(articles) <= 8
    assert len({article["source"] for article in articles}) == len(articles)
    for article in articles:
        assert article["source"] in SOURCE_IDS, article["id"]
        assert article["why"], article["id"]


def test_every_new_source_is_cited_by_a_list_the_integrity_test_sees():
    # tests/test_data_integrity.py collects `sources` lists from YAML files that are lists.
    cited = {s for record in OUTLETS + COVERAGE for s in record["sources"]}
    assert {article["source"] for article in CAPSTONE["articles"]} <= cited


# ---- test texts and their labels


def test_there_are_three_styles_a_foreign_text_and_an_html_page():
    assert {"wire_report", "analysis", "opinion", "arabic", "html_wrapped"} <= set(TEXT_NAMES)
    for name in ("wire_report", "analysis", "opinion"):
        words = len((TEXTS / f"{name}.txt").read_text(encoding="utf-8").split())
        assert 150 <= words <= 300, f"{name}: {words} words"


@pytest.mark.parametrize("name", TEXT_NAMES)
def test_labels_follow_the_schema(name):
    _, labels = _text_and_labels(name)
    assert set(labels) == {"published", "outlet", "voices", "places", "numbers", "dates", "terms"}
    published = dt.date.fromisoformat(labels["published"])
    for voice in labels["voices"]:
        assert voice["kind"] in ("quote", "paraphrase") and isinstance(voice["named"], bool)
    for number in labels["numbers"]:
        assert isinstance(number["value"], int | float) and number["unit"] in (
            "km",
            "mi",
            "count",
            "USD",
        )
    for date in labels["dates"]:
        assert isinstance(date["inferred"], bool)
        if date["date"] is not None:
            assert dt.date.fromisoformat(date["date"]) <= published, date


@pytest.mark.parametrize("name", TEXT_NAMES)
def test_labelled_ids_exist(name):
    _, labels = _text_and_labels(name)
    for place in labels["places"]:
        assert place["place_id"] is None or place["place_id"] in PLACE_IDS, place
    for term in labels["terms"]:
        assert term["term_id"] in TERM_IDS, term


@pytest.mark.parametrize("name", TEXT_NAMES)
def test_labelled_strings_occur_verbatim_in_their_sentence_or_text(name):
    text, labels = _text_and_labels(name)
    numbered = sentences(text)
    for voice in labels["voices"]:
        assert 1 <= voice["sentence"] <= len(numbered), voice
        assert voice["speaker"] in numbered[voice["sentence"] - 1], voice
        if voice["via"]:
            assert voice["via"] in numbered[voice["sentence"] - 1], voice
        quoted = any(mark in numbered[voice["sentence"] - 1] for mark in QUOTE_MARKS)
        assert quoted == (voice["kind"] == "quote"), voice
    for key, field in (
        ("places", "mention"),
        ("numbers", "text"),
        ("dates", "text"),
        ("terms", "text"),
    ):
        for item in labels[key]:
            assert item[field] in text, f"{name}: {key} {item[field]!r} not in the text"


@pytest.mark.parametrize("name", TEXT_NAMES)
def test_weekdays_resolve_to_that_weekday_before_publication(name):
    _, labels = _text_and_labels(name)
    published = dt.date.fromisoformat(labels["published"])
    for date in labels["dates"]:
        named = [day for day in WEEKDAYS if day in date["text"].lower()]
        if named and date["date"]:
            day = dt.date.fromisoformat(date["date"])
            assert day.strftime("%A").lower() == named[0] and date["inferred"], date
            assert 0 < (published - day).days <= 7, date


def test_html_decoys_are_not_in_the_visible_text():
    text, _ = _text_and_labels("html_wrapped")
    assert "99 km" not in text and "Colonel Test" not in text and "Mosul 5 km" not in text
