"""Robustness: damaged data files and progress files give clear messages, never a crash.

Complements test_case_loader.py, test_quiz_data.py and test_quiz_store.py with the ways
files get damaged outside an editor: cut short (a full disk, an interrupted copy), binary
garbage or another encoding saved under the name, an empty file, a folder in the file's
place, a progress file that is a list or cannot be read. Also checks that the fast YAML
path (libyaml, parse once, cache by content; newscase/core/datafiles.py) reads exactly what
PyYAML's own parser reads, on good files and on damaged ones. Fast (a few seconds).
"""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

import pytest
import yaml

from newscase import quiz
from newscase.core import datafiles
from newscase.core import progress as store
from newscase.core.case import load_case
from newscase.core.schemas import ACTORS, TABLES
from newscase.core.validate import DataError
from newscase.quiz import answers
from newscase.quiz.grading import Result
from newscase.quiz.model import load_bank

from helpers import edit_data

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "newscase" / "data"
FILES = sorted({schema.file for schema in TABLES.values()})
YAML_FILES = [f for f in FILES if f.endswith(".yaml")]
CSV_FILES = [f for f in FILES if f.endswith(".csv")]
NOTEBOOK = "99_test"


def _problems(folder: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_case(folder)
    return caught.value.problems


def _clear(problem: str) -> bool:
    """Names a data file first, then where in it (line, header, record) or what is wrong."""
    name, _, rest = problem.partition(",")
    if ":" in name:
        name, rest = problem.split(":", 1)
    return name in FILES and bool(rest.strip())


# ---- data files


@pytest.mark.parametrize("name", YAML_FILES)
@pytest.mark.parametrize("fraction", [0.05, 0.37, 0.5, 0.83])
def test_a_yaml_file_cut_short_is_reported_with_file_and_line(data_copy, name, fraction):
    path = data_copy / name
    content = path.read_bytes()
    path.write_bytes(content[: int(len(content) * fraction)])
    try:
        case = load_case(data_copy)
    except DataError as exc:
        assert all(_clear(p) for p in exc.problems), exc.problems
    else:
        # A cut inside the last text of a record can leave a shorter file that is still
        # valid: the loader cannot know. It must then hold fewer records, never junk.
        table = next(t for t, s in TABLES.items() if s.file == name)
        assert len(case.records[table]) < len(load_case().records[table])


def test_a_yaml_file_cut_inside_a_quoted_text_gives_the_line(data_copy):
    name, text, at = next(
        (name, text, text.index(': "'))
        for name in YAML_FILES
        if ': "' in (text := (data_copy / name).read_text(encoding="utf-8"))
    )
    cut = text[: at + 8]
    (data_copy / name).write_text(cut, encoding="utf-8")
    assert _problems(data_copy) == [
        f"{name}, line {cut.count(chr(10)) + 1}: not valid YAML (found unexpected end of stream)"
    ]


def test_a_csv_cut_inside_a_quoted_cell_names_the_line_where_the_record_starts(data_copy):
    path = data_copy / "places.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    cut = next(i for i, line in enumerate(lines) if i > 0 and ',"' in line)
    path.write_text("".join(lines[:cut]) + lines[cut][: lines[cut].index(',"') + 6], "utf-8")
    assert _problems(data_copy) == [
        f"places.csv, line {cut + 1}: not valid CSV (unexpected end of data)"
    ]


def test_an_unclosed_quote_in_csv_names_the_record_and_where_it_was_noticed(data_copy):
    path = data_copy / "places.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[4] = 'x,"unclosed\n'
    path.write_text("".join(lines), "utf-8")
    problems = _problems(data_copy)
    assert len(problems) == 1
    assert problems[0].startswith("places.csv, lines 5-") and "not valid CSV" in problems[0]


@pytest.mark.parametrize("name", FILES)
def test_binary_garbage_under_a_data_file_name(data_copy, name):
    (data_copy / name).write_bytes(random.Random(name).randbytes(3000) + b"\xff")
    problems = _problems(data_copy)
    assert any(
        p.startswith(f"{name}: cannot be read (") and p.endswith("; expected UTF-8 text")
        for p in problems
    ), problems


@pytest.mark.parametrize("name", FILES)
def test_an_image_saved_under_a_data_file_name(data_copy, name):
    png = (ROOT / "src/newscase/assets/leaflet/images/layers.png").read_bytes()
    (data_copy / name).write_bytes(png)
    assert any(p.startswith(f"{name}: cannot be read (") for p in _problems(data_copy))


def test_a_utf16_file_is_refused_asking_for_utf8(data_copy):
    path = data_copy / "claims.yaml"
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    problems = _problems(data_copy)
    assert any(
        p.startswith("claims.yaml: cannot be read (") and "expected UTF-8 text" in p
        for p in problems
    )


def test_control_characters_in_yaml_give_the_line_not_a_parser_dump(data_copy):
    path = data_copy / "actors.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[6] = lines[6].rstrip("\n") + "\x00\x07\n"
    path.write_text("".join(lines), encoding="utf-8")
    assert _problems(data_copy) == [
        "actors.yaml, line 7: not valid YAML (character #x0000 is not allowed; is this a "
        "text file?)"
    ]


@pytest.mark.parametrize("content", [b"", b"\n\n   \n"], ids=["empty", "blank"])
@pytest.mark.parametrize("name", CSV_FILES)
def test_an_empty_csv_file_says_it_is_empty_and_what_belongs_in_it(data_copy, name, content):
    (data_copy / name).write_bytes(content)
    schema = next(s for s in TABLES.values() if s.file == name)
    assert (
        f"{name}: the file is empty; expected a header line ({','.join(schema.names)}) and "
        "one line per record"
    ) in _problems(data_copy)


@pytest.mark.parametrize("name", FILES)
def test_a_folder_in_place_of_a_data_file(data_copy, name):
    path = data_copy / name
    path.unlink()
    path.mkdir()
    assert f"{name}: {path} is a folder; expected the data file there" in _problems(data_copy)


def test_python_tags_in_yaml_are_refused_not_run(data_copy, tmp_path):
    marker = tmp_path / "ran"
    (data_copy / "claims.yaml").write_text(
        f"- !!python/object/apply:pathlib.Path.touch [{str(marker)!r}]\n", encoding="utf-8"
    )
    problems = _problems(data_copy)
    assert len(problems) == 1
    assert problems[0].startswith("claims.yaml, line 1: not valid YAML (could not determine")
    assert not marker.exists()


def test_two_documents_in_one_yaml_file(data_copy):
    path = data_copy / "claims.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "---\n- id: extra\n", encoding="utf-8")
    problems = _problems(data_copy)
    assert len(problems) == 1 and "not valid YAML (but found another document)" in problems[0]


def test_a_quiz_file_cut_short_or_garbled_names_the_quiz_file(tmp_path):
    from test_quiz_grading import SAMPLE, make_bank

    name = "quizzes/98_sample.yaml"
    for label, content in (
        ("cut", SAMPLE.encode()[: len(SAMPLE) // 2] + b'"unclosed'),
        ("garbage", random.Random(3).randbytes(500) + b"\xff"),
        ("control", b"- id: 98-x\n  prompt: a\x00b\n"),
    ):
        folder = tmp_path / label / "data"
        make_bank(folder)  # a sound bank, then damage it
        (folder / name).write_bytes(content)
        load_bank.cache_clear()
        with pytest.raises(DataError) as caught:
            load_bank(folder)
        assert all(p.startswith(name) for p in caught.value.problems), caught.value.problems
    folder = tmp_path / "folder" / "data"
    make_bank(folder)
    (folder / name).unlink()
    (folder / name).mkdir()
    # a folder that looks like a quiz file is not a quiz file: it is skipped or reported
    try:
        load_bank(folder)
    except DataError as exc:
        assert all(p.startswith(name) for p in exc.problems), exc.problems


# ---- the fast YAML path reads what PyYAML reads


def _reference(content: str):
    """The loader before it was made fast: yaml.safe_load plus yaml.compose, pure Python."""
    try:
        node = yaml.compose(content, Loader=yaml.SafeLoader)
        data = yaml.safe_load(content)
    except yaml.YAMLError as exc:
        return "error", str(exc)
    lines = {}
    if isinstance(node, yaml.SequenceNode):
        lines[""] = tuple(item.start_mark.line + 1 for item in node.value)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(value, yaml.SequenceNode):
                lines[str(key.value)] = tuple(item.start_mark.line + 1 for item in value.value)
    return data, lines


def _fast(content: str):
    try:
        return datafiles._parse_yaml(content)
    except yaml.YAMLError as exc:
        return "error", str(exc)


YAML_PATHS = sorted(DATA.rglob("*.yaml"))


@pytest.mark.parametrize("path", YAML_PATHS, ids=[str(p.relative_to(DATA)) for p in YAML_PATHS])
def test_the_fast_yaml_path_reads_every_data_file_as_pyyaml_does(path):
    content = path.read_text(encoding="utf-8-sig")
    assert _fast(content) == _reference(content)


def _mutations(content: str, seed: str, count: int = 25):
    rng = random.Random(seed)
    lines = content.splitlines(keepends=True)
    odd = [":", "-", "[", "]", "{", "}", '"', "'", "#", "&", "*", "!", "|", ">", "%", "@", "\t"]
    for _ in range(count):
        kind = rng.randrange(5)
        i = rng.randrange(len(lines))
        changed = list(lines)
        if kind == 0:
            del changed[i]
        elif kind == 1:
            changed.insert(i, changed[i])
        elif kind == 2:
            changed[i] = rng.choice(["\t", " ", "  - ", "? "]) + changed[i]
        elif kind == 3:
            at = rng.randrange(len(changed[i]) + 1)
            changed[i] = changed[i][:at] + rng.choice(odd) + changed[i][at:]
        else:
            yield content[: rng.randrange(len(content))]
            continue
        yield "".join(changed)


@pytest.mark.parametrize("path", YAML_PATHS, ids=[str(p.relative_to(DATA)) for p in YAML_PATHS])
def test_the_fast_yaml_path_agrees_with_pyyaml_on_damaged_files(path):
    """What PyYAML's parser reads, the fast path reads the same; what both refuse gets
    PyYAML's message. (On some malformed text libyaml is more lenient than PyYAML: the
    known cases take the slow path; any others still go through schema validation.)"""
    head = "".join(path.read_text(encoding="utf-8-sig").splitlines(keepends=True)[:150])
    for damaged in _mutations(head, path.name):
        fast, reference = _fast(damaged), _reference(damaged)
        if reference[0] != "error" or fast[0] == "error":
            assert fast == reference, damaged[:200]


@pytest.mark.parametrize(
    "damage",
    ["\tindented", "a\ttab", "\ufeff", "text >-# comment", "text |2# comment"],
)
def test_text_pyyaml_is_stricter_about_gets_pyyamls_verdict(damage):
    content = f"- id: x\n  note: {damage}\n- id: y\n"
    assert _fast(content) == _reference(content)


def test_records_handed_out_are_copies_the_cache_cannot_be_changed_through(data_copy):
    path = data_copy / ACTORS.file
    first, _ = datafiles.read_records(path, ACTORS)
    first[0]["name"] = "changed"
    first[0]["alt_names"].append("changed")
    first.clear()
    second, _ = datafiles.read_records(path, ACTORS)
    assert second and second[0]["name"] != "changed"
    assert "changed" not in (second[0].get("alt_names") or [])


def test_an_edited_file_is_read_again(data_copy):
    path = data_copy / ACTORS.file
    before, _ = datafiles.read_records(path, ACTORS)
    edit_data(data_copy, ACTORS.file, lambda records: records[0].update(name="Renamed"))
    after, _ = datafiles.read_records(path, ACTORS)
    assert before[0]["name"] != "Renamed" and after[0]["name"] == "Renamed"


# ---- progress files


def _result(question_id: str, status: str = "wrong") -> Result:
    return Result(question_id, status, 1.0 if status == "correct" else 0.0, status, "x")


SAVED = json.dumps({"format": 1, "questions": {"99-a": {"tries": 1, "correct": True}}})


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"  \n",
        b"[]",
        b'[{"99-a": {"tries": 1}}]',
        b"null",
        b'"progress"',
        b'{"format": 1, "questions": [1, 2]}',
        SAVED.encode()[: len(SAVED) // 2],
        SAVED.encode("utf-16"),
        bytes(range(256)),
    ],
    ids=[
        "empty",
        "blank",
        "empty-list",
        "list",
        "null",
        "string",
        "questions-list",
        "cut-short",
        "utf16",
        "binary",
    ],
)
def test_a_damaged_progress_file_is_kept_aside_and_the_quiz_goes_on(home, content):
    home.mkdir(parents=True)
    (home / "progress.json").write_bytes(content)
    assert quiz.progress() == {}
    (moved,) = home.glob("progress.json.corrupt-*")
    assert moved.read_bytes() == content
    assert store.backup_made() == moved.name
    assert answers.record("99-a", NOTEBOOK, _result("99-a", "correct")) is None
    assert quiz.progress()["99-a"]["correct"]


def _unreadable_progress_is_left_alone(home: Path, original: bytes | None, why: str) -> None:
    assert answers.entries() == {}
    told = store.take_notices()
    assert told and told[0].startswith(f"Your saved quiz answers in {home / 'progress.json'} "
                                       f"cannot be read: {why}"), told  # fmt: skip
    message = answers.record("99-b", NOTEBOOK, _result("99-b", "correct"))
    assert answers.remove(lambda q, e: q == "99-a") == 0  # cannot reset what it cannot read
    assert "Could not reset" in " ".join(store.take_notices())
    assert f"Your answers could not be saved in {home} ({why}" in message
    assert "Set NEWSCASE_HOME" in message and "Traceback" not in message
    assert answers.entries()["99-b"]["correct"]  # kept for this session
    assert quiz.check("00-distance", "40 km").correct
    path = home / "progress.json"
    if original is not None:
        with open(path, "rb") as handle:  # (Path.read_bytes may be patched to fail)
            assert handle.read() == original  # not replaced by a file with only 99-b
    assert not list(home.glob("progress.json.corrupt-*"))


def test_a_folder_in_place_of_the_progress_file(home):
    (home / "progress.json").mkdir(parents=True)
    _unreadable_progress_is_left_alone(home, None, "is a directory")
    assert (home / "progress.json").is_dir()


def test_a_progress_file_that_cannot_be_read_is_not_overwritten(home, monkeypatch):
    home.mkdir(parents=True)
    path = home / "progress.json"
    path.write_text(SAVED, encoding="utf-8")
    if hasattr(os, "geteuid") and os.geteuid() != 0:
        path.chmod(0o200)  # write-only: a real permission problem
        try:
            _unreadable_progress_is_left_alone(home, None, "permission denied")
        finally:
            path.chmod(0o600)
        assert path.read_text(encoding="utf-8") == SAVED
        return
    # root (CI) reads any file: make reading it fail the way a permission problem does
    real = Path.read_bytes

    def denied(self):
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", denied)
    _unreadable_progress_is_left_alone(home, SAVED.encode(), "permission denied")


@pytest.mark.parametrize("damage", ["folder", "binary"])
def test_a_damaged_student_id_file_gives_a_notice_and_a_stable_id(home, monkeypatch, damage):
    monkeypatch.delenv("NEWSCASE_STUDENT", raising=False)
    home.mkdir(parents=True)
    if damage == "folder":
        (home / "student-id").mkdir()
    else:
        (home / "student-id").write_bytes(b"\xff\xfe\x00" * 10)
    first = store.student_id()
    assert any("Could not save a student id" in n for n in store.take_notices())
    assert first and store.student_id() == first


def test_a_folder_in_place_of_the_lock_file_does_not_stop_saving(home):
    (home / "progress.json.lock").mkdir(parents=True)
    assert answers.record("99-a", NOTEBOOK, _result("99-a")) is None  # nothing to tell
    assert answers.entries()["99-a"]["tries"] == 1
