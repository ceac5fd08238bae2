"""Lazy package attributes: a name loads its submodule on first use, not at import time.

Used by the package ``__init__`` files so that ``import newscase`` (or ``newscase.maps``)
stays cheap: pandas, folium, ipywidgets and matplotlib load only when needed.
"""

from __future__ import annotations

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
