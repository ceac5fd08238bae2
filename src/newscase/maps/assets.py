"""Leaflet for the maps: inlined from the package (offline) or linked from a CDN.

folium loads Leaflet, jQuery, Bootstrap and Font Awesome from CDNs. The module's maps
use only Leaflet (circle markers, polylines, GeoJSON, popups and controls bound with
plain Leaflet calls), so they drop the rest. With ``assets="inline"`` (the default)
leaflet.js and leaflet.css from ``newscase/assets/leaflet`` are written into the map's
HTML, and the images leaflet.css refers to become ``data:`` URIs: a map in a notebook
is an iframe ``srcdoc``, where relative file URLs cannot work. ``assets="cdn"`` links
the same Leaflet version from jsdelivr instead (smaller HTML, needs the internet).
"""

from __future__ import annotations

import base64
import functools
import re
from importlib.resources import files

LEAFLET_VERSION = "1.9.3"  # the version folium 0.20 links (folium.Map.default_js)
CDN_JS = f"https://cdn.jsdelivr.net/npm/leaflet@{LEAFLET_VERSION}/dist/leaflet.js"
CDN_CSS = f"https://cdn.jsdelivr.net/npm/leaflet@{LEAFLET_VERSION}/dist/leaflet.css"
MODES = ("inline", "cdn")

_SOURCE_MAP = re.compile(r"\n?//# sourceMappingURL=\S+\s*$")
_CSS_IMAGE = re.compile(r"url\((images/[a-z0-9-]+\.png)\)")


def asset(*parts: str):
    """A file under newscase/assets/ (an importlib Traversable)."""
    return files("newscase").joinpath("assets", *parts)


@functools.lru_cache(maxsize=1)
def leaflet_js() -> str:
    """leaflet.js as shipped, minus its sourceMappingURL comment (no .map is bundled)."""
    code = asset("leaflet", "leaflet.js").read_text(encoding="utf-8")
    code = _SOURCE_MAP.sub("\n", code)
    if "</script" in code.lower():  # cannot happen with Leaflet 1.9.3; guard anyway
        raise ValueError("leaflet.js contains '</script' and cannot be inlined")
    return code


@functools.lru_cache(maxsize=1)
def leaflet_css() -> str:
    """leaflet.css with its images inlined as data: URIs."""
    css = asset("leaflet", "leaflet.css").read_text(encoding="utf-8")

    def inline(match: re.Match) -> str:
        data = asset("leaflet", *match.group(1).split("/")).read_bytes()
        return f"url(data:image/png;base64,{base64.b64encode(data).decode('ascii')})"

    return _CSS_IMAGE.sub(inline, css)


def head_html(mode: str = "inline") -> str:
    """The <style>/<script> (inline) or <link>/<script src> (cdn) tags for Leaflet."""
    if mode == "inline":
        return f"<style>\n{leaflet_css()}\n</style>\n<script>\n{leaflet_js()}\n</script>"
    if mode == "cdn":
        return f'<link rel="stylesheet" href="{CDN_CSS}"/>\n<script src="{CDN_JS}"></script>'
    raise ValueError(f"assets={mode!r}; expected one of {', '.join(map(repr, MODES))}")


def use_assets(map_, mode: str = "inline"):
    """Make ``map_`` load only Leaflet, from the package (inline) or the CDN."""
    from newscase.maps.elements import Raw

    head = head_html(mode)  # validates mode first
    map_.default_js = []  # instance attributes: folium's class defaults stay untouched
    map_.default_css = []
    # after the charset <meta> (index 0), which must come first in a saved HTML file
    map_.get_root().header.add_child(Raw(head), name="newscase_leaflet", index=1)
    return map_
