"""Sphinx configuration of the course site (`make html` runs tools/build_html.py).

Sphinx with MyST-NB and sphinx-book-theme, the stack Jupyter Book 1 wraps. The pages come
from the notebooks' committed outputs (nothing is executed). tools/build_html.py stages the
sources (notebooks, docs, the generated index and glossary) and passes each notebook's
launch links (Binder, a JupyterHub, JupyterLite) in `newscase_launch_links`.

Offline: no page loads anything from another host. MyST-NB's widget scripts (require.js and
the widget manager from CDNs) are switched off, and no page has math, so Sphinx adds no
MathJax; the theme's fonts and icons are in its own _static folder.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from pathlib import Path, PurePosixPath

from docutils import nodes

project = "Reading one article"
author = "The newscase maintainers"
copyright = "the newscase maintainers (MIT licence)"
language = "en"
extensions = ["myst_nb", "sphinx.ext.githubpages"]  # githubpages: the .nojekyll file
root_doc = "index"
exclude_patterns = ["**/.ipynb_checkpoints"]
# A list of this build's own: the theme appends its template folders to templates_path, and
# Sphinx's default list is shared by every build in one process, so a second build (the
# tests build twice) would list them twice and get another configuration hash.
templates_path: list[str] = []

# MyST-NB: show the committed outputs, load no widget scripts from CDNs.
nb_execution_mode = "off"
nb_ipywidgets_js: dict = {}
# Text as written: the article's and the sources' quotes stay verbatim (no curly quotes made).
smartquotes = False
# Heading anchors as GitHub makes them, so the docs' links to #sections work in the site.
myst_heading_anchors = 4

html_theme = "sphinx_book_theme"
html_title = "Reading one article"
html_copy_source = False  # the notebooks are in the repository; the site shows them
html_show_sourcelink = False
html_last_updated_fmt = None
# Light unless the reader switches: the notebooks' HTML outputs (maps, tables, quizzes)
# have light backgrounds. (An empty mode also makes the theme log a console error.)
html_context = {"default_mode": "light"}
html_theme_options = {
    # On every page (plain text: a relative link would break on pages in subfolders; an
    # address starting with http would make the theme fetch the banner from there).
    "announcement": "A read-only copy of the module: nothing here runs code. The rocket "
    "button at the top of a notebook's page opens the notebook live.",
    "home_page_in_toc": True,
    "show_navbar_depth": 1,
    "show_toc_level": 2,
    "use_download_button": False,
    "navigation_with_keys": False,
}

LAUNCH_ICONS = {
    "Binder": "_static/images/logo_binder.svg",
    "JupyterHub": "_static/images/logo_jupyterhub.svg",
    "JupyterLite": "_static/images/logo_jupyterlite.svg",
}


def figure_alts(notebook: Path) -> dict[str, str]:
    """Alt text of each PNG output, keyed by the SHA-256 of its bytes (MyST-NB's file name).

    The alt comes from the output's metadata (figures.show puts it there); a figure
    without one gets its plain-text line, as in JupyterLab.
    """
    alts = {}
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    for output in (o for cell in cells for o in cell.get("outputs", [])):
        png = output.get("data", {}).get("image/png")
        if png is None:
            continue
        png = "".join(png) if isinstance(png, list) else png
        alt = output.get("metadata", {}).get("image/png", {}).get("alt")
        text = output.get("data", {}).get("text/plain", "Figure")
        alt = alt or ("".join(text) if isinstance(text, list) else text)
        alts[hashlib.sha256(base64.b64decode(png)).hexdigest()] = alt
    return alts


def set_figure_alts(app, doctree) -> None:
    """Give a notebook's figures their alt text (MyST-NB keeps only width and height)."""
    source = Path(app.env.doc2path(app.env.docname))
    if source.suffix != ".ipynb":
        return
    alts = figure_alts(source)
    for image in doctree.findall(nodes.image):
        alt = alts.get(PurePosixPath(image["uri"]).stem)
        if alt:
            image["alt"] = alt


def add_launch_links(app, pagename, templatename, context, doctree) -> None:
    """The header's launch menu (a rocket) on a notebook's page, with the links given."""
    links = app.config.newscase_launch_links.get(pagename)
    if not links or "header_buttons" not in context:
        return
    buttons = [
        {
            "type": "link",
            "text": text,
            "tooltip": f"Run this notebook on {text}",
            "icon": LAUNCH_ICONS[text],
            "url": html.escape(url),  # the theme's template writes it as it is
            "label": f"launch-{text.lower()}",
        }
        for text, url in links
    ]
    context["header_buttons"].append(
        {
            "type": "group",
            "tooltip": "Run this notebook",
            "icon": "fas fa-rocket",
            "buttons": buttons,
            "label": "launch-buttons",
        }
    )


def setup(app):
    app.add_config_value("newscase_launch_links", {}, "html", types=(dict,))
    app.connect("doctree-read", set_figure_alts)
    # after the theme has set up its header buttons (priority 501)
    app.connect("html-page-context", add_launch_links, priority=502)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
