"""The sources of the course site (`make html`): what Sphinx reads, staged in one folder.

    index.md             generated from src/newscase/data/course.yaml (the notebooks, their
                         order, titles, minutes and questions; the side navigation's tables of
                         contents) and article/article.yaml
    notebooks/*.ipynb    the notebooks course.yaml marks ready, with their committed outputs
    docs/*.md            the guides, and docs/glossary.md (generated from glossary.yaml by
                         `python tools/build_notebooks.py glossary`), shown under Reference

The data files are read with yaml.safe_load: nothing here imports the newscase package.
The notebooks and docs keep the repository's layout, so links between them work as they
are; a link to another file of the repository is rewritten to that file on the
repository's web site, and a link to a file that does not exist stops the build.
"""

from __future__ import annotations

import functools
import html
import json
import posixpath
import re
import urllib.parse
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "newscase" / "data"
SITE_TITLE = "Reading one article: the Iraq–Syria border, May 2017"
_MD_LINK = re.compile(r"(\]\()([^)\s]+)(\))")
_HREF = re.compile(r'(\shref=")([^"]*)(")')
_FENCE = re.compile(r"(^```.*?^```)", re.S | re.M)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


class BuildError(Exception):
    """A problem the author can fix (missing notebook, dead link, unreadable file)."""


def load(name: str, data: Path = DATA):
    """A YAML data file of the module, e.g. load("course.yaml")."""
    return yaml.safe_load((data / name).read_text(encoding="utf-8"))


def escape(text: str) -> str:
    """Text with the characters Markdown would read as markup backslash-escaped."""
    return re.sub(r"([\\`*_\[\]<>|{}#])", r"\\\1", str(text))


def notebook_doc(record: dict) -> str:
    """The site document of a course.yaml record: notebooks/03_geography."""
    return "notebooks/" + record["file"].removesuffix(".ipynb")


def _toctree(caption: str, entries: list[str]) -> str:
    return "\n".join(["```{toctree}", f":caption: {caption}", ":hidden:", "", *entries, "```"])


def article_line(meta: dict) -> str:
    """The article's outlet, title and date, from its metadata."""
    day = f"{meta['date']:%d %B %Y}".lstrip("0")
    return (f"{escape(meta['outlet'])}'s report \u201c{escape(meta['title'])}\u201d "
            f"({day}, the day inferred from the text)")


def notebook_table(records: list[dict], ready: set[str]) -> str:
    """A list-table of every notebook: number, title (a link when ready), minutes, questions."""
    total = sum(r["minutes_teaching"] + r["minutes_exercises"] for r in records)
    lines = [f"```{{list-table}} The module: {len(records)} notebooks, about {total:g} "
             "minutes in all", ":header-rows: 1", ":name: notebooks", "",
             "* - No.", "  - Notebook", "  - Minutes (teaching + exercises)",
             "  - Questions it answers"]
    for number, record in enumerate(records):
        title = escape(record["title"])
        if record["file"] in ready:
            title = f"[{title}]({notebook_doc(record)}.ipynb)"
        else:
            title += " (in preparation)"
        lines += [f"* - {number:02d}", f"  - {title}",
                  f"  - {record['minutes_teaching']:g} + {record['minutes_exercises']:g}",
                  "  - " + "\n    ".join(f"- {escape(q)}" for q in record["questions"])]
    return "\n".join([*lines, "```"])


def index_page(records: list[dict], ready: set[str], meta: dict, live: dict, guides: list[str]):
    """index.md: what the module is, how to run it live, the notebooks, the navigation.

    ``live`` holds the links of notebook 00: "binder" (or None), "hub" (or None) and
    "lite" (a relative or absolute address, or None); ``guides`` the docs' documents.
    """
    repo = live["repository"]
    items = [f"- **On your computer, in JupyterLab:** get the repository, [{repo}]({repo}), "
             "and run `make lab` in it (its README explains; Python 3.11 or newer)."]
    if live.get("binder"):
        items.append(f"- **On Binder, with nothing to install:** [open notebook 00 on Binder]"
                     f"({live['binder']}) (it takes a few minutes to start; work there is "
                     "not kept).")
    if live.get("hub"):
        items.append(f"- **On your class's JupyterHub:** [open notebook 00 on the hub]"
                     f"({live['hub']}) (your work is kept in your home folder there).")
    if live.get("lite"):
        items.append('- **In your browser, with Python in the page (JupyterLite):** '
                     f'<a href="{html.escape(live["lite"])}">open notebook 00 in JupyterLite</a> '
                     "(where the site is published with its JupyterLite copy beside it).")
    toc = [f"{n:02d} {r['title']} <{notebook_doc(r)}>"
           for n, r in enumerate(records) if r["file"] in ready]
    return "\n\n".join([
        f"# {escape(SITE_TITLE)}",
        f"A teaching module that reads one news article closely: {article_line(meta)}: its "
        "context, actors, geography and competing framings. Work through the notebooks in order.",
        "```{note}\n**This is a read-only copy.** Each page shows a notebook with the outputs "
        "it had when it was last run: the text, the maps (they work offline), the figures with "
        "their text descriptions, and every quiz question with its answer and explanation. "
        "Nothing here runs code: you cannot answer the quizzes, filter the explorers or do the "
        "exercises. The rocket button at the top of a notebook's page opens it live.\n```",
        "## Run it live", "\n".join(items),
        "## The notebooks", notebook_table(records, ready),
        "The [glossary](docs/glossary.md) explains the names and terms; the guides for "
        "instructors and authors are listed in the side navigation.",
        _toctree("Notebooks", toc), _toctree("Reference", ["docs/glossary"]),
        _toctree("Guides", [g for g in guides if g != "docs/glossary"]),
    ]) + "\n"


# ---- links


def link_target(href: str, as_html: bool = False, *, where: str, root: Path, pages: set[str],
                repo_page: str) -> str:
    """Where a relative link of the staged file ``where`` (e.g. docs/hub.md) should point.

    ``pages`` are the staged files (notebooks/01_context.ipynb, docs/maps.md ...). A link
    to one of them stays as it is (MyST resolves it) or, in raw HTML (``as_html``), goes
    to its .html page; a link to another file under ``root`` goes to that file on
    ``repo_page`` (e.g. https://github.com/o/r/blob/main); BuildError for anything else.
    Absolute addresses and anchors are kept.
    """
    if not href or href.startswith(("#", "/")) or _SCHEME.match(href):
        return href
    split = re.split(r"[?#]", href, maxsplit=1)[0]
    rest = href[len(split):]
    path = urllib.parse.unquote(html.unescape(split))
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(where), path))
    if resolved == ".." or resolved.startswith("../"):
        raise BuildError(f"{where}: the link {href!r} leaves the repository")
    if resolved in pages:
        return posixpath.splitext(split)[0] + ".html" + rest if as_html else href
    if (root / resolved).exists():
        return f"{repo_page}/{urllib.parse.quote(resolved)}{rest}"
    raise BuildError(f"{where}: the link {href!r} points to {resolved}, which does not exist")


def rewrite(text: str, resolve: Callable[[str, bool], str], markdown: bool) -> str:
    """``text`` with its href attributes, and in Markdown its links, passed to ``resolve``.

    Code fences are left alone. A map's iframe keeps its HTML in an escaped srcdoc
    attribute (quotes as &quot;), so its links, all absolute, are not touched.
    """

    def links(part: str) -> str:
        part = _HREF.sub(lambda m: m[1] + resolve(m[2], True) + m[3], part)
        if markdown:
            part = _MD_LINK.sub(lambda m: m[1] + resolve(m[2], False) + m[3], part)
        return part

    return "".join(p if p.startswith("```") else links(p) for p in _FENCE.split(text))


# ---- staging


def staged_notebook(path: Path, resolve: Callable[[str, bool], str]) -> str:
    """A notebook's JSON with the links in its Markdown cells and HTML outputs resolved."""
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
        cells = nb["cells"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise BuildError(f"cannot read {path}: {error!s}") from None
    for cell in cells:
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else source
        cell["source"] = rewrite(source, resolve, cell.get("cell_type") == "markdown")
        for output in cell.get("outputs", []):
            page = output.get("data", {}).get("text/html")
            if page is not None:
                page = "".join(page) if isinstance(page, list) else page
                output["data"]["text/html"] = rewrite(page, resolve, False)
    return json.dumps(nb, ensure_ascii=False)


def ready_files(notebooks_dir: Path, data: Path = DATA) -> tuple[list[dict], list[Path]]:
    """course.yaml's records, and the files of the notebooks it marks ready (which must exist)."""
    records = load("course.yaml", data)
    files = [notebooks_dir / r["file"] for r in records if r.get("status") == "ready"]
    missing = [path.name for path in files if not path.is_file()]
    if missing:
        where = "it is not" if len(missing) == 1 else "they are not"
        raise BuildError(
            f"course.yaml marks {', '.join(missing)} ready, but {where} in {notebooks_dir}. "
            "Add the notebook, or set its status to planned in src/newscase/data/course.yaml."
        )
    return records, files


def stage(src: Path, notebooks_dir: Path, docs_dir: Path, repo_page: str, live: dict,
          data: Path = DATA) -> None:
    """Write the site's sources into ``src`` (see the module's docstring).

    ``live`` is what index_page() needs to say how to run the module live.
    """
    records, notebooks = ready_files(notebooks_dir, data)
    docs = sorted(docs_dir.glob("*.md"), key=lambda p: (p.name != "instructors.md", p.name))
    staged = [(f"notebooks/{p.name}", p) for p in notebooks] + [(f"docs/{p.name}", p) for p in docs]
    pages = {where for where, _ in staged} | {"index.md"}
    for where, path in staged:
        resolve = functools.partial(link_target, where=where, root=path.parent.parent,
                                    pages=pages, repo_page=repo_page)
        if path.suffix == ".ipynb":
            text = staged_notebook(path, resolve)
        else:
            text = rewrite(path.read_text(encoding="utf-8"), resolve, True)
        (src / where).parent.mkdir(parents=True, exist_ok=True)
        (src / where).write_text(text, encoding="utf-8")
    index = index_page(records, {p.name for p in notebooks}, load("article/article.yaml", data),
                       live, [f"docs/{p.stem}" for p in docs])
    (src / "index.md").write_text(index, encoding="utf-8")
