"""Check answers to the module's exercises, with or without nbgrader.

In an exercise notebook (the student version made by ``make release``)::

    from newscase.exercises import check, report
    check("context-q1")                 # checks the variable the question asks for
    check("context-q1", month_events)   # or pass the answer yourself
    report("context")                   # every autograded question of the assignment

``check`` shows ``✓`` and the points when an answer is right. Otherwise it stops the
cell with a short message that says what to fix, never what the answer is: the answer key
below holds only fingerprints (SHA-256) of the right answers. That is also how the nbgrader
autograder sees it: an exercise's test cell calls ``check``, so a student, the autograder
and an instructor grading without nbgrader all get the same verdict.

For scripts and tests, :func:`verdict` returns the verdict without showing or raising.

Instructors: the questions (what form an answer takes, what feedback a wrong one gets) are
defined below; the right answers are computed from the solutions in
``exercises/source/`` by ``python exercises/manage.py key``, which rewrites :data:`KEY`.
"""

from __future__ import annotations

import difflib
import hashlib
import html
import inspect
import json
import math
import numbers
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

__all__ = ["MISSING", "NotYet", "Question", "Verdict", "check", "questions", "report", "verdict"]


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING = _Missing()  # "no answer given": look the question's variable up instead


class NotYet(AssertionError):
    """An answer that is not right yet. Jupyter shows only the message, no traceback."""

    def _render_traceback_(self) -> list[str]:
        return str(self).splitlines() or [""]


class UnknownQuestion(KeyError):
    """No question has that id (the message lists close matches)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""

    def _render_traceback_(self) -> list[str]:
        return [f"UnknownQuestion: {self}"]


# ---- the forms an answer can take: a check of the form, then a canonical value
#
# A form returns (problem, canonical): problem is a message when the answer does not have
# the form (canonical is then None); canonical is a JSON-able value, the same for every
# way of writing the same answer, and is what the answer key fingerprints.


def _kind(value) -> str:
    if value is None:
        return "None (nothing)"
    name = type(value).__name__
    return {
        "str": "text (a str)",
        "int": "a whole number (an int)",
        "float": "a decimal number (a float)",
        "bool": "True or False (a bool)",
        "list": "a list",
        "tuple": "a tuple",
        "set": "a set",
        "dict": "a dictionary (a dict)",
        "DataFrame": "a table (a pandas DataFrame)",
        "Series": "a column (a pandas Series)",
    }.get(name, f"a {name}")


def _is_whole(value) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def _is_number(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _form_events(name: str, value):
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - pandas is a dependency
        pd = None
    if pd is None or not isinstance(value, pd.DataFrame):
        return (
            f"{name} should be a table of events (a pandas DataFrame, like the one "
            f"timeline.events_between returns); it is {_kind(value)}.",
            None,
        )
    return None, sorted(str(i) for i in value.index)


def _form_count(name: str, value):
    if not _is_whole(value):
        extra = ""
        if _is_number(value) and float(value).is_integer():
            extra = f" Write int({name}) or count without decimals."
        elif hasattr(value, "__len__") and not isinstance(value, str):
            extra = " To count the rows of a table or the items of a list, use len(...)."
        return f"{name} should be a whole number (an int); it is {_kind(value)}.{extra}", None
    return None, int(value)


def _form_km(name: str, value):
    if not _is_number(value) or not math.isfinite(float(value)):
        return f"{name} should be a number of kilometres; it is {_kind(value)}.", None
    return None, f"{round(float(value), 1):.1f}"


def _form_id(name: str, value):
    if not isinstance(value, str):
        return f"{name} should be an id, written as text (a str); it is {_kind(value)}.", None
    return None, value


def _items(value):
    """The items of a set, list, tuple, pandas Series or Index, else None."""
    if isinstance(value, set | frozenset | list | tuple):
        return list(value)
    kind = type(value).__name__
    if kind in ("Series", "Index") or (kind == "ndarray" and getattr(value, "ndim", 0) == 1):
        return list(value)
    return None


def _form_ids(name: str, value):
    items = _items(value)
    if items is None:
        return f"{name} should be a set of ids, like {{'a', 'b'}}; it is {_kind(value)}.", None
    wrong = [item for item in items if not isinstance(item, str)]
    if wrong:
        return (
            f"{name} should hold ids written as text; it holds {_kind(wrong[0])}: {wrong[0]!r}.",
            None,
        )
    return None, sorted(set(items))


def _form_counts(key_form: str):
    def form(name: str, value):
        if not isinstance(value, Mapping):
            return (
                f"{name} should be a dictionary of counts, like {{key: number}}; "
                f"it is {_kind(value)}.",
                None,
            )
        for key, count in value.items():
            if key_form == "year" and not _is_whole(key):
                return (
                    f"The keys of {name} should be years as whole numbers (like 2000, "
                    f"not '2000'); one key is {_kind(key)}: {key!r}.",
                    None,
                )
            if key_form == "text" and not isinstance(key, str):
                return f"The keys of {name} should be text; one key is {key!r}.", None
            if not _is_whole(count):
                return (
                    f"The values of {name} should be counts (whole numbers); the value "
                    f"for {key!r} is {_kind(count)}.",
                    None,
                )
        kept = {(int(k) if key_form == "year" else k): int(v) for k, v in value.items() if v}
        return None, sorted([k, v] for k, v in kept.items())

    return form


def _form_map(name: str, value):
    spec = getattr(value, "newscase_spec", None)
    if spec is None:
        return (
            f"{name} should be a map made with newscase.maps (for example "
            f"maps.events_map(start, end)); it is {_kind(value)}.",
            None,
        )
    return None, sorted(marker.id for marker in spec.markers)


FORMS: dict[str, Callable] = {
    "events": _form_events,
    "count": _form_count,
    "km": _form_km,
    "id": _form_id,
    "ids": _form_ids,
    "counts_by_text": _form_counts("text"),
    "counts_by_year": _form_counts("year"),
    "map": _form_map,
}


# ---- rules: checks of an answer that has the right form; each returns a message or None
#
# A rule may use the case data (what the question is about), never the right answer.


def _case():
    from newscase.case import load_case

    return load_case()


def _article_day():
    from newscase.timeline import article_date

    return article_date()


def _listing(items: Iterable[str], limit: int = 3) -> str:
    items = list(items)
    shown = ", ".join(repr(i) for i in items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def _not_empty(name: str, value) -> str | None:
    if len(value) == 0:
        return f"{name} is empty."
    return None


def _positive(name: str, value) -> str | None:
    if value <= 0:
        return f"{name} should be more than 0; it is {value}."
    return None


def _at_least_zero(name: str, value) -> str | None:
    if value < 0:
        return f"{name} is a count, so it cannot be below 0; it is {value}."
    return None


def _events_in_article_month(name: str, value) -> str | None:
    day = _article_day()
    outside = (
        [
            str(i)
            for i, when in zip(value.index, value["date"], strict=True)
            if (when.year, when.month) != (day.year, day.month)
        ]
        if "date" in value
        else None
    )
    if outside is None:
        return f"{name} has no 'date' column: keep the columns that events_between gives."
    if outside:
        return (
            f"{name} has events outside the article's month: {_listing(outside)}. "
            "Use the article's month as both start and end."
        )
    return None


def _events_after_article(name: str, value) -> str | None:
    if "date" not in value:
        return f"{name} has no 'date' column: keep the columns that events_between gives."
    day = _article_day()
    early = [str(i) for i, when in zip(value.index, value["date"], strict=True)
             if when.date() <= day]  # fmt: skip
    if early:
        return (
            f"{name} has events on or before the article's day: {_listing(early)}. "
            "Start the day after the article."
        )
    return None


def _ids_in(table: str, hint: str) -> Callable[[str, object], str | None]:
    def rule(name: str, value) -> str | None:
        known = set(_case().ids(table))
        unknown = sorted(str(v) for v in set(value) - known)
        if unknown:
            return (
                f"{_listing(unknown)} in {name} {'is' if len(unknown) == 1 else 'are'} not {hint}."
            )
        return None

    return rule


def _one_event_id(name: str, value) -> str | None:
    if value not in set(_case().ids("events")):
        close = difflib.get_close_matches(value, _case().ids("events"), n=1)
        maybe = f" (did you mean {close[0]!r}?)" if close else ""
        return (
            f"{value!r} is not an event id{maybe}; give the id (the table's index), "
            "like 'fall_of_mosul_2014', not the title."
        )
    return None


def _dash_origins(name: str, value) -> str | None:
    from newscase import geo

    unknown = sorted(set(value) - set(geo.DASH_ORIGINS))
    if unknown:
        return (
            f"{_listing(unknown)} in {name} {'is' if len(unknown) == 1 else 'are'} not "
            "among the places geo.check_dash_claim() measures from (use m.start)."
        )
    return None


def _term_ids(name: str, value) -> str | None:
    from newscase.framing import load_terms

    known = {term.id for term in load_terms()}
    unknown = sorted(set(value) - known)
    if unknown:
        return (
            f"{_listing(unknown)} in {name} {'is' if len(unknown) == 1 else 'are'} not a "
            "term id: give o.term (like 'dash'), not the words of the article."
        )
    return None


def _verdict_keys(name: str, value) -> str | None:
    from newscase.schemas import VERDICTS

    unknown = sorted(set(value) - set(VERDICTS))
    if unknown:
        return f"{_listing(unknown)} is not a verdict; the verdicts are {', '.join(VERDICTS)}."
    return None


def _events_map(name: str, value) -> str | None:
    if not value.newscase_spec.name.startswith("events_"):
        return f"{name} is not a map of events: make it with maps.events_map(start, end)."
    return None


# ---- the questions


@dataclass(frozen=True)
class Question:
    """An autograded question: its variable, points, form, rules and feedback."""

    id: str  # "<assignment>-q<n>", also the grade_id of its nbgrader test cell
    name: str  # the variable the student defines
    points: int
    form: str  # a key of FORMS
    rules: tuple[Callable[[str, object], str | None], ...] = ()
    hint: str = ""  # when the answer has the right form and passes the rules, but is wrong

    @property
    def assignment(self) -> str:
        return self.id.rsplit("-", 1)[0]


QUESTIONS: dict[str, Question] = {
    q.id: q
    for q in (
        Question(
            "context-q1",
            "month_events",
            2,
            "events",
            (_not_empty, _events_in_article_month),
            "Some events of the article's month are missing. Use the whole month, from "
            "its first to its last day: events_between counts an event known only to "
            "the month too.",
        ),
        Question(
            "context-q2",
            "n_pmu_before",
            2,
            "count",
            (_at_least_zero,),
            "Count the events whose actor_ids include 'pmu' AND whose date is before (not "
            "on) the article's day. Check each condition on its own first.",
        ),
        Question(
            "context-q3",
            "days_since_mosul",
            2,
            "count",
            (_positive,),
            "Subtract the date of the event 'fall_of_mosul_2014' from the article's date "
            "and take .days of the difference (both as dates: a pandas Timestamp has "
            ".date()).",
        ),
        Question(
            "actors-q1",
            "n_attributed",
            2,
            "count",
            (_positive,),
            "Count the voices whose kind is 'direct quote' or 'paraphrase' (every voice "
            "that is not an assertion).",
        ),
        Question(
            "actors-q2",
            "quoted_directly",
            2,
            "ids",
            (_not_empty, _ids_in("actors", "an actor id (use v.speaker, not v.label)")),
            "Keep the voices whose kind is 'direct quote' and whose speaker is not None, "
            "and collect their speakers (each once).",
        ),
        Question(
            "actors-q3",
            "pmu_backers",
            2,
            "ids",
            (_not_empty, _ids_in("actors", "an actor id")),
            "Keep the rows of the relations table whose target is 'pmu' and whose kind is "
            "'backs'; the backers are in the source column.",
        ),
        Question(
            "geography-q1",
            "sinjar_to_border",
            2,
            "km",
            (_positive,),
            "Measure from the place 'sinjar' to the place 'um_jaris' with "
            "geo.distance_km, in kilometres, and round to one decimal with round(x, 1).",
        ),
        Question(
            "geography-q2",
            "over_claim",
            2,
            "ids",
            (_dash_origins,),
            "Keep the places whose straight-line distance (m.distance_km) is greater than "
            "the distance the article claims (check.claimed_km).",
        ),
        Question(
            "geography-q3",
            "month_map",
            3,
            "map",
            (_events_map,),
            "The map does not show the places of the events of the article's month: start "
            "on the first day of that month and end on its last day.",
        ),
        Question(
            "geography-q4",
            "approximate",
            2,
            "ids",
            (_ids_in("places", "a place id (use marker.id)"),),
            "Keep the markers of the map of the article's month whose .approximate is "
            "True, and collect their ids.",
        ),
        Question(
            "framings-q1",
            "verdict_counts",
            2,
            "counts_by_text",
            (_not_empty, _verdict_keys),
            "Count every claim of case.claims once, by its verdict.",
        ),
        Question(
            "framings-q2",
            "headline_terms",
            2,
            "ids",
            (_not_empty, _term_ids),
            "Keep the occurrences whose paragraph is the headline's number, and collect "
            "their term ids (each once).",
        ),
        Question(
            "aftermath-q1",
            "after_events",
            2,
            "events",
            (_not_empty, _events_after_article),
            "Keep every event after the article's day that happened at any place the "
            "article names (the places with an article_mention).",
        ),
        Question(
            "aftermath-q2",
            "first_at_border",
            2,
            "id",
            (_one_event_id,),
            "Look for the earliest event after the article's day at the places 'qaim' or "
            "'al_bukamal'.",
        ),
        Question(
            "aftermath-q3",
            "days_to_first",
            1,
            "count",
            (_positive,),
            "Subtract the article's date from the date of the event you found, and take .days.",
        ),
        Question(
            "aftermath-q4",
            "events_per_year",
            2,
            "counts_by_year",
            (_not_empty,),
            "Count the events after the article's day per calendar year (.dt.year of the "
            "date column); every event counts once.",
        ),
    )
}


def questions(assignment: str | None = None) -> list[str]:
    """The ids of the autograded questions (of one assignment, or of all)."""
    if assignment is None:
        return list(QUESTIONS)
    found = [q for q in QUESTIONS.values() if q.assignment == assignment]
    if not found:
        names = sorted({q.assignment for q in QUESTIONS.values()})
        raise UnknownQuestion(
            f"no assignment {assignment!r}; the assignments are {', '.join(names)}"
        )
    return [q.id for q in found]


def _question(question_id: str) -> Question:
    try:
        return QUESTIONS[question_id]
    except KeyError:
        close = difflib.get_close_matches(str(question_id), list(QUESTIONS), n=3)
        maybe = f" (did you mean {' or '.join(repr(c) for c in close)}?)" if close else ""
        raise UnknownQuestion(
            f"no question {question_id!r}{maybe}; question ids look like 'context-q1'"
        ) from None


# ---- verdicts


@dataclass(frozen=True)
class Verdict:
    """The verdict on one answer: passed or not, the points, and what to do next."""

    question: str
    passed: bool
    points: int  # earned
    max_points: int
    message: str

    @property
    def text(self) -> str:
        mark = "✓" if self.passed else "✗"
        word = "right" if self.passed else "not yet"
        lines = [f"{mark} {self.question}: {word} ({self.points} of {self.max_points} points)."]
        if self.message:
            lines.append(self.message)
        return "\n".join(lines)

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


def fingerprint(question_id: str, canonical) -> str:
    """The answer key's fingerprint of a canonical answer (the first 20 hex digits)."""
    payload = json.dumps(canonical, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    text = f"newscase-exercises\n{question_id}\n{payload}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def canonical(question_id: str, answer):
    """(problem, canonical value) of an answer: the form check alone, no rules, no key."""
    q = _question(question_id)
    return FORMS[q.form](q.name, answer)


def _caller_namespace(depth: int) -> dict:
    frame = inspect.currentframe()
    try:
        for _ in range(depth + 1):
            frame = frame.f_back
        return frame.f_globals
    finally:
        del frame


def verdict(question_id: str, answer=MISSING, *, namespace: Mapping | None = None) -> Verdict:
    """The verdict on an answer, without showing it or raising.

    With no ``answer``, the question's variable is looked up in ``namespace`` (default:
    the caller's global names, i.e. the notebook's)."""
    q = _question(question_id)
    if answer is MISSING:
        names = namespace if namespace is not None else _caller_namespace(1)
        if q.name not in names:
            return Verdict(
                q.id,
                False,
                0,
                q.points,
                f"{q.name} is not defined yet. Write your answer in the cell above, delete "
                "the line raise NotImplementedError(), run that cell, then this one.",
            )
        answer = names[q.name]
    problem, value = FORMS[q.form](q.name, answer)
    if problem is None:
        for rule in q.rules:
            try:
                problem = rule(q.name, answer)
            except Exception as exc:  # a rule must never crash the check
                problem = f"{q.name} could not be checked ({type(exc).__name__}: {exc})."
            if problem:
                break
    if problem is None:
        if fingerprint(q.id, value) == KEY.get(q.id):
            return Verdict(q.id, True, q.points, q.points, "")
        problem = f"{q.name} has the right form but is not right yet. {q.hint}".strip()
    return Verdict(q.id, False, 0, q.points, problem)


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
    """Check an answer: show ✓ and the points, or stop the cell saying what to fix.

    ``check("context-q1")`` checks the question's variable (``month_events``);
    ``check("context-q1", my_table)`` checks the value given. A wrong answer raises
    :class:`NotYet` (an AssertionError), which is how nbgrader's autograder counts a
    failed test; Jupyter shows only its message."""
    result = verdict(question_id, answer, namespace=_caller_namespace(1))
    if not result.passed:
        raise NotYet(result.text)
    _show(result)


def report(assignment: str, namespace: Mapping | None = None):
    """A table of the verdicts on every autograded question of an assignment, with points.

    Written answers are not included: your instructor grades them with the rubric."""
    from newscase.display import join, paragraphs, table

    names = namespace if namespace is not None else _caller_namespace(1)
    results = [verdict(q, namespace=names) for q in questions(assignment)]
    earned = sum(r.points for r in results)
    possible = sum(r.max_points for r in results)
    rows = [
        (
            r.question,
            QUESTIONS[r.question].name,
            "✓ right" if r.passed else "✗ not yet",
            f"{r.points} of {r.max_points}",
        )
        for r in results
    ]
    summary = (
        f"Autograded questions of {assignment}: {earned} of {possible} points. Written "
        "answers are graded by your instructor with the rubric (RUBRIC.md)."
    )
    result = join(
        table(("Question", "Variable", "Verdict", "Points"), rows, caption=summary),
        paragraphs(
            "Before you hand in: restart the kernel and run all cells (menu Kernel > "
            "Restart Kernel and Run All Cells), so that your answers do not depend on cells "
            "you have since changed or deleted. Running all cells stops at the first check "
            "that is not right yet: run the cells after it one by one."
        ),
    )
    return result


# ---- answer key (generated by `python exercises/manage.py key`; do not edit by hand)
# Fingerprints of the right answers, computed from the solutions in exercises/source/.
# A fingerprint tells whether an answer is right, not what the answer is.
KEY = {
    "context-q1": "ac10e37862e2b72c903a",
    "context-q2": "e1ccb7099f0ed59443eb",
    "context-q3": "765c0d1abcb36d680204",
    "actors-q1": "7a9f5fec46f4c32ba584",
    "actors-q2": "32b694d4d4fe60898109",
    "actors-q3": "6ab37ee00cf097ebeea3",
    "geography-q1": "64ed2593ff1bcf6be99d",
    "geography-q2": "366d413983bd369abec3",
    "geography-q3": "130987f45b9bca892d92",
    "geography-q4": "30543046988fa9d37b6e",
    "framings-q1": "f3043caa38b1bc28904d",
    "framings-q2": "f2a9e3f6239bffdd7a89",
    "aftermath-q1": "d7b608a4126bc1ce9248",
    "aftermath-q2": "68f3d8495b80cfdc7642",
    "aftermath-q3": "cc002a94f8019a44d59c",
    "aftermath-q4": "53e0a8b3a4f59776f054",
}
# ---- end of answer key
