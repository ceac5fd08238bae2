"""newscase.lessons.geography (notebook 03): published distances, paths, crossings, the ground.

The four data files (dash.yaml, published_distances.yaml, crossings.yaml, ground.yaml) are checked
like every other data file: broken copies must fail with file, record and field named.
"""

from __future__ import annotations

import re

import pytest

from newscase import load_case, quiz
from newscase.core.validate import DataError
from newscase.lessons import geography
from newscase.maps import distance as geo
from newscase.maps import show
from newscase.maps.assets import leaflet_css, leaflet_js

from helpers import edit_data, synthetic_places

CASE = load_case()
URL = re.compile(r"https?://[^\s\"'()<>\\]+", re.IGNORECASE)
LEAFLET_URLS = {
    "http://www.w3.org/2000/svg",
    "https://leafletjs.com",
    "https://bugzilla.mozilla.org/show_bug.cgi?id=888319",
}


# ---- the real data files load, and what they say is consistent with the case


def test_the_three_data_files_load_and_cite_known_sources():
    known = set(CASE.ids("sources"))
    for records in (
        geography.load_published_distances(),
        geography.load_crossings(),
        geography.load_ground(),
    ):
        assert records
        for record in records:
            assert record["sources"] and set(record["sources"]) <= known, record["id"]


def test_every_ground_aspect_is_covered():
    aspects = {r["aspect"] for r in geography.load_ground()}
    assert aspects == set(geography.ASPECTS)


def test_crossing_events_involve_the_crossing_places():
    for crossing in geography.load_crossings():
        sides = {crossing["iraq_place"], crossing.get("syria_place")} - {None}
        for event_id in crossing.get("events") or ():
            places = set(CASE.record("events", event_id)["place_ids"] or ())
            assert places & (sides | {"tri_border_area"}), (crossing["id"], event_id)


def test_three_official_crossings():
    official = [c["id"] for c in geography.load_crossings() if c["official"]]
    assert len(official) == 3


def test_ground_events_exist_and_places_exist():
    places, events = set(CASE.ids("places")), set(CASE.ids("events"))
    for record in geography.load_ground():
        assert set(record["places"]) <= places
        assert set(record.get("events") or ()) <= events


# ---- published distances against the straight line


def comparison(km, measure="not_stated", km_high=None, places=None):
    places = places or synthetic_places(a=(36.0, 41.0, 1), b=(36.0, 42.0, 1))
    record = {
        "id": "x",
        "start": "a",
        "end": "b",
        "km": km,
        "km_high": km_high,
        "says": "",
        "measure": measure,
        "sources": ["s"],
    }
    return geography.Comparison(record, geo.measure("a", "b", places))


def test_verdicts_follow_the_straight_line_range_and_rounding():
    straight = comparison(1).measurement  # about 90 km, range +-2 km
    assert 88 < straight.distance_km < 92
    assert comparison(60).verdict == "shorter"
    assert comparison(straight.distance_km).verdict == "agrees"
    # within the 5 % rounding allowance on either side of the range
    assert comparison(straight.low_km / (1 + geography.ROUNDING) + 0.1).verdict == "agrees"
    assert comparison(straight.high_km / (1 - geography.ROUNDING) - 0.1).verdict == "agrees"
    assert comparison(130).verdict == "longer"
    assert "as a distance by road must be" in comparison(130, "road").verdict_text()
    assert "does not say how it measured" in comparison(130).verdict_text()
    assert comparison(60, km_high=95).verdict == "agrees"  # a published range overlaps


def test_real_comparisons_say_what_the_places_research_found():
    verdicts = {c.record["id"]: c.verdict for c in geography.comparisons()}
    assert verdicts["tikrit_baghdad_reuters"] == "shorter"  # 130 km vs about 157 km
    assert verdicts["sinjar_mosul_alshahid"] == "shorter"  # 70 km vs about 111 km
    assert verdicts["qaim_baghdad_afp"] == "agrees"
    assert verdicts["tehran_beirut_alma"] == "longer"  # a road route


def test_compare_published_renders_every_record_with_its_sources():
    rendered = geography.compare_published()
    records = geography.load_published_distances()
    assert rendered.html.count("<tr>") == len(records) + 1
    assert "How to read this table" in rendered.text
    assert "Sources" in rendered.text and "defenceWeb" in rendered.text


# ---- paths: a straight line is a lower bound


def test_a_detour_is_never_shorter_than_the_straight_line():
    direct = geography.measure_path(["kocho", "um_jaris"])
    detour = geography.measure_path(["kocho", "qahtaniya", "um_jaris"])
    assert detour.length_km >= direct.length_km
    assert detour.uncertainty_km == sum(leg.uncertainty_km for leg in detour.legs)
    with pytest.raises(ValueError, match="at least two place ids"):
        geography.measure_path(["kocho"])


def test_route_lengths_measure_lines_and_refuse_areas():
    text = geography.route_lengths(["northern_link_up", "southern_link_up"]).text
    assert "Kocho → Qahtaniya (Til Ezer) → Umm Jaris" in text
    with pytest.raises(ValueError, match="is an area"):
        geography.route_lengths(["al_tanf_area"])
    with pytest.raises(KeyError, match="no route 'nowhere'"):
        geography.route_lengths(["nowhere"])


def test_the_dash_quiz_answer_is_the_measured_distance():
    question = quiz.load("03-dash-km")
    measured = geo.measure("kocho", "um_jaris").distance_km
    assert abs(measured - question.answer) <= question.tolerance
    assert quiz.check("03-dash-km", f"{measured:.0f} km").correct


# ---- tables and the crossings map


def test_ground_table_filters_by_aspect():
    terrain = geography.ground_table("terrain")
    assert "Sinjar mountains" in terrain.text and "Who held the Syrian side" not in terrain.text
    with pytest.raises(ValueError, match="unknown aspect"):
        geography.ground_table("weather")


def test_crossings_table_lists_events_by_date():
    text = geography.crossings_table().html
    assert "30 September 2019: Al-Qaim–Albu Kamal border crossing reopens" in text
    assert "(not an official crossing)" in text


def test_places_table():
    places = geography.places_table(["kocho", "um_jaris"]).text
    assert "kocho" in places and "± 15" in places


def test_crossings_map_is_offline_stable_and_has_a_text_version():
    first, second = geography.crossings_map(), geography.crossings_map()
    page = first.get_root().render()
    assert page == second.get_root().render()
    rest = page.replace(leaflet_js(), "").replace(leaflet_css(), "")
    assert URL.findall(rest) == []
    assert set(URL.findall(page)) <= LEAFLET_URLS
    text = show(first)._repr_mimebundle_()["text/plain"]
    for name in ("Al-Walid border crossing", "Rabia", "Al-Qaim", "Umm Jaris"):
        assert name in text
    assert "Crossing: Al-Walid – al-Tanf (official)" in text
    assert len(show(first)._repr_mimebundle_()["text/html"]) < 300_000


# ---- the article's "dash over 40km." (dash.yaml)


def test_dash_check_measures_each_origin_with_propagated_uncertainty():
    places = geo.places_by_id(CASE)
    check = geography.check_dash_claim()
    assert [m.start for m in check.measurements] == ["qahtaniya", "kocho", "sinjar"]
    assert check.claimed_km == 40
    for m in check.measurements:
        assert m.end == "um_jaris"
        expected = places[m.start]["precision_km"] + places["um_jaris"]["precision_km"]
        assert m.uncertainty_km == expected
        assert m.distance_km == geo.distance_km(m.start, "um_jaris", places)
    assert check.target_precision_km == places["um_jaris"]["precision_km"]
    rendered = check.render()
    for m in check.measurements:
        assert m.start_name in rendered.text and m.start_name in rendered.html
    assert "straight line is the shortest possible route" in rendered.text
    assert check._repr_mimebundle_()["text/plain"] == rendered.text


def test_dash_check_states_the_distance_its_claim_quotes():
    (check,) = geography.load_claim_checks(CASE.data_dir)
    quote = CASE.record("claims", check["claim"])["quote"]
    assert "40km." in quote and check["claimed_km"] == 40


def test_unknown_claim_check_names_the_known_ones():
    with pytest.raises(KeyError, match="no claim check 'dash_50km'; expected one of dash_40km"):
        geography.check_dash_claim("dash_50km")


def test_dash_verdicts_cover_over_under_and_undecided():
    pts = synthetic_places(
        target=(36.0, 41.0, 1), far=(36.0, 41.7, 1), near=(36.0, 41.2, 1), fuzzy=(36.0, 41.45, 15)
    )
    check = geography.claim_check(("far", "near", "fuzzy"), "target", 40, pts)
    verdicts = [check.verdict(m) for m in check.measurements]
    assert verdicts == [
        "over 40 km even at the low end",
        "under 40 km even at the high end",
        "40 km lies inside the range: cannot tell",
    ]


def test_key_distances_show_every_pair_of_dash_yaml():
    pairs = geography.load_key_pairs(CASE.data_dir)
    rendered = geography.key_distances()
    assert rendered.html.count("<tr>") == len(pairs) + 1
    for pair in pairs:
        assert CASE.record("places", pair["start"])["name"] in rendered.text


# ---- broken copies name file, record and field


@pytest.mark.parametrize(
    ("name", "loader", "mutate", "message"),
    [
        (
            "published_distances.yaml",
            geography.load_published_distances,
            lambda rs: rs[0].update(start="tikrit2"),
            r"published_distances.yaml, record 'tikrit_baghdad_reuters' .*field 'start': "
            r"unknown places id 'tikrit2' \(did you mean 'tikrit'\?\)",
        ),
        (
            "published_distances.yaml",
            geography.load_published_distances,
            lambda rs: rs[1].update(km_high=10),
            r"record 'tikrit_baghdad_ap' .*field 'km_high': expected a number not below km",
        ),
        (
            "published_distances.yaml",
            geography.load_published_distances,
            lambda rs: rs[2].update(measure="as the crow flies"),
            r"record 'tikrit_baghdad_xinhua' .*field 'measure': expected one of "
            r"not_stated, road, straight_line",
        ),
        (
            "published_distances.yaml",
            geography.load_published_distances,
            lambda rs: rs[3].update(end=rs[3]["start"]),
            r"record 'sinjar_mosul_alshahid' .*field 'end': expected a place different",
        ),
        (
            "crossings.yaml",
            geography.load_crossings,
            lambda rs: rs[0].update(events=["qaim_reopened"]),
            r"crossings.yaml, record 'qaim_albu_kamal' .*field 'events': unknown events id",
        ),
        (
            "crossings.yaml",
            geography.load_crossings,
            lambda rs: rs[1].pop("road"),
            r"record 'walid_tanf' .*field 'road': missing; expected non-empty text",
        ),
        (
            "crossings.yaml",
            geography.load_crossings,
            lambda rs: rs[2].update(official="maybe"),
            r"record 'rabia_yarubiyah' .*field 'official': expected true or false",
        ),
        (
            "ground.yaml",
            geography.load_ground,
            lambda rs: rs[0].update(aspect="weather"),
            r"ground.yaml, record 'southern_sinjar_plains' .*field 'aspect': expected one of "
            r"terrain, people, control, roads",
        ),
        (
            "ground.yaml",
            geography.load_ground,
            lambda rs: rs[1].update(sources=["nowhere-2017"]),
            r"record 'sinjar_mountains' .*field 'sources': unknown sources id 'nowhere-2017'",
        ),
        (
            "ground.yaml",
            geography.load_ground,
            lambda rs: rs[2].update(colour="red"),
            r"record 'euphrates_valley' .*field 'colour': unknown field",
        ),
        (
            "dash.yaml",
            geography.load_claim_checks,
            lambda doc: doc["claim_checks"][0].update(claimed_km=50),
            r"dash.yaml, record 'dash_40km' .*field 'claimed_km': expected the distance the "
            r"quote of claim 'badr_spearheaded_40km' states",
        ),
        (
            "dash.yaml",
            geography.load_claim_checks,
            lambda doc: doc["claim_checks"][0].update(origins=["kocho", "atlantis"]),
            r"record 'dash_40km' .*field 'origins': unknown places id 'atlantis'",
        ),
        (
            "dash.yaml",
            geography.load_key_pairs,
            lambda doc: doc["key_pairs"][0].update(end="qahtaniya"),
            r"record 'qahtaniya_um_jaris' .*field 'end': expected a place different",
        ),
    ],
)
def test_broken_files_name_file_record_and_field(data_copy, name, loader, mutate, message):
    edit_data(data_copy, name, mutate)
    with pytest.raises(DataError, match=message):
        loader(data_copy)


def test_files_are_read_from_the_case_data_folder(data_copy):
    (data_copy / "crossings.yaml").unlink()
    with pytest.raises(DataError, match=r"crossings.yaml: file not found"):
        geography.load_crossings(data_copy)
