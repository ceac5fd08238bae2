"""Where the article uses the loaded and contested terms of terms.yaml.

>>> from newscase.framing.terms import find_terms
>>> [o.paragraph for o in find_terms() if o.term == "dash"]
[6, 15]

The terms themselves are read and checked by :func:`newscase.core.terms.load_terms`.
"""

from __future__ import annotations

from dataclasses import dataclass

from newscase.core.article import load_article
from newscase.core.terms import Term, load_terms
from newscase.core.text import fold, phrase_pattern
from newscase.framing.structure import article_structure, split

__all__ = ["Occurrence", "Term", "find_terms", "load_terms", "term_by_id"]


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
