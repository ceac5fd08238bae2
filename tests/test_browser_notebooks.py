"""Notebook 00 as students and readers meet it, in Chromium with the network cut off.

1. Exported to HTML (nbconvert), as a student reads it without Jupyter: the map draws
   from its inlined Leaflet and the quiz shows its static form.
2. Run in JupyterLab, as a student works through it: after "Run All Cells" the map
   draws in the output and the quiz is live.
Every request that does not go to the local server is aborted.
"""

from __future__ import annotations

import shutil

import pytest

from helpers import ROOT, launch_lab, open_offline, serve, wait_for_kernel

pytestmark = [pytest.mark.browser, pytest.mark.lab]

NOTEBOOK = ROOT / "notebooks" / "00_start_here.ipynb"
TIMEOUT = 90_000  # ms: a cold kernel start on a slow CI machine
MAP_DRAWN = "path.nc-place"  # a place marker drawn by Leaflet inside the map's iframe


def _map_frame(page):
    """The iframe of the notebook's map (its srcdoc holds Leaflet and the map)."""
    page.wait_for_selector("iframe", state="attached", timeout=TIMEOUT)
    frame = page.frame_locator("iframe").first
    frame.locator(MAP_DRAWN).first.wait_for(state="attached", timeout=TIMEOUT)
    return frame


def test_html_export_shows_the_map_and_the_static_quiz_offline(chromium, tmp_path, artifacts_dir):
    from nbconvert import HTMLExporter

    body, _ = HTMLExporter().from_filename(str(NOTEBOOK))
    (tmp_path / "00_start_here.html").write_text(body, encoding="utf-8")
    with serve(tmp_path) as base:
        page, record = open_offline(chromium, f"{base}/00_start_here.html", base)
        try:
            frame = _map_frame(page)
            drawn = frame.locator(MAP_DRAWN).count()
            countries = frame.locator("path.nc-country").count()
            quiz_text = page.inner_text("body")
            page.screenshot(path=str(artifacts_dir / "notebook00_export.png"), full_page=True)
        finally:
            page.context.close()
    assert drawn >= 10 and countries >= 10
    assert "Which outlet published the article" in quiz_text
    assert "Run this notebook in Jupyter to answer here" in quiz_text
    # The map itself needs nothing from outside; nbconvert's own page may ask for
    # require.js or MathJax from a CDN (aborted here), which the map does not use.
    assert not [url for url in record["external"] if "leaflet" in url.lower()]


def test_notebook_runs_in_jupyterlab_with_a_live_map_and_quiz_offline(
    chromium, tmp_path, artifacts_dir
):
    root = tmp_path / "root"
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    env = {
        "NEWSCASE_HOME": str(tmp_path / "home"),
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "workspaces"),
    }
    with launch_lab(root, tmp_path / "lab.log", env) as (base, token, _):
        url = f"{base}/lab/tree/notebooks/00_start_here.ipynb?token={token}"
        page, record = open_offline(chromium, url, base)
        try:
            wait_for_kernel(page, base, token, TIMEOUT)
            page.get_by_role("menuitem", name="Run", exact=True).click()
            page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
            frame = _map_frame(page)
            drawn = frame.locator(MAP_DRAWN).count()
            page.locator(".newscase-quiz-score").wait_for(timeout=TIMEOUT)
            checks = page.get_by_role("button", name="Check", exact=True).count()
            page.screenshot(path=str(artifacts_dir / "notebook00_lab.png"), full_page=True)
        finally:
            page.context.close()
    assert drawn >= 10
    assert checks == 5, "the five quiz questions are live widgets"
    assert record["external"] == [], f"the notebook reached outside: {record['external'][:5]}"
