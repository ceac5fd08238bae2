"""Load the case (sources, places, actors, events, relations, claims) as one checked object.

>>> from newscase import load_case
>>> case = load_case()
>>> case.places.loc["um_jaris", "name"]
'Um Jaris'

Every problem in the data files is reported at once, naming file, record and field.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from newscase.core.article import load_article
from newscase.core.datafiles import cached_per_folder, read_records
from newscase.core.lazy import loaded_large_library
from newscase.core.schemas import TABLES
from newscase.core.sources import evidence_problems
from newscase.core.text import contains_quote
from newscase.core.validate import DataError, Records, Schema, check_records, check_references

FILES = {name: schema.file for name, schema in TABLES.items()}


@dataclass(frozen=True)
class Case:
    """The checked case. Table attributes return fresh pandas DataFrames (safe to modify)."""

    data_dir: Path
    records: dict  # table name -> tuple of clean record dicts

    def table(self, name: str):
        """The named table as a DataFrame, indexed by id where the table has ids."""
        import pandas as pd

        loaded_large_library()
        if name not in self.records:
            raise KeyError(f"no table {name!r}; expected one of {', '.join(self.records)}")
        rows = list(self.records[name])
        columns = TABLES[name].names
        frame = pd.DataFrame(rows, columns=columns)
        if name == "events":
            frame["date"] = pd.to_datetime(frame["date"])
        if TABLES[name].id_field:
            frame = frame.set_index(TABLES[name].id_field)
        return frame

    @property
    def sources(self):
        return self.table("sources")

    @property
    def places(self):
        return self.table("places")

    @property
    def actors(self):
        return self.table("actors")

    @property
    def events(self):
        return self.table("events")

    @property
    def relations(self):
        return self.table("relations")

    @property
    def claims(self):
        return self.table("claims")

    def record(self, table: str, record_id: str) -> dict:
        """One record as a plain dict, e.g. ``case.record("places", "um_jaris")``."""
        for record in self.records.get(table, ()):
            if record.get("id") == record_id:
                return dict(record)
        raise KeyError(f"no record {record_id!r} in {FILES.get(table, table)}")

    def ids(self, table: str) -> list[str]:
        return [r["id"] for r in self.records[table]]


@cached_per_folder
def load_case(folder: Path) -> Case:
    """Load and check every data file (cached per folder); raise DataError listing problems.

    Call as ``load_case()`` for the packaged data or ``load_case(data_dir)``.
    """
    problems: list[str] = []
    clean: dict[str, Records] = {}
    unreadable = set()
    for name, schema in TABLES.items():
        try:
            raw, locations = read_records(folder / schema.file, schema)
        except DataError as exc:
            problems += exc.problems
            clean[name] = Records()
            unreadable.add(name)
            continue
        clean[name], found = check_records(schema, raw, locations)
        problems += found
    # References into an unreadable file would all fail; its own problem says enough.
    ids = {
        name: None if name in unreadable else {r["id"] for r in rows if r.get("id")}
        for name, rows in clean.items()
    }
    for name, schema in TABLES.items():
        problems += check_references(schema, clean[name], ids)
    problems += _check_against_article(clean)
    if not unreadable:
        problems += evidence_problems(clean)
    if problems:
        raise DataError(problems)
    return Case(folder, clean)


def resolve_case(case: Case | None = None) -> Case:
    """``case``, or the packaged case when None: how engines and lessons take a case."""
    return load_case() if case is None else case


def load_records(
    schema: Schema,
    folder: Path,
    *,
    checks: Iterable[Callable[[Records, Case | None], list[str]]] = (),
    extra_ids: Mapping[str, set[str] | None] | None = None,
    with_case: bool = True,
) -> Records:
    """Read and check one more file of the case folder (terms.yaml, territory.yaml ...).

    The one way every data file beyond the case's tables is loaded: checks its fields,
    its references into the case's tables (and ``extra_ids``), then each
    ``check(records, case)``; raises DataError listing every problem; returns the clean
    Records (``records.where(record)`` names a record in messages). Loaders wrap it in
    :func:`~newscase.core.datafiles.cached_per_folder`, so each is called
    ``load_x(data_dir=None)`` and cached per folder. ``with_case=False`` reads a file that
    refers to nothing in the case (course.yaml, exercises.yaml) without loading it.
    """
    case = load_case(folder) if with_case else None
    raw, locations = read_records(folder / schema.file, schema)
    records, problems = check_records(schema, raw, locations)
    ids = (
        {name: set(case.ids(name)) for name, table in TABLES.items() if table.id_field}
        if case is not None
        else {}
    )
    ids.update(extra_ids or {})
    problems += check_references(schema, records, ids)
    for check in checks:
        problems += check(records, case)
    if problems:
        raise DataError(problems)
    return records


def _check_against_article(clean: dict[str, Records]) -> list[str]:
    """Quotes and mentions of the article must be verbatim (up to whitespace/quote marks)."""
    article = load_article()
    problems = []
    checks = [
        ("claims", "quote"),
        ("places", "article_mention"),
        ("actors", "article_mentions"),
    ]
    for table, field_name in checks:
        for record, where in clean.get(table, Records()).located():
            value = record.get(field_name)
            for quote in value if isinstance(value, tuple) else (value,) if value else ():
                if not contains_quote(article.text, quote):
                    problems.append(
                        f"{where}, field '{field_name}': '{quote[:60]}' is not in the "
                        "article; expected a verbatim quote of seeds/ text"
                    )
    return problems
