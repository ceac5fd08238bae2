"""Read the raw records of a YAML or CSV data file, with where each record sits.

YAML is parsed once per file content (the node tree gives each record's line, the data
is constructed from the same tree), with libyaml's C parser when PyYAML has it, and the
result is cached by content: sources.yaml, read by the case loader, the quiz bank and
others, is parsed once per session. Callers get their own copy of the records.
A file that does not parse is re-parsed with PyYAML's pure-Python parser, so error
messages are the same with or without libyaml.
"""

from __future__ import annotations

import copy
import csv
import functools
import re
from importlib.resources import files
from pathlib import Path

import yaml

from newscase.core.validate import DataError, Schema


def default_data_dir() -> Path:
    """The data folder shipped inside the package."""
    return Path(str(files("newscase") / "data"))


def read_records(path: Path, schema: Schema) -> tuple[list, list[str]]:
    """Return (raw records, locations) from ``path``; raise DataError if unreadable."""
    if path.is_dir():
        raise DataError([f"{schema.file}: {path} is a folder; expected the data file there"])
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
    if not content.strip():
        raise DataError(
            [
                f"{schema.file}: the file is empty; expected a header line "
                f"({','.join(schema.names)}) and one line per record"
            ]
        )
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
        # The failing record starts after the last good one (DictReader's count) and the
        # parser noticed the problem on the csv reader's current line (later, for a quote
        # that is never closed).
        start, end = reader.line_num + 1, max(reader.reader.line_num, reader.line_num + 1)
        where = f"line {start}" if start == end else f"lines {start}-{end}"
        raise DataError([f"{schema.file}, {where}: not valid CSV ({exc})"]) from exc
    return records, locations


def _yaml_records(content: str, schema: Schema) -> tuple[list, list[str]]:
    try:
        data, lines = _parse_yaml(content)
    except yaml.reader.ReaderError as exc:  # a control character, e.g. a binary file
        line = content.count("\n", 0, exc.position) + 1
        raise DataError(
            [
                f"{schema.file}, line {line}: not valid YAML (character #x{exc.character:04x} "
                "is not allowed; is this a text file?)"
            ]
        ) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise DataError([f"{schema.file}{where}: not valid YAML ({problem})"]) from exc
    key = schema.key
    if key is not None:  # the records are a list under one key of a mapping
        if not isinstance(data, dict) or key not in data:
            raise DataError([f"{schema.file}: expected a mapping with a list under '{key}'"])
        data, lines = data[key], lines.get(key, ())
    else:
        lines = lines.get("", ())
    if data is None:
        data = []
    if not isinstance(data, list):
        where = f"under '{key}'" if key else "at the top level"
        raise DataError(
            [f"{schema.file}: expected a list of records {where}, got {type(data).__name__}"]
        )
    locations = [f"item {i} (line {line})" for i, line in enumerate(lines, start=1)]
    return copy.deepcopy(data), locations


# libyaml's parser, when PyYAML was built with it (the wheels on PyPI and conda-forge are).
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)
# Text where PyYAML's parser is known to be stricter than libyaml: a tab, a byte-order
# mark inside the text, a comment straight after a block scalar indicator (">-#"). Rare in
# data files; they are parsed the slow way, so PyYAML's message is the one reported.
_PYYAML_STRICTER = re.compile("[\t\ufeff]|[|>][-+0-9]*#")


@functools.lru_cache(maxsize=32)
def _parse_yaml(content: str) -> tuple[object, dict[str, tuple[int, ...]]]:
    """(data, 1-based lines of the items of each list) of a YAML document; cached by content.

    The lines are under "" for a top-level list, under its key for a list in a top-level
    mapping.

    Same result as ``yaml.safe_load`` plus ``yaml.compose``, from one parse. The cached
    data must not be changed: :func:`_yaml_records` hands out deep copies.
    """
    loaders = [yaml.SafeLoader]
    # Whatever PyYAML's own parser reads, libyaml reads the same (tests/test_robustness_data.py
    # compares them on every data file and on damaged copies). On malformed text libyaml is
    # sometimes more lenient; the known cases take the slow path (and schema validation
    # checks every record either way).
    if (
        _FAST_LOADER is not None
        and not _PYYAML_STRICTER.search(content)
        and not yaml.reader.Reader.NON_PRINTABLE.search(content)
    ):
        loaders.insert(0, _FAST_LOADER)
    for loader_class in loaders:
        loader = loader_class(content)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        except yaml.YAMLError:
            if loader_class is yaml.SafeLoader:
                raise  # its message is the one users see (and tests pin)
            continue
        finally:
            loader.dispose()
        lines = {}
        if isinstance(node, yaml.SequenceNode):
            lines[""] = tuple(item.start_mark.line + 1 for item in node.value)
        elif isinstance(node, yaml.MappingNode):
            for key_node, value in node.value:
                if isinstance(value, yaml.SequenceNode):
                    lines[str(key_node.value)] = tuple(i.start_mark.line + 1 for i in value.value)
        return data, lines
    raise AssertionError("unreachable")  # pragma: no cover


def cached_per_folder(load):
    """Decorate ``load(folder)`` so it is called as ``load(data_dir=None)``.

    None means the packaged data folder; results are cached per resolved folder, and the
    wrapper has ``cache_clear()``. Used by every loader of a file of the case folder.
    """
    cached = functools.lru_cache(maxsize=8)(load)

    @functools.wraps(load)
    def wrapper(data_dir: str | Path | None = None):
        folder = Path(data_dir) if data_dir is not None else default_data_dir()
        return cached(folder.resolve())

    wrapper.cache_clear = cached.cache_clear
    return wrapper
