"""What the maps say, as HTML: popups, the legend, styles (escaped; no folium here)."""

from __future__ import annotations

import html

from newscase.core.sources import format_source
from newscase.maps.model import MapSpec, PlaceMarker, RouteShape

MAX_POPUP_SOURCES = 3
HIT_WIDTH = 14  # pixels: the invisible line that makes a dashed route easy to click

PLACE = {"color": "#3b2f2f", "weight": 1.5, "fill_color": "#e39b2d", "fill_opacity": 1.0}
APPROXIMATE = {
    "color": "#3b2f2f",
    "weight": 1.5,
    "dash_array": "2 2",
    "fill_color": "#ffffff",
    "fill_opacity": 1.0,
}
PRECISION = {"color": "#c77c12", "weight": 1.5, "dash_array": "4 4", "fill_opacity": 0.12}
ROUTE = {
    "article_claim": {"color": "#b03a2e", "weight": 3.5, "dash_array": "10 6"},
    "analyst_construct": {"color": "#1f5fa8", "weight": 4, "dash_array": "1 8"},
}
KIND_TITLES = {"article_claim": "Claim in the article", "analyst_construct": "Analyst's construct"}
KIND_NOTES = {
    "article_claim": "what the article says, not an established fact",
    "analyst_construct": "an interpretation, not an established fact",
}
BORDER_STYLES = {
    "country": {
        "stroke": False,
        "fillColor": "#f4f1ea",
        "fillOpacity": 1.0,
        "className": "nc-country",
    },
    "land_boundary": {"color": "#6f6a64", "weight": 1.2, "className": "nc-boundary"},
    "coastline": {"color": "#7f9cb8", "weight": 0.8, "className": "nc-boundary"},
}
CSS = """
.leaflet-container { background: #dfe6ec; font-family: system-ui, -apple-system,
  "Segoe UI", Roboto, Arial, sans-serif; }
.leaflet-popup-content { font-size: 13px; line-height: 1.4; }
.nc-country-label { background: none; border: none; }
.nc-country-label span { position: absolute; transform: translate(-50%, -50%);
  white-space: nowrap; font-size: 11px; letter-spacing: .06em; text-transform: uppercase;
  color: #77716a; text-shadow: 0 0 2px #fff, 0 0 2px #fff; pointer-events: none; }
.nc-far .nc-rank-2 { display: none; }
.nc-legend { background: rgba(255, 255, 255, .93); padding: 6px 9px; border-radius: 4px;
  box-shadow: 0 1px 4px rgba(0, 0, 0, .3); max-width: 270px; font-size: 12px; }
.nc-legend summary { cursor: pointer; margin-bottom: 3px; }
.nc-legend strong { font-size: 13px; }
.nc-legend ul { list-style: none; margin: 0; padding: 0; }
.nc-legend li { display: flex; gap: 6px; align-items: center; margin: 2px 0; }
.nc-legend svg { flex: none; }
.nc-legend small { display: block; margin-top: 3px; color: #555; }
.nc-popup h3 { font-size: 14px; margin: 0 0 4px; }
.nc-popup p { margin: 4px 0; }
.nc-popup blockquote { margin: 4px 0; padding-left: 8px; border-left: 3px solid #bbb; }
.nc-popup ol { margin: 2px 0; padding-left: 18px; font-size: 11px; }
"""


def e(value) -> str:
    """HTML-escape any value."""
    return html.escape(str(value))


def position_text(lat: float, lon: float) -> str:
    ns = "N" if lat >= 0 else "S"
    ew = "E" if lon >= 0 else "W"
    return f"{abs(lat):.4f}\u00b0 {ns}, {abs(lon):.4f}\u00b0 {ew}"


def precision_text(marker: PlaceMarker) -> str:
    if marker.approximate:
        return (
            f"approximate position: the place may lie up to {marker.precision_km:g} km "
            "from the point (dashed circle)"
        )
    return f"accurate to about {marker.precision_km:g} km"


def short_citation(record: dict) -> str:
    """A citation without its web address (the map HTML holds no external URL)."""
    return format_source({**record, "url": None, "reference": None})


def _sources_html(spec: MapSpec, ids) -> str:
    ids = list(ids)
    items = "".join(
        f"<li>{e(short_citation(spec.sources[i]))}</li>"
        for i in ids[:MAX_POPUP_SOURCES]
        if i in spec.sources
    )
    more = len(ids) - MAX_POPUP_SOURCES
    extra = f"<p>and {more} more: see the table below the map.</p>" if more > 0 else ""
    return f"<p>Sources:</p><ol>{items}</ol>{extra}"


def marker_popup(spec: MapSpec, marker: PlaceMarker) -> str:
    details = "".join(f"<p>{e(line)}</p>" for line in marker.details)
    return (
        f'<div class="nc-popup"><h3>{e(marker.name)}</h3>{details}'
        f"<p>Position: {e(position_text(marker.lat, marker.lon))}; "
        f"{e(precision_text(marker))}.</p>{_sources_html(spec, marker.sources)}</div>"
    )


def route_popup(spec: MapSpec, route: RouteShape) -> str:
    quote = f"<blockquote>\u201c{e(route.quote)}\u201d</blockquote>" if route.quote else ""
    if route.shape == "area":
        where = f"Circle of {route.radius_km:g} km around {route.place_names[0]}."
    else:
        path = " \u2192 ".join(route.place_names)
        where = f"Joins {path} with straight lines (not roads, not front lines)."
    note = f"<p>{e(route.note)}</p>" if route.note else ""
    return (
        f'<div class="nc-popup"><h3>{e(route.label)}</h3>'
        f"<p><strong>{e(KIND_TITLES[route.kind])}</strong>: {e(KIND_NOTES[route.kind])}. "
        f"Who draws it: {e(route.described_by)}.</p>"
        f"{quote}<p>{e(where)}</p>{note}{_sources_html(spec, route.sources)}</div>"
    )


def _swatch(kind: str) -> str:
    if kind in ROUTE:
        s = ROUTE[kind]
        return (
            f'<svg width="30" height="12" aria-hidden="true"><line x1="2" y1="6" x2="28" '
            f'y2="6" stroke="{s["color"]}" stroke-width="{s["weight"]}" '
            f'stroke-dasharray="{s["dash_array"]}" stroke-linecap="round"/></svg>'
        )
    if kind == "approximate":
        return (
            '<svg width="30" height="14" aria-hidden="true"><circle cx="15" cy="7" r="6" '
            f'fill="#fbe7c6" stroke="{PRECISION["color"]}" stroke-dasharray="3 2"/>'
            '<circle cx="15" cy="7" r="3" fill="#fff" stroke="#3b2f2f"/></svg>'
        )
    if kind == "place":
        return (
            '<svg width="30" height="14" aria-hidden="true"><circle cx="15" cy="7" r="5" '
            f'fill="{PLACE["fill_color"]}" stroke="#3b2f2f"/></svg>'
        )
    return (
        '<svg width="30" height="12" aria-hidden="true"><line x1="2" y1="6" x2="28" y2="6" '
        f'stroke="{BORDER_STYLES["land_boundary"]["color"]}" stroke-width="1.2"/></svg>'
    )


def legend_html(spec: MapSpec) -> str:
    items = []
    if any(not m.approximate for m in spec.markers):
        items.append(("place", "Place (position accurate to a few km)"))
    if any(m.approximate for m in spec.markers):
        items.append(
            ("approximate", "Approximate position: the place lies somewhere in the circle")
        )
    kinds = {r.kind for r in spec.routes}
    if "article_claim" in kinds:
        items.append(("article_claim", "Claim made in the article (a claim, not a mapped fact)"))
    if "analyst_construct" in kinds:
        items.append(("analyst_construct", "Analyst's construct (an interpretation)"))
    items.append(("border", "Country border (Natural Earth, de facto)"))
    rows = "".join(f"<li>{_swatch(kind)}<span>{e(text)}</span></li>" for kind, text in items)
    notes = ["Click a symbol for details and sources."]
    if spec.routes:
        notes.insert(0, "Lines join named places in straight segments: not roads.")
    small = "".join(f"<small>{e(n)}</small>" for n in notes)
    return (
        f"<details open><summary><strong>{e(spec.title)}</strong></summary>"
        f"<ul>{rows}</ul>{small}</details>"
    )
