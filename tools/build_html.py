"""Render the module as a static web site, to read without Jupyter (`make html`).

    python tools/build_html.py [--out build/html] [--notebooks notebooks] [--branch main]

One page per notebook marked ready in src/newscase/data/course.yaml, converted by nbconvert
from the committed outputs (nothing is re-executed), and an index.html listing them in
course order. The pages make no request to another host: nbconvert's require.js, MathJax,
Mermaid and widget loaders (all from CDNs) are left out, since no notebook needs them, and
the maps carry their own Leaflet. Links between notebooks point to their pages; a relative
link to any other file of the repository points to that file on the repository's web
site (pyproject.toml, [project.urls] Repository). Same notebooks in, same bytes out: a page
whose content has not changed is not rewritten.
"""

from __future__ import annotations

import argparse
import html
import posixpath
import re
import sys
import tomllib
import urllib.parse
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
OUT = ROOT / "build" / "html"
SITE_TITLE = "The Corridor: reading one news article critically"
SHORT_TITLE = "The Corridor"

# The lab template without anything fetched from a CDN, with the figures' alt text
# (nbconvert writes none), and a bar at the top of every page linking to the index.
TEMPLATE = """{%- extends 'index.html.j2' -%}
{% block html_head_js_requirejs %}{% endblock html_head_js_requirejs %}
{% block jupyter_widgets %}{% endblock jupyter_widgets %}
{% block html_head_js_mathjax %}{% endblock html_head_js_mathjax %}
{% block html_head_js_mermaidjs %}{% endblock html_head_js_mermaidjs %}
{% block extra_css %}<style type="text/css">{{ resources.site_css }}</style>{% endblock extra_css %}
{% block body_header %}{{ super() }}
{{ resources.site_bar }}
{%- endblock body_header %}
{% block data_png scoped %}
<div class="jp-RenderedImage jp-OutputArea-output {{ extra_class }}">
<img src="data:image/png;base64,{{ output.data['image/png'] | escape_html }}" alt="
{{- ((output | get_metadata('alt', 'image/png'))
      or output.data.get('text/plain', 'Figure')) | escape_html }}">
</div>
{%- endblock data_png %}
"""

SITE_CSS = """
.nc-site-bar { font-family: var(--jp-ui-font-family, sans-serif); font-size: 14px;
  padding: 8px 12px; margin: 0 0 12px; background: #f3f3f3; border-bottom: 1px solid #ccc; }
.nc-site-bar a { color: #0645ad; text-decoration: underline; }
.nc-site-bar > a:first-child { margin-right: 1.5em; font-weight: bold; }
"""

INDEX_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 60rem;
  margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #1a1a1a; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #ccc; padding: 0.4rem 0.6rem; text-align: left; vertical-align: top; }
td ul { margin: 0; padding-left: 1.2rem; }
caption { text-align: left; font-weight: bold; padding-bottom: 0.4rem; }
.nc-readonly { background: #fff8e1; border-left: 4px solid #e0a800; padding: 0.6rem 1rem; }
"""


class BuildError(Exception):
    """A problem the author can fix (missing notebook, dead link, unreadable file)."""


def repository_url() -> str:
    """The public repository's address, from pyproject.toml ([project.urls] Repository)."""
    with (ROOT / "pyproject.toml").open("rb") as handle:
        urls = tomllib.load(handle).get("project", {}).get("urls", {})
    if "Repository" not in urls:
        raise BuildError("pyproject.toml has no [project.urls] Repository address")
    return urls["Repository"].rstrip("/")


def page_name(notebook_file: str) -> str:
    """The site page of a notebook file name: 03_geography.ipynb -> 03_geography.html."""
    return notebook_file.removesuffix(".ipynb") + ".html"


def ready_notebooks() -> list[tuple[int, dict]]:
    """(number, course.yaml record) of every notebook marked ready, in course order."""
    from newscase.core import course

    return [(n, r) for n, r in enumerate(course.outline()) if r["status"] == "ready"]


# ---- links


_HREF = re.compile(r'(\shref=")([^"]*)(")')
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def link_target(href: str, pages: set[str], root: Path, source_dir: str, repo_page: str) -> str:
    """Where a link of a notebook page should point in the site.

    ``source_dir`` is the notebook's folder relative to ``root`` (e.g. "notebooks").
    Absolute addresses and in-page anchors are kept; a link to a notebook with a page
    goes to the page; a link to another file of the repository goes to that file on
    ``repo_page`` (e.g. https://github.com/o/r/blob/main). Raises BuildError for a link
    to a file that does not exist.
    """
    if not href or href.startswith(("#", "//")) or _SCHEME.match(href):
        return href
    split = urllib.parse.urlsplit(html.unescape(href))
    path = urllib.parse.unquote(split.path)
    rest = href[len(href.split("#", 1)[0].split("?", 1)[0]) :]
    resolved = posixpath.normpath(posixpath.join(source_dir, path))
    if resolved.startswith("../") or resolved == "..":
        raise BuildError(f"the link {href!r} leaves the repository")
    name = posixpath.basename(resolved)
    if posixpath.dirname(resolved) == source_dir:
        if name.endswith(".ipynb") and page_name(name) in pages:
            return page_name(name) + rest
        if name in pages:  # a page of the site itself (index.html)
            return name + rest
    if (root / resolved).exists():
        return f"{repo_page}/{urllib.parse.quote(resolved)}{rest}"
    raise BuildError(f"the link {href!r} points to {resolved}, which does not exist")


def rewrite_links(page: str, resolve: Callable[[str], str]) -> str:
    """The page with every href attribute passed through ``resolve``.

    A map's iframe keeps its HTML in an escaped srcdoc attribute, whose quotes are
    &quot;, so its links (all absolute) are not touched.
    """
    return _HREF.sub(lambda m: m.group(1) + resolve(m.group(2)) + m.group(3), page)


# ---- pages


def site_bar(number: int) -> str:
    """The bar at the top of a notebook's page: back to the index, and what is read-only."""
    return (
        '<nav class="nc-site-bar" aria-label="Module">'
        f'<a href="index.html">{html.escape(SHORT_TITLE)}: all notebooks</a>'
        f"<span>Notebook {number:02d}, a read-only copy: quizzes and explorers work when "
        'you <a href="index.html#run-live">run it in Jupyter</a>.</span></nav>'
    )


def make_exporter():
    """nbconvert's HTML exporter with the site's template (lab, without CDN scripts)."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab", embed_images=True, language_code="en")
    exporter.raw_template = TEMPLATE
    return exporter


def render_notebook(exporter, path: Path, number: int, record: dict) -> str:
    """One notebook's page (links not yet rewritten)."""
    import nbformat

    try:
        nb = nbformat.read(path, as_version=4)
    except (OSError, ValueError) as error:  # NotJSONError is a ValueError
        raise BuildError(f"cannot read {path}: {error}") from None
    nb.metadata["title"] = f"{number:02d} {record['title']} | {SHORT_TITLE}"
    resources = {
        "metadata": {"name": path.stem, "path": str(path.parent)},
        "site_bar": site_bar(number),
        "site_css": SITE_CSS,
    }
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    return body


def binder_link(repo: str, branch: str) -> str | None:
    """The Binder link that opens notebook 00 (tools/class_links.py), or None off GitHub."""
    import class_links  # tools/class_links.py, beside this script

    try:
        return class_links.binder_url(repo, branch)
    except class_links.LinkError:
        return None


def article_line() -> str:
    """The article's title, outlet and date, from its metadata (src/newscase/data/article/)."""
    from newscase.core.article import load_article

    meta = load_article().meta
    day = f"{meta['date']:%d %B %Y}".lstrip("0")
    return (f"{html.escape(meta['outlet'])}'s report \u201c{html.escape(meta['title'])}\u201d "
            f"({day}, the day inferred from the text)")


def index_page(
    notebooks: list[tuple[int, dict]], all_records, repo: str, binder: str | None = None
) -> str:
    """index.html: the notebooks in course order, and how to run them live."""
    ready = {r["file"] for _, r in notebooks}
    rows = []
    for number, record in enumerate(all_records):
        title = html.escape(record["title"])
        if record["file"] in ready:
            title = f'<a href="{page_name(record["file"])}">{title}</a>'
        else:
            title += " (in preparation)"
        questions = "".join(f"<li>{html.escape(q)}</li>" for q in record["questions"])
        rows.append(
            f"<tr><td>{number:02d}</td><td>{title}</td>"
            f"<td>{record['minutes_teaching']:g} + {record['minutes_exercises']:g}</td>"
            f"<td><ul>{questions}</ul></td></tr>"
        )
    total = sum(r["minutes_teaching"] + r["minutes_exercises"] for r in all_records)
    repo_link = f'<a href="{html.escape(repo)}">{html.escape(repo)}</a>'
    binder_item = (
        f'<a href="{html.escape(binder)}">open notebook 00 on Binder</a> (it takes a few '
        "minutes to start; work there is not kept)."
        if binder
        else "follow the Binder link in the repository's README."
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{html.escape(SITE_TITLE)}</title>
<style>{INDEX_CSS}</style>
</head>
<body>
<main>
<h1>{html.escape(SITE_TITLE)}</h1>
<p>A teaching module that reads one news article closely: {article_line()}: its context,
actors, geography and competing framings. Work through the notebooks in order.</p>
<p class="nc-readonly"><strong>This is a read-only copy.</strong> Each page shows a notebook
with the outputs it had when it was last run: the text, the maps (they work offline), the
figures with their text descriptions, and every quiz question with its answer and
explanation. Nothing here runs code: you cannot answer the quizzes, filter the explorers or
do the exercises.</p>
<h2 id="run-live">Run it live</h2>
<ul>
<li><strong>On your computer, in JupyterLab:</strong> get the repository, {repo_link}, and run
<code>make lab</code> in it (its README explains; Python 3.11 or newer).</li>
<li><strong>On Binder, with nothing to install:</strong> {binder_item}</li>
</ul>
<table>
<caption>The module: {len(all_records)} notebooks, about {total:g} minutes in all</caption>
<thead><tr><th scope="col">No.</th><th scope="col">Notebook</th>
<th scope="col">Minutes (teaching + exercises)</th>
<th scope="col">Questions it answers</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
</main>
</body>
</html>
"""


def write_if_changed(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` unless it already holds exactly that; True if written."""
    data = text.encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        return False
    try:
        path.write_bytes(data)
    except OSError as error:
        raise BuildError(f"cannot write {path}: {error}") from None
    return True


def build(
    out: Path = OUT,
    notebooks_dir: Path = NOTEBOOKS,
    branch: str = "main",
    log: Callable[[str], None] = print,
) -> list[Path]:
    """Build the site into ``out``; returns the files of the site, index.html last."""
    from newscase.core import course
    from newscase.core.validate import DataError

    try:
        all_records = course.outline()
        notebooks = ready_notebooks()
    except DataError as error:
        raise BuildError(str(error)) from None
    missing = [r["file"] for _, r in notebooks if not (notebooks_dir / r["file"]).is_file()]
    if missing:
        where = "it is not" if len(missing) == 1 else "they are not"
        raise BuildError(
            f"course.yaml marks {', '.join(missing)} ready, but {where} in {notebooks_dir}. "
            "Add the notebook, or set its status to planned in src/newscase/data/course.yaml."
        )
    repo = repository_url()
    repo_page = f"{repo}/blob/{branch}"
    pages = {"index.html"} | {page_name(r["file"]) for _, r in notebooks}
    try:
        source_dir = notebooks_dir.resolve().relative_to(ROOT).as_posix()
        link_root = ROOT
    except ValueError:  # notebooks outside the repository (tests): links resolve there
        source_dir, link_root = "notebooks", notebooks_dir.resolve().parent
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BuildError(f"cannot create the output folder {out}: {error}") from None

    exporter = make_exporter()
    written = []
    for step, (number, record) in enumerate(notebooks, 1):
        source = notebooks_dir / record["file"]
        log(f"[{step}/{len(notebooks) + 1}] {record['file']} -> {page_name(record['file'])}")
        page = render_notebook(exporter, source, number, record)
        try:
            page = rewrite_links(
                page, lambda h: link_target(h, pages, link_root, source_dir, repo_page)
            )
        except BuildError as error:
            raise BuildError(f"{record['file']}: {error}") from None
        target = out / page_name(record["file"])
        state = "written" if write_if_changed(target, page) else "unchanged"
        log(f"      {len(page.encode()) / 1024:,.0f} KiB, {state}")
        written.append(target)
    log(f"[{len(notebooks) + 1}/{len(notebooks) + 1}] index.html")
    target = out / "index.html"
    index = index_page(notebooks, all_records, repo, binder_link(repo, branch))
    changed = write_if_changed(target, index)
    log("      written" if changed else "      unchanged")
    written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Render the notebooks as a static web site.")
    parser.add_argument("--out", type=Path, default=OUT, help="output folder (build/html)")
    parser.add_argument(
        "--notebooks", type=Path, default=NOTEBOOKS, help="folder of the notebooks (notebooks)"
    )
    parser.add_argument(
        "--branch", default="main", help="branch that links to repository files use (main)"
    )
    args = parser.parse_args(argv)
    try:
        files = build(args.out, args.notebooks, args.branch)
    except BuildError as error:
        print(f"make html: {error}", file=sys.stderr)
        return 1
    index = files[-1]
    shown = index.relative_to(ROOT) if index.is_relative_to(ROOT) else index
    print(
        f"Done: {len(files) - 1} pages and {shown}. To view it: "
        f"python -m http.server -d {shown.parent} (then open http://127.0.0.1:8000/)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
