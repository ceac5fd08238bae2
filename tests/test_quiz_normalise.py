"""What counts as the same answer, and how typed numbers are read."""

from __future__ import annotations

import pytest

from newscase.quiz.normalise import clean, fold, key, parse_number

UNIT_NAMES = ("kilometres", "kilometers", "kilometre", "kilometer", "kms")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  a \t b\n", "a b"),
        ("\u200bPMU\u200d\ufeff", "PMU"),  # zero-width space, joiner, BOM
        ("\u202eUMP\u202c", "UMP"),  # bidi override is removed, text is not reversed
        ("e\u0301", "\u00e9"),  # NFC
        ("line1\u2028line2", "line1 line2"),
    ],
)
def test_clean_removes_invisible_characters_and_folds_whitespace(raw, expected):
    assert clean(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("The Popular Mobilization Units", "popular mobilization units"),
        ("al-Hashd al-Sha'bi", "hashd shabi"),
        ("Hashd al-Shaabi", "hashd shabi"),
        ("Hashd ash-Sha\u2019abi", "hashd shabi"),
        ("HASHD AL SHA`BI", "hashd shabi"),
        ("\u1e24ashd", "hashd"),  # Ḥ: accents go
        ("P.M.U.", "pmu"),
        ("Kurdistan-24", "kurdistan 24"),
        ("Shi\u02bcite \u2013 militia", "shite militia"),
        ("Theatre", "theatre"),  # only a whole leading word "the" is dropped
        ("Qatar-based", "qatar based"),  # "ar-" inside a word is not an article
        ("\u0627\u0644\u062d\u0634\u062f", "\u0627\u0644\u062d\u0634\u062f"),  # Arabic kept
        ("1000", "1000"),  # doubled digits are not folded
    ],
)
def test_fold(raw, expected):
    assert fold(raw) == expected


def test_key_ignores_spaces():
    assert key("Kurdistan 24") == key("Kurdistan24") == "kurdistan24"
    assert key("Um Jaris") != key("Umm Qasr")


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("40", 40.0),
        ("40 km", 40.0),
        ("40km", 40.0),
        ("40km.", 40.0),
        ("40,5", 40.5),
        (" 40.0 ", 40.0),
        ("40.", 40.0),
        ("over 40 km", 40.0),
        ("about 40 kilometres", 40.0),
        ("~40", 40.0),
        ("-3.25", -3.25),
        ("\u22123", -3.0),  # a real minus sign
        ("1,000", 1000.0),
        ("1,000,000 km", 1_000_000.0),
        ("1.000.000", 1_000_000.0),
        ("1,000.5", 1000.5),
        ("1.000,5", 1000.5),
        ("0,05", 0.05),
        ("1,0000", 1.0),  # a decimal comma: only exactly three digits mark thousands
        ("\uff14\uff10\uff4b\uff4d", 40.0),  # full-width
        ("\u0664\u0660", 40.0),  # Arabic-Indic digits
        ("40 KMS", 40.0),
    ],
)
def test_parse_number_reads_usual_forms(typed, number):
    assert parse_number(typed, "km", UNIT_NAMES) == (number, None)


@pytest.mark.parametrize(
    ("typed", "fragment"),
    [
        ("forty", "as a number in digits (in km)"),
        ("", "as a number in digits"),
        ("40 miles", "in km (kilometres), and I cannot use \u201cmiles\u201d"),
        ("40 m", "cannot use \u201cm\u201d"),
        ("40 - 50", "one number only"),
        ("1e5", "one number only"),
        ("1,00,000", "could not read"),
        ("1.5.2", "could not read"),
        ("nan", "as a number in digits"),
        ("inf", "as a number in digits"),
    ],
)
def test_parse_number_explains_what_to_type(typed, fragment):
    number, message = parse_number(typed, "km", UNIT_NAMES)
    assert number is None and fragment in message


def test_a_unitless_number_refuses_units_and_a_long_unit_is_shortened():
    assert parse_number("2014", None) == (2014.0, None)
    assert parse_number("2014 AD", None)[1] == "Please type just a number, for example 12."
    message = parse_number("40 " + "x" * 500, "km")[1]
    assert "\u201c" + "x" * 20 + "\u2026\u201d" in message
