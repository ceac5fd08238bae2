"""The case data as shipped: sourced, verbatim, consistent, plausible.

The loader already refuses unknown references and non-verbatim quotes; these tests
state the module's promises directly, on the real files, so a reader sees them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re

import pytest
import yaml

from newscase.core.article import load_article
from newscase.core.case import load_case
from newscase.core.text import normalise

from helpers import PACKAGE_DATA, SEED

CASE = load_case()
SEED_TEXT = SEED.read_bytes().decode("utf-8")
META_PATH = SEED.with_suffix(".meta.yaml")
CITING_TABLES = ("places", "actors", "events", "relations", "claims")

# Places the article names (issue 3), each with the spelling the article uses.
ARTICLE_PLACES = {
    "um_jaris": "Um Jaris",
    "sinjar": "Sinjar",
    "kocho": "Kocho",
    "mosul": "Mosul",
    "tikrit": "Tikrit",
    "erbil": "Erbil",
    "baghdad": "Baghdad",
    "tehran": "Tehran",
    "damascus": "Damascus",
    "qaim": "Qaim",
    "al_bukamal": "Al-Bukamal",
    "beirut": "Lebanon",
    "jerusalem": "Jerusalem",
}
LATER_PLACES = {"al_tanf", "al_baaj", "deir_ez_zor", "raqqa", "kirkuk", "tri_border_area"}
ARTICLE_ACTORS = {
    "pmu",
    "badr",
    "hadi_al_amiri",
    "abu_mahdi_al_muhandis",
    "qassem_soleimani",
    "quds_force",
    "haider_al_abadi",
    "peshmerga",
    "islamic_state",
    "hezbollah",
    "rudaw",
    "kurdistan24",
    "jonathan_spyer",
    "fabrice_balanche",
    "washington_institute",
    "rubin_center",
    "seth_frantzman",
    "jerusalem_post",
    "kurdish_commander",
    "kurdish_experts_erbil",
    "mahdi_army",
    "ali_khamenei",
    "yazidis",
    "iran",
    "israel",
    "reuters",
}


def _all_citations():
    for table in CITING_TABLES:
        for record in CASE.records[table]:
            yield table, record


# ---- sources


def test_every_record_cites_at_least_one_known_source():
    known = set(CASE.ids("sources"))
    for _, record in _all_citations():
        assert record["sources"], f"{record['_where']} cites no source"
        assert set(record["sources"]) <= known, record["_where"]


def test_every_source_is_cited_somewhere():
    cited = {s for _, record in _all_citations() for s in record["sources"]}
    cited |= {item["id"] for item in load_article().meta["verified_by"]}
    # Any other YAML data file (quizzes, routes, terms ...) cites by a "sources" list.
    for path in sorted(PACKAGE_DATA.rglob("*.yaml")):
        if path.name == "sources.yaml":
            continue
        records = yaml.safe_load(path.read_text(encoding="utf-8"))
        for record in records if isinstance(records, list) else []:
            if isinstance(record, dict):
                cited |= set(record.get("sources") or [])
    unused = sorted(set(CASE.ids("sources")) - cited)
    assert not unused, f"sources listed but never cited: {unused}"


def test_sources_have_a_title_an_outlet_and_a_web_address_or_reference():
    for record in CASE.records["sources"]:
        assert record["title"] and record["outlet"]
        assert record["url"] or record["reference"], record["_where"]
        if record["url"]:
            assert record["url"].startswith(("https://", "http://")), record["_where"]


def test_contested_verdicts_rest_on_more_than_one_source():
    for record in CASE.records["claims"]:
        if record["verdict"] in {"qualified", "disputed"}:
            assert len(record["sources"]) >= 2, record["_where"]


# ---- the article and its verbatim quotes


def test_seed_is_unaltered_and_the_package_copy_is_identical():
    meta = yaml.safe_load(META_PATH.read_text(encoding="utf-8"))
    assert hashlib.sha256(SEED.read_bytes()).hexdigest() == meta["sha256"]
    packaged = PACKAGE_DATA / "article"
    assert (packaged / "article.txt").read_bytes() == SEED.read_bytes()
    assert (packaged / "article.yaml").read_bytes() == META_PATH.read_bytes()


def test_article_metadata_is_complete_and_matches_the_text():
    meta = load_article().meta
    for key in ("title", "standfirst", "author", "outlet", "date", "url", "reproduction_note"):
        assert meta.get(key), f"article metadata lacks {key}"
    lines = [line for line in SEED_TEXT.splitlines() if line.strip()]
    assert lines[0] == meta["title"] and lines[1] == meta["standfirst"]
    assert isinstance(meta["date"], dt.date)
    assert meta["url"].startswith("https://www.jpost.com/")
    assert meta["source"] in CASE.ids("sources")


@pytest.mark.parametrize(
    ("table", "field"),
    [("claims", "quote"), ("places", "article_mention"), ("actors", "article_mentions")],
)
def test_quotes_of_the_article_are_verbatim(table, field):
    text = normalise(SEED_TEXT)
    checked = 0
    for record in CASE.records[table]:
        value = record[field]
        for quote in value if isinstance(value, tuple) else (value,) if value else ():
            assert normalise(quote) in text, f"{record['_where']}: {quote!r}"
            checked += 1
    assert checked > 0


def test_normalising_only_folds_typography():
    assert normalise("Shi\u2019ite  \u201ccrescent\u201d \u2013 x") == 'Shi\'ite "crescent" - x'
    assert normalise("Shiite militias") not in normalise(SEED_TEXT), "spelling is not folded"


def test_there_are_at_least_ten_claims_with_every_verdict_explained():
    claims = CASE.records["claims"]
    assert len(claims) >= 10
    assert all(len(c["explanation"]) > 40 for c in claims)


# ---- places


def test_places_the_article_names_are_present_with_its_spelling():
    places = {r["id"]: r for r in CASE.records["places"]}
    for place_id, mention in ARTICLE_PLACES.items():
        assert place_id in places, place_id
        assert places[place_id]["article_mention"] == mention, place_id
    assert set(places) >= LATER_PLACES


def test_coordinates_lie_in_the_region_the_story_covers():
    for record in CASE.records["places"]:
        assert 29.0 <= record["lat"] <= 38.5, record["_where"]
        assert 34.0 <= record["lon"] <= 52.0, record["_where"]
        assert re.fullmatch(r"-?\d+(\.\d{1,4})?", repr(record["lat"])), "at most 4 decimals"


def test_small_places_do_not_claim_false_precision():
    for record in CASE.records["places"]:
        if record["kind"] == "village":
            assert record["precision_km"] >= 1, record["_where"]
        if record["kind"] == "area":
            assert record["precision_km"] >= 20, record["_where"]


# ---- events and relations


def test_enough_events_from_2014_to_2020_in_date_order():
    events = CASE.records["events"]
    assert len(events) >= 25
    dates = [e["date"] for e in events]
    assert dates == sorted(dates), "keep events.csv in date order"
    assert dt.date(2014, 1, 1) <= dates[0] and dates[-1] <= dt.date(2020, 12, 31)


def test_the_articles_own_day_is_on_the_timeline():
    day = load_article().meta["date"]
    assert any(e["date"] == day for e in CASE.records["events"])


def test_relations_are_between_different_actors_and_not_repeated():
    seen = set()
    for record in CASE.records["relations"]:
        assert record["source"] != record["target"], record["_where"]
        key = (record["source"], record["target"], record["kind"], record["start"])
        assert key not in seen, f"{record['_where']} repeats a relation"
        seen.add(key)


# ---- actors


def test_actors_the_article_names_are_present():
    assert set(CASE.ids("actors")) >= ARTICLE_ACTORS


def test_actors_with_article_mentions_and_speakers_agree():
    actors = {r["id"]: r for r in CASE.records["actors"]}
    for claim in CASE.records["claims"]:
        assert claim["speaker"] in actors
    for record in actors.values():
        if record["speaks_in_article"]:
            assert record["article_mentions"], f"{record['_where']} speaks but is never named"
