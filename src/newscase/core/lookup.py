"""Find actors and places by id, name or alternative name; label sources for tables.

Students type names the way the article or another source spells them ("Hashd
al-Shaabi", "Um Jaris", "kata’ib hezbollah"). Matching ignores case, curly versus
straight quotes and dashes; an unknown name raises :class:`NameNotFound`, whose message
lists close matches and says what to do.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from newscase.core.dates import format_partial
from newscase.core.display import Link
from newscase.core.errors import NameNotFound
from newscase.core.text import name_key

MAX_SUGGESTIONS = 5


TABLES = {
    "actor": ("actors", "newscase.network.names_table()"),
    "place": ("places", "newscase.load_case().places"),
}




def _records(case, what: str) -> tuple[dict, ...]:
    return case.records[TABLES[what][0]]


def index(case, what: str) -> dict[str, str]:
    """Folded id / name / alternative name -> record id (names are unique in the data)."""
    return records_index(_records(case, what))


def records_index(records: Iterable[dict]) -> dict[str, str]:
    """The same index over any records with id, name and alt_names (a case's or not)."""
    found: dict[str, str] = {}
    for record in records:
        names = (record["id"], record.get("name") or "", *(record.get("alt_names") or ()))
        for name in filter(None, names):
            found.setdefault(name_key(name), record["id"])
    return found


def names(case, what: str) -> dict[str, str]:
    """Record id -> display name."""
    return {r["id"]: r["name"] for r in _records(case, what)}


def resolve(values, case, what: str) -> list[str]:
    """Ids of the ``what`` ("actor" or "place") records named by ``values``.

    ``values`` is one name or id, or a list of them; None or an empty list gives [].
    Order is kept and repeats are dropped.
    """
    if values is None:
        return []
    items = [values] if isinstance(values, str) else list(values)
    lookup = index(case, what)
    ids, unknown = [], []
    for item in items:
        found = lookup.get(name_key(item)) if isinstance(item, str) else None
        if found is None:
            unknown.append(item)
        elif found not in ids:
            ids.append(found)
    if unknown:
        raise NameNotFound(_message(unknown, case, what))
    return ids


def suggestions(value, case, what: str) -> list[str]:
    """Up to five "Name (id 'x')" strings that resemble ``value``."""
    display = names(case, what)
    spelled: dict[str, tuple[str, str]] = {}  # folded spelling -> (spelling, id)
    for record in _records(case, what):
        for name in (record["name"], record["id"], *(record.get("alt_names") or ())):
            spelled.setdefault(name_key(name), (name, record["id"]))
    wanted = name_key(value) if isinstance(value, str) else ""
    hits: list[str] = []
    if len(wanted) >= 3:
        hits += [k for k in spelled if wanted in k]
    hits += difflib.get_close_matches(wanted, list(spelled), n=10, cutoff=0.6)
    out: list[str] = []
    seen: set[str] = set()
    for hit in hits:
        spelling, record_id = spelled[hit]
        if record_id in seen:
            continue
        seen.add(record_id)
        label = display[record_id]
        if name_key(spelling) not in (name_key(label), name_key(record_id)):
            label = f"{spelling} = {label}"
        out.append(f"{label} (id '{record_id}')")
        if len(out) == MAX_SUGGESTIONS:
            break
    return out


def _message(unknown: list, case, what: str) -> str:
    lines = []
    for value in unknown:
        if not isinstance(value, str):
            lines.append(f"{value!r} is not a name; give {what} names or ids as text.")
            continue
        close = suggestions(value, case, what)
        line = f"No {what} is called {value!r}."
        if close:
            line += " Did you mean: " + "; ".join(close) + "?"
        lines.append(line)
    article = "an" if what[0] in "aeiou" else "a"
    lines.append(
        f"Use {article} {what}'s id, name or alternative name (any capitals); "
        f"see the list in {TABLES[what][1]}."
    )
    return "\n".join(lines)


def source_cell(source_ids: Iterable[str], case) -> list:
    """Table cell for cited sources: "Outlet, date" linked to the source (one per line)."""
    cells = []
    for source_id in source_ids:
        record = case.record("sources", source_id)
        label = record["outlet"]
        if record.get("date"):
            label += f", {format_partial(record['date'])}"
        cells.append(Link(label, record["url"]) if record.get("url") else label)
    return cells
