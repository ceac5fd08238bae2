"""The result of read(): plain data a student can loop over, and a display.

Every list is a new list of new dicts on each access, so changing one cannot change the
reading. ``attributions`` (with offsets) is what the framing toolkit builds on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newscase.reader.dates import Date
from newscase.reader.numbers import Number
from newscase.reader.places import Place
from newscase.reader.source import Sentence
from newscase.reader.terms import TermUse
from newscase.reader.voices import Attribution

KEYS = {
    "voices": ("speaker", "named", "kind", "via", "sentence"),
    "places": ("mention", "place_id", "lat", "lon"),
    "numbers": ("text", "value", "unit"),
    "dates": ("text", "date", "inferred"),
    "terms": ("text", "term_id", "alternatives"),
    "sentences": ("number", "text"),
}


@dataclass(frozen=True)
class Reading:
    """What read() found in one text: voices, places, numbers, dates, terms, and notes."""

    text: str  # the text that was read (HTML reduced to its visible text, capped)
    published: str | None
    outlet: str | None
    attributions: tuple[Attribution, ...] = ()
    place_list: tuple[Place, ...] = ()
    number_list: tuple[Number, ...] = ()
    date_list: tuple[Date, ...] = ()
    term_list: tuple[TermUse, ...] = ()
    sentence_list: tuple[Sentence, ...] = ()
    note_list: tuple[str, ...] = field(default=())

    @property
    def voices(self) -> list[dict]:
        """Who speaks: speaker, named, kind ("quote" or "paraphrase"), via, sentence."""
        return [a.as_dict() for a in self.attributions]

    @property
    def places(self) -> list[dict]:
        """Where: mention, place_id (places.csv) or None, lat and lon (None: to locate)."""
        return [p.as_dict() for p in self.place_list]

    @property
    def numbers(self) -> list[dict]:
        """How many, how far, how much: text, value, unit (km, mi, count, USD ...)."""
        return [n.as_dict() for n in self.number_list]

    @property
    def dates(self) -> list[dict]:
        """When: text, date (ISO, or None), inferred (worked out rather than written)."""
        return [d.as_dict() for d in self.date_list]

    @property
    def terms(self) -> list[dict]:
        """Which loaded words: text, term_id (terms.yaml), alternatives (neutral wordings)."""
        return [t.as_dict() for t in self.term_list]

    @property
    def sentences(self) -> list[dict]:
        """The numbered sentences the other lists refer to: number, text."""
        return [{"number": s.number, "text": s.text} for s in self.sentence_list]

    @property
    def notes(self) -> list[str]:
        """What read() changed in the text or could not do, in plain words."""
        return list(self.note_list)

    def render(self):
        """The reading as a :class:`~newscase.core.display.Rendered` (HTML and text)."""
        from newscase.reader.render import render_reading

        return render_reading(self)

    def _repr_mimebundle_(self, include=None, exclude=None):
        return self.render()._repr_mimebundle_(include, exclude)

    def __str__(self) -> str:
        return self.render().text
