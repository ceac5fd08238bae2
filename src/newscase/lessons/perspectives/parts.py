"""The headline versus the body: which loaded terms and which actors each part of the
article uses, computed from the seed text, terms.yaml and actors.yaml.

>>> from newscase.lessons.perspectives.parts import part_profile
>>> "Iranian-backed" in part_profile()["headline"]["terms"]
True
"""

from __future__ import annotations

from newscase.core.case import resolve_case
from newscase.core.display import Rendered, table
from newscase.core.text import fold, phrase_pattern
from newscase.framing.structure import article_structure
from newscase.framing.terms import find_terms, load_terms
from newscase.framing.voices import count_words
from newscase.lessons.perspectives import _blocks

PARTS = (
    "headline",
    "standfirst",
    "caption",
    "body",
)  # the caption's repeat and credit are left out
LABELS = {
    "headline": "Headline",
    "standfirst": "Standfirst (the line under the headline)",
    "caption": "Photo caption",
    "body": "Body",
}



def _paragraphs(kind: str):
    structure = article_structure()
    if kind == "caption":
        first = structure.caption.paragraphs[0]
        return [structure.paragraph(first)]
    return [p for p in structure.paragraphs if p.kind == kind]


def part_profile(case=None) -> dict[str, dict]:
    """For each part: its ¶ numbers, word count, the loaded terms used (as the article words
    them, with counts) and the actors named (by name, with the article's wording)."""
    case = resolve_case(case)
    terms = load_terms()
    occurrences = find_terms(terms)
    profile = {}
    for kind in PARTS:
        paragraphs = _paragraphs(kind)
        numbers = [p.number for p in paragraphs]
        used: dict[str, int] = {}
        for o in occurrences:
            if o.paragraph in numbers:
                used[o.text] = used.get(o.text, 0) + 1
        named: dict[str, list[str]] = {}
        for actor in case.records["actors"]:
            for mention in sorted(actor.get("article_mentions") or (), key=len, reverse=True):
                pattern = phrase_pattern(mention)
                for p in paragraphs:
                    for match in pattern.finditer(fold(p.text)):
                        words = p.text[match.start() : match.end()]
                        if words not in named.setdefault(actor["name"], []):
                            named[actor["name"]].append(words)
        profile[kind] = {
            "paragraphs": numbers,
            "words": sum(count_words(p.text) for p in paragraphs),
            "terms": used,
            "actors": {name: forms for name, forms in named.items() if forms},
        }
    return profile


def _where(numbers: list[int]) -> str:
    if len(numbers) == 1:
        return f"¶\u00a0{numbers[0]}"
    return f"¶\u00a0{numbers[0]} to ¶\u00a0{numbers[-1]}"


def parts_table(case=None) -> Rendered:
    """Headline, standfirst, caption and body side by side: words, loaded terms, who is named."""
    profile = part_profile(case)
    rows = []
    for kind in PARTS:
        p = profile[kind]
        terms = "; ".join(f"{t} ({n}×)" if n > 1 else t for t, n in p["terms"].items()) or "none"
        if kind == "body":  # many actors: names only
            actors = f"{len(p['actors'])} actors: " + ", ".join(sorted(p["actors"]))
        else:
            actors = (
                "; ".join(
                    name if forms == [name] else f"{name} (as {', '.join(repr(f) for f in forms)})"
                    for name, forms in sorted(p["actors"].items())
                )
                or "none"
            )
        rows.append((LABELS[kind], _where(p["paragraphs"]), str(p["words"]), terms, actors))
    caption = "The headline versus the body: loaded terms and actors named in each part"
    markup = table(
        ("Part", "Where", "Words", "Loaded terms used", "Actors named"), rows, caption=caption
    ).html
    lines = [caption]
    for label, where, words, terms, actors in rows:
        lines += [
            "",
            f"{label} ({where}, {words} words)",
            _blocks.wrap("Loaded terms: " + terms, "    ", first="  "),
            _blocks.wrap("Actors named: " + actors, "    ", first="  "),
        ]
    return Rendered(markup, "\n".join(lines))
