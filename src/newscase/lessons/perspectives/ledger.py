"""The claim ledger: the article's key claims (claims.yaml) with verdicts, a worksheet for
checking one claim yourself, and the check of the article's photo.

>>> from newscase.lessons.perspectives.ledger import claim_paragraph, verdict_counts
>>> claim_paragraph("pmu_reached_um_jaris_monday")
6
>>> sum(verdict_counts().values()) >= 10
True
"""

from __future__ import annotations

import html

from newscase.core.case import resolve_case
from newscase.core.display import Rendered, table
from newscase.core.schemas import VERDICTS
from newscase.core.text import fold, phrase_pattern
from newscase.framing.structure import article_structure
from newscase.lessons.perspectives import _blocks

VERDICT_MARKS = {
    "supported": "✓ supported",
    "qualified": "◐ qualified",
    "disputed": "✗ disputed",
    "unverifiable": "? unverifiable",
}
VERDICT_MEANINGS = {
    "supported": "the sources we found confirm it",
    "qualified": "partly right: true in part, or true but misleading as worded",
    "disputed": "the sources we found contradict it",
    "unverifiable": "no source we found can confirm or refute it",
}
WORKSHEET = (
    (
        "1. The claim in your own words",
        "Write it as one plain sentence: who did what, where, when (and how many, if it says).",
    ),
    (
        "2. What would have to be true?",
        "List the facts that must all hold for the claim to be right. A date, a place, a number, "
        "who said it, and whether the words are quoted exactly are separate facts.",
    ),
    (
        "3. What kind of source could show it?",
        "Who would know first-hand: an official statement, a wire report from the place, the "
        "original of a quote? Which sources would have a reason to exaggerate or to play it down?",
    ),
    (
        "4. What do the sources say?",
        "Read at least two of the sources listed below. Note where they agree, where they "
        "disagree, and what none of them says.",
    ),
    (
        "5. Your verdict",
        "Supported, qualified, disputed or unverifiable, and why, in two or three sentences. "
        "Then compare with the module's verdict in the claim ledger.",
    ),
)
PHOTO_CLAIM = "photo_caption_bo_hassan"  # claims.yaml: the caption of the article's photo
PHOTO_EVENT = "bo_hassan_photo_2014"  # events.csv: when and where Reuters took it
BORDER_EVENT = "um_jaris_2017"  # events.csv: what the article reports



def claim_paragraph(claim_id: str, case=None) -> int | None:
    """The ¶ number of the first paragraph holding the claim's quote (None if it spans two)."""
    quote = resolve_case(case).record("claims", claim_id)["quote"]
    pattern = phrase_pattern(quote)
    for paragraph in article_structure().paragraphs:
        if pattern.search(fold(paragraph.text)):
            return paragraph.number
    return None


def verdict_counts(case=None) -> dict[str, int]:
    """How many claims have each verdict, in the order of VERDICTS."""
    claims = resolve_case(case).records["claims"]
    return {v: sum(1 for c in claims if c["verdict"] == v) for v in VERDICTS}


def _speaker(case, actor_id: str) -> str:
    return case.record("actors", actor_id)["name"]


def _para(case, claim_id: str) -> str:
    number = claim_paragraph(claim_id, case)
    return f"¶\u00a0{number}" if number else "—"


def claims_index(*, case=None) -> Rendered:
    """The claim ids to choose from, with where each claim stands and what it says in short
    (no verdicts: for picking a claim to check)."""
    case = resolve_case(case)
    rows = [(c["id"], _para(case, c["id"]), c["claim"]) for c in case.records["claims"]]
    return table(
        ("Claim id", "¶", "In short"),
        rows,
        caption=f"The article's {len(rows)} key claims (ids for the worksheet)",
    )


def ledger_table(claim_ids=None, *, case=None) -> Rendered:
    """The article's claims with the module's verdict, why, and the sources."""
    case = resolve_case(case)
    claims = list(case.records["claims"])
    if claim_ids is not None:
        wanted = [claim_ids] if isinstance(claim_ids, str) else list(claim_ids)
        by_id = {c["id"]: c for c in claims}
        missing = [c for c in wanted if c not in by_id]
        if missing:
            raise KeyError(f"no claim {missing[0]!r} in claims.yaml")
        claims = [by_id[c] for c in wanted]
    counts = {v: sum(1 for c in claims if c["verdict"] == v) for v in VERDICTS}
    summary = ", ".join(f"{n} {v}" for v, n in counts.items() if n)
    caption = f"The claim ledger: {len(claims)} claims of the article ({summary})"
    rows = [
        (
            str(i),
            _para(case, c["id"]),
            f"\u201c{c['quote']}\u201d",
            f"{c['kind']}, {_speaker(case, c['speaker'])}",
            VERDICT_MARKS[c["verdict"]],
            c["explanation"],
            [_blocks.source_link(case, s) for s in c["sources"]],
        )
        for i, c in enumerate(claims, 1)
    ]
    markup = table(
        ("No.", "¶", "The article says", "Kind, whose claim", "Verdict", "Why", "Sources"),
        rows,
        caption=caption,
    ).html
    lines = [caption]
    lines += [f"  {VERDICT_MARKS[v]}: {VERDICT_MEANINGS[v]}" for v in VERDICTS]
    for i, c in enumerate(claims, 1):
        lines += [
            "",
            _blocks.wrap(
                f"\u201c{c['quote']}\u201d", "     ", first=f"{i:>2}. {_para(case, c['id'])}  "
            ),
            f"     Verdict: {VERDICT_MARKS[c['verdict']]}  "
            f"({c['kind']}; whose claim: {_speaker(case, c['speaker'])})",
            _blocks.wrap(f"Why: {c['explanation']}", "     "),
            _blocks.wrap(
                "Sources: " + "; ".join(_blocks.source_label(case, s) for s in c["sources"]),
                "     ",
            ),
        ]
    return Rendered(markup, "\n".join(lines))


def claim_worksheet(claim_id: str, *, case=None) -> Rendered:
    """A worksheet for checking one claim: the claim, where it stands, whose it is, the steps,
    and the sources to start from. The module's verdict is left out on purpose."""
    from newscase.core.sources import cite

    case = resolve_case(case)
    ids = case.ids("claims")
    if claim_id not in ids:
        raise KeyError(f"no claim {claim_id!r} in claims.yaml; expected one of {', '.join(ids)}")
    claim = case.record("claims", claim_id)
    number = claim_paragraph(claim_id, case)
    paragraph = article_structure().paragraph(number).text if number else ""
    sections = [
        ("The article says", f"\u201c{claim['quote']}\u201d"),
        ("Where", f"¶ {number}: {paragraph}" if number else "across two paragraphs"),
        ("Whose claim", f"{_speaker(case, claim['speaker'])} ({claim['kind']})"),
        ("In short", claim["claim"]),
    ]
    sections += [(title, hint) for title, hint in WORKSHEET]
    h, t = _blocks.card(f"Worksheet: check the claim '{claim_id}'", sections)
    sources = cite(claim["sources"], case, heading="Sources to start from")
    note = "The module's verdict is in the claim ledger below: look only after writing yours."
    return Rendered(
        h + sources.html + f"<p><em>{html.escape(note)}</em></p>",
        t + "\n\n" + sources.text + "\n\n" + note,
    )


def photo_check(*, case=None) -> Rendered:
    """What the article's photo shows, when and where it was taken, and how far that is in
    time and space from the events the article reports (all computed from the data). The
    module's verdict on the caption is not shown here: it waits in the claim ledger
    (claim ``photo_caption_bo_hassan``) until the student has judged."""
    from newscase.maps import distance as geo

    case = resolve_case(case)
    caption = article_structure().caption
    claim = case.record("claims", PHOTO_CLAIM)
    photo = case.record("events", PHOTO_EVENT)
    border = case.record("events", BORDER_EVENT)
    photo_place, border_place = photo["place_ids"][0], border["place_ids"][0]
    m = geo.measure(photo_place, border_place)
    start, end = photo["date"], border["date"]
    months = (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)
    names = {p: case.record("places", p)["name"] for p in (photo_place, border_place)}
    rows = [
        (f"The caption (¶\u00a0{caption.paragraphs[0]})", caption.text),
        ("Credit", caption.credit),
        ("Date in the article", "none given"),
        ("When the photo was taken", f"{_day(photo)}: {photo['title']}"),
        ("What the article reports", f"{_day(border)}: {border['title']}"),
        ("Time between the two", f"{months // 12} years and {months % 12} months"),
        (
            "Distance between the two places",
            f"{names[photo_place]} to {names[border_place]}: about {m.distance_km:.0f} km in a "
            f"straight line (± {m.uncertainty_km:.0f} km); {names[border_place]} lies "
            f"{_direction(m.direction)} of {names[photo_place]}",
        ),
        ("Sources", [_blocks.source_link(case, s) for s in claim["sources"]]),
    ]
    return table(("", "The photo"), rows, caption="The photo and its caption, checked")


def _day(event: dict) -> str:
    from newscase.core.dates import format_date

    return format_date(event["date"], event["date_precision"])


_POINTS = {
    "N": "north", "NNE": "north-north-east", "NE": "north-east", "ENE": "east-north-east",
    "E": "east", "ESE": "east-south-east", "SE": "south-east", "SSE": "south-south-east",
    "S": "south", "SSW": "south-south-west", "SW": "south-west", "WSW": "west-south-west",
    "W": "west", "WNW": "west-north-west", "NW": "north-west", "NNW": "north-north-west",
}  # fmt: skip


def _direction(point: str) -> str:
    return _POINTS.get(point, point)
