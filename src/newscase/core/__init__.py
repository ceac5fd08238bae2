"""The core layer: the one case loader, data files, schemas and validation, sources and
citations, the article, the course outline, display, errors, dates and text.

Core imports no engine and no lesson. Its modules load on first use
(``newscase.core.browser`` after a bare ``import newscase``).
"""

from newscase.core.lazy import lazy_attributes

_MODULES = (
    "article",
    "browser",
    "case",
    "course",
    "datafiles",
    "dates",
    "display",
    "errors",
    "explorer",
    "figures",
    "glossary",
    "lazy",
    "lookup",
    "progress",
    "runner",
    "schemas",
    "sources",
    "terms",
    "text",
    "validate",
)

__getattr__, __dir__ = lazy_attributes(__name__, {}, submodules=_MODULES)
