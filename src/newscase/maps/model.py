"""What a map shows, as plain data: the folium builder and the text alternative both
read a :class:`MapSpec`, so the table always lists exactly what the map draws."""

from __future__ import annotations

from dataclasses import dataclass, field

# A place whose precision_km is at least this is drawn as an approximate position
# (hollow marker plus a dashed circle of radius precision_km).
APPROXIMATE_KM = 5.0


@dataclass(frozen=True)
class PlaceMarker:
    """A place drawn as a circle marker (plus a precision circle when approximate)."""

    id: str
    name: str
    lat: float
    lon: float
    precision_km: float
    details: tuple[str, ...]  # plain-text lines for the popup and the table
    sources: tuple[str, ...]  # source ids

    @property
    def approximate(self) -> bool:
        return self.precision_km >= APPROXIMATE_KM


@dataclass(frozen=True)
class RouteShape:
    """A route (dashed line through places) or an area (dashed circle round a place)."""

    id: str
    label: str
    kind: str  # article_claim | analyst_construct
    shape: str  # line | area
    place_ids: tuple[str, ...]
    place_names: tuple[str, ...]
    points: tuple[tuple[float, float], ...]  # (lat, lon) in order
    described_by: str
    quote: str | None
    note: str | None
    sources: tuple[str, ...]
    radius_km: float | None = None


@dataclass(frozen=True)
class MapSpec:
    """Everything one map shows, and the words that describe it."""

    name: str  # a slug, used for stable element ids
    title: str
    description: str
    markers: tuple[PlaceMarker, ...] = ()
    routes: tuple[RouteShape, ...] = ()
    sources: dict = field(default_factory=dict)  # source id -> record (all cited ids)
    not_shown: tuple[str, ...] = ()  # items left off the map, with the reason

    def source_ids(self) -> list[str]:
        """Every cited source id, in order of first use."""
        ids = [s for m in self.markers for s in m.sources]
        ids += [s for r in self.routes for s in r.sources]
        return list(dict.fromkeys(ids))
