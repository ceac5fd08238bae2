"""The interactive network: focus on one actor, choose tie kinds (a thin ipywidgets layer).

``network_explorer()`` returns a :class:`NetworkExplorer`. Displayed, it carries the live
widget and a static text/html + text/plain version (the default drawing's description and
its table of ties), so the notebook reads without a kernel. No ids or run-dependent text.
"""

from __future__ import annotations

import html
from collections import Counter

from newscase import figures
from newscase.display import Rendered
from newscase.network.draw import network_figure, network_texts
from newscase.network.graph import PHRASES, _case
from newscase.timeline import lookup

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
ARTICLE = "The article's actors"
INTRO = (
    "Interactive network: choose an actor to see everyone tied to it, and tick the kinds of "
    "tie to show; the drawing, its description and the table of ties update. Use Tab to "
    "move between the controls, Space to tick a box."
)
STATIC_NOTE = (
    "Interactive network (run the notebook to focus on one actor or choose kinds of tie). "
    "Without a running kernel this is its text version: the article's actors and their ties."
)


def _e(value) -> str:
    return html.escape(str(value))


class NetworkExplorer:
    """Focus the actor network on one actor and filter tie kinds, with a static fallback."""

    def __init__(self, case=None):
        self.case = _case(case)
        self._box = None
        self._quiet = False

    def focus_options(self) -> list[tuple[str, str | None]]:
        """The article's actors (default), then every actor with a tie, by name."""
        counts = Counter()
        for record in self.case.records["relations"]:
            counts[record["source"]] += 1
            counts[record["target"]] += 1
        names = lookup.names(self.case, "actor")
        ordered = sorted(counts, key=lambda a: (lookup.key(names[a]), a))
        plural = {True: "ties", False: "tie"}
        return [(ARTICLE, None)] + [
            (f"{names[a]} ({counts[a]} {plural[counts[a] != 1]})", a) for a in ordered
        ]

    def static(self) -> Rendered:
        """The default drawing in words: a note, the description and the table of ties."""
        title, description, table = network_texts(case=self.case)
        text = figures.text_description(title, description, table)
        markup = (
            f'<div class="newscase-network-explorer"><p><em>{_e(STATIC_NOTE)}</em></p>'
            f"{text.html}</div>"
        )
        return Rendered(markup, f"{STATIC_NOTE}\n\n{text.text}")

    @property
    def widget(self):
        """The ipywidgets VBox (built on first use)."""
        if self._box is None:
            self._build()
        return self._box

    def _build(self) -> None:
        import ipywidgets as w

        self.focus = w.Dropdown(
            options=self.focus_options(),
            value=None,
            description="Actor:",
            tooltip="Show one actor and everyone tied to it",
            style={"description_width": "initial"},
            layout=w.Layout(width="auto"),
        )
        self.kinds = {
            kind: w.Checkbox(
                value=True, description=phrase, indent=False, layout=w.Layout(width="auto")
            )
            for kind, phrase in PHRASES.items()
        }
        self.reset = w.Button(description="Show all", tooltip="All tie kinds, the article's actors")
        self.status = w.HTML()
        self.picture = w.HTML()
        self.text = w.HTML()
        self.focus.observe(self.update, names="value")
        for box in self.kinds.values():
            box.observe(self.update, names="value")
        self.reset.on_click(lambda _button: self.clear())
        kinds_label = w.HTML("<p><strong>Kinds of tie shown:</strong></p>")
        grid = w.GridBox(
            list(self.kinds.values()),
            layout=w.Layout(grid_template_columns="repeat(4, auto)"),
        )
        self._box = w.VBox(
            [
                w.HTML(f"<p>{_e(INTRO)}</p>"),
                w.HBox([self.focus, self.reset]),
                kinds_label,
                grid,
                self.status,
                self.picture,
                self.text,
            ]
        )
        self._box.add_class("newscase-network-explorer")
        self.update()

    def selection(self) -> dict:
        """The current filters, as keyword arguments of ``network_figure``."""
        chosen = [kind for kind, box in self.kinds.items() if box.value]
        return {"focus": self.focus.value, "kinds": chosen}

    def clear(self) -> None:
        """Back to the default: the article's actors, every kind of tie."""
        self._quiet = True
        try:
            self.focus.value = None
            for box in self.kinds.values():
                box.value = True
        finally:
            self._quiet = False
        self.update()

    def update(self, *_change) -> None:
        """Redraw for the current filters."""
        if self._quiet:
            return
        chosen = self.selection()
        if not chosen["kinds"]:
            self.status.value = (
                '<p role="status" aria-live="polite">No kind of tie is ticked: tick at least '
                "one to see the network.</p>"
            )
            self.picture.value = ""
            self.text.value = ""
            return
        figure = network_figure(**chosen, case=self.case)
        self.status.value = f'<p role="status" aria-live="polite">{_e(figure.alt)}</p>'
        self.picture.value = figure.html()
        self.text.value = figures.describe(figure).html

    def _repr_mimebundle_(self, include=None, exclude=None):
        static = self.static()
        bundle = {"text/html": static.html, "text/plain": static.text}
        try:
            view = self.widget._repr_mimebundle_() or {}
        except ImportError:
            return bundle
        bundle.update({k: v for k, v in view.items() if k == WIDGET_VIEW})
        return bundle

    def __repr__(self) -> str:
        return self.static().text


def network_explorer(case=None) -> NetworkExplorer:
    """The interactive actor network (focus actor, tie kinds), with its text version."""
    return NetworkExplorer(case)
