"""`make html`: the course site (Sphinx + MyST-NB + sphinx-book-theme), checked file by file.

The site is built once, in a separate Python with an audit hook (PEP 578) that refuses
every network connection and name lookup and records them: the build must attempt none.
The tests then check the pages: every ready notebook a page in course.yaml's order in the
side navigation, the home page's table and run-live links, the launch links of each
notebook page, the glossary, the guides and their links, no dead relative link, nothing
loaded from another host, the figures' alt text, the maps, the quizzes' static form and
collapsed <details>, identical bytes from a rebuild, and the author's mistakes (missing or
unreadable notebook, dead link, a problem Sphinx reports) said in a sentence.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
import types
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
import yaml

from helpers import PACKAGE_DATA, ROOT

NOTEBOOKS = ROOT / "notebooks"
REPOSITORY = "https://github.com/newscase/newscase"  # pyproject.toml [project.urls]
QUIZ_FALLBACK = "Run this notebook in Jupyter to answer here"
MAP_TEXT = "Text version of the map"

# The build, run with the network refused. The audit hook records every attempt to reach a
# host other than the loopback, and every program started; a lookup after the build checks
# that the hook does refuse.
GUARDED_BUILD = r"""
import json, socket, sys
attempts = []
NET = {"socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.sendto",
       "socket.gethostbyname_ex", "socket.gethostbyaddr", "socket.sendmsg", "urllib.Request"}

def host(event, args):
    if event in ("socket.connect", "socket.sendto", "socket.sendmsg"):
        address = args[1] if len(args) > 1 else None
        return address[0] if isinstance(address, tuple) else None
    return str(args[0]) if args else None

def hook(event, args):
    if event in NET:
        name = host(event, args)
        if name not in (None, "127.0.0.1", "::1", "localhost"):
            attempts.append([event, name])
            raise OSError(f"the network is off for this build ({event} {name})")
    elif event in ("subprocess.Popen", "os.system", "os.exec", "os.posix_spawn"):
        attempts.append([event, str(args[0])[:80]])

sys.addaudithook(hook)
sys.path.insert(0, sys.argv[1])
import build_html
code = build_html.main(sys.argv[2:])
try:
    socket.getaddrinfo("example.org", 443)
except OSError:
    pass
print("ATTEMPTS " + json.dumps(attempts))
sys.exit(code)
"""


def _data(name: str):
    return yaml.safe_load((PACKAGE_DATA / name).read_text(encoding="utf-8"))


def _ready() -> list[dict]:
    return [r for r in _data("course.yaml") if r["status"] == "ready"]


def _page(record: dict) -> str:
    return "notebooks/" + record["file"].removesuffix(".ipynb") + ".html"


def _tool():
    import build_html  # tools/build_html.py (conftest puts tools/ on sys.path)

    return build_html


def _sources():
    import site_sources  # tools/site_sources.py

    return site_sources


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


def _article(text: str) -> str:
    """The page's content (what the notebook or document holds), without the theme's frame."""
    return re.search(r"<article class=\"bd-article\">.*?</article>", text, re.S).group(0)


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
    """The site built once with the network refused: (folder, printed lines, attempts, pages)."""
    out = tmp_path_factory.mktemp("built") / "html"
    run = subprocess.run(
        [sys.executable, "-c", GUARDED_BUILD, str(ROOT / "tools"), "--out", str(out)],
        capture_output=True, text=True, timeout=600, cwd=ROOT,
        # as on many CI machines: Sphinx then redraws its progress in place with terminal codes
        env={**os.environ, "FORCE_COLOR": "1"},
    )
    assert run.returncode == 0, run.stderr[-3000:]
    lines = run.stdout.splitlines()
    attempts = json.loads(lines[-1].removeprefix("ATTEMPTS "))
    pages = {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8")
             for p in out.rglob("*.html") if "_static" not in p.parts}
    return out, lines[:-1], attempts, pages


# ---- the build


def test_the_build_reaches_no_host_and_starts_no_program(site):
    _, _, attempts, _ = site
    # only the check made after the build, which shows the guard refused it
    assert attempts == [["socket.getaddrinfo", "example.org"]]


def test_the_build_prints_its_progress(site):
    out, lines, _, _ = site
    assert lines[0].startswith("[1/3] staging the sources in ")
    assert any(line.startswith("[2/3] Sphinx: ") for line in lines)
    assert any(line == f"[3/3] copying the site to {out}" for line in lines)
    assert any("reading sources... [100%]" in line for line in lines)
    assert "build succeeded." in " ".join(lines)
    assert lines[-1].startswith(f"Done: {out / 'index.html'}. To view it: python -m http.server")
    assert all("\x1b[" not in line and len(line) < 200 for line in lines)


def test_the_site_is_ready_for_github_pages_and_alone_in_its_folder(site):
    out = site[0]
    assert [p.name for p in out.parent.iterdir()] == ["html"]  # no MyST-NB scratch beside it
    assert (out / ".nojekyll").is_file()  # _static/ would be hidden by Jekyll otherwise
    assert (out / "searchindex.js").is_file() and (out / "search.html").is_file()


# ---- notebooks, navigation, home page


def test_every_ready_notebook_is_a_page_with_its_title(site):
    pages = site[3]
    for record in _ready():
        page = pages[_page(record)]
        assert re.search(r"<h1>" + re.escape(html.escape(record["title"], quote=False)), page)
        title = re.search(r"<title>([^<]+)</title>", page).group(1)
        assert html.unescape(title) == f"{record['title']} \u2014 Reading one article"


def _side_navigation(page: str) -> list[tuple[str, str, str]]:
    """(caption, href, text) of every link in the side navigation of a page."""
    nav = re.search(r'<nav class="bd-links bd-docs-nav".*?</nav>', page, re.S).group(0)
    found, caption = [], ""
    for part in re.split(r'(<span class="caption-text">[^<]*</span>)', nav):
        if part.startswith('<span class="caption-text">'):
            caption = re.sub(r"<[^>]+>", "", part)
            continue
        for href, text in re.findall(
            r'<a class="[^"]*reference internal[^"]*" href="([^"]*)">(.*?)</a>', part, re.S
        ):
            found.append((caption, href, html.unescape(re.sub(r"<[^>]+>", "", text).strip())))
    return found


def test_side_navigation_lists_the_notebooks_of_course_yaml_in_order_then_glossary_and_guides(site):
    nav = _side_navigation(site[3]["index.html"])
    records = _data("course.yaml")
    expected = [
        ("Notebooks", _page(r), f"{n:02d} {r['title']}")
        for n, r in enumerate(records)
        if r["status"] == "ready"
    ]
    assert [n for n in nav if n[0] == "Notebooks"] == expected
    assert [n for n in nav if n[0] == "Reference"] == [("Reference", "docs/glossary.html", "Glossary")]
    guides = [href for caption, href, _ in nav if caption == "Guides"]
    docs = sorted(p.stem for p in (ROOT / "docs").glob("*.md") if p.stem != "glossary")
    assert guides[0] == "docs/instructors.html"
    assert sorted(guides) == sorted(f"docs/{d}.html" for d in docs)
    # every page has the same navigation (links relative to the page)
    geography = _side_navigation(site[3]["notebooks/03_geography.html"])
    assert [text for _, _, text in geography] == [text for _, _, text in nav]


def test_the_table_of_contents_comes_from_course_yaml(tmp_path):
    """A notebook added to course.yaml appears in the navigation and the table."""
    data = tmp_path / "data"
    shutil.copytree(PACKAGE_DATA, data)
    records = yaml.safe_load((data / "course.yaml").read_text(encoding="utf-8"))
    number = len(records)
    sequel = f"{number:02d}_sequel"
    extra = {**records[-1], "file": f"{sequel}.ipynb", "title": "Sequel: a test notebook"}
    later = f"{number + 1:02d}_later"
    planned = {**records[-1], "file": f"{later}.ipynb", "title": "Later", "status": "planned"}
    (data / "course.yaml").write_text(yaml.safe_dump([*records, extra, planned]), "utf-8")
    notebooks = tmp_path / "repo" / "notebooks"
    shutil.copytree(NOTEBOOKS, notebooks, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    shutil.copy(notebooks / "05_aftermath.ipynb", notebooks / f"{sequel}.ipynb")
    src = tmp_path / "src"
    live = {"repository": REPOSITORY, "binder": None, "hub": None, "lite": None}
    _sources().stage(src, notebooks, ROOT / "docs", f"{REPOSITORY}/blob/main", live, data)
    index = (src / "index.md").read_text(encoding="utf-8")
    toc = index.split(":caption: Notebooks\n:hidden:\n\n", 1)[1].split("```", 1)[0].splitlines()
    assert toc[-1] == f"{number:02d} Sequel: a test notebook <notebooks/{sequel}>"
    assert len(toc) == number + 1
    assert toc[0] == "00 Start here: one article, read closely <notebooks/00_start_here>"
    assert f"[Sequel: a test notebook](notebooks/{sequel}.ipynb)" in index
    assert "  - Later (in preparation)" in index and later not in index
    assert (src / "notebooks" / f"{sequel}.ipynb").is_file()
    assert not (src / "notebooks" / "07_later.ipynb").exists()


def _article_text(page: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", _article(page))))


def test_home_page_lists_the_notebooks_with_minutes_and_questions(site):
    index = site[3]["index.html"]
    table = re.search(r"<table.*?</table>", index, re.S).group(0)
    rows = re.findall(r"<tr.*?</tr>", table, re.S)[1:]
    records = _data("course.yaml")
    assert len(rows) == len(records)
    total = sum(r["minutes_teaching"] + r["minutes_exercises"] for r in records)
    assert f"The module: {len(records)} notebooks, about {total:g} minutes in all" in table
    for number, (row, record) in enumerate(zip(rows, records, strict=True)):
        text = html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)))
        assert f" {number:02d} " in text and record["title"] in text
        assert f"{record['minutes_teaching']:g} + {record['minutes_exercises']:g}" in text
        for question in record["questions"]:
            assert question in text
        if record["status"] == "ready":
            assert f'href="{_page(record)}"' in row


def test_home_page_says_it_is_read_only_and_how_to_run_the_module_live(site):
    import class_links  # tools/class_links.py

    index = site[3]["index.html"]
    text = _article_text(index)
    assert "This is a read-only copy." in text and "make lab" in text
    assert 'id="run-it-live"' in index and f'href="{REPOSITORY}"' in index
    assert f'href="{html.escape(class_links.binder_url())}"' in index
    assert 'href="../lite/lab/index.html?path=00_start_here.ipynb"' in index
    assert "JupyterHub" not in text  # no HUB given
    article = _data("article/article.yaml")
    day = f"{article['date']:%d %B %Y}".lstrip("0")
    assert f"\u201c{article['title']}\u201d ({day}, the day inferred from the text)" in text


def _launch_links(page: str) -> dict[str, str]:
    """The launch menu's links of a page: {"Binder": url, ...}."""
    menu = re.search(r'<div class="dropdown dropdown-launch-buttons">.*?</ul>', page, re.S)
    if menu is None:
        return {}
    return {
        html.unescape(name): html.unescape(url)
        for url, name in re.findall(
            r'<a href="([^"]*)"[^>]*>.*?<span class="btn__text-container">([^<]*)</span>',
            menu.group(0), re.S,
        )
    }


def test_every_notebook_page_has_binder_and_jupyterlite_launch_links(site):
    import class_links

    pages = site[3]
    for record in _ready():
        links = _launch_links(pages[_page(record)])
        assert links == {
            "Binder": class_links.binder_url(notebook=record["file"]),
            "JupyterLite": f"../../lite/lab/index.html?path={record['file']}",
        }, record["file"]
    assert _launch_links(pages["index.html"]) == {} and _launch_links(pages["docs/glossary.html"]) == {}


def test_a_hub_adds_nbgitpuller_links_from_class_links():
    import class_links

    tool = _tool()
    links = tool.launch_links("https://hub.example.edu/", None, "spring")
    assert set(links) == {_page(r).removesuffix(".html") for r in _ready()}
    for record in _ready():
        assert links[_page(record).removesuffix(".html")] == [
            ("Binder", class_links.binder_url(branch="spring", notebook=record["file"])),
            ("JupyterHub", class_links.nbgitpuller_url(
                "https://hub.example.edu", record["file"], branch="spring")),
        ]
    assert tool.lite_link("https://example.org/lite/", "03_geography.ipynb", 1) == (
        "https://example.org/lite/lab/index.html?path=03_geography.ipynb")


def test_a_malformed_hub_is_reported_in_a_sentence(tmp_path, capsys):
    code = _tool().main(["--hub", "hub.example.edu", "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 1
    assert err == ("make html: hub 'hub.example.edu': give the full address with https://, "
                   "e.g. https://hub.example.edu\n")
    assert not (tmp_path / "out").exists()


def test_the_launch_menu_is_added_to_the_theme_header():
    """site/conf.py's hook puts the links given for a page into the theme's header buttons."""
    import runpy

    conf = runpy.run_path(str(ROOT / "site" / "conf.py"))

    links = {"notebooks/03_geography": [("Binder", "https://b/03"), ("JupyterHub", "https://h/p?a=1&b=2")]}
    app = types.SimpleNamespace(config=types.SimpleNamespace(newscase_launch_links=links))
    context = {"header_buttons": []}
    conf["add_launch_links"](app, "notebooks/03_geography", "page.html", context, None)
    conf["add_launch_links"](app, "glossary", "page.html", context, None)
    assert len(context["header_buttons"]) == 1
    group = context["header_buttons"][0]
    assert group["type"] == "group" and group["icon"] == "fas fa-rocket"
    assert [(b["text"], b["url"]) for b in group["buttons"]] == [
        ("Binder", "https://b/03"),
        ("JupyterHub", "https://h/p?a=1&amp;b=2"),  # escaped: the theme writes it as it is
    ]
    assert group["buttons"][1]["icon"] == "_static/images/logo_jupyterhub.svg"


# ---- glossary and guides


def test_glossary_page_has_every_term_with_its_names_spellings_and_sources(site):
    """The site shows docs/glossary.md (generated from glossary.yaml): each term a section
    (notebooks link to it by its GitHub-style anchor), then its definition, other names,
    the article's spellings and the sources, linked."""
    page = site[3]["docs/glossary.html"]
    glossary = _data("glossary.yaml")
    sources = {s["id"]: s for s in _data("sources.yaml")}
    bodies = {}
    for part in page.split('<section id="')[1:]:
        heading = re.search(r"<h2>(.*?)<a class=\"headerlink\"", part, re.S)
        if heading:
            term = html.unescape(re.sub(r"<[^>]+>", "", heading.group(1))).strip()
            bodies[term] = part.split("</section>", 1)[0]
    assert sorted(bodies) == sorted(e["term"] for e in glossary)
    for entry in glossary:
        body = bodies[entry["term"]]
        text = html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", body)))
        assert " ".join(entry["definition"].split()) in text, entry["id"]
        for name in entry.get("alt_names", []):
            assert name in text, (entry["id"], name)
        for spelling in entry.get("article_spelling", []):
            assert f"\u201c{spelling}\u201d" in text, (entry["id"], spelling)
        for source in entry["sources"]:
            url = sources[source].get("url")
            assert (f'href="{html.escape(url)}"' if url else source) in body, (entry["id"], source)

def test_the_guides_are_pages_and_their_links_lead_to_pages_or_the_repository(site):
    pages = site[3]
    for doc in (ROOT / "docs").glob("*.md"):
        page = pages[f"docs/{doc.stem}.html"]
        heading = re.search(r"^# (.+)$", doc.read_text(encoding="utf-8"), re.M).group(1)
        h1 = re.sub(r"<[^>]+>|\s", "", re.search(r"<h1>(.*?)</h1>", page, re.S).group(1))
        assert html.unescape(h1) == re.sub(r"[`\s]", "", heading), doc.name
    hub = pages["docs/hub.html"]
    assert 'href="instructors.html"' in hub
    assert f'href="{REPOSITORY}/blob/main/bench/README.md"' in hub
    instructors = pages["docs/instructors.html"]
    assert 'href="#timing"' in instructors and 'id="timing"' in instructors
    assert 'href="static-site.html"' in instructors


# ---- links and what pages load


def test_no_relative_link_is_dead_and_none_leads_to_a_notebook_file(site):
    out, _, _, pages = site
    checked = 0
    for name, text in pages.items():
        for tag, attrs in _tags(_outside_srcdoc(text)):
            href = attrs.get("href", "") if tag in ("a", "link") else ""
            if not href or re.match(r"^[a-z]+:", href):
                continue
            path, _, anchor = href.partition("#")
            path = path.split("?", 1)[0]
            assert not path.endswith(".ipynb"), (name, href)
            target = (out / name).parent / path if path else out / name
            if "lite/lab/index.html" in path:  # the JupyterLite site, beside this one
                assert target.resolve() == (out.parent / "lite/lab/index.html").resolve(), href
                continue
            assert target.is_file(), (name, href)
            if anchor and target.suffix == ".html":
                key = target.resolve().relative_to(out.resolve()).as_posix()
                assert f'id="{anchor}"' in pages[key], (name, href)
            checked += 1
    assert checked > 500


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


def test_nothing_loads_from_another_host(site):
    out, _, _, pages = site
    checked = 0
    for name, text in pages.items():
        for part in [text, *_srcdocs(text)]:
            for url in _loaded_urls(part):
                checked += 1
                assert not re.match(r"^\s*(https?:)?//", url), (name, url)
        head = text.split("</head>", 1)[0]
        scripts = re.findall(r"<script[^>]*>(.*?)</script>", _outside_srcdoc(text), re.S)
        for part in (head, *scripts):
            for script in ("mathjax", "require.js", "requirejs", "cdnjs", "jsdelivr", "unpkg"):
                assert script not in part.lower(), (name, script)
    for css in out.rglob("*.css"):
        for url in _loaded_urls(css.read_text(encoding="utf-8")):
            assert not re.match(r"^\s*(https?:)?//", url), (css.name, url)
    assert checked > 200


def test_every_page_has_a_language_a_title_and_the_read_only_banner(site):
    for name, text in site[3].items():
        assert '<html lang="en"' in text, name
        banner = re.search(r'<div class="bd-header-announcement__content">([^<]*)</div>', text)
        assert banner and "A read-only copy of the module" in banner.group(1), name
        title = re.search(r"<title>([^<]+)</title>", text)
        assert title and title.group(1).strip(), name


# ---- what the notebooks' outputs become


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
        imgs = [a for tag, a in _tags(_article(pages[_page(record)])) if tag == "img"]
        assert [img.get("alt") for img in imgs] == alts, record["file"]
        assert all(img["src"].startswith("../_images/") for img in imgs)
    assert sum(len(_outputs(r, "image/png")) for r in _ready()) >= 3


def test_maps_draw_offline_and_keep_their_text_versions_and_quizzes_their_static_form(site):
    pages = site[3]
    maps = quizzes = 0
    for record in _ready():
        outputs = "".join(_outputs(record, "text/html"))
        page = _outside_srcdoc(pages[_page(record)])
        assert page.count(MAP_TEXT) == outputs.count(MAP_TEXT), record["file"]
        assert page.count("<iframe ") == outputs.count("<iframe "), record["file"]
        assert page.count(QUIZ_FALLBACK) == outputs.count(QUIZ_FALLBACK), record["file"]
        for srcdoc in _srcdocs(pages[_page(record)]):
            assert "L.map(" in srcdoc or "L.map (" in srcdoc  # Leaflet is inside the page
        maps += outputs.count("<iframe ")
        quizzes += outputs.count(QUIZ_FALLBACK)
    assert maps >= 5 and quizzes >= 20


def test_details_stay_collapsed(site):
    pages = site[3]
    total = 0
    for record in _ready():
        nb = nbformat.read(NOTEBOOKS / record["file"], as_version=4)
        sources = "".join(c.source for c in nb.cells) + "".join(_outputs(record, "text/html"))
        page = _outside_srcdoc(pages[_page(record)])
        assert page.count("<details") == sources.count("<details"), record["file"]
        opened = re.compile(r"<details[^>]*\sopen")
        assert len(opened.findall(page)) == len(opened.findall(sources)), record["file"]
        total += page.count("<details")
    assert total >= 20


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
                assert "application/vnd.jupyter.widget-view+json" not in data, record["file"]
                assert "text/latex" not in data and "text/markdown" not in data, record["file"]


def test_a_rebuild_gives_the_same_bytes_and_drops_a_page_that_went(site, tmp_path):
    out = site[0]
    again = tmp_path / "html"
    shutil.copytree(out, again)
    (again / "notebooks" / "99_gone.html").write_text("stale", encoding="utf-8")
    _tool().build(again, log=lambda _: None)
    before = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    after = sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    assert after == before
    for path in before:
        assert (again / path).read_bytes() == (out / path).read_bytes(), path


# ---- links in the sources


@pytest.mark.parametrize(
    ("href", "as_html", "expected"),
    [
        ("01_context.ipynb", False, "01_context.ipynb"),
        ("01_context.ipynb#key-points", False, "01_context.ipynb#key-points"),
        ("01_context.ipynb", True, "01_context.html"),
        ("./03_geography.ipynb#x", True, "./03_geography.html#x"),
        ("../docs/maps.md", False, "../docs/maps.md"),
        ("../docs/maps.md", True, "../docs/maps.html"),
        ("../bench/README.md", False, f"{REPOSITORY}/blob/main/bench/README.md"),
        (
            "../src/newscase/data/course.yaml#L3",
            True,
            f"{REPOSITORY}/blob/main/src/newscase/data/course.yaml#L3",
        ),
        ("https://example.org/a.ipynb", True, "https://example.org/a.ipynb"),
        ("#newscase-term-1", False, "#newscase-term-1"),
    ],
)
def test_link_targets(href, as_html, expected):
    pages = {"notebooks/01_context.ipynb", "notebooks/03_geography.ipynb", "docs/maps.md"}
    target = _sources().link_target(href, as_html, where="notebooks/00_start_here.ipynb",
                                    root=ROOT, pages=pages, repo_page=f"{REPOSITORY}/blob/main")
    assert target == expected


@pytest.mark.parametrize(
    ("href", "message"),
    [
        (
            "07_sequel.ipynb",
            "notebooks/00.ipynb: the link '07_sequel.ipynb' points to "
            "notebooks/07_sequel.ipynb, which does not exist",
        ),
        (
            "../docs/nothing.md",
            "notebooks/00.ipynb: the link '../docs/nothing.md' points to docs/nothing.md, "
            "which does not exist",
        ),
        ("../../etc/passwd", "notebooks/00.ipynb: the link '../../etc/passwd' leaves the repository"),
    ],
)
def test_a_dead_link_is_named(href, message):
    tool = _sources()
    with pytest.raises(tool.BuildError) as error:
        tool.link_target(href, where="notebooks/00.ipynb", root=ROOT, pages=set(), repo_page="R")
    assert str(error.value) == message


# ---- an author's mistakes, as `make html` reports them


def _copy_notebooks(tmp_path: Path) -> Path:
    folder = tmp_path / "repo" / "notebooks"
    shutil.copytree(NOTEBOOKS, folder, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    return folder


def _add_cell(folder: Path, source: str) -> None:
    path = folder / "00_start_here.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb["cells"].append({"cell_type": "markdown", "id": "added", "metadata": {}, "source": source})
    path.write_text(json.dumps(nb), encoding="utf-8")


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
    _add_cell(folder, "[maps](../docs/gone.md)")
    code, _, err = _run(capsys, "--notebooks", str(folder), "--out", str(tmp_path / "out"))
    assert code == 1
    assert err == (
        "make html: notebooks/00_start_here.ipynb: the link '../docs/gone.md' points to "
        "docs/gone.md, which does not exist\n"
    )


def test_a_link_to_a_repository_file_is_staged_as_a_link_to_the_repository(tmp_path):
    folder = _copy_notebooks(tmp_path)
    (folder.parent / "tools").mkdir()
    (folder.parent / "tools" / "lab.py").write_text("", encoding="utf-8")
    _add_cell(folder, '[lab](../tools/lab.py) <a href="01_context.ipynb#x">01</a>')
    src = tmp_path / "src"
    live = {"repository": REPOSITORY, "binder": None, "hub": None, "lite": None}
    _sources().stage(src, folder, ROOT / "docs", f"{REPOSITORY}/blob/v1", live)
    nb = json.loads((src / "notebooks" / "00_start_here.ipynb").read_text(encoding="utf-8"))
    assert nb["cells"][-1]["source"] == (
        f'[lab]({REPOSITORY}/blob/v1/tools/lab.py) <a href="01_context.html#x">01</a>'
    )
    # the module map's links (raw HTML in an output) lead to the pages
    outputs = json.dumps(nb["cells"])
    assert 'href=\\"01_context.html\\"' in outputs and 'href=\\"01_context.ipynb\\"' not in outputs


def test_a_problem_sphinx_reports_stops_the_build_with_the_file_and_line(tmp_path, capsys):
    folder = _copy_notebooks(tmp_path)
    _add_cell(folder, "[the context](01_context.ipynb#no-such-section)")
    code, printed, err = _run(capsys, "--notebooks", str(folder), "--out", str(tmp_path / "out"))
    assert code == 1 and "Done:" not in printed
    assert err.startswith("make html: Sphinx reported problems:\nnotebooks/00_start_here.ipynb:")
    assert "'no-such-section'" in err and "\x1b[" not in err and "newscase-site-" not in err
    assert not (tmp_path / "out").exists()  # a failed build writes nothing
