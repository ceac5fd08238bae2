"""The package in JupyterLite's Pyodide kernel, faked in CPython (sys.platform, /drive)."""

from __future__ import annotations

import sys
from importlib import metadata

import pytest

from newscase.core import browser
from newscase.core import progress as store
from newscase.lessons import setup_check
from newscase.quiz import answers
from newscase.quiz.grading import Result


@pytest.fixture
def in_browser(tmp_path, monkeypatch):
    """Pretend to be Pyodide with /drive mounted (a tmp folder); no NEWSCASE_HOME/STUDENT."""
    drive = tmp_path / "drive"
    drive.mkdir()
    monkeypatch.setattr(sys, "platform", "emscripten")
    monkeypatch.setattr(browser, "DRIVE", drive)
    monkeypatch.delenv("NEWSCASE_HOME", raising=False)
    monkeypatch.delenv("NEWSCASE_STUDENT", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    store._MEMORY.clear()
    store._NOTICES.clear()
    store._BACKUPS.clear()
    yield drive
    store._MEMORY.clear()


def test_the_platform_check_is_emscripten(in_browser, monkeypatch):
    assert browser.in_browser() and browser.drive() == in_browser
    monkeypatch.setattr(sys, "platform", "linux")
    assert not browser.in_browser()
    assert browser.drive() is None, "a /drive folder outside the browser means nothing"


def test_progress_goes_to_the_kept_drive_folder(in_browser):
    assert store.state_dir() == in_browser / "newscase-progress"


def test_without_the_drive_progress_stays_in_the_home_folder(in_browser, tmp_path):
    in_browser.rmdir()  # the kernel could not mount /drive
    assert browser.drive() is None
    assert store.state_dir() == tmp_path / "home" / ".newscase"


def test_newscase_home_still_wins_in_the_browser(in_browser, tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSCASE_HOME", str(tmp_path / "chosen"))
    assert store.state_dir() == tmp_path / "chosen"


def test_saving_works_without_fcntl_and_takes_no_lock(in_browser, monkeypatch):
    monkeypatch.setitem(sys.modules, "fcntl", None)  # `import fcntl` now fails
    result = Result("00-distance", "correct", 1.0, "Right.", "40 km")
    assert answers.record("00-distance", "00_start_here", result) is None
    folder = in_browser / "newscase-progress"
    assert answers.entries()["00-distance"]["correct"] is True
    assert sorted(p.name for p in folder.iterdir()) == ["progress.json"]  # no lock file
    assert store.student_id() == (folder / "student-id").read_text().strip()


def test_setup_check_explains_jupyterlite_and_skips_jupyterlab(in_browser, monkeypatch):
    real_version = metadata.version

    def no_jupyterlab(name):  # as in the browser: the module is installed without it
        if name == "jupyterlab":
            raise metadata.PackageNotFoundError(name)
        return real_version(name)

    monkeypatch.setattr(setup_check.metadata, "version", no_jupyterlab)
    report = setup_check.check_setup()
    assert report.ok, str(report)
    assert "jupyterlab" not in [c.name for c in report.checks]
    text = str(report)
    assert "You are using JupyterLite" in text
    assert "in the folder newscase-progress of the file browser" in text
    html = report._repr_mimebundle_()["text/html"]
    assert "reload the page" in html and "make lab" not in html


def test_setup_check_says_when_progress_is_not_kept(in_browser):
    in_browser.rmdir()
    text = str(setup_check.check_setup())
    assert "kept only until the page is reloaded" in text


def test_missing_package_fix_in_the_browser_points_to_the_setup_cell(in_browser, monkeypatch):
    real_version = metadata.version

    def no_folium(name):
        if name == "folium":
            raise metadata.PackageNotFoundError(name)
        return real_version(name)

    monkeypatch.setattr(setup_check.metadata, "version", no_folium)
    line = next(c for c in setup_check.check_setup().checks if c.name == "folium")
    assert not line.ok
    assert "first code cell" in line.fix and "make lab" not in line.fix


def test_outside_the_browser_nothing_changes(tmp_path, monkeypatch):
    monkeypatch.setattr(browser, "DRIVE", tmp_path)  # exists, but we are not in Pyodide
    report = setup_check.check_setup()
    assert report.notes == ()
    assert "jupyterlab" in [c.name for c in report.checks]
