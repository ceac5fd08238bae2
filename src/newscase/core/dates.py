"""Dates as the data writes them: exact days, months, years, and open periods.

Month names are spelled here, not by ``strftime``, so the text is the same on every
machine whatever its locale.
"""

from __future__ import annotations

import datetime as dt
import re

from newscase.core.errors import DateProblem

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTH_NUMBER = {m.casefold(): i for i, m in enumerate(MONTHS, 1)}
_MONTH_NUMBER.update({m[:3].casefold(): i for i, m in enumerate(MONTHS, 1)})
_MONTH_NUMBER["sept"] = 9

_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_WORDS = re.compile(r"^(?:(\d{1,2})\s+)?([A-Za-z]+)\.?,?\s+(\d{4})$")
DATE_HELP = "write it like 2017-05-29, 2017-05 or 2017 (or 29 May 2017, May 2017)"


def as_date(value) -> dt.date:
    """A ``datetime.date`` from a date, datetime or pandas Timestamp."""
    if isinstance(value, dt.datetime):  # pandas Timestamps are datetimes
        return value.date()
    if isinstance(value, dt.date):
        return value
    raise TypeError(f"expected a date, got {value!r}")


def format_date(value, precision: str = "day") -> str:
    """'29 May 2017' (day), 'May 2017' (month) or '2017' (year)."""
    day = as_date(value)
    if precision == "year":
        return str(day.year)
    if precision == "month":
        return f"{MONTHS[day.month - 1]} {day.year}"
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def format_partial(value: str | None) -> str:
    """A partial ISO date of the data ('2014-06-11', '2014-06', '2014') in words."""
    if not value:
        return ""
    start, precision = _partial(str(value))
    return format_date(start, precision)


def _partial(value: str) -> tuple[dt.date, str]:
    year, month, day = _ISO.match(value).groups()
    if day:
        return dt.date(int(year), int(month), int(day)), "day"
    if month:
        return dt.date(int(year), int(month), 1), "month"
    return dt.date(int(year), 1, 1), "year"


def period_end(value, precision: str = "day") -> dt.date:
    """The last day of the period a date stands for (its month or year, or the day)."""
    day = as_date(value)
    if precision == "year":
        return dt.date(day.year, 12, 31)
    if precision == "month":
        following = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return day


def partial_bounds(value: str | None) -> tuple[dt.date | None, dt.date | None]:
    """First and last day a partial ISO date covers; (None, None) when it is missing."""
    if not value:
        return None, None
    start, precision = _partial(str(value))
    return start, period_end(start, precision)


def format_period(start: str | None, end: str | None) -> str:
    """A tie's period in words: 'from June 2014', 'until 3 January 2020', '2003 – 2008'."""
    if start and end:
        if start == end:
            return format_partial(start)
        return f"{format_partial(start)} \u2013 {format_partial(end)}"
    if start:
        return f"from {format_partial(start)}"
    if end:
        return f"until {format_partial(end)}"
    return "dates not given"


def format_range(first: dt.date, last: dt.date) -> str:
    """A date range as briefly as it is exact: '2014–2020', 'May 2017', '1–31 May 2017'."""
    whole_years = (first.month, first.day, last.month, last.day) == (1, 1, 12, 31)
    if whole_years:
        return str(first.year) if first.year == last.year else f"{first.year}–{last.year}"
    if first.day == 1 and period_end(last, "month") == last:
        a, b = format_date(first, "month"), format_date(last, "month")
        return a if a == b else f"{a} – {b}"
    if first == last:
        return format_date(first)
    return f"{format_date(first)} – {format_date(last)}"


def parse_bound(value, *, end: bool = False, name: str = "start") -> dt.date | None:
    """Read a range bound: None, a date, a year (2017) or text ('2017-05', 'May 2017').

    A partial date stands for its first day as a start and its last day as an end, so
    ``("2017", "2017")`` is the whole of 2017.
    """
    if value is None:
        return None
    if isinstance(value, dt.date):
        return as_date(value)
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 9999:
        value = str(value)
    if not isinstance(value, str):
        raise DateProblem(f"{name}: {value!r} is not a date; {DATE_HELP}.")
    text = value.strip()
    try:
        first, precision = _read(text)
    except (ValueError, AttributeError, KeyError):
        raise DateProblem(f"{name}: could not read {value!r} as a date; {DATE_HELP}.") from None
    return period_end(first, precision) if end else first


def _read(text: str) -> tuple[dt.date, str]:
    iso = _ISO.match(text)
    if iso:
        year, month, day = iso.groups()
        if day:
            return dt.date(int(year), int(month), int(day)), "day"
        if month:
            return dt.date(int(year), int(month), 1), "month"
        return dt.date(int(year), 1, 1), "year"
    words = _WORDS.match(text)
    day, month_name, year = words.groups()
    month = _MONTH_NUMBER[month_name.casefold()]
    if day:
        return dt.date(int(year), month, int(day)), "day"
    return dt.date(int(year), month, 1), "month"


def parse_range(start, end) -> tuple[dt.date | None, dt.date | None]:
    """Both bounds of a range, checked to be in order."""
    first = parse_bound(start, name="start")
    last = parse_bound(end, end=True, name="end")
    if first and last and last < first:
        raise DateProblem(
            f"the range ends ({format_date(last)}) before it starts ({format_date(first)}); "
            "swap start and end"
        )
    return first, last
