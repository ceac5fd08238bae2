"""The static site (`make html`) in Chromium with the network cut off.

The site is built into a temporary folder and served on 127.0.0.1. From the index the test
clicks through to notebook 03 (geography), then checks that a quiz shows its static form
(question, the "run it in Jupyter" line) and that the first map drew its places with the
inlined Leaflet. Every request that does not go to the local server is aborted and
recorded; the site must make none.
"""

from __future__ import annotations

import pytest

from conftest import open_offline, serve

pytestmark = pytest.mark.browser

TIMEOUT = 30_000  # ms
NOTEBOOK_TITLE = "Geography: what the map really shows"  # course.yaml, notebook 03
QUIZ = "#newscase-quiz-03-approximate"
QUIZ_PROMPT = "On the map of the article's places, Um Jaris is drawn as a hollow marker"
MAP_DRAWN = "path.nc-place"  # a place marker drawn by Leaflet inside the map's iframe


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    import build_html  # tools/build_html.py

    out = tmp_path_factory.mktemp("site")
    build_html.build(out, log=lambda _: None)
    return out


def test_static_site_offline_index_to_geography_quiz_and_map(chromium, site, artifacts_dir):
    with serve(site) as base:
        page, record = open_offline(chromium, f"{base}/index.html", base)
        try:
            page.get_by_role("link", name=NOTEBOOK_TITLE, exact=True).click()
            page.wait_for_url(f"{base}/03_geography.html", timeout=TIMEOUT)
            title = page.title()
            quiz = page.locator(QUIZ)
            quiz.scroll_into_view_if_needed(timeout=TIMEOUT)
            quiz_visible = quiz.is_visible()
            quiz_text = quiz.inner_text()
            note_visible = quiz.locator(".newscase-quiz-note").is_visible()
            page.screenshot(path=str(artifacts_dir / "static_site_03_quiz.png"))

            page.locator("iframe").first.scroll_into_view_if_needed(timeout=TIMEOUT)
            frame = page.frame_locator("iframe").first
            frame.locator(MAP_DRAWN).first.wait_for(state="attached", timeout=TIMEOUT)
            places = frame.locator(MAP_DRAWN).count()
            countries = frame.locator("path.nc-country").count()
            map_text = page.get_by_text("Text version of the map").first.is_visible()
            page.wait_for_timeout(300)  # let Leaflet finish painting before the picture
            page.screenshot(path=str(artifacts_dir / "static_site_03_map.png"))

            page.get_by_role("link", name="The Corridor: all notebooks").click()
            page.wait_for_url(f"{base}/index.html", timeout=TIMEOUT)
        finally:
            page.context.close()
    assert title == f"03 {NOTEBOOK_TITLE} | The Corridor"
    assert quiz_visible and note_visible
    assert QUIZ_PROMPT in quiz_text
    assert "Run this notebook in Jupyter to answer here" in quiz_text
    assert places >= 10 and countries >= 10
    assert map_text
    assert record["failed"] == [], record["failed"]
    assert record["errors"] == [], record["errors"]
    assert record["external"] == [], f"the site reached outside: {record['external'][:5]}"
