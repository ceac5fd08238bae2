"""Small folium/branca elements that need nothing but Leaflet (no jQuery, no Bootstrap).

folium's own ``Popup`` calls jQuery (``$(...)``) and its ``Tooltip`` pastes text into a
JavaScript template literal; these elements bind popups, tooltips, the borders and the
legend with plain Leaflet calls and pass every string as JSON.
"""

from __future__ import annotations

import json

from branca.element import Element, MacroElement
from jinja2 import Template


def js(value) -> str:
    """``value`` as a JavaScript literal that is safe inside an HTML <script>.

    Only the sequences that could end or confuse a script element are escaped
    ("</" and "<!--"), plus the two line separators JavaScript strings may not hold;
    markup in strings stays readable (and small).
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    for raw, escaped in (
        ("</", "<\\/"),
        ("<!--", "<\\!--"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, escaped)
    return text


class Raw(Element):
    """Markup written into the page as it is (no Jinja processing)."""

    def __init__(self, markup: str):
        super().__init__()
        self._name = "Raw"
        self.markup = markup

    def render(self, **kwargs) -> str:
        return self.markup


class Bind(MacroElement):
    """Bind a popup (HTML) and a tooltip (HTML) to the parent layer."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "{{ this._parent.get_name() }}.bindPopup({{ this.popup_js }},"
        " {maxWidth: 340, maxHeight: 320});"
        "{{ this._parent.get_name() }}.bindTooltip({{ this.tooltip_js }}, {sticky: true});"
        "{% endmacro %}"
    )

    def __init__(self, popup_html: str, tooltip_html: str):
        super().__init__()
        self._name = "Bind"
        self.popup_js = js(popup_html)
        self.tooltip_js = js(tooltip_html)


PACK_SCALE = 1000  # region.geojson has 3 decimals: 0.001 degree is one unit


def _pack_line(positions) -> list[int]:
    """[[lon, lat], ...] as integer deltas [dx0, dy0, dx1, dy1, ...] in 1/PACK_SCALE degree."""
    out, px, py = [], 0, 0
    for lon, lat in positions:
        x, y = round(lon * PACK_SCALE), round(lat * PACK_SCALE)
        out += [x - px, y - py]
        px, py = x, y
    return out


def pack(collection: dict) -> list[dict]:
    """The features in a compact form (about half the size of the GeoJSON text); the
    Borders script turns them back into GeoJSON in the browser."""
    packed = []
    for feature in collection["features"]:
        kind, coords = feature["geometry"]["type"], feature["geometry"]["coordinates"]
        if kind == "MultiPolygon":
            c = [[_pack_line(ring) for ring in polygon] for polygon in coords]
        elif kind in ("Polygon", "MultiLineString"):
            c = [_pack_line(part) for part in coords]
        else:
            raise ValueError(f"cannot pack a {kind} geometry; expected (Multi)Polygon or lines")
        packed.append({"p": feature["properties"], "t": kind, "c": c})
    return packed


def unpack(packed: list[dict]) -> dict:
    """The inverse of :func:`pack` (the same steps as the script; used by the tests)."""

    def line(a):
        out, x, y = [], 0, 0
        for dx, dy in zip(a[::2], a[1::2], strict=True):
            x, y = x + dx, y + dy
            out.append([x / PACK_SCALE, y / PACK_SCALE])
        return out

    features = []
    for f in packed:
        c = (
            [[line(r) for r in p] for p in f["c"]]
            if f["t"] == "MultiPolygon"
            else [line(part) for part in f["c"]]
        )
        features.append(
            {
                "type": "Feature",
                "properties": f["p"],
                "geometry": {"type": f["t"], "coordinates": c},
            }
        )
    return {"type": "FeatureCollection", "features": features}


class Borders(MacroElement):
    """The bundled country borders: filled countries (with a name tooltip and a label)
    under land-boundary and coastline lines; small countries' labels hide when zoomed out."""

    _template = Template(
        """{% macro script(this, kwargs) %}
(function (map) {
  var scale = {{ this.scale }};
  function line(a) {
    var out = [], x = 0, y = 0;
    for (var i = 0; i < a.length; i += 2) {
      x += a[i]; y += a[i + 1]; out.push([x / scale, y / scale]);
    }
    return out;
  }
  var data = {type: "FeatureCollection", features: {{ this.data_js }}.map(function (f) {
    var c = f.t === "MultiPolygon" ? f.c.map(function (p) { return p.map(line); })
                                   : f.c.map(line);
    return {type: "Feature", properties: f.p, geometry: {type: f.t, coordinates: c}};
  })};
  var styles = {{ this.styles_js }};
  function text(s) { var e = document.createElement("span"); e.textContent = s; return e; }
  L.geoJSON(data, {
    filter: function (f) { return f.properties.kind === "country"; },
    style: function () { return styles.country; },
    onEachFeature: function (f, layer) {
      layer.bindTooltip(text(f.properties.name), {sticky: true});
    }
  }).addTo(map);
  L.geoJSON(data, {
    filter: function (f) { return f.properties.kind !== "country"; },
    style: function (f) { return styles[f.properties.kind]; },
    interactive: false
  }).addTo(map);
  data.features.forEach(function (f) {
    var p = f.properties;
    if (p.kind !== "country") { return; }
    L.marker([p.label[1], p.label[0]], {
      icon: L.divIcon({className: "nc-country-label nc-rank-" + p.label_rank,
                       html: text(p.name), iconSize: null}),
      interactive: false, keyboard: false
    }).addTo(map);
  });
  function zoomClass() {
    var c = map.getContainer();
    if (map.getZoom() < {{ this.small_label_zoom }}) { c.classList.add("nc-far"); }
    else { c.classList.remove("nc-far"); }
  }
  map.on("zoomend", zoomClass);
  zoomClass();
  map.attributionControl.addAttribution({{ this.attribution_js }});
})({{ this._parent.get_name() }});
{% endmacro %}"""
    )

    def __init__(self, collection: dict, styles: dict, attribution: str, small_label_zoom=6):
        super().__init__()
        self._name = "Borders"
        self.scale = PACK_SCALE
        self.data_js = js(pack(collection))
        self.styles_js = js(styles)
        self.attribution_js = js(attribution)
        self.small_label_zoom = int(small_label_zoom)


class Legend(MacroElement):
    """A Leaflet control holding the legend (trusted HTML built by the builder)."""

    _template = Template(
        """{% macro script(this, kwargs) %}
(function (map) {
  var legend = L.control({position: {{ this.position_js }}});
  legend.onAdd = function () {
    var div = L.DomUtil.create("div", "nc-legend");
    div.innerHTML = {{ this.html_js }};
    L.DomEvent.disableClickPropagation(div);
    L.DomEvent.disableScrollPropagation(div);
    return div;
  };
  legend.addTo(map);
})({{ this._parent.get_name() }});
{% endmacro %}"""
    )

    def __init__(self, html: str, position: str = "bottomleft"):
        super().__init__()
        self._name = "Legend"
        self.html_js = js(html)
        self.position_js = js(position)
