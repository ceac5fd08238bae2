"""Build the course site with Sphinx, MyST-NB and sphinx-book-theme (`make html`).

    python tools/build_html.py [--out build/html] [--hub https://hub.example.edu]
                               [--lite ../lite] [--branch main] [--notebooks notebooks]

site/conf.py configures Sphinx; tools/site_sources.py stages what it reads (the home page
and glossary it generates, the ready notebooks, docs/*.md) in a temporary folder. The
launch links come from tools/class_links.py. Nothing is executed and nothing is fetched.
"""

from __future__ import annotations

import argparse
import io
import re
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import class_links  # tools/, beside this script
import site_sources
from site_sources import BuildError

ROOT = Path(__file__).resolve().parent.parent
OUT, NOTEBOOKS, DOCS, CONF = ROOT / "build/html", ROOT / "notebooks", ROOT / "docs", ROOT / "site"


def lite_link(lite: str, notebook: str, depth: int) -> str:
    """The JupyterLite address opening ``notebook`` from a page ``depth`` folders deep."""
    base = lite.rstrip("/")
    if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:|/", base):  # relative to the site's root
        base = "../" * depth + base
    return f"{base}/lab/index.html?path={quote(notebook)}"


def launch_links(hub: str | None, lite: str | None, branch: str) -> dict[str, list]:
    """(name, address) of each ready notebook's launch links, by its page (notebooks/03_...)."""
    repo, links = class_links.project_repo(), {}
    for record in class_links.ready_notebooks():
        file, row = record["file"], []
        if repo.host == "github.com":
            row.append(("Binder", class_links.binder_url(repo, branch, file)))
        if hub:
            row.append(("JupyterHub", class_links.nbgitpuller_url(hub, file, repo, branch)))
        if lite:
            row.append(("JupyterLite", lite_link(lite, file, 1)))
        links["notebooks/" + file.removesuffix(".ipynb")] = row
    return links


_TERMINAL_CODE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")  # colours, "erase line" and the like


class _Lines(io.TextIOBase):
    """A stream handing each line Sphinx writes to ``log``, without terminal codes.

    Where the terminal seems to take colour (a tty, or FORCE_COLOR set, as on many CI
    machines), Sphinx redraws one progress line with a carriage return and an "erase line"
    code; each redraw becomes a line of its own here.
    """

    def __init__(self, log: Callable[[str], None]):
        self.log, self.pending = log, ""

    def write(self, text: str) -> int:
        *lines, self.pending = re.split(r"\r|\n|\x1b\[2K", self.pending + text)
        for line in (_TERMINAL_CODE.sub("", line).strip() for line in lines):
            if line:
                self.log(line)
        return len(text)


def _short(line: str) -> str:
    """A progress line, cut short when long (MyST prints all its settings in one)."""
    return line if len(line) < 120 else line[:100] + " ..."


def build(out: Path = OUT, notebooks_dir: Path = NOTEBOOKS, branch: str = "main",
          hub: str | None = None, lite: str | None = "../lite",
          log: Callable[[str], None] = print) -> Path:
    """Build the site into ``out``; returns its index.html. BuildError says what to fix."""
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    try:
        links = launch_links(hub, lite, branch)
    except class_links.LinkError as error:
        raise BuildError(str(error)) from None
    # the home page's "Run it live": notebook 00's links, JupyterLite's from the site's root
    start = dict(links.get("notebooks/" + class_links.START_NOTEBOOK.removesuffix(".ipynb"), []))
    live = {"repository": class_links.project_repo().url, "binder": start.get("Binder"),
            "hub": start.get("JupyterHub"),
            "lite": lite and lite_link(lite, class_links.START_NOTEBOOK, 0)}
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="newscase-site-") as tmp:
        src, html = Path(tmp, "src"), Path(tmp, "html")  # (MyST-NB's scratch goes in tmp too)
        log(f"[1/3] staging the sources in {src}")
        site_sources.stage(src, notebooks_dir, DOCS, f"{live['repository']}/blob/{branch}", live)
        log(f"[2/3] Sphinx: {src} -> {html}")
        with patch_docutils(CONF), docutils_namespace():
            app = Sphinx(src, CONF, html, Path(tmp, "doctrees"), "html", freshenv=True,
                         confoverrides={"newscase_launch_links": links},
                         status=_Lines(lambda line: log("      " + _short(line))),
                         warning=_Lines(problems.append))
            app.build()
        if problems:  # a dead link or anchor, a bad directive: fix the source it names
            raise BuildError("Sphinx reported problems:\n"
                             + "\n".join(problems).replace(f"{src}/", ""))
        log(f"[3/3] copying the site to {out}")
        try:
            if (out / ".buildinfo").is_file():  # an earlier build: replace it, no page lingers
                shutil.rmtree(out)
            shutil.copytree(html, out, dirs_exist_ok=True)
        except OSError as error:
            raise BuildError(f"cannot write the site to {out}: {error}") from None
    return out / "index.html"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the course site (Sphinx, offline).")
    parser.add_argument("--out", type=Path, default=OUT, help="output folder (build/html)")
    parser.add_argument("--hub", help="a JupyterHub's address: nbgitpuller launch links")
    parser.add_argument("--lite", default="../lite", help="the JupyterLite site, relative "
                        "to this site's root or absolute (../lite); 'none' for no link")
    parser.add_argument("--branch", default="main", help="branch of the links (main)")
    parser.add_argument("--notebooks", type=Path, default=NOTEBOOKS, help="notebooks folder")
    args = parser.parse_args(argv)
    lite = None if args.lite.lower() in ("", "none") else args.lite
    try:
        index = build(args.out, args.notebooks, args.branch, args.hub, lite)
    except BuildError as error:
        print(f"make html: {error}", file=sys.stderr)
        return 1
    print(f"Done: {index}. To view it: python -m http.server -d {index.parent} "
          "(then open http://127.0.0.1:8000/)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
