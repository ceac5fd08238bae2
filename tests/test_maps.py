"""newscase.maps: borders data, offline assets, stable ids, size, sources, routes, text."""

from __future__ import annotations

import hashlib
import html
import itertools
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from newscase import load_case
from newscase.core.article import load_article
from newscase.core.text import contains_quote, sentences
from newscase.core.validate import DataError
from newscase.maps import assets, borders, builders, content, markup, routes
from newscase.maps.alternative import MapView, rows, show, text_alternative
from newscase.maps.model import MapSpec, PlaceMarker

from helpers import edit_data

ROOT = Path(__file__).resolve().parent.parent
BORDERS_DIR = ROOT / "src" / "newscase" / "data" / "borders"
ASSETS_DIR = ROOT / "src" / "newscase" / "assets"
MAX_BYTES = 300_000
URL = re.compile(r"https?://[^\s\"'()<>\\]+", re.IGNORECASE)
# URLs inside the vendored Leaflet files: an SVG namespace, the attribution link and a
# CSS comment. None is fetched by the browser.
LEAFLET_URLS = {
    "http://www.w3.org/2000/svg",
    "https://leafletjs.com",
    "https://bugzilla.mozilla.org/show_bug.cgi?id=888319",
}


def build_all():
    return {
        "article_places": builders.article_places_map(),
        "routes": builders.routes_map(),
        "events_may_june_2017": builders.events_map("2017-05-01", "2017-06-30"),
        "events_all": builders.events_map("2000-01-01", "2030-12-31"),
    }


@pytest.fixture(scope="module")
def maps():
    return build_all()


@pytest.fixture(scope="module")
def pages(maps):
    return {name: m.get_root().render() for name, m in maps.items()}


@pytest.fixture(scope="module")
def geojson():
    return json.loads((BORDERS_DIR / "region.geojson").read_text(encoding="utf-8"))


def without_leaflet(page: str) -> str:
    """The page minus the vendored Leaflet code (which names a few non-fetched URLs)."""
    return page.replace(assets.leaflet_js(), "").replace(assets.leaflet_css(), "")


# ---- borders: valid GeoJSON covering the region, documented provenance


def test_borders_are_valid_geojson(geojson):
    assert geojson["type"] == "FeatureCollection"
    west, south, east, north = geojson["bbox"]
    for feature in geojson["features"]:
        assert feature["type"] == "Feature"
        props, geometry = feature["properties"], feature["geometry"]
        assert props["name"]
        if props["kind"] == "country":
            assert geometry["type"] in {"Polygon", "MultiPolygon"}
            polygons = (
                [geometry["coordinates"]]
                if geometry["type"] == "Polygon"
                else geometry["coordinates"]
            )
            for polygon in polygons:
                for index, ring in enumerate(polygon):
                    assert len(ring) >= 4 and ring[0] == ring[-1], props["name"]
                    area = sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in itertools.pairwise(ring))
                    assert (area > 0) == (index == 0), f"{props['name']}: RFC 7946 winding"
                    check_positions(ring, west, south, east, north)
            lon, lat = props["label"]
            assert west <= lon <= east and south <= lat <= north
        else:
            assert props["kind"] in {"land_boundary", "coastline"}
            assert geometry["type"] == "MultiLineString"
            for line in geometry["coordinates"]:
                assert len(line) >= 2
                check_positions(line, west, south, east, north)


def check_positions(positions, west, south, east, north):
    for position in positions:
        assert len(position) == 2
        lon, lat = position
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert west - 1e-9 <= lon <= east + 1e-9 and south - 1e-9 <= lat <= north + 1e-9
        assert round(lon, 3) == lon and round(lat, 3) == lat


def test_borders_cover_the_region_and_its_countries(geojson):
    lons, lats = [], []
    for feature in geojson["features"]:
        if feature["properties"]["kind"] == "country":
            text = json.dumps(feature["geometry"]["coordinates"])
            pairs = re.findall(r"\[(-?[\d.]+), (-?[\d.]+)\]", text)
            lons += [float(x) for x, _ in pairs]
            lats += [float(y) for _, y in pairs]
    assert min(lats) <= 29 and max(lats) >= 38.5
    assert min(lons) <= 34 and max(lons) >= 52
    names = set(borders.countries(geojson))
    expected = {"Iraq", "Syria", "Iran", "Jordan", "Lebanon", "Israel", "Palestine"}
    assert expected | {"Turkey", "Saudi Arabia", "Kuwait"} <= names
    lines = {f["properties"]["kind"] for f in geojson["features"]}
    assert {"land_boundary", "coastline"} <= lines


def test_borders_readme_says_source_processing_and_licence():
    readme = (BORDERS_DIR / "README.md").read_text(encoding="utf-8")
    for needed in (
        "world-atlas",
        "2.0.2",
        "countries-50m.json",
        "Natural Earth",
        "4.1.0",
        "public domain",
        "ISC",
        "tools/build_borders.py",
        "Douglas",
        "de facto",
    ):
        assert needed in readme, needed
    digest = hashlib.sha256((BORDERS_DIR / "region.geojson").read_bytes()).hexdigest()
    assert digest in readme, "README's output checksum is stale: update it"
    assert (ROOT / "tools" / "build_borders.py").is_file()


def test_topojson_decoder_on_a_tiny_topology():
    import build_borders

    # Two unit squares side by side sharing the middle arc (arc 1), quantized.
    topology = {
        "type": "Topology",
        "transform": {"scale": [0.5, 0.5], "translate": [40, 30]},
        "arcs": [
            [[2, 0], [-2, 0], [0, 2], [2, 0]],  # west square minus the shared side
            [[2, 2], [0, -2]],  # shared side, x = 41, from y 31 down to y 30
            [[2, 0], [2, 0], [0, 2], [-2, 0]],  # east square minus the shared side
        ],
        "objects": {
            "countries": {
                "type": "GeometryCollection",
                "geometries": [
                    {
                        "type": "Polygon",
                        "arcs": [[0, 1]],
                        "properties": {"name": "West"},
                        "id": "1",
                    },
                    {
                        "type": "Polygon",
                        "arcs": [[2, ~1]],
                        "properties": {"name": "East"},
                        "id": "2",
                    },
                ],
            }
        },
    }
    arcs = build_borders.decode_arcs(topology)
    assert arcs[0] == [(41.0, 30.0), (40.0, 30.0), (40.0, 31.0), (41.0, 31.0)]
    assert build_borders.arc_points(arcs, ~1) == [(41.0, 30.0), (41.0, 31.0)]
    ring = build_borders.ring_from_arcs(arcs, [0, 1])
    assert ring[0] == ring[-1] and len(ring) == 5
    collection = build_borders.build(topology, box=(39.0, 29.0, 43.0, 32.0))
    kinds = [f["properties"]["kind"] for f in collection["features"]]
    assert kinds == ["country", "country", "land_boundary", "coastline"]
    land = collection["features"][2]["geometry"]["coordinates"]
    assert land == [[[41.0, 31.0], [41.0, 30.0]]]  # the shared arc, drawn once
    for feature in collection["features"][:2]:
        ring = feature["geometry"]["coordinates"][0]
        assert ring[0] == ring[-1] and build_borders.signed_area(ring[:-1]) > 0


def test_borders_are_embedded_compactly_and_losslessly(geojson):
    from newscase.maps.elements import pack, unpack

    packed = pack(geojson)
    assert len(json.dumps(packed, separators=(",", ":"))) < 0.6 * len(
        json.dumps(geojson["features"], separators=(",", ":"))
    )
    assert unpack(packed)["features"] == [
        {"type": "Feature", "properties": f["properties"], "geometry": f["geometry"]}
        for f in geojson["features"]
    ]


def test_clipping_keeps_only_the_inside():
    import build_borders

    square = [(0, 0), (4, 0), (4, 4), (0, 4)]
    clipped = build_borders.clip_ring(square, box=(1, 1, 2, 5))
    assert sorted(clipped) == sorted([(1, 1), (2, 1), (2, 4), (1, 4)])
    pieces = build_borders.clip_line([(0, 0.5), (3, 0.5)], box=(1, 0, 2, 1))
    assert pieces == [[(1, 0.5), (2, 0.5)]]
    assert build_borders.simplify([(0, 0), (1, 0.001), (2, 0)], 0.01) == [(0, 0), (2, 0)]


def test_borders_rebuild_byte_identical_when_world_atlas_is_at_hand(tmp_path):
    package = Path(
        os.environ.get("NEWSCASE_WORLD_ATLAS", "/tmp/npmassets/node_modules/world-atlas")
    )
    if not (package / "countries-50m.json").is_file():
        pytest.skip(f"world-atlas not installed at {package} (npm install world-atlas@2.0.2)")
    import build_borders

    out = tmp_path / "region.geojson"
    assert build_borders.main([str(package), "--output", str(out)]) == 0
    assert out.read_bytes() == (BORDERS_DIR / "region.geojson").read_bytes()


# ---- vendored assets


def test_vendored_leaflet_has_its_licence_and_matches_folium():
    import folium

    for name in ("leaflet.js", "leaflet.css", "LICENSE"):
        assert (ASSETS_DIR / "leaflet" / name).is_file(), name
    assert "BSD 2-Clause" in (ASSETS_DIR / "leaflet" / "LICENSE").read_text(encoding="utf-8")
    readme = (ASSETS_DIR / "README.md").read_text(encoding="utf-8")
    assert "Leaflet" in readme and assets.LEAFLET_VERSION in readme and "BSD-2-Clause" in readme
    js = (ASSETS_DIR / "leaflet" / "leaflet.js").read_bytes()
    assert hashlib.sha256(js).hexdigest() in readme
    assert f'version="{assets.LEAFLET_VERSION}"' in js.decode("utf-8")
    folium_leaflet = dict(folium.Map.default_js)["leaflet"]
    assert f"leaflet@{assets.LEAFLET_VERSION}/" in folium_leaflet, "folium moved on: re-vendor"


def test_inline_css_has_no_relative_image_urls():
    css = assets.leaflet_css()
    assert "url(images/" not in css and css.count("data:image/png;base64,") == 3
    assert "sourceMappingURL" not in assets.leaflet_js()


def test_unknown_asset_mode_is_rejected():
    with pytest.raises(ValueError, match=r"assets='local'; expected one of 'inline', 'cdn'"):
        builders.article_places_map(assets="local")


# ---- offline, deterministic, small


def test_offline_maps_reference_no_external_url(pages):
    for name, page in pages.items():
        assert assets.leaflet_js() in page, name
        rest = without_leaflet(page)
        assert URL.findall(rest) == [], name
        assert set(URL.findall(page)) <= LEAFLET_URLS, name
        for unwanted in ("jquery", "bootstrap", "font-awesome", "fontawesome", "awesome-markers"):
            assert unwanted not in page.lower(), (name, unwanted)
        assert "$(" not in rest


def test_tiles_are_an_option_and_the_only_external_urls(maps):
    page = builders.article_places_map(tiles="OpenStreetMap").get_root().render()
    urls = set(URL.findall(without_leaflet(page)))
    assert urls and all("openstreetmap.org" in u for u in urls), urls
    assert "tile.openstreetmap.org" in page
    plain = maps["article_places"].get_root().render()
    assert "openstreetmap" not in plain.lower()
    tiled = builders.article_places_map(tiles="OpenStreetMap")
    assert "background tiles (OpenStreetMap)" in text_alternative(tiled).text
    assert "no background map" in text_alternative(maps["article_places"]).text


def test_cdn_assets_link_the_same_leaflet():
    page = builders.article_places_map(assets="cdn").get_root().render()
    assert assets.CDN_JS in page and assets.CDN_CSS in page
    assert assets.leaflet_js() not in page
    assert set(URL.findall(page)) == {assets.CDN_JS, assets.CDN_CSS}


def test_two_builds_give_byte_identical_html(maps):
    again = build_all()
    for name, m in maps.items():
        first, second = m.get_root().render(), again[name].get_root().render()
        assert first == second, name
        assert m._repr_html_() == again[name]._repr_html_(), name
        assert show(m)._repr_mimebundle_() == show(again[name])._repr_mimebundle_(), name
        assert not re.search(r"[a-z_]+_[0-9a-f]{32}", first), name
        assert not re.search(r"0x[0-9a-f]{6,}", first), name
    assert f"map_{'article_places'}_" in maps["article_places"].get_root().render()


def test_ids_are_stable_even_for_elements_added_later():
    import folium

    from newscase.maps.ids import slug, stabilise_ids

    m = builders.article_places_map()
    folium.CircleMarker([33.3, 44.4]).add_to(m)
    stabilise_ids(m, "article_places")
    one = m.get_root().render()
    assert not re.search(r"_[0-9a-f]{32}", one)
    assert slug("Routes: North/South-2017") == "routes_north_south_2017"
    assert re.fullmatch(r"[a-z0-9_]{1,40}", slug("x" * 100))
    assert slug("2017") == "m2017"


def test_map_html_stays_under_300_kb_including_borders(maps):
    for name, m in maps.items():
        page, frame = m.get_root().render(), m._repr_html_()
        assert len(page.encode("utf-8")) < MAX_BYTES, (name, len(page.encode("utf-8")))
        assert len(frame.encode("utf-8")) < MAX_BYTES, (name, len(frame.encode("utf-8")))
        assert '"kind":"coastline"' in page  # the borders are in


# ---- content: markers cite sources, popups escape, approximate positions


def test_every_marker_and_route_cites_a_known_source(maps):
    case = load_case()
    known = {r["id"] for r in case.records["sources"]}
    for name, m in maps.items():
        spec = m.newscase_spec
        for item in (*spec.markers, *spec.routes):
            assert item.sources, (name, item.id)
            assert set(item.sources) <= known and set(item.sources) <= set(spec.sources)
        page = m.get_root().render()
        popups_with_sources = page.count("<p>Sources:<\\/p><ol><li>")
        assert popups_with_sources == len(spec.markers) + len(spec.routes), name


def test_article_places_quote_the_article_verbatim(maps):
    case = load_case()
    article = load_article().text
    spec = maps["article_places"].newscase_spec
    mentioned = [p["id"] for p in case.records["places"] if p.get("article_mention")]
    assert [m.id for m in spec.markers] == mentioned
    for marker in spec.markers:
        assert marker.sources[0] == load_article().source_id
        said = marker.details[0]
        quote = re.search(r"^The article: \u201c?(.*?)\u201d?(?: \(The marker.*)?$", said).group(1)
        pieces = [piece.strip() for piece in quote.split("\u2026") if piece.strip()]
        assert pieces
        for piece in pieces:
            assert contains_quote(article, piece), (marker.id, piece)


def test_sentences_do_not_split_at_40km():
    text = "The dash over 40km. to the border. Next one. \u201cQuoted.\u201d Then (this)."
    assert sentences(text) == [
        "The dash over 40km. to the border.",
        "Next one.",
        "\u201cQuoted.\u201d",
        "Then (this).",
    ]
    long = " ".join(f"w{i}" for i in range(60)) + " Sinjar " + " ".join(f"v{i}" for i in range(60))
    short = content.article_sentence("Sinjar", long + ".")
    assert short.startswith("\u2026 ") and short.endswith(" \u2026") and "Sinjar" in short
    assert len(short.split()) == content.MAX_QUOTE_WORDS + 2
    assert content.article_sentence("Atlantis", long) is None


def test_popups_and_tooltips_escape_html():
    evil = "<img src=x onerror=alert(1)>"
    spec = MapSpec(
        name="evil",
        title=evil,
        description=evil,
        markers=(PlaceMarker("p", evil, 33.0, 44.0, 2.0, (evil,), ("s",)),),
        sources={"s": {"id": "s", "title": evil, "outlet": "O", "url": "https://e.org"}},
    )
    page = builders.render(spec).get_root().render()
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    script = "<" + "/script><script>alert(1)<" + "/script>"
    spec = MapSpec(
        name="evil2",
        title="t",
        description="d",
        markers=(PlaceMarker("p", "P", 33.0, 44.0, 2.0, (script,), ("s",)),),
        sources=spec.sources,
    )
    assert "alert(1)</script>" not in builders.render(spec).get_root().render()
    alternative = text_alternative(spec)
    assert "<img src=x" not in alternative.html and evil in alternative.text


def test_approximate_positions_get_a_precision_circle_and_a_legend_entry(maps):
    spec = maps["article_places"].newscase_spec
    approximate = [m for m in spec.markers if m.approximate]
    assert approximate and any(not m.approximate for m in spec.markers)
    page = maps["article_places"].get_root().render()
    assert page.count('"className": "nc-precision"') == len(approximate)
    for marker in approximate:
        assert f'"radius": {marker.precision_km * 1000}' in page
    assert "Approximate position" in page
    assert page.count('"className": "nc-place nc-approximate"') == len(approximate)


# ---- routes: data, validation, labelled as claims or constructs


def test_routes_are_labelled_claims_or_constructs_never_facts(maps):
    spec = maps["routes"].newscase_spec
    records = routes.load_routes()
    assert [r.id for r in spec.routes] == [r["id"] for r in records]
    kinds = {r.kind for r in spec.routes}
    assert kinds == {"article_claim", "analyst_construct"}
    wanted = {"corridor_to_the_sea", "northern_link_up", "southern_link_up", "al_tanf_area"}
    assert wanted <= {r.id for r in spec.routes}
    page = maps["routes"].get_root().render()
    for route in spec.routes:
        popup = markup.route_popup(spec, route)
        assert html.escape(markup.KIND_TITLES[route.kind]) in popup
        assert "not an established fact" in popup
        assert html.escape(route.described_by) in popup
        assert route.sources[0] == load_article().source_id
        assert route.quote and contains_quote(load_article().text, route.quote)
        dash = markup.ROUTE[route.kind]["dash_array"]
        assert f'"dashArray": "{dash}"' in page
    assert page.count('"className": "nc-route nc-line') == sum(
        r.shape == "line" for r in spec.routes
    )
    assert page.count('"className": "nc-route nc-area') == sum(
        r.shape == "area" for r in spec.routes
    )
    legend = markup.legend_html(spec)
    assert "Claim made in the article" in legend and "Analyst&#x27;s construct" in legend


def test_routes_map_can_show_a_selection_and_rejects_unknown_ids():
    m = builders.routes_map(["northern_link_up", "southern_link_up", "al_tanf_area"])
    assert [r.id for r in m.newscase_spec.routes] == [
        "northern_link_up",
        "southern_link_up",
        "al_tanf_area",
    ]
    with pytest.raises(KeyError, match=r"no route 'northern' in routes.yaml"):
        builders.routes_map(["northern"])


def broken(data_copy: Path, mutate) -> Path:
    edit_data(data_copy, "routes.yaml", mutate)
    return data_copy


@pytest.mark.parametrize(
    "mutate,message",
    [
        (
            lambda rs: rs[0]["places"].append("atlantis"),
            r"routes.yaml, record 'corridor_tehran_to_border' \(item 1 \(line \d+\)\), "
            r"field 'places': unknown places id 'atlantis'",
        ),
        (
            lambda rs: rs[1].update(kind="fact"),
            r"record 'corridor_to_the_sea' .*field 'kind': expected one of "
            r"article_claim, analyst_construct, got 'fact'",
        ),
        (
            lambda rs: rs[2].pop("described_by"),
            r"record 'northern_link_up' .*field 'described_by': missing; expected non-empty text",
        ),
        (
            lambda rs: rs[3].update(quote="Tehran will take over the world"),
            r"record 'erbil_experts_line' .*field 'quote': 'Tehran will take over the world' "
            r"is not in the article",
        ),
        (
            lambda rs: rs[4].update(places=["qaim"]),
            r"record 'southern_link_up' .*field 'places': a line needs at least two place ids",
        ),
        (
            lambda rs: rs[6].pop("radius_km"),
            r"record 'al_tanf_area' .*field 'radius_km': missing; an area needs a radius",
        ),
        (
            lambda rs: rs[5].update(sources=["nowhere-2017"]),
            r"record 'regime_forces_east' .*field 'sources': unknown sources id 'nowhere-2017'",
        ),
        (
            lambda rs: rs[0].update(colour="red"),
            r"record 'corridor_tehran_to_border' .*field 'colour': unknown field",
        ),
    ],
)
def test_broken_routes_file_names_file_record_and_field(data_copy, mutate, message):
    with pytest.raises(DataError, match=message):
        routes.load_routes(broken(data_copy, mutate))


def test_routes_are_read_from_the_case_data_folder(data_copy):
    (data_copy / "routes.yaml").write_text("- id: x\n  label: y\n", encoding="utf-8")
    case = load_case(data_copy)
    with pytest.raises(DataError, match=r"routes.yaml, record 'x' .*field 'kind': missing"):
        builders.routes_map(case=case)
    (data_copy / "routes.yaml").unlink()
    with pytest.raises(DataError, match=r"routes.yaml: file not found"):
        routes.load_routes(data_copy)


# ---- events map


def test_events_map_shows_the_places_of_events_in_range():
    case = load_case()
    spec = content.events_spec("2017-05-01", "2017-06-30", case)
    dated = [
        e for e in case.records["events"] if "2017-05-01" <= e["date"].isoformat() <= "2017-06-30"
    ]
    placed = {p for e in dated for p in e["place_ids"]}
    assert {m.id for m in spec.markers} == placed
    assert all(line[:10] >= "2017-05-01" for m in spec.markers for line in m.details)
    with pytest.raises(ValueError, match="is before start"):
        content.events_spec("2017-06-30", "2017-05-01", case)
    everything = content.events_spec("1900-01-01", "2100-01-01", case)
    unplaced = [e for e in case.records["events"] if not e["place_ids"]]
    assert len(everything.not_shown) == len(unplaced)


# ---- text alternative


def test_text_alternative_lists_everything_the_map_draws(maps):
    for name, m in maps.items():
        spec = m.newscase_spec
        alternative = text_alternative(m)
        assert len(rows(spec)) == len(spec.markers) + len(spec.routes)
        for item in spec.markers:
            assert item.name in alternative.text, (name, item.name)
        for route in spec.routes:  # (the text table wraps long cells)
            assert html.escape(route.label) in alternative.html, (name, route.id)
            assert route.label.split()[0] in alternative.text
        assert alternative.html.count("<tr>") == len(spec.markers) + len(spec.routes) + 1
        assert "(approximate position)" in alternative.html
        for source_id in spec.source_ids():
            assert spec.sources[source_id]["title"] in alternative.text


def test_show_gives_map_and_table_in_html_and_text(maps):
    view = show(maps["routes"])
    assert isinstance(view, MapView)
    bundle = view._repr_mimebundle_()
    assert bundle["text/html"].startswith('<div class="newscase-map"><div style=')
    assert "<table" in bundle["text/html"]
    # One iframe, with a title naming the map (announced by screen readers).
    assert bundle["text/html"].count("<iframe ") == 1
    assert '<iframe title="Interactive map: Routes and areas' in bundle["text/html"]
    assert ' srcdoc="' in bundle["text/html"]
    assert bundle["text/plain"].startswith("Routes and areas")
    assert "Text version of the map" in bundle["text/plain"]
    assert "<iframe" not in bundle["text/plain"] and "<table" not in bundle["text/plain"]
    with pytest.raises(TypeError, match=r"expected a map built by newscase\.maps"):
        text_alternative(object())


def test_a_map_displayed_alone_has_a_stable_text_version(maps):
    import folium
    from IPython.core.formatters import DisplayFormatter

    m = maps["article_places"]
    assert isinstance(m, folium.Map)
    data, _ = DisplayFormatter().format(m)
    assert data["text/html"] == m._repr_html_()
    assert data["text/plain"] == text_alternative(m).text
    assert "0x" not in data["text/plain"] and repr(m).startswith("<newscase map 'article_places'")


def test_importing_maps_is_light():
    code = (
        "import sys, newscase, newscase.maps, newscase.maps.distance; "
        "print([m for m in ('folium', 'branca', 'pandas') if m in sys.modules])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_the_placeholder_of_a_map_not_yet_run_says_what_works_in_jupyterlab_4():
    from newscase.maps.casemap import FOLIUM_PLACEHOLDER

    shown = show(builders.article_places_map())._repr_mimebundle_()["text/html"]
    assert FOLIUM_PLACEHOLDER not in shown and "File -> Trust Notebook" not in shown
    assert "Shift+Enter" in shown and "command palette" in shown and "Trust Notebook" in shown
