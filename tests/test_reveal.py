"""Nothing in the open before the reveal: no claim's or prediction's quoted words followed by
its verdict outside a closed <details> box, in any notebook's markdown or outputs.

The scale itself (a list of every verdict, marked newscase-scale) says nothing about one
claim and is not read. Everything else a reader sees without opening a box is.
"""

from __future__ import annotations

import json
import re

import pytest
import reading_time  # tools/reading_time.py

from newscase import load_case
from newscase.core.text import normalise
from newscase.lessons.predictions import VERDICTS as PREDICTION_WORDS
from newscase.lessons.predictions import load_predictions

from helpers import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
WINDOW = 400  # characters after the quote in which a verdict would be read as its verdict
HIDDEN = ("newscase-scale",)


def visible(path) -> str:
    """What a reader sees of a notebook without opening anything, normalised."""
    parts = []
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            parts.append(reading_time._markdown_text(source))
        else:
            parts += [reading_time.output_text(o, HIDDEN) for o in cell.get("outputs", [])]
    return normalise(" ".join(parts)).lower()


def judged():
    """(id, the words judged, the words of its verdict) for every claim and prediction."""
    found = []
    for claim in load_case().records["claims"]:
        found.append((claim["id"], [claim["quote"]], [claim["verdict"]]))
    for item in load_predictions():
        # the scale word, and its label for an expectation ("partly happened (qualified)")
        words = [item["verdict"], PREDICTION_WORDS[item["verdict"]]]
        found.append((item["id"], list(item["quotes"]), words))
    return found


def leaks(text: str, items) -> list[str]:
    problems = []
    for item_id, quotes, verdict_words in items:
        for quote in quotes:
            needle = normalise(quote).lower()[:60]
            for match in re.finditer(re.escape(needle), text):
                after = text[match.end() : match.end() + WINDOW]
                rest_of_quote = normalise(quote).lower()[60:]
                if rest_of_quote and after.startswith(rest_of_quote):
                    after = after[len(rest_of_quote) :]
                for word in verdict_words:
                    if re.search(rf"(?<![\w-]){re.escape(word.lower())}(?![\w-])", after):
                        problems.append(f"{item_id}: '{needle[:40]}...' then '{word}'")
    return problems


def test_the_rule_catches_a_verdict_shown_after_its_quote():
    items = [("c", ["the PMU reached the border"], ["qualified"])]
    assert leaks("the pmu reached the border. verdict: qualified", items)
    assert not leaks("the pmu reached the border. decide first, then open", items)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_verdict_is_shown_after_its_quote_before_the_reveal(path):
    problems = leaks(visible(path), judged())
    assert not problems, f"{path.name} shows verdicts in the open:\n" + "\n".join(problems)
