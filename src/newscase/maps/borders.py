"""The bundled country borders (data/borders/region.geojson; see its README.md)."""

from __future__ import annotations

import functools
import json

BORDERS_FILE = ("borders", "region.geojson")
ATTRIBUTION = "Borders: Natural Earth 1:50m (public domain) via world-atlas 2.0.2, simplified"
DESCRIPTION = (
    "Country borders are Natural Earth's (version 4.1.0, 1:50m) de facto lines, simplified "
    "to about 1 km; they are not a statement on disputed territory (for example the "
    "Golan Heights is drawn inside Israel's outline, Northern Cyprus separately)."
)


@functools.lru_cache(maxsize=1)
def _text() -> str:
    from newscase.core.datafiles import default_data_dir

    path = default_data_dir().joinpath(*BORDERS_FILE)
    return path.read_text(encoding="utf-8")


def load_borders() -> dict:
    """The region's GeoJSON FeatureCollection (a fresh copy each call)."""
    return json.loads(_text())


def countries(collection: dict | None = None) -> list[str]:
    """Names of the countries drawn, in file order (alphabetical)."""
    collection = collection or load_borders()
    return [
        f["properties"]["name"]
        for f in collection["features"]
        if f["properties"].get("kind") == "country"
    ]
