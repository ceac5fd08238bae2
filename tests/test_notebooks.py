"""Every notebook keeps the module's frame and is committed executed and deterministic.

nbval (run by `make test` on notebooks/) re-executes the notebooks and compares outputs;
these tests check what nbval does not: the frame, metadata, ids and stripped state.
"""

from __future__ import annotations

import json
import re

import nbformat
import pytest

from newscase.core import course

from helpers import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def _read(path):
    return nbformat.read(path, as_version=4)


def test_there_are_notebooks_and_their_names_are_nn_slug():
    assert NOTEBOOKS, "no notebooks found"
    for path in NOTEBOOKS:
        assert re.fullmatch(r"\d\d_[a-z0-9_]+\.ipynb", path.name), path.name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_valid_with_python3_kernelspec(path):
    nb = _read(path)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    assert nb.metadata["kernelspec"]["language"] == "python"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_committed_executed_in_order(path):
    code = [c for c in _read(path).cells if c.cell_type == "code"]
    counts = [c.execution_count for c in code]
    assert None not in counts, "some code cells were never executed"
    assert counts == list(range(1, len(code) + 1)), "execute top to bottom in a fresh kernel"
    assert any(c.outputs for c in code)
    for cell in code:
        for output in cell.outputs:
            assert output.output_type != "error", f"cell {cell.id} ends in an error"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_deterministic(path):
    nb = _read(path)
    assert [c.id for c in nb.cells] == [f"{path.stem[:2]}-{i:03d}" for i in range(len(nb.cells))]
    assert set(nb.metadata) == {"kernelspec", "language_info"}
    raw = path.read_text(encoding="utf-8")
    assert WIDGET_VIEW not in raw, "live widget views belong to a session, not to the file"
    assert not re.search(r"0x[0-9a-f]{6,}", raw), "memory addresses in outputs"
    # A machine path starts a string or follows a space ("/home/me/..."); inside a web
    # address ("https://site.com/english/home/article") the same letters are harmless.
    assert not re.search(r"(?<![\w.%-])/(work|home)/", raw), "machine paths in outputs"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_frame_is_generated_from_course_yaml(path):
    nb = _read(path)
    record = course.entry(path.name)
    assert record["status"] == "ready"
    header = nb.cells[0]
    assert "frame-header" in header.metadata.get("tags", [])
    assert header.source == course.header_markdown(path.stem)
    navs = [c for c in nb.cells if "frame-nav" in c.metadata.get("tags", [])]
    assert len(navs) == 2 and nb.cells[1] is navs[0] and nb.cells[-1] is navs[1]
    assert all(c.source == course.navigation_markdown(path.stem) for c in navs)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_ends_with_key_points(path):
    markdown = [c for c in _read(path).cells if c.cell_type == "markdown"]
    key_points = [c for c in markdown if c.source.startswith("## Key points")]
    assert len(key_points) == 1
    assert len(re.findall(r"^- ", key_points[0].source, flags=re.M)) >= 3
    assert markdown.index(key_points[0]) >= len(markdown) - 3, "key points belong at the end"


def test_readme_notebook_table_is_generated_from_course_yaml():
    import build_notebooks as tool  # tools/build_notebooks.py

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert tool.readme_with_table(readme) == readme, "run: python tools/build_notebooks.py readme"


def test_normalise_strips_widget_views_and_session_metadata():
    import build_notebooks as tool

    nb = nbformat.v4.new_notebook()
    nb.metadata["widgets"] = {"state": {}}
    cell = nbformat.v4.new_code_cell("quiz")
    cell.outputs = [
        nbformat.v4.new_output(
            "display_data", data={WIDGET_VIEW: {"model_id": "abc"}, "text/plain": "Q"}
        ),
        nbformat.v4.new_output("display_data", data={WIDGET_VIEW: {"model_id": "def"}}),
    ]
    nb.cells = [cell]
    tool.normalise(nb, "07_example")
    assert nb.metadata == {"kernelspec": tool.KERNELSPEC, "language_info": {"name": "python"}}
    assert cell.id == "07-000"
    assert json.loads(json.dumps(cell.outputs)) == [
        {"output_type": "display_data", "data": {"text/plain": "Q"}, "metadata": {}}
    ]


# ---- facts come from the data, not from the notebook (issue 6)

MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
HARD_CODED = {
    "an ISO date": re.compile(r"\b(19|20)\d\d-\d\d(-\d\d)?\b"),
    # A year inside an id ("jpost-2017-militias-border") names a record, not a fact.
    "a year": re.compile(r"(?<![\w.-])(19|20)\d\d(?![\w.-])"),
    "a coordinate or measured figure": re.compile(r"(?<![\w.])\d+\.\d{2,}(?![\w.])"),
    "a distance": re.compile(r"\b\d+\s*(km|kilomet)", re.I),
}


def _code_without_comments(cell) -> str:
    return "\n".join(line.split("#", 1)[0] for line in cell.source.splitlines())


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_code_cells_hard_code_no_dates_coordinates_or_figures(path):
    for cell in _read(path).cells:
        if cell.cell_type != "code":
            continue
        code = _code_without_comments(cell)
        for what, pattern in HARD_CODED.items():
            found = pattern.search(code)
            assert not found, f"cell {cell.id} hard-codes {what} ({found.group(0)!r}); load it from the data"


def _event_days_and_months():
    from newscase.core.case import load_case

    days, months = set(), set()
    for event in load_case().records["events"]:
        months.add((event["date"].year, event["date"].month))
        if event["date_precision"] == "day":
            days.add(event["date"])
    return days, months


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_dates_named_in_the_prose_agree_with_events_csv(path):
    import datetime as dt

    days, months = _event_days_and_months()
    names = MONTHS.split("|")
    for cell in _read(path).cells:
        if cell.cell_type != "markdown" or "frame-" in str(cell.metadata.get("tags")):
            continue
        for day, month, year in re.findall(rf"\b(\d{{1,2}}) ({MONTHS}) (\d{{4}})\b", cell.source):
            date = dt.date(int(year), names.index(month) + 1, int(day))
            assert date in days, f"cell {cell.id} names {day} {month} {year}, not a day in events.csv"
        for month, year in re.findall(rf"(?<!\d )\b({MONTHS}) (\d{{4}})\b", cell.source):
            key = (int(year), names.index(month) + 1)
            assert key in months, f"cell {cell.id} names {month} {year}; no event that month"


# ---- every figure and map has a text alternative


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_figure_and_map_has_a_text_alternative(path):
    for cell in _read(path).cells:
        outputs = cell.get("outputs", [])
        for i, output in enumerate(outputs):
            data = output.get("data", {})
            if "image/png" in data:
                following = outputs[i + 1].get("data", {}) if i + 1 < len(outputs) else {}
                assert "Text description" in following.get("text/html", ""), (
                    f"cell {cell.id}: a figure needs its text description next (figures.show)"
                )
                before = outputs[i - 1].get("data", {}) if i else {}
                alt = output.get("metadata", {}).get("image/png", {}).get("alt", "")
                assert alt and f"Figure: {alt}" == before.get("text/plain"), (
                    f"cell {cell.id}: a figure needs its caption in view above it (figures.show)"
                )
            html_out = data.get("text/html", "")
            if "<iframe" in html_out:
                assert "<table" in html_out, f"cell {cell.id}: a map needs its table (maps.show)"
