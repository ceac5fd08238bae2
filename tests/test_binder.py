"""What Binder builds from this repository, read by repo2docker's own code.

Binder runs repo2docker on the repository. No Docker engine or conda runs on these machines,
so the tests ask repo2docker's build packs the questions it asks a repository (which
configuration files count, which build pack wins, which Python, whether the repository is
in place before the environment is installed) and render the Dockerfile it would build,
without building it. Then they build the package's wheel from the same tracked files, as the
`- -e .` line in environment.yml makes pip do, to show the repository root installs and
carries its data.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from repo2docker import app as repo2docker_app  # a test tool (the [test] extra)

from helpers import ROOT

# Files that make repo2docker use another build pack than conda, or change what it runs.
OTHER_CONFIG = [
    "Dockerfile", "requirements.txt", "setup.py", "Pipfile", "Pipfile.lock", "Project.toml",
    "REQUIRE", "default.nix", "install.R", "DESCRIPTION", "runtime.txt", "apt.txt",
    "postBuild", "start",
]


@pytest.fixture(scope="module")
def checkout(tmp_path_factory) -> Path:
    """The repository's tracked files only, as Binder's clone has them."""
    target = tmp_path_factory.mktemp("binder") / "repo"
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():  # a tracked file deleted in the working tree is skipped
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


@pytest.fixture(scope="module")
def build_pack(checkout):
    """The build pack repo2docker picks for the checkout (the first whose detect() is true)."""
    app = repo2docker_app.Repo2Docker()
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(checkout)  # repo2docker reads the repository from the working directory
        for pack_class in app.buildpacks:
            pack = pack_class(app.base_image)
            if pack.detect():
                pack.platform = "linux/amd64"  # mybinder.org builds for x86_64
                yield pack, pack.render()
                return
    pytest.fail("repo2docker found no build pack")


def test_no_binder_folder_or_other_config_shadows_environment_yml(checkout):
    # A binder/ or .binder/ folder would make repo2docker ignore the root's environment.yml.
    assert not (checkout / "binder").exists() and not (checkout / ".binder").exists()
    present = [name for name in OTHER_CONFIG if (checkout / name).exists()]
    assert present == [], f"repo2docker would also read {present}"


def test_repo2docker_picks_the_conda_build_pack_with_python_311(build_pack):
    pack, _ = build_pack
    assert type(pack).__name__ == "CondaBuildPack"
    assert pack.environment_yaml_path == "environment.yml"
    assert pack.python_version == "3.11"
    # repo2docker ships a solved base environment for the Python it was asked for.
    base_envs = Path(sys.modules[type(pack).__module__].__file__).parent
    assert (base_envs / "environment.py-3.11-linux-64.lock").is_file()


def test_the_repository_is_in_place_before_the_environment_is_installed(build_pack):
    pack, dockerfile = build_pack
    # "-e ." is a local pip requirement, so repo2docker must not pre-install the
    # environment from environment.yml alone (it would not find the package).
    assert pack._should_preassemble_env is False
    lines = dockerfile.splitlines()
    copy_repo = next(i for i, line in enumerate(lines) if line.startswith("COPY") and "${REPO_DIR}" in line)
    install = next(i for i, line in enumerate(lines) if "env update" in line and "environment.yml" in line)
    workdir = max(i for i, line in enumerate(lines[:install]) if line.startswith("WORKDIR"))
    assert copy_repo < install
    assert lines[workdir].split()[1] == "${REPO_DIR}"


def test_environment_yml_is_what_repo2docker_expects(checkout):
    env = yaml.safe_load((checkout / "environment.yml").read_text(encoding="utf-8"))
    assert env["channels"] == ["conda-forge", "nodefaults"]
    strings = [dep for dep in env["dependencies"] if isinstance(dep, str)]
    assert "python=3.11" in strings and "pip" in strings
    pip_sections = [dep["pip"] for dep in env["dependencies"] if isinstance(dep, dict)]
    assert pip_sections == [["-e ."]], "the package itself comes from the repository root"
    # Every other requirement is pinned from below, as in pyproject.toml (see
    # test_environment_sync.py for the one-to-one comparison).
    unpinned = [dep for dep in strings if dep not in {"pip"} and not any(op in dep for op in "=<>")]
    assert unpinned == []


def test_the_repository_root_builds_a_wheel_with_the_data(checkout, tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
         "--quiet", "--wheel-dir", str(tmp_path), str(checkout)],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    (wheel,) = tmp_path.glob("newscase-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ["newscase/__init__.py", "newscase/data/sources.yaml",
                   "newscase/data/course.yaml", "newscase/data/quizzes/00_start_here.yaml",
                   "newscase/data/borders/region.geojson"]:
        assert needed in names, needed
    assert {"newscase/data/article/article.txt", "newscase/data/article/article.yaml"} <= names
    # Every tracked file of the package is in the wheel (package-data misses none).
    tracked = {
        path.relative_to(checkout / "src").as_posix()
        for path in (checkout / "src" / "newscase").rglob("*")
        if path.is_file()
    }
    assert sorted(tracked - names) == []
    assert any(name.startswith("newscase/assets/") for name in names)


def test_readme_badge_is_the_link_class_links_builds():
    import class_links  # tools/class_links.py

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    badge = class_links.binder_badge()
    assert badge in readme.splitlines()[:5], "the badge sits under the README's title"
    assert "urlpath=lab/tree/notebooks/00_start_here.ipynb" in badge
    assert (ROOT / "notebooks" / "00_start_here.ipynb").is_file()
