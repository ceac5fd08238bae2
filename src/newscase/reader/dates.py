"""When: dates a text gives, resolved to calendar days where the text allows.

Absolute dates ("May 17, 2017", "17 May 2017"); a day and month without a year ("29 May"),
a weekday ("on Tuesday": the most recent such day on or before publication), days counted
from the date named just before ("two days earlier"), "yesterday" and "N days ago" (from
publication) are resolved against ``published`` and marked ``inferred``. A month and year
("December 2016") or a year after "in"/"since" is given at that precision ("2016-12",
"2014"). Phrases that name no single day ("last week") have ``date`` None. Spans into the
future ("within two weeks") are not dates.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from newscase.core.dates import MONTHS

MONTH_NUMBER = {m.lower(): i for i, m in enumerate(MONTHS, 1)}
MONTH_NUMBER.update({m[:3].lower(): i for i, m in enumerate(MONTHS, 1)})
MONTH_NUMBER["sept"] = 9
MONTH = r"(?P<month>" + "|".join(sorted(MONTH_NUMBER, key=len, reverse=True)) + r")\.?"
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
COUNTS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10}  # fmt: skip

DAY_MONTH = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{MONTH}(?:,?\s+(?P<year>\d{{4}}))?\b", re.I
)
MONTH_DAY = re.compile(
    rf"\b{MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>\d{{4}}))?", re.I
)
MONTH_YEAR = re.compile(rf"\b{MONTH}\s+(?P<year>\d{{4}})\b", re.I)
YEAR = re.compile(
    r"\b(?:in|since|by|until|of|from|during)\s+(?P<year>1[89]\d\d|20\d\d)\b(?!\s*[-–]\d)"
)
WEEKDAY = re.compile(
    r"\b(?:(?P<which>on|last|this)\s+)?(?P<weekday>" + "|".join(WEEKDAYS) + r")\b", re.I
)
RELATIVE = re.compile(
    r"\b(?P<count>\d+|a|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?P<unit>days?|weeks?)"
    r"\s+(?P<direction>earlier|later|before|after|ago)\b",
    re.I,
)
NEAR_DAYS = re.compile(
    r"\b(?P<word>yesterday|today|the day before|the previous day|the next day|the following day)\b",
    re.I,
)
VAGUE = re.compile(
    r"\b(?:(?:last|this|earlier this|later this)\s+"
    r"(?:week|month|year|weekend|spring|summer|autumn|fall|winter)"
    r"|in recent (?:days|weeks|months))\b",
    re.I,
)


@dataclass(frozen=True)
class Date:
    """A date in the text: its words, the day (ISO, or a coarser ISO prefix, or None)."""

    text: str
    date: str | None
    inferred: bool
    start: int
    end: int

    def as_dict(self) -> dict:
        return {"text": self.text, "date": self.date, "inferred": self.inferred}


def _day(year: int | None, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day) if year else None
    except ValueError:
        return None


def find_dates(text: str, published: dt.date | None) -> list[Date]:
    """Every date phrase of ``text`` in reading order; relative ones resolved if possible."""
    found: list[Date] = []
    taken: list[tuple[int, int]] = []

    def add(match: re.Match, day, inferred: bool, group: int | str = 0) -> None:
        start, end = match.span(group)
        if any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        value = day.isoformat() if isinstance(day, dt.date) else day
        found.append(Date(text[start:end], value, inferred and value is not None, start, end))

    for pattern in (MONTH_DAY, DAY_MONTH):
        for m in pattern.finditer(text):
            year = int(m["year"]) if m["year"] else (published.year if published else None)
            add(m, _day(year, MONTH_NUMBER[m["month"].lower()], int(m["day"])), not m["year"])
    for m in MONTH_YEAR.finditer(text):
        add(m, f"{int(m['year']):04d}-{MONTH_NUMBER[m['month'].lower()]:02d}", False)
    for m in YEAR.finditer(text):
        add(m, m["year"], False, "year")
    for m in VAGUE.finditer(text):
        add(m, None, False)
    for m in WEEKDAY.finditer(text):
        add(m, _weekday(m, published), True)
    for m in NEAR_DAYS.finditer(text):
        add(m, None, True)  # resolved below, once the dates before it are known
    for m in RELATIVE.finditer(text):
        add(m, None, True)
    found.sort(key=lambda d: d.start)
    return _resolve_counted(found, published)


def _weekday(match: re.Match, published: dt.date | None) -> dt.date | None:
    if published is None:
        return None
    back = (published.weekday() - WEEKDAYS.index(match["weekday"].lower())) % 7
    if back == 0 and (match["which"] or "").lower() == "last":
        back = 7
    return published - dt.timedelta(days=back)


def _resolve_counted(found: list[Date], published: dt.date | None) -> list[Date]:
    """Days counted from publication ("yesterday", "two days ago") or from the date named
    just before ("two days earlier", "the next day")."""
    resolved: list[Date] = []
    anchor: dt.date | None = None
    for item in found:
        if item.date is None and item.inferred is False and _counted(item.text) is not None:
            offset, from_published = _counted(item.text)
            base = published if from_published else anchor
            day = base + dt.timedelta(days=offset) if base else None
            item = Date(item.text, day.isoformat() if day else None, day is not None,
                        item.start, item.end)  # fmt: skip
        if item.date and len(item.date) == 10:
            anchor = dt.date.fromisoformat(item.date)
        resolved.append(item)
    return resolved


def _counted(words: str) -> tuple[int, bool] | None:
    """(days, counted from publication?) for a counted phrase; None for other phrases."""
    lower = words.lower()
    fixed = {"yesterday": (-1, True), "today": (0, True), "the day before": (-1, False),
             "the previous day": (-1, False), "the next day": (1, False),
             "the following day": (1, False)}  # fmt: skip
    if lower in fixed:
        return fixed[lower]
    m = RELATIVE.fullmatch(words)
    if not m:
        return None
    count = int(m["count"]) if m["count"].isdigit() else COUNTS[m["count"].lower()]
    days = count * (7 if m["unit"].lower().startswith("week") else 1)
    direction = m["direction"].lower()
    if direction in ("before", "after"):
        return None  # "two weeks after the government retook Palmyra": counted from an event
    sign = 1 if direction == "later" else -1
    return sign * days, direction == "ago"
