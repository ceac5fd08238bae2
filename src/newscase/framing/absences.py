"""Who is absent: actors with a stake whose own words never appear in the article.

Computed, not listed: from actors.yaml (kind, stake, article_mentions, speaks_in_article),
relations.csv (who leads whom at the article's date) and the voices the patterns find.

- An actor has a stake unless it is an outlet or its stake reads "Not a party ..." or
  "Unknown ..." (the convention of actors.yaml).
- It is heard if it is quoted directly, if an actor leading it at the time is quoted
  directly, or if actors.yaml says it speaks although no words of it were found.
- Every actor with a stake that is not heard is on the checklist, with how it is named,
  whether it is paraphrased (and how: a tweet, through a leader) and its stake.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from newscase.core.text import fold, phrase_pattern
from newscase.framing.structure import article_structure
from newscase.framing.voices import DIRECT, PARAPHRASE, Voice, find_voices

NO_STAKE_PREFIXES = ("not a party", "unknown")
QUOTED, PARAPHRASED, SILENT, PER_DATA = (
    "quoted directly",
    "only paraphrased",
    "no",
    "speaks per actors.yaml (no words found by the detector)",
)


@dataclass(frozen=True)
class Absence:
    """One row of the checklist."""

    actor: str  # actor id
    name: str
    kind: str
    named: bool
    how_named: str  # e.g. "as 'Iran' (3×), 'Tehran' (2×)" or "not named"
    speaks: str  # "no", "only paraphrased", ...
    detail: str  # how it is paraphrased, who speaks for it
    stake: str
    flags: tuple[str, ...]  # short machine-friendly markers, e.g. "only via a tweet"


def has_stake(actor: dict) -> bool:
    """True for parties to the story (not outlets, not 'Not a party', not 'Unknown')."""
    stake = (actor.get("stake") or "").strip().lower()
    return actor.get("kind") != "outlet" and not stake.startswith(NO_STAKE_PREFIXES)


def mention_counts(actor: dict, structure=None) -> dict[str, int]:
    """How often the article names the actor, by the article's own wording (matching its
    article_mentions, longest first, without overlaps), in order of first use."""
    structure = structure or article_structure()
    found: list[tuple[int, str]] = []
    for paragraph in structure.paragraphs:
        folded, taken = fold(paragraph.text), []
        for mention in sorted(actor.get("article_mentions") or (), key=len, reverse=True):
            for match in phrase_pattern(mention).finditer(folded):
                s, e = match.span()
                if any(s < te and ts < e for ts, te in taken):
                    continue
                taken.append((s, e))
                found.append((paragraph.start + s, paragraph.text[s:e]))
    counts: dict[str, int] = {}
    for _, words in sorted(found):
        counts[words] = counts.get(words, 0) + 1
    return counts


def speaking_status(actor_id: str, voices: list[Voice]) -> tuple[str, list[Voice]]:
    """('quoted directly' | 'only paraphrased' | 'no', the actor's quotes and paraphrases)."""
    own = [v for v in voices if v.speaker == actor_id and v.kind in (DIRECT, PARAPHRASE)]
    if any(v.kind == DIRECT for v in own):
        return QUOTED, own
    return (PARAPHRASED if own else SILENT), own


def _describe_paraphrases(own: list[Voice]) -> tuple[str, tuple[str, ...]]:
    parts, flags = [], []
    for v in own:
        medium = v.via if v.via and v.via != "not stated" else "no source given"
        parts.append(f"¶ {v.paragraph} '{v.text}' ({v.channel}; {medium})")
    tweets = [v for v in own if "tweet" in v.via]
    if tweets and len(tweets) == len(own):
        flags.append("only via a tweet")
    elif tweets:
        flags.append("paraphrased via a tweet")
    return "; ".join(parts), tuple(flags)


def _leaders(actor_id: str, case, on: dt.date) -> list[str]:
    leaders = []
    for r in case.records["relations"]:
        if r["target"] != actor_id or r["kind"] != "leads":
            continue
        start, end = r.get("start"), r.get("end")
        if start and start > on.isoformat()[: len(start)]:
            continue
        if end and end < on.isoformat()[: len(end)]:
            continue
        leaders.append(r["source"])
    return leaders


def find_absences(case=None, voices: list[Voice] | None = None) -> list[Absence]:
    """The checklist: actors with a stake who are not heard. Named actors come first."""
    if case is None:
        from newscase.core.case import load_case

        case = load_case()
    from newscase.core.article import load_article

    voices = find_voices(case) if voices is None else voices
    article_date = load_article().meta["date"]
    actors = {r["id"]: r for r in case.records["actors"]}
    rows = []
    for actor in actors.values():
        if not has_stake(actor):
            continue
        status, own = speaking_status(actor["id"], voices)
        if status == SILENT and actor.get("speaks_in_article"):
            status = PER_DATA
        leaders = [
            (leader, *speaking_status(leader, voices))
            for leader in _leaders(actor["id"], case, article_date)
            if leader in actors
        ]
        heard = status in (QUOTED, PER_DATA) or any(s == QUOTED for _, s, _ in leaders)
        if heard:
            continue
        detail, flags = _describe_paraphrases(own)
        spoken_for = [(leader, s, v) for leader, s, v in leaders if s != SILENT]
        for leader, s, leader_voices in spoken_for:
            leader_detail, leader_flags = _describe_paraphrases(leader_voices)
            name = actors[leader]["name"]
            detail = "; ".join(filter(None, [detail, f"only through {name}, {s}: {leader_detail}"]))
            flags += tuple(f"through {name}: {f}" for f in (*leader_flags, s))
        if status == SILENT:
            flags = ("never quoted or paraphrased", *flags)
        else:
            flags = ("never quoted directly", *flags)
        counts = mention_counts(actor)
        how = (
            "as " + ", ".join(f"'{m}' ({n}×)" for m, n in counts.items()) if counts else "not named"
        )
        rows.append(
            Absence(
                actor=actor["id"],
                name=actor["name"],
                kind=actor["kind"],
                named=bool(counts),
                how_named=how,
                speaks=status,
                detail=detail or "—",
                stake=actor["stake"],
                flags=flags,
            )
        )
    return sorted(rows, key=lambda r: not r.named)


def flag_mismatches(case=None, voices: list[Voice] | None = None) -> list[str]:
    """Actors whose speaks_in_article flag disagrees with the words found in the text."""
    if case is None:
        from newscase.core.case import load_case

        case = load_case()
    voices = find_voices(case) if voices is None else voices
    problems = []
    for actor in case.records["actors"]:
        status, _ = speaking_status(actor["id"], voices)
        found = status != SILENT
        if found != bool(actor.get("speaks_in_article")):
            problems.append(
                f"actors.yaml, record '{actor['id']}', field 'speaks_in_article': "
                f"{actor.get('speaks_in_article')} but the detector finds {status!r}"
            )
    return problems
