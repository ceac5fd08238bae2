"""A one-table overview of the case data: which files exist and what they hold."""

from __future__ import annotations

from newscase.core.display import Rendered, table

DESCRIPTIONS = {
    "sources": "a source the module cites (news, analysis, official, reference)",
    "places": "a place on the maps, with its position and how precise it is",
    "actors": "a person, group, state or outlet, with other names it goes by",
    "events": "a dated event from 2014 to 2020",
    "relations": "a tie between two actors (leads, backs, fights, reports on ...)",
    "claims": "a claim the article makes, quoted verbatim, with a verdict",
}


def data_overview(case=None) -> Rendered:
    """Rows: table name, file, what one record is, how many records."""
    from newscase.core.case import FILES, load_case

    case = case or load_case()
    rows = [
        (name, FILES[name], DESCRIPTIONS.get(name, ""), len(records))
        for name, records in case.records.items()
    ]
    return table(
        ("Table", "File", "One record is", "Records"),
        rows,
        caption="The case as data (src/newscase/data); every record cites its sources",
    )
