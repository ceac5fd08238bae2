"""Pure functions over events.csv: filter by dates, actors and places; the article's day.

Nothing here draws or builds widgets; the renderers in static.py and widget.py use it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from newscase.core import lookup
from newscase.core.case import resolve_case
from newscase.core.dates import format_date, parse_range, period_end
from newscase.core.display import Rendered, join, paragraphs
from newscase.core.errors import OptionProblem

# Countries of places.csv, for the timeline's lanes (ISO codes as the data writes them).
COUNTRY_NAMES = {
    "IQ": "Iraq",
    "SY": "Syria",
    "IR": "Iran",
    "LB": "Lebanon",
    "JO": "Jordan",
    "IL": "Israel",
    "TR": "Turkey",
    "disputed": "disputed territory",
}
NO_PLACE = "Place not given"
LANE_MODES = ("country", "actors", "none")



def events_between(start=None, end=None, *, actors=None, places=None, case=None):
    """The events between ``start`` and ``end`` (inclusive), oldest first, as a DataFrame.

    - ``start``/``end``: None (no limit), a date, a year (2017) or text such as
      "2017-05-29", "2017-05", "2017" or "May 2017". A partial end counts to the end of its
      month or year: ``events_between("2017", "2017")`` is all of 2017.
    - An event known only to the month (or year) is included when that month (or year)
      overlaps the range.
    - ``actors``/``places``: one id, name or alternative name, or a list of them (any
      capitals). An event is kept if it involves *any* of the actors and happens at *any*
      of the places; an unknown name raises NameNotFound listing close matches.

    The frame is indexed by event id, has the columns of events.csv (``date`` as a pandas
    Timestamp) and a ``when`` column: the date as written with its precision
    ("29 May 2017", "December 2016").
    """
    case = resolve_case(case)
    first, last = parse_range(start, end)
    actor_ids = set(lookup.resolve(actors, case, "actor"))
    place_ids = set(lookup.resolve(places, case, "place"))
    events = case.events

    def wanted(row) -> bool:
        day = row["date"].date()
        if last is not None and day > last:
            return False
        if first is not None and period_end(day, row["date_precision"]) < first:
            return False
        if actor_ids and not actor_ids & set(row["actor_ids"]):
            return False
        return not (place_ids and not place_ids & set(row["place_ids"] or ()))

    keep = [wanted(row) for _, row in events.iterrows()]
    shown = events[keep].copy()
    shown["when"] = [
        format_date(d, p) for d, p in zip(shown["date"], shown["date_precision"], strict=True)
    ]
    return shown.sort_values("date", kind="stable")


def article_date() -> dt.date:
    """The article's date, from its metadata (article.yaml)."""
    from newscase.core.article import load_article

    value = load_article().meta["date"]
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


@dataclass(frozen=True)
class ArticleMoment:
    """The article's day and the events of that day (displays as a paragraph and a table)."""

    date: dt.date
    when: str
    events: object  # DataFrame, as from events_between

    def render(self, case=None) -> Rendered:
        from newscase.timeline.static import events_table

        count = len(self.events)
        if count:
            lead = (
                f"The article is dated {self.when}. The case lists {count} "
                f"event{'s' * (count != 1)} on that day:"
            )
            titles = "; ".join(self.events["title"])
            return join(
                paragraphs(f"{lead} {titles}."),
                events_table(self.events, caption=f"Events on {self.when}", case=case),
            )
        return paragraphs(f"The article is dated {self.when}. The case lists no event that day.")

    def _repr_mimebundle_(self, include=None, exclude=None):
        return self.render()._repr_mimebundle_()

    def __repr__(self) -> str:
        return self.render().text


def article_moment(case=None) -> ArticleMoment:
    """The article's date and the events dated exactly that day (day precision)."""
    day = article_date()
    events = events_between(day, day, case=case)
    events = events[events["date_precision"] == "day"]
    return ArticleMoment(day, format_date(day), events)


def event_countries(event, case) -> list[str]:
    """The country codes of an event's places.

    A place that spans several countries (Mount Sinjar, the tri-border area) counts only
    when the event has no place inside a single country: an attack on Sinjar town and
    Mount Sinjar happened in Iraq, not "in Iraq and Syria".
    """
    places = {r["id"]: r for r in case.records["places"]}
    countries = [places[p]["country"] for p in event["place_ids"] or ()]
    single = [c for c in countries if len(c) == 1] or countries
    codes: list[str] = []
    for code in (c for group in single for c in group):
        if code not in codes:
            codes.append(code)
    return codes


def country_lane(codes: list[str]) -> str:
    """'Iraq', 'Syria', 'Iraq and Syria' (any event on both sides), or the place's country."""
    if not codes:
        return NO_PLACE
    if "IQ" in codes and "SY" in codes:
        return "Iraq and Syria"
    return " and ".join(COUNTRY_NAMES.get(c, c) for c in codes)


def lanes_for(events, *, mode: str = "country", actor_ids=(), case=None) -> list[tuple]:
    """(lane label, event ids in it) in display order.

    ``mode``: "country" (Iraq, Iraq and Syria, Syria, ... , Place not given), "actors"
    (one lane per actor in ``actor_ids``; an event appears in each of its lanes) or "none".
    """
    case = resolve_case(case)
    if mode not in LANE_MODES:
        raise OptionProblem(f"lanes={mode!r} is not an option; use one of {', '.join(LANE_MODES)}")
    if mode == "none":
        return [("Events", list(events.index))]
    if mode == "actors":
        if not actor_ids:
            raise OptionProblem("lanes='actors' needs actors=...: one lane per actor chosen")
        display = lookup.names(case, "actor")
        return [
            (display[a], [i for i, row in events.iterrows() if a in row["actor_ids"]])
            for a in actor_ids
        ]
    order = ["Iraq", "Iraq and Syria", "Syria"]
    groups: dict[str, list[str]] = {}
    for event_id, row in events.iterrows():
        groups.setdefault(country_lane(event_countries(row, case)), []).append(event_id)
    labels = [lane for lane in order if lane in groups]
    labels += sorted(lane for lane in groups if lane not in order and lane != NO_PLACE)
    labels += [NO_PLACE] if NO_PLACE in groups else []
    return [(lane, groups[lane]) for lane in labels]
