"""The prediction audit (predictions.yaml): sound as shipped, precise when broken.

Broken copies are written to temporary folders (the ``data_copy`` fixture); the real
files are never touched.
"""

from __future__ import annotations

import datetime as dt

import pytest

from newscase.core.article import load_article
from newscase.core.case import load_case
from newscase.core.text import contains_quote
from newscase.core.validate import DataError
from newscase.lessons import predictions
from newscase.timeline import article_date

RECORDS = predictions.load_predictions()
CASE = load_case()
FILE = "predictions.yaml"

# The expectations the audit must cover (issue 7), as the article words them.
REQUIRED = [
    "strike south along the Iraqi border and clear ISIS toward Qaim and Al-Bukamal",
    "link them up with Syrian regime forces moving east from Damascus",
    "This is not a foregone conclusion",
    "ready to move inside Syrian territories",
    "a security concern for Israel",
    "poses a challenge to Jerusalem and the region",
    "raising alarms about their influence over a post-ISIS Iraq",
    "they have come here to fight the Peshmerga when ISIS is gone",
    "hand over local control to Yazidi units",
    "a corridor stretching from the Iranian border to Syria is opened up",
]


# ---- the shipped file


def test_the_audit_covers_every_expectation_the_brief_names():
    quotes = [q for r in RECORDS for q in r["quotes"]]
    for passage in REQUIRED:
        assert any(passage in q for q in quotes), passage


def test_quotes_are_verbatim_and_events_come_after_the_article():
    text = load_article().text
    day = article_date()
    events = {e["id"]: e for e in CASE.records["events"]}
    for record in RECORDS:
        assert all(contains_quote(text, q) for q in record["quotes"]), record["id"]
        assert record["events"], record["id"]
        assert all(events[e]["date"] > day for e in record["events"]), record["id"]
        assert all(events[e]["date"] <= day for e in record["known_then_events"]), record["id"]
        assert record["sources"] and record["reasoning"] and record["other_reading"]


def test_verdicts_vary_and_disputed_ones_rest_on_several_sources():
    verdicts = {r["verdict"] for r in RECORDS}
    assert len(verdicts) >= 3
    assert verdicts <= set(predictions.VERDICTS)
    for record in RECORDS:
        assert len(record["sources"]) >= 3, record["id"]


def test_linked_claims_quote_a_passage_near_the_expectation():
    from newscase.core.text import normalise

    text = normalise(load_article().text)
    claims = {c["id"]: c for c in CASE.records["claims"]}
    for record in RECORDS:
        if not record.get("claim"):
            continue
        claim_at = text.index(normalise(claims[record["claim"]]["quote"]))
        quote_at = [text.index(normalise(q)) for q in record["quotes"]]
        assert min(abs(claim_at - at) for at in quote_at) < 400, record["id"]


# ---- broken copies


def _problems(data_dir, old: str, new: str) -> list[str]:
    path = data_dir / FILE
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        predictions.load_predictions(data_dir)
    return caught.value.problems


def _where(record_id: str) -> str:
    return f"{FILE}, record '{record_id}'"


@pytest.mark.parametrize(
    ("old", "new", "record_id", "field", "says"),
    [
        (
            "    - baaj_retaken_2017\n",
            "    - baaj_retaken_2071\n",
            "strike_south",
            "events",
            "unknown events id 'baaj_retaken_2071' (did you mean 'baaj_retaken_2017'?)",
        ),
        (
            "    - which could link them up with Syrian regime forces moving east from Damascus\n",
            "    - which will link them up with Syrian regime forces\n",
            "link_up",
            "quotes",
            "is not in the article; expected a verbatim passage",
        ),
        (
            "    - That would be a security concern for Israel\n",
            "    - Linking up with Shi’ite militias in Iraq that have been compared to Hezbollah and"
            " openly show posters of Ayatollah Khamenei, poses a challenge to Jerusalem and the"
            " region. Extra\n",
            "israel_concern",
            "quotes",
            "is not in the article",
        ),
        (
            "    - That would be a security concern for Israel\n",
            "    - moving east from Damascus. This is not a foregone conclusion\n",
            "israel_concern",
            "quotes",
            "runs over two lines of the article",
        ),
        (
            "  verdict: qualified\n  reasoning: >-\n    The caution",
            "  verdict: maybe\n  reasoning: >-\n    The caution",
            "not_foregone",
            "verdict",
            "expected one of supported, qualified, disputed, unverifiable",
        ),
        (
            "  events: [al_bukamal_claimed_2017, al_hari_strike_2018, albukamal_strikes_2019]\n",
            "  events: [um_jaris_2017, al_hari_strike_2018]\n",
            "pmu_into_syria",
            "events",
            "'um_jaris_2017' is dated 2017-05-29, not after the article",
        ),
        (
            "  known_then_events: [pmu_law_vote_2016, um_jaris_2017]\n",
            "  known_then_events: [pmu_law_vote_2016, qaim_retaken_2017]\n",
            "pmu_into_syria",
            "known_then_events",
            "'qaim_retaken_2017' is dated 2017-11-03, after the article",
        ),
        (
            "    - tamimi-iran-in-syria\n",
            "    - tamimi-iran-in-syira\n",
            "corridor",
            "sources",
            "unknown sources id 'tamimi-iran-in-syira'",
        ),
        (
            "  voice: kurdish_commander\n",
            "  voice: kurdish_comander\n",
            "fight_peshmerga",
            "voice",
            "unknown actors id 'kurdish_comander' (did you mean 'kurdish_commander'?)",
        ),
        (
            "  stance: implied\n",
            "  stance: implied\n  certainty: high\n",
            "post_isis_influence",
            "certainty",
            "unknown field",
        ),
    ],
)
def test_a_broken_record_is_named_with_its_field(data_copy, old, new, record_id, field, says):
    problems = _problems(data_copy, old, new)
    matching = [p for p in problems if p.startswith(_where(record_id)) and f"field '{field}'" in p]
    assert matching, problems
    assert says in matching[0], matching[0]


def test_a_missing_field_says_what_is_expected(data_copy):
    old = (
        "  other_reading: >-\n    Comparisons are hard to test: how close is 'resemble'? You could"
        " argue 'happened' (an armed\n    force with its own party in parliament is the Hezbollah"
        " model) or 'cannot be tested' (the\n    likeness is in the eye of the beholder).\n"
    )
    problems = _problems(data_copy, old, "")
    assert any(
        p.startswith(_where("hezbollah_model")) and "field 'other_reading': missing" in p
        for p in problems
    ), problems


def test_every_problem_is_reported_at_once(data_copy):
    path = data_copy / FILE
    text = path.read_text(encoding="utf-8")
    text = text.replace("  verdict: supported\n", "  verdict: yes\n")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        predictions.load_predictions(data_copy)
    happened = sum(1 for r in RECORDS if r["verdict"] == "supported")
    assert len([p for p in caught.value.problems if "field 'verdict'" in p]) == happened


def test_a_file_that_is_not_a_list_is_refused(data_copy):
    (data_copy / FILE).write_text("id: strike_south\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        predictions.load_predictions(data_copy)
    assert caught.value.problems[0].startswith(FILE)


# ---- lookups and renderers


def test_line_of_matches_the_numbered_article():
    assert predictions.line_of("The next move that can be expected") == 18
    assert predictions.line_of("Iraqi forces carve out strategic corridor") == 2
    with pytest.raises(ValueError):
        predictions.line_of("not in the article at all")


def test_record_and_unknown_ids():
    assert predictions.record("corridor")["verdict"] in predictions.VERDICTS
    with pytest.raises(KeyError, match="Did you mean 'corridor'"):
        predictions.record("coridor")


def test_aftermath_range_comes_from_the_data():
    start, end = predictions.aftermath_range()
    day = article_date()
    last = max(e["date"] for e in CASE.records["events"])
    assert start == day.replace(day=1)
    assert end == dt.date(last.year, 12, 31)


def test_events_of_a_prediction_are_its_events_in_date_order():
    frame = predictions.events_of("strike_south")
    assert list(frame.index) == list(predictions.record("strike_south")["events"])
    before = predictions.events_of("strike_south", then=True)
    assert set(before.index) == set(predictions.record("strike_south")["known_then_events"])
    assert list(frame["date"]) == sorted(frame["date"])


def test_overview_lists_every_expectation_without_a_verdict():
    shown = predictions.overview()
    for record in RECORDS:
        assert record["id"] in shown.text
    assert f"({len(RECORDS)})" in shown.text and "Verdict" not in shown.text
    assert "<table" in shown.html and "<script" not in shown.html


def test_card_shows_quote_evidence_and_sources_but_not_the_verdict():
    item = predictions.record("fight_peshmerga")
    shown = predictions.card("fight_peshmerga")
    assert "they have come here to fight the Peshmerga" in shown.text
    assert "20 October 2017: Iraqi forces and PMU fight the Peshmerga at Altun Kupri" in shown.html
    assert "Verdict" not in shown.text and item["reasoning"][:50] not in shown.text
    assert item["other_reading"][:50] not in shown.text
    assert "<summary>What happened next</summary>" in shown.html  # evidence, on demand
    assert "Sources for this expectation" in shown.text
    assert "Related claim" not in predictions.card("hezbollah_model").text


def test_renderers_escape_html():
    shown = predictions.hindsight_table()
    assert "'" not in shown.html.replace("&#x27;", "")
    assert predictions.verdict_key().text.count("\n") >= len(predictions.VERDICTS) + 1


def test_reading_list_is_computed_from_the_audit_sources():
    shown = predictions.reading_list()
    kinds = {r["id"]: r["kind"] for r in CASE.records["sources"]}
    cited = {s for r in RECORDS for s in r["sources"]}
    expected = [s for s in cited if kinds[s] in {"analysis", "official", "academic"}]
    assert shown.text.startswith("Further reading\n1. ")
    assert shown.text.count("\n") == len(expected)
    assert "Iranian-backed militias reach" not in shown.text  # news reports are left out
