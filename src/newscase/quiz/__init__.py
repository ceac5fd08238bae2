"""Quizzes: questions as data, pure grading, saved progress, widgets with a static fallback.

In a notebook::

    from newscase import quiz
    quiz.show_section("00_start_here")   # the notebook's whole quiz, with a score line
    quiz.show("00-outlet")               # one question

Without widgets (instructors, tests)::

    quiz.questions("00_start_here")      # ['00-outlet', ...]
    quiz.check("00-distance", "40 km").correct   # True

Importing this package loads nothing else; ipywidgets is imported only to build a widget.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterable

from newscase.core.lazy import lazy_attributes

_LAZY = {
    "Question": ("newscase.quiz.model", "Question"),
    "Result": ("newscase.quiz.grading", "Result"),
    "load_bank": ("newscase.quiz.model", "load_bank"),
    "state_dir": ("newscase.core.progress", "state_dir"),
    "student_id": ("newscase.core.progress", "student_id"),
    "DataError": ("newscase.core.validate", "DataError"),
}

__all__ = [
    "check",
    "load",
    "progress",
    "questions",
    "reset",
    "score",
    "show",
    "show_section",
    *_LAZY,
]

__getattr__, __dir__ = lazy_attributes(__name__, _LAZY, extra=__all__)


def _bank():
    from newscase.quiz.model import load_bank

    return load_bank()


def load(question_id: str):
    """The question with this id (a Question), from the packaged quiz files."""
    return _bank().question(question_id)


def questions(notebook: str | None = None) -> list[str]:
    """Ids of every question, or of one notebook's ('00_start_here' or '00_start_here.ipynb')."""
    return _bank().ids(notebook)


def check(question, answer):
    """Grade ``answer`` for a Question or question id -> Result (.correct, .feedback, .score).

    Never raises for a bad answer; an unknown question id raises KeyError.
    """
    from newscase.quiz.grading import check as grade
    from newscase.quiz.model import Question

    if not isinstance(question, Question):
        question = load(question)
    return grade(question, answer)


def _as_questions(what) -> list:
    from newscase.quiz.model import Question

    items = [what] if isinstance(what, str | Question) else list(what)
    return [item if isinstance(item, Question) else load(item) for item in items]


def show(what):
    """Display a question (id or Question), a list of them, or a notebook's whole quiz."""
    from newscase.quiz.model import notebook_stem
    from newscase.quiz.widget import QuizView

    if isinstance(what, str) and notebook_stem(what) in _bank().notebooks():
        return show_section(what)
    return QuizView(_as_questions(what))


def show_section(notebook: str):
    """Display every question of a notebook, numbered, with a live score line."""
    from newscase.quiz.model import notebook_stem
    from newscase.quiz.widget import QuizView

    stem = notebook_stem(notebook)
    ids = questions(stem)
    items = [load(i) for i in ids]
    return QuizView(items, title="Check your understanding", notebook=stem, score_ids=ids)


def score(notebook: str):
    """Display '<n> of <m> answered correctly' for a notebook (live while answering)."""
    from newscase.quiz.model import notebook_stem
    from newscase.quiz.widget import ScoreView

    stem = notebook_stem(notebook)
    return ScoreView(stem, questions(stem))


def progress(notebook: str | None = None) -> dict[str, dict]:
    """Saved progress: question id -> {tries, correct, score, revealed, last_answer, ...}."""
    from newscase.core import progress as store
    from newscase.quiz import answers
    from newscase.quiz.model import notebook_stem

    entries = answers.entries()
    for sentence in store.take_notices():  # a plain sentence under the cell, no traceback
        print(sentence, file=sys.stderr)
    if notebook is None:
        return entries
    stem = notebook_stem(notebook)
    return {q: e for q, e in entries.items() if e.get("notebook") == stem}


def reset(notebook: str | None = None, *, question_ids: Iterable[str] | None = None):
    """Forget saved answers: of one notebook, of some questions, or (default) all of them."""
    from newscase.core import progress as store
    from newscase.core.display import paragraphs
    from newscase.quiz import answers
    from newscase.quiz.model import notebook_stem

    stem = notebook_stem(notebook) if notebook is not None else None
    chosen = set(question_ids or ())
    if stem is not None:
        with contextlib.suppress(KeyError, ValueError):  # unknown notebook, broken quiz data
            chosen |= set(questions(stem))
    everything = stem is None and question_ids is None

    def matches(question_id: str, entry: dict) -> bool:
        return everything or question_id in chosen or entry.get("notebook") == stem

    removed = answers.remove(matches)
    widget = sys.modules.get("newscase.quiz.widget")
    if widget is not None:
        widget._reset_panels(matches)
        widget.refresh()
    scope = f"for {stem}" if stem else "for every notebook"
    plural = "answer" if removed == 1 else "answers"
    return paragraphs(
        f"Quiz progress reset {scope}: {removed} saved {plural} removed.", *store.take_notices()
    )
