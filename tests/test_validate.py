"""Unit tests of the field parsers and record checks behind every data file."""

import datetime as dt

import pytest

from newscase.core import validate as v


@pytest.mark.parametrize(
    ("parse", "raw", "expected"),
    [
        (v.text, "  Mosul ", "Mosul"),
        (v.identifier, "um_jaris", "um_jaris"),
        (v.identifier, "jpost-2017-article", "jpost-2017-article"),
        (v.number(-90, 90), "36.33", 36.33),
        (v.boolean, "TRUE", True),
        (v.boolean, False, False),
        (v.iso_date, "2017-05-29", dt.date(2017, 5, 29)),
        (v.iso_date, dt.date(2014, 6, 10), dt.date(2014, 6, 10)),
        (v.partial_date, "2016", "2016"),
        (v.partial_date, "2016-11", "2016-11"),
        (v.partial_date, dt.date(2016, 11, 26), "2016-11-26"),
        (v.url, "https://www.jpost.com/x", "https://www.jpost.com/x"),
        (v.text_list, "Umm Jaris; Um Gris", ("Umm Jaris", "Um Gris")),
        (v.text_list, ["PMU", "PMF"], ("PMU", "PMF")),
        (v.text_list, "", ()),
    ],
)
def test_parsers_accept_good_values(parse, raw, expected):
    assert parse(raw) == expected


@pytest.mark.parametrize(
    ("parse", "raw", "message"),
    [
        (v.text, "   ", "non-empty text"),
        (v.text, ["a"], "expected text"),
        (v.identifier, "Um Jaris", "lower-case"),
        (v.number(-90, 90), "north", "number from -90 to 90"),
        (v.number(-90, 90), "91", "number from -90 to 90"),
        (v.number(-90, 90), True, "number"),
        (v.boolean, "yes", "true or false"),
        (v.iso_date, "2017-02-30", "YYYY-MM-DD"),
        (v.iso_date, "29/05/2017", "YYYY-MM-DD"),
        (v.partial_date, "2016-13", "YYYY-MM"),
        (v.url, "www.jpost.com", "http"),
        (v.text_list, "a;;b", "empty items"),
        (v.nonempty_list, "", "at least one"),
        (v.choice("a", "b"), "c", "one of a, b"),
    ],
)
def test_parsers_reject_bad_values_saying_what_is_expected(parse, raw, message):
    with pytest.raises(v.Invalid, match=message):
        parse(raw)


SCHEMA = v.Schema(
    "things.yaml",
    (
        v.Field("id", v.identifier),
        v.Field("size", v.number(0, 10)),
        v.Field("note", v.text, required=False),
        v.Field("friends", v.text_list, required=False, ref="things"),
    ),
)


def test_problems_name_file_record_field_and_expectation():
    records = [{"id": "a", "size": "11"}, {"id": "b", "sise": 3}]
    _, problems = v.check_records(SCHEMA, records, ["line 2", "line 3"])
    assert (
        "things.yaml, record 'a' (line 2), field 'size': expected a number from 0 to 10, got '11'"
        in problems
    )
    assert any(
        p.startswith("things.yaml, record 'b' (line 3), field 'sise': unknown field")
        and "did you mean 'size'" in p
        for p in problems
    )
    assert (
        "things.yaml, record 'b' (line 3), field 'size': missing; expected a number from 0 to 10"
        in problems
    )


def test_duplicate_ids_and_unknown_references_are_reported():
    records = [{"id": "a", "size": 1}, {"id": "a", "size": 2, "friends": "a;zed"}]
    clean, problems = v.check_records(SCHEMA, records)
    assert any(
        "duplicate id 'a' (first used at things.yaml, record 'a' (item 1))" in p for p in problems
    )
    ref_problems = v.check_references(SCHEMA, clean, {"things": {"a"}})
    assert ref_problems == [
        "things.yaml, record 'a' (item 2), field 'friends': unknown things id 'zed'; "
        "expected an id from things"
    ]


def test_a_record_that_is_not_a_mapping_is_reported_not_crashed_on():
    _, problems = v.check_records(SCHEMA, ["just text"])
    assert problems == [
        "things.yaml, item 1: expected a record of fields (id, size, note, friends), got str"
    ]


def test_data_error_lists_every_problem_and_truncates_long_lists():
    error = v.DataError([f"problem {i}" for i in range(40)])
    text = str(error)
    assert text.startswith("The module's data has 40 problem(s):")
    assert "  - problem 0" in text and "problem 24" in text
    assert "problem 25" not in text and "... and 15 more" in text
    assert len(error.problems) == 40


def test_every_error_of_the_module_is_one_friendly_type():
    from newscase.core.errors import DateProblem, FriendlyError, NameNotFound, OptionProblem
    from newscase.exercises import NotYet, UnknownQuestion

    DataError = v.DataError
    for error in (DataError, NameNotFound, DateProblem, OptionProblem, NotYet, UnknownQuestion):
        assert issubclass(error, FriendlyError), error
    shown = DataError(["places.csv, line 3: bad"])._render_traceback_()
    assert shown[0] == "DataError: The module's data has 1 problem(s):"
    assert shown[1] == "  - places.csv, line 3: bad"
    assert NotYet("✗ q: not yet")._render_traceback_() == ["✗ q: not yet"]
    assert issubclass(NotYet, AssertionError) and issubclass(UnknownQuestion, KeyError)


def test_records_keep_their_locations_beside_them_not_in_them():
    schema = v.Schema("x.yaml", (v.Field("id", v.identifier), v.Field("name", v.text)))
    records, problems = v.check_records(schema, [{"id": "a", "name": "A"}, {"id": "b"}], ["line 1", "line 2"])
    assert [dict(r) for r in records] == [{"id": "a", "name": "A"}, {"id": "b", "name": None}]
    assert records.where(records[1]) == "x.yaml, record 'b' (line 2)"
    assert next(iter(records.located())) == (records[0], "x.yaml, record 'a' (line 1)")
    assert problems == ["x.yaml, record 'b' (line 2), field 'name': missing; expected non-empty text"]


def test_every_data_file_is_read_through_the_one_loader():
    """No module reads a data file's records but through load_records or load_case."""
    import re
    from pathlib import Path

    package = Path(v.__file__).resolve().parent.parent
    readers = sorted(
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if re.search(r"\bread_records\(", path.read_text(encoding="utf-8"))
    )
    # the quiz bank is a folder of files, one per notebook, read the same way file by file
    assert readers == ["core/case.py", "core/datafiles.py", "quiz/model.py"]
