"""The links an instructor sends a class (tools/class_links.py), taken apart with urllib."""

from __future__ import annotations

import subprocess
import sys
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

import class_links  # tools/class_links.py
from helpers import ROOT

HUB = "https://hub.example.edu"
READY = [r["file"] for r in class_links.ready_notebooks()]


def query(url: str) -> dict[str, str]:
    """The decoded query of ``url``, each name once."""
    values = parse_qs(urlsplit(url).query, keep_blank_values=True, strict_parsing=True)
    assert all(len(v) == 1 for v in values.values()), values
    return {name: v[0] for name, v in values.items()}


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "tools" / "class_links.py"), *args],
        capture_output=True,
        text=True,
        check=False,
    )


# ---- the repository and the notebooks


def test_repository_comes_from_pyproject():
    repo = class_links.project_repo()
    assert repo.url == "https://github.com/newscase/newscase"
    assert repo.folder == "newscase"


def test_ready_notebooks_are_the_committed_notebooks_in_course_order():
    on_disk = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    assert on_disk == READY
    assert READY[0] == class_links.START_NOTEBOOK


@pytest.mark.parametrize("name", ["03", "03_geography", "03_geography.ipynb", " 03 "])
def test_a_notebook_is_found_by_number_stem_or_file_name(name):
    assert class_links.find_notebook(name) == "03_geography.ipynb"


@pytest.mark.parametrize(
    "url, normalised",
    [
        ("https://github.com/me/newscase", "https://github.com/me/newscase"),
        ("https://github.com/me/newscase/", "https://github.com/me/newscase"),
        ("https://github.com/me/newscase.git", "https://github.com/me/newscase"),
        ("https://gitlab.example.edu/group/sub/newscase", "https://gitlab.example.edu/group/sub/newscase"),
        ("file:///srv/git/newscase", "file:///srv/git/newscase"),
    ],
)
def test_repository_addresses_are_normalised(url, normalised):
    repo = class_links.parse_repo(url)
    assert repo.url == normalised
    assert repo.folder == "newscase"


# ---- Binder


def test_binder_url_opens_notebook_00_in_jupyterlab():
    url = class_links.binder_url()
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc) == ("https", "mybinder.org")
    assert parts.path == "/v2/gh/newscase/newscase/main"
    assert query(url) == {"urlpath": "lab/tree/notebooks/00_start_here.ipynb"}
    assert (ROOT / "notebooks" / "00_start_here.ipynb").is_file()


def test_binder_url_for_a_fork_and_branch_encodes_the_branch():
    url = class_links.binder_url("https://github.com/me/my-fork.git", "spring/2027")
    parts = urlsplit(url)
    assert parts.path == "/v2/gh/me/my-fork/spring%2F2027"
    assert unquote(parts.path.rsplit("/", 1)[1]) == "spring/2027"


def test_binder_badge_is_the_logo_linking_to_the_binder_url():
    badge = class_links.binder_badge()
    assert badge == f"[![Binder](https://mybinder.org/badge_logo.svg)]({class_links.binder_url()})"


def test_binder_refuses_a_repository_outside_github():
    with pytest.raises(class_links.LinkError, match="GitHub repositories only"):
        class_links.binder_url("https://gitlab.com/me/newscase")


# ---- nbgitpuller


@pytest.mark.parametrize("notebook", READY)
def test_nbgitpuller_url_parts_round_trip(notebook):
    url = class_links.nbgitpuller_url(HUB, notebook)
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc) == ("https", "hub.example.edu")
    assert parts.path == "/hub/user-redirect/git-pull"
    assert parts.fragment == ""
    values = query(url)
    assert values == {
        "repo": "https://github.com/newscase/newscase",
        "branch": "main",
        "urlpath": f"lab/tree/newscase/notebooks/{notebook}",
    }
    # urlpath is relative to the hub home; nbgitpuller clones into <home>/<repository name>.
    prefix = f"lab/tree/{class_links.project_repo().folder}/"
    assert values["urlpath"].startswith(prefix)
    assert (ROOT / values["urlpath"].removeprefix(prefix)).is_file()


def test_query_values_are_fully_encoded():
    url = class_links.nbgitpuller_url(
        HUB, "00_start_here.ipynb", "https://git.example.edu/a b/news&case", "x+y"
    )
    raw = urlsplit(url).query
    assert raw.count("&") == 2 and raw.count("=") == 3  # no & or = leaks out of a value
    assert " " not in raw and "+" not in raw and "/" not in raw and ":" not in raw
    values = query(url)
    assert values["repo"] == "https://git.example.edu/a b/news&case"
    assert values["branch"] == "x+y"
    assert values["urlpath"] == "lab/tree/news&case/notebooks/00_start_here.ipynb"


def test_a_hub_under_a_path_prefix_keeps_it():
    url = class_links.nbgitpuller_url("https://example.edu/jupyter/", "01_context.ipynb")
    assert urlsplit(url).path == "/jupyter/hub/user-redirect/git-pull"


def test_hub_links_cover_every_ready_notebook_or_one():
    rows = class_links.hub_links(HUB)
    assert [r["file"] for r in rows] == READY
    assert len({r["url"] for r in rows}) == len(READY)
    (only,) = class_links.hub_links(HUB, only="02")
    assert only["file"] == "02_actors.ipynb"
    assert only["url"] == class_links.nbgitpuller_url(HUB, "02_actors.ipynb")


# ---- mistakes get one clear sentence


@pytest.mark.parametrize(
    "hub, message",
    [
        ("hub.example.edu", "give the full address with https://"),
        ("localhost:8000", "give the full address with https://"),
        ("ftp://hub.example.edu", "must start with https://"),
        ("https://hub.example.edu/hub/login", "without /hub/... or /user/..."),
        ("https://hub.example.edu/user/ana/lab", "without /hub/... or /user/..."),
        ("https://hub.example.edu/?next=x", "remove the part after"),
    ],
)
def test_bad_hub_addresses_are_explained(hub, message):
    with pytest.raises(class_links.LinkError, match=message.replace(".", r"\.").replace("?", r"\?")):
        class_links.nbgitpuller_url(hub)


@pytest.mark.parametrize(
    "repo, message",
    [
        ("github.com/me/newscase", "expected an address such as https://github.com/OWNER/REPO"),
        ("git@github.com:me/newscase.git", "use its https address"),
        ("https://github.com/me", "a GitHub address is https://github.com/OWNER/REPO"),
        ("https://github.com/me/newscase/tree/main", "a GitHub address is"),
        ("https://", "the address has no host"),
        ("https://github.com/", "names no repository"),
    ],
)
def test_malformed_repository_addresses_are_explained(repo, message):
    with pytest.raises(class_links.LinkError, match=message.replace(".", r"\.")):
        class_links.parse_repo(repo)


def test_unknown_notebook_lists_the_known_ones():
    with pytest.raises(class_links.LinkError) as caught:
        class_links.find_notebook("09")
    assert "no notebook '09'" in str(caught.value)
    assert "00_start_here, 01_context" in str(caught.value)


# ---- the command line


def test_cli_prints_the_badge_by_default_and_the_url_in_plain():
    done = run_cli()
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == class_links.binder_badge()
    done = run_cli("--format", "plain")
    assert done.stdout.strip() == class_links.binder_url()


def test_cli_markdown_table_has_one_row_per_notebook():
    done = run_cli("--hub", HUB)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert lines[:2] == ["| No. | Notebook | Link |", "|---|---|---|"]
    assert len(lines) == 2 + len(READY)
    for line, file in zip(lines[2:], READY, strict=True):
        cells = [c.strip() for c in line.strip("|").split("|")]
        assert cells[0] == file[:2]
        assert cells[2] == f"[open on the hub]({class_links.nbgitpuller_url(HUB, file)})"


def test_cli_plain_one_notebook_for_a_fork():
    done = run_cli(
        "--hub", HUB, "--notebook", "03", "--format", "plain",
        "--repo", "https://github.com/me/fork", "--branch", "spring",
    )
    assert done.returncode == 0, done.stderr
    file, url = done.stdout.split()
    assert file == "03_geography.ipynb"
    assert query(url) == {
        "repo": "https://github.com/me/fork",
        "branch": "spring",
        "urlpath": "lab/tree/fork/notebooks/03_geography.ipynb",
    }


@pytest.mark.parametrize(
    "args, message",
    [
        (["--hub", "hub.example.edu"], "give the full address with https://"),
        (["--hub", HUB, "--notebook", "9"], "no notebook '9'"),
        (["--repo", "github.com/me/fork"], "expected an address such as"),
        (["--branch", "two words"], "expected a branch name"),
    ],
)
def test_cli_mistakes_exit_2_with_one_line_and_no_traceback(args, message):
    done = run_cli(*args)
    assert done.returncode == 2
    assert done.stdout == ""
    assert message in done.stderr
    assert done.stderr.startswith("class_links.py: error: ")
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_cli_binder_link_for_another_notebook():
    done = run_cli("--notebook", "05", "--format", "plain")
    assert done.returncode == 0, done.stderr
    assert query(done.stdout.strip()) == {"urlpath": "lab/tree/notebooks/05_aftermath.ipynb"}
