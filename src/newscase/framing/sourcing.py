"""Genre and sourcing: what kind of text the article is, and whose words its sentences are.

>>> from newscase import framing
>>> framing.sourcing_summary()     # sentences and words by where they come from
>>> framing.sentence_table()       # every body sentence and how it is classified
>>> framing.genre_points()         # news, analysis or opinion: the evidence

Two data files: ``article_sentences.yaml`` classifies each body sentence of the article
(``author``: the author's own assertion; ``named``, ``unnamed``: attributed to a named or
unnamed source; ``mixed``), checked verbatim against the article; ``article_genre.yaml``
holds the judgement on the kind of text and its evidence. The counts are computed here,
never typed into the data.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from newscase.core.case import load_records
from newscase.core.datafiles import cached_per_folder
from newscase.core.display import Rendered, collapsed, join, paragraphs, table
from newscase.core.text import contains_quote
from newscase.core.validate import (
    Field,
    Invalid,
    Records,
    Schema,
    boolean,
    choice,
    identifier,
    nonempty_list,
    number,
    text,
)

SOURCE_KINDS = {
    "author": "the author's own assertion (no source given)",
    "named": "attributed to a named person or outlet",
    "unnamed": "attributed to a source the article does not name",
    "mixed": "the author's words and an attributed claim in one sentence",
}
def _whole(value) -> int:
    parsed = number(1, 1000)(value)
    if not float(parsed).is_integer():
        raise Invalid("expected a whole number from 1 to 1000")
    return int(parsed)


_whole.expects = "expected a whole number from 1 to 1000"

SENTENCES = Schema(
    "article_sentences.yaml",
    (
        Field("n", _whole),
        Field("paragraph", _whole),
        Field("text", text),
        Field("source_kind", choice(*SOURCE_KINDS)),
        Field("speaker", text, required=False),
        Field("channel", text, required=False),
        Field("first_person", boolean),
        Field("note", text, required=False),
    ),
    id_field=None,
)
GENRE = Schema(
    "article_genre.yaml",
    (
        Field("id", identifier),
        Field("heading", text),
        Field("text", text),
        Field("sources", nonempty_list, ref="sources"),
    ),
)


def _verbatim_and_in_order(records: Records, _case) -> list[str]:
    from newscase.core.article import load_article

    article = load_article().text
    problems = []
    for expected, (record, where) in enumerate(records.located(), start=1):
        if record["n"] != expected:
            problems.append(f"{where}, field 'n': expected {expected} (sentences in reading order)")
        if record["text"] and not contains_quote(article, record["text"]):
            problems.append(
                f"{where}, field 'text': '{record['text'][:60]}' is not in the article; "
                "expected a verbatim sentence of the seed"
            )
    return problems


@cached_per_folder
def load_sentences(folder: Path) -> Records:
    """The article's body sentences, classified (article_sentences.yaml), checked."""
    return load_records(SENTENCES, folder, checks=[_verbatim_and_in_order])


@cached_per_folder
def load_genre(folder: Path) -> Records:
    """The judgement on what kind of text the article is, and its evidence."""
    return load_records(GENRE, folder)


def _words(sentence: str) -> int:
    return len(re.findall(r"\w[\w'’-]*", sentence))


def counts(data_dir=None) -> list[dict]:
    """Per source kind: sentences, words, and the share of the body's words (plain data)."""
    sentences = load_sentences(data_dir)
    by_kind = Counter(s["source_kind"] for s in sentences)
    words = Counter()
    for s in sentences:
        words[s["source_kind"]] += _words(s["text"])
    total = sum(words.values()) or 1
    return [
        {
            "kind": kind,
            "meaning": meaning,
            "sentences": by_kind[kind],
            "words": words[kind],
            "share": round(100 * words[kind] / total),
        }
        for kind, meaning in SOURCE_KINDS.items()
    ]


def sourcing_summary(data_dir=None) -> Rendered:
    """How much of the article is attributed, and how much is the author's own assertion."""
    rows = counts(data_dir)
    sentences = load_sentences(data_dir)
    caption = (
        f"The article's {len(sentences)} body sentences, by where their words come from "
        "(the module's classification; close calls are noted in the sentence table)"
    )
    shown = table(
        ("Where the words come from", "Sentences", "Words", "Share of words"),
        [(r["meaning"], str(r["sentences"]), str(r["words"]), f"{r['share']} %") for r in rows],
        caption=caption,
    )
    first = [s for s in sentences if s["first_person"]]
    note = paragraphs(
        "First person: "
        + "; ".join(
            f"sentence {s['n']} (\u00b6 {s['paragraph']}): \u201c{s['text']}\u201d" for s in first
        )
        if first
        else "No sentence reports the author's own reporting in the first person.",
        "These counts take whole sentences. The table of voices (section 2) counts each voice's "
        "own words inside the sentences, so its words asserted by the author come out a little "
        "different.",
    )
    return join(shown, note)


def sentence_table(kinds=None, data_dir=None) -> Rendered:
    """Every body sentence with its classification (or only the given kinds), collapsed."""
    wanted = set([kinds] if isinstance(kinds, str) else kinds or SOURCE_KINDS)
    unknown = wanted - set(SOURCE_KINDS)
    if unknown:
        from newscase.core.errors import OptionProblem

        raise OptionProblem(
            f"no source kind {sorted(unknown)[0]!r}; the kinds are {', '.join(SOURCE_KINDS)}"
        )
    rows = [
        (
            str(s["n"]),
            s["text"],
            s["source_kind"],
            s.get("speaker") or "",
            s.get("note") or "",
        )
        for s in load_sentences(data_dir)
        if s["source_kind"] in wanted
    ]
    shown = table(
        ("No.", "Sentence", "Where from", "Speaker", "Note"),
        rows,
        caption="The sentence table: each body sentence and where its words come from",
    )
    return collapsed(shown, f"The sentence table ({len(rows)} sentences; open it to check)")


def genre_points(data_dir=None) -> Rendered:
    """The judgement on the kind of text first, its evidence in a closed box."""
    from newscase.core.case import load_case
    from newscase.core.sources import short_citation

    case = load_case(data_dir)
    points = list(load_genre(data_dir))
    first, rest = points[0], points[1:]
    cited = [
        "; ".join(short_citation(case.record("sources", s)) for s in p["sources"]) for p in rest
    ]
    evidence = table(
        ("Point", "Evidence", "Sources"),
        [(p["heading"], p["text"], sources) for p, sources in zip(rest, cited, strict=True)],
    )
    return join(
        paragraphs(first["text"], heading=first["heading"]),
        collapsed(evidence, "The evidence for this judgement"),
    )
