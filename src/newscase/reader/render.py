"""A Reading as HTML and plain text: a summary, then one table per kind of finding.

Everything is escaped by :mod:`newscase.core.display`; nothing here builds markup from text.
"""

from __future__ import annotations

from newscase.core.display import Rendered, join, paragraphs, table


def render_reading(reading) -> Rendered:
    """The reading as tables: voices, places (and those to locate), numbers, dates, terms."""
    about = [f"{len(reading.sentence_list)} sentence(s) read"]
    if reading.outlet:
        about.append(f"outlet: {reading.outlet}")
    if reading.published:
        about.append(f"published: {reading.published}")
    parts = [paragraphs("; ".join(about) + ".", heading="What the reader found")]
    if reading.note_list:
        parts.append(paragraphs(*reading.note_list, heading="Notes"))
    parts += [
        _section(
            "Who speaks",
            ("Sentence", "Speaker", "Named?", "Kind", "Via"),
            [
                (v["sentence"], v["speaker"], _yes(v["named"]), v["kind"], v["via"] or "—")
                for v in reading.voices
            ],
        ),
        _section(
            "Places",
            ("Mention", "Place id", "Latitude", "Longitude"),
            [
                (p["mention"], p["place_id"] or "—", _coordinate(p["lat"]), _coordinate(p["lon"]))
                for p in reading.places
            ],
        ),
    ]
    unknown = [p["mention"] for p in reading.places if p["lat"] is None]
    if unknown:
        parts.append(paragraphs(", ".join(unknown), heading="To locate (not in places.csv)"))
    parts += [
        _section(
            "Numbers",
            ("Text", "Value", "Unit"),
            [(n["text"], f"{n['value']:,}", n["unit"]) for n in reading.numbers],
        ),
        _section(
            "Dates",
            ("Text", "Date", "Worked out?"),
            [(d["text"], d["date"] or "—", _yes(d["inferred"])) for d in reading.dates],
        ),
        _section(
            "Loaded terms",
            ("As written", "Term", "Neutral alternatives"),
            [(t["text"], t["term_id"], t["alternatives"]) for t in reading.terms],
        ),
    ]
    return join(*parts)


def _section(caption: str, headers: tuple[str, ...], rows: list[tuple]) -> Rendered:
    if not rows:
        return paragraphs(f"{caption}: none found.")
    return table(headers, rows, caption=caption)


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def _coordinate(value) -> str:
    return "—" if value is None else f"{value:.4f}"
