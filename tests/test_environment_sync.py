"""environment.yml (conda, Binder) and pyproject.toml must ask for the same packages."""

from __future__ import annotations

import re
import tomllib

import yaml

from helpers import ROOT

# Where conda-forge names a package differently from PyPI.
CONDA_NAMES = {"matplotlib": "matplotlib-base"}


def _split(requirement: str) -> tuple[str, str]:
    match = re.fullmatch(r"\s*([A-Za-z0-9_.\-]+)\s*(.*)", requirement)
    return match.group(1).lower(), match.group(2).replace(" ", "")


def _pyproject():
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _environment():
    return yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))


def test_environment_uses_conda_forge_only():
    env = _environment()
    assert env["channels"] == ["conda-forge", "nodefaults"]


def test_every_runtime_dependency_is_in_environment_yml_with_the_same_bound():
    wanted = {CONDA_NAMES.get(n, n): spec for n, spec in map(_split, _pyproject()["dependencies"])}
    conda = dict(_split(d) for d in _environment()["dependencies"] if isinstance(d, str))
    conda.pop("pip")
    python = conda.pop("python")
    assert conda == wanted, "environment.yml and pyproject.toml [dependencies] differ"
    minimum = re.search(r"[0-9.]+", _pyproject()["requires-python"]).group(0)
    assert python.lstrip("=") >= minimum, "environment.yml pins a Python older than requires-python"


def test_environment_installs_the_package_itself_from_the_repo_root():
    pip_sections = [d["pip"] for d in _environment()["dependencies"] if isinstance(d, dict)]
    assert pip_sections == [["-e ."]]


def test_test_tools_stay_out_of_runtime_dependencies():
    runtime = {_split(d)[0] for d in _pyproject()["dependencies"]}
    test_tools = {_split(d)[0] for d in _pyproject()["optional-dependencies"]["test"]}
    assert {"pytest", "nbval", "hypothesis", "playwright", "ruff"} <= test_tools
    assert not runtime & test_tools
