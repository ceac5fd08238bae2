"""Helpers the tests import: paths, editing a data copy, a web server, JupyterLab, pages.

Fixtures and hooks stay in conftest.py; everything here is a plain function.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import http.server
import importlib.util
import io
import json
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

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


# ---- editing a copy of the data folder (the data_copy fixture makes one)


def read_rows(path: Path) -> list[dict]:
    """The rows of a CSV file as dicts, in file order."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_rows(path: Path, rows: list[dict]) -> None:
    """Write rows (dicts with the same keys) as the data's CSV style: header, LF endings."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def edit_data(folder: Path, name: str, change: Callable):
    """Read ``folder/name`` (CSV rows or YAML), let ``change`` edit it in place, write it
    back; return what was written. (To drop rows, use read_rows and write_rows.)"""
    path = folder / name
    is_csv = path.suffix == ".csv"
    value = read_rows(path) if is_csv else yaml.safe_load(path.read_text(encoding="utf-8"))
    change(value)
    if is_csv:
        write_rows(path, value)
    else:
        path.write_text(yaml.safe_dump(value, allow_unicode=True, sort_keys=False), "utf-8")
    return value


def by_id(records: list[dict]) -> dict[str, dict]:
    """Records keyed by their id (the same dicts: edit them in place)."""
    return {r["id"]: r for r in records}


def synthetic_places(**points) -> dict[str, dict]:
    """A places mapping for pure tests: name=(lat, lon, precision_km)."""
    return {
        key: {"id": key, "name": key.title(), "lat": lat, "lon": lon, "precision_km": prec}
        for key, (lat, lon, prec) in points.items()
    }


# ---- JupyterLab and Chromium


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


def browser_missing_reason() -> str | None:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} not installed (Debian package chromium; .ci/run installs it)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright not installed (make test installs it)"
    return None


# ---- pages: a local web server, offline pages, a kernel that is ready


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(folder: Path):
    """Serve ``folder`` over HTTP on a free local port; yield its base address."""
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
