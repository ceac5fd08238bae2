"""Loaded and contested terms: the data of terms.yaml and where the article uses them.

>>> from newscase.framing.terms import load_terms, find_terms
>>> [o.paragraph for o in find_terms() if o.term == "dash"]
[6, 15]

terms.yaml sits beside the core tables; ``load_terms(folder)`` checks it against the
sources of the same folder, so errors name the file, the record and the field.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from newscase.core.article import load_article
from newscase.core.datafiles import cached_per_folder
from newscase.core.text import contains_quote, fold, phrase_pattern
from newscase.core.validate import (
    Field,
    Records,
    Schema,
    identifier,
    nonempty_list,
    text,
)
from newscase.framing.structure import article_structure, split

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


@dataclass(frozen=True)
class Occurrence:
    """One place the article uses a term."""

    term: str  # term id
    form: str  # the form of terms.yaml that matched
    text: str  # the article's own words there, verbatim
    paragraph: int  # ¶ n
    start: int  # offsets into Article.text
    end: int
    offset: int  # offset within the paragraph


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


def find_terms(terms: tuple[Term, ...] | None = None, article=None) -> list[Occurrence]:
    """Every occurrence of every term, in reading order.

    Matching ignores case and typographic quote style (see newscase.core.article.normalise).
    Within one term the longest form wins where forms overlap ("corridor to the sea"
    counts once, not also as "corridor"); different terms may overlap."""
    terms = load_terms() if terms is None else terms
    structure = article_structure() if article is None else split(article)
    article = load_article() if article is None else article
    found: list[Occurrence] = []
    for paragraph in structure.paragraphs:
        folded = fold(paragraph.text)
        for term in terms:
            taken: list[tuple[int, int]] = []
            for form in sorted(term.forms, key=len, reverse=True):
                for match in phrase_pattern(form).finditer(folded):
                    s, e = match.span()
                    if any(s < te and ts < e for ts, te in taken):
                        continue
                    taken.append((s, e))
                    start = paragraph.start + s
                    found.append(
                        Occurrence(
                            term.id,
                            form,
                            article.text[start : paragraph.start + e],
                            paragraph.number,
                            start,
                            paragraph.start + e,
                            s,
                        )
                    )
    return sorted(found, key=lambda o: (o.start, -o.end, o.term))


def term_by_id(terms: tuple[Term, ...] | None = None) -> dict[str, Term]:
    """The terms keyed by id, in file order."""
    return {t.id: t for t in (load_terms() if terms is None else terms)}
