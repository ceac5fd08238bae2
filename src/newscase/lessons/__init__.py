"""The lessons layer: what serves one notebook (the set-up check and overview of 00, the
territory and profiles of 01 and 02, geography of 03, perspectives of 04, predictions of
05, reading lists). Lessons use core and the engines; nothing imports a lesson.
"""

from newscase.core.lazy import lazy_attributes

_MODULES = (
    "geography",
    "overview",
    "perspectives",
    "predictions",
    "profiles",
    "reading",
    "setup_check",
    "territory",
)

__getattr__, __dir__ = lazy_attributes(__name__, {}, submodules=_MODULES)
