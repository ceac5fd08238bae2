"""The shape of each data file in ``newscase/data`` (see DESIGN.md, "Data model")."""

from __future__ import annotations

import re

from newscase.validate import (
    Field,
    Invalid,
    Schema,
    boolean,
    choice,
    identifier,
    iso_date,
    nonempty_list,
    number,
    partial_date,
    text,
    text_list,
    url,
)

SOURCE_KINDS = ("news", "analysis", "official", "academic", "reference", "data")
PLACE_KINDS = (
    "capital",
    "city",
    "town",
    "village",
    "border_crossing",
    "area",
    "mountain",
    "airbase",
    "garrison",
)
ACTOR_KINDS = (
    "state",
    "government",
    "militia",
    "force",
    "party",
    "person",
    "outlet",
    "analyst",
    "institution",
    "coalition",
    "group",
    "population",
)
RELATION_KINDS = (
    "leads",
    "part_of",
    "commands",
    "backs",
    "allied_with",
    "fights",
    "opposes",
    "reports_on",
    "works_for",
    "founded",
    "designates_terrorist",
    "quoted_by",
)
CLAIM_KINDS = ("fact", "attribution", "characterisation", "prediction", "causal")
VERDICTS = ("supported", "qualified", "disputed", "unverifiable")
DATE_PRECISIONS = ("day", "month", "year")


def country_codes(value) -> tuple[str, ...]:
    """ISO 3166-1 alpha-2 codes separated by ';', or the word 'disputed'."""
    codes = nonempty_list(value)
    for code in codes:
        if code != "disputed" and not re.fullmatch(r"[A-Z]{2}", code):
            raise Invalid("expected ISO 3166-1 country codes such as IQ or SY (or 'disputed')")
    return codes


country_codes.expects = "expected ISO 3166-1 country codes such as IQ;SY (or 'disputed')"


def _source_has_location(record: dict) -> str | None:
    if not record.get("url") and not record.get("reference"):
        return "field 'url' or 'reference': missing; expected a web address or a reference"
    return None


def _precision_matches_date(record: dict) -> str | None:
    date, precision = record.get("date"), record.get("date_precision")
    if date is None or precision is None:
        return None
    if precision == "month" and date.day != 1:
        return "field 'date': a month-precision date is written as the 1st of the month"
    if precision == "year" and (date.month, date.day) != (1, 1):
        return "field 'date': a year-precision date is written as 1 January"
    return None


def _period_in_order(record: dict) -> str | None:
    start, end = record.get("start"), record.get("end")
    if start and end and end < start[: len(end)]:
        return f"field 'end': expected a date on or after start ({start}), got '{end}'"
    return None


SOURCES = Schema(
    "sources.yaml",
    (
        Field("id", identifier),
        Field("title", text),
        Field("author", text, required=False),
        Field("outlet", text),
        Field("date", partial_date, required=False),
        Field("url", url, required=False),
        Field("reference", text, required=False),
        Field("kind", choice(*SOURCE_KINDS)),
        Field("note", text, required=False),
    ),
    checks=(_source_has_location,),
)

PLACES = Schema(
    "places.csv",
    (
        Field("id", identifier),
        Field("name", text),
        Field("alt_names", text_list, required=False),
        Field("lat", number(-90, 90)),
        Field("lon", number(-180, 180)),
        Field("country", country_codes),
        Field("kind", choice(*PLACE_KINDS)),
        Field("precision_km", number(0.01, 1000)),
        Field("article_mention", text, required=False),
        Field("note", text, required=False),
        Field("sources", nonempty_list, ref="sources"),
    ),
)

ACTORS = Schema(
    "actors.yaml",
    (
        Field("id", identifier),
        Field("name", text),
        Field("alt_names", text_list, required=False),
        Field("kind", choice(*ACTOR_KINDS)),
        Field("summary", text),
        Field("article_mentions", text_list, required=False),
        Field("speaks_in_article", boolean),
        Field("stake", text),
        Field("sources", nonempty_list, ref="sources"),
    ),
)

EVENTS = Schema(
    "events.csv",
    (
        Field("id", identifier),
        Field("date", iso_date),
        Field("date_precision", choice(*DATE_PRECISIONS)),
        Field("title", text),
        Field("place_ids", text_list, required=False, ref="places"),
        Field("actor_ids", nonempty_list, ref="actors"),
        Field("summary", text),
        Field("sources", nonempty_list, ref="sources"),
    ),
    checks=(_precision_matches_date,),
)

RELATIONS = Schema(
    "relations.csv",
    (
        Field("source", identifier, ref="actors"),
        Field("target", identifier, ref="actors"),
        Field("kind", choice(*RELATION_KINDS)),
        Field("start", partial_date, required=False),
        Field("end", partial_date, required=False),
        Field("note", text, required=False),
        Field("sources", nonempty_list, ref="sources"),
    ),
    id_field=None,
    checks=(_period_in_order,),
)

CLAIMS = Schema(
    "claims.yaml",
    (
        Field("id", identifier),
        Field("quote", text),
        Field("claim", text),
        Field("kind", choice(*CLAIM_KINDS)),
        Field("speaker", identifier, ref="actors"),
        Field("verdict", choice(*VERDICTS)),
        Field("explanation", text),
        Field("sources", nonempty_list, ref="sources"),
    ),
)

# Load order matters only for messages: referenced tables come first.
TABLES = {
    "sources": SOURCES,
    "places": PLACES,
    "actors": ACTORS,
    "events": EVENTS,
    "relations": RELATIONS,
    "claims": CLAIMS,
}
