"""Small output objects that render as HTML in Jupyter and as plain text elsewhere.

Every string that reaches HTML goes through :func:`html.escape` here, so callers pass
plain text (article quotes, student answers, data fields) and never build markup.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

TEXT_CELL_WIDTH = 60  # plain-text tables wrap longer cells onto several lines
# Jupyter right-aligns table cells by default; text reads better aligned left.
CELL_STYLE = ' style="text-align:left;vertical-align:top"'


@dataclass(frozen=True)
class Rendered:
    """An output with an HTML form and an equivalent plain-text form."""

    html: str
    text: str

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self.html, "text/plain": self.text}

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Link:
    """A hyperlink cell: ``label`` shown, ``href`` followed."""

    label: str
    href: str


def _cell_html(value) -> str:
    if isinstance(value, Link):
        return f'<a href="{html.escape(value.href)}">{html.escape(value.label)}</a>'
    if isinstance(value, list | tuple):
        return "<br>".join(_cell_html(item) for item in value)
    return html.escape(str(value))


def _cell_text(value) -> str:
    if isinstance(value, Link):
        return value.label
    if isinstance(value, list | tuple):
        return "\n".join(_cell_text(item) for item in value)
    return str(value)


def table(
    headers: Sequence[str],
    rows: Iterable[Sequence],
    *,
    caption: str = "",
    css_class: str = "newscase-table",
) -> Rendered:
    """Render rows as an accessible HTML table (with caption and header scopes) and text."""
    rows = [list(row) for row in rows]
    if any(len(row) != len(headers) for row in rows):
        raise ValueError(f"every row needs {len(headers)} cells, one per header")
    head = "".join(f'<th scope="col"{CELL_STYLE}>{html.escape(h)}</th>' for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td{CELL_STYLE}>{_cell_html(value)}</td>" for value in row) + "</tr>"
        for row in rows
    )
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    markup = (
        f'<table class="{html.escape(css_class)}">{cap}'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )
    return Rendered(markup, _text_table(headers, rows, caption))


def _text_table(headers: Sequence[str], rows: list[list], caption: str) -> str:
    """Columns padded to their widest line; longer lines wrapped at TEXT_CELL_WIDTH.

    List cells put one item per line."""
    cells = [[_cell_text(v) for v in row] for row in rows]
    widths = [
        min(
            TEXT_CELL_WIDTH,
            max(len(line) for v in [h, *(r[i] for r in cells)] for line in v.split("\n")),
        )
        for i, h in enumerate(headers)
    ]
    lines = [caption] if caption else []
    lines += _text_row(list(headers), widths)
    lines.append("  ".join("-" * w for w in widths))
    for row in cells:
        lines += _text_row(row, widths)
    return "\n".join(lines)


def _text_row(values: list[str], widths: list[int]) -> list[str]:
    wrapped = [
        [
            part
            for line in v.split("\n")
            for part in textwrap.wrap(line, w, break_on_hyphens=False) or [""]
        ]
        for v, w in zip(values, widths, strict=True)
    ]
    height = max(len(parts) for parts in wrapped)
    return [
        "  ".join(
            (parts[i] if i < len(parts) else "").ljust(w)
            for parts, w in zip(wrapped, widths, strict=True)
        ).rstrip()
        for i in range(height)
    ]


def paragraphs(*texts: str, heading: str = "") -> Rendered:
    """Plain paragraphs (escaped) with an optional heading."""
    parts = [f"<h4>{html.escape(heading)}</h4>"] if heading else []
    parts += [f"<p>{html.escape(t)}</p>" for t in texts]
    text = "\n\n".join(([heading] if heading else []) + list(texts))
    return Rendered("".join(parts), text)


def join(*items: Rendered) -> Rendered:
    """Concatenate rendered blocks in order."""
    return Rendered("".join(i.html for i in items), "\n\n".join(i.text for i in items if i.text))


def collapsed(item: Rendered, summary: str, *, css_class: str = "newscase-more") -> Rendered:
    """``item`` inside a closed ``<details>`` element, opened on demand by its summary.

    Long tables, figure descriptions and source lists are shown this way, so what a
    notebook shows by default is what its minutes allow; the plain text keeps everything."""
    markup = (
        f'<details class="{html.escape(css_class)}"><summary>{html.escape(summary)}</summary>'
        f"{item.html}</details>"
    )
    return Rendered(markup, f"{summary}\n\n{item.text}" if item.text else summary)


def with_widget(shown: Rendered, make_widget) -> dict:
    """A display bundle: ``shown`` as HTML and text (what a notebook read without a kernel
    keeps), plus the view of ``make_widget()`` when ipywidgets is installed."""
    bundle = {"text/html": shown.html, "text/plain": shown.text}
    try:
        view = make_widget()._repr_mimebundle_() or {}
    except ImportError:  # no ipywidgets: the static form is all there is
        return bundle
    bundle.update({k: v for k, v in view.items() if k.startswith("application/")})
    return bundle
