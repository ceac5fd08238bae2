"""The lessons layer: what serves one notebook (the set-up check and overview of 00, the
territory and profiles of 01 and 02, geography of 03, perspectives of 04, predictions of
05, the judgements to make before the module's are shown, reading lists). Lessons use core,
the engines and each other; nothing below them imports a lesson.
"""

from newscase.core.lazy import lazy_attributes

_MODULES = (
    "geography",
    "judge",
    "overview",
    "perspectives",
    "predictions",
    "profiles",
    "reading",
    "setup_check",
    "territory",
    "your_turn",
)

__getattr__, __dir__ = lazy_attributes(__name__, {}, submodules=_MODULES)
