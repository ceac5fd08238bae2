"""Run a notebook in a fresh kernel: the one runner that tools/build_notebooks.py,
bench/, exercises/manage.py and the tests use.

>>> import nbformat                                              # doctest: +SKIP
>>> nb = nbformat.read("notebooks/00_start_here.ipynb", as_version=4)
>>> run_notebook(nb, Path("notebooks"))  # pathlib.Path; the outputs are now in nb

The notebook runs as nbval and a student's "Run All" run it: a new ``python3`` kernel
whose working folder is ``folder``, cells in order. Widget state is not stored, so the
outputs are the stable ones a notebook is committed with.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Mapping
from pathlib import Path

KERNEL = "python3"


def run_notebook(
    nb,
    folder: Path,
    *,
    timeout: int = 300,
    allow_errors: bool = False,
    env: Mapping[str, str] | None = None,
    quiet: bool = False,
    on_cell_start: Callable[[int], None] | None = None,
    on_cell_end: Callable[[int], None] | None = None,
):
    """Execute ``nb`` (an nbformat notebook, changed in place) and return it.

    ``timeout`` is per cell, in seconds. Without ``allow_errors`` a failing cell raises
    nbclient's ``CellExecutionError``; with it, the error is kept as the cell's output and
    the run goes on. ``env`` replaces the kernel's environment; ``quiet`` hides the
    kernel's start-up messages on stderr; ``on_cell_start(i)`` and ``on_cell_end(i)`` are
    called around cell ``i`` (the benchmarks time cells with them).
    """
    from nbclient import NotebookClient

    hooks = {}
    if on_cell_start is not None:
        hooks["on_cell_execute"] = lambda cell, cell_index: on_cell_start(cell_index)
    if on_cell_end is not None:
        hooks["on_cell_executed"] = lambda cell, cell_index, execute_reply: on_cell_end(
            cell_index
        )
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name=KERNEL,
        allow_errors=allow_errors,
        resources={"metadata": {"path": str(folder)}},
        store_widget_state=False,
        **hooks,
    )
    options = {}
    if env is not None:
        options["env"] = dict(env)
    if quiet:
        options["stderr"] = subprocess.DEVNULL
    client.execute(**options)
    return nb
