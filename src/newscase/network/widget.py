"""The interactive network: focus on one actor, choose tie kinds (a thin ipywidgets layer).

``network_explorer()`` returns a :class:`NetworkExplorer`. Displayed, it carries the live
widget and a static text/html + text/plain version (the default drawing's description and
its table of ties), so the notebook reads without a kernel. No ids or run-dependent text.
"""

from __future__ import annotations

import html
from collections import Counter

from newscase.core import figures, lookup
from newscase.core.explorer import Explorer
from newscase.core.text import name_key
from newscase.network.draw import network_figure, network_texts
from newscase.network.graph import PHRASES

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


class NetworkExplorer(Explorer):
    """Focus the actor network on one actor and filter tie kinds, with a static fallback."""

    STATIC_NOTE = STATIC_NOTE
    CSS_CLASS = "newscase-network-explorer"

    def focus_options(self) -> list[tuple[str, str | None]]:
        """The article's actors (default), then every actor with a tie, by name."""
        counts = Counter()
        for record in self.case.records["relations"]:
            counts[record["source"]] += 1
            counts[record["target"]] += 1
        names = lookup.names(self.case, "actor")
        ordered = sorted(counts, key=lambda a: (name_key(names[a]), a))
        plural = {True: "ties", False: "tie"}
        return [(ARTICLE, None)] + [
            (f"{names[a]} ({counts[a]} {plural[counts[a] != 1]})", a) for a in ordered
        ]

    def static_texts(self):
        """The default drawing's title, description and table of ties."""
        return network_texts(case=self.case)

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
                w.HTML(f"<p>{html.escape(INTRO)}</p>"),
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
            self.status.value = self.status_html(
                "No kind of tie is ticked: tick at least one to see the network."
            )
            self.picture.value = ""
            self.text.value = ""
            return
        figure = network_figure(**chosen, case=self.case)
        self.status.value = self.status_html(figure.alt)
        self.picture.value = figure.html()
        self.text.value = figures.describe(figure).html


def network_explorer(case=None) -> NetworkExplorer:
    """The interactive actor network (focus actor, tie kinds), with its text version."""
    return NetworkExplorer(case)
