"""Other views of the article: competing framings, the perspectives activity, the claim
ledger and the headline exercise (notebook 04).

Each part is data in ``newscase/data`` (framings.yaml and framing_perspectives.yaml,
perspectives.yaml, claims.yaml, headline_rubric.yaml, headlines.yaml), checked by a loader
that names file, record and field, and shown by renderers that return
:class:`newscase.core.display.Rendered` (HTML and plain text).

>>> from newscase import perspectives
>>> perspectives.framings_table()          # who frames the advance how, with dates and sources
>>> perspectives.role_card("adviser_krg")  # one role of the perspectives activity
>>> perspectives.ledger_table()            # the article's claims with verdicts

Importing this package is cheap: each name loads its submodule on first use.
"""

from newscase.core.lazy import lazy_attributes

# name -> (submodule, attribute): resolved on first access, not at import time.
_LAZY = {
    "load_perspectives": ("newscase.lessons.perspectives.framings", "load_perspectives"),
    "load_framings": ("newscase.lessons.perspectives.framings", "load_framings"),
    "framings_table": ("newscase.lessons.perspectives.framings", "framings_table"),
    "framing_detail": ("newscase.lessons.perspectives.framings", "framing_detail"),
    "shared_terms": ("newscase.lessons.perspectives.framings", "shared_terms"),
    "load_roles": ("newscase.lessons.perspectives.roles", "load_roles"),
    "roles_table": ("newscase.lessons.perspectives.roles", "roles_table"),
    "role_card": ("newscase.lessons.perspectives.roles", "role_card"),
    "role_cards": ("newscase.lessons.perspectives.roles", "role_cards"),
    "load_rubric": ("newscase.lessons.perspectives.headlines", "load_rubric"),
    "load_headlines": ("newscase.lessons.perspectives.headlines", "load_headlines"),
    "rubric_table": ("newscase.lessons.perspectives.headlines", "rubric_table"),
    "rubric_markdown": ("newscase.lessons.perspectives.headlines", "rubric_markdown"),
    "headlines_table": ("newscase.lessons.perspectives.headlines", "headlines_table"),
    "score_headlines": ("newscase.lessons.perspectives.headlines", "score_headlines"),
    "claim_paragraph": ("newscase.lessons.perspectives.ledger", "claim_paragraph"),
    "verdict_counts": ("newscase.lessons.perspectives.ledger", "verdict_counts"),
    "ledger_table": ("newscase.lessons.perspectives.ledger", "ledger_table"),
    "claim_worksheet": ("newscase.lessons.perspectives.ledger", "claim_worksheet"),
    "claims_index": ("newscase.lessons.perspectives.ledger", "claims_index"),
    "photo_check": ("newscase.lessons.perspectives.ledger", "photo_check"),
    "parts_table": ("newscase.lessons.perspectives.parts", "parts_table"),
}

__all__ = list(_LAZY)

__getattr__, __dir__ = lazy_attributes(__name__, _LAZY)
