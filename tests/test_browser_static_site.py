"""The course site (`make html`) in Chromium with the network cut off.

The site is built into a temporary folder and served on 127.0.0.1. From the home page the
test clicks through the side navigation to notebook 03 (geography), checks that a quiz
shows its static form (question, the "run it in Jupyter" line), that the first map drew
its places with the inlined Leaflet and that the launch menu holds the Binder and
JupyterLite links; then it searches the site for "Um Jaris" with the search box (Sphinx's
search runs in the page, over searchindex.js) and follows the glossary's result. Every
request that does not go to the local server is aborted and recorded; the site must make
none.
"""

from __future__ import annotations

import pytest

from helpers import open_offline, serve

pytestmark = pytest.mark.browser

TIMEOUT = 30_000  # ms
NOTEBOOK_TITLE = "03 Geography: what the map really shows"  # course.yaml, notebook 03
QUIZ = "#newscase-quiz-03-approximate"
QUIZ_PROMPT = "On the map of the article's places, Um Jaris is drawn as a hollow marker"
MAP_DRAWN = "path.nc-place"  # a place marker drawn by Leaflet inside the map's iframe
SEARCH = "Um Jaris"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    import build_html  # tools/build_html.py

    out = tmp_path_factory.mktemp("site") / "html"
    build_html.build(out, log=lambda _: None)
    return out


def _geography(page, base) -> dict:
    """On notebook 03's page: the quiz's static form, the drawn map and the launch menu."""
    seen = {"title": page.title()}
    quiz = page.locator(QUIZ)
    quiz.scroll_into_view_if_needed(timeout=TIMEOUT)
    seen["quiz"] = quiz.is_visible() and quiz.locator(".newscase-quiz-note").is_visible()
    seen["quiz_text"] = quiz.inner_text()
    page.locator("iframe").first.scroll_into_view_if_needed(timeout=TIMEOUT)
    frame = page.frame_locator("iframe").first
    frame.locator(MAP_DRAWN).first.wait_for(state="attached", timeout=TIMEOUT)
    seen["places"] = frame.locator(MAP_DRAWN).count()
    seen["countries"] = frame.locator("path.nc-country").count()
    seen["map_text"] = page.get_by_text("Text version of the map").first.is_visible()
    page.locator(".dropdown-launch-buttons button").click()
    binder = page.locator("a.btn-launch-binder")
    binder.wait_for(state="visible", timeout=TIMEOUT)
    seen["binder"] = binder.get_attribute("href")
    seen["lite"] = page.locator("a.btn-launch-jupyterlite").get_attribute("href")
    return seen


def test_static_site_offline_navigation_quiz_map_launch_links_and_search(
    chromium, site, artifacts_dir
):
    import class_links  # tools/class_links.py

    with serve(site) as base:
        page, record = open_offline(chromium, f"{base}/index.html", base)
        try:
            nav = page.locator("nav.bd-docs-nav")
            nav.get_by_role("link", name=NOTEBOOK_TITLE, exact=True).click()
            page.wait_for_url(f"{base}/notebooks/03_geography.html", timeout=TIMEOUT)
            page.wait_for_timeout(300)  # let Leaflet finish painting before the picture
            seen = _geography(page, base)
            page.screenshot(path=str(artifacts_dir / "static_site_03_launch.png"))
            page.keyboard.press("Escape")

            # the sidebar's search field opens the theme's search dialog
            page.locator(".bd-sidebar-primary button.search-button-field").click()
            query = page.locator("#pst-search-dialog input[name='q']")
            query.fill(SEARCH)
            query.press("Enter")
            page.wait_for_url(f"{base}/search.html?q=Um+Jaris*", timeout=TIMEOUT)
            results = page.locator("#search-results ul.search li")
            results.first.wait_for(timeout=TIMEOUT)
            page.get_by_text("Search finished").wait_for(timeout=TIMEOUT)
            found = results.locator("a").evaluate_all("links => links.map(a => a.href)")
            page.screenshot(path=str(artifacts_dir / "static_site_search.png"))
            results.locator("a[href*='glossary.html']").first.click()
            page.wait_for_url(f"{base}/docs/glossary.html*", timeout=TIMEOUT)
            term = page.get_by_role("heading", name="Um Jaris")
            term_visible = term.first.is_visible()
        finally:
            page.context.close()
    assert seen["title"] == "Geography: what the map really shows \u2014 Reading one article"
    assert seen["quiz"] and QUIZ_PROMPT in seen["quiz_text"]
    assert "Run this notebook in Jupyter to answer here" in seen["quiz_text"]
    assert seen["places"] >= 10 and seen["countries"] >= 10 and seen["map_text"]
    assert seen["binder"] == class_links.binder_url(notebook="03_geography.ipynb")
    assert seen["lite"] == "../../lite/lab/index.html?path=03_geography.ipynb"
    assert f"{base}/notebooks/03_geography.html" in [u.split("?")[0] for u in found]
    assert any("glossary.html" in u for u in found)
    assert term_visible
    assert record["failed"] == [], record["failed"]
    assert record["errors"] == [], record["errors"]
    assert record["external"] == [], f"the site reached outside: {record['external'][:5]}"
