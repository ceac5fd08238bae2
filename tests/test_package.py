"""The package itself: cheap import, lazy names, safe rendering, the module's outline."""

from __future__ import annotations

import html
import re
import subprocess
import sys

import pytest

import newscase
from newscase.core import course
from newscase.core.display import Link, table

HEAVY = ("pandas", "folium", "ipywidgets", "matplotlib", "networkx", "yaml")


def test_import_has_no_heavy_side_effects():
    code = f"import sys, newscase; print([m for m in {HEAVY!r} if m in sys.modules])"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_lazy_names_resolve_and_unknown_names_fail_clearly():
    assert callable(newscase.load_case)
    with pytest.raises(AttributeError, match="no attribute 'nonsense'"):
        newscase.nonsense  # noqa: B018


def test_tables_escape_html_in_every_cell_and_caption():
    rendered = table(
        ["<b>h</b>", "link"],
        [["<img src=x onerror=alert(1)>", Link("a&b", "x.ipynb?a=1&b=2")]],
        caption="<script>",
    )
    assert "<img" not in rendered.html and "&lt;img src=x onerror=alert(1)&gt;" in rendered.html
    assert "<script>" not in rendered.html
    assert 'href="x.ipynb?a=1&amp;b=2"' in rendered.html
    assert "<img src=x onerror=alert(1)>" in rendered.text


def test_module_map_lists_every_notebook_and_links_only_ready_ones():
    rendered = course.module_map()
    for number, record in enumerate(course.outline()):
        assert html.escape(record["title"]) in rendered.html
        assert re.search(rf"^{number:02d}  ", rendered.text, flags=re.M)
        linked = f'href="{record["file"]}"' in rendered.html
        assert linked == (record["status"] == "ready")


def test_outline_points_at_real_notebooks():
    from helpers import ROOT

    for record in course.outline():
        exists = (ROOT / "notebooks" / record["file"]).is_file()
        assert exists == (record["status"] == "ready"), record["file"]


def test_navigation_links_neighbours_and_rejects_unknown_notebooks():
    first = course.outline()[0]["file"]
    assert "Previous" not in course.navigation_markdown(first)
    with pytest.raises(KeyError, match="no notebook 'nope'"):
        course.navigation_markdown("nope")
    last = course.outline()[-1]["file"]
    assert course.navigation_markdown(last).endswith("This is the last notebook of the module.")


def test_a_table_row_of_the_wrong_length_is_refused_clearly():
    with pytest.raises(ValueError, match="every row needs 2 cells"):
        table(["a", "b"], [["only one"]])


def test_plain_text_tables_wrap_long_cells_and_keep_columns_aligned():
    long = "word " * 40
    text = table(["key", "value"], [["a", long], ["bb", "short"]]).text
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 3 + 2 + 60
    assert lines[0].startswith("key") and lines[1].startswith("---")
    assert sum(1 for line in lines if line.startswith("    ")) >= 2, "continuation lines"
    assert "short" in lines[-1] and lines[-1].index("short") == lines[0].index("value")


def _frozen_at_exit(code: str) -> str:
    """What an exit handler registered first (so it runs last) sees of gc.freeze()."""
    probe = (
        "import atexit, gc, sys\n"
        "atexit.register(lambda: sys.stdout.write(str(gc.get_freeze_count() > 0)))\n" + code
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return done.stdout


def test_after_a_large_library_the_exit_skips_the_last_garbage_collection():
    assert _frozen_at_exit("import newscase") == "False"
    code = "from newscase.core import lazy\nlazy.loaded_large_library()\n"
    assert _frozen_at_exit(code) == "True"
    assert _frozen_at_exit("from newscase.core import figures\nwith figures.style(): pass\n") == "True"


def test_the_exit_handler_is_registered_once_and_freezes_nothing_before_exit(monkeypatch):
    import gc

    from newscase.core import lazy

    registered = []
    monkeypatch.setattr(lazy, "_QUICK_EXIT", [])
    monkeypatch.setattr(lazy.atexit, "register", registered.append)
    before = gc.get_freeze_count()
    for _ in range(3):
        lazy.loaded_large_library()
    assert registered == [gc.freeze]
    assert gc.get_freeze_count() == before
