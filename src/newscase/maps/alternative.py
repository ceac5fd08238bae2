"""The text alternative of a map: a description, a table of everything drawn, sources.

:func:`show` puts the map and its text alternative together, so a notebook read
without JavaScript (GitHub, nbviewer, a screen reader, an untrusted notebook) still
has the content: text/html holds the map's iframe followed by the table, text/plain
the description and the table.
"""

from __future__ import annotations

import html

from newscase.core.display import Rendered, join, paragraphs, table
from newscase.core.sources import format_source
from newscase.maps import borders
from newscase.maps.model import MapSpec
from newscase.maps.routes import KIND_LABELS

HEADERS = ("Shown as", "Label", "Position", "Precision", "Details", "Sources")


def _spec(map_or_spec) -> MapSpec:
    if isinstance(map_or_spec, MapSpec):
        return map_or_spec
    spec = getattr(map_or_spec, "newscase_spec", None)
    if spec is None:
        raise TypeError(
            "expected a map built by newscase.maps (article_places_map, events_map, "
            f"routes_map) or a MapSpec, got {type(map_or_spec).__name__}"
        )
    return spec


def _position(lat: float, lon: float) -> str:
    from newscase.maps.markup import position_text

    return position_text(lat, lon)


def rows(spec: MapSpec) -> list[tuple]:
    """One row per drawn item: routes and areas first, then places."""
    number = {source_id: i for i, source_id in enumerate(spec.source_ids(), start=1)}

    def refs(ids) -> str:
        return ", ".join(f"[{number[i]}]" for i in dict.fromkeys(ids))

    out = []
    for r in spec.routes:
        if r.shape == "area":
            shown = f"dashed circle: {KIND_LABELS[r.kind]}"
            where = f"around {r.place_names[0]} ({_position(*r.points[0])})"
            precision = f"radius {r.radius_km:g} km"
        else:
            shown = f"dashed line: {KIND_LABELS[r.kind]}"
            where = " \u2192 ".join(r.place_names)
            precision = "straight segments between places (not a road)"
        details = [f"Drawn from: {r.described_by}"]
        if r.quote:
            details.append(f"The article: \u201c{r.quote}\u201d")
        if r.note:
            details.append(r.note)
        out.append((shown, r.label, where, precision, details, refs(r.sources)))
    for m in spec.markers:
        if m.approximate:
            shown = "hollow marker with dashed circle (approximate position)"
            precision = f"\u00b1 {m.precision_km:g} km (approximate position)"
        else:
            shown = "marker"
            precision = f"\u00b1 {m.precision_km:g} km"
        out.append(
            (shown, m.name, _position(m.lat, m.lon), precision, list(m.details), refs(m.sources))
        )
    return out


def description(spec: MapSpec, tiles: str | None = None) -> str:
    """One paragraph saying what the map shows (``tiles``: the background, if any)."""
    n_places = len(spec.markers)
    n_approx = sum(m.approximate for m in spec.markers)
    parts = [f"{spec.title}. {spec.description}"]
    shown = f"The map shows {n_places} place(s)"
    if n_approx:
        shown += (
            f"; {n_approx} of them are approximate positions, drawn as a hollow marker "
            "inside a dashed circle whose radius is the uncertainty"
        )
    if spec.routes:
        claims = sum(r.kind == "article_claim" for r in spec.routes)
        constructs = len(spec.routes) - claims
        shown += (
            f"; and {len(spec.routes)} route(s) or area(s), dashed: {claims} claim(s) made "
            f"in the article (red) and {constructs} analyst's construct(s) (blue, dotted)"
        )
    parts.append(shown + ".")
    background = f"background tiles ({tiles})" if tiles else "no background map (tiles)"
    parts.append(
        f"Background: the outlines of {len(borders.countries())} countries and "
        f"{background}. {borders.DESCRIPTION}"
    )
    if spec.not_shown:
        parts.append("Not on the map: " + "; ".join(spec.not_shown) + ".")
    parts.append("The table lists everything the map draws; numbers refer to the sources.")
    return " ".join(parts)


def _source_list(spec: MapSpec) -> Rendered:
    items_html, items_text = [], []
    for i, source_id in enumerate(spec.source_ids(), start=1):
        record = spec.sources.get(source_id)
        if record is None:
            citation = f"(unknown source id {source_id})"
            items_html.append(f"<li>{html.escape(citation)}</li>")
            items_text.append(f"[{i}] {citation}")
            continue
        label = format_source({**record, "url": None, "reference": None})
        where = record.get("url") or record.get("reference") or ""
        link = (
            f' <a href="{html.escape(where)}" rel="noopener noreferrer" target="_blank">'
            f"{html.escape(where)}</a>"
            if record.get("url")
            else f" {html.escape(where)}"
        )
        items_html.append(f"<li>{html.escape(label)}{link}</li>")
        items_text.append(f"[{i}] {format_source(record)}")
    markup = (
        '<div class="newscase-sources"><strong>Sources</strong>'
        f"<ol>{''.join(items_html)}</ol></div>"
    )
    return Rendered(markup, "\n".join(["Sources", *items_text]))


def text_alternative(map_or_spec) -> Rendered:
    """Description, table of what the map shows, and the numbered sources."""
    spec = _spec(map_or_spec)
    tiles = getattr(map_or_spec, "newscase_tiles", None)
    caption = f"Text version of the map: {spec.title}"
    return join(
        paragraphs(description(spec, tiles)),
        table(HEADERS, rows(spec), caption=caption),
        _source_list(spec),
    )


class MapView:
    """A map shown with its text alternative (what ``show(map)`` returns)."""

    def __init__(self, map_):
        self.map = map_
        self.alternative = text_alternative(map_)

    def _repr_mimebundle_(self, include=None, exclude=None):
        # The iframe gets a title, which screen readers announce for the frame.
        title = html.escape(f"Interactive map: {_spec(self.map).title}", quote=True)
        frame = self.map._repr_html_().replace("<iframe ", f'<iframe title="{title}" ', 1)
        markup = (
            f'<div class="newscase-map">{frame}'
            "<details><summary>Text version of the map (for screen readers and "
            f"readers without JavaScript)</summary>{self.alternative.html}</details></div>"
        )
        return {"text/html": markup, "text/plain": self.alternative.text}

    def __repr__(self) -> str:
        return self.alternative.text


def show(map_) -> MapView:
    """Display ``map_`` together with its text alternative (a table below the map)."""
    return MapView(map_)
