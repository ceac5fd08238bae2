"""The exercise "rewrite the headline for two different outlets": its rubric
(headline_rubric.yaml) and the headlines other outlets gave the same events (headlines.yaml).

>>> from newscase.lessons.perspectives.headlines import score_headlines
>>> score_headlines({"accuracy": "strong", "attribution": "adequate"})
(3, 10)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from newscase.core.datafiles import cached_per_folder
from newscase.core.display import Rendered, table
from newscase.core.validate import (
    Field,
    Schema,
    identifier,
    nonempty_list,
    text,
)
from newscase.lessons.perspectives import _blocks

LEVELS = {"strong": 2, "adequate": 1, "weak": 0}  # level -> points

RUBRIC = Schema(
    "headline_rubric.yaml",
    (
        Field("id", identifier),
        Field("criterion", text),
        Field("asks", text),
        *(Field(level, text) for level in LEVELS),
        Field("sources", nonempty_list, required=False, ref="sources"),
    ),
)


def _one_source(record: dict) -> str | None:
    sources = record.get("sources") or ()
    if len(sources) != 1:
        return f"field 'sources': {len(sources)} ids; expected exactly one (the outlet's article)"
    return None


HEADLINES = Schema(
    "headlines.yaml",
    (Field("id", identifier), Field("sources", nonempty_list, ref="sources")),
    checks=(_one_source,),
)


@dataclass(frozen=True)
class Criterion:
    id: str
    criterion: str
    asks: str
    strong: str
    adequate: str
    weak: str


@cached_per_folder
def load_rubric(folder: Path) -> tuple[Criterion, ...]:
    """Read and check headline_rubric.yaml (cached per folder)."""
    from newscase.core.case import load_records

    records = load_records(RUBRIC, folder)
    return tuple(Criterion(*(r[k] for k in ("id", "criterion", "asks", *LEVELS))) for r in records)


@cached_per_folder
def load_headlines(folder: Path) -> tuple[str, ...]:
    """The source ids of headlines.yaml, in file order (cached per folder)."""
    from newscase.core.case import load_records

    return tuple(r["sources"][0] for r in load_records(HEADLINES, folder))


def max_points(rubric=None) -> int:
    return max(LEVELS.values()) * len(rubric or load_rubric())


def score_headlines(marks: dict[str, str], rubric=None) -> tuple[int, int]:
    """(points, out of) for a marker's levels, e.g. {"accuracy": "strong", ...}.

    Criteria left out score 0; an unknown criterion or level raises ValueError."""
    rubric = rubric or load_rubric()
    known = {c.id for c in rubric}
    for criterion, level in marks.items():
        if criterion not in known:
            raise ValueError(f"unknown criterion {criterion!r}; expected one of {', '.join(known)}")
        if level not in LEVELS:
            raise ValueError(f"unknown level {level!r}; expected one of {', '.join(LEVELS)}")
    return sum(LEVELS[level] for level in marks.values()), max_points(rubric)


def rubric_table() -> Rendered:
    """The rubric: for each criterion, what a strong, adequate and weak answer does."""
    rubric = load_rubric()
    heads = [f"{level.capitalize()} ({points})" for level, points in LEVELS.items()]
    rows = [(f"{c.criterion}: {c.asks}", c.strong, c.adequate, c.weak) for c in rubric]
    caption = f"Rubric: rewrite the headline for two outlets ({max_points(rubric)} points)"
    markup = table(("Criterion", *heads), rows, caption=caption).html
    lines = [caption]
    for i, c in enumerate(rubric, 1):
        lines += ["", _blocks.wrap(f"{c.criterion}: {c.asks}", "    ", first=f"{i}. ")]
        for level, points in LEVELS.items():
            lines.append(
                _blocks.wrap(getattr(c, level), "      ", first=f"   {level} ({points}): ")
            )
    return Rendered(markup, "\n".join(lines))


def rubric_markdown(rubric=None) -> str:
    """The rubric as the Markdown table of an assignment's RUBRIC.md (one row per criterion),
    so the notebook's exercise and the graded assignment share one rubric."""
    rubric = rubric or load_rubric()
    top = max(LEVELS.values())
    lines = [
        "| Criterion | Points | Full marks | Part marks | No marks |",
        "|---|---|---|---|---|",
    ]
    for c in rubric:
        cells = [f"{getattr(c, level)} ({points})" for level, points in LEVELS.items()]
        lines.append(f"| {c.criterion}: {c.asks} | {top} | {' | '.join(cells)} |")
    return "\n".join(lines)


def headlines_table(*, case=None) -> Rendered:
    """How other outlets headlined the same events: headline, outlet, date, what the outlet is."""
    from newscase.core.case import load_case

    case = case or load_case()
    records = [case.record("sources", s) for s in load_headlines()]
    rows = [
        (
            f"\u201c{r['title']}\u201d",
            r["outlet"],
            str(r.get("date") or "—"),
            r.get("note") or "—",
            _blocks.source_link(case, r["id"]),
        )
        for r in records
    ]
    caption = f"The same events, {len(rows)} headlines"
    markup = table(
        ("Headline", "Outlet", "Date", "About the source", "Link"), rows, caption=caption
    ).html
    lines = [caption]
    for i, r in enumerate(records, 1):
        lines += [
            "",
            _blocks.wrap(f"\u201c{r['title']}\u201d", "    ", first=f"{i:>2}. "),
            _blocks.wrap(f"{r['outlet']}, {r.get('date') or 'undated'}", "    "),
        ]
        if r.get("note"):
            lines.append(_blocks.wrap(f"About the source: {r['note']}", "    "))
    return Rendered(markup, "\n".join(lines))
