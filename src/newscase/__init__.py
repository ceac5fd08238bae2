"""newscase: read one news article critically, in Jupyter.

Importing the package is cheap: submodules (and pandas, folium, ipywidgets) load only
when first used, e.g. ``newscase.load_case()`` or ``newscase.check_setup()``.
"""

from importlib import import_module

__version__ = "0.1.0"

# name -> (submodule, attribute): resolved on first access, not at import time.
_LAZY = {
    "load_case": ("newscase.case", "load_case"),
    "Case": ("newscase.case", "Case"),
    "DataError": ("newscase.validate", "DataError"),
    "check_setup": ("newscase.setup_check", "check_setup"),
    "module_map": ("newscase.course", "module_map"),
    "article": ("newscase.article", "load_article"),
    "cite": ("newscase.sources", "cite"),
}

__all__ = ["__version__", *_LAZY]


def __getattr__(name):
    try:
        module_name, attribute = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'newscase' has no attribute {name!r}") from None
    value = getattr(import_module(module_name), attribute)
    globals()[name] = value
    return value


def __dir__():
    return sorted(__all__)
