"""pytest set-up for every test run, including `pytest notebooks/` on its own.

The module's saved state (quiz progress, the student's seed) goes to a throwaway folder,
and the student id is fixed, so notebooks re-execute to their committed outputs
(tools/build_notebooks.py executes them with the same values). Kernels started by nbval
inherit this environment.

With NEWSCASE_CI set (.ci/run sets it), a skipped test fails the run: locally a test may
skip for a missing tool (Chromium, an npm package), but CI installs them all.
"""

import os
import shutil
import sys
from pathlib import Path

import pytest

REFERENCE_STUDENT = "reference"
TOOLS = Path(__file__).resolve().parent / "tools"


def pytest_configure(config):
    home = Path(config.rootpath) / ".pytest_cache" / "newscase-home"
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    os.environ["NEWSCASE_HOME"] = str(home)
    os.environ["NEWSCASE_STUDENT"] = REFERENCE_STUDENT
    if str(TOOLS) not in sys.path:
        sys.path.insert(0, str(TOOLS))  # tests import the scripts `make` runs


def pytest_sessionfinish(session, exitstatus):
    if not os.environ.get("NEWSCASE_CI"):
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped:
        for report in skipped:
            reporter.write_line(f"NEWSCASE_CI: skipped test not allowed in CI: {report.nodeid}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
