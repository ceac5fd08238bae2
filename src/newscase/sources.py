"""Citations: format the sources of ``sources.yaml`` for notes, tables and reading lists."""

from __future__ import annotations

import html
from collections.abc import Iterable

from newscase.display import Rendered


def format_source(record: dict) -> str:
    """One source as a plain-text citation: author, title, outlet, date, address."""
    parts = []
    if record.get("author"):
        parts.append(record["author"])
    parts.append(f"\u201c{record['title']}\u201d")
    parts.append(record["outlet"])
    if record.get("date"):
        parts.append(str(record["date"]))
    citation = ", ".join(parts) + "."
    where = record.get("url") or record.get("reference")
    return f"{citation} {where}" if where else citation


def _source_html(record: dict) -> str:
    label = html.escape(format_source({**record, "url": None, "reference": None}))
    if record.get("url"):
        href = html.escape(record["url"])
        return f'{label} <a href="{href}" rel="noopener noreferrer" target="_blank">{href}</a>'
    if record.get("reference"):
        return f"{label} {html.escape(record['reference'])}"
    return label


def cite(source_ids: str | Iterable[str], case=None, *, heading: str = "Sources") -> Rendered:
    """A numbered list of the given sources (HTML with links, and plain text)."""
    if case is None:
        from newscase.case import load_case

        case = load_case()
    ids = [source_ids] if isinstance(source_ids, str) else list(dict.fromkeys(source_ids))
    records = [case.record("sources", source_id) for source_id in ids]
    items = "".join(f"<li>{_source_html(r)}</li>" for r in records)
    markup = (
        f'<div class="newscase-sources"><strong>{html.escape(heading)}</strong>'
        f"<ol>{items}</ol></div>"
    )
    text = "\n".join([heading, *(f"{i}. {format_source(r)}" for i, r in enumerate(records, 1))])
    return Rendered(markup, text)
