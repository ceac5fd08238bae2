"""The glossary and the primer: the words a reader needs, in plain and neutral terms.

>>> import newscase
>>> newscase.glossary("PMU")          # one entry: by id, term, other name or the article's spelling
>>> newscase.glossary("Hash")         # a miss: says so, and suggests close entries
>>> newscase.glossary()               # every entry, A to Z
>>> newscase.primer()                 # one screen on the region, for notebook 01

Two data files: ``glossary.yaml`` (one record per term: definition, the article's own
spellings, other names, related entries, sources) and ``primer.yaml`` (six short sections
linking to glossary entries). Both are loaded the one way every data file is, and the
article's spellings are checked verbatim against the article.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from newscase.core.case import load_records
from newscase.core.datafiles import cached_per_folder
from newscase.core.display import Rendered, join, paragraphs, table
from newscase.core.text import contains_quote, name_key
from newscase.core.validate import Field, Records, Schema, identifier, text, text_list

GLOSSARY = Schema(
    "glossary.yaml",
    (
        Field("id", identifier),
        Field("term", text),
        Field("definition", text),
        Field("article_spelling", text_list, required=False),
        Field("alt_names", text_list, required=False),
        Field("see_also", text_list, required=False),
        Field("actor", identifier, required=False, ref="actors"),
        Field("place", identifier, required=False, ref="places"),
        Field("terms", text_list, required=False),
        Field("sources", text_list, ref="sources"),
    ),
)
PRIMER = Schema(
    "primer.yaml",
    (
        Field("id", identifier),
        Field("title", text),
        Field("text", text),
        Field("glossary", text_list),
        Field("sources", text_list, ref="sources"),
    ),
)


def _spellings_and_links(records: Records, _case) -> list[str]:
    from newscase.core.article import load_article

    article = load_article().text
    ids = {r["id"] for r in records}
    problems = []
    for record, where in records.located():
        for spelling in record.get("article_spelling") or ():
            if not contains_quote(article, spelling):
                problems.append(
                    f"{where}, field 'article_spelling': '{spelling}' is not in the article; "
                    "expected the article's own form, verbatim"
                )
        for other in record.get("see_also") or ():
            if other not in ids:
                problems.append(f"{where}, field 'see_also': unknown glossary id '{other}'")
    return problems


@cached_per_folder
def load_glossary(folder: Path) -> Records:
    """Every glossary entry (glossary.yaml), checked."""
    return load_records(GLOSSARY, folder, checks=[_spellings_and_links])


def _links_known(records: Records, case) -> list[str]:
    known = {r["id"] for r in load_glossary(case.data_dir)}
    return [
        f"{where}, field 'glossary': unknown glossary id '{term}'"
        for record, where in records.located()
        for term in record.get("glossary") or ()
        if term not in known
    ]


@cached_per_folder
def load_primer(folder: Path) -> Records:
    """The primer's sections (primer.yaml), checked."""
    return load_records(PRIMER, folder, checks=[_links_known])


def _names(entry: dict) -> list[str]:
    return [
        entry["id"],
        entry["term"],
        *(entry.get("alt_names") or ()),
        *(entry.get("article_spelling") or ()),
    ]


def _parts(name: str) -> list[str]:
    """Shorter names inside a name: "Popular Mobilization Forces (PMF)" gives both halves,
    "the Hashd" gives "Hashd", "Al-Qaim and Albu Kamal" gives each town."""
    parts = []
    bracketed = re.fullmatch(r"(.+?)\s*\((.+)\)", name)
    if bracketed:
        parts += [bracketed.group(1), bracketed.group(2)]
    if name.lower().startswith("the "):
        parts.append(name[4:])
    if " and " in name:
        parts += name.split(" and ")
    return parts


def lookup(name: str, data_dir=None) -> tuple[dict | None, list[str]]:
    """(the entry that ``name`` names, or None; close matches, as terms). A name an entry
    gives in full wins over a part of another entry's name."""
    entries = load_glossary(data_dir)
    wanted = name_key(name)
    by_name = {}
    for entry in entries:
        for alias in _names(entry):
            by_name.setdefault(name_key(alias), entry)
    for entry in entries:
        for alias in _names(entry):
            for part in _parts(alias):
                by_name.setdefault(name_key(part), entry)
    if wanted in by_name:
        return by_name[wanted], []
    close = difflib.get_close_matches(wanted, list(by_name), n=5, cutoff=0.6)
    partial = [k for k in by_name if wanted and len(wanted) >= 3 and wanted in k]
    terms = list(dict.fromkeys(by_name[k]["term"] for k in [*close, *partial]))
    return None, terms[:4]


def entry_rendered(entry: dict) -> Rendered:
    """One entry: term, definition, the article's spellings, other names, see also, sources."""
    rows = [("Definition", entry["definition"])]
    if entry.get("article_spelling"):
        spelled = ", ".join(f"\u201c{s}\u201d" for s in entry["article_spelling"])
        rows.append(("In the article", spelled))
    if entry.get("alt_names"):
        rows.append(("Other names", ", ".join(entry["alt_names"])))
    if entry.get("see_also"):
        rows.append(("See also", ", ".join(entry["see_also"])))
    rows.append(("Sources", ", ".join(entry["sources"])))
    return table(("", entry["term"]), rows, caption=f"Glossary: {entry['term']}")


def glossary(name: str | None = None, data_dir=None) -> Rendered:
    """A glossary entry, looked up by id, term, another name or the article's spelling
    (case and quote style do not matter); with no name, every entry A to Z."""
    if name is None:
        entries = sorted(load_glossary(data_dir), key=lambda e: name_key(e["term"]))
        rows = [(e["term"], e["definition"]) for e in entries]
        return table(("Term", "Definition"), rows, caption=f"Glossary: {len(rows)} terms")
    if not isinstance(name, str) or not name.strip():
        return paragraphs("Give a word to look up, for example newscase.glossary(\"PMU\").")
    found, close = lookup(name, data_dir)
    if found is not None:
        return entry_rendered(found)
    loaded = _loaded_term(name, data_dir)
    if loaded:
        return paragraphs(
            f"\u201c{name.strip()[:60]}\u201d is one of the article's loaded terms ({loaded}): "
            "newscase.framing.terms_table() shows who uses it and neutral alternatives."
        )
    maybe = f" Did you mean: {', '.join(close)}?" if close else ""
    return paragraphs(
        f"\u201c{name.strip()[:60]}\u201d is not in the glossary.{maybe} "
        "newscase.glossary() lists every term."
    )


def _loaded_term(name: str, data_dir=None) -> str | None:
    """The article's form of the loaded term (terms.yaml) that ``name`` is, or a word of,
    or None; a plural matches its singular."""
    from newscase.core.terms import load_terms

    wanted = name_key(name)
    forms = [(form, name_key(form)) for term in load_terms(data_dir) for form in term.forms]
    for form, key in forms:
        if wanted in (key, key + "s") or wanted.removesuffix("s") == key:
            return form
    for form, key in forms:  # a word of a longer form: "regime" in "Syrian regime"
        if len(wanted) >= 4 and wanted in key.split():
            return form
    return None


def primer(data_dir=None) -> Rendered:
    """The primer: one screen on the region for a reader new to it, with glossary links."""
    sections = load_primer(data_dir)
    entries = {e["id"]: e["term"] for e in load_glossary(data_dir)}
    parts = []
    for section in sections:
        words = "; ".join(entries[g] for g in section["glossary"])
        parts.append(
            paragraphs(section["text"], f"In the glossary: {words}.", heading=section["title"])
        )
    shown = join(*parts)
    return Rendered(f'<div class="newscase-primer">{shown.html}</div>', shown.text)


def anchor(heading: str) -> str:
    """The anchor GitHub and the course site give a heading: lower case, punctuation
    dropped, spaces as hyphens (``Popular Mobilization Units (PMU)`` ->
    ``popular-mobilization-units-pmu``)."""
    kept = "".join(c for c in heading.lower() if c.isalnum() or c in " -_")
    return kept.strip().replace(" ", "-")


def link(term_id: str, label: str, data_dir=None) -> str:
    """Markdown linking ``label`` to a glossary entry, from a notebook: how notebooks link
    a term at its first use."""
    entry = next(e for e in load_glossary(data_dir) if e["id"] == term_id)
    return f"[{label}](../docs/glossary.md#{anchor(entry['term'])})"


def markdown_page(data_dir=None) -> str:
    """docs/glossary.md: every entry A to Z under its term as a heading, so a notebook
    links a term at its first use as ``[PMU](../docs/glossary.md#popular-...)``.

    Generated (``python tools/build_notebooks.py glossary``) and checked by a test; the
    course site shows the same page."""
    from newscase.core.case import resolve_case

    sources = {s["id"]: s for s in resolve_case(None).records["sources"]}
    entries = sorted(load_glossary(data_dir), key=lambda e: name_key(e["term"]).strip("\"'“"))
    terms = {e["id"]: e["term"] for e in entries}
    blocks = [
        "# Glossary",
        "The names and terms a reader needs to follow the article and the module, in plain "
        "words (generated from `src/newscase/data/glossary.yaml`; in a notebook, "
        '`newscase.glossary("PMU")` shows one entry). Each entry gives other names and '
        "spellings, the form the article itself uses (where it uses the term), related "
        "entries, and its sources by their id in `src/newscase/data/sources.yaml`. Figures "
        "marked as estimates are estimates.",
    ]
    for entry in entries:
        lines = [f"## {entry['term']}", "", entry["definition"], ""]
        if entry.get("article_spelling"):
            spelled = ", ".join(f"\u201c{s}\u201d" for s in entry["article_spelling"])
            lines.append(f"- **In the article:** {spelled}")
        if entry.get("alt_names"):
            lines.append(f"- **Other names:** {', '.join(entry['alt_names'])}")
        if entry.get("see_also"):
            links = ", ".join(f"[{terms[i]}](#{anchor(terms[i])})" for i in entry["see_also"])
            lines.append(f"- **See also:** {links}")
        cited = ", ".join(_source_link(s, sources) for s in entry["sources"])
        lines.append(f"- **Sources:** {cited}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def _source_link(source_id: str, sources: dict) -> str:
    record = sources[source_id]
    if not record.get("url"):
        return f"`{source_id}`"
    title = f"{record['outlet']}: {record['title']}".replace('"', "'")
    return f'[{source_id}]({record["url"]} "{title}")'
