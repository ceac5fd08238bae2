"""The article's parts: headline, standfirst, photo caption and credit, body paragraphs.

Paragraph numbers follow :func:`newscase.core.article.lines` ([1] headline, [2] standfirst,
...), so a notebook can cite "¶ n". Every text is a verbatim slice of the article:
``article.text[p.start:p.end] == p.text``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from newscase.core.article import Article, load_article

CREDIT = re.compile(r"\(photo credit:\s*(?P<credit>[^)]+)\)\s*$", re.IGNORECASE)
# A capitalised "The" straight after a word, with no full stop between: a lost sentence end.
MISSING_STOP = re.compile(r"(?<=[A-Za-z]) (?=The [A-Z])")

KINDS = ("headline", "standfirst", "caption", "credit", "body")


@dataclass(frozen=True)
class Paragraph:
    """One non-empty line of the article, with its place in the raw text."""

    number: int  # ¶ n, as in newscase.core.article.lines()
    kind: str  # headline, standfirst, caption, credit or body
    text: str
    start: int  # offsets into Article.text
    end: int
    body_number: int | None = None  # 1, 2, ... for body paragraphs
    duplicate_of: int | None = None  # ¶ of an earlier line with the same caption


@dataclass(frozen=True)
class Caption:
    """The photo caption (without its credit), the credit, and the ¶ numbers showing them."""

    text: str
    credit: str
    paragraphs: tuple[int, ...]


@dataclass(frozen=True)
class Oddity:
    """Something in the copy a careful reader should know is not a typo of ours."""

    paragraph: int
    description: str


@dataclass(frozen=True)
class Structure:
    """The article split into its parts; ``paragraphs`` holds every line in order."""

    paragraphs: tuple[Paragraph, ...]
    caption: Caption
    oddities: tuple[Oddity, ...]

    @property
    def headline(self) -> Paragraph:
        return self._only("headline")

    @property
    def standfirst(self) -> Paragraph:
        return self._only("standfirst")

    @property
    def body(self) -> tuple[Paragraph, ...]:
        return tuple(p for p in self.paragraphs if p.kind == "body")

    def paragraph(self, number: int) -> Paragraph:
        """The paragraph with this ¶ number."""
        for p in self.paragraphs:
            if p.number == number:
                return p
        raise KeyError(f"no paragraph ¶ {number}; the article has ¶ 1 to ¶ {len(self.paragraphs)}")

    def locate(self, offset: int) -> Paragraph:
        """The paragraph containing a character offset of the article text."""
        for p in self.paragraphs:
            if p.start <= offset < p.end:
                return p
        raise ValueError(f"offset {offset} is not inside any paragraph")

    def _only(self, kind: str) -> Paragraph:
        return next(p for p in self.paragraphs if p.kind == kind)


def _lines_with_offsets(text: str) -> list[tuple[str, int, int]]:
    """Non-empty lines, stripped, with their offsets (same lines as article.lines())."""
    found, position = [], 0
    for raw in text.splitlines(keepends=True):
        stripped = raw.strip()
        if stripped:
            start = position + raw.index(stripped)
            found.append((stripped, start, start + len(stripped)))
        position += len(raw)
    return found


def split(article: Article) -> Structure:
    """Split an article: line 1 headline, line 2 standfirst, then caption and credit lines
    (a line ending in "(photo credit: ...)", a bare credit line, or a repeat of the
    caption), then body paragraphs."""
    items = _lines_with_offsets(article.text)
    if len(items) < 3:
        raise ValueError("expected at least a headline, a standfirst and one paragraph")
    paragraphs: list[Paragraph] = []
    caption_text, credit, caption_numbers = "", "", []
    seen_captions: dict[str, int] = {}
    body_count = 0
    in_body = False
    for number, (line, start, end) in enumerate(items, start=1):
        if number <= 2:
            kind = "headline" if number == 1 else "standfirst"
            paragraphs.append(Paragraph(number, kind, line, start, end))
            continue
        match = CREDIT.search(line)
        bare = CREDIT.sub("", line).strip()
        if not in_body and match and not bare:
            credit = credit or match["credit"].strip()
            paragraphs.append(Paragraph(number, "credit", line, start, end))
            caption_numbers.append(number)
            continue
        if not in_body and (match or bare in seen_captions):
            caption_text = caption_text or bare
            credit = credit or (match["credit"].strip() if match else "")
            paragraphs.append(
                Paragraph(number, "caption", line, start, end, duplicate_of=seen_captions.get(bare))
            )
            seen_captions.setdefault(bare, number)
            caption_numbers.append(number)
            continue
        in_body = True
        body_count += 1
        paragraphs.append(Paragraph(number, "body", line, start, end, body_number=body_count))
    caption = Caption(caption_text, credit, tuple(caption_numbers))
    return Structure(tuple(paragraphs), caption, tuple(_oddities(paragraphs)))


def _oddities(paragraphs: list[Paragraph]) -> list[Oddity]:
    found, credited = [], False
    for p in paragraphs:
        if p.kind == "caption" and CREDIT.search(p.text):
            found.append(Oddity(p.number, "the caption carries its photo credit on the same line"))
            credited = True
        if p.duplicate_of:
            found.append(Oddity(p.number, f"the caption of ¶ {p.duplicate_of} is printed again"))
        if p.kind == "credit" and credited:
            found.append(Oddity(p.number, "the photo credit is printed again on its own line"))
        for match in MISSING_STOP.finditer(p.text):
            before = p.text[: match.start()].split()[-1]
            found.append(
                Oddity(
                    p.number,
                    f"no full stop between '{before}' and 'The': two sentences run together",
                )
            )
    return found


@functools.lru_cache(maxsize=1)
def article_structure() -> Structure:
    """The structure of the packaged seed article (cached)."""
    return split(load_article())


