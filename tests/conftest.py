"""Shared fixtures: paths, data copies to break, a JupyterLab launcher and Chromium."""

from __future__ import annotations

import contextlib
import functools
import http.server
import importlib.util
import json
import os
import shutil
import socket
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE_DATA = ROOT / "src" / "newscase" / "data"
SEED = ROOT / "seeds" / "000_aacf289461923e97.txt"


def load_manage():
    """exercises/manage.py, the instructor commands (`make release` runs it), as a module."""
    if "manage" not in sys.modules:
        path = ROOT / "exercises" / "manage.py"
        spec = importlib.util.spec_from_file_location("manage", path)
        module = importlib.util.module_from_spec(spec)
        sys.modules["manage"] = module
        writes, sys.dont_write_bytecode = sys.dont_write_bytecode, True  # no __pycache__ there
        try:
            spec.loader.exec_module(module)
        finally:
            sys.dont_write_bytecode = writes
    return sys.modules["manage"]


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the packaged data folder (break it, then load it)."""
    target = tmp_path / "data"
    shutil.copytree(PACKAGE_DATA, target)
    return target


# ---- JupyterLab and Chromium, shared by the lab test and the browser tests


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_get(url: str) -> tuple[int, str]:
    """(status, body) of a GET; HTTP errors return their status instead of raising."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, ""


@contextlib.contextmanager
def launch_lab(root_dir: Path, log_path: Path, env: dict | None = None, args: tuple = ()):
    """Run tools/lab.py (what `make lab` runs) on ``root_dir``; yield (base_url, token, process).

    ``args`` are more options of tools/lab.py (``("--start", "none")``: open no notebook).
    """
    import lab

    try:
        with lab.serving(root_dir, log_path, env=env, args=args) as server:
            yield server.base, server.token, server.process
    except lab.NotStarted as exc:
        pytest.fail(str(exc))


def _browser_missing_reason() -> str | None:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} not installed (Debian package chromium; .ci/run installs it)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright not installed (make test installs it)"
    return None


@pytest.fixture(scope="session")
def chromium():
    """A headless Debian Chromium driven by Playwright (offline flags, no sandbox as root).

    Skips with a reason when Chromium is absent, except under NEWSCASE_CI (.ci/run sets
    it), where a missing browser is a failure.
    """
    reason = _browser_missing_reason()
    if reason:
        if os.environ.get("NEWSCASE_CI"):
            pytest.fail(f"browser tests are required here but {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def artifacts_dir() -> Path:
    """Where browser tests save screenshots (ignored by git; CI may keep it)."""
    path = ROOT / "test-artifacts"
    path.mkdir(exist_ok=True)
    return path


# ---- pages: a local web server, offline pages, a kernel that is ready


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(folder: Path):
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def open_offline(browser, url: str, base: str):
    """A page where every request not to ``base`` is aborted and recorded.

    The page has a context of its own (close it with ``page.context.close()``): routes set
    on the context also catch requests from Web Workers (JupyterLite's kernel fetches
    Pyodide from one), and service workers, which would bypass routing, are blocked.
    """
    context = browser.new_context(
        viewport={"width": 1100, "height": 720}, service_workers="block"
    )
    page = context.new_page()
    record = {"external": [], "failed": [], "errors": []}

    def route(request_route):
        url_ = request_route.request.url
        if url_.startswith((base + "/", "data:", "blob:")):
            request_route.continue_()
        else:
            record["external"].append(url_)
            request_route.abort()

    context.route("**/*", route)
    page.on(
        "requestfailed",
        lambda r: record["failed"].append(r.url) if r.url.startswith(base) else None,
    )
    page.on(
        "response",
        lambda r: record["failed"].append(f"{r.status} {r.url}") if r.status >= 400 else None,
    )
    page.on("console", lambda m: record["errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: record["errors"].append(str(e)))
    page.goto(url, wait_until="load")
    return page, record


def wait_for_kernel(page, base, token, timeout_ms: int = 90_000):
    """Wait until the notebook's kernel is started, connected and idle.

    The toolbar shows "idle" once before the session starts, so the server's view (a
    kernel with a live connection) is checked first.
    """
    page.wait_for_selector(".jp-Notebook", timeout=timeout_ms)
    deadline = time.monotonic() + timeout_ms / 1000
    while time.monotonic() < deadline:
        _, body = http_get(f"{base}/api/sessions?token={token}")
        kernels = [s["kernel"] for s in json.loads(body or "[]")]
        if any(k["connections"] and k["execution_state"] == "idle" for k in kernels):
            break
        page.wait_for_timeout(250)  # not time.sleep: lets Playwright serve routed requests
    else:
        pytest.fail("the notebook's kernel did not start")
    page.wait_for_selector(
        ".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=timeout_ms
    )
    # The notebook names its kernel, so JupyterLab asks nothing.
    assert page.locator(".jp-Dialog").count() == 0
