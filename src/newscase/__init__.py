"""newscase: read one news article critically, in Jupyter.

Importing the package is cheap: submodules (and pandas, folium, ipywidgets) load only
when first used, e.g. ``newscase.load_case()`` or ``newscase.check_setup()``.
"""

from newscase.core.lazy import lazy_attributes

__version__ = "0.1.0"

# name -> (submodule, attribute): resolved on first access, not at import time.
_LAZY = {
    "load_case": ("newscase.core.case", "load_case"),
    "Case": ("newscase.core.case", "Case"),
    "DataError": ("newscase.core.validate", "DataError"),
    "check_setup": ("newscase.lessons.setup_check", "check_setup"),
    "module_map": ("newscase.core.course", "module_map"),
    "core_path": ("newscase.core.course", "core_path"),
    "glossary": ("newscase.core.glossary", "glossary"),
    "primer": ("newscase.core.glossary", "primer"),
    "cite": ("newscase.core.sources", "cite"),
    "judge": ("newscase.lessons", "judge"),
    "read": ("newscase.reader", "read"),
}

# Subpackages and modules reachable as attributes after a bare ``import newscase``
# (``newscase.quiz.check(...)``), each imported on first use.
_SUBMODULES = (
    "core", "exercises", "framing", "judging", "lessons", "maps", "network", "quiz", "reader",
    "timeline",
)  # fmt: skip

__all__ = ["__version__", *_LAZY]

__getattr__, __dir__ = lazy_attributes(__name__, _LAZY, extra=__all__, submodules=_SUBMODULES)
