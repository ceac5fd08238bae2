"""Where: the places a text names, matched to places.csv where the module knows them.

A place is found three ways: a name or alternative name of places.csv or a city of the
lexicon, anywhere ("Baaj", "ERBIL", "Washington"); a run of capitalised words after a word of
location ("in Amman", "near Rabia", "across the Nineveh desert", "the village of Tal Qasab");
or a dateline ("BAGHDAD (Reuters) —"). Countries, nationalities, months and weekdays,
organisations ("the Lantern Brigade") and actors that are not places ("Hezbollah") are left
out. Each place is listed once, as first written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from newscase.core.text import fold, name_key
from newscase.reader.lexicon import any_phrase, split_words

WORD = r"(?:(?:al|el|ad|an|ar|as|ash|at|az|ez)-)?[A-Z][\w’'\-]*"
RUN = rf"{WORD}(?:\s+(?:(?:al|el|ez|de|bin)\s+)?{WORD}){{0,3}}"
LOCATIVE = re.compile(
    r"\b(?:in|In|at|At|near|Near|from|From|to|To|into|toward|towards|across|Across|outside"
    r"|Outside|inside|around|through|via|past|between|(?:north|south|east|west|north-east"
    r"|north-west|south-east|south-west|northeast|northwest|southeast|southwest)\s+of"
    r"|(?:village|town|city|district|province|region|governorate|area)\s+of)"
    rf"\s+(?:the\s+)?(?P<run>{RUN})"
)
AND_THEN = re.compile(rf"\s+and\s+(?:the\s+)?(?P<run>{RUN})")
ORGANISATION_AFTER = re.compile(r"\s+[A-Z][a-z]+")
DATELINE = re.compile(r"^(?P<run>[A-Z][A-Z’'\-]+(?:\s+[A-Z][A-Z’'\-]+){0,2})(?=\s*(?:\(|—|–|-|,))")
NOT_AFTER = re.compile(r"\baccording\s+$|\b(?:spoke|talked|listened|wrote|said)\s+$", re.IGNORECASE)
CALENDAR = split_words(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday"
)
DETERMINER = {"the", "a", "an", "this", "that", "these", "those", "it", "its"}


@dataclass(frozen=True)
class Place:
    """One place named in the text, with its record in places.csv if there is one."""

    mention: str
    place_id: str | None
    lat: float | None
    lon: float | None
    start: int
    end: int

    def as_dict(self) -> dict:
        return {
            "mention": self.mention,
            "place_id": self.place_id,
            "lat": self.lat,
            "lon": self.lon,
        }


@dataclass(frozen=True)
class Gazetteer:
    """What the reader knows about places: places.csv, the lexicon, and what is not a place."""

    known: dict[str, dict]  # name key -> places.csv record
    cities: frozenset[str]
    not_places: frozenset[str]  # countries, nationalities, actors that are not places
    organisation_words: frozenset[str]
    pattern: re.Pattern  # every known name and city, longest first, on folded text


def gazetteer(
    places: Iterable[dict],
    cities: Iterable[str],
    countries: Iterable[str],
    nationalities: Iterable[str],
    organisation_words: Iterable[str],
    actor_names: Iterable[str] = (),
) -> Gazetteer:
    """Build the reader's gazetteer from places.csv records and the lexicon's lists."""
    excluded = {name_key(w) for w in (*countries, *nationalities)}
    known: dict[str, dict] = {}
    for record in places:
        for name in _names(record):
            if name_key(name) not in excluded:  # "Lebanon" stands for Beirut only in the seed
                known.setdefault(name_key(name), record)
    city_keys = frozenset(name_key(c) for c in cities)
    pattern = any_phrase({*known, *city_keys})
    excluded |= {name_key(a) for a in actor_names} - set(known) - city_keys
    return Gazetteer(
        known,
        city_keys,
        frozenset(excluded),
        frozenset(name_key(w) for w in organisation_words),
        pattern,
    )


def _names(record: dict) -> list[str]:
    """A record's name, alternative names and article spelling, with and without "Al-"."""
    names = [record["name"], *(record.get("alt_names") or ()), record.get("article_mention")]
    names = [n for n in names if n]
    bare = [re.sub(r"^(?:al|el)[-\s]", "", n, flags=re.IGNORECASE) for n in names]
    return list(dict.fromkeys([*names, *bare]))


def find_places(text: str, places: Gazetteer, people: Iterable[str] = ()) -> list[Place]:
    """Every distinct place ``text`` names, in reading order. ``people``: names of speakers,
    which are not places even after "to" or "from"."""
    persons = {name_key(word) for name in people for word in (name, *name.split())}
    found: dict[str, Place] = {}
    for start, end in sorted(_known(text, places) + _by_context(text, places)):
        mention = text[start:end]
        key = name_key(mention)
        if key in found or (key in persons and key not in places.known):
            continue
        record = places.known.get(key)
        found[key] = Place(
            mention,
            record["id"] if record else None,
            record["lat"] if record else None,
            record["lon"] if record else None,
            start,
            end,
        )
    return sorted(found.values(), key=lambda p: p.start)


def _known(text: str, places: Gazetteer) -> list[tuple[int, int]]:
    spans = []
    for match in places.pattern.finditer(fold(text)):
        first = text[match.start()]
        if not (
            first.isupper() or re.match(r"(?:al|el)-", text[match.start() : match.start() + 3])
        ):
            continue
        after = ORGANISATION_AFTER.match(text, match.end())
        if after and name_key(after.group(0).strip()) in places.organisation_words:
            continue  # "the Washington Institute", "The Jerusalem Post"
        spans.append(match.span())
    return spans


def _by_context(text: str, places: Gazetteer) -> list[tuple[int, int]]:
    spans = []
    for line_match in re.finditer(r"[^\n]+", text):
        line, base = line_match.group(0), line_match.start()
        dateline = DATELINE.match(line)
        if dateline and _is_place(dateline["run"], places):
            spans.append((base + dateline.start("run"), base + dateline.end("run")))
        for match in LOCATIVE.finditer(line):
            if NOT_AFTER.search(line[: match.start()]):
                continue
            run = _trim_run(match["run"])
            if run and _is_place(run, places):
                start = base + match.start("run")
                spans.append((start, start + len(run)))
                also = AND_THEN.match(line, match.start("run") + len(run))
                if also and _is_place(_trim_run(also["run"]), places):  # "between X and Y"
                    spans.append(
                        (
                            base + also.start("run"),
                            base + also.start("run") + len(_trim_run(also["run"])),
                        )
                    )
    return spans


def _trim_run(run: str) -> str:
    """The run up to a month, weekday or capitalised determiner ("Syria The Hashd")."""
    kept = []
    for word in run.split():
        if word.lower() in CALENDAR or (kept and word.lower() in DETERMINER):
            break
        kept.append(word)
    return " ".join(kept)


def _is_place(run: str, places: Gazetteer) -> bool:
    words = run.split()
    if not words or words[0].lower() in DETERMINER:
        return False
    key = name_key(run)
    if key in places.known or key in places.cities:
        return True
    if key in places.not_places or name_key(words[0]) in places.not_places:
        return False
    if any(name_key(w) in places.organisation_words for w in words):
        return False
    return not any(w.lower() in CALENDAR for w in words)
