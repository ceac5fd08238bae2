"""The actor network drawn with matplotlib (deterministic layout), as a Figure.

Layout: a spring layout started from fixed positions (actors grouped by kind around a
circle), so the same data always gives the same picture; then labels are pushed apart
until no two overlap. Colours mark groups of actor kinds and tie kinds, but every tie kind
also has its own line style, and the actors who speak in the article are squares with a
thick outline, so nothing is told by colour alone.
"""

from __future__ import annotations

import functools
import math
import textwrap
from collections import Counter
from dataclasses import dataclass

from newscase.core import figures, lookup
from newscase.core.case import resolve_case
from newscase.core.dates import format_date
from newscase.core.display import Rendered
from newscase.core.errors import OptionProblem
from newscase.core.text import name_key
from newscase.network.graph import PHRASES, actor_graph, article_circle
from newscase.network.layout import components, spring_layout
from newscase.network.tables import ties_rendered

OI = figures.OKABE_ITO

# Actor kinds grouped for colour (order = legend order).
FAMILIES = (
    ("States and governments", ("state", "government"), OI["blue"]),
    (
        "Forces and armed groups",
        ("force", "paramilitary", "group", "coalition"),
        OI["vermillion"],
    ),
    ("People", ("person",), OI["orange"]),
    ("Parties and populations", ("party", "population"), OI["bluish_green"]),
    ("Media, analysts and institutes", ("outlet", "analyst", "institution"), OI["reddish_purple"]),
)
FAMILY_OF = {kind: name for name, kinds, _ in FAMILIES for kind in kinds}
FAMILY_COLOUR = {name: colour for name, _, colour in FAMILIES}

# Tie kind -> (colour, line style, width). Same colour => different line style.
EDGE_STYLES = {
    "backs": (OI["blue"], "solid", 1.6),
    "allied_with": (OI["bluish_green"], "solid", 1.6),
    "fights": (OI["vermillion"], "solid", 2.0),
    "opposes": (OI["vermillion"], (0, (5, 2)), 1.6),
    "designates_terrorist": (OI["reddish_purple"], (0, (1, 1.5)), 2.0),
    "leads": ("#000000", "solid", 1.2),
    "commands": ("#000000", (0, (5, 2)), 1.2),
    "part_of": (figures.GREY, "solid", 1.2),
    "founded": (figures.GREY, (0, (6, 2, 1, 2)), 1.2),
    "works_for": (OI["sky_blue"], (0, (6, 2, 1, 2)), 1.6),
    "quoted_by": (OI["orange"], (0, (1, 1.5)), 2.0),
    "reports_on": (OI["orange"], (0, (5, 2)), 1.6),
}

GRAPH_HEIGHT_MIN, GRAPH_HEIGHT_MAX = 4.6, 8.0
LABEL_SIZE = 8
LABEL_WIDTH = 20  # characters per label line


def selection(graph, *, focus=None, actors=None, case=None) -> tuple[list[str], str]:
    """(actor ids to draw, a phrase saying which) for the drawing's default subset.

    - ``focus``: that actor and every actor tied to it;
    - ``actors``: exactly those actors;
    - neither: the actors the article names or quotes that have a tie among themselves.
    """
    case = resolve_case(case)
    names = lookup.names(case, "actor")
    if focus is not None:
        found = lookup.resolve(focus, case, "actor")
        if len(found) != 1:
            raise OptionProblem("focus: give one actor (a name or id), e.g. focus='Badr'")
        centre = found[0]
        if centre not in graph:
            return [centre], f"{names[centre]} and the actors tied to it"
        tied = set(graph.successors(centre)) | set(graph.predecessors(centre))
        chosen = [centre, *sorted(tied - {centre}, key=lambda a: (name_key(names[a]), a))]
        return chosen, f"{names[centre]} and the actors tied to it"
    if actors is not None:
        chosen = [a for a in lookup.resolve(actors, case, "actor") if a in graph]
        return chosen, "the actors chosen"
    named = [a for a in article_circle(case) if a in graph]
    sub = graph.subgraph(named)
    tied = [a for a in named if sub.degree(a) > 0]
    return tied, "the actors the article names or quotes, its outlet, and the ties among them"


def _edges(graph, nodes) -> list[tuple[str, str, int]]:
    keep = set(nodes)
    return sorted(
        ((s, t, k) for s, t, k in graph.edges(keys=True) if s in keep and t in keep),
        key=lambda e: e[2],
    )


def _initial_positions(graph, nodes) -> dict[str, tuple[float, float]]:
    """Actors grouped by kind family around a circle, in a fixed order."""
    order = {name: i for i, (name, _, _) in enumerate(FAMILIES)}
    ranked = sorted(
        nodes,
        key=lambda a: (order[FAMILY_OF[graph.nodes[a]["kind"]]], -graph.degree(a), a),
    )
    count = max(len(ranked), 1)
    return {
        a: (math.cos(2 * math.pi * i / count), math.sin(2 * math.pi * i / count))
        for i, a in enumerate(ranked)
    }


def layout(graph, nodes, *, width: float, height: float) -> dict[str, tuple[float, float]]:
    """Positions in inches inside a width x height box (deterministic).

    The largest connected group of actors fills most of the box; smaller groups (and
    actors without ties) are stacked in a strip on the right.
    """
    if not nodes:
        return {}
    pairs = [(s, t) for s, t, _ in _edges(graph, nodes) if s != t]
    parts = sorted(components(nodes, pairs), key=lambda c: (-len(c), min(c)))
    main, rest = parts[0], parts[1:]
    strip = 0.0 if not rest else min(0.26 * width, 2.6)
    pos = _place(graph, nodes, pairs, main, (0.0, 0.0, width - strip, height))
    weights = [len(p) + 1 for p in rest]
    y = height
    for part, weight in zip(rest, weights, strict=True):
        share = min(height * weight / sum(weights), 0.75 * (len(part) + 1))
        pos.update(_place(graph, nodes, pairs, part, (width - strip, y - share, width, y)))
        y -= share
    return pos


def _place(graph, nodes, pairs, part, box) -> dict[str, tuple[float, float]]:
    """Spring layout of one connected group, scaled into box = (x0, y0, x1, y1)."""
    x0, y0, x1, y1 = box
    members = sorted(part)
    if len(members) == 1:
        return {members[0]: ((x0 + x1) / 2, (y0 + y1) / 2)}
    start = _initial_positions(graph, members)
    pos = spring_layout(
        [a for a in nodes if a in part],  # the order of the drawing's actors
        [(s, t) for s, t in pairs if s in part],
        start,
        k=1.8 / math.sqrt(len(members)),
        iterations=300,
    )
    margin_x = min(0.9, (x1 - x0) / 4)
    margin_y = min(0.45, (y1 - y0) / 4)
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    span_x = max(xs) - min(xs)
    span_y = max(ys) - min(ys)
    if len(members) <= 3 and (x1 - x0) < (y1 - y0):  # a small group: stand it upright
        xs, ys = ys, xs
        pos = {a: (p[1], p[0]) for a, p in pos.items()}
        span_x, span_y = span_y, span_x

    def scale(value, low, span, a, b):
        return (a + b) / 2 if span < 1e-9 else a + (value - low) / span * (b - a)

    return {
        a: (
            scale(pos[a][0], min(xs), span_x, x0 + margin_x, x1 - margin_x),
            scale(pos[a][1], min(ys), span_y, y0 + margin_y, y1 - margin_y),
        )
        for a in members
    }


def _separate(boxes: dict, pos: dict, width: float, height: float, rounds: int = 400) -> dict:
    """Move nodes so that their label boxes stop overlapping (in inches, deterministic).

    ``boxes[a]`` = (left, right, below, above) extents around the node's point.
    Pairs are visited in a fixed order and each move is seen by the pairs after it; every
    box's edges are kept up to date as its node moves (same arithmetic, fewer steps).
    """
    ids = sorted(pos)
    xs = [pos[a][0] for a in ids]
    ys = [pos[a][1] for a in ids]
    bx = [boxes[a] for a in ids]
    gap = 0.04
    count = len(ids)

    def edges(i: int) -> tuple[float, float, float, float]:
        left, right, below, above = bx[i]
        return xs[i] - left, xs[i] + right, ys[i] - below, ys[i] + above

    box = [edges(i) for i in range(count)]
    for _ in range(rounds):
        moved = False
        for i in range(count):
            a = ids[i]
            ax0, ax1, ay0, ay1 = box[i]
            for j in range(i + 1, count):
                bx0, bx1, by0, by1 = box[j]
                # min() and max() spelled out (same results, much faster in this loop)
                over_x = (bx1 if bx1 < ax1 else ax1) - (bx0 if bx0 > ax0 else ax0) + gap
                if over_x <= 0:
                    continue
                over_y = (by1 if by1 < ay1 else ay1) - (by0 if by0 > ay0 else ay0) + gap
                if over_y <= 0:
                    continue
                moved = True
                b = ids[j]
                if over_y < over_x:
                    shift = over_y / 2 + 1e-3
                    up = (ys[i], a) >= (ys[j], b)
                    ys[i] += shift if up else -shift
                    ys[j] -= shift if up else -shift
                else:
                    shift = over_x / 2 + 1e-3
                    right = (xs[i], a) >= (xs[j], b)
                    xs[i] += shift if right else -shift
                    xs[j] -= shift if right else -shift
                box[j] = edges(j)
                box[i] = ax0, ax1, ay0, ay1 = edges(i)
        for i in range(count):
            left, right, below, above = bx[i]
            xs[i] = min(max(xs[i], left), width - right)
            ys[i] = min(max(ys[i], below), height - above)
            box[i] = edges(i)
        if not moved:
            break
    return {a: (xs[i], ys[i]) for i, a in enumerate(ids)}


def _outline(ax, x: float, y: float, r: float, w: float, h: float):
    """An invisible patch around a node and its label: arrows stop at its edge."""
    from matplotlib.path import Path

    circle = Path.circle((x, y), r * 1.1)
    top = y - r - 0.02
    label = Path(
        [
            (x - w / 2, top),
            (x + w / 2, top),
            (x + w / 2, top - h),
            (x - w / 2, top - h),
            (x - w / 2, top),
        ],
        [Path.MOVETO, Path.LINETO, Path.LINETO, Path.LINETO, Path.CLOSEPOLY],
    )
    patch = _outline_class()(Path.make_compound_path(circle, label), fill=False, lw=0, alpha=0)
    ax.add_patch(patch)
    return patch


@functools.cache
def _outline_class():
    """A PathPatch whose ``contains`` gives Patch.contains' answers with less work.

    Each arrow asks its end patches "is this point inside?" some 20 times per drawing
    while it cuts itself to their edges (bisection), and matplotlib's ``Patch.contains``
    splits the path into its parts and composes and freezes the patch's transform anew
    each time. Here the parts are split once and the frozen transform is kept for as
    long as the transform's matrix stays the same; each part is then tested by the same
    ``Path.contains_point`` call as before, so the answers, the arrows and the PNG bytes
    are the same.
    """
    import numpy as np
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path

    class Outline(PathPatch):
        def __init__(self, path, **kwargs):
            super().__init__(path, **kwargs)
            starts = np.flatnonzero(path.codes == Path.MOVETO)[1:]  # as Patch.contains
            self._parts = [
                Path(v, c)
                for v, c in zip(
                    np.split(path.vertices, starts), np.split(path.codes, starts), strict=True
                )
            ]
            self._frozen = {}

        def contains(self, mouseevent, radius=None):
            if self._different_canvas(mouseevent):
                return False, {}
            radius = self._process_radius(radius)
            transform = self.get_transform()
            key = transform.get_matrix().tobytes()
            frozen = self._frozen.get(key)
            if frozen is None:
                if len(self._frozen) > 8:  # the figure was resized or re-laid out
                    self._frozen.clear()
                frozen = self._frozen[key] = transform.frozen()
            point = (mouseevent.x, mouseevent.y)
            return any(part.contains_point(point, frozen, radius) for part in self._parts), {}

    return Outline


def _radius_pt(degree: int) -> float:
    return min(5.0 + 1.1 * degree, 14.0)


def _label(name: str) -> str:
    return "\n".join(textwrap.wrap(name, LABEL_WIDTH)) or name


def draw(graph, nodes, edges, *, title: str):
    """A matplotlib figure of ``nodes`` and ``edges`` of ``graph``."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrowPatch

    width = figures.WIDTH
    height = min(GRAPH_HEIGHT_MAX, max(GRAPH_HEIGHT_MIN, 2.6 + 0.16 * len(nodes)))
    kinds_shown = [k for k in PHRASES if any(graph.edges[e]["kind"] == k for e in edges)]
    families_shown = [
        f for f, _, _ in FAMILIES if any(FAMILY_OF[graph.nodes[a]["kind"]] == f for a in nodes)
    ]
    legend_rows = math.ceil(len(kinds_shown) / 4) + math.ceil((len(families_shown) + 1) / 3)
    legend_height = 0.45 + 0.22 * legend_rows
    total = height + legend_height + 0.45

    with figures.style():
        fig = figures.new_figure(total)
        ax = fig.add_axes((0, (legend_height) / total, 1, height / total))
        ax.set_xlim(0, width)
        ax.set_ylim(0, height)
        ax.set_axis_off()
        ax.set_title(title, loc="left", x=0.02, pad=6)
        degree = {a: sum(1 for e in edges if a in e[:2]) for a in nodes}
        pos = layout(graph, nodes, width=width, height=height)

        # measure labels, then push nodes apart until labels do not overlap
        renderer = fig.canvas.get_renderer()
        texts, boxes = {}, {}
        for a in nodes:
            r_in = _radius_pt(degree[a]) / 72
            text = ax.text(
                0,
                0,
                _label(graph.nodes[a]["name"]),
                ha="center",
                va="top",
                fontsize=LABEL_SIZE,
                zorder=6,
                linespacing=1.1,
                bbox={"boxstyle": "round,pad=0.12", "fc": "white", "ec": "none", "alpha": 0.85},
            )
            extent = text.get_window_extent(renderer)
            w_in, h_in = extent.width / figures.DPI + 0.08, extent.height / figures.DPI + 0.06
            texts[a] = (text, r_in, w_in, h_in)
            boxes[a] = (max(w_in / 2, r_in), max(w_in / 2, r_in), r_in + 0.03 + h_in, r_in)
        pos = _separate(boxes, pos, width, height)

        outlines = {}
        for a in nodes:
            text, r_in, w_in, h_in = texts[a]
            x, y = pos[a]
            text.set_position((x, y - r_in - 0.03))
            outlines[a] = _outline(ax, x, y, r_in, w_in, h_in)
            node = graph.nodes[a]
            voice = node["speaks_in_article"]
            ax.scatter(
                [x],
                [y],
                s=(2 * _radius_pt(degree[a])) ** 2 * (0.8 if voice else 1.0),
                marker="s" if voice else "o",
                facecolors=FAMILY_COLOUR[FAMILY_OF[node["kind"]]],
                edgecolors="black",
                linewidths=2.6 if voice else 0.7,
                zorder=5,
            )

        pairs: dict[frozenset, list] = {}
        for edge in edges:
            pairs.setdefault(frozenset(edge[:2]), []).append(edge)
        for group in pairs.values():
            for index, (s, t, k) in enumerate(group):
                if s == t:
                    continue  # a tie of an actor with itself: listed in the table only
                colour, style, lw = EDGE_STYLES[graph.edges[s, t, k]["kind"]]
                rad = 0.0 if len(group) == 1 else 0.22 * (index - (len(group) - 1) / 2)
                if s > t:
                    rad = -rad  # arc3's bend is relative to direction: keep arcs apart
                arrow = FancyArrowPatch(
                    pos[s],
                    pos[t],
                    arrowstyle="-|>",
                    mutation_scale=10,
                    color=colour,
                    linestyle=style,
                    linewidth=lw,
                    connectionstyle=f"arc3,rad={rad}",
                    patchA=outlines[s],
                    patchB=outlines[t],
                    shrinkA=1,
                    shrinkB=2,
                    zorder=3,
                )
                # add_artist, not add_patch: the limits are fixed above, and add_patch
                # would clip every curved arrow once more only to update them.
                ax.add_artist(arrow)

        if not nodes:
            ax.text(
                width / 2,
                height / 2,
                "No actors or ties match these filters.",
                ha="center",
                va="center",
                fontsize=11,
                color=figures.GREY,
            )

        tie_handles = [
            Line2D(
                [],
                [],
                color=EDGE_STYLES[k][0],
                ls=EDGE_STYLES[k][1],
                lw=EDGE_STYLES[k][2],
                label=PHRASES[k],
            )
            for k in kinds_shown
        ]
        actor_handles = [
            Line2D(
                [],
                [],
                marker="o",
                ls="",
                markersize=9,
                markerfacecolor=FAMILY_COLOUR[f],
                markeredgecolor="black",
                markeredgewidth=0.7,
                label=f,
            )
            for f in families_shown
        ]
        actor_handles.append(
            Line2D(
                [],
                [],
                marker="s",
                ls="",
                markersize=9,
                markerfacecolor="white",
                markeredgecolor="black",
                markeredgewidth=2.6,
                label="speaks in the article (square, thick outline)",
            )
        )
        top = legend_height / total
        if tie_handles:
            ties = fig.legend(
                handles=tie_handles,
                loc="upper left",
                bbox_to_anchor=(0.02, top),
                ncol=4,
                title="Ties (arrow from first to second: A backs B)",
                title_fontproperties={"weight": "bold", "size": 9},
                alignment="left",
                handlelength=3.2,
                fontsize=8.5,
            )
            fig.add_artist(ties)
        rows = math.ceil(len(kinds_shown) / 4)
        fig.legend(
            handles=actor_handles,
            loc="upper left",
            bbox_to_anchor=(0.02, top - (0.32 + 0.22 * rows) / total if tie_handles else top),
            ncol=3,
            title="Actors (size: number of ties shown)",
            title_fontproperties={"weight": "bold", "size": 9},
            alignment="left",
            fontsize=8.5,
        )
    return fig, pos


def describe_network(graph, nodes, edges, *, which: str, left_out=(), period=None) -> str:
    """One paragraph saying what the drawing shows."""
    names = {a: graph.nodes[a]["name"] for a in graph}
    count_n, count_e = len(nodes), len(edges)
    if not count_n:
        return "No actors or ties match these filters. Choose another actor or more tie kinds."
    sentences = [
        f"A network of {count_n} actor{'s' * (count_n != 1)} and {count_e} "
        f"tie{'s' * (count_e != 1)}: {which}."
    ]
    if period:
        sentences.append(f"Only ties whose dates overlap {period} are shown.")
    kinds = Counter(graph.edges[e]["kind"] for e in edges)
    if kinds:
        listed = ", ".join(f"{PHRASES[k]} ({kinds[k]})" for k in PHRASES if k in kinds)
        sentences.append(f"Kinds of tie, each with its own line style: {listed}.")
    degree = Counter()
    for s, t, _ in edges:
        degree[s] += 1
        degree[t] += 1
    top = sorted(degree.items(), key=lambda item: (-item[1], names[item[0]]))[:3]
    if top:
        sentences.append("Most ties: " + ", ".join(f"{names[a]} ({n})" for a, n in top) + ".")
    voices = [names[a] for a in nodes if graph.nodes[a]["speaks_in_article"]]
    if voices:
        sentences.append(
            "Speak in the article (squares with a thick outline): " + ", ".join(voices) + "."
        )
    if left_out:
        sentences.append(
            "Named in the article but without a tie to the others, so not drawn: "
            + ", ".join(names[a] for a in left_out)
            + "."
        )
    sentences.append("The table lists every tie drawn, with its dates and sources.")
    return " ".join(sentences)


@dataclass(frozen=True)
class NetworkView:
    """What a network drawing shows, in data and in words (before anything is drawn)."""

    graph: object
    nodes: list
    edges: list
    title: str
    description: str
    alt: str
    table: Rendered


def network_view(
    actors=None, *, focus=None, kinds=None, actor_kinds=None, period=None, case=None
) -> NetworkView:
    """The actors, ties and texts of a network drawing (arguments as network_figure)."""
    case = resolve_case(case)
    graph = actor_graph(case, kinds=kinds, period=period, actor_kinds=actor_kinds)
    nodes, which = selection(graph, focus=focus, actors=actors, case=case)
    nodes = [a for a in nodes if a in graph]
    edges = _edges(graph, nodes)
    left_out = []
    if focus is None and actors is None:
        left_out = [a for a in article_circle(case) if a in graph and a not in nodes]
    period_text = _period_text(period)
    title = "Actor network: " + which
    if period_text:
        title += f" ({period_text})"
    count_n, count_e = len(nodes), len(edges)
    return NetworkView(
        graph=graph,
        nodes=nodes,
        edges=edges,
        title=title,
        description=describe_network(
            graph, nodes, edges, which=which, left_out=left_out, period=period_text
        ),
        alt=(
            f"Network diagram of {count_n} actor{'s' * (count_n != 1)} and {count_e} "
            f"tie{'s' * (count_e != 1)}: {which}."
        ),
        table=ties_rendered(
            graph, edges, case, caption=f"The {count_e} tie{'s' * (count_e != 1)} drawn"
        ),
    )


def network_texts(**kwargs) -> tuple[str, str, Rendered]:
    """(title, description, table) of a drawing, without drawing it."""
    view = network_view(**kwargs)
    return view.title, view.description, view.table


def network_figure(
    actors=None,
    *,
    focus=None,
    kinds=None,
    actor_kinds=None,
    period=None,
    case=None,
) -> figures.Figure:
    """The actor network as a Figure (picture, description, ties table).

    By default: the actors the article names or quotes, its outlet, and the ties among
    them. ``focus`` (a name or id): that actor and everyone tied to it. ``actors``:
    exactly those actors. ``kinds`` (tie kinds), ``actor_kinds`` and ``period`` filter as
    in ``actor_graph``.
    """
    view = network_view(
        actors, focus=focus, kinds=kinds, actor_kinds=actor_kinds, period=period, case=case
    )
    title = textwrap.fill(view.title, 90)
    return figures.Figure(
        lambda: draw(view.graph, view.nodes, view.edges, title=title)[0],
        view.title,
        view.description,
        alt=view.alt,
        table=view.table,
        key=drawing_key(view.graph, view.nodes, view.edges, title),
    )


def drawing_key(graph, nodes, edges, title: str) -> str:
    """Everything :func:`draw` reads, as text: the same key always gives the same picture.

    The actors in order with their name, kind, voice and number of ties in ``graph``
    (which orders the starting circle), the ties with their kind, and the title.
    """
    node = graph.nodes
    actors = [
        (a, node[a]["name"], node[a]["kind"], node[a]["speaks_in_article"], graph.degree(a))
        for a in nodes
    ]
    ties = [(s, t, k, graph.edges[s, t, k]["kind"]) for s, t, k in edges]
    return "network " + repr((title, actors, ties))


def _period_text(period) -> str:
    from newscase.network.graph import read_period

    first, last = read_period(period)
    if first is None and last is None:
        return ""
    if first and last:
        from newscase.core.dates import format_range

        return format_range(first, last)
    return f"from {format_date(first)}" if first else f"until {format_date(last)}"
