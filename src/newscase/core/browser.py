"""Whether the module runs in JupyterLite (Python in the browser), and where it may save.

The one place that asks: the progress store and the set-up check both call these.
JupyterLite's Pyodide kernel reports ``sys.platform == "emscripten"``. Its files live in
memory and vanish on reload, except under ``/drive``: the site's file browser, which
JupyterLite keeps in the browser's storage. The kernel mounts ``/drive`` only when the
browser lets it reach that storage, so the folder may be missing.
"""

from __future__ import annotations

import sys
from pathlib import Path

DRIVE = Path("/drive")
STATE_FOLDER = "newscase-progress"  # visible in the file browser, so students can remove it


def in_browser() -> bool:
    """True in JupyterLite's Pyodide kernel (and any other Emscripten build of Python)."""
    return sys.platform == "emscripten"


def drive() -> Path | None:
    """The kept folder (``/drive``) when running in the browser and it is mounted, else None."""
    return DRIVE if in_browser() and DRIVE.is_dir() else None


def state_dir() -> Path | None:
    """Where saved state goes in the browser (a folder in ``/drive``); None elsewhere."""
    kept = drive()
    return kept / STATE_FOLDER if kept else None
