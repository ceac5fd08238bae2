"""Quiz questions as data: read ``data/quizzes/<notebook>.yaml``, check it, build questions.

Every problem is reported at once, naming the file, the question and the field, e.g.::

    quizzes/00_start_here.yaml, record '00-outlet' (item 1 (line 4)), field 'answer': ...
"""

from __future__ import annotations

import functools
import hashlib
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from newscase.core.datafiles import default_data_dir, read_records
from newscase.core.validate import (
    DataError,
    Field,
    Invalid,
    Schema,
    boolean,
    check_records,
    check_references,
    choice,
    identifier,
    nonempty_list,
    number,
    text,
    text_list,
)
from newscase.quiz.normalise import key

QUIZ_DIR = "quizzes"
TYPES = ("single", "multiple", "numeric", "text", "order", "match")
DEFAULT_SHOW_ANSWER_AFTER = 2
NOTEBOOK_STEM = re.compile(r"^(\d\d)_[a-z0-9_]+$")

# Fields each type may use, beyond those every question has.
TYPE_FIELDS = {
    "single": {"options", "shuffle"},
    "multiple": {"options", "shuffle"},
    "numeric": {"unit", "unit_names", "tolerance", "mistakes", "hint"},
    "text": {"alternatives", "mistakes", "hint"},
    "order": {"mistakes", "hint"},  # always shuffled: the file holds the answer's order
    "match": {"choices", "mistakes", "hint", "shuffle"},
}
COMMON_FIELDS = {"id", "type", "prompt", "answer", "explanation", "sources", "show_answer_after"}


@dataclass(frozen=True)
class Option:
    """A choice of a single or multiple question, with why it is right or wrong."""

    text: str
    feedback: str


@dataclass(frozen=True)
class Mistake:
    """A typical wrong answer and why it is wrong."""

    answer: object  # float, str, tuple of str or tuple of (item, choice) pairs
    feedback: str


@dataclass(frozen=True)
class Question:
    """One checked question. ``answer`` is typed by ``type``:

    single: option text; multiple: tuple of option texts; numeric: float; text: str;
    order: tuple of items, first to last; match: tuple of (item, choice) pairs.
    """

    id: str
    type: str
    prompt: str
    answer: object
    explanation: str
    sources: tuple[str, ...]
    notebook: str
    citations: tuple[str, ...] = ()
    options: tuple[Option, ...] = ()
    alternatives: tuple[str, ...] = ()
    unit: str | None = None
    unit_names: tuple[str, ...] = ()
    tolerance: float = 0.0
    choices: tuple[str, ...] = ()
    mistakes: tuple[Mistake, ...] = ()
    hint: str | None = None
    shuffle: bool = True
    show_answer_after: int = DEFAULT_SHOW_ANSWER_AFTER

    @property
    def items(self) -> tuple[str, ...]:
        """What the student arranges: option texts, order items or match items."""
        if self.type in ("single", "multiple"):
            return tuple(o.text for o in self.options)
        if self.type == "order":
            return self.answer
        if self.type == "match":
            return tuple(item for item, _ in self.answer)
        return ()


def _raw(value):
    return value


_raw.expects = "expected an answer (see docs/quizzes.md for each type)"


def _mappings(label: str, keys: tuple[str, ...], texts: tuple[str, ...]):
    """A parser for a non-empty list of mappings with exactly ``keys`` (``texts`` are text)."""
    expects = f"expected a list of {label}s, each with {' and '.join(keys)}"

    def parse(value) -> tuple[dict, ...]:
        if not isinstance(value, list) or not value:
            raise Invalid(expects)
        items = []
        for number_, item in enumerate(value, start=1):
            if not isinstance(item, Mapping):
                raise Invalid(f"{label} {number_}: expected {' and '.join(keys)}")
            unknown = sorted(set(item) - set(keys), key=str)
            if unknown:
                raise Invalid(
                    f"{label} {number_}: unknown key '{unknown[0]}'; expected {', '.join(keys)}"
                )
            for name in keys:
                if item.get(name) is None:
                    raise Invalid(f"{label} {number_}: missing '{name}'")
            clean = dict(item)
            for name in texts:
                try:
                    clean[name] = text(item[name])
                except Invalid as exc:
                    raise Invalid(f"{label} {number_}, '{name}': {exc}") from None
            items.append(clean)
        return tuple(items)

    parse.expects = expects
    return parse


OPTIONS = _mappings("option", ("text", "feedback"), ("text", "feedback"))
MISTAKES = _mappings("mistake", ("answer", "feedback"), ("feedback",))


def quiz_schema(file_name: str) -> Schema:
    """The fields of one quiz file (type-specific rules are checked after parsing)."""
    return Schema(
        f"{QUIZ_DIR}/{file_name}",
        (
            Field("id", identifier),
            Field("type", choice(*TYPES)),
            Field("prompt", text),
            Field("answer", _raw),
            Field("options", OPTIONS, required=False),
            Field("alternatives", text_list, required=False),
            Field("unit", text, required=False),
            Field("unit_names", text_list, required=False),
            Field("tolerance", number(0, 1e12), required=False),
            Field("choices", text_list, required=False),
            Field("mistakes", MISTAKES, required=False),
            Field("hint", text, required=False),
            Field("explanation", text),
            Field("sources", nonempty_list, ref="sources"),
            Field("shuffle", boolean, required=False),
            Field("show_answer_after", number(1, 20), required=False),
        ),
    )


# ---- type-specific checks: each returns (clean answer, extra fields) or raises Invalid
# with a message that starts with the field's name.


class _Bad(Exception):
    def __init__(self, field_name: str, message: str):
        super().__init__(f"field '{field_name}': {message}")


def _text_item(value, field_name: str, what: str) -> str:
    try:
        return text(value)
    except Invalid as exc:
        raise _Bad(field_name, f"{what}: {exc}") from None


def _text_items(value, field_name: str, minimum: int) -> tuple[str, ...]:
    if isinstance(value, str) and minimum <= 1:
        value = [value]
    if not isinstance(value, list) or len(value) < minimum:
        raise _Bad(field_name, f"expected a list of at least {minimum} texts, got {value!r:.60}")
    items = tuple(_text_item(v, field_name, f"item {i}") for i, v in enumerate(value, 1))
    _unique(items, field_name)
    return items


def _unique(items, field_name: str) -> None:
    seen: dict[str, str] = {}
    for item in items:
        folded = key(item)
        if not folded:
            raise _Bad(field_name, f"'{item}' has no letters or digits to compare")
        if folded in seen:
            raise _Bad(
                field_name,
                f"'{item}' and '{seen[folded]}' count as the same answer; make them distinct",
            )
        seen[folded] = item


def _find(value, items, field_name: str, what: str) -> str:
    value = _text_item(value, field_name, what)
    for item in items:
        if key(item) == key(value):
            return item
    raise _Bad(field_name, f"{what} '{value}' is not one of {', '.join(map(repr, items))}")


def _finite(value, field_name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _Bad(field_name, f"expected a number, got {value!r:.60}")
    if not math.isfinite(value):
        raise _Bad(field_name, "expected a finite number")
    return float(value)


def _choice_type(record: dict) -> dict:
    options = tuple(Option(o["text"], o["feedback"]) for o in record["options"] or ())
    if len(options) < 2:
        raise _Bad("options", "expected at least two options, each with text and feedback")
    texts = tuple(o.text for o in options)
    _unique(texts, "options")
    if record["type"] == "single":
        answer = _find(record["answer"], texts, "answer", "answer")
    else:
        chosen = _text_items(record["answer"], "answer", 1)
        answer = tuple(_find(c, texts, "answer", "answer") for c in chosen)
    return {"answer": answer, "options": options}


def _numeric_type(record: dict) -> dict:
    answer = _finite(record["answer"], "answer")
    mistakes = tuple(
        Mistake(_finite(m["answer"], "mistakes"), m["feedback"]) for m in record["mistakes"] or ()
    )
    tolerance = record["tolerance"] or 0.0
    if record["unit_names"] and not record["unit"]:
        raise _Bad("unit", "missing; unit_names are other spellings of the unit")
    for mistake in mistakes:
        if abs(mistake.answer - answer) <= tolerance:
            raise _Bad("mistakes", f"{mistake.answer:g} is within the tolerance of the answer")
    return {
        "answer": answer,
        "unit": record["unit"],
        "unit_names": record["unit_names"],
        "tolerance": tolerance,
        "mistakes": mistakes,
    }


def _text_type(record: dict) -> dict:
    answer = _text_item(record["answer"], "answer", "answer")
    alternatives = record["alternatives"] or ()
    _unique((answer, *alternatives), "alternatives")
    accepted = {key(a) for a in (answer, *alternatives)}
    mistakes = []
    for m in record["mistakes"] or ():
        wrong = _text_item(m["answer"], "mistakes", "answer")
        if key(wrong) in accepted:
            raise _Bad("mistakes", f"'{wrong}' is also an accepted answer")
        mistakes.append(Mistake(wrong, m["feedback"]))
    return {"answer": answer, "alternatives": alternatives, "mistakes": tuple(mistakes)}


def _order_type(record: dict) -> dict:
    answer = _text_items(record["answer"], "answer", 2)
    mistakes = []
    for m in record["mistakes"] or ():
        order = _text_items(m["answer"], "mistakes", 2)
        order = tuple(_find(item, answer, "mistakes", "item") for item in order)
        if sorted(order) != sorted(answer):
            raise _Bad("mistakes", "expected each mistake to use every item exactly once")
        if order == answer:
            raise _Bad("mistakes", "a mistake lists the correct order")
        mistakes.append(Mistake(order, m["feedback"]))
    return {"answer": answer, "mistakes": tuple(mistakes)}


def _pairs(value, field_name: str, items=None, choices=None) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, Mapping) or not value:
        raise _Bad(field_name, "expected a mapping of item: matching choice")
    pairs = []
    for item, match in value.items():
        item = _text_item(item, field_name, "item")
        match = _text_item(match, field_name, f"match of '{item}'")
        if items is not None:
            item = _find(item, items, field_name, "item")
            match = _find(match, choices, field_name, "choice")
        pairs.append((item, match))
    return tuple(pairs)


def _match_type(record: dict) -> dict:
    answer = _pairs(record["answer"], "answer")
    if len(answer) < 2:
        raise _Bad("answer", "expected at least two items to match")
    items = tuple(item for item, _ in answer)
    _unique(items, "answer")
    choices = tuple(dict.fromkeys([m for _, m in answer] + list(record["choices"] or ())))
    _unique(choices, "choices")
    mistakes = []
    for m in record["mistakes"] or ():
        pairs = _pairs(m["answer"], "mistakes", items, choices)
        if all(pair in answer for pair in pairs):
            raise _Bad("mistakes", "a mistake lists only correct matches")
        mistakes.append(Mistake(pairs, m["feedback"]))
    return {"answer": answer, "choices": choices, "mistakes": tuple(mistakes)}


_BUILDERS = {
    "single": _choice_type,
    "multiple": _choice_type,
    "numeric": _numeric_type,
    "text": _text_type,
    "order": _order_type,
    "match": _match_type,
}


def _build(record: dict, notebook: str, citations: Mapping[str, str]) -> Question:
    kind = record["type"]
    unused = sorted(
        name
        for name in set(record) - COMMON_FIELDS - TYPE_FIELDS[kind]
        if record[name] not in (None, ())
    )
    if unused:
        raise _Bad(unused[0], f"not used by type '{kind}'; remove it")
    if kind in ("numeric", "text", "order", "match") and not (record["mistakes"] or record["hint"]):
        raise _Bad("hint", "missing; a hint or mistakes is needed to say why an answer is wrong")
    extra = _BUILDERS[kind](record)
    return Question(
        id=record["id"],
        type=kind,
        prompt=record["prompt"],
        explanation=record["explanation"],
        sources=record["sources"],
        notebook=notebook,
        citations=tuple(citations.get(s, s) for s in record["sources"]),
        hint=record["hint"],
        shuffle=record["shuffle"] is not False,
        show_answer_after=int(record["show_answer_after"] or DEFAULT_SHOW_ANSWER_AFTER),
        **extra,
    )


@dataclass(frozen=True)
class Bank:
    """Every question of a data folder, by id, in file order."""

    data_dir: Path
    by_id: Mapping[str, Question]

    def question(self, question_id: str) -> Question:
        if isinstance(question_id, str) and question_id in self.by_id:
            return self.by_id[question_id]
        import difflib

        hint = difflib.get_close_matches(str(question_id), list(self.by_id), n=1)
        suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
        raise KeyError(f"no quiz question {question_id!r}{suggestion}; see quiz.questions()")

    def notebooks(self) -> list[str]:
        return list(dict.fromkeys(q.notebook for q in self.by_id.values()))

    def ids(self, notebook: str | None = None) -> list[str]:
        if notebook is None:
            return list(self.by_id)
        stem = notebook_stem(notebook)
        if stem not in self.notebooks():
            raise KeyError(
                f"no quiz for notebook {notebook!r}; quizzes exist for "
                f"{', '.join(self.notebooks()) or 'no notebook yet'}"
            )
        return [q.id for q in self.by_id.values() if q.notebook == stem]


def notebook_stem(notebook: str) -> str:
    """'00_start_here.ipynb' or '00_start_here' -> '00_start_here'."""
    name = Path(str(notebook)).name
    return name[: -len(".ipynb")] if name.endswith(".ipynb") else name


def load_bank(data_dir: str | Path | None = None) -> Bank:
    """Load and check every quiz file; raise DataError listing every problem.

    Cached, and reloaded when a quiz file or sources.yaml changes on disk.
    """
    folder = (Path(data_dir) if data_dir is not None else default_data_dir()).resolve()
    files = sorted((folder / QUIZ_DIR).glob("*.yaml"))
    stamps = tuple((p.name, _mtime(p)) for p in [*files, folder / "sources.yaml"])
    return _load(folder, stamps)


load_bank.cache_clear = lambda: _load.cache_clear()


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return -1


@functools.lru_cache(maxsize=8)
def _load(folder: Path, stamps: tuple) -> Bank:
    citations, problems = _sources(folder)
    check_sources = not problems
    known = {"sources": set(citations)}
    by_id: dict[str, Question] = {}
    where: dict[str, str] = {}
    for name, _ in stamps[:-1]:
        path = folder / QUIZ_DIR / name
        schema = quiz_schema(name)
        stem = path.stem
        prefix = NOTEBOOK_STEM.match(stem)
        if not prefix:
            problems.append(f"{schema.file}: expected a file name like 00_start_here.yaml")
            continue
        try:
            raw, locations = read_records(path, schema)
        except DataError as exc:
            problems += exc.problems
            continue
        records, found = check_records(schema, raw, locations)
        problems += found
        if check_sources:
            problems += check_references(schema, records, known)
        for record, label in records.located():
            if any(record[f] is None for f in ("id", "type", "prompt", "answer", "explanation")):
                continue  # already reported
            if any(p.startswith((f"{label},", f"{label}:")) for p in found):
                continue  # a field did not parse; its problem is reported already
            if not record["id"].startswith(prefix.group(1) + "-"):
                problems.append(
                    f"{label}, field 'id': expected an id starting with '{prefix.group(1)}-' "
                    f"(the number of {stem}), got '{record['id']}'"
                )
                continue
            if record["id"] in where:
                problems.append(
                    f"{label}, field 'id': duplicate id '{record['id']}' (first used at "
                    f"{where[record['id']]}); expected ids to be unique across quiz files"
                )
                continue
            try:
                by_id[record["id"]] = _build(record, stem, citations)
            except _Bad as exc:
                problems.append(f"{label}, {exc}")
            where[record["id"]] = label
    if problems:
        raise DataError(problems)
    return Bank(folder, dict(by_id))


def _sources(folder: Path) -> tuple[dict[str, str], list[str]]:
    """Citations by source id from sources.yaml (problems if it cannot be read)."""
    from newscase.core.schemas import SOURCES
    from newscase.core.sources import format_source

    try:
        raw, locations = read_records(folder / SOURCES.file, SOURCES)
    except DataError as exc:
        return {}, [f"{p} (quiz sources are checked against it)" for p in exc.problems]
    records, _ = check_records(SOURCES, raw, locations)  # the case loader reports these
    citations = {}
    for record in records:
        if record.get("id") and record.get("title") and record.get("outlet"):
            citations[record["id"]] = format_source(record)
    return citations, []


# ---- presentation order, seeded per student and per question


def shuffled(items, student: str, question_id: str, salt: str = "") -> tuple:
    """``items`` in an order fixed by (student, question): same every run, differs by student.

    A Fisher-Yates shuffle driven by SHA-256, so it does not depend on Python's random.
    """
    items = list(items)
    seed = f"{student}\x00{question_id}\x00{salt}".encode()
    for i in range(len(items) - 1, 0, -1):
        digest = hashlib.sha256(seed + i.to_bytes(4, "big")).digest()
        j = int.from_bytes(digest[:8], "big") % (i + 1)
        items[i], items[j] = items[j], items[i]
    return tuple(items)


def arrangement(question: Question, student: str) -> dict[str, tuple[str, ...]]:
    """What to show, in which order: ``items`` (options / items) and ``choices`` (match)."""
    items = question.items
    if question.type == "order" or (question.shuffle and question.type in ("single", "multiple")):
        items = shuffled(items, student, question.id)
        if question.type == "order" and items == question.answer:
            items = items[1:] + items[:1]  # never show the answer as the starting order
    choices = question.choices
    if question.shuffle and question.type == "match":
        choices = shuffled(choices, student, question.id, "choices")
    return {"items": items, "choices": choices}
