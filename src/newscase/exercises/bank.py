"""The exercises' questions, read from ``data/exercises.yaml`` and checked.

>>> from newscase.exercises.bank import load_questions
>>> load_questions()["context-q1"].variable
'month_events'
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from newscase.core.datafiles import cached_per_folder
from newscase.core.validate import (
    Field,
    Invalid,
    Records,
    Schema,
    boolean,
    choice,
    number,
    text,
)
from newscase.exercises import checks
from newscase.exercises.forms import FORMS

QUESTION_ID = re.compile(r"^[a-z_]+-[pq]\d+$")


def _question_id(value) -> str:
    value = text(value)
    if not QUESTION_ID.match(value):
        raise Invalid("expected <assignment>-q<n> (graded) or <assignment>-p<n> (practice)")
    return value


def _checks(value) -> tuple:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise Invalid("expected a list of checks")
    try:
        return tuple(checks.from_spec(spec) for spec in value)
    except ValueError as exc:
        raise Invalid(str(exc)) from None


def _answer(value):
    return value  # a practice question's answer; compared through its form


def _points(value) -> int:
    points = number(0, 100)(value)
    if not float(points).is_integer():
        raise Invalid("expected a whole number of points")
    return int(points)


def _practice_has_answer(record: dict) -> str | None:
    practice, has_answer = record.get("practice"), record.get("answer") is not None
    if practice and not has_answer:
        return "field 'answer': a practice question gives its answer"
    if not practice and has_answer:
        return (
            "field 'answer': a graded question must not hold its answer (the checker is "
            "installed with the module; the answer lives in the hidden tests)"
        )
    if practice and record.get("points"):
        return "field 'points': a practice question is not graded (0 points)"
    if practice and not record["id"].split("-")[-1].startswith("p"):
        return "field 'id': a practice question's id ends in -p<n>"
    return None


EXERCISES = Schema(
    "exercises.yaml",
    (
        Field("id", _question_id),
        Field("variable", text),
        Field("points", _points),
        Field("form", choice(*FORMS)),
        Field("checks", _checks, required=False),
        Field("hint", text),
        Field("practice", boolean, required=False),
        Field("answer", _answer, required=False),
    ),
    checks=(_practice_has_answer,),
)


@dataclass(frozen=True)
class Question:
    """A question of the exercises: its variable, points, form, public checks and hint."""

    id: str  # "<assignment>-q<n>", also the grade_id of its nbgrader test cell
    variable: str  # the name the student defines
    points: int
    form: str  # a key of forms.FORMS
    checks: tuple[Callable[[str, object], str | None], ...] = ()
    hint: str = ""
    practice: bool = False
    answer: object = None  # practice questions only

    @property
    def assignment(self) -> str:
        return self.id.rsplit("-", 1)[0]


def _practice_answers(records: Records, _case) -> list[str]:
    """A practice question's answer has the form the question asks for."""
    problems = []
    for record, where in records.located():
        if record.get("practice") and record.get("answer") is not None:
            problem, _ = FORMS[record["form"]](record["variable"], record["answer"])
            if problem:
                problems.append(f"{where}, field 'answer': {problem}")
    return problems


@cached_per_folder
def load_questions(folder) -> dict[str, Question]:
    """Every question by id, in file order (cached); raises DataError naming each problem."""
    from newscase.core.case import load_records

    records = load_records(EXERCISES, folder, checks=[_practice_answers], with_case=False)
    return {
        r["id"]: Question(
            id=r["id"],
            variable=r["variable"],
            points=r["points"],
            form=r["form"],
            checks=r.get("checks") or (),
            hint=r["hint"],
            practice=bool(r.get("practice")),
            answer=r.get("answer"),
        )
        for r in records
    }
