"""Distances and bearings between the case's places (geodesics on the WGS84 ellipsoid).

>>> from newscase.maps import distance
>>> round(distance.distance_km("qaim", "al_bukamal"))  # doctest: +SKIP
9

Every place has a ``precision_km``: how far its true position may lie from the point in
``places.csv``. A distance between two places is therefore uncertain by up to the sum of
their two precisions; :func:`measure` states that range. Distances are straight lines
("as the crow flies"): a road or a military advance is always longer.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from newscase.core.display import Rendered, table

COMPASS = ("N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE",
           "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW")  # fmt: skip

def geodesic(lat1: float, lon1: float, lat2: float, lon2: float) -> tuple[float, float]:
    """(distance in km, initial bearing in degrees 0-360) along the WGS84 geodesic."""
    from geographiclib.geodesic import Geodesic

    result = Geodesic.WGS84.Inverse(lat1, lon1, lat2, lon2)
    return result["s12"] / 1000.0, result["azi1"] % 360.0


def compass_point(bearing: float) -> str:
    """The 16-point compass direction of a bearing, e.g. 247.5 -> 'WSW'."""
    return COMPASS[int((bearing % 360.0) / 22.5 + 0.5) % 16]


@dataclass(frozen=True)
class Measurement:
    """A straight-line distance between two places, with its uncertainty."""

    start: str  # place ids
    end: str
    start_name: str
    end_name: str
    distance_km: float
    bearing_deg: float  # initial bearing at ``start``, clockwise from north
    uncertainty_km: float  # the two places' precision_km added (worst case)

    @property
    def low_km(self) -> float:
        return max(0.0, self.distance_km - self.uncertainty_km)

    @property
    def high_km(self) -> float:
        return self.distance_km + self.uncertainty_km

    @property
    def direction(self) -> str:
        return compass_point(self.bearing_deg)

    def describe(self) -> str:
        return (
            f"{self.start_name} to {self.end_name}: {self.distance_km:.0f} km "
            f"\u00b1 {self.uncertainty_km:.0f} km ({self.low_km:.0f}-{self.high_km:.0f} km), "
            f"heading {self.direction} ({self.bearing_deg:.0f}\u00b0)"
        )


def places_by_id(places=None) -> dict[str, dict]:
    """Place records by id, from a Case, a mapping id -> record, records, or the case."""
    if places is None:
        from newscase.core.case import load_case

        places = load_case()
    records = getattr(places, "records", None)
    if isinstance(records, Mapping):  # a Case
        return {r["id"]: r for r in records["places"]}
    if isinstance(places, Mapping):
        return dict(places)
    return {r["id"]: r for r in places}


def place_record(places: Mapping[str, dict], place_id: str) -> dict:
    """The record of one place, by id or by name ("Um Jaris", "Sinjar"; case, quotes and
    dashes do not matter); a KeyError suggests the closest id."""
    if place_id in places:
        return places[place_id]
    from newscase.core.lookup import records_index
    from newscase.core.text import name_key

    if isinstance(place_id, str):
        found = records_index(places.values()).get(name_key(place_id))
        if found is not None:
            return places[found]
    import difflib

    hint = difflib.get_close_matches(str(place_id), sorted(places), n=1)
    suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
    raise KeyError(
        f"no place {place_id!r} in places.csv{suggestion}; expected a place id or name"
    ) from None


def measure(start: str, end: str, places=None) -> Measurement:
    """The geodesic from place ``start`` to place ``end`` (ids or names in places.csv)."""
    table_ = places_by_id(places)
    a, b = place_record(table_, start), place_record(table_, end)
    distance, bearing = geodesic(a["lat"], a["lon"], b["lat"], b["lon"])
    return Measurement(
        a["id"],
        b["id"],
        a["name"],
        b["name"],
        distance,
        bearing,
        float(a["precision_km"]) + float(b["precision_km"]),
    )


def distance_km(start: str, end: str, places=None) -> float:
    """Straight-line (geodesic) distance in km between two places."""
    return measure(start, end, places).distance_km


def bearing_deg(start: str, end: str, places=None) -> float:
    """Initial bearing in degrees (0 = north, 90 = east) from ``start`` towards ``end``."""
    return measure(start, end, places).bearing_deg


def distance_table(
    pairs: Iterable[Sequence[str]], places=None, *, caption: str = ""
) -> Rendered:
    """A table of straight-line distances, their uncertainty and directions."""
    table_ = places_by_id(places)
    rows = []
    for start, end in pairs:
        m = measure(start, end, table_)
        rows.append(
            (
                m.start_name,
                m.end_name,
                f"{m.distance_km:.1f}",
                f"\u00b1 {m.uncertainty_km:.0f}",
                f"{m.low_km:.0f}\u2013{m.high_km:.0f}",
                f"{m.bearing_deg:.0f}\u00b0 ({m.direction})",
            )
        )
    headers = (
        "From",
        "To",
        "Straight-line distance (km)",
        "Uncertainty (km)",
        "Range (km)",
        "Initial bearing (compass direction at the start)",
    )
    caption = caption or (
        "Straight-line distances between places (geodesic: the shortest path over the "
        "Earth's surface, on the WGS84 model of its shape); the uncertainty adds the two "
        "places' precision_km"
    )
    return table(headers, rows, caption=caption)
