"""Which words: the loaded terms of terms.yaml in any text, with their close variants.

A term's forms (as the seed article wrote them) are also found as a reader would recognise
them elsewhere: in any case and quote style; with a hyphen or a space ("Iranian backed");
with the country for the nationality or the other way round ("Iran-backed" for
"Iranian-backed"); without the apostrophe ("Shiite"); and inflected ("militia",
"liberated", "corridors"). Each form is listed once, as first written, with the term's id
and its neutral alternatives.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from newscase.core.text import fold, name_key
from newscase.reader.lexicon import any_phrase

SUFFIXES = ("", "s", "es", "e", "ed", "es", "ing", "ion", "ions", "ator", "ators")


@dataclass(frozen=True)
class TermUse:
    """A loaded term as the text writes it."""

    text: str
    term_id: str
    alternatives: tuple[str, ...]
    start: int
    end: int

    def as_dict(self) -> dict:
        return {"text": self.text, "term_id": self.term_id, "alternatives": list(self.alternatives)}


def variants(
    form: str, countries: frozenset[str] = frozenset(), nationalities=frozenset()
) -> set[str]:
    """The spellings of ``form`` a reader takes for the same word (see the module docstring)."""
    found = {form}
    for item in list(found):
        found.add(item.replace("-", " "))
    for item in list(found):
        found |= _swap_nationality(item, countries, nationalities)
    for item in list(found):
        found.add(re.sub(r"(?<=\w)['’](?=\w)", "", item))
    for item in list(found):
        found |= _inflections(item)
    return {v for v in found if v.strip()}


def _swap_nationality(form: str, countries, nationalities) -> set[str]:
    """ "Iranian-backed" <-> "Iran-backed", "Syrian regime" <-> "Syria regime" (only words
    the lexicon lists)."""
    match = re.match(r"^([A-Z][a-z]+)(?=[- ])", form)
    if not match:
        return set()
    word, rest = match.group(1), form[match.end() :]
    swaps = set()
    for country in (word[:-3], word[:-1]) if word.endswith("ian") or word.endswith("n") else ():
        if name_key(country) in countries:
            swaps.add(country + rest)
    for ending in ("ian", "n", "i"):
        if name_key(word + ending) in nationalities and name_key(word) in countries:
            swaps.add(word + ending + rest)
    return swaps


def _inflections(form: str) -> set[str]:
    """The last word's plural and, for a longer word, the forms sharing its stem
    ("liberating": "liberate", "liberated", "liberation" ...)."""
    head, _, last = form.rpartition(" ")
    if not last.islower():
        return set()  # names ("Islamic State", "ISIS") are not inflected
    prefix = head + " " if head else ""
    stem = re.sub(r"(?:ing|ion|ions|ed|es|s|e)$", "", last) if len(last) > 5 else last
    found = {prefix + last + "s", prefix + last + "es"}
    if last.endswith("s"):
        found.add(prefix + last[:-1])
    if stem != last:
        found |= {prefix + stem + suffix for suffix in SUFFIXES}
    return found


@functools.lru_cache(maxsize=8)
def _patterns(terms: tuple, countries: frozenset[str], nationalities: frozenset[str]):
    """Per term: one regex of all its variants on folded text (the longest wins)."""
    compiled = []
    for term in terms:
        forms = {v for form in term.forms for v in variants(form, countries, nationalities)}
        compiled.append((term, any_phrase(forms)))
    return tuple(compiled)


def find_terms(
    text: str,
    terms: Iterable,
    countries: frozenset[str] = frozenset(),
    nationalities: frozenset[str] = frozenset(),
) -> list[TermUse]:
    """Each distinct loaded term ``text`` uses, as first written, in reading order."""
    folded = fold(text)
    found: dict[tuple[str, str], TermUse] = {}
    for term, pattern in _patterns(tuple(terms), countries, nationalities):
        for match in pattern.finditer(folded):
            words = text[match.start() : match.end()]
            key = (term.id, name_key(words))
            if key not in found:
                found[key] = TermUse(
                    words, term.id, term.neutral_alternatives, match.start(), match.end()
                )
    return sorted(found.values(), key=lambda t: (t.start, t.term_id))
