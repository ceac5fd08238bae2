"""Errors about what a student typed: shown in Jupyter as a short message, no traceback."""

from __future__ import annotations


class FriendlyError(ValueError):
    """A mistake in a call a student wrote (a name, a date, an option).

    IPython calls ``_render_traceback_`` instead of printing the traceback, so the cell
    shows only the message, which says what to do.
    """

    def _render_traceback_(self) -> list[str]:
        lines = str(self).splitlines() or [""]
        return [f"{type(self).__name__}: {lines[0]}", *lines[1:]]


class NameNotFound(FriendlyError):
    """No actor or place has the given id, name or alternative name."""


class DateProblem(FriendlyError):
    """A date the module cannot read, or a range that ends before it starts."""


class OptionProblem(FriendlyError):
    """An option (a relation kind, an actor kind, a lane mode) that does not exist."""
