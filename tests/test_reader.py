"""newscase.read(): the reader's toolkit on any article (issue 15).

The expectations are the hand labels of tests/texts/ (fictional texts in three styles, an
HTML page and a text in Arabic; see tests/texts/README.md), written by someone other than
the reader's author. read() must find exactly what they list: no label missed, nothing
extra. Odd input must never raise, and must say what could not be done.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import newscase
from newscase.core.article import load_article
from newscase.core.case import load_case
from newscase.reader.model import KEYS, Reading
from newscase.reader.source import MAX_CHARS

TEXTS = Path(__file__).parent / "texts"
NAMES = sorted(path.stem for path in TEXTS.glob("*.txt"))
# The labelled fields compared for each list (lat and lon follow from place_id; alternatives
# from term_id; both are checked separately below).
COMPARED = {
    "voices": ("speaker", "named", "kind", "via", "sentence"),
    "places": ("mention", "place_id"),
    "numbers": ("text", "value", "unit"),
    "dates": ("text", "date", "inferred"),
    "terms": ("text", "term_id"),
}


def _labels(name: str) -> dict:
    return yaml.safe_load((TEXTS / f"{name}.yaml").read_text(encoding="utf-8"))


def _read(name: str) -> Reading:
    labels = _labels(name)
    raw = (TEXTS / f"{name}.txt").read_text(encoding="utf-8")
    return newscase.read(raw, published=labels["published"], outlet=labels["outlet"])


READINGS = {name: _read(name) for name in NAMES}


def _as_set(rows: list[dict], fields: tuple[str, ...]) -> set[tuple]:
    return {tuple(row[f] for f in fields) for row in rows}


# ---- the labelled texts


def test_every_labelled_text_is_read():
    assert set(NAMES) == {"analysis", "arabic", "html_wrapped", "opinion", "wire_report"}


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("kind", list(COMPARED))
def test_read_finds_exactly_what_the_labels_list(name, kind):
    fields = COMPARED[kind]
    found = _as_set(getattr(READINGS[name], kind), fields)
    expected = _as_set(_labels(name)[kind], fields)
    assert found == expected, f"missing {expected - found}; extra {found - expected}"


@pytest.mark.parametrize("name", NAMES)
def test_places_carry_the_coordinates_of_places_csv_or_none_to_locate(name):
    places = {r["id"]: r for r in load_case().records["places"]}
    reading = READINGS[name]
    for place in reading.places:
        record = places.get(place["place_id"])
        assert (place["lat"], place["lon"]) == (
            (record["lat"], record["lon"]) if record else (None, None)
        )
    to_locate = [p["mention"] for p in reading.places if p["lat"] is None]
    if to_locate:
        assert "To locate (not in places.csv)" in reading.render().text
        assert ", ".join(to_locate) in reading.render().text


@pytest.mark.parametrize("name", NAMES)
def test_terms_carry_the_neutral_alternatives_of_terms_yaml(name):
    from newscase.framing.terms import term_by_id

    terms = term_by_id()
    for term in READINGS[name].terms:
        assert term["alternatives"] == list(terms[term["term_id"]].neutral_alternatives)


@pytest.mark.parametrize("name", NAMES)
def test_voices_point_at_real_sentences(name):
    reading = READINGS[name]
    numbers = [s["number"] for s in reading.sentences]
    assert numbers == list(range(1, len(numbers) + 1))
    assert {v["sentence"] for v in reading.voices} <= set(numbers)


def test_the_html_page_is_read_as_its_visible_text():
    reading = READINGS["html_wrapped"]
    assert reading.sentences[0]["text"].startswith("ERBIL — Fighters reached the border")
    assert "Colonel Test" not in reading.text and "p { color" not in reading.text
    assert any("HTML" in note for note in reading.notes)


def test_a_text_in_arabic_is_not_analysed_and_read_says_why():
    reading = READINGS["arabic"]
    assert not (reading.voices or reading.places or reading.numbers or reading.dates)
    assert [n for n in reading.notes if "reads English only" in n]
    assert "reads English only" in reading.render().text


# ---- the seed goes through the same code


def test_the_seed_read_like_any_article_finds_its_mapped_places():
    reading = newscase.read(load_article().text, published="2017-05-29")
    found = {p["place_id"] for p in reading.places}
    # Not names of places, so not expected: "Lebanon" (beirut's mention: the article names
    # only the country) and "the Iraq-Syrian border near Jordan" (a description).
    expected = {
        r["id"]
        for r in load_case().records["places"]
        if r["article_mention"]
        and r["article_mention"][0].isupper()
        and r["article_mention"] != "Lebanon"
    }
    assert expected <= found, expected - found
    assert {"Jonathan Spyer", "Fabrice Balanche", "A Kurdish commander"} <= {
        v["speaker"] for v in reading.voices
    }
    assert {"lightning_offensive", "shiite_crescent", "militias"} <= {
        t["term_id"] for t in reading.terms
    }
    assert ("40km", 40, "km") in _as_set(reading.numbers, COMPARED["numbers"])
    assert ("May 26", "2017-05-26", True) in _as_set(reading.dates, COMPARED["dates"])


def test_variants_of_the_terms_are_recognised():
    text = (
        "Iranian backed units and an Iran-backed militia moved. Officials feared a Shiite "
        "crescent; the towns were liberated along two corridors."
    )
    found = _as_set(newscase.read(text).terms, COMPARED["terms"])
    assert found == {
        ("Iranian backed", "iranian_backed"),
        ("Iran-backed", "iranian_backed"),
        ("militia", "militias"),
        ("Shiite crescent", "shiite_crescent"),
        ("liberated", "liberating"),
        ("corridors", "corridor"),
    }


def test_relative_dates_count_from_publication_or_from_the_date_before():
    text = (
        "The unit entered Rabia on 3 June 2017. Two days later it reached Sinjar. "
        "Yesterday it withdrew, and a week ago nobody expected it."
    )
    dates = _as_set(newscase.read(text, published="2017-06-10").dates, COMPARED["dates"])
    assert dates == {
        ("3 June 2017", "2017-06-03", False),
        ("Two days later", "2017-06-05", True),
        ("Yesterday", "2017-06-09", True),
        ("a week ago", "2017-06-03", True),
    }


# ---- odd input never raises, and read() says what it could not do

ODD = {
    "None": (None, "No text was given"),
    "empty": ("", "no words"),
    "white space": ("  \n\t ", "no words"),
    "a number": (42, "Expected the article's text as a string, got int"),
    "French": (
        "Les combattants ont atteint la frontière syrienne près de Rabia, selon un responsable "
        "local, après une semaine de combats dans le désert.",
        "does not read as English",
    ),
    "HTML only": ("<html><script>var a = 1;</script></html>", "no words"),
}


@pytest.mark.parametrize("name", list(ODD))
def test_odd_input_never_raises_and_says_what_it_could_not_do(name):
    raw, message = ODD[name]
    reading = newscase.read(raw)
    assert any(message in note for note in reading.notes), reading.notes
    assert reading.voices == [] and reading.terms == []
    assert reading.render().text  # it still displays


def test_bytes_are_read_as_utf8_and_read_says_so():
    for raw, message in (
        (b"Fighters reached Rabia, an official said.", "read as UTF-8."),
        (b"Fighters reached Rabia \xff, an official said.", "1 character(s) could not be decoded"),
    ):
        reading = newscase.read(raw)
        assert any(message in note for note in reading.notes), reading.notes
        assert [v["speaker"] for v in reading.voices] == ["an official"]
        assert reading.places[0]["place_id"] == "rabia"


def test_huge_text_is_capped_and_read_says_so():
    paragraph = "Fighters reached Rabia on Sunday, a local official told Rudaw.\n"
    reading = newscase.read(paragraph * (MAX_CHARS // len(paragraph) + 50))
    assert len(reading.text) <= MAX_CHARS
    assert any("only the first" in note for note in reading.notes)
    assert reading.voices[0] == {
        "speaker": "a local official",
        "named": False,
        "kind": "paraphrase",
        "via": "Rudaw",
        "sentence": 1,
    }


def test_relative_dates_without_a_publication_day_are_left_open_and_said():
    reading = newscase.read("Fighters reached Rabia on Sunday, a local official said.")
    assert reading.dates == [{"text": "on Sunday", "date": None, "inferred": False}]
    assert any("published='YYYY-MM-DD'" in note for note in reading.notes)
    bad = newscase.read("Fighters reached Rabia on Sunday.", published="last Sunday")
    assert any("is not a date written YYYY-MM-DD" in note for note in bad.notes)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=400))
def test_any_text_is_read_without_an_error(text):
    reading = newscase.read(text)
    assert not [n for n in reading.notes if "could not finish" in n]
    reading.render()


# ---- plain data and display


@pytest.mark.parametrize("name", NAMES)
def test_data_are_plain_lists_of_dicts_with_exactly_the_documented_keys(name):
    reading = READINGS[name]
    for kind, keys in KEYS.items():
        rows = getattr(reading, kind)
        assert isinstance(rows, list)
        assert all(type(row) is dict and tuple(row) == keys for row in rows), kind
    assert all(isinstance(note, str) for note in reading.notes)
    assert KEYS["voices"] == ("speaker", "named", "kind", "via", "sentence")
    assert {v["kind"] for v in reading.voices} <= {"quote", "paraphrase"}


def test_the_lists_are_copies_a_student_may_change():
    reading = READINGS["wire_report"]
    reading.voices[0]["speaker"] = "someone else"
    reading.places.clear()
    assert reading.voices[0]["speaker"] == "a commander"
    assert reading.places


def test_the_reading_displays_as_html_and_text_and_escapes_the_text():
    reading = newscase.read(
        "Fighters reached <Rabia> & Sinjar, a local official said.",
        published="<script>alert(1)</script>",
    )
    bundle = reading._repr_mimebundle_()
    assert set(bundle) == {"text/html", "text/plain"}
    assert "<script>" not in bundle["text/html"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in bundle["text/html"]
    assert "<script>alert(1)</script>" in bundle["text/plain"]
    assert str(reading) == bundle["text/plain"]
    wire = READINGS["wire_report"].render()
    assert "Colonel Hamid Saadi" in wire.text and "<table" in wire.html


def test_read_is_a_lazy_public_name_and_importing_the_reader_is_cheap():
    import newscase.reader.analyse  # a submodule must not shadow the public name

    assert newscase.read is newscase.reader.read is newscase.reader.analyse.read
    code = (
        "import sys, newscase.reader as r; r.__dir__(); "
        "print([m for m in ('pandas', 'yaml', 'newscase.reader.voices') if m in sys.modules])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
