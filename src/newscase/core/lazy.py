"""Lazy package attributes: a name loads its submodule on first use, not at import time.

Used by the package ``__init__`` files so that ``import newscase`` (or ``newscase.maps``)
stays cheap: pandas, folium, ipywidgets and matplotlib load only when needed. Where the
module loads one of those large libraries it calls :func:`loaded_large_library`.
"""

from __future__ import annotations

import atexit
import gc
import sys
from collections.abc import Callable, Iterable, Mapping
from importlib import import_module


def lazy_attributes(
    package: str,
    names: Mapping[str, tuple[str, str]],
    *,
    extra: Iterable[str] = (),
    submodules: Iterable[str] = (),
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """``(__getattr__, __dir__)`` for ``package``: ``names`` maps a public name to
    ``(submodule, attribute)``; ``submodules`` are imported on first access as attributes
    (``newscase.quiz`` after a bare ``import newscase``); ``extra`` lists the package's
    other public names."""
    modules = frozenset(submodules)
    listed = sorted({*names, *extra, *modules})

    def __getattr__(name: str):
        if name in modules:
            return import_module(f"{package}.{name}")  # the import sets the attribute
        try:
            module_name, attribute = names[name]
        except KeyError:
            raise AttributeError(f"module {package!r} has no attribute {name!r}") from None
        value = getattr(import_module(module_name), attribute)
        setattr(sys.modules[package], name, value)  # later lookups skip __getattr__
        return value

    def __dir__() -> list[str]:
        return listed

    return __getattr__, __dir__


_QUICK_EXIT: list[bool] = []  # one entry once the exit handler is registered


def loaded_large_library() -> None:
    """Let the interpreter skip its last, slow garbage collection when it exits.

    At exit Python runs the garbage collector over every object still alive. Once pandas,
    matplotlib or folium are loaded those are several hundred thousand, and a notebook's
    kernel took 0.2-0.4 s longer to shut down (or restart) than a bare one. An exit
    handler, registered here once, freezes them first (:func:`gc.freeze` moves them out
    of the collector's reach), so that pass has nothing to do; the process's memory goes
    back to the system as always. Nothing changes while the kernel runs. The only
    difference: cyclic garbage still present at exit is not finalised, which Python does
    not promise anyway.
    """
    if not _QUICK_EXIT:
        atexit.register(gc.freeze)
        _QUICK_EXIT.append(True)
