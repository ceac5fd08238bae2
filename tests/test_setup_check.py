"""The notebook-00 set-up check: passes here, explains every failure with a fix."""

from __future__ import annotations

from importlib import metadata

from newscase.lessons import setup_check
from newscase.lessons.setup_check import check_setup, runtime_requirements


def test_requirements_come_from_the_package_metadata():
    names = [name for name, _ in runtime_requirements()]
    assert {"jupyterlab", "ipywidgets", "folium", "pandas"} <= set(names)
    assert "pytest" not in names and "nbval" not in names


def test_everything_is_fine_in_the_test_environment():
    report = check_setup()
    assert report.ok, str(report)
    assert "All set" in str(report)
    assert "case data" in str(report)


def test_missing_package_is_reported_with_a_fix(monkeypatch):
    real_version = metadata.version

    def fake_version(name):
        if name == "ipywidgets":
            raise metadata.PackageNotFoundError(name)
        return real_version(name)

    monkeypatch.setattr(setup_check.metadata, "version", fake_version)
    report = check_setup()
    assert not report.ok
    line = next(c for c in report.checks if c.name == "ipywidgets")
    assert line.found == "not installed"
    assert "make lab" in line.fix and '%pip install "ipywidgets>=' in line.fix
    assert "PROBLEM" in str(report)


def test_old_package_is_reported(monkeypatch):
    real_version = metadata.version
    monkeypatch.setattr(
        setup_check.metadata,
        "version",
        lambda name: "0.1" if name == "folium" else real_version(name),
    )
    line = next(c for c in check_setup().checks if c.name == "folium")
    assert not line.ok and line.found == "0.1" and line.fix


def test_display_bundle_has_static_fallbacks_and_a_live_widget():
    bundle = check_setup()._repr_mimebundle_()
    assert "All set" in bundle["text/plain"]
    assert "<table" in bundle["text/html"] and "Widgets:" in bundle["text/html"]
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_the_check_says_whether_progress_can_be_saved(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSCASE_HOME", str(tmp_path / "state"))
    line = next(c for c in check_setup().checks if c.name == "saving progress")
    assert line.ok and line.found == "can save in the folder NEWSCASE_HOME names"
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("NEWSCASE_HOME", str(blocker / "state"))
    report = check_setup()
    line = next(c for c in report.checks if c.name == "saving progress")
    assert not line.ok and not report.ok
    assert "a file stands where a folder should be" in line.found
    assert "NEWSCASE_HOME" in line.fix and "PROBLEM" in str(report)
