"""Further reading per notebook: reading.yaml as checked records and an annotated list.

>>> from newscase import reading
>>> reading.further_reading("01_context")   # numbered sources, each with why to read it

A notebook cannot name a source by its id in a code cell (ids carry years, and code cells
hard-code no years), so the list lives in the data: one record per notebook and source,
with a sentence saying why it is worth reading. The loader checks the notebook names
against course.yaml and the sources against sources.yaml; errors name the file, the
record and the field.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from newscase.core.datafiles import cached_per_folder
from newscase.core.display import Rendered
from newscase.core.sources import format_source
from newscase.core.validate import (
    Field,
    Records,
    Schema,
    nonempty_list,
    text,
)

READING = Schema(
    "reading.yaml",
    (
        Field("notebook", text),
        Field("sources", nonempty_list, ref="sources"),
        Field("why", text),
    ),
    id_field=None,
)


@dataclass(frozen=True)
class Item:
    """One recommended source for one notebook."""

    notebook: str  # notebook stem, e.g. "01_context"
    sources: tuple[str, ...]
    why: str


@cached_per_folder
def load_reading(folder: Path) -> tuple[Item, ...]:
    """Read and check reading.yaml (cached per folder); raise DataError listing problems."""
    from newscase.core.case import load_records

    records = load_records(READING, folder, checks=[_known_notebooks])
    return tuple(Item(r["notebook"], r["sources"], r["why"]) for r in records)


def items(notebook: str, data_dir=None) -> list[Item]:
    """The recommended sources of one notebook, in file order."""
    stem = notebook.removesuffix(".ipynb")
    return [item for item in load_reading(data_dir) if item.notebook == stem]


def _known_notebooks(records: Records, case) -> list[str]:
    from newscase.core.course import outline

    stems = {r["file"].removesuffix(".ipynb") for r in outline()}
    return [
        f"{where}, field 'notebook': unknown notebook "
        f"'{record['notebook']}'; expected one of {', '.join(sorted(stems))}"
        for record, where in records.located()
        if record.get("notebook") and record["notebook"] not in stems
    ]


def further_reading(notebook: str, *, heading: str = "Further reading", data_dir=None) -> Rendered:
    """A numbered list: each source's citation (linked) and why it is worth reading."""
    from newscase.core.case import load_case

    case = load_case(data_dir)
    chosen = items(notebook, data_dir)
    if not chosen:
        known = sorted({i.notebook for i in load_reading(data_dir)})
        raise KeyError(
            f"no further reading for {notebook!r} in reading.yaml; "
            f"notebooks with a list: {', '.join(known)}"
        )
    html_items, text_items = [], []
    for number, item in enumerate(chosen, 1):
        records = [case.record("sources", s) for s in item.sources]
        citations = " ".join(format_source(r) for r in records)
        text_items.append(f"{number}. {citations}\n   Why read it: {item.why}")
        links = " ".join(_source_html(r) for r in records)
        html_items.append(f"<li>{links}<br><em>Why read it:</em> {html.escape(item.why)}</li>")
    markup = (
        f'<div class="newscase-sources newscase-reading"><strong>{html.escape(heading)}</strong>'
        f"<ol>{''.join(html_items)}</ol></div>"
    )
    return Rendered(markup, "\n".join([heading, *text_items]))


def _source_html(record: dict) -> str:
    label = html.escape(format_source({**record, "url": None, "reference": None}))
    where = record.get("url")
    if where:
        href = html.escape(where)
        return f'{label} <a href="{href}" rel="noopener noreferrer" target="_blank">{href}</a>'
    if record.get("reference"):
        return f"{label} {html.escape(record['reference'])}"
    return label
