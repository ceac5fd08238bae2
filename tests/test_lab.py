"""Start JupyterLab exactly as `make lab` does, open the address it prints, stop it cleanly."""

from __future__ import annotations

import json
import os
import queue
import re
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest

import lab  # tools/lab.py, the script `make lab` runs
from helpers import ROOT, http_get, launch_lab

pytestmark = pytest.mark.lab

ADDRESS = re.compile(r"http://127\.0\.0\.1:(\d+)/lab/tree/notebooks/00_start_here\.ipynb\?token=(\S+)")
# Extensions of the test and instructor tools, which the students' JupyterLab must not have.
TOOL_EXTENSIONS = ("nbgrader", "pyodide", "jupyterlite")


def page_config(base: str, token: str) -> dict:
    status, page = http_get(f"{base}/lab/tree/notebooks/00_start_here.ipynb?token={token}")
    assert status == 200
    match = re.search(r'id="jupyter-config-data"[^>]*>(.*?)</script>', page, flags=re.S)
    assert match, "the /lab page has no page config"
    return json.loads(match.group(1))


def command_lines() -> list[str]:
    """Every process's command line on this machine (what `ps` shows)."""
    lines = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                lines.append((entry / "cmdline").read_bytes().replace(b"\0", b" ").decode())
            except OSError:
                continue
    return lines


def read_lines(stream, into: queue.Queue) -> None:
    for line in iter(stream.readline, ""):
        into.put(line)
    into.put(None)


@pytest.fixture(scope="module")
def make_lab():
    """`make lab NO_BROWSER=1` as the README says; yields (port, token, output lines).

    The first run creates the students' environment (.venv: runtime packages only).
    """
    if not Path("/proc").is_dir():
        pytest.skip("reads the process list from /proc (Linux)")
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "JUPYTER_TOKEN")}
    process = subprocess.Popen(
        ["make", "lab", "NO_BROWSER=1"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        start_new_session=True,  # its own process group, stopped as Ctrl+C would
    )
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=read_lines, args=(process.stdout, lines), daemon=True).start()
    output, found = [], None
    deadline = time.monotonic() + 900  # a first run installs the environment
    while found is None and time.monotonic() < deadline:
        try:
            line = lines.get(timeout=5)
        except queue.Empty:
            continue
        if line is None:
            break
        output.append(line)
        found = ADDRESS.search(line)
    try:
        if found is None:
            pytest.fail("`make lab NO_BROWSER=1` printed no address:\n" + "".join(output[-60:]))
        yield int(found.group(1)), found.group(2), output
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGINT)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def test_make_lab_prints_an_address_that_opens_the_start_notebook(make_lab):
    port, token, _ = make_lab
    assert token != "..." and re.fullmatch(r"[0-9a-f]{32,}", token)
    base = f"http://127.0.0.1:{port}"
    config = page_config(base, token)
    assert config["disabledExtensions"] and lab.ANNOUNCEMENTS_PLUGIN in config["disabledExtensions"]
    status, body = http_get(f"{base}/api/contents/notebooks/00_start_here.ipynb?token={token}")
    assert status == 200 and json.loads(body)["type"] == "notebook"
    assert http_get(f"{base}/api/contents/notebooks?token=wrong")[0] == 403


def test_make_lab_keeps_the_token_out_of_the_process_list(make_lab):
    _, token, _ = make_lab
    leaking = [line for line in command_lines() if token in line]
    assert not leaking, f"the token is visible to `ps`: {leaking}"


def test_make_lab_opens_a_students_jupyterlab_without_the_tools(make_lab):
    port, token, output = make_lab
    config = page_config(f"http://127.0.0.1:{port}", token)
    extensions = [e.get("name", "") for e in config.get("federated_extensions", [])]
    tools = [e for e in extensions if any(tool in e for tool in TOOL_EXTENSIONS)]
    assert not tools, f"the students' JupyterLab loads tool extensions: {tools}"
    assert "@jupyter-widgets/jupyterlab-manager" in extensions  # the widgets are there
    log = "".join(output)
    assert "nbgrader" not in log, log[-2000:]


@pytest.fixture
def running_lab(tmp_path):
    with launch_lab(ROOT, tmp_path / "lab.log") as started:
        yield started


def test_lab_answers_with_the_token_and_opens_the_start_notebook(running_lab):
    base, token, _ = running_lab
    config = page_config(base, token)
    assert lab.ANNOUNCEMENTS_PLUGIN in config["disabledExtensions"]


def test_lab_refuses_requests_without_the_token(running_lab):
    base, _, _ = running_lab
    status, _ = http_get(f"{base}/api/contents/notebooks")
    assert status == 403


def test_lab_stops_cleanly_on_ctrl_c(running_lab):
    _, _, process = running_lab
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=20) == 0


def test_command_listens_on_localhost_only_and_carries_no_token():
    command = lab.build_command(port=9999, open_browser=False)
    assert "--ServerApp.ip=127.0.0.1" in command
    assert "--ServerApp.port=9999" in command
    assert "--ServerApp.open_browser=False" in command
    assert not any("token" in part.lower() for part in command)
    assert command[-1] == "notebooks/00_start_here.ipynb"


def test_the_printed_address_names_port_token_and_notebook():
    url = lab.address(8890, "abc123")
    assert url == "http://127.0.0.1:8890/lab/tree/notebooks/00_start_here.ipynb?token=abc123"
    assert "abc123" in lab.banner(url)


def test_a_taken_port_is_skipped(monkeypatch):
    taken = {lab.DEFAULT_PORT, lab.DEFAULT_PORT + 1}
    monkeypatch.setattr(lab, "port_is_free", lambda port: port not in taken)
    assert lab.choose_port(None) == lab.DEFAULT_PORT + 2
    assert lab.choose_port(9999) == 9999


def test_disabling_announcements_is_idempotent(tmp_path):
    first = lab.disable_announcements(str(tmp_path))
    content = first.read_text()
    lab.disable_announcements(str(tmp_path))
    assert first.read_text() == content
    assert json.loads(content)["disabledExtensions"][lab.ANNOUNCEMENTS_PLUGIN] is True
