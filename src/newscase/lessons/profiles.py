"""Profiles: the data's own summaries of chosen actors and events, as readable tables.

>>> from newscase.lessons.profiles import actor_profiles, event_details
>>> actor_profiles(["pmu", "Badr"])                        # ids, names or other names
>>> event_details(["fall_of_mosul_2014", "sistani_fatwa_2014"])

Notebooks pick records by id (never by a date typed into a cell) and show what the data
says about them, with the sources each record cites. Unknown names and ids raise a
friendly error that lists close matches.
"""

from __future__ import annotations

import difflib

from newscase.core.case import resolve_case
from newscase.core.display import Rendered, table

ACTOR_KINDS = {
    "state": "state",
    "government": "government",
    "paramilitary": "paramilitary group",
    "force": "armed force",
    "party": "political party",
    "person": "person",
    "outlet": "news outlet",
    "analyst": "analyst",
    "institution": "institution",
    "coalition": "coalition",
    "group": "armed group",
    "population": "population",
}
ACTOR_HEADERS = ("Actor", "Kind", "Who they are", "What is at stake for them", "Sources")
EVENT_HEADERS = ("Date", "Event", "What happened", "Places", "Sources")



def actor_profiles(actors, *, caption: str | None = None, case=None) -> Rendered:
    """One row per actor (ids, names or alternative names, in the order given): name and
    id, kind, the data's summary, what is at stake for them, and the sources."""
    from newscase.core import lookup

    case = resolve_case(case)
    ids = lookup.resolve(actors, case, "actor")
    rows = []
    for actor_id in ids:
        record = case.record("actors", actor_id)
        rows.append(
            [
                [record["name"], f"(id: {actor_id})"],
                ACTOR_KINDS.get(record["kind"], record["kind"]),
                record["summary"],
                record["stake"],
                lookup.source_cell(record["sources"], case),
            ]
        )
    if caption is None:
        caption = f"Who is who: {len(rows)} actor{'s' * (len(rows) != 1)}"
    return table(ACTOR_HEADERS, rows, caption=caption, css_class="newscase-table newscase-profiles")


def event_details(event_ids, *, caption: str | None = None, case=None) -> Rendered:
    """The chosen events (ids of events.csv), oldest first, with their summaries.

    Dates are written with their precision ("December 2016" for an event known only to
    the month)."""
    from newscase.core import lookup
    from newscase.core.dates import format_date

    case = resolve_case(case)
    wanted = [event_ids] if isinstance(event_ids, str) else list(dict.fromkeys(event_ids))
    events = {e["id"]: e for e in case.records["events"]}
    unknown = [e for e in wanted if e not in events]
    if unknown:
        from newscase.core.errors import NameNotFound

        lines = []
        for event_id in unknown:
            close = difflib.get_close_matches(str(event_id), list(events), n=3, cutoff=0.5)
            hint = f" Did you mean: {', '.join(close)}?" if close else ""
            lines.append(f"No event has the id {event_id!r}.{hint}")
        lines.append("Event ids are the first column of events.csv (newscase.load_case().events).")
        raise NameNotFound("\n".join(lines))
    chosen = sorted((events[e] for e in wanted), key=lambda e: e["date"])
    places = lookup.names(case, "place")
    rows = [
        [
            format_date(e["date"], e["date_precision"]),
            e["title"],
            e["summary"],
            [places[p] for p in e["place_ids"]] or "not given",
            lookup.source_cell(e["sources"], case),
        ]
        for e in chosen
    ]
    if caption is None:
        caption = f"{len(rows)} event{'s' * (len(rows) != 1)} from the case data"
    return table(EVENT_HEADERS, rows, caption=caption, css_class="newscase-table newscase-events")
