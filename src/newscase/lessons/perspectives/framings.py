"""Competing framings of the PMU's advance to the border: the data of framings.yaml.

Each record is one statement by (or reported for) one perspective: who, when, through which
outlet, their words (a verbatim ``quote`` or a marked ``paraphrase``), how it frames the
events, and the key terms it uses.

>>> from newscase.lessons.perspectives.framings import load_framings
>>> sorted({f.perspective for f in load_framings()}) >= ["iran", "israel"]
True

``load_framings(folder)`` checks the file against the actors and sources of the same folder:
every problem is reported at once, naming file, record and field.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from newscase.core.article import load_article
from newscase.core.datafiles import cached_per_folder
from newscase.core.dates import format_partial
from newscase.core.display import Rendered, table
from newscase.core.text import contains_quote
from newscase.core.validate import (
    Field,
    Schema,
    identifier,
    nonempty_list,
    partial_date,
    text,
    text_list,
)
from newscase.lessons.perspectives import _blocks

WINDOW = ("2017-05", "2017-06")  # the months of the advance; other dates need a date_note
MAX_QUOTE_WORDS = 30


def _quote_or_paraphrase(record: dict) -> str | None:
    quote, paraphrase = record.get("quote"), record.get("paraphrase")
    if bool(quote) == bool(paraphrase):
        return (
            "field 'quote' / 'paraphrase': give exactly one, a verbatim quote or a paraphrase "
            f"(got {'both' if quote else 'neither'})"
        )
    return None


def _quote_is_short(record: dict) -> str | None:
    quote = record.get("quote")
    if quote and len(quote.split()) > MAX_QUOTE_WORDS:
        return (
            f"field 'quote': {len(quote.split())} words; expected a short quote of at most "
            f"{MAX_QUOTE_WORDS} words"
        )
    return None


def _quoted_in_is_cited(record: dict) -> str | None:
    where, sources = record.get("quoted_in"), record.get("sources") or ()
    if where and sources and where not in sources:
        return f"field 'quoted_in': '{where}' is not in the record's sources; expected it there too"
    return None


def _date_has_month_and_note(record: dict) -> str | None:
    date = record.get("date")
    if not date:
        return None
    if len(date) < 7:
        return f"field 'date': '{date}' has no month; expected at least YYYY-MM"
    if timing(date) != "at the time" and not record.get("date_note"):
        return (
            f"field 'date_note': missing; a statement dated {date}, outside "
            f"{WINDOW[0]} to {WINDOW[1]}, needs a note saying it was documented "
            f"{timing(date)}"
        )
    return None


PERSPECTIVE_GROUPS = Schema(
    "framing_perspectives.yaml", (Field("id", identifier), Field("label", text))
)


@cached_per_folder
def load_perspectives(folder: Path) -> dict[str, str]:
    """Perspective id -> label, in the order the framings table shows them
    (framing_perspectives.yaml, cached per folder); raise DataError listing problems."""
    from newscase.core.case import load_records

    records = load_records(PERSPECTIVE_GROUPS, folder, with_case=False)
    return {r["id"]: r["label"] for r in records}


FRAMINGS = Schema(
    "framings.yaml",
    (
        Field("id", identifier),
        Field("perspective", identifier, ref="framing_perspectives"),
        Field("actor", identifier, ref="actors"),
        Field("speaker", text),
        Field("date", partial_date),
        Field("date_note", text, required=False),
        Field("quote", text, required=False),
        Field("paraphrase", text, required=False),
        Field("quoted_in", identifier, ref="sources"),
        Field("frame", text),
        Field("key_terms", text_list, required=False),
        Field("note", text, required=False),
        Field("sources", nonempty_list, ref="sources"),
    ),
    checks=(_quote_or_paraphrase, _quote_is_short, _quoted_in_is_cited, _date_has_month_and_note),
)


def timing(date: str) -> str:
    """'at the time' (May-June 2017), 'earlier' or 'later', from a partial ISO date."""
    month = date[:7]
    if len(month) < 7:  # a year only
        if month < WINDOW[0][:4]:
            return "earlier"
        return "later" if month > WINDOW[1][:4] else "at the time"
    if month < WINDOW[0]:
        return "earlier"
    if month > WINDOW[1]:
        return "later"
    return "at the time"


@dataclass(frozen=True)
class Framing:
    """One statement of one perspective."""

    id: str
    perspective: str
    actor: str
    speaker: str
    date: str
    date_note: str | None
    quote: str | None
    paraphrase: str | None
    quoted_in: str
    frame: str
    key_terms: tuple[str, ...]
    note: str | None
    sources: tuple[str, ...]
    label: str  # the perspective's label (framing_perspectives.yaml)

    @property
    def timing(self) -> str:
        return timing(self.date)

    @property
    def words(self) -> str:
        """The statement as shown: “quote” or [paraphrase] text."""
        return f"\u201c{self.quote}\u201d" if self.quote else f"[paraphrase] {self.paraphrase}"


@cached_per_folder
def load_framings(folder: Path) -> tuple[Framing, ...]:
    """Read and check framings.yaml (cached per folder); raise DataError listing problems."""
    from newscase.core.case import load_records

    labels = load_perspectives(folder)
    records = load_records(FRAMINGS, folder, extra_ids={"framing_perspectives": set(labels)})
    order = list(labels)
    framings = [
        Framing(**{k: r[k] for k in FRAMINGS.names}, label=labels[r["perspective"]])
        for r in records
    ]
    return tuple(sorted(framings, key=lambda f: order.index(f.perspective)))


# ---- comparing words with the article


def shared_terms(framing: Framing, article=None) -> tuple[list[str], list[str]]:
    """(key terms the article also uses, key terms it never uses), verbatim matching."""
    text = (article or load_article()).text
    shared = [t for t in framing.key_terms if contains_quote(text, t)]
    return shared, [t for t in framing.key_terms if t not in shared]


# ---- renderers


def _when(framing: Framing) -> str:
    return f"{format_partial(framing.date)} ({framing.timing})"


def _select(framings, perspectives) -> list[Framing]:
    if perspectives is None:
        return list(framings)
    wanted = [perspectives] if isinstance(perspectives, str) else list(perspectives)
    known = load_perspectives()
    unknown = [p for p in wanted if p not in known]
    if unknown:
        raise KeyError(f"unknown perspective {unknown[0]!r}; expected one of {', '.join(known)}")
    return [f for f in framings if f.perspective in wanted]


def framings_table(perspectives=None, *, framings=None, case=None) -> Rendered:
    """Every statement (or those of some perspectives), grouped by perspective."""
    from newscase.core.case import load_case

    case = case or load_case()
    chosen = _select(framings if framings is not None else load_framings(), perspectives)
    rows = [
        (
            f.label,
            [f.speaker, _when(f), f"via {case.record('sources', f.quoted_in)['outlet']}"]
            + ([f.date_note] if f.timing != "at the time" and f.date_note else []),
            f.words,
            f.frame,
            list(f.key_terms) or "—",
            [_blocks.source_link(case, s) for s in f.sources],
        )
        for f in chosen
    ]
    groups = list(dict.fromkeys(f.perspective for f in chosen))
    caption = (
        f"Competing framings of the PMU's advance to the border: {len(chosen)} statements "
        f"from {len(groups)} perspectives"
    )
    markup = table(
        (
            "Perspective",
            "Who, when, through whom",
            "Their words",
            "How it frames the events",
            "Key terms",
            "Sources",
        ),
        rows,
        caption=caption,
    ).html
    lines = [
        caption,
        _blocks.wrap(
            "Quotes are verbatim as the cited outlet prints them (often a translation); "
            "[paraphrase] marks our summary where no exact words could be quoted. 'At the time' "
            "means May-June 2017."
        ),
    ]
    number = 0
    for perspective in groups:
        members = [x for x in chosen if x.perspective == perspective]
        lines += ["", f"■ {members[0].label}"]
        for f in members:
            number += 1
            outlet = case.record("sources", f.quoted_in)["outlet"]
            lines.append(_blocks.wrap(f.speaker, "      ", first=f"  {number:>2}. "))
            lines.append(_blocks.wrap(f"{_when(f)}, via {outlet}", "      "))
            if f.timing != "at the time" and f.date_note:
                lines.append(_blocks.wrap(f"Note on the date: {f.date_note}", "      "))
            lines.append(_blocks.wrap(f.words, "      "))
            lines.append(_blocks.wrap(f"Frame: {f.frame}", "      "))
            if f.key_terms:
                lines.append(_blocks.wrap("Key terms: " + "; ".join(f.key_terms), "      "))
    return Rendered(markup, "\n".join(lines))


def framing_detail(perspective: str, *, case=None) -> Rendered:
    """One perspective's statements in full: dates and notes, the words it shares with the
    article and the words the article never uses, and numbered sources."""
    from newscase.core.case import load_case

    case = case or load_case()
    chosen = _select(load_framings(), perspective)
    numbers, order = _blocks.numbered_sources(case, (s for f in chosen for s in f.sources))
    html_parts, text_parts = [], []
    for f in chosen:
        shared, own = shared_terms(f)
        sections = [
            ("Who", f.speaker),
            ("When", _when(f) + (f". {f.date_note}" if f.date_note else "")),
            ("Through", _blocks.source_label(case, f.quoted_in)),
            ("Their words", f.words),
            ("How it frames the events", f.frame),
            ("Key terms the article also uses", list(shared) or "none"),
            ("Key terms the article never uses", list(own) or "none"),
            ("Keep in mind", f.note),
            ("Sources", ", ".join(f"[{numbers[s]}]" for s in f.sources)),
        ]
        h, t = _blocks.card(f"{f.label}: {f.speaker.split(',')[0]}", sections)
        html_parts.append(h)
        text_parts.append(t)
    from newscase.core.sources import cite

    sources = cite(order, case)
    heading = f"{load_perspectives()[perspective]}: {len(chosen)} statement(s)"
    return Rendered(
        f"<h4>{html.escape(heading)}</h4>" + "".join(html_parts) + sources.html,
        heading + "\n\n" + "\n\n".join(text_parts) + "\n\n" + sources.text,
    )
