"""Judgements saved with the quiz answers: the ``judgements`` section of progress.json.

The same file, lock and corruption safety as the quiz (:mod:`newscase.core.progress`):
one entry per item id, ``{"verdict", "attribution", "reason", "text", "notebook",
"updated"}``. A judgement is committed once: the module's view is then shown, so a
later change would no longer be the student's own first judgement.

:func:`hand_in` writes a student's judgements alone to a file they can download and hand
in; :func:`class_view` reads many students' progress or handed-in files (an instructor
collects them, or points at a shared folder) and counts the choices per item, never
showing names.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from newscase.core import progress
from newscase.judging.model import Judgement

SECTION = "judgements"


def saved(item_id: str, home: Path | None = None) -> Judgement | None:
    """The student's committed judgement of an item, or None."""
    entry = progress.load(home, SECTION).get(item_id)
    return Judgement.from_entry(entry) if entry else None


def commit(item_id: str, notebook: str, judgement: Judgement, home: Path | None = None):
    """Save a judgement unless one is saved already; (the judgement kept, problems or None).

    Returns the judgement that stands (the earlier one, if the student committed before)
    and the sentences to show when saving had trouble."""
    kept: dict = {}

    def change(entry: dict) -> dict:
        if entry.get("verdict") or entry.get("text"):
            kept.update(entry)
            return entry
        new = {**judgement.as_entry(), "notebook": notebook, "updated": progress.now()}
        kept.update(new)
        return new

    told = progress.update(item_id, change, home, SECTION)
    return Judgement.from_entry(kept), told


def forget(item_ids: Iterable[str] | None = None, home: Path | None = None) -> int:
    """Delete saved judgements (of the given items, or all); how many."""
    chosen = None if item_ids is None else set(item_ids)
    return progress.remove(lambda key, _e: chosen is None or key in chosen, home, SECTION)


def class_view(files: Iterable[Path]) -> tuple[dict[str, Counter], list[str]]:
    """Counts of each choice per item over many progress files; and what was skipped.

    ``files`` are progress.json or handed-in files (or folders searched for them, see
    :func:`progress_files`). A file that cannot be read is listed in the second value and
    left out; names are never read."""
    counts: dict[str, Counter] = {}
    skipped: list[str] = []
    for path in progress_files(files):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            section = data.get(SECTION, {}) if isinstance(data, dict) else None
            if not isinstance(section, dict):
                raise ValueError("not a progress file")
        except (OSError, ValueError, UnicodeDecodeError) as exc:
            skipped.append(f"{path}: {progress.reason(exc) if isinstance(exc, OSError) else exc}")
            continue
        for item_id, entry in section.items():
            if isinstance(entry, dict) and isinstance(entry.get("verdict"), str):
                counts.setdefault(item_id, Counter())[entry["verdict"]] += 1
    return counts, skipped


# What a student hands in (hand_in): the judgements alone, in a file they can see and
# download. Browsers save a second download as "newscase-judgements (1).json".
HANDED_IN = "newscase-judgements.json"


def hand_in(folder: Path, home: Path | None = None) -> tuple[Path, int]:
    """Write the saved judgements (only those) to ``folder``/newscase-judgements.json;
    (the file, how many judgements). Raises OSError when the folder cannot be written."""
    section = progress.load(home, SECTION)
    path = Path(folder) / HANDED_IN
    partial = path.with_name(f".{HANDED_IN}.partial")
    try:
        partial.write_text(json.dumps({SECTION: section}, indent=1, ensure_ascii=False), "utf-8")
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)  # nothing half-written is left beside the notebook
    return path, len(section)


def progress_files(paths: Iterable[Path]) -> list[Path]:
    """The files to read: those named, and in each folder named every progress.json and
    every handed-in file (newscase-judgements*.json), in sorted order."""
    found = []
    for path in map(Path, paths):
        if path.is_dir():
            stem = HANDED_IN.removesuffix(".json")
            found += sorted(
                p for p in path.rglob("*.json")
                if p.name == progress.PROGRESS_FILE or p.name.startswith(stem)
            )
        else:
            found.append(path)
    return found
