"""The shape of each data file in ``newscase/data`` (see DESIGN.md, "Data model")."""

from __future__ import annotations

import re

from newscase.core.validate import (
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
    "paramilitary",
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
# The one verdict scale (judgement of substance: does the claim hold?). See docs/verdicts.md.
VERDICTS = ("supported", "qualified", "disputed", "unverifiable")
# The second judgement for a statement the article attributes to someone: was it said as reported?
ATTRIBUTIONS = ("confirmed", "copies-only", "not-found")
# Whether a source's text was read at its original address or only in a copy (see `via`).
VERIFIED = ("original", "copy-only")
DATE_PRECISIONS = ("day", "month", "year")


def country_codes(value) -> tuple[str, ...]:
    """ISO 3166-1 alpha-2 codes separated by ';', or the word 'disputed'."""
    codes = nonempty_list(value)
    for code in codes:
        if code != "disputed" and not re.fullmatch(r"[A-Z]{2}", code):
            raise Invalid("expected ISO 3166-1 country codes such as IQ or SY (or 'disputed')")
    return codes


country_codes.expects = "expected ISO 3166-1 country codes such as IQ;SY (or 'disputed')"


# Hosts that are private or local: never a publisher's address (a home server, a laptop).
_PRIVATE_HOST = re.compile(
    r"^(localhost|127\.\d+\.\d+\.\d+|10\.\d+\.\d+\.\d+|192\.168\.\d+\.\d+"
    r"|172\.(1[6-9]|2\d|3[01])\.\d+\.\d+|[^/]*\.(local|lan|home|internal)"
    r"|[^/]*\.(ddns\.net|duckdns\.org|no-ip\.org|dyndns\.org))$"
)


def url_host(address: str) -> tuple[str, str | None]:
    """(host, port or None) of a web address, host in lower case."""
    authority = address.split("://", 1)[-1].split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    authority = authority.rsplit("@", 1)[-1].lower()
    host, _, port = authority.partition(":")
    return host, port or None


def original_url(value) -> str:
    """A publisher's own web address: no explicit port, no private or home-server host."""
    value = url(value)
    host, port = url_host(value)
    if port:
        raise Invalid(
            f"expected the publisher's address without a port (':{port}'); write https://host/path"
        )
    if _PRIVATE_HOST.match(host):
        raise Invalid(f"expected a publisher's public address, not a private or home host ({host})")
    return value


def revision_date(value) -> str:
    """When the Wikipedia text that was read was written: a partial date or 'unknown'."""
    if isinstance(value, str) and value.strip() == "unknown":
        return "unknown"
    return partial_date(value)


original_url.expects = (
    "expected the publisher's web address (http:// or https://, no port, no private host)"
)
revision_date.expects = "expected a date YYYY, YYYY-MM or YYYY-MM-DD, or the word 'unknown'"


# The module's period: the article's context and aftermath. A source dated outside it says why.
PERIOD = (2014, 2020)


def _source_has_location(record: dict) -> str | None:
    if not record.get("url") and not record.get("reference"):
        return (
            "field 'url' or 'reference': missing or invalid; expected a web address or a reference"
        )
    return None


def _outside_period_explained(record: dict) -> str | None:
    date = record.get("date")
    if date and not PERIOD[0] <= int(date[:4]) <= PERIOD[1] and not record.get("period_note"):
        return (
            f"field 'period_note': missing; a source dated {date}, outside the module's period "
            f"({PERIOD[0]}-{PERIOD[1]}), needs a note saying why it is cited"
        )
    return None


def _copy_is_declared(record: dict) -> str | None:
    """A copy's address needs a verdict on the original; 'copy-only' needs the copy's address."""
    via, verified = record.get("via"), record.get("verified")
    if via and not verified:
        return (
            "field 'verified': missing; a source read in a copy (field 'via') must say "
            "whether the original was confirmed (original or copy-only)"
        )
    if verified == "copy-only" and not via:
        return "field 'via': missing; expected the address of the copy that was read"
    if via and via == record.get("url"):
        return "field 'via': same as 'url'; expected 'url' to be the original, 'via' the copy"
    return None


def _wikipedia_has_revision(record: dict) -> str | None:
    """A Wikipedia article is cited with the revision read (or 'unknown'), unless pinned."""
    address = record.get("url") or ""
    host, _ = url_host(address) if address else ("", None)
    if not host.endswith("wikipedia.org") or "oldid=" in address or record.get("revision"):
        return None
    return (
        "field 'revision': missing; a Wikipedia article needs the revision date read "
        "(YYYY, YYYY-MM, YYYY-MM-DD) or 'unknown', or an oldid= link"
    )


def _no_mobile_wikipedia(record: dict) -> str | None:
    host, _ = url_host(record.get("url") or "x://")
    if host.endswith(".wikipedia.org") and ".m." in f".{host}":
        return f"field 'url': mobile address ({host}); expected the desktop address without '.m.'"
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
        Field("url", original_url, required=False),
        Field("reference", text, required=False),
        Field("revision", revision_date, required=False),
        Field("via", url, required=False),
        Field("verified", choice(*VERIFIED), required=False),
        Field("intermediary", text, required=False),
        Field("agency", text, required=False),
        Field("kind", choice(*SOURCE_KINDS)),
        Field("note", text, required=False),
        Field("period_note", text, required=False),
    ),
    checks=(
        _source_has_location,
        _copy_is_declared,
        _wikipedia_has_revision,
        _no_mobile_wikipedia,
        _outside_period_explained,
    ),
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


def _attribution_judged(record: dict) -> str | None:
    """A statement the article attributes to someone gets both judgements."""
    if record.get("kind") == "attribution" and not record.get("attribution"):
        return (
            "field 'attribution': missing; a claim of kind 'attribution' needs "
            f"one of {', '.join(ATTRIBUTIONS)} (was it said as reported?)"
        )
    return None


CLAIMS = Schema(
    "claims.yaml",
    (
        Field("id", identifier),
        Field("quote", text),
        Field("claim", text),
        Field("kind", choice(*CLAIM_KINDS)),
        Field("speaker", identifier, ref="actors"),
        Field("verdict", choice(*VERDICTS)),
        Field("attribution", choice(*ATTRIBUTIONS), required=False),
        Field("said_in", identifier, required=False, ref="sources"),
        Field("claimed_date", partial_date, required=False),
        Field("events", text_list, required=False, ref="events"),
        Field("explanation", text),
        Field("sources", nonempty_list, ref="sources"),
    ),
    checks=(_attribution_judged,),
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
