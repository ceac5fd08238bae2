"""The loader: a good data folder loads; every kind of broken file gets a precise message.

Each test breaks a copy of the packaged data in a temporary folder, never the real files.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newscase.core.case import load_case
from newscase.core.validate import DataError

from helpers import edit_data, read_rows, write_rows


def _load_problems(folder: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_case(folder)
    return caught.value.problems


def test_packaged_data_loads_into_dataframes():
    case = load_case()
    assert set(case.records) == {"sources", "places", "actors", "events", "relations", "claims"}
    places = case.places
    assert places.index.name == "id" and "lat" in places.columns
    assert str(case.events["date"].dtype).startswith("datetime64")
    assert case.record("places", "um_jaris")["name"]


def test_tables_are_fresh_copies_so_students_cannot_corrupt_the_cache():
    frame = load_case().places
    frame["name"] = "changed by a student"
    assert load_case().places.loc["um_jaris", "name"] != "changed by a student"


def test_missing_coordinate_names_file_record_line_and_field(data_copy):
    path = data_copy / "places.csv"
    rows = read_rows(path)
    rows[0]["lat"] = ""
    write_rows(path, rows)
    problems = _load_problems(data_copy)
    assert (
        f"places.csv, record '{rows[0]['id']}' (line 2), field 'lat': missing; expected a number from -90 to 90"
        in problems
    )


def test_text_where_a_number_belongs(data_copy):
    path = data_copy / "places.csv"
    rows = read_rows(path)
    rows[1]["lon"] = "40 km east"
    write_rows(path, rows)
    problems = _load_problems(data_copy)
    assert (
        f"places.csv, record '{rows[1]['id']}' (line 3), field 'lon': expected a number from "
        "-180 to 180, got '40 km east'" in problems
    )


def test_unknown_source_id_suggests_the_closest_known_one(data_copy):
    path = data_copy / "events.csv"
    rows = read_rows(path)
    real = rows[0]["sources"].split(";")[0]
    rows[0]["sources"] = real + "x"
    write_rows(path, rows)
    problems = _load_problems(data_copy)
    expected = (
        f"events.csv, record '{rows[0]['id']}' (line 2), field 'sources': unknown sources id "
        f"'{real}x' (did you mean '{real}'?); expected an id from sources"
    )
    assert expected in problems


def test_bad_date_in_events(data_copy):
    path = data_copy / "events.csv"
    rows = read_rows(path)
    rows[2]["date"] = "2017-05-32"
    write_rows(path, rows)
    problems = _load_problems(data_copy)
    assert any(
        p.startswith(
            f"events.csv, record '{rows[2]['id']}' (line 4), field 'date': expected an ISO date"
        )
        for p in problems
    )


def test_missing_column(data_copy):
    path = data_copy / "relations.csv"
    rows = read_rows(path)
    for row in rows:
        del row["kind"]
    write_rows(path, rows)
    problems = _load_problems(data_copy)
    assert problems[0].startswith("relations.csv, header (line 1): missing column(s) kind;")


def test_row_with_too_many_cells(data_copy):
    path = data_copy / "places.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] += ",surplus"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems = _load_problems(data_copy)
    assert any(
        p.startswith("places.csv, line 4:") and "quote cells that contain commas" in p
        for p in problems
    )


def test_yaml_syntax_error_gives_the_line(data_copy):
    path = data_copy / "actors.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(3, "  name: [unclosed")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems = _load_problems(data_copy)
    assert len(problems) == 1 and problems[0].startswith("actors.yaml, line ")
    assert "not valid YAML" in problems[0]


def test_yaml_must_be_a_list(data_copy):
    (data_copy / "claims.yaml").write_text("claims:\n  - id: x\n", encoding="utf-8")
    problems = _load_problems(data_copy)
    assert "claims.yaml: expected a list of records at the top level, got dict" in problems


def test_unknown_yaml_field_suggests_the_right_name(data_copy):
    actors = edit_data(
        data_copy, "actors.yaml", lambda rs: rs[0].update(sumary=rs[0].pop("summary"))
    )
    problems = _load_problems(data_copy)
    label = f"actors.yaml, record '{actors[0]['id']}' (item 1 (line 1))"
    assert any(
        p.startswith(f"{label}, field 'sumary': unknown field (did you mean 'summary'?)")
        for p in problems
    )
    assert f"{label}, field 'summary': missing; expected non-empty text" in problems


def test_quote_not_verbatim_in_the_article(data_copy):
    claims = edit_data(
        data_copy, "claims.yaml", lambda rs: rs[0].update(quote="Badr reached the sea on Tuesday")
    )
    problems = _load_problems(data_copy)
    assert any(
        f"claims.yaml, record '{claims[0]['id']}'" in p
        and "field 'quote': 'Badr reached the sea on Tuesday' is not in the article" in p
        for p in problems
    )


def test_missing_file(data_copy):
    (data_copy / "sources.yaml").unlink()
    problems = _load_problems(data_copy)
    assert problems[0].startswith("sources.yaml: file not found at ")


def test_file_that_is_not_utf8(data_copy):
    (data_copy / "places.csv").write_bytes(b"id,name\n\xff\xfe broken\n")
    problems = _load_problems(data_copy)
    assert any(p.startswith("places.csv: cannot be read") and "UTF-8" in p for p in problems)


def test_all_problems_are_reported_together(data_copy):
    path = data_copy / "places.csv"
    rows = read_rows(path)
    rows[0]["lat"], rows[1]["kind"] = "", "metropolis"
    write_rows(path, rows)
    (data_copy / "claims.yaml").write_text("{}\n", encoding="utf-8")
    problems = _load_problems(data_copy)
    assert len(problems) >= 3
    assert any("field 'kind': expected one of capital" in p for p in problems)
