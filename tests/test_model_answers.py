"""The model answers to the notebooks' writing tasks (model_answers.yaml, issue 14 item 1).

Each check is a function that returns the problems it finds in a list of records, so the same
check runs on the shipped file (no problems) and on a broken copy (the planted problem found).
The neutral voice of the answers is checked by test_neutral_voice.py, which reads every data file.
"""

from __future__ import annotations

import copy
import json
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from newscase.core.case import load_case
from newscase.core.text import contains_quote
from newscase.lessons import geography
from newscase.maps.distance import measure

from helpers import PACKAGE_DATA, ROOT, SEED

PATH = PACKAGE_DATA / "model_answers.yaml"
FIELDS = ("id", "notebook", "task", "model_answer", "look_for", "sources")
ID = re.compile(r"0[1-5]-[a-z]+(?:-[a-z]+)*")
# The writing tasks that get a model answer (the claim check and the memo of notebook 04 do not).
TASKS = {
    "01-which-date",
    "01-follow-actor",
    "02-tie",
    "02-same-actor",
    "03-distance",
    "03-published",
    "03-corridor-lines",
    "04-perspective",
    "04-headlines",
    "05-reader-then",
}
MIN_WORDS, MAX_WORDS = 80, 200
MIN_POINTS, MAX_POINTS = 3, 5
QUOTE_MIN = 12  # quoted passages longer than this are checked against what they quote
CURLY = re.compile("\u201c([^\u201d]*)\u201d")
# A single-quoted passage: the opening mark follows no letter and the closing mark is followed
# by none, so apostrophes (Shi'ite, Iraq's) neither open nor close one.
SINGLE = re.compile(r"(?<!\w)['\u2018](?=\S)(.*?)(?<=\S)['\u2019](?!\w)")

SEED_TEXT = SEED.read_text(encoding="utf-8")
SOURCES = set(load_case().ids("sources"))
COURSE = yaml.safe_load((PACKAGE_DATA / "course.yaml").read_text(encoding="utf-8"))
NOTEBOOKS = {Path(entry["file"]).stem for entry in COURSE}


def load(path: Path = PATH) -> list[dict]:
    """The records of a model-answers file."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


RECORDS = load()


def _where(record: dict, field: str) -> str:
    return f"model_answers.yaml, record {record.get('id')!r}, field {field!r}"


def _strings(value):
    """Every string inside a YAML or CSV value."""
    if isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, str):
        yield value


def module_words() -> str:
    """The article and every text of the module's data (what others said, as the module read
    it), except the model answers themselves: one text to look quotes up in."""
    texts = [SEED_TEXT]
    for path in sorted(PACKAGE_DATA.rglob("*.yaml")):
        if path != PATH:
            texts += _strings(yaml.safe_load(path.read_text(encoding="utf-8")))
    for path in sorted(PACKAGE_DATA.rglob("*.csv")):
        texts.append(path.read_text(encoding="utf-8"))
    return "\n".join(texts)


MODULE_WORDS = module_words()


# ---- the checks: each returns a list of problems, empty when all is well


def check_fields(records) -> list[str]:
    problems = []
    for r in records:
        missing = [f for f in FIELDS if f not in r]
        extra = sorted(set(r) - set(FIELDS))
        if missing or extra:
            problems.append(
                f"{_where(r, 'id')}: expected the fields {', '.join(FIELDS)}; "
                f"missing {missing}, unknown {extra}"
            )
        for field in ("task", "model_answer"):
            if not (isinstance(r.get(field), str) and r[field].strip()):
                problems.append(f"{_where(r, field)}: expected non-empty text")
    return problems


def check_ids(records) -> list[str]:
    problems = []
    counts = Counter(r.get("id") for r in records)
    problems += [
        f"model_answers.yaml: id {i!r} is used {n} times" for i, n in counts.items() if n > 1
    ]
    for r in records:
        if not (isinstance(r.get("id"), str) and ID.fullmatch(r["id"])):
            problems.append(f"{_where(r, 'id')}: expected <01-05>-<words-with-hyphens>")
        elif not str(r.get("notebook", "")).startswith(r["id"][:2]):
            problems.append(
                f"{_where(r, 'id')}: its number differs from notebook {r['notebook']!r}"
            )
    return problems


def check_notebooks(records) -> list[str]:
    return [
        f"{_where(r, 'notebook')}: {r.get('notebook')!r} is not a notebook of course.yaml "
        f"(expected one of {', '.join(sorted(NOTEBOOKS))})"
        for r in records
        if r.get("notebook") not in NOTEBOOKS
    ]


def check_tasks_in_notebooks(records) -> list[str]:
    """Each task's title is the title its notebook gives the exercise."""
    problems = []
    for r in records:
        path = ROOT / "notebooks" / f"{r.get('notebook')}.ipynb"
        if not path.exists():
            continue  # check_notebooks reports it
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        markdown = " ".join(
            "".join(c["source"]) for c in cells if c["cell_type"] == "markdown"
        ).casefold()
        if str(r.get("task", "")).casefold() not in markdown:
            problems.append(f"{_where(r, 'task')}: {r.get('task')!r} is not in {path.name}")
    return problems


def check_sources(records) -> list[str]:
    problems = []
    for r in records:
        ids = r.get("sources")
        if not (isinstance(ids, list) and ids):
            problems.append(f"{_where(r, 'sources')}: expected a list of ids from sources.yaml")
            continue
        problems += [
            f"{_where(r, 'sources')}: unknown source {s!r} (not in sources.yaml)"
            for s in ids
            if s not in SOURCES
        ]
    return problems


def check_word_counts(records) -> list[str]:
    problems = []
    for r in records:
        words = len(str(r.get("model_answer", "")).split())
        if not MIN_WORDS <= words <= MAX_WORDS:
            problems.append(
                f"{_where(r, 'model_answer')}: {words} words, expected {MIN_WORDS}-{MAX_WORDS}"
            )
    return problems


def check_look_for(records) -> list[str]:
    problems = []
    for r in records:
        points = r.get("look_for")
        ok = isinstance(points, list) and all(isinstance(p, str) and p.strip() for p in points)
        if not (ok and MIN_POINTS <= len(points) <= MAX_POINTS):
            problems.append(
                f"{_where(r, 'look_for')}: expected {MIN_POINTS}-{MAX_POINTS} points as text"
            )
    return problems


def check_article_quotes(records) -> list[str]:
    """“Curly-quoted” passages are the article's words, verbatim; straight double quotes are
    not used, so no double-quoted passage escapes this check."""
    problems = []
    for r in records:
        for field in ("model_answer", "look_for"):
            text = " ".join(_strings(r.get(field)))
            if '"' in text:
                problems.append(
                    f"{_where(r, field)}: straight double quotes; quote the article in curly "
                    "quotes and others in single quotes"
                )
            problems += [
                f"{_where(r, field)}: “{q}” is not verbatim in the article"
                for q in CURLY.findall(text)
                if len(q) > QUOTE_MIN and not contains_quote(SEED_TEXT, q)
            ]
    return problems


def check_other_quotes(records) -> list[str]:
    """'Single-quoted' passages are others' words (or the module's terms and titles), verbatim
    as the module's data or the article gives them."""
    problems = []
    for r in records:
        for field in ("model_answer", "look_for"):
            text = " ".join(_strings(r.get(field)))
            problems += [
                f"{_where(r, field)}: '{q}' is not verbatim in the module's data or the article"
                for q in SINGLE.findall(text)
                if len(q) > QUOTE_MIN and not contains_quote(MODULE_WORDS, q)
            ]
    return problems


CHECKS = (
    check_fields,
    check_ids,
    check_notebooks,
    check_tasks_in_notebooks,
    check_sources,
    check_word_counts,
    check_look_for,
    check_article_quotes,
    check_other_quotes,
)


# ---- the shipped file


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
def test_the_model_answers_pass(check):
    problems = check(RECORDS)
    assert not problems, "\n".join(problems)


def test_every_writing_task_has_one_model_answer_and_no_other_task_has_one():
    ids = [r["id"] for r in RECORDS]
    assert len(ids) == len(set(ids))
    assert set(ids) == TASKS, {"missing": TASKS - set(ids), "unknown": set(ids) - TASKS}


def _answer(task_id: str) -> str:
    return next(r["model_answer"] for r in RECORDS if r["id"] == task_id)


# How each answer writes the measured Sinjar-Mosul line: {km}, {low}, {high}, {error}, {bearing}.
DISTANCE_FORMS = {
    "03-distance": "measures {km} km, give or take {error} km ({low}-{high} km), heading east "
    "({bearing}°)",
    "03-published": "is {km} km ({low}-{high} km)",
}


@pytest.mark.parametrize("task_id", sorted(DISTANCE_FORMS))
def test_the_distances_are_those_the_notebook_measures(task_id):
    m = measure("sinjar", "mosul")
    expected = DISTANCE_FORMS[task_id].format(
        km=f"{m.distance_km:.0f}",
        low=f"{m.distance_km - m.uncertainty_km:.0f}",
        high=f"{m.distance_km + m.uncertainty_km:.0f}",
        error=f"{m.uncertainty_km:.0f}",
        bearing=f"{m.bearing_deg:.0f}",
    )
    assert expected in " ".join(_answer(task_id).split())


def test_the_route_length_is_the_sum_of_its_measured_legs():
    """03-corridor-lines measures the southern route (Um Jaris, Al-Qaim, Al-Bukamal)."""
    legs = [measure("um_jaris", "qaim"), measure("qaim", "al_bukamal")]
    length = sum(leg.distance_km for leg in legs)
    spread = sum(leg.uncertainty_km for leg in legs)
    text = _answer("03-corridor-lines")
    assert (
        f"about {round(length, -1):.0f} km ({length - spread:.0f}-{length + spread:.0f} km)" in text
    )


def test_the_source_numbers_are_those_of_the_ground_table():
    """03-corridor-lines cites the ground table's sources by number, as the task asks."""
    listed = dict(re.findall(r"^(\d+)\. (.*)$", geography.ground_table().text, re.M))
    cited = re.findall(r"source (\d+), ([^)]+)\)", _answer("03-corridor-lines"))
    assert len(cited) >= 1
    for number, outlet in cited:
        assert outlet in listed.get(number, ""), f"source {number} is not {outlet}"


# ---- the checks find what they are meant to find


def _broken(task_id: str, field: str, value) -> list[dict]:
    records = copy.deepcopy(RECORDS)
    next(r for r in records if r["id"] == task_id)[field] = value
    return records


def _with_text(task_id: str, extra: str) -> list[dict]:
    record = next(r for r in RECORDS if r["id"] == task_id)
    return _broken(task_id, "model_answer", record["model_answer"] + " " + extra)


BREAKAGES = [
    (check_fields, lambda: _broken("02-tie", "answer", "a field nobody reads"), "unknown"),
    (check_ids, lambda: _broken("02-tie", "id", "02-same-actor"), "used 2 times"),
    (check_ids, lambda: _broken("02-tie", "id", "2-tie"), "expected <01-05>"),
    (check_ids, lambda: _broken("02-tie", "id", "03-tie"), "differs from notebook"),
    (check_notebooks, lambda: _broken("02-tie", "notebook", "02_actor"), "not a notebook"),
    (check_tasks_in_notebooks, lambda: _broken("02-tie", "task", "A title"), "is not in"),
    (check_sources, lambda: _broken("02-tie", "sources", ["reuters-2099-nothing"]), "unknown"),
    (check_sources, lambda: _broken("02-tie", "sources", []), "expected a list"),
    (check_word_counts, lambda: _broken("02-tie", "model_answer", "Too short."), "2 words"),
    (check_word_counts, lambda: _with_text("02-tie", "word " * 40), "words, expected"),
    (check_look_for, lambda: _broken("02-tie", "look_for", ["one", "two"]), "3-5 points"),
    (check_look_for, lambda: _broken("02-tie", "look_for", ["a"] * 6), "3-5 points"),
    (
        check_article_quotes,
        lambda: _with_text("02-tie", "It says “Iraqi militias which are close to Iran”."),
        "not verbatim in the article",
    ),
    (
        check_article_quotes,
        lambda: _with_text("02-tie", 'It says "a strategic shift".'),
        "straight double quotes",
    ),
    (
        check_other_quotes,
        lambda: _with_text("02-tie", "Iran called it 'a purely advisory role' then."),
        "not verbatim in the module's data",
    ),
]


@pytest.mark.parametrize(
    ("check", "make", "expected"),
    BREAKAGES,
    ids=[f"{c.__name__}-{n}" for n, (c, _, _) in enumerate(BREAKAGES)],
)
def test_a_planted_problem_is_found(check, make, expected):
    problems = check(make())
    assert any(expected in p for p in problems), problems
    assert all(p.startswith("model_answers.yaml") for p in problems)


def test_quotes_that_are_verbatim_pass_and_apostrophes_open_no_quote():
    ok = _with_text(
        "02-tie",
        "The article says “Iraqi militias which are close to the Iranian regime”, and Reuters "
        "called Badr 'Iran's oldest proxy in Iraq'; Iraq's Shi'ite parties are not a quote.",
    )
    assert not check_article_quotes(ok)
    assert not check_other_quotes(ok)
    assert SINGLE.findall("Iraq's Shi'ite parties and the PMU's men") == []
