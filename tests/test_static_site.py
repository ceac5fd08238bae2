"""`make html`: the notebooks as a static site (tools/build_html.py), checked file by file.

The site is built once into a temporary folder. The tests check that every ready notebook
has a page and the index lists them in course order, that no link to a notebook file is
left and no relative link is dead, that no page loads anything from another host, that
pages carry their language, title, figures' alt text, maps' text versions and quizzes'
static form, that a second build gives the same bytes, and that an author's mistakes
(missing notebook, unreadable notebook, dead link) are reported in a sentence.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

from newscase.core import course

from conftest import ROOT

NOTEBOOKS = ROOT / "notebooks"
REPOSITORY = "https://github.com/newscase/newscase"  # pyproject.toml [project.urls]
QUIZ_FALLBACK = "Run this notebook in Jupyter to answer here"
MAP_TEXT = "Text version of the map"


def _tool():
    import build_html  # tools/build_html.py (conftest puts tools/ on sys.path)

    return build_html


def _ready() -> list[dict]:
    return [r for r in course.outline() if r["status"] == "ready"]


def _page(record: dict) -> str:
    return record["file"].removesuffix(".ipynb") + ".html"


def _outside_srcdoc(text: str) -> str:
    """A page without its maps' srcdoc attributes (checked separately, unescaped)."""
    return re.sub(r'srcdoc="[^"]*"', 'srcdoc=""', text)


class _Tags(HTMLParser):
    """Every start tag of a page with its attributes (values unescaped)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))


def _tags(text: str) -> list[tuple[str, dict]]:
    parser = _Tags()
    parser.feed(text)
    parser.close()
    return parser.tags


def _srcdocs(text: str) -> list[str]:
    """The HTML documents of a page's maps (iframe srcdoc)."""
    return [a["srcdoc"] for tag, a in _tags(text) if tag == "iframe" and "srcdoc" in a]


def _outputs(record: dict, mime: str) -> list[str]:
    nb = nbformat.read(NOTEBOOKS / record["file"], as_version=4)
    return [
        o["data"][mime]
        for cell in nb.cells
        for o in cell.get("outputs", [])
        if mime in o.get("data", {})
    ]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    log: list[str] = []
    files = _tool().build(out, log=log.append)
    pages = {p.name: p.read_text(encoding="utf-8") for p in out.glob("*.html")}
    return out, files, log, pages


def test_every_ready_notebook_has_a_page_with_its_title(site):
    _, files, _, pages = site
    expected = [_page(r) for r in _ready()]
    assert [f.name for f in files] == [*expected, "index.html"]
    assert sorted(pages) == sorted([*expected, "index.html"])
    for record in _ready():
        assert "<h1 id=" in pages[_page(record)]
        assert html.escape(record["title"], quote=False) in pages[_page(record)]


def test_index_lists_the_notebooks_in_course_order_with_titles_minutes_and_questions(site):
    index = site[3]["index.html"]
    links = re.findall(r'<a href="(\d\d_[a-z_]+\.html)">([^<]*)</a>', index)
    assert links == [(_page(r), html.escape(r["title"])) for r in _ready()]
    for record in course.outline():
        row = index.split(html.escape(record["title"]), 1)[1].split("</tr>", 1)[0]
        assert f"{record['minutes_teaching']:g} + {record['minutes_exercises']:g}" in row
        for question in record["questions"]:
            assert f"<li>{html.escape(question)}</li>" in row


def test_index_says_it_is_read_only_and_how_to_run_the_module_live(site):
    index = site[3]["index.html"]
    assert "This is a read-only copy." in index
    assert 'id="run-live"' in index and "<code>make lab</code>" in index
    assert "Binder" in index and f'href="{REPOSITORY}"' in index
    import class_links  # tools/class_links.py

    assert f'<a href="{html.escape(class_links.binder_url())}">open notebook 00 on Binder</a>' in index
    # The article's line comes from its metadata, not from the build script.
    from newscase.core.article import load_article

    meta = load_article().meta
    assert f"{meta['date']:%d %B %Y}".lstrip("0") in index and html.escape(meta["title"]) in index


def test_no_page_links_to_a_notebook_file_and_no_relative_link_is_dead(site):
    out, _, _, pages = site
    for name, text in pages.items():
        hrefs = [a["href"] for tag, a in _tags(text) if tag == "a" and "href" in a]
        assert hrefs, name
        for href in hrefs:
            # (a Binder link may name a notebook in its query: it opens it live)
            assert not urllib.parse.urlsplit(href).path.endswith(".ipynb"), (name, href)
            if href.startswith(("#", "http://", "https://", "mailto:")):
                continue
            target, _, anchor = href.partition("#")
            assert (out / target).is_file(), (name, href)
            if anchor:
                assert f'id="{anchor}"' in pages[target], (name, href)
    # the frame's navigation and notebook 00's module map now lead to pages
    assert 'href="01_context.html"' in pages["00_start_here.html"]
    assert 'href="05_aftermath.html"' in pages["00_start_here.html"]


# Attributes through which a browser fetches something by itself (not <a href>).
FETCHED = {"src", "srcset", "data", "poster", "background"}


def _loaded_urls(text: str) -> list[str]:
    """Addresses a page makes the browser fetch: tag attributes, CSS url()/@import, import()."""
    urls = []
    for tag, attrs in _tags(text):
        urls += [v for k, v in attrs.items() if k in FETCHED]
        if tag == "link":
            urls.append(attrs.get("href", ""))
    urls += re.findall(r"url\(\s*['\"]?([^'\")]+)", text)
    urls += re.findall(r"@import\s+['\"]([^'\"]+)", text)
    urls += re.findall(r"import\(\s*['\"]([^'\"]+)", text)
    return urls


def test_no_page_loads_anything_from_another_host(site):
    pages = site[3]
    checked = 0
    for name, text in pages.items():
        for part in [text, *_srcdocs(text)]:
            for url in _loaded_urls(part):
                checked += 1
                assert not re.match(r"^\s*(https?:)?//", url), (name, url)
        assert "cdnjs.cloudflare.com" not in text and "unpkg.com" not in text, name
    assert checked > 50  # the figures and the maps' inlined images were looked at


def test_every_page_has_a_language_and_a_title(site):
    for name, text in site[3].items():
        assert re.search(r'<html lang="en"', text), name
        title = re.search(r"<title>([^<]+)</title>", text)
        assert title and title.group(1).strip(), name
    for number, record in enumerate(course.outline()):
        if record["status"] == "ready":
            title = re.search(r"<title>([^<]+)</title>", site[3][_page(record)]).group(1)
            assert title == html.escape(f"{number:02d} {record['title']} | The Corridor"), title


def test_figures_keep_their_alt_text(site):
    pages = site[3]
    for record in _ready():
        nb = nbformat.read(NOTEBOOKS / record["file"], as_version=4)
        alts = [
            o["metadata"]["image/png"]["alt"]
            for cell in nb.cells
            for o in cell.get("outputs", [])
            if "image/png" in o.get("data", {})
        ]
        imgs = [a for tag, a in _tags(pages[_page(record)]) if tag == "img"]
        assert [img.get("alt") for img in imgs] == alts, record["file"]
    assert sum("<img " in pages[_page(r)] for r in _ready()) >= 3  # 01, 02 and 05 have figures


def test_maps_keep_their_text_versions_and_quizzes_their_static_form(site):
    pages = site[3]
    maps = quizzes = 0
    for record in _ready():
        outputs = "".join(_outputs(record, "text/html"))
        page = _outside_srcdoc(pages[_page(record)])
        assert page.count(MAP_TEXT) == outputs.count(MAP_TEXT), record["file"]
        assert page.count("<iframe ") == outputs.count("<iframe "), record["file"]
        assert page.count(QUIZ_FALLBACK) == outputs.count(QUIZ_FALLBACK), record["file"]
        maps += outputs.count("<iframe ")
        quizzes += outputs.count(QUIZ_FALLBACK)
    assert maps >= 5 and quizzes >= 20


def test_a_second_build_gives_the_same_bytes_and_rewrites_nothing(site, tmp_path):
    out, files, log, _ = site
    again: list[str] = []
    _tool().build(out, log=again.append)
    assert sum("written" in line for line in log) == len(files)
    assert sum("unchanged" in line for line in again) == len(files)
    fresh = tmp_path / "fresh"
    _tool().build(fresh, log=lambda _: None)
    for f in files:
        assert (fresh / f.name).read_bytes() == f.read_bytes(), f.name


def test_the_notebooks_need_none_of_the_scripts_the_site_leaves_out():
    """No LaTeX (MathJax), Mermaid, JavaScript output or widget state in any notebook."""
    math = re.compile(r"\$\$|\$[^$\s][^$\n]*\$|\\\(|\\\[|\\begin\{")
    for record in _ready():
        nb = nbformat.read(NOTEBOOKS / record["file"], as_version=4)
        assert "widgets" not in nb.metadata, record["file"]
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                assert not math.search(cell.source), (record["file"], cell.source[:80])
                assert "```mermaid" not in cell.source, record["file"]
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                assert "application/javascript" not in data, record["file"]
                assert "text/latex" not in data and "text/markdown" not in data, record["file"]


# ---- links


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("01_context.ipynb", "01_context.html"),
        ("01_context.ipynb#Key-points", "01_context.html#Key-points"),
        ("./03_geography.ipynb", "03_geography.html"),
        ("index.html#run-live", "index.html#run-live"),
        ("../docs/maps.md", f"{REPOSITORY}/blob/main/docs/maps.md"),
        ("../docs/maps.md#offline-assets", f"{REPOSITORY}/blob/main/docs/maps.md#offline-assets"),
        (
            "../src/newscase/data/course.yaml",
            f"{REPOSITORY}/blob/main/src/newscase/data/course.yaml",
        ),
        ("https://example.org/a.ipynb", "https://example.org/a.ipynb"),
        ("#newscase-term-1", "#newscase-term-1"),
    ],
)
def test_link_targets(href, expected):
    tool = _tool()
    pages = {"index.html", "01_context.html", "03_geography.html"}
    repo_page = f"{REPOSITORY}/blob/main"
    assert tool.link_target(href, pages, ROOT, "notebooks", repo_page) == expected


@pytest.mark.parametrize(
    ("href", "message"),
    [
        (
            "07_sequel.ipynb",
            "the link '07_sequel.ipynb' points to notebooks/07_sequel.ipynb, which does not exist",
        ),
        (
            "../docs/nothing.md",
            "the link '../docs/nothing.md' points to docs/nothing.md, which does not exist",
        ),
        ("../../etc/passwd", "the link '../../etc/passwd' leaves the repository"),
    ],
)
def test_a_dead_link_is_named(href, message):
    tool = _tool()
    with pytest.raises(tool.BuildError) as error:
        tool.link_target(href, {"index.html"}, ROOT, "notebooks", "R")
    assert str(error.value) == message


# ---- an author's mistakes, as `make html` reports them


def _copy_notebooks(tmp_path: Path) -> Path:
    folder = tmp_path / "repo" / "notebooks"
    shutil.copytree(NOTEBOOKS, folder, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    return folder


def _run(capsys, *args) -> tuple[int, str, str]:
    code = _tool().main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_missing_notebook_is_reported_in_a_sentence(tmp_path, capsys):
    folder = _copy_notebooks(tmp_path)
    (folder / "03_geography.ipynb").unlink()
    code, _, err = _run(capsys, "--notebooks", str(folder), "--out", str(tmp_path / "out"))
    assert code == 1
    assert err.startswith("make html: course.yaml marks 03_geography.ipynb ready, but ")
    assert "set its status to planned in src/newscase/data/course.yaml" in err
    assert "Traceback" not in err


def test_an_unreadable_notebook_is_reported_in_a_sentence(tmp_path, capsys):
    folder = _copy_notebooks(tmp_path)
    (folder / "00_start_here.ipynb").write_text("{ not json", encoding="utf-8")
    code, _, err = _run(capsys, "--notebooks", str(folder), "--out", str(tmp_path / "out"))
    assert code == 1
    assert err.startswith("make html: cannot read ") and "00_start_here.ipynb" in err
    assert "Traceback" not in err


def test_a_dead_link_in_a_notebook_is_reported_with_the_notebook(tmp_path, capsys):
    folder = _copy_notebooks(tmp_path)
    path = folder / "00_start_here.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb["cells"].append(
        {"cell_type": "markdown", "id": "dead", "metadata": {}, "source": "[maps](../docs/gone.md)"}
    )
    path.write_text(json.dumps(nb), encoding="utf-8")
    code, _, err = _run(capsys, "--notebooks", str(folder), "--out", str(tmp_path / "out"))
    assert code == 1
    assert err == (
        "make html: 00_start_here.ipynb: the link '../docs/gone.md' points to "
        "docs/gone.md, which does not exist\n"
    )


def test_a_link_to_a_repository_file_points_to_the_repository(tmp_path, capsys):
    folder = _copy_notebooks(tmp_path)
    (folder.parent / "docs").mkdir()
    (folder.parent / "docs" / "maps.md").write_text("# Maps\n", encoding="utf-8")
    path = folder / "00_start_here.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb["cells"].append(
        {"cell_type": "markdown", "id": "repo", "metadata": {}, "source": "[maps](../docs/maps.md)"}
    )
    path.write_text(json.dumps(nb), encoding="utf-8")
    out = tmp_path / "out"
    code, printed, _ = _run(capsys, "--notebooks", str(folder), "--out", str(out), "--branch", "v1")
    assert code == 0
    assert f'href="{REPOSITORY}/blob/v1/docs/maps.md"' in (out / "00_start_here.html").read_text()
    assert "[1/7] 00_start_here.ipynb -> 00_start_here.html" in printed
    assert f"Done: 6 pages and {out / 'index.html'}." in printed
