"""Small shared pieces for the renderers: wrapped text blocks, cards and source labels.

Wide tables read badly as plain text, so the renderers here pair an HTML table (or card)
with a plain-text version laid out as indented, wrapped blocks. Everything reaching HTML is
escaped here.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Iterable, Sequence

from newscase.core.display import Link

TEXT_WIDTH = 92  # plain-text lines are wrapped at this width


def wrap(text: str, indent: str = "", first: str | None = None) -> str:
    """``text`` wrapped at TEXT_WIDTH; ``first`` replaces the indent on the first line."""
    return textwrap.fill(
        " ".join(str(text).split()),
        TEXT_WIDTH,
        initial_indent=indent if first is None else first,
        subsequent_indent=indent,
        break_on_hyphens=False,
        break_long_words=False,
    )


def bullets(items: Iterable[str], indent: str = "  ") -> str:
    return "\n".join(wrap(item, indent + "  ", first=indent + "- ") for item in items)


def esc(value) -> str:
    return html.escape(str(value))


def html_list(items: Iterable[str], ordered: bool = False) -> str:
    tag = "ol" if ordered else "ul"
    return f"<{tag}>" + "".join(f"<li>{esc(i)}</li>" for i in items) + f"</{tag}>"


def card(title: str, sections: Sequence[tuple[str, object]], css: str = "newscase-card"):
    """(html, text) of a titled card; a section's value is a string or a list of strings."""
    parts_html = [f'<div class="{esc(css)}"><h4>{esc(title)}</h4>']
    parts_text = [title, "=" * min(len(title), TEXT_WIDTH)]
    for label, value in sections:
        if value in (None, "", [], ()):
            continue
        if isinstance(value, list | tuple):
            parts_html.append(f"<p><strong>{esc(label)}</strong></p>{html_list(value)}")
            parts_text.append(f"{_heading(label)}\n{bullets(value)}")
        else:
            parts_html.append(f"<p><strong>{esc(label)}</strong><br>{esc(value)}</p>")
            parts_text.append(f"{_heading(label)}\n{wrap(value, '  ')}")
    parts_html.append("</div>")
    return "".join(parts_html), "\n".join(parts_text)


def _heading(label: str) -> str:
    return label if label.endswith(("?", ":")) else label + ":"


def source_label(case, source_id: str) -> str:
    """'Outlet, date' for a source id."""
    record = case.record("sources", source_id)
    return record["outlet"] + (f", {record['date']}" if record.get("date") else "")


def source_link(case, source_id: str):
    """A Link (or plain label) for a table cell."""
    record = case.record("sources", source_id)
    label = source_label(case, source_id)
    return Link(label, record["url"]) if record.get("url") else label


def numbered_sources(case, source_ids: Iterable[str]) -> tuple[dict[str, int], list[str]]:
    """Number source ids in first-use order: ({id: n}, ids in order)."""
    order = list(dict.fromkeys(source_ids))
    return {s: i for i, s in enumerate(order, 1)}, order
