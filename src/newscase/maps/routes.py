"""The routes and areas the article and its analysts describe (data/routes.yaml).

A route is never a fact on the map: each record says whether it is a claim the article
makes (``article_claim``) or an analyst's construct (``analyst_construct``), who draws
it, and (where the article gives one) the verbatim quote. Lines join the listed places
in order with straight segments; an ``area`` is a circle around one place.

Problems are reported like every other data file: file, record, field, expectation.
"""

from __future__ import annotations

from pathlib import Path

from newscase.core.datafiles import cached_per_folder
from newscase.core.validate import (
    Field,
    Records,
    Schema,
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


@cached_per_folder
def load_routes(folder: Path) -> Records:
    """Read and check routes.yaml; return its records in file order.

    Place and source ids are checked against the case of the same folder, quotes against
    the article. Raises :class:`newscase.DataError` listing every problem.
    """
    from newscase.core.case import load_records

    records = load_records(ROUTES, folder, checks=[_quotes_in_article])
    for record in records:
        if record.get("shape") is None:
            record["shape"] = "line"
    return records


def _quotes_in_article(records: Records, case) -> list[str]:
    from newscase.core.article import load_article
    from newscase.core.text import contains_quote

    article_text = load_article().text
    return [
        f"{where}, field 'quote': '{record['quote'][:60]}' is not in the article; "
        "expected a verbatim quote of seeds/ text (or leave quote empty)"
        for record, where in records.located()
        if record.get("quote") and not contains_quote(article_text, record["quote"])
    ]
