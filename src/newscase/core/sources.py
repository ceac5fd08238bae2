"""Citations and source quality for ``sources.yaml``.

A source's ``url`` is the original publisher's address (or ``reference`` names the original
when its address is not known). Where the text was read only in a copy (a mirror, an
archive, a repost, a translation), ``via`` holds the copy's address and ``verified`` says
``copy-only``: citations then show the source as "read in a copy; original not confirmed".
``intermediary`` names the go-between through which a statement reached us (a partisan or
state outlet, a translation, a repost); ``agency`` the wire service whose story an outlet
carries. This module formats citations, checks the claim ledger against its evidence
(:func:`evidence_problems`, run when the case is loaded) and summarises source quality as
plain lists of dicts (:func:`source_kinds`, :func:`verification_summary`,
:func:`claim_evidence`).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable, Mapping

from newscase.core.dates import MONTHS
from newscase.core.display import Rendered
from newscase.core.validate import Records

COPY_FLAG = "read in a copy; original not confirmed"


# ---- one source


def is_copy_only(record: Mapping) -> bool:
    """True when the source was read only in a copy and its original was not confirmed."""
    return record.get("verified") == "copy-only"


def provenance(record: Mapping) -> list[str]:
    """Short flags for a citation: who relayed it, and whether only a copy was read."""
    flags = []
    if record.get("intermediary"):
        flags.append(f"relayed by {record['intermediary']}")
    if is_copy_only(record):
        flags.append(COPY_FLAG)
    return flags


def short_citation(record: Mapping) -> str:
    """'Outlet, date' for a table cell, with '(read in a copy)' when only a copy was read."""
    label = record["outlet"] + (f", {record['date']}" if record.get("date") else "")
    return label + (" (read in a copy)" if is_copy_only(record) else "")


def citation_label(record: Mapping) -> str:
    """Author, title, outlet, date (and the Wikipedia revision read), without an address."""
    parts = []
    if record.get("author"):
        parts.append(record["author"])
    parts.append(f"\u201c{record['title']}\u201d")
    parts.append(record["outlet"])
    if record.get("date"):
        parts.append(str(record["date"]))
    if record.get("revision"):
        parts.append(f"revision read: {record['revision']}")
    return ", ".join(parts) + "."


def format_source(record: Mapping) -> str:
    """One source as a plain-text citation: label, address (or reference), provenance flags.

    With neither ``url`` nor ``reference`` (a label for a map or table) the flags are kept
    but the copy's address is left out.
    """
    where = record.get("url") or record.get("reference")
    flags = provenance(record)
    if where and is_copy_only(record) and record.get("via"):
        flags.append(f"copy read: {record['via']}")
    text = f"{citation_label(record)} {where}" if where else citation_label(record)
    return f"{text} [{'; '.join(flags)}]" if flags else text


def _source_html(record: Mapping) -> str:
    label = html.escape(citation_label(record))
    if record.get("url"):
        href = html.escape(record["url"])
        where = f' <a href="{href}" rel="noopener noreferrer" target="_blank">{href}</a>'
    elif record.get("reference"):
        where = f" {html.escape(record['reference'])}"
    else:
        where = ""
    flags = []
    if record.get("intermediary"):
        flags.append(
            f'<span class="newscase-relayed">relayed by {html.escape(record["intermediary"])}'
            "</span>"
        )
    if is_copy_only(record):
        via = record.get("via")
        copy = f" (copy read: <code>{html.escape(via)}</code>)" if via else ""
        flags.append(f'<span class="newscase-copy-only"><strong>{COPY_FLAG}</strong>{copy}</span>')
    return label + where + (f" [{'; '.join(flags)}]" if flags else "")


def cite(source_ids: str | Iterable[str], case=None, *, heading: str = "Sources") -> Rendered:
    """A numbered list of the given sources (HTML with links, and plain text).

    In HTML the list sits in a closed ``<details>`` box headed by ``heading`` and the
    number of sources: a reader opens it on demand. A source read only in a copy is shown
    as "read in a copy; original not confirmed", with the copy's address as plain text
    (not a link); a relayed statement names its go-between.
    """
    if case is None:
        from newscase.core.case import load_case

        case = load_case()
    ids = [source_ids] if isinstance(source_ids, str) else list(dict.fromkeys(source_ids))
    records = [case.record("sources", source_id) for source_id in ids]
    items = "".join(f"<li>{_source_html(r)}</li>" for r in records)
    count = f"{len(records)} source{'s' if len(records) != 1 else ''}"
    markup = (
        f'<details class="newscase-sources"><summary><strong>{html.escape(heading)}</strong>'
        f" ({count})</summary><ol>{items}</ol></details>"
    )
    text = "\n".join([heading, *(f"{i}. {format_source(r)}" for i, r in enumerate(records, 1))])
    return Rendered(markup, text)


# ---- independence


def _name(value: str) -> str:
    """An outlet's name for comparison: lower case, without a parenthesis or trailing notes."""
    name = re.split(r"\s*[(,;]", value, maxsplit=1)[0]
    return re.sub(r"^the\s+", "", name.strip().lower())


def publisher_keys(record: Mapping) -> set[str]:
    """Names that tie a source to others: its outlet, its wire agency, its go-between."""
    keys = {_name(record["outlet"])}
    for field in ("agency", "intermediary"):
        if record.get(field):
            keys.add(_name(record[field]))
    return keys


def independent_groups(records: Iterable[Mapping]) -> list[list[str]]:
    """Group source records that are not independent of each other; return groups of ids.

    Two sources are independent when they come from different outlets and do not share a
    wire agency (``agency``: one agency story in two papers counts once) or a go-between
    (``intermediary``: two statements relayed by the same outlet count once). Sharing is
    transitive: the groups are the connected parts of the "shares a name" relation.
    """
    groups: list[tuple[set[str], list[str]]] = []
    for record in records:
        keys, ids = publisher_keys(record), [record["id"]]
        for group in [g for g in groups if g[0] & keys]:
            groups.remove(group)
            keys |= group[0]
            ids = group[1] + ids
        groups.append((keys, ids))
    return [ids for _, ids in groups]


# ---- the claim ledger against its evidence


def format_date(date: dt.date, precision: str) -> str:
    """A date as the ledger writes it: '26 November 2016', 'December 2016' or '2014'."""
    if precision == "year":
        return str(date.year)
    if precision == "month":
        return f"{MONTHS[date.month - 1]} {date.year}"
    return f"{date.day} {MONTHS[date.month - 1]} {date.year}"


def _claimed_period(claimed: str) -> tuple[dt.date, dt.date, str]:
    """(first day, last day, precision) of a partial date YYYY, YYYY-MM or YYYY-MM-DD."""
    parts = [int(p) for p in claimed.split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31), "year"
    if len(parts) == 2:
        start = dt.date(parts[0], parts[1], 1)
        end = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        return start, end, "month"
    day = dt.date(*parts)
    return day, day, "day"


def _event_period(event: Mapping) -> tuple[dt.date, dt.date]:
    """(first day, last day) of an event's date at its precision."""
    date, precision = event["date"], event["date_precision"]
    written = {"year": f"{date.year}", "month": f"{date.year}-{date.month:02d}"}
    return _claimed_period(written.get(precision, date.isoformat()))[:2]


def _overlaps(first: tuple[dt.date, dt.date], second: tuple[dt.date, dt.date]) -> bool:
    return first[0] <= second[1] and first[1] >= second[0]


_COARSER = {"day": 0, "month": 1, "year": 2}


def _claim_event_problems(claim: Mapping, where: str, events: Mapping[str, Mapping]) -> list[str]:
    """The ledger's dates agree with events.csv: stated in the explanation, verdict fits."""
    problems = []
    listed = [events[e] for e in claim.get("events") or () if e in events]
    claimed = claim.get("claimed_date")
    period = _claimed_period(claimed) if claimed else None
    for event in listed:
        precision = event["date_precision"]
        if period and _COARSER[period[2]] > _COARSER[precision]:
            precision = period[2]
        written = format_date(event["date"], precision)
        if written not in claim["explanation"]:
            problems.append(
                f"{where}, field 'explanation': does not give the date of event "
                f"'{event['id']}' ({written}, events.csv); expected the explanation to state "
                "the dates its verdict relies on as events.csv records them"
            )
    if period and listed:
        inside = [e for e in listed if _overlaps(_event_period(e), period[:2])]
        if not inside and claim["verdict"] == "supported":
            problems.append(
                f"{where}, field 'verdict': 'supported', but none of its events falls in the "
                f"claimed date {claimed}; expected qualified, disputed or unverifiable"
            )
        if len(inside) == len(listed) and claim["verdict"] == "disputed":
            problems.append(
                f"{where}, field 'verdict': 'disputed', but every one of its events falls in "
                f"the claimed date {claimed}; expected the verdict to follow its events"
            )
    return problems


def _claim_source_problems(claim: Mapping, where: str, sources: Mapping[str, Mapping]) -> list[str]:
    """A verdict or an attribution cannot rest on copies alone."""
    problems = []
    cited = [sources[s] for s in claim.get("sources") or () if s in sources]
    if cited and claim.get("verdict") == "supported" and all(is_copy_only(s) for s in cited):
        problems.append(
            f"{where}, field 'verdict': 'supported' rests only on sources read in copies "
            f"({', '.join(s['id'] for s in cited)}); expected at least one original source, "
            "or a verdict other than supported"
        )
    said_in = sources.get(claim.get("said_in") or "")
    if claim.get("attribution") == "confirmed" and (
        said_in is None
        or is_copy_only(said_in)
        or said_in.get("intermediary")
        or said_in["id"] == _article_source()
    ):
        problems.append(
            f"{where}, field 'attribution': 'confirmed' needs 'said_in', the statement's original "
            "publication (not the article itself), read at its own address and not through a "
            "go-between; expected copies-only or not-found otherwise"
        )
    return problems


def evidence_problems(tables: Mapping[str, Records]) -> list[str]:
    """Problems where the claim ledger disagrees with its sources or its dated events.

    ``tables`` maps table names to their clean Records (as the case loader has them). Rules: a
    verdict of 'supported' needs at least one source not read only in a copy; an
    attribution of 'confirmed' needs 'said_in', the statement's own original publication,
    read at its address and not through a go-between; a claim's
    explanation states the date of every event it relies on (at the precision events.csv
    gives, or the claim's own if coarser); and a verdict may not be 'supported' when none
    of those events falls in the date the article claims ('claimed_date'), nor 'disputed'
    when all of them do.
    """
    sources = {s["id"]: s for s in tables.get("sources", ()) if s.get("id")}
    events = {e["id"]: e for e in tables.get("events", ()) if e.get("id") and e.get("date")}
    problems = []
    for claim, where in tables.get("claims", Records()).located():
        if not claim.get("id") or not claim.get("explanation"):
            continue
        problems += _claim_source_problems(claim, where, sources)
        problems += _claim_event_problems(claim, where, events)
    return problems


# ---- source quality, from data


def source_kinds(case=None) -> list[dict]:
    """Sources by kind: how many, how many read only in a copy, how many relayed."""
    from newscase.core.case import resolve_case
    from newscase.core.schemas import SOURCE_KINDS

    records = resolve_case(case).records["sources"]
    rows = []
    for kind in SOURCE_KINDS:
        of_kind = [r for r in records if r["kind"] == kind]
        if of_kind:
            rows.append(
                {
                    "kind": kind,
                    "sources": len(of_kind),
                    "original": sum(not is_copy_only(r) for r in of_kind),
                    "copy_only": sum(is_copy_only(r) for r in of_kind),
                    "relayed": sum(bool(r.get("intermediary")) for r in of_kind),
                }
            )
    return rows


def verification_summary(case=None) -> list[dict]:
    """Originals versus copies: sources per value of ``verified`` (missing counts as original)."""
    from newscase.core.case import resolve_case

    records = resolve_case(case).records["sources"]
    total = len(records)
    rows = []
    for value in ("original", "copy-only"):
        count = sum((r.get("verified") or "original") == value for r in records)
        rows.append({"verified": value, "sources": count, "share": round(count / total, 3)})
    return rows


def claim_evidence(case=None) -> list[dict]:
    """For each claim: its verdict, attribution, and the independent sources behind it.

    ``independent`` counts groups of :func:`independent_groups` (different outlets, not the
    same wire story or go-between); ``independent_originals`` counts the groups that hold at
    least one source not read only in a copy.
    """
    from newscase.core.case import resolve_case

    case = resolve_case(case)
    sources = {r["id"]: r for r in case.records["sources"]}
    rows = []
    for claim in case.records["claims"]:
        cited = [sources[s] for s in claim["sources"]]
        groups = independent_groups(cited)
        rows.append(
            {
                "claim": claim["id"],
                "verdict": claim["verdict"],
                "attribution": claim.get("attribution"),
                "sources": len(cited),
                "independent": len(groups),
                "independent_originals": sum(
                    any(not is_copy_only(sources[i]) for i in group) for group in groups
                ),
                "copy_only": sum(is_copy_only(s) for s in cited),
            }
        )
    return rows


def quality_view(case=None) -> Rendered:
    """How well sourced the module itself is: sources by kind, originals against copies, and
    (in a closed box) each claim's independent sources behind its verdict."""
    from newscase.core.display import collapsed, join, table

    kinds = source_kinds(case)
    by_kind = table(
        (
            "Kind",
            "Sources",
            "Read in the original",
            "Read only in a copy",
            "Relayed by a go-between",
        ),
        [
            (
                k["kind"],
                str(k["sources"]),
                str(k["original"]),
                str(k["copy_only"]),
                str(k["relayed"]),
            )
            for k in kinds
            if k["sources"]
        ],
        caption="The module's own sources, by kind (sources.yaml)",
    )
    summary = verification_summary(case)
    share = {row["verified"]: row for row in summary}
    total = sum(row["sources"] for row in summary)
    line = (
        f"Of {total} sources, {share['original']['sources']} were read at the original address "
        f"({share['original']['share']:.0%}) and {share['copy-only']['sources']} only in a copy "
        "(a mirror, a repost, an archive), marked as such wherever they are cited."
    )
    claims = table(
        ("Claim", "Verdict", "Sources", "Independent", "Independent originals", "Copies only"),
        [
            (
                c["claim"],
                c["verdict"],
                str(c["sources"]),
                str(c["independent"]),
                str(c["independent_originals"]),
                str(c["copy_only"]),
            )
            for c in claim_evidence(case)
        ],
        caption=(
            "Each claim of the ledger: how many of its sources are independent (different "
            "outlets, wire services and go-betweens)"
        ),
    )
    from newscase.core.display import paragraphs

    return join(
        by_kind,
        paragraphs(line),
        collapsed(
            claims, "Decide first, then open: the evidence behind each verdict of the ledger"
        ),
    )


def _article_source() -> str:
    from newscase.core.article import load_article

    return load_article().source_id
