"""The map class the builders return: a folium.Map that knows what it shows."""

from __future__ import annotations

import folium

# folium's placeholder for a map in a notebook that was not run here ("Make this Notebook
# Trusted ... File -> Trust Notebook") names a menu JupyterLab 4 does not have; ours says
# what works there: running the cell, or the command palette's "Trust Notebook".
FOLIUM_PLACEHOLDER = "Make this Notebook Trusted to load map: File -> Trust Notebook"
PLACEHOLDER = (
    "This map appears when its cell runs: click the cell and press Shift+Enter (or run "
    "all cells). Or open the command palette (Ctrl+Shift+C, on a Mac Cmd+Shift+C), type "
    "Trust Notebook and press Enter."
)


class CaseMap(folium.Map):
    """A ``folium.Map`` carrying its :class:`MapSpec` (``newscase_spec``).

    Displayed on its own it gives folium's map (text/html) and, instead of folium's
    ``<folium.folium.Map at 0x...>``, a stable plain-text version of what it shows
    (text/plain), so notebook outputs do not change between runs.
    Use ``newscase.maps.show(m)`` to put the text version (a table) under the map.
    """

    newscase_spec = None
    newscase_tiles = None

    def _repr_html_(self, **kwargs) -> str:
        return super()._repr_html_(**kwargs).replace(FOLIUM_PLACEHOLDER, PLACEHOLDER, 1)

    def __repr__(self) -> str:
        spec = self.newscase_spec
        return f"<newscase map {spec.name!r}: {spec.title}>" if spec else "<newscase map>"

    def _repr_mimebundle_(self, include=None, exclude=None):
        if self.newscase_spec is None:
            return {"text/html": self._repr_html_(), "text/plain": repr(self)}
        from newscase.maps.alternative import text_alternative

        return {"text/html": self._repr_html_(), "text/plain": text_alternative(self).text}
