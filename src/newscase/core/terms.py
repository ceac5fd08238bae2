"""The loaded and contested terms of terms.yaml, checked against the article.

>>> from newscase.core.terms import load_terms
>>> load_terms()[0].id  # doctest: +SKIP

terms.yaml sits beside the core tables; ``load_terms(folder)`` checks it against the
sources of the same folder, so errors name the file, the record and the field. Where the
article uses each term is :func:`newscase.framing.terms.find_terms`; the reader
(:func:`newscase.read`) looks for the same terms in any text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from newscase.core.article import load_article
from newscase.core.datafiles import cached_per_folder
from newscase.core.text import contains_quote
from newscase.core.validate import (
    Field,
    Records,
    Schema,
    identifier,
    nonempty_list,
    text,
)

TERMS = Schema(
    "terms.yaml",
    (
        Field("id", identifier),
        Field("term", nonempty_list),
        Field("neutral_alternatives", nonempty_list),
        Field("who_uses", nonempty_list),
        Field("note", text),
        Field("sources", nonempty_list, ref="sources"),
    ),
)


@dataclass(frozen=True)
class Term:
    """A loaded or contested term: the article's forms of it and what else could be said."""

    id: str
    forms: tuple[str, ...]  # as the article uses them
    neutral_alternatives: tuple[str, ...]
    who_uses: tuple[str, ...]
    note: str
    sources: tuple[str, ...]


@cached_per_folder
def load_terms(folder: Path) -> tuple[Term, ...]:
    """Read and check terms.yaml (cached per folder); raise DataError listing problems."""
    from newscase.core.case import load_records

    records = load_records(TERMS, folder, checks=[_forms_in_article])
    return tuple(
        Term(
            r["id"],
            r["term"],
            r["neutral_alternatives"],
            r["who_uses"],
            r["note"],
            r["sources"],
        )
        for r in records
    )


def _forms_in_article(records: Records, case) -> list[str]:
    article = load_article()
    return [
        f"{where}, field 'term': '{form[:60]}' is not in the article; "
        "expected the article's own wording (verbatim)"
        for record, where in records.located()
        for form in record.get("term") or ()
        if not contains_quote(article.text, form)
    ]
