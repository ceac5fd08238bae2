"""newscase: read one news article critically, in Jupyter.

Importing the package is cheap: submodules (and pandas, folium, ipywidgets) load only
when first used, e.g. ``newscase.load_case()`` or ``newscase.check_setup()``.
"""

from newscase._lazy import lazy_attributes

__version__ = "0.1.0"

# name -> (submodule, attribute): resolved on first access, not at import time.
_LAZY = {
    "load_case": ("newscase.case", "load_case"),
    "Case": ("newscase.case", "Case"),
    "DataError": ("newscase.validate", "DataError"),
    "check_setup": ("newscase.setup_check", "check_setup"),
    "module_map": ("newscase.course", "module_map"),
    "cite": ("newscase.sources", "cite"),
}

# Subpackages and modules reachable as attributes after a bare ``import newscase``
# (``newscase.quiz.check(...)``), each imported on first use.
_SUBMODULES = (
    "browser",
    "exercises",
    "figures",
    "framing",
    "geo",
    "maps",
    "network",
    "perspectives",
    "predictions",
    "profiles",
    "quiz",
    "reading",
    "territory",
    "timeline",
)

__all__ = ["__version__", *_LAZY]

__getattr__, __dir__ = lazy_attributes(__name__, _LAZY, extra=__all__, submodules=_SUBMODULES)
