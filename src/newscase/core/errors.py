"""The module's one error type: a short message in Jupyter, no traceback.

Every error a student or an instructor can cause (a name, a date or an option mistyped, an
answer not ready, a damaged data file) is a :class:`FriendlyError`. IPython calls
``_render_traceback_`` instead of printing the traceback, so the cell shows only the
message, which says what to do. Subclasses also derive from the built-in error a caller
would expect (``ValueError``, ``KeyError``, ``AssertionError``), so ``except`` clauses and
nbgrader's test counting keep working.
"""

from __future__ import annotations


class FriendlyError(Exception):
    """A mistake the message explains; shown without a traceback."""

    show_name = True  # prefix the first line with the error's name

    def _render_traceback_(self) -> list[str]:
        lines = str(self).splitlines() or [""]
        if self.show_name:
            lines[0] = f"{type(self).__name__}: {lines[0]}"
        return lines


class NameNotFound(FriendlyError, ValueError):
    """No actor or place has the given id, name or alternative name."""


class DateProblem(FriendlyError, ValueError):
    """A date the module cannot read, or a range that ends before it starts."""


class OptionProblem(FriendlyError, ValueError):
    """An option (a relation kind, an actor kind, a lane mode) that does not exist."""
