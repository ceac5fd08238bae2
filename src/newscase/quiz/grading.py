"""Pure grading: ``check(question, answer)`` -> Result. No widgets, no files, no eval.

Any answer at all gets a Result; an answer that cannot be read (None, empty, the wrong
type, far too long) gets status "invalid" and a friendly message saying what to give.
Invalid answers do not count as tries.
"""

from __future__ import annotations

import difflib
import math
import numbers
from collections.abc import Mapping
from dataclasses import dataclass

from newscase.quiz.model import Question
from newscase.quiz.normalise import MAX_TEXT, clean, key, parse_number
from newscase.quiz.static import ordinal

CORRECT, PARTIAL, WRONG, INVALID = "correct", "partial", "wrong", "invalid"
SYMBOLS = {CORRECT: "\u2713", PARTIAL: "\u25d0", WRONG: "\u2717", INVALID: "\u26a0"}
MAX_ITEMS = 100
INTERNAL_ERROR = "Sorry, this answer could not be checked. Please try typing it again."


@dataclass(frozen=True)
class Result:
    """The outcome of one check.

    ``status`` is correct, partial, wrong or invalid; ``score`` runs from 0 to 1;
    ``feedback`` starts with a symbol (✓ ◐ ✗ ⚠) and says why; ``answer`` is the
    cleaned answer as saved (None when it could not be read).
    """

    question_id: str
    status: str
    score: float
    feedback: str
    answer: object = None

    @property
    def correct(self) -> bool:
        return self.status == CORRECT

    @property
    def partial(self) -> bool:
        return self.status == PARTIAL

    @property
    def counted(self) -> bool:
        """False for answers that could not be read: they do not use up a try."""
        return self.status != INVALID

    def _repr_mimebundle_(self, include=None, exclude=None):
        from newscase.quiz.static import result_html, result_text

        return {"text/html": result_html(self), "text/plain": result_text(self)}

    def __str__(self) -> str:
        return self.feedback


class _Unreadable(Exception):
    """An answer we cannot grade; the message tells the student what to give instead."""


def _result(question: Question, status: str, score: float, message: str, answer=None):
    label = {
        CORRECT: "Correct.",
        PARTIAL: "Partly right.",
        WRONG: "Not quite.",
        INVALID: "",
    }[status]
    feedback = " ".join(part for part in (SYMBOLS[status], label, message.strip()) if part)
    return Result(question.id, status, round(score, 4), feedback, answer)


def check(question: Question, answer) -> Result:
    """Grade ``answer`` against ``question``; never raises for any answer."""
    try:
        return _GRADERS[question.type](question, answer)
    except _Unreadable as exc:
        return _result(question, INVALID, 0.0, str(exc))
    except Exception:  # a safety net: a student must never see a traceback
        return _result(question, INVALID, 0.0, INTERNAL_ERROR)


# ---- reading answers


def _quote(value: str, limit: int = 60) -> str:
    shown = value if len(value) <= limit else value[: limit - 1] + "\u2026"
    return f"\u201c{shown}\u201d"


def _text(value, what: str = "answer") -> str:
    if value is None:
        raise _Unreadable(f"No {what} given yet.")
    if not isinstance(value, str):
        raise _Unreadable(f"Expected the {what} as text, got {_kind(value)}.")
    if len(value) > MAX_TEXT * 4:
        raise _Unreadable(
            f"That {what} is very long ({len(value):,} characters); "
            f"answers here are short, at most {MAX_TEXT} characters."
        )
    value = clean(value)
    if not value:
        raise _Unreadable(f"The {what} is empty: type or choose something first.")
    if len(value) > MAX_TEXT:
        raise _Unreadable(
            f"That {what} is too long ({len(value):,} characters); at most {MAX_TEXT}, please."
        )
    return value


def _kind(value) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, numbers.Number):
        return "a number"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list | tuple | set | frozenset):
        return "a list"
    return f"a value of type {type(value).__name__}"


def _text_list(value, what: str, allow_blank: bool = False) -> list:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple | set | frozenset):
        raise _Unreadable(f"Expected a list of {what}, got {_kind(value)}.")
    if len(value) > MAX_ITEMS:
        raise _Unreadable(f"That is {len(value)} {what}; there are far fewer to choose from.")
    items = []
    for item in value:
        if item is None and allow_blank:
            items.append(None)
        elif isinstance(item, str):
            items.append(_text(item, what.rstrip("s")))
        else:
            raise _Unreadable(f"Expected each of the {what} as text, got {_kind(item)}.")
    return items


def _lookup(value: str, known, what: str) -> str:
    wanted = key(value)
    for item in known:
        if key(item) == wanted:
            return item
    raise _Unreadable(f"{_quote(value)} is not one of the {what}.")


# ---- one grader per type


def _single(q: Question, answer) -> Result:
    if isinstance(answer, list | tuple) and len(answer) == 1:
        answer = answer[0]
    if isinstance(answer, list | tuple | set | frozenset):
        raise _Unreadable("Choose exactly one option.")
    if answer is None or (isinstance(answer, str) and not clean(answer[: MAX_TEXT * 4])):
        raise _Unreadable("Choose one of the options first.")
    chosen = _lookup(_text(answer, "choice"), q.items, "options")
    option = next(o for o in q.options if o.text == chosen)
    status = CORRECT if chosen == q.answer else WRONG
    return _result(q, status, float(status == CORRECT), option.feedback, chosen)


def _multiple(q: Question, answer) -> Result:
    picked = [_lookup(v, q.items, "options") for v in _text_list(answer, "options")]
    if not picked:
        raise _Unreadable("Select at least one option.")
    chosen = [t for t in q.items if t in picked]  # option order, no repeats
    right = set(q.answer)
    hits = [t for t in chosen if t in right]
    wrong = [t for t in chosen if t not in right]
    missed = len(right) - len(hits)
    feedback = {o.text: o.feedback for o in q.options}
    if not wrong and not missed:
        lines = [f"You found all {len(right)}."] + [f"\u2022 {t}: {feedback[t]}" for t in hits]
        return _result(q, CORRECT, 1.0, "\n".join(lines), chosen)
    score = max(0, len(hits) - len(wrong)) / len(right)
    status = PARTIAL if hits and score > 0 else WRONG
    lines = [f"{len(hits)} of your {len(chosen)} choices are right."]
    lines += [f"\u2022 {t}: {feedback[t]}" for t in wrong]
    if missed:
        lines.append(f"{missed} correct option{'s' * (missed > 1)} not chosen yet.")
    return _result(q, status, score, "\n".join(lines), chosen)


def _number(q: Question, answer) -> tuple[float, object]:
    if isinstance(answer, bool):
        raise _Unreadable(f"Expected a number, got {_kind(answer)}.")
    if isinstance(answer, numbers.Number):
        try:
            value = float(answer)
        except OverflowError:
            raise _Unreadable("That number is too large; type an ordinary number.") from None
        except (ValueError, TypeError):
            raise _Unreadable("Expected an ordinary number, such as 12.") from None
        if not math.isfinite(value):
            raise _Unreadable("That is not a finite number; type an ordinary number.")
        return value, value
    typed = _text(answer)
    value, problem = parse_number(typed, q.unit, q.unit_names)
    if problem:
        raise _Unreadable(problem)
    return value, typed


def _close(a: float, b: float, tolerance: float) -> bool:
    return abs(a - b) <= tolerance + 1e-9 * max(1.0, abs(b))


def _numeric(q: Question, answer) -> Result:
    value, saved = _number(q, answer)
    unit = f" {q.unit}" if q.unit else ""
    if _close(value, q.answer, q.tolerance):
        exact = _close(value, q.answer, 0.0)
        message = (
            f"{value:g}{unit} is right."
            if exact
            else (f"{value:g}{unit} is close enough to {q.answer:g}{unit}.")
        )
        return _result(q, CORRECT, 1.0, message, saved)
    for mistake in q.mistakes:
        if _close(value, mistake.answer, q.tolerance):
            return _result(q, WRONG, 0.0, mistake.feedback, saved)
    direction = "too high" if value > q.answer else "too low"
    message = f"{value:g}{unit} is {direction}."
    return _result(q, WRONG, 0.0, f"{message} {q.hint or ''}".strip(), saved)


def _short_text(q: Question, answer) -> Result:
    typed = _text(answer)
    folded = key(typed)
    for accepted in (q.answer, *q.alternatives):
        if key(accepted) == folded:
            message = (
                f"{_quote(typed)} is right."
                if key(q.answer) == folded
                else f"{_quote(typed)} is another name for {_quote(q.answer)}."
            )
            return _result(q, CORRECT, 1.0, message, typed)
    for mistake in q.mistakes:
        if key(mistake.answer) == folded:
            return _result(q, WRONG, 0.0, mistake.feedback, typed)
    names = [key(a) for a in (q.answer, *q.alternatives)]
    if folded and difflib.get_close_matches(folded, names, n=1, cutoff=0.8):
        message = f"{_quote(typed)} is close: check the spelling."
    else:
        message = f"{_quote(typed)} is not what the question asks for. {q.hint or ''}"
    return _result(q, WRONG, 0.0, message.strip(), typed)


def _order(q: Question, answer) -> Result:
    typed = _text_list(answer, "items", allow_blank=True)
    items = q.answer
    if len(typed) != len(items) or None in typed:
        raise _Unreadable(f"Put all {len(items)} items in order, one in each place.")
    placed = [_lookup(v, items, "items") for v in typed]
    repeated = [t for t in items if placed.count(t) > 1]
    if repeated:
        raise _Unreadable(f"{_quote(repeated[0])} is used more than once; use each item once.")
    right = [i for i, (a, b) in enumerate(zip(placed, items, strict=True)) if a == b]
    if len(right) == len(items):
        return _result(q, CORRECT, 1.0, f"All {len(items)} are in the right order.", placed)
    score = len(right) / len(items)
    if right:
        places = ", ".join(ordinal(i + 1) for i in right)
        message = f"{len(right)} of {len(items)} are in the right place ({places})."
    else:
        message = f"None of the {len(items)} is in the right place yet."
    extra = next((m.feedback for m in q.mistakes if tuple(placed) == m.answer), q.hint)
    status = PARTIAL if right else WRONG
    return _result(q, status, score, f"{message} {extra or ''}".strip(), placed)


def _match(q: Question, answer) -> Result:
    if not isinstance(answer, Mapping):
        raise _Unreadable(f"Expected a match for each item, got {_kind(answer)}.")
    if len(answer) > MAX_ITEMS:
        raise _Unreadable(f"That is {len(answer)} items; there are only {len(q.items)}.")
    given: dict[str, str] = {}
    for item, choice in answer.items():
        if choice is None:
            continue
        item = _lookup(_text(item, "item"), q.items, "items")
        given[item] = _lookup(_text(choice, "choice"), q.choices, "choices")
    missing = [item for item in q.items if item not in given]
    if missing:
        raise _Unreadable(f"Choose a match for every item; still open: {', '.join(missing)}.")
    pairs = tuple((item, given[item]) for item in q.items)
    wrong = [item for item, choice in pairs if (item, choice) not in q.answer]
    saved = dict(pairs)
    if not wrong:
        return _result(q, CORRECT, 1.0, f"All {len(pairs)} are matched correctly.", saved)
    score = 1 - len(wrong) / len(pairs)
    message = f"{len(pairs) - len(wrong)} of {len(pairs)} matched correctly. "
    message += f"Look again at: {'; '.join(wrong)}."
    extra = next((m.feedback for m in q.mistakes if set(m.answer) <= set(pairs)), q.hint)
    status = PARTIAL if score > 0 else WRONG
    return _result(q, status, score, f"{message} {extra or ''}".strip(), saved)


_GRADERS = {
    "single": _single,
    "multiple": _multiple,
    "numeric": _numeric,
    "text": _short_text,
    "order": _order,
    "match": _match,
}
