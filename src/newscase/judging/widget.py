"""The live "decide first, then compare" panel: choose, give a reason, commit, then see.

Displayed, a :class:`JudgeView` gives a widget when a kernel runs it and the static
form of :mod:`newscase.judging.render` otherwise (nbval and HTML exports read that one:
the module's view is closed there). The module's view appears in the widget only after a
judgement is committed and saved; a judgement saved earlier (another session, a kernel
restart) opens it at once.
"""

from __future__ import annotations

from newscase.core import progress
from newscase.core.display import with_widget
from newscase.judging import render, store
from newscase.judging.model import WRITTEN, BadJudgement, Item, compare, parse

CHOOSE = "\u2014 choose \u2014"


class JudgeView:
    """One item to judge (what ``newscase.judge.show`` returns)."""

    def __init__(self, item: Item, source_names: dict[str, str] | None = None):
        self.item = item
        self.source_names = source_names or {}

    def widget(self):
        return JudgePanel(self.item, self.source_names).box

    def static(self):
        return render.static(self.item, self.source_names)

    def _repr_mimebundle_(self, include=None, exclude=None):
        return with_widget(self.static(), self.widget)

    def __repr__(self) -> str:
        return self.static().text


class JudgePanel:
    """The controls: scale (and attribution), reason or answer, Commit, message, reveal."""

    def __init__(self, item: Item, source_names: dict[str, str]):
        import ipywidgets as widgets

        self.item, self.source_names = item, source_names
        self.header = widgets.HTML(render.header_html(item) + render.scale_html(item))
        controls = []
        self.verdict = self.attribution = None
        if item.kind not in WRITTEN:
            options = [(CHOOSE, "")] + [(item.label(c), c) for c in item.choices]
            self.verdict = widgets.Dropdown(options=options, value="", description="Verdict")
            controls.append(self.verdict)
            if item.asks_attribution:
                said = [(CHOOSE, "")] + [(a, a) for a in ("confirmed", "copies-only", "not-found")]
                self.attribution = widgets.Dropdown(
                    options=said, value="", description="Said so?"
                )
                controls.append(self.attribution)
            self.reason = widgets.Text(
                placeholder="Your reason, in one line", description="Reason"
            )
        else:
            self.reason = widgets.Textarea(
                placeholder="Your answer, before you see the model answer",
                description="Answer",
                rows=5,
            )
        controls.append(self.reason)
        self.commit_button = widgets.Button(
            description="Commit my judgement",
            tooltip="Save your judgement; the module's view opens after it",
        )
        self.commit_button.add_class("newscase-judge-commit")
        self.commit_button.on_click(lambda _button: self.commit())
        self.message = widgets.HTML("")
        self.reveal = widgets.HTML("")
        self.reveal.add_class("newscase-judge-reveal")
        self.box = widgets.VBox(
            [self.header, *controls, self.commit_button, self.message, self.reveal]
        )
        self.box.add_class("newscase-judge")
        self.box.add_class(f"newscase-judge-{item.kind}")
        earlier = store.saved(item.id)
        if earlier is not None:
            self._show(earlier, "You committed this judgement earlier.")
        else:
            told = " ".join(progress.take_notices())
            self.message.value = _warning(told) if told else ""

    def commit(self):
        """Check the inputs; save them; show the module's view. Returns the Judgement."""
        try:
            judgement = parse(
                self.item,
                verdict=self.verdict.value if self.verdict else None,
                reason=self.reason.value if self.item.kind not in WRITTEN else None,
                attribution=self.attribution.value if self.attribution else None,
                text=self.reason.value if self.item.kind in WRITTEN else None,
            )
        except BadJudgement as problem:
            self.message.value = (
                f'<p role="alert" class="newscase-judge-problem">\u26a0 {render._e(problem)}</p>'
            )
            return None
        kept, told = store.commit(self.item.id, self.item.notebook, judgement)
        self._show(kept, told or "")
        return kept

    def _show(self, judgement, note: str) -> None:
        comparison = compare(self.item, judgement)
        self.reveal.value = (
            '<div role="status" aria-live="polite">'
            + render.judgement_html(self.item, judgement, comparison)
            + render.module_view_html(self.item, self.source_names)
            + "</div>"
        )
        for control in (self.verdict, self.attribution, self.reason, self.commit_button):
            if control is not None:
                control.disabled = True
        if self.verdict is not None and judgement.verdict:
            self.verdict.value = judgement.verdict
        if self.attribution is not None and judgement.attribution:
            self.attribution.value = judgement.attribution
        self.reason.value = judgement.text or judgement.reason
        self.message.value = _warning(note) if note and "could not" in note.lower() else (
            f"<p><small>{render._e(note)}</small></p>" if note else ""
        )


def _warning(text: str) -> str:
    return (
        '<p role="alert" class="newscase-judge-saving" style="border-left:4px solid #b26a00;'
        f'padding:2px 8px">\u26a0 {render._e(text)}</p>'
    )
