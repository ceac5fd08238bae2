"""Fixtures for the tests: data copies to break, a fresh state folder, Chromium, a folder
for screenshots.

Plain helper functions (paths, editing data, serving, JupyterLab) are in helpers.py.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from helpers import CHROMIUM, CHROMIUM_ARGS, PACKAGE_DATA, ROOT, browser_missing_reason


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the packaged data folder (break it, then load it)."""
    target = tmp_path / "data"
    shutil.copytree(PACKAGE_DATA, target)
    return target


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A fresh, empty state folder (NEWSCASE_HOME) for this test and the processes it
    starts, with nothing remembered from other tests (answers, notices, backups)."""
    from newscase.core import progress

    def forget():
        for memory in (progress._MEMORY, progress._NOTICES, progress._BACKUPS):
            memory.clear()

    folder = tmp_path / "state"
    monkeypatch.setenv("NEWSCASE_HOME", str(folder))
    monkeypatch.setenv("NEWSCASE_STUDENT", "reference")
    forget()
    yield folder
    forget()


@pytest.fixture(scope="session")
def chromium():
    """A headless Debian Chromium driven by Playwright (offline flags, no sandbox as root).

    Skips with a reason when Chromium is absent, except under NEWSCASE_CI (.ci/run sets
    it), where a missing browser is a failure.
    """
    reason = browser_missing_reason()
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
