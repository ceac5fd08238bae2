"""The framing toolkit: the article's structure, its voices, loaded terms and absences.

Plain functions over the seed text and the data; notebooks only display their results.
Importing this package is cheap: each name loads its submodule on first use.

Usage in a notebook cell: ``from newscase import framing`` then ``framing.voices_table()``
(HTML in Jupyter, plain text elsewhere).
"""

from newscase.core.lazy import lazy_attributes

# name -> (submodule, attribute): resolved on first access, not at import time.
_LAZY = {
    "article_structure": ("newscase.framing.structure", "article_structure"),
    "split": ("newscase.framing.structure", "split"),
    "find_voices": ("newscase.framing.voices", "find_voices"),
    "word_counts": ("newscase.framing.voices", "word_counts"),
    "count_words": ("newscase.framing.voices", "count_words"),
    "load_terms": ("newscase.core.terms", "load_terms"),
    "find_terms": ("newscase.framing.terms", "find_terms"),
    "find_absences": ("newscase.framing.absences", "find_absences"),
    "flag_mismatches": ("newscase.framing.absences", "flag_mismatches"),
    "structure_table": ("newscase.framing.render", "structure_table"),
    "voices_table": ("newscase.framing.render", "voices_table"),
    "words_table": ("newscase.framing.render", "words_table"),
    "terms_table": ("newscase.framing.render", "terms_table"),
    "absences_table": ("newscase.framing.render", "absences_table"),
    "highlighted_article": ("newscase.framing.render", "highlighted_article"),
    "sourcing_summary": ("newscase.framing.sourcing", "sourcing_summary"),
    "sentence_table": ("newscase.framing.sourcing", "sentence_table"),
    "genre_points": ("newscase.framing.sourcing", "genre_points"),
}

__all__ = list(_LAZY)

__getattr__, __dir__ = lazy_attributes(__name__, _LAZY)
