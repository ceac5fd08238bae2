"""Reading the article's geography critically (notebook 03): distances, crossings, ground.

>>> from newscase import geography
>>> geography.compare_published()        # published distances against the straight line
>>> geography.path_table([["kocho", "um_jaris"], ["kocho", "qahtaniya", "um_jaris"]])
>>> geography.route_lengths(["northern_link_up", "southern_link_up"])
>>> geography.crossings_table()          # the Iraq-Syria border crossings and their events
>>> geography.ground_table("terrain")    # what a corridor line leaves out
>>> geography.check_dash_claim()         # the article's "dash over 40km." vs straight lines
>>> geography.key_distances()            # the distances notebook 03 starts from
>>> geography.places_table()             # place ids to measure with distance.measure(...)

Four data files feed it, each checked like every other data file (errors name file,
record and field): ``dash.yaml`` (the distance the article states and the key pairs),
``published_distances.yaml`` (distances as outlets publish them),
``crossings.yaml`` (the border crossings) and ``ground.yaml`` (terrain, people, control
and roads along the "corridor"). Distances come from :mod:`newscase.maps.distance`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from newscase.core.case import load_records, resolve_case
from newscase.core.datafiles import cached_per_folder
from newscase.core.display import Rendered, join, paragraphs, table
from newscase.core.validate import (
    Field,
    Records,
    Schema,
    boolean,
    choice,
    identifier,
    nonempty_list,
    number,
    text,
    text_list,
)
from newscase.maps import distance as geo

# A published figure is usually rounded ("about 130 km"): it is compared with the
# straight line give or take this share of itself, on top of the places' precision.
ROUNDING = 0.05

MEASURES = ("not_stated", "road", "straight_line")
MEASURE_WORDS = {
    "not_stated": "not stated",
    "road": "by road",
    "straight_line": "straight line",
}
ASPECTS = ("terrain", "people", "control", "roads")
ASPECT_TITLES = {
    "terrain": "Terrain: what the land is like",
    "people": "People: who lives there",
    "control": "Control: who held the ground in May 2017",
    "roads": "Roads: how people and vehicles actually cross",
}


def _high_not_below_low(record: dict) -> str | None:
    low, high = record.get("km"), record.get("km_high")
    if low is not None and high is not None and high < low:
        return "field 'km_high': expected a number not below km (the low end of the range)"
    return None


def _different_places(record: dict) -> str | None:
    if record.get("start") and record.get("start") == record.get("end"):
        return "field 'end': expected a place different from start"
    return None


PUBLISHED = Schema(
    "published_distances.yaml",
    (
        Field("id", identifier),
        Field("start", identifier, ref="places"),
        Field("end", identifier, ref="places"),
        Field("km", number(0.1, 20000)),
        Field("km_high", number(0.1, 20000), required=False),
        Field("says", text),
        Field("measure", choice(*MEASURES)),
        Field("note", text, required=False),
        Field("sources", nonempty_list, ref="sources"),
    ),
    checks=(_high_not_below_low, _different_places),
)

CROSSINGS = Schema(
    "crossings.yaml",
    (
        Field("id", identifier),
        Field("name", text),
        Field("official", boolean),
        Field("iraq_place", identifier, ref="places"),
        Field("syria_place", identifier, required=False, ref="places"),
        Field("syria_name", text),
        Field("road", text),
        Field("why", text),
        Field("events", text_list, required=False, ref="events"),
        Field("note", text, required=False),
        Field("sources", nonempty_list, ref="sources"),
    ),
)

GROUND = Schema(
    "ground.yaml",
    (
        Field("id", identifier),
        Field("aspect", choice(*ASPECTS)),
        Field("title", text),
        Field("places", nonempty_list, ref="places"),
        Field("statement", text),
        Field("events", text_list, required=False, ref="events"),
        Field("sources", nonempty_list, ref="sources"),
    ),
)


CLAIM_CHECKS = Schema(
    "dash.yaml",
    (
        Field("id", identifier),
        Field("claim", identifier, ref="claims"),
        Field("claimed_km", number(0.1, 20000)),
        Field("target", identifier, ref="places"),
        Field("origins", nonempty_list, ref="places"),
    ),
    key="claim_checks",
)

KEY_PAIRS = Schema(
    "dash.yaml",
    (
        Field("id", identifier),
        Field("start", identifier, ref="places"),
        Field("end", identifier, ref="places"),
    ),
    checks=(_different_places,),
    key="key_pairs",
)


def _claimed_in_quote(records: Records, case) -> list[str]:
    """A claim check's distance must be the one its claim's quote states."""
    quotes = {c["id"]: c["quote"] for c in case.records["claims"]}
    problems = []
    for record, where in records.located():
        quote = quotes.get(record["claim"], "")
        if f"{record['claimed_km']:g}" not in quote:
            problems.append(
                f"{where}: field 'claimed_km': expected the distance the quote of claim "
                f"'{record['claim']}' states"
            )
    return problems


# ---- loading



@cached_per_folder
def load_published_distances(folder: Path) -> Records:
    """The records of published_distances.yaml, checked, in file order."""
    return load_records(PUBLISHED, folder)


@cached_per_folder
def load_claim_checks(folder: Path) -> Records:
    """The distances the article states (dash.yaml, claim_checks), checked."""
    return load_records(CLAIM_CHECKS, folder, checks=[_claimed_in_quote])


@cached_per_folder
def load_key_pairs(folder: Path) -> Records:
    """The place pairs key_distances() shows (dash.yaml, key_pairs), checked."""
    return load_records(KEY_PAIRS, folder)


@cached_per_folder
def load_crossings(folder: Path) -> Records:
    """The records of crossings.yaml, checked, in file order."""
    return load_records(CROSSINGS, folder)


@cached_per_folder
def load_ground(folder: Path) -> Records:
    """The records of ground.yaml, checked, in file order."""
    return load_records(GROUND, folder)


# ---- small shared pieces


class _Refs:
    """Numbers sources in order of first use, for a table plus a source list under it."""

    def __init__(self, case):
        self.case = case
        self.order: list[str] = []

    def __call__(self, ids: Iterable[str]) -> str:
        numbers = []
        for source_id in dict.fromkeys(ids):
            if source_id not in self.order:
                self.order.append(source_id)
            numbers.append(f"[{self.order.index(source_id) + 1}]")
        return ", ".join(numbers)

    def rendered(self) -> Rendered:
        from newscase.core.sources import cite

        return cite(self.order, self.case, heading="Sources")


def _event_lines(event_ids, case) -> list[str]:
    from newscase.core.dates import format_date

    lines = []
    for event_id in event_ids or ():
        event = case.record("events", event_id)
        lines.append(f"{format_date(event['date'], event['date_precision'])}: {event['title']}")
    return lines


def _names(place_ids, case) -> str:
    return ", ".join(case.record("places", p)["name"] for p in place_ids)


# ---- published distances against the straight line


@dataclass(frozen=True)
class Comparison:
    """One published distance set against the straight line between the same places."""

    record: dict
    measurement: geo.Measurement

    @property
    def published(self) -> str:
        low, high = self.record["km"], self.record.get("km_high")
        return f"{low:,.0f}" if high is None else f"{low:,.0f}\u2013{high:,.0f}"

    @property
    def verdict(self) -> str:
        """'shorter', 'agrees' or 'longer' (than the straight line's range)."""
        low = self.record["km"] * (1 - ROUNDING)
        high = (self.record.get("km_high") or self.record["km"]) * (1 + ROUNDING)
        if high < self.measurement.low_km:
            return "shorter"
        if low > self.measurement.high_km:
            return "longer"
        return "agrees"

    def verdict_text(self) -> str:
        if self.verdict == "shorter":
            return (
                "Shorter than the straight line: it cannot be the distance between these "
                "two points. Another start or end point, or a wrong figure?"
            )
        if self.verdict == "longer":
            if self.record["measure"] == "road":
                return "Longer than the straight line, as a distance by road must be."
            return (
                "Longer than the straight line: possible for a distance by road, though "
                "the source does not say how it measured."
            )
        return "Agrees with the straight line, within the uncertainty and rounding."


def comparisons(records=None, case=None) -> list[Comparison]:
    """Every published distance with its straight-line measurement (file order)."""
    case = resolve_case(case)
    records = load_published_distances(resolve_case(case).data_dir) if records is None else records
    places = geo.places_by_id(case)
    return [Comparison(r, geo.measure(r["start"], r["end"], places)) for r in records]


def compare_published(records=None, case=None) -> Rendered:
    """A table: each published distance, the straight line, and what the difference means."""
    case = resolve_case(case)
    refs = _Refs(case)
    rows = []
    for c in comparisons(records, case):
        m = c.measurement
        says = c.record["says"]
        if c.record.get("note"):
            says += f"\n({c.record['note']})"
        rows.append(
            (
                f"{m.start_name} \u2013 {m.end_name}",
                c.published,
                says,
                MEASURE_WORDS[c.record["measure"]],
                f"{m.distance_km:,.0f} ({m.low_km:,.0f}\u2013{m.high_km:,.0f})",
                c.verdict_text(),
                refs(c.record["sources"]),
            )
        )
    headers = (
        "Between",
        "Published (km)",
        "What the source says",
        "Measured how",
        "Straight line (km, range)",
        "What the difference means",
        "Sources",
    )
    caption = "Published distances against the straight line between the same places"
    rule = (
        "How to read this table: the straight line is measured between the points in "
        "places.csv (for towns, their centres); its range adds the two places' precision. "
        f"A published figure is treated as rounded, give or take {ROUNDING:.0%}. No route "
        "between two points is shorter than the straight line between them, so a shorter "
        "figure must be about other points, or wrong; a longer one may be a distance by road."
    )
    return join(paragraphs(rule), table(headers, rows, caption=caption), refs.rendered())


# ---- a distance the article states, against the straight line


@dataclass(frozen=True)
class ClaimCheck:
    """A distance the article states compared with straight lines to its target."""

    claimed_km: float
    measurements: tuple[geo.Measurement, ...]
    target_precision_km: float  # how far the true target may lie from its point

    def verdict(self, m: geo.Measurement) -> str:
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


def claim_check(origins: Sequence[str], target: str, claimed_km: float, places=None) -> ClaimCheck:
    """Straight lines from each origin to the target, compared with ``claimed_km``."""
    table_ = geo.places_by_id(places)
    return ClaimCheck(
        float(claimed_km),
        tuple(geo.measure(o, target, table_) for o in origins),
        float(geo.place_record(table_, target)["precision_km"]),
    )


def check_dash_claim(check_id: str = "dash_40km", case=None) -> ClaimCheck:
    """The article's "dash over 40km." against straight lines to Um Jaris (dash.yaml)."""
    case = resolve_case(case)
    checks = {r["id"]: r for r in load_claim_checks(case.data_dir)}
    if check_id not in checks:
        raise KeyError(f"no claim check {check_id!r}; expected one of {', '.join(checks)}")
    check = checks[check_id]
    return claim_check(check["origins"], check["target"], check["claimed_km"], case)


def key_distances(case=None) -> Rendered:
    """Straight-line distances between the places notebook 03 starts from (dash.yaml)."""
    case = resolve_case(case)
    pairs = [(r["start"], r["end"]) for r in load_key_pairs(case.data_dir)]
    return geo.distance_table(pairs, case)


# ---- paths and routes: the straight line is a lower bound


@dataclass(frozen=True)
class Walk:
    """A path through places in order, measured segment by segment."""

    place_ids: tuple[str, ...]
    legs: tuple[geo.Measurement, ...]

    @property
    def names(self) -> list[str]:
        return [self.legs[0].start_name] + [leg.end_name for leg in self.legs]

    @property
    def length_km(self) -> float:
        return sum(leg.distance_km for leg in self.legs)

    @property
    def uncertainty_km(self) -> float:
        """Worst case: every leg's own uncertainty added."""
        return sum(leg.uncertainty_km for leg in self.legs)


def measure_path(place_ids: Sequence[str], places=None) -> Walk:
    """The legs of a path through the given place ids (at least two), in order."""
    ids = tuple(place_ids)
    if len(ids) < 2:
        raise ValueError(f"a path needs at least two place ids, got {list(ids)}")
    table_ = geo.places_by_id(places)
    legs = tuple(geo.measure(a, b, table_) for a, b in pairwise(ids))
    return Walk(ids, legs)


def _path_row(label: str, path: Walk) -> tuple:
    legs = " + ".join(f"{leg.distance_km:.0f}" for leg in path.legs)
    low = max(0.0, path.length_km - path.uncertainty_km)
    high = path.length_km + path.uncertainty_km
    return (
        label,
        " \u2192 ".join(path.names),
        legs if len(path.legs) > 1 else "one straight line",
        f"{path.length_km:,.1f}",
        f"{low:,.0f}\u2013{high:,.0f}",
    )


PATH_HEADERS = ("Path", "Through", "Legs (km)", "Length (km)", "Range (km)")


def path_table(paths: Iterable[Sequence[str]], places=None, *, caption: str = "") -> Rendered:
    """Lengths of paths through places (each a list of place ids), leg by leg."""
    table_ = geo.places_by_id(places)
    rows = [
        _path_row(f"Path {i}", measure_path(ids, table_)) for i, ids in enumerate(paths, start=1)
    ]
    caption = caption or (
        "Paths measured leg by leg in straight lines; every detour through another place "
        "makes the path longer, never shorter"
    )
    return table(PATH_HEADERS, rows, caption=caption)


def route_lengths(route_ids: Iterable[str], case=None) -> Rendered:
    """The length of drawn routes (routes.yaml), measured along their straight segments."""
    from newscase.maps.routes import load_routes

    case = resolve_case(case)
    routes = {r["id"]: r for r in load_routes(resolve_case(case).data_dir)}
    places = geo.places_by_id(case)
    rows = []
    for route_id in route_ids:
        if route_id not in routes:
            raise KeyError(
                f"no route {route_id!r} in routes.yaml; expected one of {', '.join(routes)}"
            )
        route = routes[route_id]
        if (route.get("shape") or "line") != "line":
            raise ValueError(f"route {route_id!r} is an area, not a line: it has no length")
        rows.append(_path_row(route["label"], measure_path(route["places"], places)))
    headers = ("Route", *PATH_HEADERS[1:])
    caption = (
        "Drawn routes measured along their straight segments: the shortest possible length "
        "of any journey through the same places, not the length of a road"
    )
    return table(headers, rows, caption=caption)


# ---- the border crossings


def crossings_table(records=None, case=None) -> Rendered:
    """The Iraq-Syria border crossings: both sides, road, why they matter, events."""
    case = resolve_case(case)
    records = load_crossings(resolve_case(case).data_dir) if records is None else records
    refs = _Refs(case)
    rows = []
    for r in records:
        iraq = case.record("places", r["iraq_place"])["name"]
        kind = "official crossing" if r["official"] else "not an official crossing"
        why = r["why"] + (f"\nNote: {r['note']}" if r.get("note") else "")
        rows.append(
            (
                f"{r['name']}\n({kind})",
                f"Iraq: {iraq}\nSyria: {r['syria_name']}",
                r["road"],
                why,
                _event_lines(r.get("events"), case) or "none in the case's timeline",
                refs(r["sources"]),
            )
        )
    headers = ("Crossing", "The two sides", "Road", "Why it matters", "Events", "Sources")
    caption = 'The Iraq-Syria border crossings that matter to the article\'s "corridor"'
    return join(table(headers, rows, caption=caption), refs.rendered())


CROSSINGS_MAP_ROUTES = ("corridor_tehran_to_border", "corridor_to_the_sea")


def crossings_map(route_ids: Sequence[str] = CROSSINGS_MAP_ROUTES, case=None, **options):
    """A map of the border crossings with one or more drawn routes (routes.yaml ids).

    The crossings are drawn as places, their popups saying what crossings.yaml says; the
    routes are drawn as the other route maps draw them (claims or analysts' constructs).
    ``options`` go to :func:`newscase.maps.render` (``tiles``, ``assets``).
    """
    from dataclasses import replace

    from newscase.maps import render
    from newscase.maps.content import routes_spec
    from newscase.maps.model import PlaceMarker

    case = resolve_case(case)
    spec = routes_spec(list(route_ids), case)
    places = {p["id"]: p for p in case.records["places"]}
    markers = {m.id: m for m in spec.markers}
    for r in load_crossings(resolve_case(case).data_dir):
        for side in ("iraq_place", "syria_place"):
            place_id = r.get(side)
            if not place_id:
                continue
            place = places[place_id]
            details = [
                f"Crossing: {r['name']} ({'official' if r['official'] else 'not official'})",
                f"Other side: {r['syria_name']}" if side == "iraq_place" else "Syrian side",
                f"Road: {r['road']}",
            ]
            old = markers.get(place_id)
            markers[place_id] = PlaceMarker(
                id=place_id,
                name=place["name"],
                lat=float(place["lat"]),
                lon=float(place["lon"]),
                precision_km=float(place["precision_km"]),
                details=tuple((list(old.details) if old else []) + details),
                sources=tuple(dict.fromkeys((*(old.sources if old else ()), *r["sources"]))),
            )
    marker_tuple = tuple(markers.values())
    ids = [s for m in marker_tuple for s in m.sources] + [s for x in spec.routes for s in x.sources]
    sources = {r["id"]: r for r in case.records["sources"]}
    spec = replace(
        spec,
        name="crossings_" + "_".join(route_ids),
        title='The border crossings and two "corridor" lines',
        description=(
            "The Iraq-Syria border crossings (crossings.yaml) with "
            f"{len(route_ids)} drawn route(s) from routes.yaml. Routes are arguments, "
            "not facts on the ground: each "
            "dashed line joins named places with straight segments (not roads) and says "
            "who draws it. Each crossing's popup names the road it carries."
        ),
        markers=marker_tuple,
        sources={i: sources[i] for i in dict.fromkeys(ids) if i in sources},
    )
    return render(spec, **options)


# ---- what a corridor line hides


def ground_table(aspects: str | Iterable[str] | None = None, records=None, case=None) -> Rendered:
    """What the ground along the corridor is like, by aspect (terrain, people, control, roads)."""
    case = resolve_case(case)
    records = load_ground(resolve_case(case).data_dir) if records is None else records
    if aspects is None:
        wanted = list(ASPECTS)
    else:
        wanted = [aspects] if isinstance(aspects, str) else list(aspects)
        unknown = [a for a in wanted if a not in ASPECTS]
        if unknown:
            raise ValueError(f"unknown aspect(s) {unknown}; expected some of {', '.join(ASPECTS)}")
    refs = _Refs(case)
    rows = []
    for aspect in wanted:
        for r in (r for r in records if r["aspect"] == aspect):
            rows.append(
                (
                    ASPECT_TITLES[aspect].split(":")[0],
                    r["title"],
                    _names(r["places"], case),
                    r["statement"],
                    _event_lines(r.get("events"), case) or "\u2013",
                    refs(r["sources"]),
                )
            )
    headers = ("Aspect", "Point", "Places", "What the sources say", "Events", "Sources")
    caption = 'What a line on a map of a "corridor" does not show'
    return join(table(headers, rows, caption=caption), refs.rendered())


# ---- helpers for the notebook's exercises and claims


def places_table(ids: Iterable[str] | None = None, case=None) -> Rendered:
    """Place ids to use with geo.measure: id, name, kind, country and precision."""
    case = resolve_case(case)
    records = case.records["places"]
    if ids is not None:
        wanted = list(ids)
        records = [case.record("places", i) for i in wanted]
    rows = [
        (
            p["id"],
            p["name"],
            p["kind"].replace("_", " "),
            ", ".join(p["country"]),
            f"\u00b1 {p['precision_km']:g}",
        )
        for p in records
    ]
    headers = ("Place id (use this)", "Name", "Kind", "Country", "Precision (km)")
    caption = f"{len(rows)} places in places.csv, with the ids to measure between"
    return table(headers, rows, caption=caption)


