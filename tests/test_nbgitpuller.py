"""An nbgitpuller link from tools/class_links.py, followed for real against a local server.

A JupyterHub sends /hub/user-redirect/git-pull?... to the student's own server as
/user/<name>/git-pull?...; here a JupyterLab server (started as `make lab` starts it, with
the installed nbgitpuller extension) plays that server, its root folder playing the
student's hub home. The repository is a local clone of this project (file://), so nothing
leaves the machine. The test does what nbgitpuller's page does in a browser: read the page
the link opens, run the sync through nbgitpuller's event-stream API, then open the page it
redirects to. Then a student edit and an upstream commit, and the link again: nbgitpuller's
documented merge keeps the student's change and brings the instructor's.
"""

from __future__ import annotations

import contextlib
import json
import re
import subprocess
import urllib.request
from pathlib import Path
from urllib.parse import unquote, urlencode, urlsplit

import pytest

import class_links  # tools/class_links.py
from helpers import ROOT, http_get, launch_lab, open_offline

pytestmark = pytest.mark.lab

BRANCH = "main"
STUDENT_NOTE = "My notes: the article never says who measured the 40 km."
UPSTREAM_NOTE = "Instructor's update: read notebook 03 before the next session."


def git(*args: str, cwd: Path) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=Instructor", "-c", "user.email=instructor@example.edu", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, f"git {' '.join(args)} failed:\n{done.stdout}{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def upstream(tmp_path_factory) -> Path:
    """The instructor's repository: a clone of this project's last commit, on branch main.

    Named like the public repository, so nbgitpuller's folder is the one the links expect.
    """
    target = tmp_path_factory.mktemp("upstream") / class_links.project_repo().folder
    git("clone", "--quiet", "--depth", "1", "--no-local", ROOT.as_uri(), str(target), cwd=ROOT)
    git("checkout", "--quiet", "-B", BRANCH, cwd=target)
    return target


@contextlib.contextmanager
def student_server(home: Path, log_path: Path):
    """JupyterLab with the `make lab` options, serving ``home``; yield (base_url, token)."""

    # A hub home of its own: git reads no configuration of this machine's user.
    env = {"HOME": str(home), "GIT_CONFIG_NOSYSTEM": "1"}
    # The hub home has no notebook to open yet.
    with launch_lab(home, log_path, env, args=("--start", "none")) as (base, token, _):
        yield base, token


def on_student_server(link: str, base: str) -> str:
    """What JupyterHub's user-redirect makes of ``link``: the same path on the student's server."""
    parts = urlsplit(link)
    assert parts.path.endswith("/hub/user-redirect/git-pull")
    return f"{base}/git-pull?{parts.query}"


def page_data(html: str) -> dict[str, str]:
    """The data-* values nbgitpuller's page hands to its script (URL-quoted in the page)."""
    return {k: unquote(v) for k, v in re.findall(r'data-([a-z-]+)="([^"]*)"', html)}


def sync(base: str, token: str, data: dict[str, str]) -> list[dict]:
    """Run the pull as the page's script does (its API, an event stream); return the events."""
    params = {"repo": data["repo"], "targetpath": data["targetpath"]}
    if "branch" in data:
        params["branch"] = data["branch"]
    url = f"{base}/git-pull/api?{urlencode({**params, 'token': token})}"
    with urllib.request.urlopen(url, timeout=180) as response:
        assert response.headers["Content-Type"].startswith("text/event-stream")
        body = response.read().decode("utf-8")
    events = [json.loads(line[len("data: "):]) for line in body.splitlines() if line.startswith("data: ")]
    assert events, f"no events from nbgitpuller:\n{body[-2000:]}"
    log = "".join(e.get("output", "") for e in events)
    assert events[-1]["phase"] == "finished", f"nbgitpuller did not finish: {events[-1]}\n{log}"
    assert not [e for e in events if e["phase"] == "error"], log
    return events


def follow_link(link: str, base: str, token: str) -> tuple[dict[str, str], list[dict]]:
    """Open the link's page, check what it will do, run the sync; return (page data, events)."""
    status, html = http_get(f"{on_student_server(link, base)}&token={token}")
    assert status == 200, "nbgitpuller's /git-pull page did not answer (extension not loaded?)"
    data = page_data(html)
    return data, sync(base, token, data)


def api(base: str, token: str, path: str, method: str = "GET", body: dict | None = None) -> dict:
    request = urllib.request.Request(
        f"{base}/api/contents/{path}",
        method=method,
        data=None if body is None else json.dumps(body).encode("utf-8"),
        headers={"Authorization": f"token {token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def test_link_pulls_the_module_then_keeps_student_work_and_brings_updates(upstream, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    folder = class_links.project_repo().folder
    link = class_links.nbgitpuller_url(
        "https://hub.example.edu", "00_start_here.ipynb", upstream.as_uri(), BRANCH
    )
    with student_server(home, tmp_path / "lab.log") as (base, token):
        # First click: the page will clone into <home>/<folder> and then open notebook 00.
        data, _ = follow_link(link, base, token)
        assert data["repo"] == upstream.as_uri()
        assert data["branch"] == BRANCH
        assert data["targetpath"] == folder
        assert data["path"] == f"lab/tree/{folder}/notebooks/00_start_here.ipynb"
        clone = home / folder
        expected = [r["file"] for r in class_links.ready_notebooks()]
        assert sorted(p.name for p in (clone / "notebooks").glob("*.ipynb")) == expected
        assert (clone / "src" / "newscase" / "data" / "course.yaml").is_file()
        # Where the page sends the student afterwards opens, and is the notebook.
        status, _ = http_get(f"{base}/{data['path']}?token={token}")
        assert status == 200
        opened = api(base, token, f"{folder}/notebooks/00_start_here.ipynb")
        assert opened["type"] == "notebook"

        # The student adds a note to notebook 00 and saves it (as JupyterLab saves) ...
        notebook = opened["content"]
        notebook["cells"].append(
            {"cell_type": "markdown", "metadata": {}, "source": STUDENT_NOTE, "id": "student-note"}
        )
        api(base, token, f"{folder}/notebooks/00_start_here.ipynb", "PUT",
            {"type": "notebook", "format": "json", "content": notebook})
        # ... and deletes notebook 05 by mistake.
        (clone / "notebooks" / "05_aftermath.ipynb").unlink()

        # The instructor commits a change to another notebook.
        changed = upstream / "notebooks" / "01_context.ipynb"
        nb01 = json.loads(changed.read_text(encoding="utf-8"))
        nb01["cells"].append(
            {"cell_type": "markdown", "metadata": {}, "source": UPSTREAM_NOTE, "id": "update"}
        )
        changed.write_text(json.dumps(nb01, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        git("commit", "--quiet", "-am", "Update notebook 01", cwd=upstream)

        # Second click on the same link.
        _, events = follow_link(link, base, token)
        log = "".join(e.get("output", "") for e in events)
        assert "git fetch" in log and "merge" in log  # an update, not a fresh clone

        ours = json.loads((clone / "notebooks" / "00_start_here.ipynb").read_text("utf-8"))
        assert STUDENT_NOTE in ["".join(c["source"]) for c in ours["cells"]], "student's edit lost"
        theirs = json.loads((clone / "notebooks" / "01_context.ipynb").read_text("utf-8"))
        assert UPSTREAM_NOTE in ["".join(c["source"]) for c in theirs["cells"]], "update missing"
        # A file the student deleted comes back from the repository.
        assert (clone / "notebooks" / "05_aftermath.ipynb").is_file()
        assert api(base, token, f"{folder}/notebooks/05_aftermath.ipynb")["type"] == "notebook"


def test_link_to_a_missing_branch_reports_an_error_not_a_clone(upstream, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    link = class_links.nbgitpuller_url(
        "https://hub.example.edu", "00_start_here.ipynb", upstream.as_uri(), "no-such-branch"
    )
    with student_server(home, tmp_path / "lab.log") as (base, token):
        status, html = http_get(f"{on_student_server(link, base)}&token={token}")
        assert status == 200
        data = page_data(html)
        url = f"{base}/git-pull/api?{urlencode({'repo': data['repo'], 'branch': data['branch'], 'targetpath': data['targetpath'], 'token': token})}"
        with urllib.request.urlopen(url, timeout=60) as response:
            body = response.read().decode("utf-8")
        phases = [json.loads(line[6:])["phase"] for line in body.splitlines() if line.startswith("data: ")]
        assert "error" in phases
        assert not (home / data["targetpath"]).exists()


@pytest.mark.browser
def test_link_in_a_browser_shows_progress_then_opens_notebook_00(
    upstream, chromium, tmp_path, artifacts_dir
):
    """nbgitpuller's own page, in Chromium: its script syncs, then JupyterLab opens notebook 00."""
    home = tmp_path / "home"
    home.mkdir()
    folder = class_links.project_repo().folder
    link = class_links.nbgitpuller_url(
        "https://hub.example.edu", "00_start_here.ipynb", upstream.as_uri(), BRANCH
    )
    with student_server(home, tmp_path / "lab.log") as (base, token):
        page, record = open_offline(chromium, f"{on_student_server(link, base)}&token={token}", base)
        try:
            target = f"{base}/lab/tree/{folder}/notebooks/00_start_here.ipynb"
            page.wait_for_url(f"{target}*", timeout=120_000)
            page.wait_for_selector(".jp-Notebook", timeout=120_000)
            title = page.locator(".jp-Notebook .jp-MarkdownOutput h1").first.inner_text(
                timeout=60_000
            )
            page.screenshot(path=str(artifacts_dir / "nbgitpuller_notebook00.png"))
        finally:
            page.context.close()
    assert (home / folder / "notebooks" / "00_start_here.ipynb").is_file()
    assert title.startswith("Start here")
    assert record["external"] == [], f"the pages reached outside: {record['external'][:5]}"
