"""Who is absent: derived from actors.yaml, relations.csv and the voices found, not listed."""

from __future__ import annotations

from pathlib import Path

from newscase.core.case import load_case
from newscase.core.display import CELL_STYLE
from newscase.framing import render
from newscase.framing.absences import find_absences, flag_mismatches, has_stake
from newscase.framing.voices import find_voices

from helpers import by_id, edit_data, read_rows, write_rows

ROWS = {r.actor: r for r in find_absences()}
REQUIRED = {
    "sunni_arab_residents",
    "sdf",
    "iran",
    "syrian_government",
    "yazidis",
    "us_government",
    "iraq_government",
    "haider_al_abadi",
}


def _edit_actors(folder: Path, change) -> None:
    edit_data(folder, "actors.yaml", lambda records: change(by_id(records)))


def test_the_checklist_holds_the_missing_stakeholders():
    assert set(ROWS) >= REQUIRED


def test_heard_voices_and_non_parties_are_not_on_it():
    for actor in ("abu_mahdi_al_muhandis", "kurdish_commander", "pmu"):
        assert actor not in ROWS  # quoted, or led by someone quoted (the PMU by Muhandis)
    for actor in ("jonathan_spyer", "rudaw", "kurdistan24", "seth_frantzman", "reuters"):
        assert actor not in ROWS  # analysts and outlets are not parties to the story


def test_rows_say_whether_and_how_the_actor_is_named():
    assert ROWS["iran"].named and "'Tehran' (2×)" in ROWS["iran"].how_named
    assert ROWS["syrian_government"].how_named == "as '[Syrian] regime' (1×), 'Syrian regime' (1×)"
    assert ROWS["us_government"].how_named == "as 'US-supported' (1×)"
    for actor in ("sunni_arab_residents", "sdf"):
        assert not ROWS[actor].named and ROWS[actor].how_named == "not named"
    named = [r.named for r in ROWS.values()]
    assert named == sorted(named, reverse=True)  # named actors first


def test_abadi_and_his_government_are_heard_only_through_paraphrase_and_a_tweet():
    abadi = ROWS["haider_al_abadi"]
    assert abadi.speaks == "only paraphrased"
    assert abadi.flags == ("never quoted directly", "paraphrased via a tweet")
    assert "'he met with the Shi’ite militias' (tweeted that; a tweet)" in abadi.detail
    government = ROWS["iraq_government"]
    assert government.speaks == "no"
    assert government.detail.startswith("only through Haider al-Abadi, only paraphrased")
    assert "through Haider al-Abadi: paraphrased via a tweet" in government.flags


def test_stakes_come_from_the_data():
    actors = {r["id"]: r for r in load_case().records["actors"]}
    for row in ROWS.values():
        assert row.stake == actors[row.actor]["stake"]
        assert has_stake(actors[row.actor])


def test_the_speaks_flags_of_actors_yaml_agree_with_the_text():
    assert flag_mismatches() == []


def test_changing_the_data_changes_the_checklist(data_copy):
    def speaks(actors):
        actors["sdf"]["speaks_in_article"] = True

    _edit_actors(data_copy, speaks)
    case = load_case(data_copy)
    rows = {r.actor for r in find_absences(case)}
    assert "sdf" not in rows and "sunni_arab_residents" in rows
    assert flag_mismatches(case) == [
        "actors.yaml, record 'sdf', field 'speaks_in_article': True but the detector finds 'no'"
    ]


def test_a_stake_marked_not_a_party_takes_the_actor_off(data_copy):
    def no_party(actors):
        actors["yazidis"]["stake"] = "Not a party to the conflict (changed for a test)."

    _edit_actors(data_copy, no_party)
    assert "yazidis" not in {r.actor for r in find_absences(load_case(data_copy))}


def test_without_the_leads_relation_the_government_is_not_heard_through_abadi(data_copy):
    path = data_copy / "relations.csv"
    rows = read_rows(path)
    kept = [
        r
        for r in rows
        if not (r["source"] == "haider_al_abadi" and r["target"] == "iraq_government")
    ]
    assert len(kept) == len(rows) - 1
    write_rows(path, kept)
    case = load_case(data_copy)
    government = {r.actor: r for r in find_absences(case)}["iraq_government"]
    assert government.detail == "—" and government.flags == ("never quoted or paraphrased",)


def test_a_voice_the_detector_finds_removes_the_actor(data_copy):
    # If the data said the unnamed "Kurdish commander" spoke for the Peshmerga, his quote
    # would be the Peshmerga's words, and they would be heard. (The seed's speakers are data:
    # voices.yaml gives each voice's actor id.)
    assert "peshmerga" in ROWS
    edit_data(
        data_copy,
        "voices.yaml",
        lambda rs: by_id(rs)["kurdish_commander_fears"].update(speaker="peshmerga"),
    )
    case = load_case(data_copy)
    voices = find_voices(case)
    assert [v.text for v in voices if v.speaker == "peshmerga"] == [
        "they have come here to fight the Peshmerga when ISIS is gone."
    ]
    assert "peshmerga" not in {r.actor for r in find_absences(case, voices)}


def test_absences_table_renders_and_escapes():
    rendered = render.absences_table()
    assert "Sunni Arab residents" in rendered.text
    assert rendered.html.count("<tr>") == len(ROWS) + 1
    assert f"<tr><td{CELL_STYLE}>Government of Iraq</td>" in rendered.html
