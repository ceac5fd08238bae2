"""Base of the interactive explorers (timeline, network): a thin ipywidgets layer.

An explorer displays as its live widget *and* a static text/html + text/plain version
(a note, a description and a table), so a notebook read without a kernel still shows the
facts. Subclasses give the note, the static texts, and build and update the widgets.
"""

from __future__ import annotations

import html

from newscase.core.display import Rendered

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


class Explorer:
    """A widget built on first use, displayed together with its static text version."""

    STATIC_NOTE = ""  # says what the interactive version does, and that this is its text
    CSS_CLASS = "newscase-explorer"

    def __init__(self, case=None):
        if case is None:
            from newscase.core.case import load_case

            case = load_case()
        self.case = case
        self._box = None
        self._quiet = False  # True while controls are reset, so update() runs once

    def static_texts(self) -> tuple[str, str, Rendered]:
        """(title, description, table) of the unfiltered view."""
        raise NotImplementedError

    def static(self) -> Rendered:
        """The unfiltered view in words: the note, the description and the table."""
        from newscase.core import figures

        text = figures.text_description(*self.static_texts())
        note = html.escape(self.STATIC_NOTE)
        markup = f'<div class="{self.CSS_CLASS}"><p><em>{note}</em></p>{text.html}</div>'
        return Rendered(markup, f"{self.STATIC_NOTE}\n\n{text.text}")

    @property
    def widget(self):
        """The ipywidgets box (built on first use)."""
        if self._box is None:
            self._build()
        return self._box

    def _build(self) -> None:
        raise NotImplementedError

    @staticmethod
    def status_html(message: str) -> str:
        """A status line that screen readers announce when it changes (text escaped)."""
        return f'<p role="status" aria-live="polite">{html.escape(message)}</p>'

    def _repr_mimebundle_(self, include=None, exclude=None):
        static = self.static()
        bundle = {"text/html": static.html, "text/plain": static.text}
        try:
            view = self.widget._repr_mimebundle_() or {}
        except ImportError:
            return bundle
        bundle.update({k: v for k, v in view.items() if k == WIDGET_VIEW})
        return bundle

    def __repr__(self) -> str:
        return self.static().text
