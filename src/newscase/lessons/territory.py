"""Who held what on the article's day: territory.yaml as checked records and a table.

>>> from newscase import territory
>>> territory.territory_table()                          # every area, Iraq first
>>> territory.territory_table(actors="Islamic State")    # the areas one actor held
>>> [a.id for a in territory.areas(country="SY")]

Each area names who held it on the article's day and, where the data has them, the
events of events.csv from which and until which they held it; the "Since" and "Until"
columns are computed from those events, so the table and the timeline cannot disagree.
The loader checks every reference (places, actors, events, sources) and that the
events bracket the article's day; errors name the file, the record and the field.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from newscase.core.datafiles import cached_per_folder
from newscase.core.display import Rendered, table
from newscase.core.schemas import country_codes
from newscase.core.validate import (
    Field,
    Records,
    Schema,
    identifier,
    nonempty_list,
    text,
    text_list,
)

TERRITORY = Schema(
    "territory.yaml",
    (
        Field("id", identifier),
        Field("area", text),
        Field("country", country_codes),
        Field("place_ids", text_list, required=False, ref="places"),
        Field("held_by", nonempty_list, ref="actors"),
        Field("since_event", identifier, required=False, ref="events"),
        Field("until_event", identifier, required=False, ref="events"),
        Field("note", text),
        Field("sources", nonempty_list, ref="sources"),
    ),
)

COUNTRY_NAMES = {"IQ": "Iraq", "SY": "Syria", "JO": "Jordan", "IR": "Iran", "LB": "Lebanon"}
HEADERS = ("Area", "Country", "Held by", "Since", "Until", "Note", "Sources")


@dataclass(frozen=True)
class Area:
    """One area and who held it on the article's day."""

    id: str
    area: str
    country: tuple[str, ...]
    place_ids: tuple[str, ...]
    held_by: tuple[str, ...]  # actor ids
    since_event: str | None  # event id
    until_event: str | None  # event id
    note: str
    sources: tuple[str, ...]


@cached_per_folder
def load_territory(folder: Path) -> tuple[Area, ...]:
    """Read and check territory.yaml (cached per folder); raise DataError listing problems."""
    from newscase.core.case import load_records

    records = load_records(TERRITORY, folder, checks=[_brackets])
    return tuple(
        Area(
            r["id"],
            r["area"],
            r["country"],
            r["place_ids"],
            r["held_by"],
            r["since_event"],
            r["until_event"],
            r["note"],
            r["sources"],
        )
        for r in records
    )


def _brackets(records: Records, case) -> list[str]:
    from newscase.timeline import article_date

    events = {e["id"]: e for e in case.records["events"]}
    day = article_date()
    return [
        problem
        for record, where in records.located()
        for problem in _bracket_problems(record, where, events, day)
    ]


def _bracket_problems(record: dict, where: str, events: dict, day: dt.date) -> list[str]:
    """The 'since' event must not be after the article's day, the 'until' event not before."""
    problems = []
    since, until = events.get(record.get("since_event")), events.get(record.get("until_event"))
    if since and since["date"] > day:
        problems.append(
            f"{where}, field 'since_event': '{since['id']}' is dated "
            f"{since['date']}, after the article's day ({day}); expected an event on or before it"
        )
    if until and _period_end(until) < day:
        problems.append(
            f"{where}, field 'until_event': '{until['id']}' is dated "
            f"{until['date']}, before the article's day ({day}); expected an event on or after it"
        )
    return problems


def _period_end(event: dict) -> dt.date:
    from newscase.core.dates import period_end

    return period_end(event["date"], event["date_precision"])


def areas(actors=None, *, country: str | None = None, data_dir=None) -> list[Area]:
    """The areas in file order, optionally only those held by ``actors`` (any of them:
    ids, names or alternative names) and/or in ``country`` ("IQ", "SY", "Iraq", "Syria")."""
    from newscase.core import lookup
    from newscase.core.case import load_case

    found = list(load_territory(data_dir))
    if actors is not None:
        wanted = set(lookup.resolve(actors, load_case(data_dir), "actor"))
        found = [a for a in found if wanted & set(a.held_by)]
    if country is not None:
        code = _country_code(country)
        found = [a for a in found if code in a.country]
    return found


def _country_code(country: str) -> str:
    names = {v.casefold(): k for k, v in COUNTRY_NAMES.items()}
    value = str(country).strip()
    code = names.get(value.casefold(), value.upper())
    if code not in COUNTRY_NAMES:
        from newscase.core.errors import OptionProblem

        choices = ", ".join(f"{k} ({v})" for k, v in COUNTRY_NAMES.items())
        raise OptionProblem(f"No country {country!r} in the territory table; use one of {choices}.")
    return code


def territory_table(actors=None, *, country: str | None = None, data_dir=None) -> Rendered:
    """Who held what on the article's day, as a table (HTML and plain text).

    Rows: Area, Country, Held by (actor names), Since and Until (the date and title of the
    bracketing events, "not in the data" where none is recorded), Note, Sources."""
    from newscase.core import lookup
    from newscase.core.case import load_case
    from newscase.core.dates import format_date
    from newscase.timeline import article_date

    case = load_case(data_dir)
    shown = areas(actors, country=country, data_dir=data_dir)
    names = lookup.names(case, "actor")
    events = {e["id"]: e for e in case.records["events"]}

    def when(event_id: str | None) -> str:
        if not event_id:
            return "not in the data"
        event = events[event_id]
        return f"{format_date(event['date'], event['date_precision'])}: {event['title']}"

    rows = [
        [
            a.area,
            ", ".join(COUNTRY_NAMES.get(c, c) for c in a.country),
            [names[i] for i in a.held_by],
            when(a.since_event),
            when(a.until_event),
            a.note,
            lookup.source_cell(a.sources, case),
        ]
        for a in shown
    ]
    day = format_date(article_date())
    caption = f"Who held what on {day}, the article's day ({len(rows)} area{'s' * (len(rows) != 1)}"
    if actors is not None:
        held = ", ".join(names[i] for i in lookup.resolve(actors, case, "actor"))
        caption += f" held by {held}"
    if country is not None:
        caption += f" in {COUNTRY_NAMES[_country_code(country)]}"
    caption += ")"
    return table(HEADERS, rows, caption=caption, css_class="newscase-table newscase-territory")
