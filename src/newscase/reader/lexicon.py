"""The reader's word lists (data/lexicon.yaml): countries, nationalities, cities, outlets ...

General English and geography, not the case: the reader's patterns stay generic and the
lists stay data. Loaded like every data file, by :func:`newscase.core.case.load_records`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from newscase.core.datafiles import cached_per_folder
from newscase.core.text import name_key, normalise
from newscase.core.validate import Field, Schema, identifier, nonempty_list, text

LEXICON = Schema(
    "lexicon.yaml",
    (
        Field("id", identifier),
        Field("note", text),
        Field("words", nonempty_list),
    ),
)
LISTS = ("countries", "nationalities", "cities", "organisation_words", "news_outlets", "stop_words")


@cached_per_folder
def load_lexicon(folder: Path) -> dict[str, frozenset[str]]:
    """Each list of lexicon.yaml as a set of keys (case, quote marks and dashes folded)."""
    from newscase.core.case import load_records

    records = load_records(LEXICON, folder, checks=[_every_list_present], with_case=False)
    return {r["id"]: frozenset(name_key(w) for w in r["words"]) for r in records}


def _every_list_present(records, case) -> list[str]:
    ids = {r["id"] for r in records}
    return [
        f"lexicon.yaml: no record '{name}'; expected one record per word list the reader uses "
        f"({', '.join(LISTS)})"
        for name in LISTS
        if name not in ids
    ]


def split_words(text: str) -> frozenset[str]:
    """A set of words written as one string: the reader's short built-in word lists."""
    return frozenset(text.split())


def words(list_id: str, data_dir=None) -> frozenset[str]:
    """The keys of one list, e.g. ``words("countries")`` (compare with ``name_key(word)``)."""
    return load_lexicon(data_dir)[list_id]


def any_phrase(phrases: Iterable[str]) -> re.Pattern:
    """One regex for any of ``phrases`` as whole words, on text folded by
    :func:`newscase.core.text.fold` (any white space between words). Built as a trie, so
    matching costs about the same for three phrases as for three hundred."""
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for char in normalise(phrase).lower():
            node = node.setdefault(char, {})
        node[""] = {}
    return re.compile(rf"(?<!\w)(?:{_branches(trie)})(?!\w)")


def _branches(node: dict) -> str:
    """The regex of a trie node: its children as alternatives, optional where a phrase ends."""
    alternatives = [
        (r"\s+" if char == " " else re.escape(char)) + _branches(child)
        for char, child in sorted(node.items())
        if char
    ]
    if not alternatives:
        return ""
    body = alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"
    return f"(?:{body})?" if "" in node else body
