"""read(): the reader's toolkit on any English news article.

>>> from newscase import read
>>> reading = read("“The road is open,” said Azad Hamo, a farmer who lives 15 km from Rabia.")
>>> reading.voices[0]["speaker"], reading.numbers[0]["value"], reading.places[0]["place_id"]
('Azad Hamo', 15, 'rabia')
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from newscase.core.datafiles import cached_per_folder
from newscase.core.validate import DataError
from newscase.reader.dates import find_dates
from newscase.reader.lexicon import load_lexicon
from newscase.reader.model import Reading
from newscase.reader.numbers import find_numbers
from newscase.reader.places import Gazetteer, find_places, gazetteer
from newscase.reader.source import prepare, split_sentences
from newscase.reader.terms import find_terms
from newscase.reader.voices import find_attributions


@dataclass(frozen=True)
class Knowledge:
    """What the reader brings to any text: the lexicon, places.csv, the actors' outlets,
    terms.yaml."""

    lexicon: dict[str, frozenset[str]]
    places: Gazetteer
    outlets: frozenset[str]
    terms: tuple


@cached_per_folder
def knowledge(folder: Path) -> Knowledge:
    """The reader's knowledge from one data folder (cached per folder)."""
    from newscase.core.case import load_case
    from newscase.core.terms import load_terms

    lexicon = load_lexicon(folder)
    case = load_case(folder)
    actors = case.records["actors"]
    actor_names = [n for a in actors for n in (a["name"], *(a.get("alt_names") or ()))]
    outlet_names = [
        n for a in actors if a["kind"] == "outlet" for n in (a["name"], *(a.get("alt_names") or ()))
    ]
    places = gazetteer(
        case.records["places"],
        lexicon["cities"],
        lexicon["countries"],
        lexicon["nationalities"],
        lexicon["organisation_words"],
        actor_names,
    )
    return Knowledge(
        lexicon, places, lexicon["news_outlets"] | set(outlet_names), load_terms(folder)
    )


def read(text, published=None, outlet=None) -> Reading:
    """Read an English news article: who speaks, where, how many, when, which loaded words.

    ``text``: the article (plain text or the HTML of a page); ``published``: its date
    (YYYY-MM-DD), which relative dates such as "on Tuesday" are counted from; ``outlet``:
    who published it. Returns a :class:`~newscase.reader.model.Reading`; never raises on odd
    input, but says in ``reading.notes`` what it could not do."""
    notes: list[str] = []
    day = _published(published, notes)
    outlet = str(outlet).strip() or None if outlet is not None else None
    try:
        known = knowledge()
    except DataError as exc:  # a damaged data file: say so rather than fail
        return Reading(
            "", _iso(day), outlet, note_list=(f"The reader's data could not be loaded. {exc}",)
        )
    source = prepare(text, known.lexicon["stop_words"])
    notes += source.notes
    if not source.english:
        return Reading(source.text, _iso(day), outlet, note_list=tuple(notes))
    try:
        return analyse(source.text, day, outlet, known, notes)
    except Exception as exc:  # a bug must not cost a student the cell: say so instead
        notes.append(
            f"read() could not finish ({type(exc).__name__}: {exc}). This is a bug in newscase; "
            "please report it with the text you gave."
        )
        return Reading(source.text, _iso(day), outlet, note_list=tuple(notes))


def analyse(
    text: str, day: dt.date | None, outlet: str | None, known: Knowledge, notes=()
) -> Reading:
    """The reading of ``text`` (already clean): the engines of reader/ in turn."""
    notes = list(notes)
    sentences = split_sentences(text)
    attributions = find_attributions(text, sentences, known.outlets)
    dates = find_dates(text, day)
    numbers = find_numbers(text, [(d.start, d.end) for d in dates])
    speakers = [a.label for a in attributions if a.named]
    places = find_places(text, known.places, speakers)
    terms = find_terms(
        text, known.terms, known.lexicon["countries"], known.lexicon["nationalities"]
    )
    if day is None and any(d.date is None and not _vague(d.text) for d in dates):
        notes.append(
            'Dates counted from the day of publication ("on Tuesday", "two days earlier") '
            "were not worked out: give published='YYYY-MM-DD'."
        )
    return Reading(
        text,
        _iso(day),
        outlet,
        tuple(attributions),
        tuple(places),
        tuple(numbers),
        tuple(dates),
        tuple(terms),
        tuple(sentences),
        tuple(notes),
    )


def _vague(words: str) -> bool:
    return words.lower().startswith(("last ", "this ", "earlier ", "later ", "in recent"))


def _published(value, notes: list[str]) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        notes.append(
            f"published={value!r} is not a date written YYYY-MM-DD: relative dates were not "
            "worked out."
        )
        return None


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
