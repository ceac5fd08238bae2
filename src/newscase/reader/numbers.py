"""How many, how far, how much: the numbers a text gives, with their units.

Distances ("40km", "a 40-kilometre (25-mile) advance", "140 miles"), counts of people or
things ("300 fighters", "about 4,000 men") and money ("$1.2 billion", "€5m"). Dates, years,
durations ("two weeks") and fractions in words ("a third") are not numbers here. ``text``
is the shortest span that carries the value and its unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newscase.reader.lexicon import split_words

NUMBER = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
WORD_NUMBERS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "hundred": 100, "dozen": 12,
}  # fmt: skip
SCALE = {
    "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "m": 1e6, "mn": 1e6, "bn": 1e9, "k": 1e3,
}  # fmt: skip
CURRENCY = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP"}
CURRENCY_WORDS = {"dollars": "USD", "euros": "EUR", "pounds": "GBP", "dinars": "IQD"}
UNITS = {
    "km": "km", "kilometre": "km", "kilometres": "km", "kilometer": "km", "kilometers": "km",
    "mile": "mi", "miles": "mi", "mi": "mi",
    "percent": "%", "per cent": "%", "%": "%",
}  # fmt: skip
TIME_WORDS = split_words(
    "second seconds minute minutes hour hours day days week weeks month months year years "
    "decade decades century centuries am pm"
)
NOT_NOUNS = split_words(
    "is was has his this its as us thus yes less unless across whereas perhaps always "
    "sometimes besides towards afterwards"
)
IRREGULAR_PLURALS = split_words("men women people children police personnel troops staff")
MONTHS = split_words(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
FUNCTION_WORDS = split_words("of to in on and or the a an at by for from with")
MONEY = re.compile(
    rf"(?P<cur>US\$|\$|€|£)\s?{NUMBER}(?:\s?(?P<scale>thousand|million|billion|trillion|bn|mn|m|k)\b)?"
)
MEASURE = re.compile(
    rf"(?<![\w$€£.,]){NUMBER}(?:\s?|-)(?P<unit>km|kilomet(?:re|er)s?|miles?|mi|percent|per cent|%)"
    r"(?![A-Za-z])"
)
COUNT = re.compile(
    rf"(?<![\w$€£.,:/-]){NUMBER}(?:\s(?P<scale>thousand|million|billion))?"
    r"(?P<words>(?:\s[A-Za-z][A-Za-z\-’']*){1,2})"
)
WORD_COUNT = re.compile(
    r"\b(?P<word>" + "|".join(WORD_NUMBERS) + r")\s(?P<noun>[a-z][a-z\-]+)\b", re.IGNORECASE
)


@dataclass(frozen=True)
class Number:
    """A number in the text: the words, the value, the unit, where it is."""

    text: str
    value: float
    unit: str
    start: int
    end: int

    def as_dict(self) -> dict:
        value = int(self.value) if float(self.value).is_integer() else self.value
        return {"text": self.text, "value": value, "unit": self.unit}


def _value(raw: str, scale: str | None = None) -> float:
    return float(raw.replace(",", "")) * SCALE.get((scale or "").lower(), 1)


def _is_count_noun(word: str) -> bool:
    word = word.lower()
    if word in TIME_WORDS or word in NOT_NOUNS or word in MONTHS:
        return False
    return word in IRREGULAR_PLURALS or (
        len(word) > 3 and word.endswith("s") and not word.endswith("ss")
    )


def find_numbers(text: str, dates: list[tuple[int, int]] = ()) -> list[Number]:
    """Every distance, count and sum of money in ``text`` (``dates``: spans to leave out)."""
    taken = list(dates)
    found: list[Number] = []

    def add(start: int, end: int, value: float, unit: str) -> None:
        if any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        found.append(Number(text[start:end], value, unit, start, end))

    for m in MONEY.finditer(text):
        add(m.start(), m.end(), _value(m["num"], m["scale"]), CURRENCY[m["cur"].lower()])
    for m in MEASURE.finditer(text):
        add(m.start(), m.end(), _value(m["num"]), UNITS[m["unit"].lower()])
    for m in COUNT.finditer(text):
        counted = _counted(m)
        if counted:
            end, unit = counted
            add(m.start(), end, _value(m["num"], m["scale"]), unit)
    for m in WORD_COUNT.finditer(text):
        if _is_count_noun(m["noun"]):
            add(m.start(), m.end(), float(WORD_NUMBERS[m["word"].lower()]), "count")
    return sorted(found, key=lambda n: n.start)


def _is_year(raw: str) -> bool:
    return bool(re.fullmatch(r"1[89]\d\d|20\d\d", raw))


def _counted(match: re.Match) -> tuple[int, str] | None:
    """(end, unit) when the words after a number say what it counts: "300 fighters",
    "60,000 Iraqi fighters", "5 million dollars"; None for years, dates and durations."""
    position = match.end("scale") if match["scale"] else match.end("num")
    words = match["words"].split()
    for index, word in enumerate(words):
        end = position + match["words"].index(word) + len(word)
        if word.lower() in CURRENCY_WORDS:
            return end, CURRENCY_WORDS[word.lower()]
        if _is_count_noun(word) and word.islower():
            if index == 0 and _is_year(match["num"]):
                return None
            return end, "count"
        if word.lower() in TIME_WORDS or word.lower() in NOT_NOUNS or index == 1:
            return None
        if word.lower() in FUNCTION_WORDS:
            return None
    return None
