"""Static renderings of questions and results: HTML (every string escaped) and plain text.

The output depends only on the question and the student id that seeds the option order,
never on time, saved progress or random ids, so nbval can compare it.
"""

from __future__ import annotations

import html

from newscase.quiz.model import Question, arrangement

INSTRUCTIONS = {
    "single": "Choose one answer.",
    "multiple": "Select all that apply.",
    "numeric": "Type a number.",
    "text": "Type a short answer.",
    "order": "Put the items in order.",
    "match": "Match each item to one choice (a choice may fit more than one item).",
}
RUN_NOTE = "Run this notebook in Jupyter to answer here and get feedback."
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def ordinal(n: int) -> str:
    """1 -> '1st', 2 -> '2nd', 11 -> '11th'."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _e(value) -> str:
    return html.escape(str(value))


def _lines_html(value: str) -> str:
    return "<br>".join(_e(line) for line in str(value).splitlines())


def instructions(question: Question) -> str:
    if question.type == "numeric" and question.unit:
        return f"Type a number (in {question.unit})."
    return INSTRUCTIONS[question.type]


def answer_lines(question: Question) -> list[str]:
    """The correct answer, in words (for "Show answer" and the static view)."""
    q = question
    if q.type == "single":
        return [q.answer]
    if q.type == "multiple":
        return [f"\u2022 {a}" for a in q.answer]
    if q.type == "numeric":
        unit = f" {q.unit}" if q.unit else ""
        within = f" (accepted within \u00b1{q.tolerance:g}{unit})" if q.tolerance else ""
        return [f"{q.answer:g}{unit}{within}"]
    if q.type == "text":
        also = f" (also accepted: {'; '.join(q.alternatives)})" if q.alternatives else ""
        return [f"{q.answer}{also}"]
    if q.type == "order":
        return [f"{i}. {item}" for i, item in enumerate(q.answer, start=1)]
    return [f"{item} \u2192 {choice}" for item, choice in q.answer]


def _display_lines(question: Question, student: str) -> tuple[list[str], list[str]]:
    """(items, choices) as shown: lettered options, numbered items, match choices."""
    shown = arrangement(question, student)
    items, choices = list(shown["items"]), list(shown["choices"])
    if question.type in ("single", "multiple"):
        return [f"{LETTERS[i % 26]}. {t}" for i, t in enumerate(items)], []
    return items, choices


def heading(question: Question, number: int | None = None) -> str:
    prefix = f"Question {number}" if number is not None else "Question"
    return f"{prefix} ({question.id})"


def question_html(question: Question, student: str, number: int | None = None) -> str:
    """The question, its options and (folded) answer, explanation and sources."""
    q = question
    items, choices = _display_lines(q, student)
    parts = [
        f'<div class="newscase-quiz" id="newscase-quiz-{_e(q.id)}">',
        f"<p><strong>{_e(heading(q, number))}</strong> <em>{_e(instructions(q))}</em></p>",
        f'<p class="newscase-quiz-prompt">{_lines_html(q.prompt)}</p>',
    ]
    if items and q.type == "match":
        parts.append("<p>Items:</p><ul>" + "".join(f"<li>{_e(i)}</li>" for i in items) + "</ul>")
        parts.append(
            "<p>Choices:</p><ul>" + "".join(f"<li>{_e(c)}</li>" for c in choices) + "</ul>"
        )
    elif items:
        parts.append("<ul>" + "".join(f"<li>{_e(i)}</li>" for i in items) + "</ul>")
    parts.append(f'<p class="newscase-quiz-note"><em>{_e(RUN_NOTE)}</em></p>')
    parts.append("<details><summary>Answer and explanation</summary>")
    parts.append(f"<p><strong>Answer:</strong><br>{'<br>'.join(map(_e, answer_lines(q)))}</p>")
    parts.append(f"<p>{_lines_html(q.explanation)}</p>")
    parts.append(
        "<p><strong>Sources:</strong></p><ul>"
        + "".join(f"<li>{_e(c)}</li>" for c in q.citations)
        + "</ul>"
    )
    parts.append("</details></div>")
    return "".join(parts)


def question_text(question: Question, student: str, number: int | None = None) -> str:
    """Plain-text form of ``question_html`` (the answer comes last, after a rule)."""
    q = question
    items, choices = _display_lines(q, student)
    lines = [f"{heading(q, number)}: {instructions(q)}", q.prompt]
    if q.type == "match":
        lines += ["Items:", *(f"  - {i}" for i in items), "Choices:"]
        lines += [f"  - {c}" for c in choices]
    else:
        lines += [f"  {i}" for i in items]
    lines += [f"({RUN_NOTE})", "-" * 20, "Answer:", *(f"  {a}" for a in answer_lines(q))]
    lines += [f"Why: {q.explanation}", "Sources:", *(f"  - {c}" for c in q.citations)]
    return "\n".join(lines)


def section_html(questions: list[Question], student: str, title: str) -> str:
    body = "".join(question_html(q, student, n) for n, q in enumerate(questions, start=1))
    return f'<section class="newscase-quiz-section"><h4>{_e(title)}</h4>{body}</section>'


def section_text(questions: list[Question], student: str, title: str) -> str:
    blocks = [question_text(q, student, n) for n, q in enumerate(questions, start=1)]
    return "\n\n".join([title, *blocks])


def result_html(result) -> str:
    """A graded answer: the feedback (escaped, with its ✓/✗ symbol) and the answer given."""
    parts = [
        f'<div class="newscase-quiz-result newscase-quiz-{_e(result.status)}" role="status">',
        f"<p>{_lines_html(result.feedback)}</p>",
    ]
    if result.answer is not None:
        parts.append(f"<p><small>Your answer: {_e(_answer_words(result.answer))}</small></p>")
    parts.append("</div>")
    return "".join(parts)


def result_text(result) -> str:
    lines = [result.feedback]
    if result.answer is not None:
        lines.append(f"Your answer: {_answer_words(result.answer)}")
    return "\n".join(lines)


def _answer_words(answer) -> str:
    if isinstance(answer, dict):
        return "; ".join(f"{k} \u2192 {v}" for k, v in answer.items())
    if isinstance(answer, list | tuple):
        return "; ".join(map(str, answer))
    if isinstance(answer, float):
        return f"{answer:g}"
    return str(answer)
