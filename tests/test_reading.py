"""Further reading per notebook: reading.yaml, its loader and its list."""

from __future__ import annotations

import pytest
import yaml

from newscase.core.case import load_case
from newscase.core.validate import DataError
from newscase.lessons import reading

ITEMS = reading.load_reading()


def _write(folder, records):
    (folder / "reading.yaml").write_text(yaml.safe_dump(records, allow_unicode=True), "utf-8")
    reading.load_reading.cache_clear()


def test_every_item_cites_known_sources_and_says_why():
    known = set(load_case().ids("sources"))
    assert ITEMS
    for item in ITEMS:
        assert set(item.sources) <= known and len(item.why) > 20


def test_list_is_numbered_with_citations_and_reasons():
    rendered = reading.further_reading("01_context")
    lines = rendered.text.splitlines()
    assert lines[0] == "Further reading"
    assert lines[1].startswith("1. ") and lines[2].startswith("   Why read it: ")
    count = len(reading.items("01_context"))
    assert f"{count}. " in rendered.text
    assert rendered.html.count("<li>") == count and 'rel="noopener noreferrer"' in rendered.html
    assert reading.items("01_context.ipynb") == reading.items("01_context")


def test_unknown_notebook_says_which_have_lists():
    with pytest.raises(KeyError, match="01_context"):
        reading.further_reading("99_nowhere")


def test_broken_records_name_file_record_and_field(data_copy):
    records = yaml.safe_load((data_copy / "reading.yaml").read_text("utf-8"))
    records[0]["notebook"] = "01_contxt"
    records[1]["sources"] = ["no-such-source"]
    del records[2]["why"]
    _write(data_copy, records)
    with pytest.raises(DataError) as error:
        reading.load_reading(data_copy)
    message = str(error.value)
    assert "reading.yaml, record at item 1" in message and "unknown notebook '01_contxt'" in message
    assert "item 2" in message and "field 'sources'" in message
    assert "item 3" in message and "field 'why': missing" in message


def test_html_is_escaped(data_copy):
    records = yaml.safe_load((data_copy / "reading.yaml").read_text("utf-8"))
    records[0]["why"] = "<b>bold</b> claim, escaped for the page"
    _write(data_copy, records)
    rendered = reading.further_reading(records[0]["notebook"], data_dir=data_copy)
    assert "<b>" not in rendered.html and "&lt;b&gt;" in rendered.html
