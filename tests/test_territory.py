"""Who held what on the article's day: territory.yaml, its loader and its table."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from newscase.core.case import load_case
from newscase.core.validate import DataError
from newscase.lessons import territory
from newscase.timeline import NameNotFound, OptionProblem, article_date

CASE = load_case()
AREAS = territory.load_territory()


def _write(folder, records):
    (folder / "territory.yaml").write_text(yaml.safe_dump(records, allow_unicode=True), "utf-8")
    territory.load_territory.cache_clear()


def _raw(folder):
    return yaml.safe_load((folder / "territory.yaml").read_text("utf-8"))


# ---- the shipped file


def test_areas_cover_both_countries_and_the_border_at_um_jaris():
    assert len(AREAS) >= 10
    assert {c for a in AREAS for c in a.country} == {"IQ", "SY"}
    ids = {a.id for a in AREAS}
    assert {"um_jaris_iraqi_side", "um_jaris_syrian_side", "al_tanf", "mosul_old_city"} <= ids
    held = {a.id: set(a.held_by) for a in AREAS}
    assert held["um_jaris_iraqi_side"] >= {"pmu"} and held["um_jaris_syrian_side"] == {"sdf"}


def test_every_area_cites_known_sources_and_refers_to_known_records():
    for area in AREAS:
        assert area.sources and set(area.sources) <= set(CASE.ids("sources")), area.id
        assert set(area.held_by) <= set(CASE.ids("actors")), area.id
        assert set(area.place_ids) <= set(CASE.ids("places")), area.id
        assert len(area.note) > 40, area.id


def test_events_bracket_the_articles_day():
    day = article_date()
    events = {e["id"]: e for e in CASE.records["events"]}
    for area in AREAS:
        if area.since_event:
            assert events[area.since_event]["date"] <= day, area.id
        if area.until_event:
            assert events[area.until_event]["date"] >= day, area.id


# ---- selecting and rendering


def test_table_names_the_articles_day_and_dates_from_events():
    rendered = territory.territory_table()
    assert rendered.text.startswith("Who held what on 29 May 2017, the article's day")
    assert f"({len(AREAS)} areas)" in rendered.text
    assert "10 June 2014: Islamic State fighters seize Mosul" in rendered.text
    assert "not in the data" in rendered.text
    assert "<caption>" in rendered.html and "newscase-territory" in rendered.html


def test_filter_by_actor_name_and_by_country():
    held = territory.areas("Islamic State")
    assert held and all("islamic_state" in a.held_by for a in held)
    assert [a.id for a in territory.areas("Hashd al-Shaabi")] == [
        a.id for a in AREAS if "pmu" in a.held_by
    ]
    syria = territory.areas(country="Syria")
    assert syria == territory.areas(country="sy") and all("SY" in a.country for a in syria)
    text = territory.territory_table(actors="islamic_state", country="SY").text
    assert "held by Islamic State in Syria" in text.splitlines()[0]


def test_unknown_actor_or_country_gets_a_friendly_error():
    with pytest.raises(NameNotFound, match="Did you mean"):
        territory.areas("Islamic Stat")
    with pytest.raises(OptionProblem, match="IQ"):
        territory.areas(country="Narnia")


def test_html_is_escaped(data_copy):
    records = _raw(data_copy)
    records[0]["note"] = "<script>alert(1)</script> " + records[0]["note"]
    _write(data_copy, records)
    rendered = territory.territory_table(data_dir=data_copy)
    assert "<script>" not in rendered.html and "&lt;script&gt;" in rendered.html


# ---- broken copies: errors name the file, the record and the field


def test_unknown_references_are_reported_with_file_record_and_field(data_copy):
    records = _raw(data_copy)
    records[0]["held_by"] = ["islamic_stat"]
    records[1]["since_event"] = "east_mosul_2017"
    records[2]["sources"] = ["no-such-source"]
    _write(data_copy, records)
    with pytest.raises(DataError) as error:
        territory.load_territory(data_copy)
    message = str(error.value)
    assert "territory.yaml, record 'mosul_old_city'" in message and "field 'held_by'" in message
    assert "record 'mosul_rest'" in message and "field 'since_event'" in message
    assert "record 'tal_afar'" in message and "field 'sources'" in message


def test_events_that_do_not_bracket_the_day_are_refused(data_copy):
    records = _raw(data_copy)
    records[0]["since_event"] = "mosul_victory_2017"  # after the article's day
    records[0]["until_event"] = "fall_of_mosul_2014"  # before it
    _write(data_copy, records)
    with pytest.raises(DataError) as error:
        territory.load_territory(data_copy)
    message = str(error.value)
    assert "field 'since_event'" in message and "after the article's day" in message
    assert "field 'until_event'" in message and "before the article's day" in message


def test_missing_fields_bad_countries_and_a_missing_file(data_copy):
    records = _raw(data_copy)
    del records[0]["note"]
    records[1]["country"] = ["Iraq"]
    records[2]["held_by"] = []
    _write(data_copy, records)
    with pytest.raises(DataError) as error:
        territory.load_territory(data_copy)
    message = str(error.value)
    assert "field 'note': missing" in message
    assert "field 'country'" in message and "ISO 3166-1" in message
    assert "field 'held_by'" in message
    (data_copy / "territory.yaml").unlink()
    territory.load_territory.cache_clear()
    with pytest.raises(DataError, match=r"territory\.yaml: file not found"):
        territory.load_territory(data_copy)


def test_a_month_precision_until_event_counts_to_the_end_of_its_month():
    day = dt.date(2017, 5, 29)
    record, where = {"since_event": None, "until_event": "e"}, "territory.yaml, record 'x'"
    in_month = {"e": {"id": "e", "date": dt.date(2017, 5, 1), "date_precision": "month"}}
    assert territory._bracket_problems(record, where, in_month, day) == []
    before = {"e": {"id": "e", "date": dt.date(2017, 4, 1), "date_precision": "month"}}
    told = territory._bracket_problems(record, where, before, day)[0]
    assert told.startswith(where) and "before the article's day" in told
