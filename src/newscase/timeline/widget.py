"""The interactive timeline: ipywidgets controls over ``timeline_view`` (a thin layer).

``timeline_explorer()`` returns a :class:`TimelineExplorer`. Displayed, it carries the live
widget *and* a static text/html + text/plain version (the full timeline's description and
table), so a notebook read without a kernel (GitHub, nbviewer, HTML export) still shows
the facts. The static part is deterministic: no ids, no dates of the run.
"""

from __future__ import annotations

import html
from collections import Counter

from newscase.core import figures, lookup
from newscase.core.dates import MONTHS, period_end
from newscase.core.explorer import Explorer
from newscase.core.text import name_key
from newscase.timeline.static import figure_of, timeline_view

ANY_ACTOR = "Any actor"
ANY_PLACE = "Any place"
INTRO = (
    "Interactive timeline: choose an actor, a place and a range of months; the figure, its "
    "description and the table below update. Use Tab to move between the controls, arrow "
    "keys to change them."
)
STATIC_NOTE = (
    "Interactive timeline (run the notebook to filter it by actor, place and months). "
    "Without a running kernel this is its text version: the whole timeline."
)


class TimelineExplorer(Explorer):
    """Filter the timeline by actor, place and months (widgets), with a static fallback."""

    STATIC_NOTE = STATIC_NOTE
    CSS_CLASS = "newscase-timeline-explorer"

    # ---- choices offered (pure: lists of (label, value))

    def actor_options(self) -> list[tuple[str, str | None]]:
        """Actors that appear in events, by name, with their number of events."""
        counts = Counter(a for r in self.case.records["events"] for a in r["actor_ids"])
        names = lookup.names(self.case, "actor")
        ordered = sorted(counts, key=lambda a: (name_key(names[a]), a))
        return [(ANY_ACTOR, None)] + [(f"{names[a]} ({counts[a]})", a) for a in ordered]

    def place_options(self) -> list[tuple[str, str | None]]:
        """Places that appear in events, by name, with their number of events."""
        counts = Counter(p for r in self.case.records["events"] for p in r["place_ids"] or ())
        names = lookup.names(self.case, "place")
        ordered = sorted(counts, key=lambda p: (name_key(names[p]), p))
        return [(ANY_PLACE, None)] + [(f"{names[p]} ({counts[p]})", p) for p in ordered]

    def month_options(self) -> list[tuple[str, str]]:
        """Every month from January of the first event's year to December of the last."""
        years = [r["date"].year for r in self.case.records["events"]]
        return [
            (f"{MONTHS[m - 1]} {y}", f"{y:04d}-{m:02d}")
            for y in range(min(years), max(years) + 1)
            for m in range(1, 13)
        ]

    # ---- static version

    def static_texts(self):
        """The unfiltered timeline's title, description and table."""
        view = timeline_view(case=self.case)
        return view.title, view.description, view.table

    # ---- live widgets

    def _build(self) -> None:
        import ipywidgets as w

        wide = {"style": {"description_width": "initial"}}
        self.actor = w.Dropdown(
            options=self.actor_options(),
            value=None,
            description="Actor:",
            tooltip="Show only the events of one actor",
            layout=w.Layout(width="auto"),
            **wide,
        )
        self.place = w.Dropdown(
            options=self.place_options(),
            value=None,
            description="Place:",
            tooltip="Show only the events at one place",
            layout=w.Layout(width="auto"),
            **wide,
        )
        months = self.month_options()
        self.months = w.SelectionRangeSlider(
            options=months,
            index=(0, len(months) - 1),
            description="Months:",
            continuous_update=False,
            layout=w.Layout(width="95%"),
            **wide,
        )
        self.reset = w.Button(
            description="Show all events", tooltip="Clear the actor, place and month filters"
        )
        self.status = w.HTML()
        self.picture = w.HTML()
        self.text = w.HTML()
        for control in (self.actor, self.place, self.months):
            control.observe(self.update, names="value")
        self.reset.on_click(lambda _button: self.clear())
        heading = w.HTML(f"<p>{html.escape(INTRO)}</p>")
        controls = w.VBox([w.HBox([self.actor, self.place, self.reset]), self.months])
        self._box = w.VBox([heading, controls, self.status, self.picture, self.text])
        self._box.add_class("newscase-timeline-explorer")
        self.update()

    def selection(self) -> dict:
        """The current filters, as keyword arguments of ``timeline_view``."""
        first, last = self.months.value
        return {
            "start": f"{first}-01",
            "end": period_end(_month(last), "month").isoformat(),
            "actors": self.actor.value,
            "places": self.place.value,
        }

    def clear(self) -> None:
        """Back to the whole timeline."""
        self._quiet = True
        try:
            self.actor.value = None
            self.place.value = None
            self.months.index = (0, len(self.months.options) - 1)
        finally:
            self._quiet = False
        self.update()

    def update(self, *_change) -> None:
        """Redraw the figure, its description and the table for the current filters."""
        if self._quiet:
            return
        view = timeline_view(**self.selection(), case=self.case)
        total = len(self.case.records["events"])
        shown = len(view.events)
        scope = f" {view.filters}" if view.filters else ""
        first, last = self.months.label
        self.status.value = self.status_html(
            f"Showing {shown} of {total} events{scope}, {first} to {last}."
        )
        figure = figure_of(view)
        self.picture.value = figure.html()
        self.text.value = figures.describe(figure).html


def _month(value: str):
    import datetime as dt

    year, month = value.split("-")
    return dt.date(int(year), int(month), 1)


def timeline_explorer(case=None) -> TimelineExplorer:
    """The interactive timeline (filters: actor, place, months), with its text version."""
    return TimelineExplorer(case)
