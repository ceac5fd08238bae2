"""Saved progress: ``progress.json`` in the state folder (quiz answers and judgements).

The state folder is ``$NEWSCASE_HOME`` if set, else ``~/.newscase``. It holds
``progress.json`` (a *section* per kind of work: ``questions`` for quiz answers, one
entry per question; ``judgements`` for the student's own verdicts; ``checklist`` for the
reading checklist of notebook 06), ``progress.json.lock`` and
``student-id`` (the random id that seeds option order when ``$NEWSCASE_STUDENT`` is unset).

Every change re-reads the file, merges in one entry and writes a temporary
file that replaces the old one (``os.replace``), all under a lock, so two notebooks
writing at once lose nothing. A file that cannot be parsed is renamed
``progress.json.corrupt-<timestamp>`` and a fresh one is started. When the folder cannot
be written (a read-only home), when ``progress.json`` is there but cannot be read, or
when a damaged file cannot be moved aside (it is then left untouched), progress is kept
in memory for this session.

Nothing here raises or warns: what went wrong becomes a *notice*, one plain sentence,
which the caller shows where the student is (the quiz panel, the score line, the cell's
output): :func:`update` returns them, and :func:`take_notices` hands over the others.

In JupyterLite (``newscase.core.browser``) the default folder is ``/drive/newscase-progress``,
which the browser keeps across reloads, and no lock is taken: Python in the browser has no
file locks shared between notebooks, and JupyterLite stores each file whole when it is closed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import json
import os
import secrets
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from newscase.core import browser

ENV_HOME = "NEWSCASE_HOME"
ENV_STUDENT = "NEWSCASE_STUDENT"
PROGRESS_FILE = "progress.json"
LOCK_FILE = "progress.json.lock"
STUDENT_FILE = "student-id"
FORMAT = 1
LOCK_TIMEOUT = 10.0  # seconds; after that we go on without the lock (and say so)

SECTIONS = ("questions", "judgements", "checklist")
# per (state folder, section): entries that could not be saved
_MEMORY: dict[tuple[Path, str], dict[str, dict]] = {}
_SESSION_STUDENT: dict[Path, str] = {}
_NOTICES: dict[Path, list[str]] = {}  # per state folder: sentences not yet shown
_BACKUPS: dict[Path, str] = {}  # per state folder: the damaged file moved aside this session


class _Unreadable(Exception):
    """progress.json exists but cannot be used: unreadable, or damaged and not moved."""


def _notice(home: Path, message: str) -> None:
    pending = _NOTICES.setdefault(home, [])
    if message not in pending:
        pending.append(message)


def take_notices(home: Path | None = None) -> list[str]:
    """The sentences about saving that no one has shown yet (and forget them)."""
    return _NOTICES.pop(home or state_dir(), [])


def backup_made(home: Path | None = None) -> str | None:
    """The name of the damaged progress file moved aside this session, if one was."""
    return _BACKUPS.get(home or state_dir())


def reason(exc: BaseException) -> str:
    """An OSError as a short phrase: 'permission denied (/home/x/.newscase)'."""
    if isinstance(exc, OSError):
        what = {
            errno.EACCES: "permission denied",
            errno.EPERM: "permission denied",
            errno.EROFS: "the disk is read-only",
            errno.ENOSPC: "the disk is full",
            errno.ENOTDIR: "a file stands where a folder should be",
        }.get(exc.errno, (exc.strerror or str(exc)).lower())
        return f"{what} ({exc.filename})" if exc.filename else what
    return str(exc)


def writable(home: Path) -> str | None:
    """None when progress can be saved in ``home`` (made if missing), else the reason."""
    try:
        home.mkdir(parents=True, exist_ok=True)
        probe = home / f".write-test.{os.getpid()}.{secrets.token_hex(4)}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        return reason(exc)
    return None


def state_dir() -> Path:
    """$NEWSCASE_HOME, else the browser's kept folder (JupyterLite), else ~/.newscase."""
    configured = os.environ.get(ENV_HOME, "").strip()
    if configured:
        return Path(configured).expanduser()
    return browser.state_dir() or Path.home() / ".newscase"


def student_id() -> str:
    """$NEWSCASE_STUDENT, else a random id made once and kept in the state folder."""
    configured = "".join(c for c in os.environ.get(ENV_STUDENT, "") if c.isprintable()).strip()
    if configured:
        return configured[:100]
    home = state_dir()
    path = home / STUDENT_FILE
    with contextlib.suppress(OSError, UnicodeDecodeError):
        existing = path.read_text(encoding="utf-8").strip()
        if existing:
            return existing
    new = secrets.token_hex(8)
    try:
        home.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(new + "\n")
        return new
    except FileExistsError:  # another kernel made it a moment ago
        with contextlib.suppress(OSError, UnicodeDecodeError):
            existing = path.read_text(encoding="utf-8").strip()
            if existing:
                return existing
    except OSError:
        pass
    _notice(home, f"Could not save a student id in {home}; option order may change next session.")
    return _SESSION_STUDENT.setdefault(home, new)


# ---- locking


@contextlib.contextmanager
def _locked(home: Path) -> Iterator[bool]:
    """Hold the progress lock (an OS lock on progress.json.lock); yield whether we got it.

    In the browser there is no lock to take, so we go on as its holder.
    """
    try:
        home.mkdir(parents=True, exist_ok=True)
        lock_path = home / LOCK_FILE
        fd = None if browser.in_browser() else os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        yield False
        return
    if fd is None:
        yield True
        return
    try:
        got = _acquire(fd)
        if not got:
            _notice(home, f"Quiz progress in {home} is locked by another program; saving anyway.")
        try:
            yield got
        finally:
            if got:
                _release(fd)
    finally:
        os.close(fd)


def _acquire(fd: int) -> bool:
    deadline = time.monotonic() + LOCK_TIMEOUT
    while True:
        try:
            if os.name == "nt":  # pragma: no cover - Windows
                import msvcrt

                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.01)


def _release(fd: int) -> None:
    with contextlib.suppress(OSError):
        if os.name == "nt":  # pragma: no cover - Windows
            import msvcrt

            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_UN)


# ---- reading and writing


def _read(home: Path, may_move: bool) -> dict[str, dict[str, dict]]:
    """Every section's entries from disk (section -> key -> entry). A damaged file is
    moved aside when ``may_move`` (we hold the lock).

    Raises _Unreadable when the file is there but cannot be used (unreadable, or damaged
    and not moved): writing would replace answers we could not see, so callers keep new
    answers in memory instead.
    """
    path = home / PROGRESS_FILE
    try:
        content = path.read_bytes()
    except FileNotFoundError:
        return {}
    except NotADirectoryError:  # the state folder is a file: nothing was ever saved there
        return {}
    except OSError as exc:
        _notice(home, f"Your saved quiz answers in {path} cannot be read: {reason(exc)}.")
        raise _Unreadable(reason(exc)) from exc
    try:
        data = json.loads(content.decode("utf-8"))
        if not isinstance(data, dict) or not isinstance(data.get("questions"), dict):
            raise ValueError("not a newscase progress file")
        if not all(isinstance(data.get(name, {}), dict) for name in SECTIONS):
            raise ValueError("a section of the file is not a mapping")
    except (ValueError, RecursionError) as exc:  # includes JSON and Unicode decoding errors
        if not (may_move and _move_aside(home, path, exc)):
            raise _Unreadable("the saved file is damaged and was left as it is") from exc
        return {}
    return {
        name: {str(k): e for k, e in data.get(name, {}).items() if isinstance(e, dict)}
        for name in SECTIONS
    }


def _move_aside(home: Path, path: Path, damage: Exception) -> bool:
    """Rename a damaged progress file to progress.json.corrupt-<time>; whether it worked."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
    try:
        os.replace(path, target)
    except OSError as exc:
        _notice(
            home,
            f"Your quiz progress file {path} is damaged, and it could not be moved aside "
            f"({reason(exc)}). It was left as it is; new answers are kept for this session only.",
        )
        return False
    _BACKUPS[home] = target.name
    _notice(
        home,
        f"Your quiz progress file could not be read ({str(damage)[:60]}), so it was moved to "
        f"{target.name} in {home} and a fresh one was started. Your earlier answers are in "
        "that file.",
    )
    return True


def _write(home: Path, sections: dict[str, dict[str, dict]]) -> None:
    path = home / PROGRESS_FILE
    temporary = home / f".{PROGRESS_FILE}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    payload = {"format": FORMAT, "questions": {}}
    payload.update({name: dict(sorted(sections.get(name, {}).items())) for name in SECTIONS})
    try:
        with temporary.open("w", encoding="utf-8") as handle:
            json.dump(payload, handle, indent=1)  # ASCII: any text, even odd Unicode, fits
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink()


def load(home: Path | None = None, section: str = "questions") -> dict[str, dict]:
    """Every saved entry of a section (key -> entry), plus any kept only in memory."""
    home = home or state_dir()
    with _locked(home) as locked:
        try:
            entries = _read(home, may_move=locked).get(section, {})
        except _Unreadable:
            entries = {}
    entries.update(_MEMORY.get((home, section), {}))
    return entries


def update(
    key: str,
    change: Callable[[dict], dict],
    home: Path | None = None,
    section: str = "questions",
):
    """Apply ``change`` to one entry of a section and save it (re-read, merge, write,
    under the lock); the other sections are written back as they were.

    Returns None when saved without trouble, else the sentences to show the student
    (for example that progress is only kept for this session, and why).
    """
    home = home or state_dir()
    memory = _MEMORY.setdefault((home, section), {})
    with _locked(home) as locked:
        try:
            sections = _read(home, may_move=locked)
        except _Unreadable as exc:  # do not overwrite answers we could not read
            memory[key] = change(dict(memory.get(key) or {}))
            return _told(home, _not_saved(home, str(exc)))
        entries = sections.setdefault(section, {})
        base = memory.get(key) or entries.get(key) or {}
        entry = change(dict(base))
        entries.update(memory)
        entries[key] = entry
        try:
            _write(home, sections)
        except (OSError, ValueError) as exc:  # ValueError: text JSON cannot encode
            memory[key] = entry
            return _told(home, _not_saved(home, writable(home) or reason(exc)))
        memory.clear()
        return _told(home, None)


def _told(home: Path, message: str | None) -> str | None:
    sentences = [*take_notices(home), *([message] if message else [])]
    return " ".join(sentences) or None


def _not_saved(home: Path, why) -> str:
    return (
        f"Your answers could not be saved in {home} ({why}). The quiz still works, but "
        f"it forgets them when the notebook's kernel restarts. Set {ENV_HOME} to a folder "
        "you can write to."
    )


def remove(
    chosen: Callable[[str, dict], bool], home: Path | None = None, section: str = "questions"
) -> int:
    """Delete the entries of a section for which ``chosen(key, entry)`` is true; how many."""
    home = home or state_dir()
    memory = _MEMORY.setdefault((home, section), {})
    for key in [k for k, e in memory.items() if chosen(k, e)]:
        del memory[key]
    with _locked(home) as locked:
        try:
            sections = _read(home, may_move=locked)
        except _Unreadable as exc:
            _notice(home, f"Could not reset the saved progress in {home} ({exc}).")
            return 0
        entries = sections.get(section, {})
        keep = {k: e for k, e in entries.items() if not chosen(k, e)}
        removed = len(entries) - len(keep)
        if removed:
            sections[section] = keep
            try:
                _write(home, sections)
            except OSError as exc:
                _notice(home, f"Could not reset the saved progress in {home} ({reason(exc)}).")
                return 0
    return removed


def now() -> str:
    """The time of an answer, as saved (UTC, to the second)."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
