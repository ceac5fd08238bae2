"""Text helpers every layer shares: one normaliser, one folder, one sentence splitter.

- :func:`normalise` makes two spellings of the same words compare equal: curly and
  straight quotes, dashes, no-break spaces and runs of white space (quotes of the
  article are checked with it);
- :func:`fold` lower-cases and normalises one character for one, so offsets in the
  folded text are offsets in the original (the framing toolkit marks words in place);
- :func:`clean` drops invisible characters (zero-width, bidi marks) from typed text;
- :func:`sentence_spans` and :func:`sentences` split text into sentences: a sentence ends
  at ``.``, ``!`` or ``?`` (and a closing quote) before white space and a capital, an
  opening quote or a bracket, so "40km. to the border" stays one sentence.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Typographic variants that count as the same character when matching quotes.
EQUIVALENT = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "\u2032": "'",
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2012": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)
SENTENCE_END = re.compile(r"[.!?][\u201d\"\u2019]?(?=\s+[\u201c\"\u2018(A-Z])")


def normalise(text: str) -> str:
    """Fold curly quotes, dashes and runs of white space, so quotes compare fairly."""
    text = unicodedata.normalize("NFC", text).translate(EQUIVALENT)
    return re.sub(r"\s+", " ", text).strip()


def contains_quote(text: str, quote: str) -> bool:
    """True if ``quote`` occurs in ``text`` up to white space and quote-mark style."""
    needle = normalise(quote)
    return bool(needle) and needle in _normalised(text)


@functools.lru_cache(maxsize=8)
def _normalised(text: str) -> str:
    """``normalise(text)``, cached: the loader checks every quote against the same article."""
    return normalise(text)


def name_key(name: object) -> str:
    """How names are compared: case, quote marks, dashes and spacing folded."""
    return normalise(str(name)).casefold()


def clean(value: str) -> str:
    """NFC text without invisible characters (zero-width, bidi marks, surrogates), one line."""
    value = unicodedata.normalize("NFC", value)
    kept = []
    for char in value:
        category = unicodedata.category(char)
        if category in ("Cf", "Cs"):
            continue  # zero-width spaces and joiners, RTL/LTR marks, lone surrogates
        kept.append(" " if category in ("Cc", "Zl", "Zp") else char)
    return re.sub(r"\s+", " ", "".join(kept)).strip()


# ---- matching phrases without losing character offsets


@functools.lru_cache(maxsize=1024)
def fold(text: str) -> str:
    """Lower-case ``text`` and fold curly quotes and dashes, one character for one, so
    offsets in the folded text are offsets in the original. (Cached: the same paragraphs
    are folded once for every actor and term they are searched for.)"""
    return "".join(map(_fold_char, text))


_FOLDED: dict[str, str] = {}  # character -> its folded form (the same for every text)


def _fold_char(ch: str) -> str:
    try:
        return _FOLDED[ch]
    except KeyError:
        folded = (normalise(ch) or ch).lower()
        _FOLDED[ch] = result = folded if len(folded) == 1 else ch
        return result


def phrase_pattern(phrase: str) -> re.Pattern:
    """A regex for ``phrase`` in folded text: any white space between words, whole words."""
    words = [re.escape(w) for w in normalise(phrase).lower().split(" ")]
    body = r"\s+".join(words)
    start = r"(?<![\w])" if re.match(r"\w", words[0]) else ""
    end = r"(?![\w])" if re.search(r"\w$", phrase.strip()) else ""
    return re.compile(start + body + end)


# ---- sentences


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of one paragraph or line, white space left out."""
    spans, start = [], len(text) - len(text.lstrip())
    for match in SENTENCE_END.finditer(text):
        spans.append((start, match.end()))
        rest = text[match.end() :]
        start = match.end() + len(rest) - len(rest.lstrip())
    end = len(text.rstrip())
    if start < end:
        spans.append((start, end))
    return spans


def sentences(text: str) -> list[str]:
    """The sentences of ``text``, line by line (a line break always ends a sentence)."""
    return [line[s:e] for line in text.splitlines() for s, e in sentence_spans(line)]
