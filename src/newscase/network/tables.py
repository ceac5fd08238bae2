"""Tables of actors and ties: the text alternative of the network drawing."""

from __future__ import annotations

from newscase.core import lookup
from newscase.core.case import resolve_case
from newscase.core.dates import format_period
from newscase.core.display import Rendered, table
from newscase.core.schemas import RELATION_KINDS
from newscase.core.text import name_key
from newscase.network.graph import PHRASES, actor_graph, check_options

TIE_HEADERS = ("From", "Tie", "To", "Period", "Note", "Sources")


def names_table(actors=None, *, case=None) -> Rendered:
    """Each actor's other names and spellings (transliterations, abbreviations, Arabic).

    ``actors``: names or ids to list (all actors by default), sorted by name. The last
    column gives the exact words the article uses for the actor, if any.
    """
    case = resolve_case(case)
    wanted = lookup.resolve(actors, case, "actor") if actors is not None else None
    records = [r for r in case.records["actors"] if wanted is None or r["id"] in wanted]
    records.sort(key=lambda r: (name_key(r["name"]), r["id"]))
    rows = [
        (
            r["name"],
            r["id"],
            r["kind"],
            list(r.get("alt_names") or ()) or "\u2014",
            list(r.get("article_mentions") or ()) or "not named",
        )
        for r in records
    ]
    count = len(rows)
    return table(
        ("Actor", "Id", "Kind", "Other names and spellings", "In the article as"),
        rows,
        caption=f"{count} actor{'s' * (count != 1)}: other names, spellings and transliterations",
        css_class="newscase-table newscase-names",
    )


def edge_rows(graph, edges, case, *, notes: bool = True) -> list[list]:
    """Table rows for ``edges`` ((source, target, key) triples of ``graph``)."""
    rows = []
    for source, target, key in edges:
        data = graph.edges[source, target, key]
        row = [
            graph.nodes[source]["name"],
            PHRASES[data["kind"]],
            graph.nodes[target]["name"],
            format_period(data["start"], data["end"]),
            data["note"] or "",
            lookup.source_cell(data["sources"], case),
        ]
        rows.append(row if notes else row[:4] + row[5:])
    return rows


def ties_rendered(graph, edges, case, *, caption: str, notes: bool = True) -> Rendered:
    headers = TIE_HEADERS if notes else TIE_HEADERS[:4] + TIE_HEADERS[5:]
    return table(
        headers,
        edge_rows(graph, edges, case, notes=notes),
        caption=caption,
        css_class="newscase-table newscase-ties",
    )


def ties_table(actor=None, kinds=None, *, period=None, notes: bool = True, case=None) -> Rendered:
    """The ties (relations.csv) as a table: From, Tie, To, Period, Note, Sources.

    ``actor``: an id or name (or a list of them), to list only the ties from or to it;
    ``kinds`` and ``period`` filter as in :func:`actor_graph`. Rows keep the order of
    relations.csv; "Tie" reads from left to right ("Iran | backs | Badr Organization").
    """
    case = resolve_case(case)
    graph = actor_graph(case, kinds=kinds, period=period)
    ids = lookup.resolve(actor, case, "actor")
    edges = sorted(
        (source, target, key)
        for source, target, key in graph.edges(keys=True)
        if not ids or source in ids or target in ids
    )
    edges.sort(key=lambda edge: edge[2])
    count = len(edges)
    caption = f"{count} tie{'s' * (count != 1)}"
    if ids:
        caption += " of " + ", ".join(graph.nodes[i]["name"] for i in ids)
    if kinds:
        chosen = check_options(kinds, RELATION_KINDS, "relation kind")
        caption += " (" + ", ".join(PHRASES[k] for k in chosen) + ")"
    return ties_rendered(graph, edges, case, caption=caption, notes=notes)
