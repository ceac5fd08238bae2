"""Start JupyterLab on the module, as `make lab` does, and print the address to open.

Usage: python tools/lab.py [--no-browser] [--port PORT] [--root-dir DIR] [--start PATH]
                           [--instructor]

JupyterLab listens on 127.0.0.1 only, with a token, and opens
notebooks/00_start_here.ipynb. The token is random unless JUPYTER_TOKEN is set; it reaches
the server through the environment, never the command line (which any user of the machine
can read with `ps`). Jupyter Server does not print a token it did not make, so this script
waits until the server answers and then prints the full address itself, token included:
a student without a browser on this machine (WSL, a remote machine, a closed tab) copies it.
The "Jupyter news" announcements prompt is switched off for this environment, so students
are not asked to reach the internet.

--instructor serves exercises/ instead (nbgrader's course folder), for the Formgrader
(`make grade-lab`). Tests and benchmarks start the server through :func:`serving`, the
same way, so there is one launcher.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START_NOTEBOOK = "notebooks/00_start_here.ipynb"
ANNOUNCEMENTS_PLUGIN = "@jupyterlab/apputils-extension:announcements"
TOKEN_VARIABLE = "JUPYTER_TOKEN"  # read by Jupyter Server's IdentityProvider
DEFAULT_PORT = 8888
PORTS_TO_TRY = 50
START_TIMEOUT = 180  # seconds; a first start on a slow laptop builds caches


def page_config_path(prefix: str = sys.prefix) -> Path:
    return Path(prefix) / "etc" / "jupyter" / "labconfig" / "page_config.json"


def disable_announcements(prefix: str = sys.prefix) -> Path:
    """Record the announcements plugin as disabled in this environment's page config."""
    path = page_config_path(prefix)
    config = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    disabled = config.setdefault("disabledExtensions", {})
    if disabled.get(ANNOUNCEMENTS_PLUGIN) is not True:
        disabled[ANNOUNCEMENTS_PLUGIN] = True
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(config, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path


def port_is_free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def choose_port(wanted: int | None) -> int:
    """``wanted``, or the first free port from 8888 on (as Jupyter itself would choose)."""
    if wanted is not None:
        return wanted
    for port in range(DEFAULT_PORT, DEFAULT_PORT + PORTS_TO_TRY):
        if port_is_free(port):
            return port
    raise SystemExit(
        f"No free port between {DEFAULT_PORT} and {DEFAULT_PORT + PORTS_TO_TRY - 1}: close "
        "other Jupyter servers, or choose one with: make lab LAB_ARGS='--port 9999'"
    )


def build_command(
    *, port: int, open_browser: bool, root_dir: Path = ROOT, start: str | None = START_NOTEBOOK
) -> list[str]:
    """The jupyter-lab command line: localhost only, no token in it, notebook 00 open."""
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.root_dir={root_dir}",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--ServerApp.open_browser={open_browser}",
        # JupyterLab's own check for updates and news feed both reach the internet.
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.news_url=None",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # containers and CI run as root
    if start:
        command.append(start)
    return command


def address(port: int, token: str, start: str | None = START_NOTEBOOK) -> str:
    path = f"lab/tree/{start}" if start else "lab"
    return f"http://127.0.0.1:{port}/{path}?token={token}"


def wait_until_ready(
    process: subprocess.Popen, port: int, token: str, timeout: float = START_TIMEOUT
) -> bool:
    """Poll the server's status (token in a header, not a URL) until it answers."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/status", headers={"Authorization": f"token {token}"}
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(request, timeout=2) as response:
                if response.status == 200:
                    return True
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.3)
    return False


def banner(url: str) -> str:
    rule = "-" * 72
    return (
        f"\n{rule}\nJupyterLab is ready. If no browser opened, copy this address into one\n"
        f"(it contains your private token; do not share it):\n\n    {url}\n\n"
        f"Stop JupyterLab with Ctrl+C in this terminal.\n{rule}\n"
    )


def run(command: list[str], env: dict, port: int, token: str, start: str | None) -> int:
    """Run the server, print its address once it answers, pass Ctrl+C on; its exit code."""
    process = subprocess.Popen(command, env=env)

    def pass_on(signum, _frame):
        if process.poll() is None:
            process.send_signal(signum)

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, pass_on)
    if wait_until_ready(process, port, token):
        print(banner(address(port, token, start)), flush=True)
    elif process.poll() is None:
        print(
            f"JupyterLab has not answered after {START_TIMEOUT} s; its messages above say "
            "why. Stop it with Ctrl+C and run `make lab` again.",
            file=sys.stderr,
            flush=True,
        )
    else:
        print(
            "JupyterLab stopped before it was ready; its messages above say why "
            f"(port {port} taken? try: make lab LAB_ARGS='--port 9999').",
            file=sys.stderr,
            flush=True,
        )
    while True:
        try:
            return process.wait()
        except InterruptedError:  # pragma: no cover - wait() retries on EINTR itself
            continue


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-browser", action="store_true", help="do not open a web browser")
    parser.add_argument("--port", type=int, default=None, help="port (default: 8888 or next free)")
    parser.add_argument(
        "--root-dir",
        type=Path,
        default=None,
        help="folder JupyterLab serves (default: the module; tests serve a copy)",
    )
    parser.add_argument(
        "--start",
        default=START_NOTEBOOK,
        help=f"notebook to open, relative to the root ('none': none; default {START_NOTEBOOK})",
    )
    parser.add_argument(
        "--instructor",
        action="store_true",
        help="serve exercises/ for nbgrader's Formgrader (needs the instructor environment)",
    )
    args = parser.parse_args(argv)
    start: str | None = None if args.start == "none" else args.start
    root_dir = (args.root_dir or ROOT).resolve()
    if args.instructor:
        root_dir, start = (args.root_dir or ROOT / "exercises").resolve(), None
    elif start and not (root_dir / start).is_file():
        parser.error(f"{root_dir} has no {start}")
    disable_announcements()
    port = choose_port(args.port)
    token = os.environ.get(TOKEN_VARIABLE) or secrets.token_hex(24)
    env = {**os.environ, TOKEN_VARIABLE: token}
    command = build_command(
        port=port, open_browser=not args.no_browser, root_dir=root_dir, start=start
    )
    what = start or f"{root_dir.name}/ (Formgrader: menu Nbgrader)"
    print(f"Starting JupyterLab on {what} (stop it with Ctrl+C) ...", flush=True)
    os.chdir(root_dir)
    return run(command, env, port, token, start)


# ---- the same launcher for tests and benchmarks


@dataclass(frozen=True)
class Server:
    """A running server started by :func:`serving`."""

    base: str  # http://127.0.0.1:PORT
    token: str
    process: subprocess.Popen  # this script, which runs JupyterLab as its child

    def server_pid(self) -> int:
        """The JupyterLab process itself (the child of this script), or this script's pid."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        with contextlib.suppress(OSError, ValueError, IndexError):
            return int(children.read_text().split()[0])
        return self.process.pid


class NotStarted(RuntimeError):
    """The server did not answer in time; the message ends with its log."""


@contextlib.contextmanager
def serving(
    root_dir: Path,
    log_path: Path,
    *,
    env: dict | None = None,
    args: tuple[str, ...] = (),
    python: str = sys.executable,
    timeout: float = 120,
):
    """Run this script (what `make lab` runs) on ``root_dir`` with a fresh port and token.

    Yields a :class:`Server` once ``/api/status`` answers; stops it with Ctrl+C (SIGINT)
    afterwards. The token goes through the environment, as in `make lab`.
    """
    with socket.socket() as sock:  # a random free port: never a student's own 8888
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    token = secrets.token_hex(16)
    command = [python, str(Path(__file__).resolve()), "--no-browser", "--port", str(port)]
    command += ["--root-dir", str(root_dir), *args]
    full_env = {**os.environ, **(env or {}), TOKEN_VARIABLE: token}
    with log_path.open("w+") as log:
        process = subprocess.Popen(
            command, cwd=root_dir, stdout=log, stderr=subprocess.STDOUT, env=full_env
        )
        try:
            if not wait_until_ready(process, port, token, timeout=timeout):
                log.seek(0)
                raise NotStarted(
                    f"JupyterLab did not answer within {timeout:.0f} s; its log:\n"
                    + log.read()[-3000:]
                )
            yield Server(f"http://127.0.0.1:{port}", token, process)
        finally:
            if process.poll() is None:
                process.send_signal(signal.SIGINT)
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


if __name__ == "__main__":
    sys.exit(main())
