"""Public checks of an answer that has the right form: is it plausible?

Each check takes ``(variable name, answer)`` and returns a message saying what to fix, or
None. A check may use the case data (what the question is about), never the right answer:
the checker a student runs cannot tell a right answer from a wrong one of the same form.
``exercises.yaml`` names the checks of each question: a name of :data:`CHECKS`, or
``{ids_in: TABLE, what: "..."}`` for "every item is an id of TABLE".
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable

from newscase.core.case import resolve_case


def _article_day():
    from newscase.timeline import article_date

    return article_date()


def _listing(items: Iterable[str], limit: int = 3) -> str:
    items = list(items)
    shown = ", ".join(repr(i) for i in items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def _not_empty(name: str, value) -> str | None:
    if len(value) == 0:
        return f"{name} is empty."
    return None


def _positive(name: str, value) -> str | None:
    if value <= 0:
        return f"{name} should be more than 0; it is {value}."
    return None


def _at_least_zero(name: str, value) -> str | None:
    if value < 0:
        return f"{name} is a count, so it cannot be below 0; it is {value}."
    return None


def _events_in_article_month(name: str, value) -> str | None:
    day = _article_day()
    outside = (
        [
            str(i)
            for i, when in zip(value.index, value["date"], strict=True)
            if (when.year, when.month) != (day.year, day.month)
        ]
        if "date" in value
        else None
    )
    if outside is None:
        return f"{name} has no 'date' column: keep the columns that events_between gives."
    if outside:
        return (
            f"{name} has events outside the article's month: {_listing(outside)}. "
            "Use the article's month as both start and end."
        )
    return None


def _events_after_article(name: str, value) -> str | None:
    if "date" not in value:
        return f"{name} has no 'date' column: keep the columns that events_between gives."
    day = _article_day()
    early = [str(i) for i, when in zip(value.index, value["date"], strict=True)
             if when.date() <= day]  # fmt: skip
    if early:
        return (
            f"{name} has events on or before the article's day: {_listing(early)}. "
            "Start the day after the article."
        )
    return None


def _ids_in(table: str, hint: str) -> Callable[[str, object], str | None]:
    def rule(name: str, value) -> str | None:
        known = set(resolve_case().ids(table))
        unknown = sorted(str(v) for v in set(value) - known)
        if unknown:
            return (
                f"{_listing(unknown)} in {name} {'is' if len(unknown) == 1 else 'are'} not {hint}."
            )
        return None

    return rule


def _one_event_id(name: str, value) -> str | None:
    if value not in set(resolve_case().ids("events")):
        close = difflib.get_close_matches(value, resolve_case().ids("events"), n=1)
        maybe = f" (did you mean {close[0]!r}?)" if close else ""
        return (
            f"{value!r} is not an event id{maybe}; give the id (the table's index), "
            "like 'fall_of_mosul_2014', not the title."
        )
    return None


def _dash_origins(name: str, value) -> str | None:
    from newscase.lessons import geography

    origins = {o for check in geography.load_claim_checks() for o in check["origins"]}
    unknown = sorted(set(value) - origins)
    if unknown:
        return (
            f"{_listing(unknown)} in {name} {'is' if len(unknown) == 1 else 'are'} not "
            "among the places geography.check_dash_claim() measures from (use m.start)."
        )
    return None


def _term_ids(name: str, value) -> str | None:
    from newscase.framing import load_terms

    known = {term.id for term in load_terms()}
    unknown = sorted(set(value) - known)
    if unknown:
        return (
            f"{_listing(unknown)} in {name} {'is' if len(unknown) == 1 else 'are'} not a "
            "term id: give o.term (like 'dash'), not the words of the article."
        )
    return None


def _verdict_keys(name: str, value) -> str | None:
    from newscase.core.schemas import VERDICTS

    unknown = sorted(set(value) - set(VERDICTS))
    if unknown:
        return f"{_listing(unknown)} is not a verdict; the verdicts are {', '.join(VERDICTS)}."
    return None


def _events_map(name: str, value) -> str | None:
    if not value.newscase_spec.name.startswith("events_"):
        return f"{name} is not a map of events: make it with maps.events_map(start, end)."
    return None


CHECKS: dict[str, Callable[[str, object], str | None]] = {
    "not_empty": _not_empty,
    "positive": _positive,
    "at_least_zero": _at_least_zero,
    "events_in_article_month": _events_in_article_month,
    "events_after_article": _events_after_article,
    "one_event_id": _one_event_id,
    "dash_origins": _dash_origins,
    "term_ids": _term_ids,
    "verdict_keys": _verdict_keys,
    "events_map": _events_map,
}
ID_TABLES = ("actors", "events", "places")


def from_spec(spec) -> Callable[[str, object], str | None]:
    """The check a record of exercises.yaml names (raises ValueError saying what is expected)."""
    if isinstance(spec, str) and spec in CHECKS:
        return CHECKS[spec]
    if isinstance(spec, dict) and set(spec) == {"ids_in", "what"} and spec["ids_in"] in ID_TABLES:
        return _ids_in(spec["ids_in"], str(spec["what"]))
    raise ValueError(
        f"expected one of {', '.join(CHECKS)}, or {{ids_in: TABLE, what: TEXT}} with TABLE one "
        f"of {', '.join(ID_TABLES)}; got {spec!r}"
    )
