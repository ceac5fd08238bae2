"""Links an instructor sends a class: Binder (notebook 00) and nbgitpuller links for a hub.

    python tools/class_links.py                                  Binder badge (Markdown)
    python tools/class_links.py --format plain                   Binder link
    python tools/class_links.py --hub https://hub.example.edu    nbgitpuller link per notebook
    python tools/class_links.py --hub https://hub.example.edu --notebook 03 --format plain
    python tools/class_links.py --repo https://github.com/me/newscase --branch spring ...

The repository comes from pyproject.toml ([project.urls] Repository); --repo and --branch
override it for a fork. The notebooks come from src/newscase/data/course.yaml (those marked
ready). An nbgitpuller link clones the repository into the student's hub home, in a folder
named after the repository, and opens the notebook in JupyterLab; later clicks pull the
instructor's changes and keep the student's (see docs/hub.md).
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = ROOT / "pyproject.toml"
COURSE = ROOT / "src" / "newscase" / "data" / "course.yaml"
DEFAULT_BRANCH = "main"
START_NOTEBOOK = "00_start_here.ipynb"
BINDER = "https://mybinder.org"
BINDER_BADGE_IMAGE = f"{BINDER}/badge_logo.svg"
# Schemes a student's hub can clone from without keys (file: a repository on the hub host).
CLONE_SCHEMES = ("https", "http", "file")


class LinkError(ValueError):
    """A mistake in what the instructor asked for; main() prints it without a traceback."""


@dataclass(frozen=True)
class Repo:
    """A git repository address, normalised (no trailing slash, no .git)."""

    url: str
    host: str
    path: str

    @property
    def folder(self) -> str:
        """The folder nbgitpuller clones into: the last part of the address."""
        return self.path.rsplit("/", 1)[-1]


def parse_repo(url: str) -> Repo:
    """Check a repository address and normalise it; raise LinkError when it is malformed."""
    text = url.strip()
    if text.startswith("git@") or text.startswith("ssh://"):
        raise LinkError(
            f"repository {url!r}: use its https address (students' servers have no SSH keys), "
            "e.g. https://github.com/OWNER/REPO"
        )
    parts = urlsplit(text)
    if parts.scheme not in CLONE_SCHEMES:
        raise LinkError(
            f"repository {url!r}: expected an address such as https://github.com/OWNER/REPO"
        )
    if parts.query or parts.fragment:
        raise LinkError(f"repository {url!r}: remove the part after '?' or '#'")
    path = parts.path.rstrip("/").removesuffix(".git").rstrip("/")
    if parts.scheme != "file" and not parts.netloc:
        raise LinkError(f"repository {url!r}: the address has no host")
    if not path.strip("/"):
        raise LinkError(f"repository {url!r}: the address names no repository")
    if parts.netloc.lower() == "github.com" and len(path.strip("/").split("/")) != 2:
        raise LinkError(
            f"repository {url!r}: a GitHub address is https://github.com/OWNER/REPO"
        )
    return Repo(url=f"{parts.scheme}://{parts.netloc}{path}", host=parts.netloc.lower(), path=path)


def project_repo(pyproject: Path = PYPROJECT) -> Repo:
    """The repository named in pyproject.toml's [project.urls] Repository."""
    with pyproject.open("rb") as handle:
        data = tomllib.load(handle)
    try:
        url = data["project"]["urls"]["Repository"]
    except KeyError:
        raise LinkError(
            f"{pyproject.name} has no [project.urls] Repository; give the address with --repo"
        ) from None
    return parse_repo(url)


def _repo(repo: str | Repo | None) -> Repo:
    if repo is None:
        return project_repo()
    return repo if isinstance(repo, Repo) else parse_repo(repo)


def _branch(branch: str | None) -> str:
    value = DEFAULT_BRANCH if branch is None else branch.strip()
    if not value or any(c.isspace() for c in value):
        raise LinkError(f"branch {branch!r}: expected a branch name such as {DEFAULT_BRANCH}")
    return value


def ready_notebooks(course: Path = COURSE) -> list[dict]:
    """The notebooks marked ready in course.yaml, in course order (file and title)."""
    try:
        import yaml  # a runtime dependency of the module (pyproject.toml)
    except ImportError:
        raise LinkError(
            "PyYAML is missing; run this with the module's environment, e.g. .venv/bin/python"
        ) from None
    records = yaml.safe_load(course.read_text(encoding="utf-8")) or []
    return [
        {"file": r["file"], "title": r["title"]} for r in records if r.get("status") == "ready"
    ]


def find_notebook(name: str, course: Path = COURSE) -> str:
    """A notebook's file name from its number, stem or file name ("03", "03_geography")."""
    wanted = name.strip().removesuffix(".ipynb")
    files = [r["file"] for r in ready_notebooks(course)]
    for file in files:
        stem = file.removesuffix(".ipynb")
        if wanted in (stem, stem.split("_", 1)[0]):
            return file
    raise LinkError(
        f"no notebook {name!r}; expected one of "
        + ", ".join(f.removesuffix(".ipynb") for f in files)
        + " (or just its number, e.g. 03)"
    )


def binder_url(
    repo: str | Repo | None = None, branch: str | None = None, notebook: str = START_NOTEBOOK
) -> str:
    """The mybinder.org link that builds the repository and opens ``notebook`` in JupyterLab."""
    source = _repo(repo)
    if source.host != "github.com":
        raise LinkError(
            f"repository {source.url!r}: Binder links are built here for GitHub repositories only"
        )
    owner, name = source.path.strip("/").split("/")
    ref = quote(_branch(branch), safe="")
    query = urlencode({"urlpath": f"lab/tree/notebooks/{notebook}"}, quote_via=quote, safe="/")
    return f"{BINDER}/v2/gh/{quote(owner)}/{quote(name)}/{ref}?{query}"


def binder_badge(
    repo: str | Repo | None = None, branch: str | None = None, notebook: str = START_NOTEBOOK
) -> str:
    """The README's Markdown badge: mybinder.org's logo linking to binder_url()."""
    return f"[![Binder]({BINDER_BADGE_IMAGE})]({binder_url(repo, branch, notebook)})"


def hub_base(hub: str) -> str:
    """The hub's address without a trailing slash; raise LinkError when it is not one."""
    text = hub.strip()
    parts = urlsplit(text)
    if not parts.scheme or not parts.netloc:
        raise LinkError(
            f"hub {hub!r}: give the full address with https://, e.g. https://hub.example.edu"
        )
    if parts.scheme not in ("https", "http"):
        raise LinkError(f"hub {hub!r}: the address must start with https:// (or http://)")
    if parts.query or parts.fragment:
        raise LinkError(f"hub {hub!r}: remove the part after '?' or '#'")
    path = parts.path.rstrip("/")
    if {"hub", "user"} & set(path.split("/")):
        raise LinkError(
            f"hub {hub!r}: give the hub's home address, without /hub/... or /user/... "
            f"(e.g. {parts.scheme}://{parts.netloc})"
        )
    return f"{parts.scheme}://{parts.netloc}{path}"


def nbgitpuller_url(
    hub: str,
    notebook: str = START_NOTEBOOK,
    repo: str | Repo | None = None,
    branch: str | None = None,
) -> str:
    """The link that pulls the repository into a student's hub home and opens ``notebook``.

    JupyterHub's /hub/user-redirect/ sends it to the student's own server (started if
    needed), where nbgitpuller's /git-pull clones or updates the repository and then opens
    ``urlpath``, relative to the home folder: <repository folder>/notebooks/<notebook>.
    """
    source = _repo(repo)
    query = urlencode(
        {
            "repo": source.url,
            "branch": _branch(branch),
            "urlpath": f"lab/tree/{source.folder}/notebooks/{notebook}",
        },
        quote_via=quote,
        safe="",
    )
    return f"{hub_base(hub)}/hub/user-redirect/git-pull?{query}"


def hub_links(hub: str, repo=None, branch=None, only: str | None = None) -> list[dict]:
    """One nbgitpuller link per ready notebook (or for ``only``): file, title, url."""
    files = [find_notebook(only)] if only else None
    rows = []
    for record in ready_notebooks():
        if files is None or record["file"] in files:
            url = nbgitpuller_url(hub, record["file"], repo, branch)
            rows.append({**record, "url": url})
    return rows


def markdown_table(rows: list[dict]) -> str:
    """The links as a Markdown table an instructor can paste into a course page."""
    lines = ["| No. | Notebook | Link |", "|---|---|---|"]
    for row in rows:
        number = row["file"].split("_", 1)[0]
        lines.append(f"| {number} | {row['title']} | [open on the hub]({row['url']}) |")
    return "\n".join(lines)


def render(args: argparse.Namespace) -> str:
    """What the command prints for parsed arguments."""
    repo = parse_repo(args.repo) if args.repo else project_repo()
    if args.hub is None:
        notebook = find_notebook(args.notebook) if args.notebook else START_NOTEBOOK
        if args.format == "plain":
            return binder_url(repo, args.branch, notebook)
        return binder_badge(repo, args.branch, notebook)
    rows = hub_links(args.hub, repo, args.branch, args.notebook)
    if args.format == "plain":
        return "\n".join(f"{row['file']}  {row['url']}" for row in rows)
    return markdown_table(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="class_links.py",
        description="Print the Binder badge, or nbgitpuller links for a JupyterHub, "
        "for this module's notebooks.",
    )
    parser.add_argument("--hub", help="the hub's address, e.g. https://hub.example.edu")
    parser.add_argument("--notebook", help="only this notebook (number or name, e.g. 03)")
    parser.add_argument("--repo", help="repository address (default: pyproject.toml's)")
    parser.add_argument("--branch", help=f"branch (default: {DEFAULT_BRANCH})")
    parser.add_argument(
        "--format", choices=("markdown", "plain"), default="markdown", help="output format"
    )
    args = parser.parse_args(argv)
    try:
        print(render(args))
    except LinkError as error:
        print(f"class_links.py: error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
