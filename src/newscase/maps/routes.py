"""The routes and areas the article and its analysts describe (data/routes.yaml).

A route is never a fact on the map: each record says whether it is a claim the article
makes (``article_claim``) or an analyst's construct (``analyst_construct``), who draws
it, and (where the article gives one) the verbatim quote. Lines join the listed places
in order with straight segments; an ``area`` is a circle around one place.

Problems are reported like every other data file: file, record, field, expectation.
"""

from __future__ import annotations

from pathlib import Path

from newscase.core.validate import (
    DataError,
    Field,
    Schema,
    check_records,
    check_references,
    choice,
    identifier,
    nonempty_list,
    number,
    text,
)

ROUTES_FILE = "routes.yaml"
ROUTE_KINDS = ("article_claim", "analyst_construct")
SHAPES = ("line", "area")
KIND_LABELS = {
    "article_claim": "a claim made in the article",
    "analyst_construct": "an analyst's construct (an interpretation)",
}


def _shape_fits_places(record: dict) -> str | None:
    places, shape = record.get("places") or (), record.get("shape") or "line"
    if shape == "line" and len(places) < 2:
        return "field 'places': a line needs at least two place ids, in order"
    if shape == "area":
        if len(places) != 1:
            return "field 'places': an area needs exactly one place id (its centre)"
        if record.get("radius_km") is None:
            return "field 'radius_km': missing; an area needs a radius in km"
    if shape == "line" and record.get("radius_km") is not None:
        return "field 'radius_km': only an area has a radius; remove it or set shape: area"
    return None


ROUTES = Schema(
    ROUTES_FILE,
    (
        Field("id", identifier),
        Field("label", text),
        Field("kind", choice(*ROUTE_KINDS)),
        Field("shape", choice(*SHAPES), required=False),
        Field("places", nonempty_list, ref="places"),
        Field("radius_km", number(0.1, 1000), required=False),
        Field("described_by", text),
        Field("quote", text, required=False),
        Field("note", text, required=False),
        Field("sources", nonempty_list, ref="sources"),
    ),
    checks=(_shape_fits_places,),
)


def routes_path() -> Path:
    from newscase.core.datafiles import default_data_dir

    return default_data_dir() / ROUTES_FILE


def load_routes(path: str | Path | None = None, case=None, article_text: str | None = None):
    """Read and check routes.yaml; return its records (dicts) in file order.

    ``path`` defaults to routes.yaml in the case's data folder. Place and source ids are
    checked against ``case`` (default: ``load_case()``), quotes against the article.
    Raises :class:`newscase.DataError` listing every problem.
    """
    from newscase.core.datafiles import read_records
    from newscase.core.text import contains_quote

    if case is None:
        from newscase.core.case import load_case

        case = load_case()
    if path is None:  # next to the case's other data files
        folder = getattr(case, "data_dir", None)
        path = Path(folder) / ROUTES_FILE if folder else routes_path()
    raw, locations = read_records(Path(path), ROUTES)
    records, problems = check_records(ROUTES, raw, locations)
    ids = {
        "places": {r["id"] for r in case.records["places"]},
        "sources": {r["id"] for r in case.records["sources"]},
    }
    problems += check_references(ROUTES, records, ids)
    if article_text is None:
        from newscase.core.article import load_article

        article_text = load_article().text
    for record in records:
        quote = record.get("quote")
        if quote and not contains_quote(article_text, quote):
            problems.append(
                f"{record['_where']}, field 'quote': '{quote[:60]}' is not in the article; "
                "expected a verbatim quote of seeds/ text (or leave quote empty)"
            )
        if record.get("shape") is None:
            record["shape"] = "line"
    if problems:
        raise DataError(problems)
    return [{k: v for k, v in r.items() if k != "_where"} for r in records]
