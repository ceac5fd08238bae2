"""Maps of the case's geography: folium builders, offline assets, text alternatives.

>>> from newscase import maps
>>> m = maps.article_places_map()      # a folium.Map, no tiles, Leaflet inlined
>>> maps.show(m)                       # the map with its text alternative (table)

Importing this package is cheap; folium loads when a map is first built.
"""

from newscase.core.lazy import lazy_attributes

# name -> (submodule, attribute), resolved on first access.
_LAZY = {
    "article_places_map": ("newscase.maps.builders", "article_places_map"),
    "events_map": ("newscase.maps.builders", "events_map"),
    "routes_map": ("newscase.maps.builders", "routes_map"),
    "render": ("newscase.maps.builders", "render"),
    "show": ("newscase.maps.alternative", "show"),
    "text_alternative": ("newscase.maps.alternative", "text_alternative"),
    "MapView": ("newscase.maps.alternative", "MapView"),
    "load_routes": ("newscase.maps.routes", "load_routes"),
    "load_borders": ("newscase.maps.borders", "load_borders"),
    "stabilise_ids": ("newscase.maps.ids", "stabilise_ids"),
}

__all__ = list(_LAZY)

__getattr__, __dir__ = lazy_attributes(__name__, _LAZY)
