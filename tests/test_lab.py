"""Start JupyterLab exactly as `make lab` does, wait for /lab to answer, stop it cleanly."""

from __future__ import annotations

import json
import re
import signal

import pytest

import lab  # tools/lab.py, the script `make lab` runs
from conftest import ROOT, http_get, launch_lab

pytestmark = pytest.mark.lab


@pytest.fixture
def running_lab(tmp_path):
    with launch_lab(ROOT, tmp_path / "lab.log") as started:
        yield started


def test_lab_answers_with_the_token_and_opens_the_start_notebook(running_lab):
    base, token, _ = running_lab
    status, page = http_get(f"{base}/lab/tree/notebooks/00_start_here.ipynb?token={token}")
    assert status == 200
    match = re.search(r'id="jupyter-config-data"[^>]*>(.*?)</script>', page, flags=re.S)
    assert match, "the /lab page has no page config"
    config = json.loads(match.group(1))
    assert lab.ANNOUNCEMENTS_PLUGIN in config["disabledExtensions"]
    status, body = http_get(f"{base}/api/contents/notebooks/00_start_here.ipynb?token={token}")
    assert status == 200 and json.loads(body)["type"] == "notebook"


def test_lab_refuses_requests_without_the_token(running_lab):
    base, _, _ = running_lab
    status, _ = http_get(f"{base}/api/contents/notebooks")
    assert status == 403


def test_lab_stops_cleanly_on_ctrl_c(running_lab):
    _, _, process = running_lab
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=20) == 0


def test_command_listens_on_localhost_only_with_the_given_token():
    command = lab.build_command(port=9999, token="abc", open_browser=False)
    assert "--ServerApp.ip=127.0.0.1" in command
    assert "--IdentityProvider.token=abc" in command
    assert "--ServerApp.open_browser=False" in command
    assert command[-1] == "notebooks/00_start_here.ipynb"


def test_disabling_announcements_is_idempotent(tmp_path):
    first = lab.disable_announcements(str(tmp_path))
    content = first.read_text()
    lab.disable_announcements(str(tmp_path))
    assert first.read_text() == content
    assert json.loads(content)["disabledExtensions"][lab.ANNOUNCEMENTS_PLUGIN] is True
