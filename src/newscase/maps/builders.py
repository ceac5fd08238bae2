"""Draw a :class:`MapSpec` with folium: no tiles by default, Leaflet inlined, stable ids.

>>> m = article_places_map()                        # doctest: +SKIP
>>> m = routes_map(["northern_link_up", "southern_link_up", "al_tanf_area"])  # doctest: +SKIP
>>> m = events_map("2017-05-01", "2017-06-30")      # doctest: +SKIP
>>> m = article_places_map(tiles="OpenStreetMap")   # with a background map (needs internet)
"""

from __future__ import annotations

from newscase.core.lazy import loaded_large_library
from newscase.maps import borders, content
from newscase.maps.assets import use_assets
from newscase.maps.elements import Bind, Borders, Legend, Raw
from newscase.maps.ids import stabilise_ids
from newscase.maps.markup import (
    APPROXIMATE,
    BORDER_STYLES,
    CSS,
    HIT_WIDTH,
    KIND_TITLES,
    PLACE,
    PRECISION,
    ROUTE,
    e,
    legend_html,
    marker_popup,
    route_popup,
)
from newscase.maps.model import MapSpec


def _bounds(spec: MapSpec):
    points = [(m.lat, m.lon) for m in spec.markers]
    points += [p for r in spec.routes for p in r.points]
    if not points:
        west, south, east, north = borders.load_borders()["bbox"]
        return [[south, west], [north, east]]
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    pad = 0.5  # degrees, so markers and circles are not on the edge
    return [[min(lats) - pad, min(lons) - pad], [max(lats) + pad, max(lons) + pad]]


def render(spec: MapSpec, *, tiles: str | None = None, assets: str = "inline"):
    """A folium.Map (a :class:`CaseMap`) drawing ``spec``.

    tiles:  None (default) draws no background map, only the bundled borders; a folium
            tile name such as "OpenStreetMap" adds that background (needs the internet).
    assets: "inline" (default) writes Leaflet into the HTML (works offline);
            "cdn" links Leaflet from cdn.jsdelivr.net instead.
    """
    import folium

    from newscase.maps.casemap import CaseMap

    loaded_large_library()

    bounds = _bounds(spec)
    center = [(bounds[0][0] + bounds[1][0]) / 2, (bounds[0][1] + bounds[1][1]) / 2]
    m = CaseMap(
        location=center, zoom_start=5, tiles=None, min_zoom=4, max_zoom=12, font_size="13px"
    )
    use_assets(m, assets)
    m.get_root().header.add_child(Raw(f"<style>{CSS}</style>"), name="newscase_style")
    if tiles:
        folium.TileLayer(tiles).add_to(m)
    styles = dict(BORDER_STYLES)
    if tiles:  # let the background show through the countries
        styles["country"] = {**styles["country"], "fillOpacity": 0.0}
    Borders(borders.load_borders(), styles, borders.ATTRIBUTION).add_to(m)

    for marker in spec.markers:
        if marker.approximate:
            circle = folium.Circle(
                [marker.lat, marker.lon],
                radius=marker.precision_km * 1000,
                class_name="nc-precision",
                **PRECISION,
            )
            circle.options["interactive"] = False
            circle.add_to(m)
    for route in spec.routes:
        style = ROUTE[route.kind]
        tooltip = f"{e(route.label)} ({e(KIND_TITLES[route.kind].lower())})"
        if route.shape == "area":
            layer = folium.Circle(
                list(route.points[0]),
                radius=route.radius_km * 1000,
                fill_opacity=0.08,
                class_name=f"nc-route nc-area nc-{route.kind} nc-id-{route.id}",
                **style,
            )
        else:
            points = [list(p) for p in route.points]
            visible = folium.PolyLine(
                points,
                class_name=f"nc-route nc-line nc-{route.kind} nc-id-{route.id}",
                line_cap="round",
                **style,
            )
            visible.options["interactive"] = False
            visible.add_to(m)
            # Dashed and dotted strokes are hard to hit with a pointer (the gaps do not
            # count), so an invisible wide line on top takes the clicks and hovers.
            layer = folium.PolyLine(
                points,
                class_name=f"nc-route-hit nc-{route.kind} nc-id-{route.id}",
                weight=HIT_WIDTH,
                opacity=0,
            )
        layer.add_child(Bind(route_popup(spec, route), tooltip))
        layer.add_to(m)
    for marker in spec.markers:
        style = APPROXIMATE if marker.approximate else PLACE
        kind = "nc-place nc-approximate" if marker.approximate else "nc-place"
        point = folium.CircleMarker([marker.lat, marker.lon], radius=6, class_name=kind, **style)
        point.add_child(Bind(marker_popup(spec, marker), e(marker.name)))
        point.add_to(m)

    Legend(legend_html(spec), position="bottomright").add_to(m)
    fit = folium.FitBounds(bounds)
    fit.options["animate"] = False  # open at the final view (no zoom animation)
    m.add_child(fit)
    m.newscase_spec = spec  # read by text_alternative()
    m.newscase_tiles = tiles
    return stabilise_ids(m, spec.name)


def article_places_map(case=None, *, tiles: str | None = None, assets: str = "inline"):
    """The places the article names, with what it says about each and the sources."""
    return render(content.article_places_spec(case), tiles=tiles, assets=assets)


def events_map(start, end, case=None, *, tiles: str | None = None, assets: str = "inline"):
    """The places of the events dated ``start`` to ``end`` (ISO dates, inclusive)."""
    return render(content.events_spec(start, end, case), tiles=tiles, assets=assets)


def routes_map(route_ids=None, case=None, *, tiles: str | None = None, assets: str = "inline"):
    """Routes and areas of routes.yaml (all, or the given ids), labelled claim/construct."""
    return render(content.routes_spec(route_ids, case), tiles=tiles, assets=assets)
