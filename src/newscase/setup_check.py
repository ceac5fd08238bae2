"""The "just run this cell" check: Python, packages, the case data and widgets.

>>> report = check_setup()      # doctest: +SKIP
>>> report.ok
True

Displayed in a notebook it shows a table of checks, each with a fix when it fails.
"""

from __future__ import annotations

import html
import platform
import re
from dataclasses import dataclass
from importlib import metadata

from newscase.display import Rendered, table

FIX_INSTALL = (
    "Close JupyterLab, then in a terminal in the module's folder run `make lab` again "
    '(it installs what is missing). Or run `%pip install "{requirement}"` in a cell '
    "and restart the kernel (menu Kernel > Restart Kernel)."
)
WIDGET_NOTE = (
    "Widgets: if you are in JupyterLab and read this sentence instead of a green box "
    "saying 'Widgets work', run this cell again; if it persists, restart JupyterLab with "
    "`make lab`. (On GitHub or in an HTML export, this is expected: quizzes then show "
    "their questions and answers as text.)"
)


@dataclass(frozen=True)
class Check:
    """One line of the report."""

    name: str
    ok: bool
    found: str
    needed: str
    fix: str = ""


def _version_tuple(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version)[:3])


def runtime_requirements() -> list[tuple[str, str]]:
    """(distribution, minimum version) pairs from this package's own metadata."""
    pairs = []
    for requirement in metadata.requires("newscase") or []:
        if "extra ==" in requirement:
            continue
        match = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(?:>=\s*([0-9][0-9.]*))?", requirement)
        if match:
            pairs.append((match.group(1), match.group(2) or "0"))
    return pairs


def _check_python() -> Check:
    needed = metadata.metadata("newscase").get("Requires-Python", ">=3.11")
    minimum = re.search(r"[0-9][0-9.]*", needed).group(0)
    found = platform.python_version()
    ok = _version_tuple(found) >= _version_tuple(minimum)
    fix = "" if ok else f"Install Python {minimum} or newer, then run `make lab`."
    return Check("Python", ok, found, f">={minimum}", fix)


def _check_package(name: str, minimum: str) -> Check:
    try:
        found = metadata.version(name)
    except metadata.PackageNotFoundError:
        requirement = f"{name}>={minimum}"
        return Check(
            name,
            False,
            "not installed",
            f">={minimum}",
            FIX_INSTALL.format(requirement=requirement),
        )
    ok = _version_tuple(found) >= _version_tuple(minimum)
    fix = "" if ok else FIX_INSTALL.format(requirement=f"{name}>={minimum}")
    return Check(name, ok, found, f">={minimum}", fix)


def _check_data() -> Check:
    from newscase.case import load_case
    from newscase.validate import DataError

    try:
        case = load_case()
    except DataError as exc:
        return Check("case data", False, f"{len(exc.problems)} problem(s)", "valid", str(exc))
    counts = ", ".join(f"{len(rows)} {name}" for name, rows in case.records.items())
    return Check("case data", True, counts, "valid")


@dataclass(frozen=True)
class SetupReport:
    """All checks; displays as a table (and a live widget when widgets work)."""

    checks: tuple[Check, ...]

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)

    def _rendered(self) -> Rendered:
        rows = []
        for c in self.checks:
            found = c.found if c.name == "case data" or not c.ok else f"installed {c.found}"
            rows.append(("ok" if c.ok else "PROBLEM", c.name, found, c.needed, c.fix or "-"))
        summary = (
            "All set: everything the module needs is here."
            if self.ok
            else "Something needs fixing: see the PROBLEM lines and their fixes."
        )
        return table(("Status", "Check", "Found", "Needed", "Fix"), rows, caption=summary)

    def _repr_mimebundle_(self, include=None, exclude=None):
        rendered = self._rendered()
        note = f'<p class="newscase-widget-note">{html.escape(WIDGET_NOTE)}</p>'
        bundle = {"text/html": rendered.html + note, "text/plain": rendered.text}
        try:
            import ipywidgets as widgets
        except ImportError:
            return bundle
        live = widgets.HTML(
            rendered.html + '<p style="background:#d9f2d9;border:2px solid #2e7d32;padding:4px">'
            "\u2714 Widgets work: quizzes and other interactive parts will run here.</p>"
        )
        view = live._repr_mimebundle_() or {}
        bundle.update({k: v for k, v in view.items() if k.startswith("application/")})
        return bundle

    def __str__(self) -> str:
        return self._rendered().text


def check_setup() -> SetupReport:
    """Check Python, every runtime package, and the case data; never raises."""
    checks = [_check_python()]
    checks += [_check_package(name, minimum) for name, minimum in runtime_requirements()]
    checks.append(_check_data())
    return SetupReport(tuple(checks))
