"""Clean and compare what students type: invisible characters, spelling variants, numbers.

``key`` decides when two spellings count as the same answer. It folds case, accents,
apostrophes (' ’ ‘ ` ʼ), hyphens and dashes, full stops, extra spaces, a leading "the",
Arabic article prefixes ("al-", "el-", "ash-" ...) and doubled letters, so that
"al-Hashd al-Sha'bi", "Hashd al-Shaabi" and "hashd shaabi" share one key. The quiz data
lists genuinely different names (PMU, Popular Mobilization Units, ...) as alternatives.
"""

from __future__ import annotations

import math
import re
import unicodedata

from newscase.core.text import clean

MAX_TEXT = 300  # characters; longer answers are refused before any other work
APOSTROPHES = "'\u2019\u2018\u02bc\u02bb`\u00b4\u2032"
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_ARTICLE_PREFIX = re.compile(
    rf"(?<![^\W\d_])(?:al|el|ad|adh|an|ar|as|ash|at|ath|az)[{DASHES}](?=[^\W\d_])"
)
_DOUBLED_LETTER = re.compile(r"([^\W\d_])\1+")
_DROPPED_WORDS = {"al", "el"}
_QUALIFIERS = re.compile(
    r"^(?:about|around|approximately|approx\.?|roughly|some|over|more than|nearly|almost"
    r"|c\.|ca\.|~|\u2248|>|<|\u2265|\u2264)\s*"
)
_NUMBER = re.compile(r"^([+-]?)(\d+(?:[.,]\d+)*)(?:\s*(.*))?$", re.DOTALL)


def fold(value: str) -> str:
    """The comparable form of a name: lower case, no accents or punctuation, words by spaces."""
    value = unicodedata.normalize("NFKD", clean(value))
    value = "".join(c for c in value if not unicodedata.combining(c)).casefold()
    value = value.translate({ord(c): None for c in APOSTROPHES + "."})
    value = _ARTICLE_PREFIX.sub("", value)
    value = "".join(c if c.isalnum() else " " for c in value)
    words = value.split()
    if words[:1] == ["the"]:
        words = words[1:]
    words = [w for w in words if w not in _DROPPED_WORDS]
    return _DOUBLED_LETTER.sub(r"\1", " ".join(words))


def key(value: str) -> str:
    """``fold`` without spaces: the string two answers must share to count as equal."""
    return fold(value).replace(" ", "")


def parse_number(value: str, unit: str | None, unit_names: tuple[str, ...] = ()):
    """Read a typed number such as "40", " 40.0 ", "40,5", "40km", "over 40 km".

    Returns (number, None) or (None, message) where the message says what to type.
    A comma followed by exactly three digits is a thousands separator ("1,000"); any
    other single comma is a decimal comma ("40,5").
    """
    unit_label = f" (in {unit})" if unit else ""
    example = "12 " + unit if unit else "12"
    text = unicodedata.normalize("NFKC", clean(value)).lower().replace("\u2212", "-")
    text = _QUALIFIERS.sub("", text)
    match = _NUMBER.match(text)
    if not match:
        return None, (
            f"Please type the answer as a number in digits{unit_label}, for example {example}."
        )
    sign, digits, rest = match.group(1), match.group(2), (match.group(3) or "").strip()
    number = _digits_to_float(digits)
    if number is None:
        return None, f"I could not read {digits!r} as one number; type it like 1000 or 40.5."
    if rest:
        problem = _unit_problem(rest, unit, unit_names, example)
        if problem:
            return None, problem
    number = -number if sign == "-" else number
    if not math.isfinite(number):
        return None, "That number is too large; type an ordinary number."
    return number, None


def _digits_to_float(digits: str) -> float | None:
    separators = [c for c in digits if c in ".,"]
    groups = re.split(r"[.,]", digits)
    if not separators:
        whole, fraction = digits, ""
    elif len(set(separators)) == 2:
        decimal = separators[-1]
        if separators.count(decimal) > 1 or not all(len(g) == 3 for g in groups[1:-1]):
            return None
        whole, fraction = digits.rsplit(decimal, 1)
        whole = whole.replace("," if decimal == "." else ".", "")
    elif len(separators) > 1 or (separators == [","] and len(groups[-1]) == 3):
        if not all(len(g) == 3 for g in groups[1:]):
            return None
        whole, fraction = "".join(groups), ""
    else:
        whole, fraction = groups
    try:
        return float(f"{int(whole)}.{int(fraction) if fraction else 0:0{len(fraction) or 1}d}")
    except (ValueError, OverflowError):
        return None


def _unit_problem(rest: str, unit: str | None, unit_names: tuple[str, ...], example: str):
    if not rest.rstrip(".").strip():
        return None
    if any(c.isdigit() for c in rest):
        return f"Please give one number only, for example {example}."
    if not unit:
        return f"Please type just a number, for example {example}."
    typed = rest.rstrip(".").strip()
    full = f"{unit} ({unit_names[0]})" if unit_names else unit
    accepted = {key(name) for name in (unit, *unit_names)}
    if key(typed) in accepted:
        return None
    shown = typed if len(typed) <= 20 else typed[:20] + "\u2026"
    return (
        f"This answer is in {full}, and I cannot use \u201c{shown}\u201d here. "
        f"Type the number in {unit}, for example {example}."
    )
