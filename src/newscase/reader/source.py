"""What read() is given, made readable: text from None, bytes or HTML, capped, checked for English.

Nothing here raises: each problem becomes a note that the reading shows ("what it could not
do"). :func:`split_sentences` numbers the sentences of the cleaned text, line by line, with
their offsets, using the module's one sentence splitter (:mod:`newscase.core.text`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser

from newscase.core.text import sentence_spans

MAX_CHARS = 100_000  # about 15,000 words: far longer than any news article
HTML_HINT = re.compile(
    r"<(?:!doctype|html|head|body|article|p|div|span|br|h[1-6]|script|style|a\s|li|ul|table)\b",
    re.IGNORECASE,
)
HIDDEN_TAGS = {"script", "style", "noscript", "template", "svg"}
BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "article",
    "section", "header", "footer", "blockquote", "tr", "title", "figcaption", "aside", "main",
}  # fmt: skip
INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
LATIN_WORD = re.compile(r"[A-Za-z]+")
MIN_ENGLISH_SHARE = 0.1  # of words that are very common English words (lexicon stop_words)


@dataclass(frozen=True)
class Source:
    """The text read() analyses, and notes on what it changed or could not do."""

    text: str
    notes: tuple[str, ...]
    english: bool


@dataclass(frozen=True)
class Sentence:
    """One numbered sentence: its number (from 1), offsets into the text, its line."""

    number: int
    start: int
    end: int
    text: str
    line: int  # 0-based index of its line (a paragraph, in most articles)


def prepare(raw: object, stop_words: frozenset[str] = frozenset()) -> Source:
    """The text to analyse, from whatever was passed, with notes; never raises."""
    notes: list[str] = []
    text = _as_text(raw, notes)
    if HTML_HINT.search(text):
        text = _visible_text(text)
        notes.append(
            "The text looked like HTML: tags were removed, character references decoded, "
            "and the contents of <script> and <style> ignored."
        )
    text = INVISIBLE.sub("", unicodedata.normalize("NFC", text.replace("\r\n", "\n")))
    if len(text) > MAX_CHARS:
        original = len(text)
        cut = text.rfind("\n", 0, MAX_CHARS)
        text = text[: cut if cut > MAX_CHARS // 2 else MAX_CHARS]
        notes.append(
            f"The text is {original:,} characters long: only the first {len(text):,} "
            f"(about {len(text) // 6:,} words) were read."
        )
    english = _english(text, stop_words, notes)
    return Source(text, tuple(notes), english)


def _as_text(raw: object, notes: list[str]) -> str:
    if raw is None:
        notes.append("No text was given: pass the article's text as a string.")
        return ""
    if isinstance(raw, bytes | bytearray):
        text = bytes(raw).decode("utf-8", errors="replace")
        bad = text.count("\ufffd")
        notes.append(
            "The text was given as bytes and read as UTF-8"
            + (f"; {bad} character(s) could not be decoded and were replaced." if bad else ".")
        )
        return text
    if not isinstance(raw, str):
        notes.append(
            f"Expected the article's text as a string, got {type(raw).__name__}: nothing was read."
        )
        return ""
    return raw


def _english(text: str, stop_words: frozenset[str], notes: list[str]) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        notes.append("The text has no words: there is nothing to read.")
        return False
    latin = sum(1 for ch in letters if ch.isascii())
    if latin / len(letters) < 0.5:
        notes.append(
            "Most letters of this text are not in the Latin alphabet: read() reads English "
            "only, so it found no voices, places, numbers, dates or terms."
        )
        return False
    words = LATIN_WORD.findall(text)
    common = sum(1 for w in words if w.lower() in stop_words)
    if stop_words and len(words) >= 8 and common / len(words) < MIN_ENGLISH_SHARE:
        notes.append(
            "This text does not read as English (few of its words are common English words): "
            "read() reads English only, so it found no voices, places, numbers, dates or terms."
        )
        return False
    return True


class _Visible(HTMLParser):
    """The text a browser shows: no tags, no <script>/<style> contents, blocks on new lines."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN_TAGS:
            self.hidden += 1
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs):
        if tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in HIDDEN_TAGS:
            self.hidden = max(0, self.hidden - 1)
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def _visible_text(markup: str) -> str:
    parser = _Visible()
    try:
        parser.feed(markup)
        parser.close()
    except Exception:  # html.parser is lenient; a failure must never reach a student
        return re.sub(r"<[^>]*>", " ", markup)
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def split_sentences(text: str) -> list[Sentence]:
    """The numbered sentences of ``text``: a line break always ends a sentence."""
    found: list[Sentence] = []
    position = 0
    for index, line in enumerate(text.split("\n")):
        for start, end in sentence_spans(line):
            found.append(
                Sentence(len(found) + 1, position + start, position + end, line[start:end], index)
            )
        position += len(line) + 1
    return found
