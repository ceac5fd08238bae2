"""Check answers to the module's exercises: public checks in the student's hands.

In an exercise notebook (the student version made by ``make release``)::

    from newscase.exercises import check, report
    check("context-q1")                 # checks the variable the question asks for
    check("context-q1", month_events)   # or pass the answer yourself
    report("context")                   # every autograded question of the assignment

What the checker reveals, exactly: for a graded question, whether the answer has the form
the question asks for (a table, a whole number, a set of ids ...) and passes the public
checks of plausibility (not empty, ids that exist, dates in the asked period ...). It never
says whether a graded answer is right, and it holds no key, hash or fingerprint of one: a
wrong answer of the right form gets the same "ready" as the right one. Correctness lives
only in the hidden tests of the instructor's source notebooks, which nbgrader's
autograder runs (the student version does not contain them). The same split as
otter-grader's public and hidden tests.

``check`` shows ``✓ ready`` with the points at stake, or stops the cell with a short
message saying what to fix (an AssertionError, so a graded test cell fails too).
A practice question (``practice: true`` in ``data/exercises.yaml``) is not graded, so its
checker does say right or wrong at once, and never stops the cell.

For scripts and tests, :func:`verdict` returns the verdict without showing or raising.
The hidden tests call :func:`expect`, which fails with a readable sentence instead of a
traceback (nbgrader's feedback then shows the sentence, not the hidden test's code).
"""

from __future__ import annotations

import difflib
import html
import inspect
from collections.abc import Mapping
from dataclasses import dataclass

from newscase.core.errors import FriendlyError
from newscase.exercises.forms import FORMS

__all__ = [
    "MISSING",
    "NotYet",
    "UnknownQuestion",
    "Verdict",
    "check",
    "expect",
    "questions",
    "report",
    "verdict",
]


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING = _Missing()  # "no answer given": look the question's variable up instead


class NotYet(FriendlyError, AssertionError):
    """An answer that is not ready yet (an AssertionError: nbgrader counts a failed test).

    Jupyter shows only the message, which starts with ✗ and the question id."""

    show_name = False


class UnknownQuestion(FriendlyError, KeyError):
    """No question has that id (the message lists close matches)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


def _questions():
    from newscase.exercises.bank import load_questions

    return load_questions()


def questions(assignment: str | None = None, *, practice: bool = False) -> list[str]:
    """The ids of the graded questions (of one assignment, or of all); with
    ``practice=True`` the practice questions instead."""
    bank = _questions()
    chosen = [q for q in bank.values() if q.practice == practice]
    if assignment is None:
        return [q.id for q in chosen]
    names = sorted({q.assignment for q in bank.values()})
    if assignment not in names:
        raise UnknownQuestion(
            f"no assignment {assignment!r}; the assignments are {', '.join(names)}"
        )
    return [q.id for q in chosen if q.assignment == assignment]


def question(question_id: str):
    """The Question with this id (raises UnknownQuestion, with close matches)."""
    bank = _questions()
    try:
        return bank[question_id]
    except KeyError:
        close = difflib.get_close_matches(str(question_id), list(bank), n=3)
        maybe = f" (did you mean {' or '.join(repr(c) for c in close)}?)" if close else ""
        raise UnknownQuestion(
            f"no question {question_id!r}{maybe}; question ids look like 'context-q1'"
        ) from None


# ---- verdicts


@dataclass(frozen=True)
class Verdict:
    """What the checker says of one answer: ready (public checks passed) or what to fix.

    For a practice question ``right`` says whether the answer is right; for a graded
    question it is None: only the instructor's grading decides.
    """

    question: str
    passed: bool  # the answer has the right form and passes the public checks
    max_points: int
    message: str
    practice: bool = False
    right: bool | None = None

    @property
    def text(self) -> str:
        q = self.question
        if self.practice:
            first = f"{'✓' if self.right else '✗'} {q} (practice, not graded): " + (
                "right." if self.right else "not right yet."
            )
        elif self.passed:
            first = (
                f"✓ {q}: ready ({self.max_points} points, graded by your instructor). Your "
                "answer has the right form and passes the public checks; whether it is right "
                "is decided when it is graded."
            )
        else:
            first = f"✗ {q}: not yet (0 of {self.max_points} points)."
        return "\n".join([first, self.message] if self.message else [first])

    def _repr_mimebundle_(self, include=None, exclude=None):
        first, *rest = self.text.split("\n")
        body = "".join(f"<br>{html.escape(line)}" for line in rest)
        markup = (
            f'<div class="newscase-verdict" role="status"><strong>{html.escape(first)}</strong>'
            f"{body}</div>"
        )
        return {"text/html": markup, "text/plain": self.text}

    def __str__(self) -> str:
        return self.text


def canonical(question_id: str, answer):
    """(problem, canonical value) of an answer: the form check alone."""
    q = question(question_id)
    return FORMS[q.form](q.variable, answer)


def _caller_namespace(depth: int) -> dict:
    frame = inspect.currentframe()
    try:
        for _ in range(depth + 1):
            frame = frame.f_back
        return frame.f_globals
    finally:
        del frame


def _public_problem(q, answer) -> tuple[str | None, object]:
    problem, value = FORMS[q.form](q.variable, answer)
    if problem is None:
        for rule in q.checks:
            try:
                problem = rule(q.variable, answer)
            except Exception as exc:  # a check must never crash the checker
                problem = f"{q.variable} could not be checked ({type(exc).__name__}: {exc})."
            if problem:
                break
    return problem, value


def verdict(question_id: str, answer=MISSING, *, namespace: Mapping | None = None) -> Verdict:
    """The verdict on an answer, without showing it or raising.

    With no ``answer``, the question's variable is looked up in ``namespace`` (default:
    the caller's global names, i.e. the notebook's)."""
    q = question(question_id)
    if answer is MISSING:
        names = namespace if namespace is not None else _caller_namespace(1)
        if q.variable not in names:
            return Verdict(
                q.id,
                False,
                q.points,
                f"{q.variable} is not defined yet. Write your answer in the cell above, delete "
                "the line raise NotImplementedError(), run that cell, then this one.",
                practice=q.practice,
                right=False if q.practice else None,
            )
        answer = names[q.variable]
    problem, value = _public_problem(q, answer)
    if q.practice:
        right = problem is None and value == FORMS[q.form](q.variable, q.answer)[1]
        message = problem or ("" if right else f"Hint: {q.hint}")
        return Verdict(q.id, right, 0, message, practice=True, right=right)
    if problem:
        return Verdict(q.id, False, q.points, problem)
    return Verdict(q.id, True, q.points, f"Check it yourself: {q.hint}")


def _show(obj) -> None:
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:  # pragma: no cover - IPython comes with Jupyter
        print(obj)
        return
    if get_ipython() is None:
        print(obj)
    else:
        display(obj)


def check(question_id: str, answer=MISSING) -> None:
    """Check an answer with the public checks: show ``✓ ready``, or stop the cell.

    ``check("context-q1")`` checks the question's variable (``month_events``);
    ``check("context-q1", my_table)`` checks the value given. An answer that is not ready
    raises :class:`NotYet` (an AssertionError, how nbgrader counts a failed test);
    Jupyter shows only its message. A practice question shows right or wrong and never
    stops the cell."""
    result = verdict(question_id, answer, namespace=_caller_namespace(1))
    if not result.passed and not result.practice:
        raise NotYet(result.text)
    _show(result)


def expect(question_id: str, condition: bool, message: str) -> None:
    """For hidden tests: fail the question with ``message`` (no traceback) unless true."""
    if not condition:
        q = question(question_id)
        raise NotYet(f"✗ {q.id}: not right (0 of {q.points} points).\n{message}")


def report(assignment: str, namespace: Mapping | None = None):
    """A table of the public checks on every graded question of an assignment.

    It says which answers are ready to hand in, never which are right; written answers
    are not included: your instructor grades them with the rubric."""
    from newscase.core.display import join, paragraphs, table

    names = namespace if namespace is not None else _caller_namespace(1)
    results = [verdict(q, namespace=names) for q in questions(assignment)]
    ready = sum(r.passed for r in results)
    possible = sum(r.max_points for r in results)
    rows = [
        (
            r.question,
            question(r.question).variable,
            "✓ ready" if r.passed else "✗ not yet",
            str(r.max_points),
        )
        for r in results
    ]
    summary = (
        f"Autograded questions of {assignment}: {ready} of {len(results)} answers ready "
        f"({possible} points at stake, graded by your instructor). Written answers are "
        "graded with the rubric (RUBRIC.md)."
    )
    return join(
        table(("Question", "Variable", "Public checks", "Points"), rows, caption=summary),
        paragraphs(
            "Before you hand in: restart the kernel and run all cells (menu Kernel > "
            "Restart Kernel and Run All Cells), so that your answers do not depend on cells "
            "you have since changed or deleted. Running all cells stops at the first check "
            "that is not ready yet: run the cells after it one by one."
        ),
    )
