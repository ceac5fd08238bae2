"""The actor network: graph = data, filters, neighbours, tables, drawing and widget."""

from __future__ import annotations

import base64
import os
import subprocess
import sys

import matplotlib
import pytest

from newscase import load_case, network
from newscase.core import figures
from newscase.core.display import CELL_STYLE
from newscase.network import draw, graph
from newscase.timeline import NameNotFound, OptionProblem

from helpers import edit_data

matplotlib.use("Agg")

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def case():
    return load_case()


@pytest.fixture(scope="module")
def full(case):
    return network.actor_graph(case)


# ---- the graph is the data


def test_graph_has_one_node_per_actor_and_one_edge_per_relation(case, full):
    assert full.number_of_nodes() == len(case.records["actors"])
    assert full.number_of_edges() == len(case.records["relations"])
    assert full.is_directed() and full.is_multigraph()


def test_node_and_edge_attributes_come_from_the_data(case, full):
    for record in case.records["actors"]:
        node = full.nodes[record["id"]]
        assert node["name"] == record["name"] and node["kind"] == record["kind"]
        assert node["speaks_in_article"] is bool(record["speaks_in_article"])
        assert node["article_mentions"] == list(record["article_mentions"] or ())
    for number, record in enumerate(case.records["relations"]):
        data = full.edges[record["source"], record["target"], number]
        assert data["kind"] == record["kind"]
        assert (data["start"], data["end"], data["note"]) == (
            record["start"],
            record["end"],
            record["note"],
        )


def test_every_edge_cites_known_sources(case, full):
    known = set(case.ids("sources"))
    for source, target, data in full.edges(data=True):
        assert data["sources"], (source, target)
        assert set(data["sources"]) <= known, (source, target)


def test_filter_by_relation_kind_and_spelled_out_kind(case):
    count = sum(1 for r in case.records["relations"] if r["kind"] in ("backs", "part_of"))
    kept = network.actor_graph(case, kinds=["backs", "part of"])
    assert kept.number_of_edges() == count
    assert {d["kind"] for _, _, d in kept.edges(data=True)} == {"backs", "part_of"}
    assert kept.number_of_nodes() == len(case.records["actors"])


def test_unknown_kinds_are_refused_with_the_list_of_kinds():
    with pytest.raises(
        OptionProblem, match=r"'fight' is not a relation kind\. Did you mean 'fights'"
    ):
        network.actor_graph(kinds="fight")
    with pytest.raises(OptionProblem, match="The actor kinds are: state, government"):
        network.actor_graph(actor_kinds=["country"])


def test_period_keeps_ties_that_overlap_it_and_undated_ties(case):
    kept = network.actor_graph(case, period="2017")
    for number, record in enumerate(case.records["relations"]):
        present = kept.has_edge(record["source"], record["target"], number)
        ended_before = record["end"] is not None and record["end"][:4] < "2017"
        started_after = record["start"] is not None and record["start"][:4] > "2017"
        assert present == (not ended_before and not started_after), record
    pair = network.actor_graph(case, period=("2003", "2004"))
    assert pair.number_of_edges() < kept.number_of_edges()
    with pytest.raises(OptionProblem, match="a pair"):
        network.actor_graph(case, period=("2003", "2004", "2005"))


def test_actor_kinds_keep_those_actors_and_the_ties_between_them(case):
    kept = network.actor_graph(case, actor_kinds=["paramilitary", "force"])
    assert {d["kind"] for _, d in kept.nodes(data=True)} == {"paramilitary", "force"}
    for source, target in kept.edges():
        assert kept.nodes[source]["kind"] in ("paramilitary", "force")
        assert kept.nodes[target]["kind"] in ("paramilitary", "force")


def test_neighbours_by_name_and_direction(case):
    relations = case.records["relations"]
    out = {r["target"] for r in relations if r["source"] == "iran"}
    into = {r["source"] for r in relations if r["target"] == "iran"}
    assert set(network.neighbours("Iran", case, direction="out")) == out
    assert set(network.neighbours("iran", case, direction="in")) == into
    alt_name = case.record("actors", "iran")["alt_names"][0]
    both = network.neighbours(alt_name, case)
    assert set(both) == out | into
    names = [case.record("actors", a)["name"].casefold() for a in both]
    assert names == sorted(names)
    with pytest.raises(NameNotFound, match="No actor is called 'Irn'"):
        network.neighbours("Irn", case)
    with pytest.raises(OptionProblem, match="direction"):
        network.neighbours("iran", case, direction="up")


# ---- tables


def test_names_table_lists_every_actor_with_alternative_names(case):
    rendered = network.names_table()
    assert rendered.html.count("<tr>") == len(case.records["actors"]) + 1
    pmu = case.record("actors", "pmu")
    for name in pmu["alt_names"]:
        assert name in rendered.text
    assert "الحشد الشعبي" in rendered.html
    only = network.names_table(["Hashd al-Shaabi", "badr"])
    assert only.html.count("<tr>") == 3 and "Badr Organization" in only.text


def test_ties_table_of_one_actor(case):
    relations = case.records["relations"]
    rows = [r for r in relations if "badr" in (r["source"], r["target"])]
    rendered = network.ties_table("Badr Brigade")
    assert rendered.html.count("<tr>") == len(rows) + 1
    for header in ("From", "Tie", "To", "Period", "Note", "Sources"):
        assert f'<th scope="col"{CELL_STYLE}>{header}</th>' in rendered.html
    assert rendered.text.startswith(f"{len(rows)} ties of Badr Organization")
    assert "is part of" in rendered.text and "from 2014" in rendered.text
    short = network.ties_table(kinds="backs", notes=False)
    assert "Note" not in short.text.splitlines()[1]
    backs = sum(1 for r in relations if r["kind"] == "backs")
    assert short.text.startswith(f"{backs} ties (backs)")


def test_ties_table_escapes_html_from_the_data(data_copy):
    edit_data(
        data_copy,
        "relations.csv",
        lambda rows: rows[0].update(note="<img src=x onerror=alert(1)> & more"),
    )
    case = load_case(data_copy)
    rendered = network.ties_table(case=case)
    assert "<img" not in rendered.html
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; more" in rendered.html


# ---- drawing


def test_default_drawing_shows_the_articles_actors_with_ties(case, full):
    figure = network.network_figure()
    assert isinstance(figure, figures.Figure)
    assert figure.png().startswith(PNG_SIGNATURE)
    view = draw.network_view()
    circle = graph.article_circle(case)
    assert set(view.nodes) <= set(circle)
    sub = full.subgraph(circle)
    assert set(view.nodes) == {a for a in circle if sub.degree(a) > 0}
    assert len(view.edges) == sub.number_of_edges()
    assert figure.description.startswith(
        f"A network of {len(view.nodes)} actors and {len(view.edges)} ties: "
    )
    voices = [full.nodes[a]["name"] for a in view.nodes if full.nodes[a]["speaks_in_article"]]
    assert "Speak in the article (squares with a thick outline): " + ", ".join(voices) in (
        figure.description
    )
    assert figure.table.html.count("<tr>") == len(view.edges) + 1
    assert figure.alt.startswith("Network diagram of ")


def test_focus_drawing_shows_one_actor_and_its_ties(full):
    view = draw.network_view(focus="Badr")
    tied = set(full.successors("badr")) | set(full.predecessors("badr"))
    assert view.nodes[0] == "badr" and set(view.nodes) == tied | {"badr"}
    figure = network.network_figure(focus="Badr", kinds=["backs", "leads"])
    assert "Badr Organization and the actors tied to it" in figure.title
    with pytest.raises(OptionProblem, match="focus: give one actor"):
        network.network_figure(focus=["badr", "iran"])


def test_period_and_empty_selections_still_describe_themselves():
    figure = network.network_figure(period="2017")
    assert figure.title.endswith("(2017)")
    assert "Only ties whose dates overlap 2017 are shown." in figure.description
    empty = network.network_figure(actors=[], kinds="founded")
    assert empty.description.startswith("No actors or ties match these filters.")
    assert empty.png().startswith(PNG_SIGNATURE)


def test_every_tie_kind_has_its_own_style_and_a_phrase():
    from newscase.core.schemas import RELATION_KINDS

    assert set(draw.EDGE_STYLES) == set(RELATION_KINDS) == set(network.PHRASES)
    styles = {(c, str(s)) for c, s, _ in draw.EDGE_STYLES.values()}
    assert len(styles) == len(RELATION_KINDS), "colour + line style tell every kind apart"


def test_layout_is_deterministic_and_labels_do_not_overlap(full):
    view = draw.network_view()
    first = draw.layout(full, view.nodes, width=9.6, height=7.0)
    assert draw.layout(full, view.nodes, width=9.6, height=7.0) == first
    fig, _pos = draw.draw(full, view.nodes, view.edges, title="t")
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    boxes = [t.get_window_extent(renderer) for t in ax.texts if t.get_text() != ""]
    assert len(boxes) == len(view.nodes)
    overlaps = [
        (i, j) for i, a in enumerate(boxes) for j, b in enumerate(boxes) if i < j and a.overlaps(b)
    ]
    assert overlaps == []


def test_two_renders_give_identical_png_bytes():
    fresh = figures.render_png(network.network_figure().fig)  # drawn and rendered anew
    assert network.network_figure().png() == fresh


def test_the_drawing_key_names_what_is_drawn(full):
    first = draw.network_view(focus="Badr")
    key = draw.drawing_key(full, first.nodes, first.edges, "t")
    assert key == draw.drawing_key(full, list(first.nodes), list(first.edges), "t")
    assert key != draw.drawing_key(full, first.nodes, first.edges, "another title")
    assert key != draw.drawing_key(full, first.nodes, first.edges[:-1], "t")
    fights = network.actor_graph(kinds="fights")  # same actors, other ties: other degrees
    assert key != draw.drawing_key(fights, first.nodes, [], "t")


def test_the_explorer_opens_on_the_default_drawing_without_drawing_it_again(monkeypatch):
    default = network.network_figure()
    png = default.png()
    monkeypatch.setattr(draw, "draw", lambda *a, **k: pytest.fail("drawn a second time"))
    explorer = network.network_explorer()
    assert explorer.widget is not None  # built, with the default drawing
    assert base64.b64encode(png).decode() in explorer.picture.value


# ---- widget


def test_explorer_builds_without_a_frontend_and_has_static_fallbacks():
    explorer = network.network_explorer()
    bundle = explorer._repr_mimebundle_()
    assert {"text/html", "text/plain", "application/vnd.jupyter.widget-view+json"} <= set(bundle)
    assert bundle["text/plain"].startswith("Interactive network (run the notebook")
    assert '<details class="newscase-figure-text">' in bundle["text/html"] and "<table" in bundle["text/html"]
    assert "data:image" not in bundle["text/html"] and "model_id" not in bundle["text/html"]
    assert network.network_explorer()._repr_mimebundle_()["text/plain"] == bundle["text/plain"]


def test_explorer_focus_and_kinds_update_the_view():
    explorer = network.network_explorer()
    explorer.widget  # noqa: B018 - builds the widgets
    assert explorer.focus.description == "Actor:"
    assert all(box.description for box in explorer.kinds.values())
    explorer.focus.value = "badr"
    assert "Badr Organization and the actors tied to it" in explorer.status.value
    assert 'alt="Network diagram of ' in explorer.picture.value
    for box in explorer.kinds.values():
        box.value = False
    assert "No kind of tie is ticked" in explorer.status.value
    explorer.clear()
    assert explorer.selection()["focus"] is None
    assert "the actors the article names or quotes" in explorer.status.value


# ---- the layout: networkx's spring layout, without networkx


@pytest.mark.parametrize(
    "kwargs",
    [{}, {"focus": "Badr"}, {"focus": "Iran"}, {"kinds": ["backs", "fights"]}, {"period": "2017"}],
)
def test_spring_layout_is_networkx_spring_layout_bit_for_bit(kwargs):
    import math

    import networkx as nx  # a test dependency only: the module does not need it

    from newscase.network.layout import components, spring_layout

    view = draw.network_view(**kwargs)
    pairs = [(s, t) for s, t, _ in view.edges if s != t]
    for part in components(view.nodes, pairs):
        if len(part) < 2:
            continue
        order = [a for a in view.nodes if a in part]
        start = draw._initial_positions(view.graph, sorted(part))
        simple = nx.Graph()
        simple.add_nodes_from(order)
        simple.add_edges_from(p for p in pairs if p[0] in part)
        k = 1.8 / math.sqrt(len(part))
        expected = nx.spring_layout(simple, pos=start, k=k, iterations=300, seed=7)
        ours = spring_layout(order, [p for p in pairs if p[0] in part], start, k=k, iterations=300)
        assert list(ours) == list(expected)
        assert all(tuple(expected[a]) == ours[a] for a in order), "same floats, bit for bit"


def test_layout_does_not_depend_on_the_python_session():
    """Small groups of actors used to follow string hashes (networkx's node sets)."""
    code = (
        "from newscase.network import draw\n"
        "view = draw.network_view(kinds=['leads', 'commands', 'part_of'])\n"
        "print(sorted(draw.layout(view.graph, view.nodes, width=9.6, height=7.0).items()))\n"
    )
    runs = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(runs) == 1
    assert "('abu_mahdi_al_muhandis', (" in next(iter(runs))


def test_actor_graph_converts_to_networkx_with_the_same_nodes_ties_and_order(full):
    converted = full.to_networkx()
    assert list(converted.nodes(data=True)) == full.nodes(data=True)
    assert list(converted.edges(keys=True, data=True)) == full.edges(keys=True, data=True)
    assert all(converted.degree(a) == full.degree(a) for a in full)
    assert [list(converted.predecessors(a)) for a in full] == [
        list(full.predecessors(a)) for a in full
    ]
