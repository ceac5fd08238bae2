"""Actors and their ties as a graph (pure functions, no drawing).

The graph is an :class:`ActorGraph`, a directed multigraph: one node per actor of
actors.yaml, one edge per row of relations.csv, pointing from ``source`` to ``target``
("Iran backs Badr"). Two actors can have several ties (Jonathan Spyer works for and is
quoted by The Jerusalem Post), hence a multigraph; edge keys are the row numbers of
relations.csv (0, 1, ...). It speaks the part of networkx's ``MultiDiGraph`` interface the
module needs, so networkx is not a dependency; ``graph.to_networkx()`` converts.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterator

from newscase.core import lookup
from newscase.core.case import resolve_case
from newscase.core.dates import parse_range, partial_bounds
from newscase.core.errors import FriendlyError, NameNotFound, OptionProblem
from newscase.core.schemas import ACTOR_KINDS, RELATION_KINDS
from newscase.core.text import name_key

# How a tie reads, from source to target: "Iran backs Badr", "Badr is part of PMU".
PHRASES = {
    "leads": "leads",
    "part_of": "is part of",
    "commands": "commands",
    "backs": "backs",
    "allied_with": "is allied with",
    "fights": "fights",
    "opposes": "opposes",
    "reports_on": "reports on",
    "works_for": "works for",
    "founded": "founded",
    "designates_terrorist": "designates as terrorist",
    "quoted_by": "is quoted by",
}


class _Nodes:
    """``graph.nodes``: ``nodes[a]`` is the attribute dict; ``nodes(data=True)`` pairs."""

    def __init__(self, graph: ActorGraph):
        self._graph = graph

    def __getitem__(self, node: str) -> dict:
        return self._graph._nodes[node]

    def __iter__(self) -> Iterator[str]:
        return iter(self._graph._nodes)

    def __len__(self) -> int:
        return len(self._graph._nodes)

    def __contains__(self, node: object) -> bool:
        return node in self._graph._nodes

    def __call__(self, data: bool = False):
        if data:
            return list(self._graph._nodes.items())
        return list(self._graph._nodes)


class _Edges:
    """``graph.edges``: ``edges[s, t, key]`` is the attribute dict; ``edges(keys=True)``,
    ``edges(data=True)`` or ``edges()`` list them in networkx's order (by source node,
    then target, then key)."""

    def __init__(self, graph: ActorGraph):
        self._graph = graph

    def __getitem__(self, edge: tuple[str, str, int]) -> dict:
        source, target, key = edge
        return self._graph._succ[source][target][key]

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self())

    def __len__(self) -> int:
        return self._graph.number_of_edges()

    def __call__(self, keys: bool = False, data: bool = False) -> list[tuple]:
        out = []
        for source, targets in self._graph._succ.items():
            for target, ties in targets.items():
                for key, attributes in ties.items():
                    edge = (source, target, key) if keys else (source, target)
                    out.append((*edge, attributes) if data else edge)
        return out


class ActorGraph:
    """Actors and the ties between them: a directed multigraph (several ties per pair).

    It offers the part of networkx's ``MultiDiGraph`` interface the module uses
    (``nodes[a]``, ``edges[s, t, key]``, ``edges(keys=True, data=True)``, ``successors``,
    ``predecessors``, ``degree``, ``subgraph`` ...), in the same order, without needing
    networkx; :meth:`to_networkx` gives a real ``networkx.MultiDiGraph`` for its algorithms.
    """

    def __init__(self):
        self._nodes: dict[str, dict] = {}
        self._succ: dict[str, dict[str, dict[int, dict]]] = {}
        self._pred: dict[str, dict[str, dict[int, dict]]] = {}
        self._added: list[tuple[str, str, int]] = []  # edges in the order they were added
        self.nodes = _Nodes(self)
        self.edges = _Edges(self)

    def add_node(self, node: str, **attributes) -> None:
        if node not in self._nodes:
            self._nodes[node] = {}
            self._succ[node] = {}
            self._pred[node] = {}
        self._nodes[node].update(attributes)

    def add_edge(self, source: str, target: str, key: int, **attributes) -> None:
        for node in (source, target):
            self.add_node(node)
        ties = self._succ[source].setdefault(target, {})
        if key not in ties:
            ties[key] = {}
            self._added.append((source, target, key))
        tie = ties[key]
        tie.update(attributes)
        self._pred[target].setdefault(source, {})[key] = tie

    def __contains__(self, node: object) -> bool:
        return node in self._nodes

    def __iter__(self) -> Iterator[str]:
        return iter(self._nodes)

    def __len__(self) -> int:
        return len(self._nodes)

    def __repr__(self) -> str:
        return f"ActorGraph with {self.number_of_nodes()} actors and {self.number_of_edges()} ties"

    def number_of_nodes(self) -> int:
        return len(self._nodes)

    def number_of_edges(self) -> int:
        return sum(len(ties) for targets in self._succ.values() for ties in targets.values())

    def has_edge(self, source: str, target: str, key: int | None = None) -> bool:
        ties = self._succ.get(source, {}).get(target)
        return ties is not None and (key is None or key in ties)

    def successors(self, node: str) -> Iterator[str]:
        return iter(self._succ[node])

    def predecessors(self, node: str) -> Iterator[str]:
        return iter(self._pred[node])

    def degree(self, node: str) -> int:
        """Ties from and to ``node`` (a tie with itself counts twice, as in networkx)."""
        out = sum(len(ties) for ties in self._succ[node].values())
        return out + sum(len(ties) for ties in self._pred[node].values())

    @staticmethod
    def is_directed() -> bool:
        return True

    @staticmethod
    def is_multigraph() -> bool:
        return True

    def subgraph(self, nodes) -> ActorGraph:
        """A new graph of ``nodes`` (those in this graph) and the ties among them."""
        keep = set(nodes) & set(self._nodes)
        sub = ActorGraph()
        for node in self._nodes:
            if node in keep:
                sub.add_node(node, **self._nodes[node])
        for source, target, key in self._added:
            if source in keep and target in keep:
                sub.add_edge(source, target, key, **self._succ[source][target][key])
        return sub

    def to_networkx(self):
        """The same graph as a ``networkx.MultiDiGraph`` (needs networkx installed)."""
        try:
            import networkx as nx
        except ImportError:
            raise FriendlyError(
                "to_networkx() needs the networkx package, which the module does not "
                'install. Run `%pip install networkx` in a cell, then this cell again.'
            ) from None
        graph = nx.MultiDiGraph()
        graph.add_nodes_from(self.nodes(data=True))
        graph.add_edges_from((s, t, k, self._succ[s][t][k]) for s, t, k in self._added)
        return graph



def check_options(values, allowed: tuple[str, ...], what: str) -> list[str]:
    """Validate relation or actor kinds (one or a list; "part of" = "part_of")."""
    if values is None:
        return []
    items = [values] if isinstance(values, str) else list(values)
    out, problems = [], []
    for item in items:
        name = str(item).strip().casefold().replace(" ", "_").replace("-", "_")
        name = {p.replace(" ", "_"): k for k, p in PHRASES.items()}.get(name, name)
        if name in allowed:
            if name not in out:
                out.append(name)
            continue
        close = difflib.get_close_matches(name, allowed, n=2)
        hint = f" Did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
        problems.append(f"{item!r} is not a {what}.{hint}")
    if problems:
        problems.append(f"The {what}s are: {', '.join(allowed)}.")
        raise OptionProblem("\n".join(problems))
    return out


def read_period(period) -> tuple[dt.date | None, dt.date | None]:
    """None, a year or date ("2017", "2017-05"), or a (start, end) pair -> date bounds."""
    if period is None:
        return None, None
    if isinstance(period, tuple | list):
        if len(period) != 2:
            raise OptionProblem("period: give one date or year, or a pair (start, end)")
        return parse_range(period[0], period[1])
    return parse_range(period, period)


def tie_overlaps(start: str | None, end: str | None, first, last) -> bool:
    """Whether a tie's period overlaps [first, last]; a missing start or end is open."""
    tie_first, _ = partial_bounds(start)
    _, tie_last = partial_bounds(end)
    if last is not None and tie_first is not None and tie_first > last:
        return False
    return not (first is not None and tie_last is not None and tie_last < first)


def article_actors(case=None) -> list[str]:
    """Ids of the actors the article names or quotes (actors.yaml order)."""
    case = resolve_case(case)
    return [
        r["id"]
        for r in case.records["actors"]
        if r.get("article_mentions") or r.get("speaks_in_article")
    ]


def article_circle(case=None) -> list[str]:
    """The article's actors plus its outlet and author (from article.yaml), if listed."""
    from newscase.core.article import load_article

    case = resolve_case(case)
    ids = article_actors(case)
    index = lookup.index(case, "actor")
    meta = load_article().meta
    for field_name in ("outlet", "author"):
        found = index.get(name_key(meta.get(field_name) or ""))
        if found and found not in ids:
            ids.append(found)
    return ids


def actor_graph(case=None, *, kinds=None, period=None, actor_kinds=None) -> ActorGraph:
    """The actors and their ties as an :class:`ActorGraph` (a directed multigraph).

    - ``kinds``: relation kinds to keep (e.g. ``["backs", "fights"]``); all by default.
    - ``period``: keep ties whose dates overlap it: a year or date ("2017"), or a pair
      ("2014-06", "2017-12"). Ties with no start (or no end) count as open on that side.
    - ``actor_kinds``: keep only actors of these kinds (e.g. ``["paramilitary", "force"]``) and
      the ties between them.

    Node attributes: name, kind, speaks_in_article, article_mentions, alt_names.
    Edge attributes: kind, start, end, note (None where missing) and sources.
    """
    case = resolve_case(case)
    kinds = check_options(kinds, RELATION_KINDS, "relation kind")
    actor_kinds = check_options(actor_kinds, ACTOR_KINDS, "actor kind")
    first, last = read_period(period)
    graph = ActorGraph()
    for record in case.records["actors"]:
        if actor_kinds and record["kind"] not in actor_kinds:
            continue
        graph.add_node(
            record["id"],
            name=record["name"],
            kind=record["kind"],
            speaks_in_article=bool(record["speaks_in_article"]),
            article_mentions=list(record.get("article_mentions") or ()),
            alt_names=list(record.get("alt_names") or ()),
        )
    for number, record in enumerate(case.records["relations"]):
        if kinds and record["kind"] not in kinds:
            continue
        if record["source"] not in graph or record["target"] not in graph:
            continue
        if not tie_overlaps(record.get("start"), record.get("end"), first, last):
            continue
        graph.add_edge(
            record["source"],
            record["target"],
            key=number,
            kind=record["kind"],
            start=record.get("start"),
            end=record.get("end"),
            note=record.get("note"),
            sources=list(record["sources"]),
        )
    return graph


def neighbours(
    actor, case=None, *, kinds=None, period=None, direction: str = "both", graph=None
) -> list[str]:
    """Ids of the actors tied to ``actor`` (an id, name or alternative name), by name.

    ``direction``: "out" (ties from the actor: whom it backs, leads ...), "in" (ties to it),
    or "both". ``kinds`` and ``period`` filter the ties as in :func:`actor_graph`.
    """
    case = resolve_case(case)
    if not isinstance(actor, str):
        raise NameNotFound(f"{actor!r} is not an actor name; give one name or id as text")
    (actor_id,) = lookup.resolve(actor, case, "actor")
    if direction not in ("out", "in", "both"):
        raise OptionProblem(f"direction={direction!r}: use 'out', 'in' or 'both'")
    if graph is None:
        graph = actor_graph(case, kinds=kinds, period=period)
    found = set()
    if direction in ("out", "both"):
        found |= set(graph.successors(actor_id))
    if direction in ("in", "both"):
        found |= set(graph.predecessors(actor_id))
    found.discard(actor_id)
    names = lookup.names(case, "actor")
    return sorted(found, key=lambda a: (name_key(names[a]), a))


def tie_sentence(graph, source: str, target: str, data: dict) -> str:
    """'Iran backs Badr Organization' for one edge."""
    names = graph.nodes
    return f"{names[source]['name']} {PHRASES[data['kind']]} {names[target]['name']}"
