"""The maps in a real (headless) Chromium with every non-local request aborted.

Each map's HTML is written to a temporary folder and served from a local HTTP server on
127.0.0.1. The test checks that Leaflet starts from the inlined copy, that the expected
markers, lines and borders are drawn, that nothing local fails and nothing is logged as
an error, and saves a screenshot per map into test-artifacts/.
"""

from __future__ import annotations

import pytest

from newscase.maps import builders, show

from helpers import open_offline, serve

pytestmark = pytest.mark.browser

MAPS = {
    "article_places": lambda: builders.article_places_map(),
    "routes": lambda: builders.routes_map(),
    "link_up_routes": lambda: builders.routes_map(
        ["northern_link_up", "southern_link_up", "regime_forces_east", "al_tanf_area"]
    ),
    "events_may_june_2017": lambda: builders.events_map("2017-05-01", "2017-06-30"),
}

COUNTS = """() => {
  const n = (selector) => document.querySelectorAll(selector).length;
  const map = document.querySelector(".folium-map");
  return {
    leaflet: typeof window.L === "object" && typeof window.L.map === "function",
    version: window.L ? window.L.version : null,
    container: !!map && map.classList.contains("leaflet-container"),
    places: n("path.nc-place"),
    approximate: n("path.nc-approximate"),
    precision: n("path.nc-precision"),
    lines: n("path.nc-line"),
    hits: n("path.nc-route-hit"),
    areas: n("path.nc-area"),
    countries: n("path.nc-country"),
    boundaries: n("path.nc-boundary"),
    labels: n(".nc-country-label"),
    legend: n(".nc-legend"),
  };
}"""


@pytest.fixture(scope="module")
def built():
    return {name: make() for name, make in MAPS.items()}


@pytest.fixture(scope="module")
def site(built, tmp_path_factory):
    folder = tmp_path_factory.mktemp("maps")
    for name, m in built.items():
        m.save(str(folder / f"{name}.html"))
        (folder / f"{name}_notebook.html").write_text(
            "<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>"
            + show(m)._repr_mimebundle_()["text/html"]
            + "</body></html>",
            encoding="utf-8",
        )
    with serve(folder) as base:
        yield base


@pytest.mark.parametrize("name", list(MAPS))
def test_map_renders_offline_with_everything_drawn(chromium, site, built, artifacts_dir, name):
    spec = built[name].newscase_spec
    page, record = open_offline(chromium, f"{site}/{name}.html", site)
    try:
        page.wait_for_function("() => document.querySelectorAll('path.nc-country').length > 0")
        counts = page.evaluate(COUNTS)
        page.screenshot(path=str(artifacts_dir / f"map_{name}.png"))
    finally:
        page.context.close()
    approximate = sum(m.approximate for m in spec.markers)
    assert counts["leaflet"] and counts["version"] == "1.9.3" and counts["container"]
    assert counts["places"] == len(spec.markers)
    assert counts["approximate"] == counts["precision"] == approximate
    assert counts["lines"] == counts["hits"] == sum(r.shape == "line" for r in spec.routes)
    assert counts["areas"] == sum(r.shape == "area" for r in spec.routes)
    assert counts["countries"] >= 20 and counts["boundaries"] == 2
    assert counts["labels"] == counts["countries"] and counts["legend"] == 1
    assert record == {"external": [], "failed": [], "errors": []}


def test_clicking_a_marker_opens_its_popup_with_sources(chromium, site, artifacts_dir):
    page, record = open_offline(chromium, f"{site}/article_places.html", site)
    try:
        page.wait_for_function("() => document.querySelectorAll('path.nc-place').length > 0")
        page.locator("path.nc-place").first.click()
        popup = page.locator(".leaflet-popup-content .nc-popup")
        popup.wait_for()
        text = popup.inner_text()
        page.screenshot(path=str(artifacts_dir / "map_article_places_popup.png"))
    finally:
        page.context.close()
    assert "The article:" in text and "Sources:" in text and "Position:" in text
    assert record["errors"] == [] and record["external"] == []


MIDPOINT = """(selector) => {
  const path = document.querySelector(selector);
  const p = path.getPointAtLength(path.getTotalLength() / 2);
  const m = path.getScreenCTM();
  return [p.x * m.a + p.y * m.c + m.e, p.x * m.b + p.y * m.d + m.f];
}"""


@pytest.mark.parametrize(
    "route_id,title",
    [
        ("corridor_to_the_sea", "Analyst's construct"),
        ("southern_link_up", "Claim in the article"),
    ],
)
def test_route_popup_says_claim_or_construct(chromium, site, route_id, title):
    page, record = open_offline(chromium, f"{site}/routes.html", site)
    try:
        page.wait_for_function("() => document.querySelectorAll('path.nc-route-hit').length > 0")
        x, y = page.evaluate(MIDPOINT, f"path.nc-route-hit.nc-id-{route_id}")
        page.mouse.click(x, y)
        popup = page.locator(".leaflet-popup-content .nc-popup")
        popup.wait_for()
        text = popup.inner_text()
    finally:
        page.context.close()
    assert title in text and "not an established fact" in text and "Who draws it:" in text
    assert record["errors"] == []


@pytest.mark.parametrize("name", ["article_places", "routes"])
def test_notebook_output_iframe_renders_offline(chromium, site, built, artifacts_dir, name):
    """What a notebook shows: the srcdoc iframe of show(map), then the table."""
    page, record = open_offline(chromium, f"{site}/{name}_notebook.html", site)
    try:
        frame = page.frame_locator("iframe")
        frame.locator("path.nc-country").first.wait_for(state="attached")
        inner = page.frames[1]
        counts = inner.evaluate(COUNTS)
        rows = page.locator("details table tbody tr").count()
        page.screenshot(path=str(artifacts_dir / f"map_{name}_notebook.png"), full_page=True)
    finally:
        page.context.close()
    spec = built[name].newscase_spec
    assert counts["leaflet"] and counts["places"] == len(spec.markers)
    assert rows == len(spec.markers) + len(spec.routes)
    assert record == {"external": [], "failed": [], "errors": []}


def test_cdn_mode_really_needs_the_network(chromium, tmp_path):
    builders.article_places_map(assets="cdn").save(str(tmp_path / "cdn.html"))
    with serve(tmp_path) as base:
        page, record = open_offline(chromium, f"{base}/cdn.html", base)
        try:
            leaflet = page.evaluate("() => typeof window.L")
        finally:
            page.context.close()
    assert leaflet == "undefined"
    assert any("cdn.jsdelivr.net/npm/leaflet@1.9.3" in url for url in record["external"])
