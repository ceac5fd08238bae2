"""Robustness (slow, ~30 s): every notebook runs offline and touches only documented places.

The working tree (what ``git ls-files`` lists: tracked files and new files git does not
ignore, as in a fresh clone) is copied to a temporary folder, and each notebook there is
executed once per test session, the way nbval does it (a fresh python3 kernel via
nbclient, in notebooks/, cells in order), importing the copy's newscase, with

- ``HOME``, ``NEWSCASE_HOME``, ``TMPDIR`` and the tool folders (``MPLCONFIGDIR``,
  ``IPYTHONDIR``, ``JUPYTER_*``, ``XDG_*``) set to separate throwaway folders, and
- a guard in the kernel: ``sitecustomize.py`` on ``PYTHONPATH`` (so it also guards any
  Python the kernel starts) installs an audit hook (PEP 578) that refuses network
  connections and name lookups for anything but loopback (the kernel's own ZeroMQ
  sockets are not Python sockets and are not affected) and records to a JSON-lines log:
  each refused attempt, each file written (open for writing, mkdir, rename, remove ...),
  each file read in HOME or in the repository, and each program started.

Running a copy keeps the check exact while people edit the real tree; the real tree is
watched as well (any write or read there fails the tests). The tests then read that log
and the folders; the copy must be unchanged afterwards, ignored caches (``__pycache__``)
aside. What the module itself may write (see
README "Quizzes" and newscase.core.progress): only in ``$NEWSCASE_HOME`` -- ``progress.json``,
``progress.json.lock``, ``student-id``, a moved-aside ``progress.json.corrupt-*`` and the
short-lived ``.progress.json.*.tmp``. Libraries the notebooks use may also write their
caches where the environment sends them (IPython's profile, matplotlib's font cache,
tempfile's writability probe) and byte-code in ``__pycache__``; nothing else, and nothing
in HOME or in the repository.

Deselect with ``-k "not robustness_notebooks"`` for a quick run.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import pytest

pytestmark = pytest.mark.slow  # executes every notebook; `-m "not slow"` skips it locally

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
PACKAGE = ROOT / "src" / "newscase"
PATHS = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
# What newscase writes in its state folder (newscase/core/progress.py).
STATE_FILES = ("progress.json", "progress.json.lock", "student-id")
STATE_PATTERNS = ("progress.json.corrupt-", ".progress.json.")
# Environment variables pointing to the folders libraries may write to (a throwaway each).
TOOL_DIRS = (
    "MPLCONFIGDIR",
    "IPYTHONDIR",
    "JUPYTER_CONFIG_DIR",
    "JUPYTER_DATA_DIR",
    "JUPYTER_RUNTIME_DIR",
    "XDG_CACHE_HOME",
    "XDG_CONFIG_HOME",
    "XDG_DATA_HOME",
    "TMPDIR",
)

GUARD = r'''
"""newscase robustness guard: block the network, record file access (tests only)."""
import errno
import json
import os
import socket
import sys
import traceback

_LOG = os.environ.get("NEWSCASE_GUARD_LOG")
_WATCH = tuple(p for p in os.environ.get("NEWSCASE_GUARD_WATCH", "").split(os.pathsep) if p)
_SKIP = tuple(p for p in os.environ.get("NEWSCASE_GUARD_SKIP", "").split(os.pathsep) if p)
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC
_LOOPBACK = ("127.", "::1", "localhost", "::ffff:127.", "0:0:0:0:0:0:0:1")
_PATH_EVENTS = {
    "os.mkdir", "os.remove", "os.rmdir", "os.rename", "os.chmod", "os.chown", "os.utime",
    "os.truncate", "os.symlink", "os.link", "shutil.rmtree", "shutil.move",
    "shutil.copyfile", "tempfile.mkstemp", "tempfile.mkdtemp", "sqlite3.connect",
}
_WRITES_SECOND = {"shutil.copyfile", "os.link", "os.symlink"}
_NET_EVENTS = {
    "socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr",
    "socket.gethostbyname_ex", "socket.sendto", "socket.sendmsg", "urllib.Request",
}
_fd = os.open(_LOG, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600) if _LOG else None
_busy = False


_STDLIB = os.path.dirname(os.__file__) + os.sep
_ME = os.path.abspath(__file__)


def _callers():
    """(innermost caller outside the standard library and this file, newscase on stack)."""
    frame, caller, newscase = sys._getframe(3), None, False
    while frame is not None:
        name = frame.f_code.co_filename
        if name != _ME and not name.startswith(("<", _STDLIB)):
            caller = caller or name
            newscase = newscase or f"{os.sep}newscase{os.sep}" in name
        frame = frame.f_back
    return caller, newscase


def _log(kind, detailed=True, **fields):
    global _busy
    if _fd is None or _busy:
        return
    _busy = True
    try:
        caller, newscase = _callers()
        fields.update(kind=kind, pid=os.getpid(), caller=caller, newscase=newscase)
        if detailed:
            fields["where"] = [
                f"{f.filename}:{f.lineno}" for f in traceback.extract_stack(limit=12)[:-3]
            ]
        os.write(_fd, (json.dumps(fields, default=repr) + "\n").encode())
    finally:
        _busy = False


def _path(value):
    if isinstance(value, bytes):
        value = os.fsdecode(value)
    if not isinstance(value, str) or value == ":memory:" or value.startswith("file:"):
        return None
    return os.path.abspath(value)


def _host(event, args):
    if event in ("socket.connect", "socket.sendto", "socket.sendmsg"):
        address = args[1] if len(args) > 1 else None
        return address[0] if isinstance(address, tuple) and address else None  # AF_UNIX: str
    return args[0] if args else None


def _loopback(host):
    if host is None:
        return True
    if isinstance(host, bytes):
        host = host.decode(errors="replace")
    host = str(host)
    return host in ("", "0", "0.0.0.0", "::") or host.startswith(_LOOPBACK)


def _refuse(event, target):
    _log("network", event=event, target=target)
    message = f"network disabled by the newscase test guard ({event} {target})"
    if event.startswith("socket.get"):
        raise socket.gaierror(socket.EAI_AGAIN, message)
    raise OSError(errno.ENETUNREACH, message)


def _hook(event, args):
    if event == "open":
        path = _path(args[0])
        if path is None:
            return
        mode = args[1] if len(args) > 1 else None
        flags = args[2] if len(args) > 2 else 0
        write = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
            isinstance(flags, int) and bool(flags & _WRITE_FLAGS)
        )
        if write:
            _log("write", event=event, path=path)
        elif path.startswith(_WATCH) and not path.startswith(_SKIP):
            _log("read", detailed=False, event=event, path=path)
    elif event in _PATH_EVENTS:
        # copies and links write their second argument only; renames and moves both
        given = args[1:2] if event in _WRITES_SECOND else args[:2]
        paths = [p for p in (_path(a) for a in given) if p]
        if paths:
            _log("write", event=event, path=paths[-1], paths=paths)
    elif event in _NET_EVENTS:
        if event == "urllib.Request":
            host = args[0].split("/")[2].split(":")[0] if "://" in str(args[0]) else None
            if not _loopback(host):
                _refuse(event, str(args[0]))
            return
        host = _host(event, args)
        if not _loopback(host):
            _refuse(event, repr(args[:2]))
    elif event == "subprocess.Popen":
        _log("program", event=event, argv=repr(args[1])[:300])


_log("start", detailed=False, argv=sys.argv[:3], executable=sys.executable)
sys.addaudithook(_hook)
'''


@dataclass
class Run:
    """One notebook's guarded execution."""

    name: str
    folders: dict[str, Path]
    errors: list[str] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)

    def of(self, kind: str) -> list[dict]:
        return [e for e in self.events if e["kind"] == kind]


def _real(path) -> str:
    return os.path.realpath(path)


def _inside(path: str, roots) -> bool:
    path = _real(path)
    return any(path == r or path.startswith(r.rstrip(os.sep) + os.sep) for r in roots)


def _listed(tree: Path) -> list[str]:
    """Tracked files and untracked files git does not ignore (what git status looks at)."""
    done = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=tree,
        capture_output=True,
        check=True,
    )
    return [os.fsdecode(raw) for raw in done.stdout.split(b"\0") if raw]


def _snapshot(tree: Path) -> dict[str, tuple[int, int]]:
    """(size, mtime) of every file of ``tree`` that git would show."""
    snapshot = {}
    for name in _listed(tree):
        try:
            stat = (tree / name).stat()
        except FileNotFoundError:
            continue  # deleted in the working tree
        snapshot[name] = (stat.st_size, stat.st_mtime_ns)
    return snapshot


def _copy_tree(target: Path) -> None:
    """The working tree as a fresh clone (plus uncommitted work) has it, as its own repo."""
    for name in _listed(ROOT):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    subprocess.run(["git", "init", "-q", str(target)], check=True)  # for .gitignore rules


class Runner:
    """Runs notebooks under the guard, each at most once per session."""

    def __init__(self, base: Path):
        self.base = base
        self.guard_dir = base / "guard"
        self.guard_dir.mkdir()
        (self.guard_dir / "sitecustomize.py").write_text(textwrap.dedent(GUARD), "utf-8")
        # Shared by every run, so matplotlib builds its font cache once per session.
        self.tools = {var: base / "tools" / var.lower() for var in TOOL_DIRS}
        for path in self.tools.values():
            path.mkdir(parents=True)
        self.repo = base / "repo"
        _copy_tree(self.repo)
        self.package = self.repo / "src" / "newscase"
        self.runs: dict[str, Run] = {}
        self.repo_before = _snapshot(self.repo)

    def environment(self, folders: dict[str, Path], log: Path) -> dict[str, str]:
        env = dict(os.environ)
        env.update({name: str(path) for name, path in folders.items()})
        env.update(
            NEWSCASE_STUDENT="reference",
            # the guard first, then the copy's package (before any installed newscase)
            PYTHONPATH=os.pathsep.join([str(self.guard_dir), str(self.repo / "src")]),
            NEWSCASE_GUARD_LOG=str(log),
            NEWSCASE_GUARD_WATCH=os.pathsep.join(
                [_real(folders["HOME"]), _real(self.repo), _real(ROOT)]
            ),
            NEWSCASE_GUARD_SKIP=os.pathsep.join({_real(sys.prefix), _real(sys.base_prefix)}),
        )
        for name in ("JUPYTER_PATH", "JUPYTER_PREFER_ENV_PATH", "PYTHONSTARTUP"):
            env.pop(name, None)
        return env

    def execute(self, nb, name: str) -> Run:
        from newscase.core.runner import run_notebook

        work = self.base / name
        (work / "home").mkdir(parents=True)
        # NEWSCASE_HOME does not exist yet: the module must create it itself.
        folders = {"HOME": work / "home", "NEWSCASE_HOME": work / "state", **self.tools}
        log = work / "guard.jsonl"
        run = Run(name, folders)
        try:
            run_notebook(
                nb,
                self.repo / "notebooks",
                allow_errors=True,
                env=self.environment(folders, log),
            )
        except Exception as exc:  # a dead kernel, a timeout: report, do not crash the session
            run.errors.append(f"execution stopped: {type(exc).__name__}: {exc}"[:500])
        for index, cell in enumerate(nb.cells):
            if "raises-exception" in cell.get("metadata", {}).get("tags", []):
                continue
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    first = (cell.source.strip().splitlines() or [""])[0][:60]
                    run.errors.append(
                        f"cell {index} ({first!r}): {output.get('ename')}: "
                        f"{str(output.get('evalue'))[:300]}"
                    )
        if log.exists():
            run.events = [json.loads(line) for line in log.read_text("utf-8").splitlines()]
        return run

    def notebook(self, path: Path) -> Run:
        if path.name not in self.runs:
            nb = nbformat.read(self.repo / "notebooks" / path.name, as_version=4)
            self.runs[path.name] = self.execute(nb, path.stem)
        return self.runs[path.name]


@pytest.fixture(scope="session")
def runner(tmp_path_factory) -> Runner:
    return Runner(tmp_path_factory.mktemp("robustness"))


def _show(events: list[dict], limit: int = 8) -> str:
    lines = []
    for e in events[:limit]:
        where = " <- ".join(reversed(e.get("where", [])[-3:]))
        lines.append(f"  {e.get('event')} {e.get('path') or e.get('target')}  [{where}]")
    if len(events) > limit:
        lines.append(f"  ... and {len(events) - limit} more")
    return "\n".join(lines)


def _by_newscase(event: dict) -> bool:
    """Done by newscase's own code (not by a library newscase called)."""
    caller = event.get("caller") or ""
    return _inside(caller, [_real(PACKAGE)]) or f"{os.sep}src{os.sep}newscase{os.sep}" in caller


def _documented_state_file(name: str) -> bool:
    return name in STATE_FILES or name.startswith(STATE_PATTERNS)


# ---- the guard itself works (otherwise every test below would pass for nothing)


def test_the_guard_refuses_the_network_and_lets_loopback_through(runner):
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(source)
        for source in (
            "import socket, urllib.request\nresults = {}",
            "try:\n    urllib.request.urlopen('http://example.org/', timeout=5)\n"
            "except OSError as exc:\n    results['http'] = str(exc)",
            "try:\n    socket.getaddrinfo('example.org', 443)\n"
            "except OSError as exc:\n    results['dns'] = str(exc)",
            "try:\n    socket.create_connection(('203.0.113.7', 80), timeout=5)\n"
            "except OSError as exc:\n    results['tcp'] = str(exc)",
            "server = socket.create_server(('127.0.0.1', 0))\n"
            "client = socket.create_connection(server.getsockname(), timeout=5)\n"
            "results['loopback'] = 'connected'\nclient.close(); server.close()",
            "assert all('newscase test guard' in results[k] for k in ('http', 'dns', 'tcp'))"
            ", results\nassert results['loopback'] == 'connected'",
            f"import newscase\nassert newscase.__file__.startswith({str(runner.package)!r})"
            ", newscase.__file__",
        )
    ]
    run = runner.execute(nb, "guard-self-test")
    assert not run.errors, "\n".join(run.errors)
    assert run.of("start"), "the guard was not loaded in the kernel"
    targets = " ".join(e["target"] for e in run.of("network"))
    assert "example.org" in targets and "203.0.113.7" in targets
    assert "127.0.0.1" not in targets


# ---- every notebook


@pytest.mark.parametrize("path", PATHS, ids=[p.name for p in PATHS])
def test_notebook_runs_with_the_network_disabled(runner, path):
    run = runner.notebook(path)
    assert run.of("start"), "the guard was not loaded in the kernel; the test would prove nothing"
    assert not run.errors, f"{path.name} failed offline:\n" + "\n".join(run.errors)
    attempts = run.of("network")
    assert not attempts, f"{path.name} tried to reach the network:\n{_show(attempts)}"


@pytest.mark.parametrize("path", PATHS, ids=[p.name for p in PATHS])
def test_notebook_writes_only_to_documented_places(runner, path):
    run = runner.notebook(path)
    state = _real(run.folders["NEWSCASE_HOME"])
    tools = [_real(run.folders[var]) for var in TOOL_DIRS]

    def allowed(event: dict, roots) -> bool:
        paths = event.get("paths") or [event["path"]]
        return all(
            _inside(p, roots) or "__pycache__" in Path(p).parts or p == os.devnull for p in paths
        )

    writes = run.of("write")
    by_module = [e for e in writes if _by_newscase(e) and not allowed(e, [state])]
    assert not by_module, f"{path.name}: newscase wrote outside $NEWSCASE_HOME:\n{_show(by_module)}"
    elsewhere = [e for e in writes if not allowed(e, [state, *tools])]
    assert not elsewhere, (
        f"{path.name}: files written outside NEWSCASE_HOME and the tool folders:\n"
        f"{_show(elsewhere)}"
    )
    home = run.folders["NEWSCASE_HOME"]
    found = sorted(p.name for p in home.iterdir()) if home.exists() else []
    undocumented = [name for name in found if not _documented_state_file(name)]
    assert not undocumented, f"undocumented files in $NEWSCASE_HOME: {undocumented}"
    left_in_home = sorted(
        str(p.relative_to(run.folders["HOME"])) for p in run.folders["HOME"].rglob("*")
    )
    assert not left_in_home, f"{path.name} left files in HOME: {left_in_home}"


@pytest.mark.parametrize("path", PATHS, ids=[p.name for p in PATHS])
def test_notebook_reads_nothing_from_home_or_the_repository_outside_the_package(runner, path):
    run = runner.notebook(path)
    allowed = [_real(runner.package), _real(sys.prefix), _real(sys.base_prefix)]
    reads = [e for e in run.of("read") if not _inside(e["path"], allowed)]
    assert not reads, (
        f"{path.name} read files in HOME or in the repository outside src/newscase:\n{_show(reads)}"
    )


@pytest.mark.parametrize("path", PATHS, ids=[p.name for p in PATHS])
def test_newscase_starts_no_programs(runner, path):
    run = runner.notebook(path)
    started = [e for e in run.of("program") if _by_newscase(e)]
    assert not started, f"{path.name}: newscase started programs:\n{_show(started)}"


def test_running_every_notebook_leaves_the_repository_unchanged(runner):
    for path in PATHS:
        runner.notebook(path)
    after = _snapshot(runner.repo)
    before = runner.repo_before
    added = sorted(set(after) - set(before))
    changed = sorted(p for p in set(after) & set(before) if after[p] != before[p])
    removed = sorted(set(before) - set(after))
    assert not (added or changed or removed), (
        "running the notebooks changed the repository (a copy of the working tree): "
        f"new {added}, changed {changed}, removed {removed}"
    )
