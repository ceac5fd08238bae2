"""A student's quiz answers, kept in the ``questions`` section of the progress file.

Each entry: ``tries``, ``correct`` (stays true once earned), ``score`` (0 to 1, the best
so far), ``revealed`` (the answer was shown: later right answers no longer count),
``last_answer``, ``last_status``, ``notebook`` and ``updated``.
"""

from __future__ import annotations

from newscase.core import progress

SECTION = "questions"


def clean_entry(entry: dict) -> dict:
    """An entry with every field of the right type (hand-edited or old files included)."""
    tries = entry.get("tries", 0)
    score = entry.get("score", 0.0)
    return {
        **entry,
        "tries": tries if isinstance(tries, int) and not isinstance(tries, bool) else 0,
        "correct": entry.get("correct") is True,
        "revealed": entry.get("revealed") is True,
        "score": float(score) if isinstance(score, int | float) and 0 <= score <= 1 else 0.0,
    }


def entries(home=None) -> dict[str, dict]:
    """Every saved answer: question id -> cleaned entry."""
    return {key: clean_entry(entry) for key, entry in progress.load(home, SECTION).items()}


def record(question_id: str, notebook: str, result) -> str | None:
    """Save a graded answer (a grading.Result); invalid answers are not saved as tries.

    ``correct`` stays true once earned; an answer given after "Show answer" is not
    counted as correct. Returns None, or the sentences to show when saving had trouble.
    """
    if not result.counted:
        return None

    def change(entry: dict) -> dict:
        entry = clean_entry(entry)
        revealed = entry["revealed"]
        earned = result.correct and not revealed
        return {
            "notebook": notebook,
            "tries": entry["tries"] + 1,
            "correct": entry["correct"] or earned,
            "score": max(entry["score"], result.score if not revealed else 0.0),
            "revealed": revealed,
            "last_answer": result.answer,
            "last_status": result.status,
            "updated": progress.now(),
        }

    return progress.update(question_id, change, section=SECTION)


def record_reveal(question_id: str, notebook: str) -> str | None:
    """Save that the answer was shown; later correct answers no longer count."""

    def change(entry: dict) -> dict:
        return {
            "tries": 0,
            "correct": False,
            "score": 0.0,
            **entry,
            "notebook": notebook,
            "revealed": True,
            "updated": progress.now(),
        }

    return progress.update(question_id, change, section=SECTION)


def remove(chosen, home=None) -> int:
    """Forget the answers for which ``chosen(question id, entry)`` is true; how many."""
    return progress.remove(chosen, home, SECTION)
