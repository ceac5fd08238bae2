"""Grading, type by type: right, partly right, wrong and unreadable answers.

The questions come from a small sample quiz (every type) written to a temporary data
folder with its own sources.yaml, so these tests do not depend on the packaged data.
``make_bank`` is imported by the other quiz tests.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newscase.quiz.grading import INTERNAL_ERROR, check
from newscase.quiz.model import load_bank

SOURCES = """\
- id: test-article
  title: A test article
  outlet: Test Outlet
  date: '2017-05-29'
  url: https://example.org/article
  kind: news
- id: test-analysis
  title: A test analysis
  outlet: Test Institute
  url: https://example.org/analysis
  kind: analysis
"""

SAMPLE = """\
- id: 98-outlet
  type: single
  prompt: Which outlet published the article?
  answer: The Jerusalem Post
  options:
    - {text: The Jerusalem Post, feedback: It appeared there.}
    - {text: Rudaw, feedback: Rudaw is quoted in it but did not publish it.}
    - {text: Reuters, feedback: Reuters only took the photo.}
  explanation: The outlet is in the metadata.
  sources: [test-article]
- id: 98-quoted
  type: multiple
  prompt: Which outlets does the article quote?
  answer: [Rudaw, Kurdistan24]
  options:
    - {text: Rudaw, feedback: Rudaw is quoted twice.}
    - {text: Kurdistan24, feedback: Kurdistan24 is quoted once.}
    - {text: Al Jazeera, feedback: Al Jazeera does not appear in the article.}
    - {text: BBC, feedback: The BBC does not appear in the article.}
  explanation: Two Kurdish outlets are quoted.
  sources: [test-article, test-analysis]
- id: 98-distance
  type: numeric
  prompt: How far was the dash, in km?
  answer: 40
  tolerance: 0.5
  unit: km
  unit_names: [kilometres, kilometers, kilometre, kilometer, kms]
  mistakes:
    - {answer: 2014, feedback: That is a year.}
  hint: Look in the first paragraph.
  explanation: Over 40 km.
  sources: [test-article]
- id: 98-force
  type: text
  prompt: Name the force.
  answer: Popular Mobilization Units
  alternatives: [Popular Mobilisation Units, PMU, Hashd al-Shaabi, Hashd, PMF]
  mistakes:
    - {answer: Badr Brigade, feedback: Badr is one militia inside the force.}
  hint: Read the first paragraph.
  explanation: The Hashd al-Shaabi, or PMU.
  sources: [test-article]
- id: 98-order
  type: order
  prompt: Earliest first.
  answer: [PMU organised, PMU incorporated, Erbil map, Um Jaris reached]
  mistakes:
    - answer: [PMU organised, Erbil map, PMU incorporated, Um Jaris reached]
      feedback: April means April 2017.
  hint: Find the time words.
  explanation: 2014, December 2016, April 2017, May 2017.
  sources: [test-article]
- id: 98-voices
  type: match
  prompt: Match each voice to how it reaches the article.
  answer:
    Jonathan Spyer: Quoted by the author
    A Kurdish commander: Through Rudaw
    Abu Mahdi al-Muhandis: Through Rudaw
    The PMU: Through Kurdistan24
  choices: [Through Reuters]
  mistakes:
    - answer: {A Kurdish commander: Through Kurdistan24}
      feedback: He told Rudaw.
  hint: Look at the verbs.
  explanation: Voices and their channels.
  sources: [test-article]
"""


def make_bank(folder: Path, quiz: str = SAMPLE, name: str = "98_sample.yaml"):
    """Write sources.yaml and one quiz file under ``folder``; return the loaded Bank."""
    (folder / "quizzes").mkdir(parents=True, exist_ok=True)
    (folder / "sources.yaml").write_text(SOURCES, encoding="utf-8")
    (folder / "quizzes" / name).write_text(quiz, encoding="utf-8")
    return load_bank(folder)


@pytest.fixture
def bank(tmp_path):
    return make_bank(tmp_path / "data")


def grade(bank, question_id, answer):
    return check(bank.question(question_id), answer)


# ---- single choice


def test_single_right_and_wrong_answers_carry_their_option_feedback(bank):
    right = grade(bank, "98-outlet", "  the JERUSALEM post ")
    assert right.correct and right.score == 1 and not right.partial
    assert right.feedback == "\u2713 Correct. It appeared there."
    wrong = grade(bank, "98-outlet", "Reuters")
    assert not wrong.correct and wrong.counted and wrong.score == 0
    assert wrong.feedback == "\u2717 Not quite. Reuters only took the photo."


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (None, "Choose one of the options first."),
        ("", "Choose one of the options first."),
        ("   \u200b ", "Choose one of the options first."),
        (["Rudaw", "Reuters"], "Choose exactly one option."),
        ("Al Jazeera", "\u201cAl Jazeera\u201d is not one of the options."),
        (3, "Expected the choice as text, got a number."),
    ],
)
def test_single_unreadable_answers_get_a_friendly_message(bank, answer, message):
    result = grade(bank, "98-outlet", answer)
    assert result.status == "invalid" and not result.counted and not result.correct
    assert result.feedback == f"\u26a0 {message}"


# ---- select all that apply


def test_multiple_needs_exactly_the_right_set(bank):
    result = grade(bank, "98-quoted", ["kurdistan24", "Rudaw"])
    assert result.correct and result.answer == ["Rudaw", "Kurdistan24"]
    assert "You found all 2." in result.feedback


def test_multiple_partial_credit_explains_wrong_picks_without_naming_missed_ones(bank):
    result = grade(bank, "98-quoted", ["Rudaw", "BBC"])
    assert result.status == "wrong" and result.score == 0  # one right, one wrong: no credit
    assert "BBC: The BBC does not appear in the article." in result.feedback
    assert "1 correct option not chosen yet." in result.feedback
    assert "Kurdistan24" not in result.feedback
    half = grade(bank, "98-quoted", ["Rudaw"])
    assert half.partial and half.score == 0.5 and half.feedback.startswith("\u25d0 Partly right.")


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ([], "Select at least one option."),
        ([["Rudaw"]], "Expected each of the options as text, got a list."),
        ({"Rudaw": True}, "Expected a list of options, got a mapping."),
        (["Rudaw", "CNN"], "\u201cCNN\u201d is not one of the options."),
        (["x"] * 1000, "That is 1000 options; there are far fewer to choose from."),
    ],
)
def test_multiple_unreadable_answers(bank, answer, message):
    result = grade(bank, "98-quoted", answer)
    assert result.status == "invalid" and result.feedback == f"\u26a0 {message}"


def test_multiple_accepts_a_set_and_a_single_string(bank):
    assert grade(bank, "98-quoted", {"Rudaw", "Kurdistan24"}).correct
    assert grade(bank, "98-quoted", "Rudaw").partial


# ---- numeric with tolerance and units


@pytest.mark.parametrize(
    "answer",
    [
        "40",
        "40 km",
        "40km",
        "40,5",
        " 40.0 ",
        "40 kilometres",
        "40 KM.",
        "over 40km",
        40,
        40.2,
        Decimal("40"),
        Fraction(81, 2),
        "\uff14\uff10",
        "\u0664\u0660",
    ],
)
def test_numeric_accepts_the_usual_ways_of_writing_forty(bank, answer):
    result = grade(bank, "98-distance", answer)
    assert result.correct, result.feedback


def test_numeric_wrong_answers_say_which_way_and_why(bank):
    low = grade(bank, "98-distance", "35 km")
    assert low.status == "wrong"
    assert low.feedback == "\u2717 Not quite. 35 km is too low. Look in the first paragraph."
    assert "too high" in grade(bank, "98-distance", "41").feedback
    year = grade(bank, "98-distance", "2014")
    assert year.feedback == "\u2717 Not quite. That is a year."


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ("forty", "Please type the answer as a number in digits (in km), for example 12 km."),
        (
            "40 miles",
            "This answer is in km (kilometres), and I cannot use \u201cmiles\u201d here. "
            "Type the number in km, for example 12 km.",
        ),
        ("40 to 50", "Please give one number only, for example 12 km."),
        (float("nan"), "That is not a finite number; type an ordinary number."),
        (float("inf"), "That is not a finite number; type an ordinary number."),
        (10**400, "That number is too large; type an ordinary number."),
        (True, "Expected a number, got true/false."),
        (complex(1, 2), "Expected an ordinary number, such as 12."),
        ([40], "Expected the answer as text, got a list."),
        ("", "The answer is empty: type or choose something first."),
    ],
)
def test_numeric_unreadable_answers_name_the_expected_unit_or_form(bank, answer, message):
    result = grade(bank, "98-distance", answer)
    assert result.status == "invalid" and not result.counted
    assert result.feedback == f"\u26a0 {message}"


# ---- short text with alternatives and normalisation


@pytest.mark.parametrize(
    "answer",
    [
        "Popular Mobilization Units",
        "the popular mobilisation units",
        "PMU",
        "p.m.u.",
        "Hashd al-Shaabi",
        "al-Hashd al-Sha'bi",
        "al-Hashd al-Sha\u2019bi",
        "Hashd al Sha`bi",
        "HASHD ASH-SHA\u02bcABI",
        "Ḥashd al-Shaʿbi".replace("ʿ", "'"),
        "  Hashd\u200b al-Shaabi\u200f ",
        "Hashd\u2013al\u2013Shaabi",
    ],
)
def test_text_accepts_alternatives_and_spelling_variants(bank, answer):
    result = grade(bank, "98-force", answer)
    assert result.correct, result.feedback


def test_text_names_the_canonical_answer_when_an_alternative_is_used(bank):
    result = grade(bank, "98-force", "PMU")
    assert result.feedback == (
        "\u2713 Correct. \u201cPMU\u201d is another name for \u201cPopular Mobilization Units\u201d."
    )


def test_text_wrong_answers_get_mistake_feedback_spelling_help_or_the_hint(bank):
    assert grade(bank, "98-force", "badr  brigade").feedback == (
        "\u2717 Not quite. Badr is one militia inside the force."
    )
    near = grade(bank, "98-force", "Popular Mobilisaton Units")
    assert "is close: check the spelling." in near.feedback and not near.correct
    other = grade(bank, "98-force", "Peshmerga")
    assert other.feedback.endswith("Read the first paragraph.")


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (None, "No answer given yet."),
        ("", "The answer is empty: type or choose something first."),
        ("\u200b\u200e\u202e", "The answer is empty: type or choose something first."),
        (42, "Expected the answer as text, got a number."),
        (b"PMU", "Expected the answer as text, got a value of type bytes."),
        (
            "x" * 100_000,
            "That answer is very long (100,000 characters); answers here are short, at most 300 characters.",
        ),
        ("x" * 301, "That answer is too long (301 characters); at most 300, please."),
    ],
)
def test_text_unreadable_answers(bank, answer, message):
    result = grade(bank, "98-force", answer)
    assert result.status == "invalid" and result.feedback == f"\u26a0 {message}"


def test_text_html_and_bidi_controls_are_graded_as_plain_text(bank):
    result = grade(bank, "98-force", "<img src=x onerror=alert(1)>")
    assert result.status == "wrong"
    assert "\u201c<img src=x onerror=alert(1)>\u201d" in result.feedback  # escaped on display
    # An RTL override is removed; the text is not reversed into "PMU".
    assert grade(bank, "98-force", "\u202eUMP").status == "wrong"


# ---- ordering


def test_order_correct_partial_and_mistake_feedback(bank):
    items = list(bank.question("98-order").answer)
    assert grade(bank, "98-order", items).correct
    swapped = [items[0], items[2], items[1], items[3]]
    result = grade(bank, "98-order", swapped)
    assert result.partial and result.score == 0.5
    assert result.feedback == (
        "\u25d0 Partly right. 2 of 4 are in the right place (1st, 4th). April means April 2017."
    )
    backwards = grade(bank, "98-order", list(reversed(items)))
    assert backwards.status == "wrong"
    assert "None of the 4 is in the right place yet. Find the time words." in backwards.feedback


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (["PMU organised"], "Put all 4 items in order, one in each place."),
        (
            ["PMU organised", None, "Erbil map", "Um Jaris reached"],
            "Put all 4 items in order, one in each place.",
        ),
        (
            ["PMU organised"] * 4,
            "\u201cPMU organised\u201d is used more than once; use each item once.",
        ),
        (
            ["PMU organised", "PMU incorporated", "Erbil map", "Mosul"],
            "\u201cMosul\u201d is not one of the items.",
        ),
        ("PMU organised", "Put all 4 items in order, one in each place."),
        (17, "Expected a list of items, got a number."),
    ],
)
def test_order_unreadable_answers(bank, answer, message):
    result = grade(bank, "98-order", answer)
    assert result.status == "invalid" and result.feedback == f"\u26a0 {message}"


# ---- matching


def test_match_correct_partial_and_mistake_feedback(bank):
    answer = dict(bank.question("98-voices").answer)
    assert grade(bank, "98-voices", answer).correct
    answer["A Kurdish commander"] = "through KURDISTAN24"
    result = grade(bank, "98-voices", answer)
    assert result.partial and result.score == 0.75
    assert result.feedback == (
        "\u25d0 Partly right. 3 of 4 matched correctly. Look again at: A Kurdish commander. "
        "He told Rudaw."
    )


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (
            {"Jonathan Spyer": "Through Rudaw"},
            "Choose a match for every item; still open: A Kurdish commander, Abu Mahdi al-Muhandis, The PMU.",
        ),
        ({"Nobody": "Through Rudaw"}, "\u201cNobody\u201d is not one of the items."),
        ({"Jonathan Spyer": "By pigeon"}, "\u201cBy pigeon\u201d is not one of the choices."),
        ({1: "Through Rudaw"}, "Expected the item as text, got a number."),
        ([["Jonathan Spyer", "Through Rudaw"]], "Expected a match for each item, got a list."),
    ],
)
def test_match_unreadable_answers(bank, answer, message):
    result = grade(bank, "98-voices", answer)
    assert result.status == "invalid" and result.feedback == f"\u26a0 {message}"


# ---- every type, any answer at all: a Result, never an exception


class Hostile:
    """An object whose every method raises."""

    def __str__(self):
        raise RuntimeError("no str")

    __repr__ = __str__

    def __eq__(self, other):
        raise RuntimeError("no eq")

    __hash__ = None


def _nested(depth: int):
    value: list = []
    for _ in range(depth):
        value = [value]
    return value


ODD = [
    Hostile(),
    _nested(5000),
    {"a": _nested(100)},
    float("-inf"),
    -0.0,
    2**4000,
    "\u0301\u0301\u0301",
    "\ud800",  # a lone surrogate
    "<script>alert(1)</script>",
    "\x00\x1b[31m",
    "__import__('os').system('true')",
    iter(["Rudaw"]),
    object,
    Ellipsis,
]

ANSWERS = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.decimals(allow_nan=True)
    | st.fractions()
    | st.complex_numbers()
    | st.text()
    | st.binary(),
    lambda children: (
        st.lists(children, max_size=5)
        | st.tuples(children, children)
        | st.frozensets(st.text(max_size=5), max_size=4)
        | st.dictionaries(st.text(max_size=20) | st.integers(), children, max_size=5)
    ),
    max_leaves=20,
)


def _assert_result(result, question_id):
    assert result.question_id == question_id
    assert result.status in {"correct", "partial", "wrong", "invalid"}
    assert isinstance(result.feedback, str) and result.feedback
    assert result.feedback != f"\u26a0 {INTERNAL_ERROR}", "the safety net caught a bug"
    assert 0 <= result.score <= 1 and not math.isnan(result.score)


@pytest.mark.parametrize("answer", ODD, ids=lambda a: type(a).__name__)
def test_odd_answers_get_a_result(bank, answer):
    for question_id in bank.ids():
        _assert_result(grade(bank, question_id, answer), question_id)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(answer=ANSWERS | st.from_type(type).flatmap(st.from_type))
def test_check_never_raises_for_any_answer(bank, answer):
    for question_id in bank.ids():
        _assert_result(grade(bank, question_id, answer), question_id)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(answer=st.lists(st.sampled_from(["Rudaw", "Kurdistan24", "BBC", "Al Jazeera"]), max_size=6))
def test_multiple_scores_stay_between_zero_and_one_and_right_set_is_the_only_full_score(
    bank, answer
):
    result = grade(bank, "98-quoted", answer)
    if answer:
        assert (result.score == 1) == (set(answer) == {"Rudaw", "Kurdistan24"})
        assert result.correct == (result.score == 1)
