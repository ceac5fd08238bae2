"""Read the raw records of a YAML or CSV data file, with where each record sits."""

from __future__ import annotations

import csv
from importlib.resources import files
from pathlib import Path

import yaml

from newscase.validate import DataError, Schema


def default_data_dir() -> Path:
    """The data folder shipped inside the package."""
    return Path(str(files("newscase") / "data"))


def read_records(path: Path, schema: Schema) -> tuple[list, list[str]]:
    """Return (raw records, locations) from ``path``; raise DataError if unreadable."""
    if not path.is_file():
        raise DataError([f"{schema.file}: file not found at {path}; expected the data file"])
    try:
        content = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError([f"{schema.file}: cannot be read ({exc}); expected UTF-8 text"]) from exc
    if path.suffix == ".csv":
        return _csv_records(content, schema)
    return _yaml_records(content, schema)


def _csv_records(content: str, schema: Schema) -> tuple[list, list[str]]:
    reader = csv.DictReader(content.splitlines(keepends=True), strict=True)
    try:
        header = reader.fieldnames or []
        missing = [name for name in schema.names if name not in header]
        if missing:
            raise DataError(
                [
                    f"{schema.file}, header (line 1): missing column(s) {', '.join(missing)}; "
                    f"expected columns {','.join(schema.names)}"
                ]
            )
        records, locations = [], []
        for row in reader:
            if None in row:  # more cells than columns
                raise DataError(
                    [
                        f"{schema.file}, line {reader.line_num}: {len(header) + len(row[None])} "
                        f"cells; expected {len(header)} (quote cells that contain commas)"
                    ]
                )
            records.append(row)
            locations.append(f"line {reader.line_num}")
    except csv.Error as exc:
        raise DataError([f"{schema.file}, line {reader.line_num}: not valid CSV ({exc})"]) from exc
    return records, locations


def _yaml_records(content: str, schema: Schema) -> tuple[list, list[str]]:
    try:
        node = yaml.compose(content, Loader=yaml.SafeLoader)
        data = yaml.safe_load(content)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise DataError([f"{schema.file}{where}: not valid YAML ({problem})"]) from exc
    if data is None:
        data = []
    if not isinstance(data, list):
        raise DataError(
            [
                f"{schema.file}: expected a list of records at the top level, "
                f"got {type(data).__name__}"
            ]
        )
    items = node.value if node is not None else []
    locations = [
        f"item {i} (line {item.start_mark.line + 1})" for i, item in enumerate(items, start=1)
    ]
    return data, locations
