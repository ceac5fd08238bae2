"""Check raw data records against a small schema; report every problem precisely.

Errors name the file, the record (its id, or its line / position) and the field, and
say what was expected, e.g.::

    places.csv, record 'um_jaris' (line 3), field 'lat': expected a number ...
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from newscase.core.errors import FriendlyError

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:[_-][a-z0-9]+)*$")
PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
MAX_REPORTED = 25


class DataError(FriendlyError, ValueError):
    """One or more problems in the module's data files (each named precisely)."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        shown = self.problems[:MAX_REPORTED]
        more = len(self.problems) - len(shown)
        lines = [f"The module's data has {len(self.problems)} problem(s):"]
        lines += [f"  - {p}" for p in shown]
        if more:
            lines.append(f"  ... and {more} more")
        super().__init__("\n".join(lines))


@dataclass(frozen=True)
class Field:
    """One field of a record: how to parse and check its raw value."""

    name: str
    parse: Callable[[object], object]
    required: bool = True
    ref: str | None = None  # name of the table whose ids this field's values must be


@dataclass(frozen=True)
class Schema:
    """The fields of one data file and the name of its id field (if it has one)."""

    file: str
    fields: tuple[Field, ...]
    id_field: str | None = "id"
    checks: tuple[Callable[[dict], str | None], ...] = field(default=())
    key: str | None = None  # the records are the list under this key of a top-level mapping

    @property
    def names(self) -> list[str]:
        return [f.name for f in self.fields]


class Invalid(ValueError):
    """Raised by a field parser; the message says what was expected."""


def _describe(expects: str):
    """Attach a human description of what a parser accepts (used for missing values)."""

    def decorate(parse):
        parse.expects = expects
        return parse

    return decorate


# ---- field parsers: each takes the raw value, returns the clean value or raises Invalid


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


@_describe("expected non-empty text")
def text(value) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise Invalid(f"expected text, got {type(value).__name__}")
    value = str(value).strip()
    if not value:
        raise Invalid("expected non-empty text")
    return value


@_describe("expected an id of lower-case letters, digits, '_' or '-'")
def identifier(value) -> str:
    value = text(value)
    if not ID_PATTERN.match(value):
        raise Invalid("expected an id of lower-case letters, digits, '_' or '-'")
    return value


def choice(*options: str) -> Callable[[object], str]:
    def parse(value) -> str:
        value = text(value)
        if value not in options:
            raise Invalid(f"expected one of {', '.join(options)}")
        return value

    parse.expects = f"expected one of {', '.join(options)}"
    return parse


def number(low: float, high: float) -> Callable[[object], float]:
    def parse(value) -> float:
        if isinstance(value, bool):
            raise Invalid(f"expected a number from {low:g} to {high:g}")
        try:
            result = float(value)
        except (TypeError, ValueError):
            raise Invalid(f"expected a number from {low:g} to {high:g}") from None
        if not (low <= result <= high):
            raise Invalid(f"expected a number from {low:g} to {high:g}")
        return result

    parse.expects = f"expected a number from {low:g} to {high:g}"
    return parse


@_describe("expected true or false")
def boolean(value) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in {"true", "false"}:
        return value.strip().lower() == "true"
    raise Invalid("expected true or false")


@_describe("expected an ISO date YYYY-MM-DD")
def iso_date(value) -> dt.date:
    """A full calendar date, YYYY-MM-DD (YAML may already have parsed it)."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    try:
        return dt.date.fromisoformat(text(value))
    except (Invalid, ValueError):
        raise Invalid("expected an ISO date YYYY-MM-DD") from None


@_describe("expected a date YYYY, YYYY-MM or YYYY-MM-DD")
def partial_date(value) -> str:
    """YYYY, YYYY-MM or YYYY-MM-DD, kept as text (sources often give only a year)."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    raw = text(value)
    if not PARTIAL_DATE.match(raw):
        raise Invalid("expected a date YYYY, YYYY-MM or YYYY-MM-DD")
    padded = raw + "-01" * ((10 - len(raw)) // 3)
    try:
        dt.date.fromisoformat(padded)
    except ValueError:
        raise Invalid("expected a date YYYY, YYYY-MM or YYYY-MM-DD") from None
    return raw


@_describe("expected a web address starting with http:// or https://")
def url(value) -> str:
    value = text(value)
    if not re.match(r"^https?://[^\s/]+\.[^\s]+$", value):
        raise Invalid("expected a web address starting with http:// or https://")
    return value


def text_list(value) -> tuple[str, ...]:
    """A list: a YAML list, or ';'-separated text in a CSV cell. Empty is allowed."""
    if _blank(value):
        return ()
    if isinstance(value, str):
        items = [part.strip() for part in value.split(";")]
    elif isinstance(value, list | tuple):
        items = [text(item) for item in value]
    else:
        raise Invalid("expected a list (in CSV: items separated by ';')")
    if any(not item for item in items):
        raise Invalid("expected a list without empty items (check for a stray ';')")
    return tuple(items)


@_describe("expected at least one item (in CSV: items separated by ';')")
def nonempty_list(value) -> tuple[str, ...]:
    items = text_list(value)
    if not items:
        raise Invalid("expected at least one item")
    return items


# ---- record checking


class Records(tuple):
    """The clean records of one data file, in file order, as plain dicts.

    Where each record sits in its file (``"places.csv, record 'um_jaris' (line 3)"``) is
    kept beside the records, not in them: ``records.where(record)`` for messages,
    ``records.located()`` for (record, where) pairs.
    """

    def __new__(cls, items: Iterable[dict] = (), labels: Iterable[str] = ()):
        made = super().__new__(cls, items)
        made.labels = tuple(labels)
        return made

    def where(self, record: Mapping) -> str:
        """How messages name ``record``: its file, its id and its line or position."""
        for item, label in zip(self, self.labels, strict=True):
            if item is record:
                return label
        raise ValueError("not a record of this file")

    def located(self):
        """(record, where) pairs in file order."""
        return zip(self, self.labels, strict=True)


def check_records(
    schema: Schema, records: Iterable[Mapping], locations: Iterable[str] | None = None
) -> tuple[Records, list[str]]:
    """Parse each raw record; return (clean records, problems).

    ``locations`` describes where each record sits (e.g. "line 4"); defaults to
    "item N" (1-based).
    """
    records = list(records)
    locations = (
        list(locations)
        if locations is not None
        else [f"item {i}" for i in range(1, len(records) + 1)]
    )
    clean, labels, problems = [], [], []
    known = set(schema.names)
    for raw, where in zip(records, locations, strict=True):
        if not isinstance(raw, Mapping):
            problems.append(
                f"{schema.file}, {where}: expected a record of fields "
                f"({', '.join(schema.names)}), got {type(raw).__name__}"
            )
            continue
        label = _label(schema, raw, where)
        for unknown in sorted(set(raw) - known, key=str):
            hint = difflib.get_close_matches(str(unknown), schema.names, n=1)
            suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
            problems.append(
                f"{label}, field '{unknown}': unknown field{suggestion}; "
                f"expected fields are {', '.join(schema.names)}"
            )
        record = {}
        for spec in schema.fields:
            value = raw.get(spec.name)
            if _blank(value) and spec.parse is not text_list:
                if spec.required:
                    problems.append(f"{label}, field '{spec.name}': missing; {_expects(spec)}")
                record[spec.name] = None
                continue
            try:
                record[spec.name] = spec.parse(value)
            except Invalid as exc:
                problems.append(f"{label}, field '{spec.name}': {exc}, got {_show(value)}")
                record[spec.name] = None
        for check in schema.checks:
            message = check(record)
            if message:
                problems.append(f"{label}: {message}")
        clean.append(record)
        labels.append(label)
    if schema.id_field:
        seen: dict[str, str] = {}
        for record, label in zip(clean, labels, strict=True):
            key = record.get(schema.id_field)
            if key is None:
                continue
            if key in seen:
                problems.append(
                    f"{label}, field '{schema.id_field}': duplicate id '{key}' "
                    f"(first used at {seen[key]}); expected ids to be unique"
                )
            else:
                seen[key] = label
    return Records(clean, labels), problems


def check_references(
    schema: Schema, records: Records, ids_by_table: Mapping[str, set[str] | None]
) -> list[str]:
    """Every value of a ``ref`` field must be an id of the named table.

    A table mapped to None (its file could not be read) is not checked against.
    """
    problems = []
    for spec in schema.fields:
        if not spec.ref or ids_by_table.get(spec.ref, set()) is None:
            continue
        known = ids_by_table.get(spec.ref, set())
        for record, where in records.located():
            value = record.get(spec.name)
            values = value if isinstance(value, tuple) else (value,) if value else ()
            for item in values:
                if item not in known:
                    hint = difflib.get_close_matches(item, sorted(known), n=1)
                    suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
                    problems.append(
                        f"{where}, field '{spec.name}': unknown {spec.ref} id "
                        f"'{item}'{suggestion}; expected an id from {spec.ref}"
                    )
    return problems


def _label(schema: Schema, raw: Mapping, where: str) -> str:
    key = raw.get(schema.id_field) if schema.id_field else None
    if isinstance(key, str) and key.strip():
        return f"{schema.file}, record '{key.strip()}' ({where})"
    return f"{schema.file}, record at {where}"


def _expects(spec: Field) -> str:
    return getattr(spec.parse, "expects", "expected a value")


def _show(value) -> str:
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."
