"""Distances and bearings between the case's places (geodesics on the WGS84 ellipsoid).

>>> from newscase import geo
>>> round(geo.distance_km("qaim", "al_bukamal"))  # doctest: +SKIP
9

Every place has a ``precision_km``: how far its true position may lie from the point in
``places.csv``. A distance between two places is therefore uncertain by up to the sum of
their two precisions; :func:`measure` states that range. Distances are straight lines
("as the crow flies"): a road or a military advance is always longer.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from newscase.core.display import Rendered, join, paragraphs, table

COMPASS = ("N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE",
           "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW")  # fmt: skip

# The article: "The PMU's Badr Brigade militia, which spearheaded the dash over 40km.
# to the border". Reports name these places as taken on the way (see places.csv notes).
DASH_TARGET = "um_jaris"
DASH_ORIGINS = ("qahtaniya", "kocho", "sinjar")
DASH_CLAIM_KM = 40.0

DEFAULT_PAIRS = (
    ("qahtaniya", "um_jaris"),
    ("kocho", "um_jaris"),
    ("sinjar", "um_jaris"),
    ("um_jaris", "qaim"),
    ("qaim", "al_bukamal"),
    ("tehran", "baghdad"),
    ("baghdad", "damascus"),
    ("damascus", "beirut"),
    ("al_tanf", "al_bukamal"),
)


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


def _place(places: Mapping[str, dict], place_id: str) -> dict:
    try:
        return places[place_id]
    except KeyError:
        import difflib

        hint = difflib.get_close_matches(place_id, sorted(places), n=1)
        suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
        raise KeyError(
            f"no place {place_id!r} in places.csv{suggestion}; expected a place id"
        ) from None


def measure(start: str, end: str, places=None) -> Measurement:
    """The geodesic from place ``start`` to place ``end`` (ids in places.csv)."""
    table_ = places_by_id(places)
    a, b = _place(table_, start), _place(table_, end)
    distance, bearing = geodesic(a["lat"], a["lon"], b["lat"], b["lon"])
    return Measurement(
        start,
        end,
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
    pairs: Iterable[Sequence[str]] = DEFAULT_PAIRS, places=None, *, caption: str = ""
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
        "Initial bearing",
    )
    caption = caption or (
        "Straight-line (geodesic, WGS84) distances between places; the uncertainty adds "
        "the two places' precision_km"
    )
    return table(headers, rows, caption=caption)


@dataclass(frozen=True)
class ClaimCheck:
    """The article's 'dash over 40km.' compared with straight-line distances."""

    claimed_km: float
    measurements: tuple[Measurement, ...]
    target_precision_km: float  # how far the true Um Jaris may lie from its point

    def verdict(self, m: Measurement) -> str:
        if m.low_km > self.claimed_km:
            return f"over {self.claimed_km:.0f} km even at the low end"
        if m.high_km < self.claimed_km:
            return f"under {self.claimed_km:.0f} km even at the high end"
        return f"{self.claimed_km:.0f} km lies inside the range: cannot tell"

    def summary(self) -> str:
        target = self.measurements[0].end_name if self.measurements else "the target"
        parts = [m.describe() for m in self.measurements]
        return (
            f'The article says the "dash" to the border was over {self.claimed_km:.0f} km. '
            f"Straight-line distances to {target}: "
            + "; ".join(parts)
            + f". The positions are uncertain ({target} by up to "
            f"{self.target_precision_km:.0f} km), so each distance is a range, not a "
            "single number. A straight line is the shortest possible route: the distance "
            f"actually travelled is longer, so a straight line under {self.claimed_km:.0f} km "
            "would not by itself disprove the claim, and the article does not say where "
            "the advance began."
        )

    def render(self) -> Rendered:
        rows = [
            (
                m.start_name,
                m.end_name,
                f"{m.distance_km:.1f}",
                f"{m.low_km:.0f}\u2013{m.high_km:.0f}",
                self.verdict(m),
            )
            for m in self.measurements
        ]
        headers = ("From", "To", "Straight line (km)", "Range (km)", "Compared with the claim")
        return join(
            table(headers, rows, caption="Testing the article's \u201cdash over 40km.\u201d"),
            paragraphs(self.summary()),
        )

    def _repr_mimebundle_(self, include=None, exclude=None):
        return self.render()._repr_mimebundle_(include, exclude)


def check_dash_claim(
    places=None,
    origins: Sequence[str] = DASH_ORIGINS,
    target: str = DASH_TARGET,
    claimed_km: float = DASH_CLAIM_KM,
) -> ClaimCheck:
    """Distances from the places the PMU reportedly advanced from to Um Jaris, vs 40 km."""
    table_ = places_by_id(places)
    return ClaimCheck(
        claimed_km,
        tuple(measure(o, target, table_) for o in origins),
        float(_place(table_, target)["precision_km"]),
    )
