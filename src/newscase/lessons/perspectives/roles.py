"""The perspectives activity (Choices Program style): the roles of perspectives.yaml.

Each role is an adviser at one desk in late May 2017, with values, a reading of the article,
an option to argue for, trade-offs, risks and questions for the other roles. A role points to
claims (claims.yaml) and framings (framings.yaml), which its card shows from those files.

>>> from newscase.lessons.perspectives.roles import load_roles
>>> 3 <= len(load_roles()) <= 8
True
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from newscase.core.datafiles import cached_per_folder
from newscase.core.display import Rendered, collapsed, table
from newscase.core.validate import (
    DataError,
    Field,
    Records,
    Schema,
    identifier,
    nonempty_list,
    text,
)
from newscase.lessons.perspectives import _blocks

ROLES = Schema(
    "perspectives.yaml",
    (
        Field("id", identifier),
        Field("role", text),
        Field("actor", identifier, ref="actors"),
        Field("situation", text),
        Field("values", nonempty_list),
        Field("reading", text),
        Field("claims", nonempty_list, ref="claims"),
        Field("framings", nonempty_list, ref="framings"),
        Field("option", text),
        Field("trade_offs", nonempty_list),
        Field("risks", nonempty_list),
        Field("questions", nonempty_list),
        Field("sources", nonempty_list, ref="sources"),
    ),
)
MIN_ROLES, MAX_ROLES = 3, 8


@dataclass(frozen=True)
class Role:
    id: str
    role: str
    actor: str
    situation: str
    values: tuple[str, ...]
    reading: str
    claims: tuple[str, ...]
    framings: tuple[str, ...]
    option: str
    trade_offs: tuple[str, ...]
    risks: tuple[str, ...]
    questions: tuple[str, ...]
    sources: tuple[str, ...]


def _role_count(records: Records, case) -> list[str]:
    if records and not MIN_ROLES <= len(records) <= MAX_ROLES:
        return [
            f"{ROLES.file}: {len(records)} roles; expected {MIN_ROLES} to {MAX_ROLES} "
            "(an activity for one class session)"
        ]
    return []


@cached_per_folder
def load_roles(folder: Path) -> tuple[Role, ...]:
    """Read and check perspectives.yaml (cached per folder); raise DataError listing problems."""
    from newscase.core.case import load_records
    from newscase.lessons.perspectives.framings import load_framings

    framing_problems = []
    try:
        framing_ids = {f.id for f in load_framings(folder)}
    except DataError as exc:
        framing_problems = exc.problems
        framing_ids = None  # unreadable: its own problems say enough
    records = load_records(
        ROLES,
        folder,
        checks=[lambda records, case: framing_problems, _role_count],
        extra_ids={"framings": framing_ids},
    )
    return tuple(Role(**{k: r[k] for k in ROLES.names}) for r in records)


def _role(role_id: str) -> Role:
    roles = {r.id: r for r in load_roles()}
    if role_id not in roles:
        raise KeyError(f"no role {role_id!r}; expected one of {', '.join(roles)}")
    return roles[role_id]


def roles_table() -> Rendered:
    """The roles side by side: who, what they value most, what they argue for."""
    roles = load_roles()
    rows = [(r.role, list(r.values), r.option) for r in roles]
    caption = f"The perspectives activity: {len(roles)} roles, late May 2017"
    markup = table(
        ("Role", "Values", "The option this role argues for"), rows, caption=caption
    ).html
    lines = [caption]
    for r in roles:
        lines += [
            "",
            f"■ {r.role}   [id: {r.id}]",
            "  Values:",
            _blocks.bullets(r.values, "    "),
            _blocks.wrap(f"Argues for: {r.option}", "    ", first="  "),
        ]
    return Rendered(markup, "\n".join(lines))


# The desks sit in late May 2017: a statement made after that is marked as hindsight.
LATER = " (later: your desk could not know this in May 2017)"


def role_card(role_id: str, *, case=None) -> Rendered:
    """Everything one role needs: situation, values, reading of the article with the lines to
    point to, real statements to read, the option, trade-offs, risks, questions for the
    others, and numbered sources. (The ledger's verdicts are not on the card: students
    judge the claims first.)"""
    from newscase.core.case import load_case
    from newscase.core.dates import format_partial
    from newscase.core.sources import cite
    from newscase.lessons.perspectives.framings import load_framings
    from newscase.lessons.perspectives.ledger import claim_paragraph

    case = case or load_case()
    role = _role(role_id)
    framings = {f.id: f for f in load_framings()}
    lines_to_cite = []
    for claim_id in role.claims:
        claim = case.record("claims", claim_id)
        number = claim_paragraph(claim_id, case)
        where = f"¶\u00a0{number}" if number else "—"
        lines_to_cite.append(f"{where}: \u201c{claim['quote']}\u201d (claim '{claim_id}')")
    voices = [
        f"{framings[f].speaker}, {format_partial(framings[f].date)}"
        + (LATER if framings[f].timing == "later" else "")
        + f": {framings[f].words}"
        for f in role.framings
    ]
    sections = [
        ("Your situation", role.situation),
        ("What you value", list(role.values)),
        ("How you read the article", role.reading),
        ("Lines of the article you will point to", lines_to_cite),
        ("Voices to read (framings table)", voices),
        ("The option you argue for", role.option),
        ("Its trade-offs", list(role.trade_offs)),
        ("Its risks", list(role.risks)),
        ("Questions to put to the other roles", list(role.questions)),
    ]
    h, t = _blocks.card(f"Role card: {role.role}", sections)
    sources = cite(role.sources, case, heading="Sources for this role's situation")
    return Rendered(h + sources.html, t + "\n\n" + sources.text)


def role_cards(*, case=None) -> Rendered:
    """Every role card, each in a closed box: a student opens their own desk's card."""
    cards = [
        collapsed(role_card(r.id, case=case), f"Role card: {r.role}") for r in load_roles()
    ]
    return Rendered(
        "".join(c.html for c in cards),
        ("\n\n" + "-" * _blocks.TEXT_WIDTH + "\n\n").join(c.text for c in cards),
    )
