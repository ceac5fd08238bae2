"""Build :class:`MapSpec` objects from the case data (pure: no folium, no HTML)."""

from __future__ import annotations

import datetime as dt
import difflib

from newscase.core.case import resolve_case
from newscase.core.text import normalise, sentences
from newscase.maps.model import MapSpec, PlaceMarker, RouteShape

MAX_QUOTE_WORDS = 32




def _article_text(article_text: str | None) -> str:
    if article_text is None:
        from newscase.core.article import load_article

        return load_article().text
    return article_text


def article_sentence(mention: str, article_text: str | None = None) -> str | None:
    """The first article sentence containing ``mention``, verbatim; long sentences are
    cut to about MAX_QUOTE_WORDS words around the mention, cuts marked with '…'."""
    needle = normalise(mention)
    for sentence in sentences(_article_text(article_text)):
        if needle in normalise(sentence):
            return _shorten(sentence, mention)
    return None


def _shorten(sentence: str, mention: str) -> str:
    words = sentence.split()
    if len(words) <= MAX_QUOTE_WORDS:
        return sentence
    first = normalise(mention).split()[0]
    at = next((i for i, w in enumerate(words) if first in normalise(w)), 0)
    start = max(0, min(at - MAX_QUOTE_WORDS // 2, len(words) - MAX_QUOTE_WORDS))
    end = start + MAX_QUOTE_WORDS
    return (
        ("\u2026 " if start > 0 else "")
        + " ".join(words[start:end])
        + (" \u2026" if end < len(words) else "")
    )


def article_source_id(case) -> str | None:
    """The id of the article itself in sources.yaml (article.yaml's ``source``), if there."""
    from newscase.core.article import load_article

    found = load_article().meta.get("source")
    return found if any(r["id"] == found for r in case.records["sources"]) else None


def _sources(case, ids) -> dict:
    records = {r["id"]: r for r in case.records["sources"]}
    return {i: records[i] for i in ids if i in records}


def _marker(place: dict, details, sources) -> PlaceMarker:
    return PlaceMarker(
        id=place["id"],
        name=place["name"],
        lat=float(place["lat"]),
        lon=float(place["lon"]),
        precision_km=float(place["precision_km"]),
        details=tuple(details),
        sources=tuple(dict.fromkeys(sources)),
    )


def _finish(spec_args: dict, case) -> MapSpec:
    spec = MapSpec(**spec_args)
    return MapSpec(**{**spec_args, "sources": _sources(case, spec.source_ids())})


# ---- the three maps


def article_places_spec(case=None, article_text: str | None = None) -> MapSpec:
    """Every place the article names (places.csv rows with an article_mention)."""
    case = resolve_case(case)
    text = _article_text(article_text)
    article_id = article_source_id(case)
    markers = []
    for place in case.records["places"]:
        mention = place.get("article_mention")
        if not mention:
            continue
        sentence = article_sentence(mention, text)
        if sentence is None:
            said = f"The article mentions \u201c{mention}\u201d"
        elif sentence[:1] in '\u201c"':  # already a quotation: do not wrap it twice
            said = f"The article: {sentence}"
        else:
            said = f"The article: \u201c{sentence}\u201d"
        names = [place["name"], *(place.get("alt_names") or ())]
        if sentence and not any(normalise(n) in normalise(sentence) for n in names):
            said += f" (The marker stands for the article's words \u201c{mention}\u201d.)"
        cited = ([article_id] if article_id else []) + list(place["sources"])
        details = [said] + ([f"About this point: {place['note']}"] if place.get("note") else [])
        markers.append(_marker(place, details, cited))
    return _finish(
        {
            "name": "article_places",
            "title": "Places the article names",
            "description": (
                "Every place the article names, at the position our sources give. "
                "Each marker's popup quotes the sentence of the article that mentions it "
                "and says where the point comes from."
            ),
            "markers": tuple(markers),
        },
        case,
    )


def _as_date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _day(date: dt.date) -> str:
    return f"{date.day} {date:%B %Y}"


def events_spec(start, end, case=None) -> MapSpec:
    """The places of the events dated from ``start`` to ``end`` (inclusive)."""
    case = resolve_case(case)
    start, end = _as_date(start), _as_date(end)
    if end < start:
        raise ValueError(f"end ({end}) is before start ({start}); expected start <= end")
    places = {p["id"]: p for p in case.records["places"]}
    events = sorted(
        (e for e in case.records["events"] if start <= _as_date(e["date"]) <= end),
        key=lambda e: (_as_date(e["date"]), e["id"]),
    )
    by_place: dict[str, list[dict]] = {}
    not_shown = []
    for event in events:
        ids = [i for i in event.get("place_ids") or () if i in places]
        if not ids:
            not_shown.append(f"{_as_date(event['date'])}: {event['title']} (no place given)")
        for place_id in ids:
            by_place.setdefault(place_id, []).append(event)
    markers = []
    for place_id, items in by_place.items():
        details = [f"{_as_date(e['date'])}: {e['title']}" for e in items]
        cited = [s for e in items for s in e["sources"]] + list(places[place_id]["sources"])
        markers.append(_marker(places[place_id], details, cited))
    return _finish(
        {
            "name": f"events_{start:%Y%m%d}_{end:%Y%m%d}",
            "title": f"Where events took place, {_day(start)} to {_day(end)}",
            "description": (
                f"The places of the {len(events)} event(s) in the case's timeline dated "
                f"from {_day(start)} to {_day(end)}. Each marker lists its events."
            ),
            "markers": tuple(markers),
            "not_shown": tuple(not_shown),
        },
        case,
    )


def routes_spec(route_ids=None, case=None, routes=None, name: str | None = None) -> MapSpec:
    """The routes and areas of routes.yaml (all, or the given ids in the given order)."""
    case = resolve_case(case)
    if routes is None:
        from newscase.maps.routes import load_routes

        routes = load_routes(resolve_case(case).data_dir)
    by_id = {r["id"]: r for r in routes}
    if route_ids is None:
        chosen = list(routes)
    else:
        route_ids = [route_ids] if isinstance(route_ids, str) else list(route_ids)
        chosen = []
        for route_id in route_ids:
            if route_id not in by_id:
                hint = difflib.get_close_matches(route_id, sorted(by_id), n=1)
                suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
                raise KeyError(
                    f"no route {route_id!r} in routes.yaml{suggestion}; "
                    f"expected one of {', '.join(by_id)}"
                )
            chosen.append(by_id[route_id])
    places = {p["id"]: p for p in case.records["places"]}
    shapes, on_route = [], {}
    for route in chosen:
        ids = tuple(route["places"])
        shapes.append(
            RouteShape(
                id=route["id"],
                label=route["label"],
                kind=route["kind"],
                shape=route.get("shape") or "line",
                place_ids=ids,
                place_names=tuple(places[i]["name"] for i in ids),
                points=tuple((float(places[i]["lat"]), float(places[i]["lon"])) for i in ids),
                described_by=route["described_by"],
                quote=route.get("quote"),
                note=route.get("note"),
                sources=tuple(route["sources"]),
                radius_km=route.get("radius_km"),
            )
        )
        for place_id in ids:
            on_route.setdefault(place_id, []).append(route["label"])
    markers = [
        _marker(places[i], [f"On: {'; '.join(labels)}"], places[i]["sources"])
        for i, labels in on_route.items()
    ]
    return _finish(
        {
            "name": name or ("routes" if route_ids is None else "routes_" + "_".join(route_ids)),
            "title": "Routes and areas in the article and its analysts' arguments",
            "description": (
                "Routes and areas that the article claims or that analysts construct. They "
                "are arguments, not facts on the ground: each dashed line joins named places "
                "with straight segments (not roads, not front lines) and says who draws it."
            ),
            "markers": tuple(markers),
            "routes": tuple(shapes),
        },
        case,
    )
