"""The interactive layer: ipywidgets over the pure grading API, plus the displayed objects.

Importing this module is cheap; ipywidgets is imported only when a widget is built. A
displayed QuizView carries the live widget view *and* a static text/html + text/plain
rendering (see static.py), so notebooks stay readable without a kernel.
"""

from __future__ import annotations

import asyncio
import html
import weakref

from newscase.core import progress
from newscase.core.display import Rendered, with_widget
from newscase.quiz import answers, static
from newscase.quiz.grading import CORRECT, INVALID, PARTIAL, SYMBOLS, WRONG, check
from newscase.quiz.model import Question, arrangement

COLOURS = {CORRECT: "#2e7d32", PARTIAL: "#b26a00", WRONG: "#c62828", INVALID: "#555555"}
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
CHOOSE = "\u2014 choose \u2014"
SUBMIT_DELAY = 0.3  # seconds to wait after Enter for the typed value to reach the kernel

_SCORE_LINES: dict[str, weakref.WeakSet] = {}
_PANELS: dict[str, weakref.WeakSet] = {}


def _e(value) -> str:
    return html.escape(str(value))


def _lines(value: str) -> str:
    return "<br>".join(_e(line) for line in str(value).splitlines())


def refresh(notebook: str | None = None) -> None:
    """Redraw live score lines and question panels (after an answer, a reveal or a reset)."""
    for name, lines in list(_SCORE_LINES.items()):
        if notebook is None or name == notebook:
            for line in list(lines):
                line.refresh()


def _reset_panels(matches) -> None:
    """Clear the live panels whose question ``matches(id, {"notebook": ...})``."""
    for name, panels in list(_PANELS.items()):
        for panel in list(panels):
            if matches(panel.question.id, {"notebook": name}):
                panel.clear()


def summary(notebook: str, ids: list[str]) -> str:
    """'3 of 5 answered correctly' for the saved progress of one notebook's questions.

    After a damaged progress file was moved aside this session, the line says so (the
    score starts again from the fresh file)."""
    entries = answers.entries()
    correct = sum(1 for i in ids if entries.get(i, {}).get("correct"))
    shown = sum(1 for i in ids if entries.get(i, {}).get("revealed"))
    line = f"Score for {notebook}: {correct} of {len(ids)} answered correctly"
    if shown:
        line += f" ({shown} answer{'s' * (shown > 1)} shown)"
    backup = progress.backup_made()
    if backup:
        line += f". Counted since your damaged progress file was moved to {backup}"
    return line + "."


def _choose(menu, value) -> None:
    """Select ``value`` in a drop-down menu, or its first entry ("— choose —") for None."""
    menu.value = "" if value is None else value


def _kernel_loop():
    """The running event loop of an IPython kernel, or None outside a kernel."""
    try:
        from ipykernel.kernelapp import IPKernelApp
    except ImportError:
        return None
    if not IPKernelApp.initialized():
        return None
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


class ScoreLine:
    """A live line: "Score for 00_start_here: 3 of 5 answered correctly."."""

    def __init__(self, notebook: str, ids: list[str]):
        import ipywidgets as widgets

        self.notebook, self.ids = notebook, list(ids)
        self.widget = widgets.HTML()
        self.widget.add_class("newscase-quiz-score")
        self.widget._newscase_line = self  # lives as long as the widget (weak registry below)
        _SCORE_LINES.setdefault(notebook, weakref.WeakSet()).add(self)
        self.refresh()

    def refresh(self) -> None:
        text = summary(self.notebook, self.ids)
        self.widget.value = f'<p role="status" aria-live="polite"><strong>{_e(text)}</strong></p>'


class QuestionPanel:
    """Input controls, Check and Show answer buttons and the feedback of one question."""

    def __init__(self, question: Question, student: str, number: int | None = None):
        import ipywidgets as widgets

        self.w = widgets
        self.question = q = question
        self.shown = arrangement(q, student)
        self.tries = 0
        self.correct = False
        self.revealed = False
        self._last_answer = None
        self._pending = None  # a scheduled check after Enter (see _on_text_message)
        title = (
            f"<p><strong>{_e(static.heading(q, number))}</strong> "
            f"<em>{_e(static.instructions(q))}</em></p>"
            f'<p class="newscase-quiz-prompt">{_lines(q.prompt)}</p>'
        )
        self.title = widgets.HTML(title)
        self.controls, self.read = self._build_input()
        self.check_button = widgets.Button(
            description="Check", tooltip="Check your answer (Enter also checks a typed answer)"
        )
        self.reveal_button = widgets.Button(
            description="Show answer",
            disabled=True,
            tooltip=f"Shows the answer after {q.show_answer_after} tries",
        )
        self.check_button.add_class("newscase-quiz-check")
        self.reveal_button.add_class("newscase-quiz-reveal")
        self.check_button.on_click(lambda _button: self.submit())
        self.reveal_button.on_click(lambda _button: self.reveal())
        self.feedback = widgets.HTML("")
        self.feedback.add_class("newscase-quiz-feedback")
        self.answer = widgets.HTML("")
        self.status = widgets.HTML("")
        self.saving = widgets.HTML("")  # problems with saving progress, in plain words
        self.saving.add_class("newscase-quiz-saving")
        buttons = widgets.HBox([self.check_button, self.reveal_button])
        self.box = widgets.VBox(
            [self.title, self.controls, buttons, self.feedback, self.status, self.saving,
             self.answer]
        )  # fmt: skip
        self.box.add_class("newscase-quiz")
        self.box.add_class(f"newscase-quiz-{q.id}")
        _PANELS.setdefault(q.notebook, weakref.WeakSet()).add(self)
        self._restore()

    # -- input controls: (widget, function returning the current answer)

    def _build_input(self):
        w, q = self.w, self.question
        wide = {"style": {"description_width": "initial"}, "layout": w.Layout(width="auto")}
        items, choices = self.shown["items"], self.shown["choices"]
        if q.type == "single":
            radio = w.RadioButtons(options=list(items), value=None, description="Answer:", **wide)
            self._set = lambda value: setattr(radio, "value", value if value in items else None)
            return radio, lambda: radio.value
        if q.type == "multiple":
            boxes = [w.Checkbox(value=False, description=t, indent=False, **wide) for t in items]

            def set_boxes(values):
                for box in boxes:
                    box.value = box.description in (values or ())

            self._set = set_boxes
            return w.VBox(boxes), lambda: [b.description for b in boxes if b.value]
        if q.type in ("numeric", "text"):
            label = f"Answer ({q.unit}):" if q.type == "numeric" and q.unit else "Answer:"
            placeholder = "a number, e.g. 12" if q.type == "numeric" else "type your answer"
            box = w.Text(
                value="",
                description=label,
                placeholder=placeholder,
                tooltip="Type your answer, then press Enter",
                continuous_update=False,  # the value is sent on Enter or leaving the box
                **wide,
            )
            box.on_msg(self._on_text_message)
            self._set = lambda value: setattr(
                box, "value", f"{value:g}" if isinstance(value, float) else str(value or "")
            )
            return box, lambda: box.value
        blank = [(CHOOSE, "")]  # "" = nothing chosen (None would unselect the menu)
        if q.type == "order":
            menus = [
                w.Dropdown(
                    options=blank + [(t, t) for t in items],
                    value="",
                    description=f"{static.ordinal(i)}:",
                    **wide,
                )
                for i in range(1, len(items) + 1)
            ]

            def set_order(values):
                values = list(values or ())
                for i, menu in enumerate(menus):
                    value = values[i] if i < len(values) else None
                    _choose(menu, value if value in items else None)

            self._set = set_order
            return w.VBox(menus), lambda: [m.value or None for m in menus]
        menus = {
            item: w.Dropdown(
                options=blank + [(c, c) for c in choices],
                value="",
                description=f"{item}:",
                **wide,
            )
            for item in items
        }

        def set_matches(values):
            for item, menu in menus.items():
                value = (values or {}).get(item)
                _choose(menu, value if value in choices else None)

        self._set = set_matches
        return w.VBox(list(menus.values())), lambda: {k: m.value or None for k, m in menus.items()}

    def _on_text_message(self, _widget, content, _buffers) -> None:
        """Enter in a text box. The browser sends "submit" *before* the typed value, so
        grading waits a moment for the value to arrive (a click on Check comes after it)."""
        if not (isinstance(content, dict) and content.get("event") == "submit"):
            return
        loop = _kernel_loop()
        if loop is None:  # not in a kernel (tests, scripts): the value is already here
            self.submit()
            return
        if self._pending is not None:
            self._pending.cancel()
        self._pending = loop.call_later(SUBMIT_DELAY, self._submit_later)

    def _submit_later(self) -> None:
        self._pending = None
        try:
            self.submit()
        except Exception as exc:  # never let a callback die silently with a traceback
            self.feedback.value = f"<p>{_e(SYMBOLS[INVALID])} Could not check: {_e(exc)}</p>"

    # -- actions

    def submit(self):
        """Grade the current input, save it, and show the feedback. Returns the Result."""
        q = self.question
        result = check(q, self.read())
        note = ""
        if not result.counted:
            note = "This did not count as a try."
        elif result.answer == self._last_answer and self.tries:
            note = "Same answer as last time, so it was not counted again."
        else:
            self._last_answer = result.answer
            self.tries += 1
            self.correct = self.correct or (result.correct and not self.revealed)
            self._tell(answers.record(q.id, q.notebook, result))
            refresh(q.notebook)
        self._show(result, note)
        return result

    def reveal(self) -> None:
        """Show the answer and explanation (after enough tries); saved as revealed."""
        q = self.question
        self.revealed = True
        self._tell(answers.record_reveal(q.id, q.notebook))
        self._show_answer()
        self._update_status("")
        refresh(q.notebook)

    def clear(self) -> None:
        """Forget this question's state on screen (after quiz.reset)."""
        self.tries, self.correct, self.revealed, self._last_answer = 0, False, False, None
        self.feedback.value = self.answer.value = ""
        self._set(None)
        self._update_status("")

    # -- display

    def _show(self, result, note: str = "") -> None:
        colour = COLOURS[result.status]
        self.feedback.value = (
            f'<div role="status" aria-live="polite" class="newscase-quiz-{result.status}" '
            f'style="border-left:4px solid {colour};padding:2px 8px;margin:4px 0">'
            f"{_lines(result.feedback)}</div>"
        )
        if self.correct or self.revealed:
            self._show_answer()
        self._update_status(note)

    def _show_answer(self) -> None:
        q = self.question
        answer = "<br>".join(_e(line) for line in static.answer_lines(q))
        sources = "; ".join(_e(c) for c in q.citations)
        self.answer.value = (
            f'<div class="newscase-quiz-answer"><p><strong>Answer:</strong><br>{answer}</p>'
            f"<p><strong>Why:</strong> {_lines(q.explanation)}</p>"
            f"<p><small>Sources: {sources}</small></p></div>"
        )

    def _update_status(self, note: str) -> None:
        q = self.question
        can_reveal = self.correct or self.revealed or self.tries >= q.show_answer_after
        self.reveal_button.disabled = not can_reveal
        parts = []
        if self.tries:
            parts.append(f"Tries: {self.tries}.")
        if self.correct:
            parts.append(f"{SYMBOLS[CORRECT]} Answered correctly.")
        elif self.revealed:
            parts.append("Answer shown: answers from now on do not count towards the score.")
        elif not can_reveal:
            left = q.show_answer_after - self.tries
            tries = "tries" if left > 1 else "try"
            parts.append(f"'Show answer' becomes available after {left} more {tries}.")
        if note:
            parts.append(note)
        self.status.value = f"<p><small>{_e(' '.join(parts))}</small></p>" if parts else ""

    def _tell(self, problem: str | None) -> None:
        """Show a problem with saving (or clear the last one) in this panel."""
        self.saving.value = (
            '<div role="alert" class="newscase-quiz-saving-problem" style="border-left:4px '
            f'solid #b26a00;padding:2px 8px;margin:4px 0">\u26a0 {_e(problem)}</div>'
            if problem
            else ""
        )

    def _restore(self) -> None:
        """Show the saved state of this question (e.g. after a kernel restart)."""
        entry = answers.entries().get(self.question.id)
        self._tell(" ".join(progress.take_notices()))
        if not entry:
            self._update_status("")
            return
        self.tries = entry.get("tries", 0)
        self.correct = entry.get("correct", False)
        self.revealed = entry.get("revealed", False)
        last = entry.get("last_answer")
        note = "Restored from your saved progress."
        if last is not None:
            try:
                self._set(last)
            except Exception:  # an old or hand-edited entry: keep the controls empty
                last = None
        result = check(self.question, last) if last is not None else None
        if result is not None and result.counted:
            self._last_answer = last
            self._show(result, note)
        else:  # nothing saved, or the quiz file changed since: show the counts only
            self._set(None)
            self._update_status(note)
        if self.revealed:
            self._show_answer()


class QuizView:
    """What ``quiz.show`` returns: one question or a notebook's quiz, live and static."""

    def __init__(
        self,
        questions: list[Question],
        *,
        title: str | None = None,
        notebook: str | None = None,
        score_ids: list[str] | None = None,
    ):
        self.questions = list(questions)
        self.title = title
        self.notebook = notebook
        self.score_ids = score_ids
        self.student = progress.student_id()
        self._widget = None
        self.panels: list[QuestionPanel] = []

    def _numbered(self) -> bool:
        return len(self.questions) > 1

    def widget(self):
        """The ipywidgets VBox (built once)."""
        if self._widget is None:
            import ipywidgets as widgets

            children = [widgets.HTML(f"<h4>{_e(self.title)}</h4>")] if self.title else []
            for number, question in enumerate(self.questions, start=1):
                panel = QuestionPanel(question, self.student, number if self._numbered() else None)
                self.panels.append(panel)
                children.append(panel.box)
            if self.notebook and self.score_ids is not None:
                children.append(ScoreLine(self.notebook, self.score_ids).widget)
            self._widget = widgets.VBox(children)
        return self._widget

    def html(self) -> str:
        parts = []
        if self.title:
            parts.append(f"<h4>{_e(self.title)}</h4>")
        numbered = self._numbered()
        for number, question in enumerate(self.questions, start=1):
            parts.append(static.question_html(question, self.student, number if numbered else None))
        if self.notebook and self.score_ids is not None:
            parts.append(f"<p><strong>{_e(summary(self.notebook, self.score_ids))}</strong></p>")
        return "".join(parts)

    def text(self) -> str:
        numbered = self._numbered()
        blocks = [self.title] if self.title else []
        blocks += [
            static.question_text(q, self.student, n if numbered else None)
            for n, q in enumerate(self.questions, start=1)
        ]
        if self.notebook and self.score_ids is not None:
            blocks.append(summary(self.notebook, self.score_ids))
        return "\n\n".join(blocks)

    def _repr_mimebundle_(self, include=None, exclude=None):
        return with_widget(Rendered(self.html(), self.text()), self.widget)

    def __repr__(self) -> str:
        return self.text()


class ScoreView:
    """What ``quiz.score`` returns: the live score line plus its static text."""

    def __init__(self, notebook: str, ids: list[str]):
        self.notebook, self.ids = notebook, list(ids)

    def _repr_mimebundle_(self, include=None, exclude=None):
        text = summary(self.notebook, self.ids)
        shown = Rendered(f"<p><strong>{_e(text)}</strong></p>", text)
        return with_widget(shown, lambda: ScoreLine(self.notebook, self.ids).widget)

    def __repr__(self) -> str:
        return summary(self.notebook, self.ids)
