"""Honest time: what a notebook shows by default fits the minutes course.yaml promises.

Visible words (markdown, and output text outside closed <details> boxes) at 180 words a
minute must be within 25 % of each notebook's minutes_teaching (tools/reading_time.py).
"""

from __future__ import annotations

import pytest
import reading_time  # tools/reading_time.py
import yaml

from helpers import ROOT

OUTLINE = yaml.safe_load((ROOT / "src/newscase/data/course.yaml").read_text(encoding="utf-8"))
TOLERANCE = 0.25


def test_a_closed_box_shows_only_its_summary_and_an_open_one_everything():
    markup = (
        "<p>one two</p><details><summary>three</summary><p>hidden words here</p></details>"
        "<details open><summary>four</summary><p>five six</p></details>"
        "<script>var x = 'no';</script><ul class='scale'><li>seven</li></ul>"
    )
    assert reading_time.visible_text(markup).split() == ["one", "two", "three", "four", "five", "six", "seven"]
    assert "seven" not in reading_time.visible_text(markup, ("scale",))


@pytest.mark.parametrize("record", [r for r in OUTLINE if r["status"] == "ready"], ids=lambda r: r["file"])
def test_the_minutes_follow_from_what_the_notebook_shows(record):
    words = reading_time.visible_words(ROOT / "notebooks" / record["file"])
    minutes = words / reading_time.WORDS_PER_MINUTE
    promised = record["minutes_teaching"]
    assert abs(minutes - promised) <= TOLERANCE * promised, (
        f"{record['file']} shows {words} words by default, about {minutes:.0f} minutes at "
        f"{reading_time.WORDS_PER_MINUTE} words a minute, but course.yaml promises {promised}: "
        "collapse long tables and lists (newscase.core.display.collapsed), or change the minutes "
        "and the plans in docs/instructors.md"
    )
