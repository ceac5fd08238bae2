"""pytest set-up for every test run, including `pytest notebooks/` on its own.

The module's saved state (quiz progress, the student's seed) goes to a throwaway folder,
and the student id is fixed, so notebooks re-execute to their committed outputs
(tools/build_notebooks.py executes them with the same values). Kernels started by nbval
inherit this environment.
"""

import os
import shutil
import sys
from pathlib import Path

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
