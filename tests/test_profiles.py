"""Profiles of chosen actors and events, from the data's own summaries."""

from __future__ import annotations

import pytest

from newscase.core.case import load_case
from newscase.core.display import CELL_STYLE
from newscase.lessons.profiles import actor_profiles, event_details
from newscase.timeline import NameNotFound

CASE = load_case()


def test_actor_profiles_keep_the_order_given_and_accept_other_names():
    rendered = actor_profiles(["Hashd al-Shaabi", "badr", "Quds Force"])
    text = rendered.text
    assert text.startswith("Who is who: 3 actors")
    assert text.index("Popular Mobilization Units") < text.index("Badr Organization")
    assert text.index("Badr Organization") < text.index("Quds Force")
    assert "(id: pmu)" in text and "paramilitary group" in text and "armed force" in text
    first_words = CASE.record("actors", "badr")["summary"].split()[:4]
    assert " ".join(first_words) in " ".join(text.split())


def test_actor_profiles_unknown_name_suggests_close_matches():
    with pytest.raises(NameNotFound, match="Did you mean"):
        actor_profiles(["Bader Organisation"])


def test_event_details_are_sorted_by_date_with_precision():
    rendered = event_details(["pmu_law_published_2016", "pmu_law_vote_2016"], caption="PMU law")
    lines = rendered.text.splitlines()
    assert lines[0] == "PMU law"
    body = rendered.text
    assert body.index("26 November 2016") < body.index("December 2016")
    assert "1 December 2016" not in body  # a month-precision date stays a month
    assert "Baghdad" in body


def test_event_details_unknown_id_suggests_ids():
    with pytest.raises(NameNotFound, match="pmu_law_vote_2016"):
        event_details(["pmu_law_vote"])


def test_one_event_as_a_string_and_escaped_html():
    rendered = event_details("kocho_massacre_2014")
    assert rendered.text.startswith("1 event from the case data")
    assert f"<td{CELL_STYLE}>" in rendered.html and "<script" not in rendered.html
