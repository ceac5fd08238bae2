"""The "just run this cell" check: Python, packages, the case data and widgets.

>>> report = check_setup()      # doctest: +SKIP
>>> report.ok
True

Displayed in a notebook it shows a table of checks, each with a fix when it fails. In
JupyterLite (Python in the browser) it skips JupyterLab, which the browser replaces, and
says where quiz progress is kept there.
"""

from __future__ import annotations

import html
import os
import platform
import re
from dataclasses import dataclass
from importlib import metadata

from newscase.core import browser
from newscase.core.display import Rendered, join, paragraphs, table

FIX_INSTALL = (
    "Close JupyterLab, then in a terminal in the module's folder run `make lab` again "
    '(it installs what is missing). Or run `%pip install "{requirement}"` in a cell '
    "and restart the kernel (menu Kernel > Restart Kernel)."
)
FIX_INSTALL_BROWSER = (
    "Run the notebook's first code cell (it installs the module into this browser's Python), "
    "then this cell again."
)
WIDGET_NOTE = (
    "Widgets: if you are in JupyterLab and read this sentence instead of a green box "
    "saying 'Widgets work', run this cell again; if it persists, restart JupyterLab with "
    "`make lab`. (On GitHub or in an HTML export, this is expected: quizzes then show "
    "their questions and answers as text.)"
)
WIDGET_NOTE_BROWSER = (
    "Widgets: if you read this sentence instead of a green box saying 'Widgets work', "
    "run this cell again; if it persists, reload the page."
)
FRONT_END = "jupyterlab"  # not installed in the browser: JupyterLite is the front end there
BROWSER_NOTE = (
    "You are using JupyterLite: Python runs inside this browser tab (Pyodide) and nothing is "
    "installed on your computer, so JupyterLab itself is not needed."
)
BROWSER_KEPT = (
    "Your quiz answers are saved in this browser's storage, in the folder {folder} of the "
    "file browser. They survive a reload, but they are lost if this site's data is cleared "
    "from the browser, and another browser or computer does not see them."
)
BROWSER_NOT_KEPT = (
    "This browser did not give Python access to the site's storage, so your quiz answers "
    "are kept only until the page is reloaded or the kernel restarts."
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


def _fix_install(requirement: str) -> str:
    if browser.in_browser():
        return FIX_INSTALL_BROWSER
    return FIX_INSTALL.format(requirement=requirement)


def _check_package(name: str, minimum: str) -> Check:
    try:
        found = metadata.version(name)
    except metadata.PackageNotFoundError:
        requirement = f"{name}>={minimum}"
        return Check(name, False, "not installed", f">={minimum}", _fix_install(requirement))
    ok = _version_tuple(found) >= _version_tuple(minimum)
    fix = "" if ok else _fix_install(f"{name}>={minimum}")
    return Check(name, ok, found, f">={minimum}", fix)


def _check_data() -> Check:
    from newscase.core.case import load_case
    from newscase.core.validate import DataError

    try:
        case = load_case()
    except DataError as exc:
        return Check("case data", False, f"{len(exc.problems)} problem(s)", "valid", str(exc))
    counts = ", ".join(f"{len(rows)} {name}" for name, rows in case.records.items())
    return Check("case data", True, counts, "valid")


WRITABLE = "a folder you can write to"


def _shown(folder) -> str:
    """The state folder as a student would recognise it, the same on every machine."""
    from newscase.core.progress import ENV_HOME

    if browser.in_browser():
        return str(folder)
    if os.environ.get(ENV_HOME, "").strip():
        return f"the folder {ENV_HOME} names"
    return "~/.newscase"


def _check_saving() -> Check:
    """Can quiz progress be saved? Try it in the state folder (a file made and removed)."""
    from newscase.core.progress import ENV_HOME, state_dir, writable

    folder = state_dir()
    problem = writable(folder)
    if problem is None:
        return Check("saving progress", True, f"can save in {_shown(folder)}", WRITABLE)
    fix = (
        f"Quiz answers will be forgotten when the kernel restarts. Set {ENV_HOME} to a folder "
        f"you can write to (for example: make lab {ENV_HOME}=$HOME/newscase-progress), then "
        "restart the kernel."
    )
    return Check("saving progress", False, f"cannot save in {folder}: {problem}", WRITABLE, fix)


@dataclass(frozen=True)
class SetupReport:
    """All checks, and notes on where the module runs; displays as a table (and a live
    widget when widgets work)."""

    checks: tuple[Check, ...]
    notes: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)

    def _rendered(self) -> Rendered:
        rows = []
        for c in self.checks:
            plain = c.name in ("case data", "saving progress") or not c.ok
            found = c.found if plain else f"installed {c.found}"
            rows.append(("ok" if c.ok else "PROBLEM", c.name, found, c.needed, c.fix or "-"))
        summary = (
            "All set: everything the module needs is here."
            if self.ok
            else "Something needs fixing: see the PROBLEM lines and their fixes."
        )
        checks = table(("Status", "Check", "Found", "Needed", "Fix"), rows, caption=summary)
        return join(checks, paragraphs(*self.notes)) if self.notes else checks

    def _repr_mimebundle_(self, include=None, exclude=None):
        rendered = self._rendered()
        widget_note = WIDGET_NOTE_BROWSER if browser.in_browser() else WIDGET_NOTE
        note = f'<p class="newscase-widget-note">{html.escape(widget_note)}</p>'
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


def _browser_notes() -> tuple[str, ...]:
    from newscase.core.progress import state_dir

    folder, kept = state_dir(), browser.drive()
    if kept is not None and folder.is_relative_to(kept):
        return BROWSER_NOTE, BROWSER_KEPT.format(folder=folder.relative_to(kept).as_posix())
    return BROWSER_NOTE, BROWSER_NOT_KEPT


def check_setup() -> SetupReport:
    """Check Python, every runtime package, and the case data; never raises."""
    in_browser = browser.in_browser()
    checks = [_check_python()]
    checks += [
        _check_package(name, minimum)
        for name, minimum in runtime_requirements()
        if not (in_browser and name.lower() == FRONT_END)
    ]
    checks.append(_check_data())
    checks.append(_check_saving())
    return SetupReport(tuple(checks), _browser_notes() if in_browser else ())
