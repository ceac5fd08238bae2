"""make lite: the JupyterLite site's contents, and the site in Chromium with the network cut.

The site is built once for this module (tools/build_lite.py, offline) into a tmp folder.
"""

from __future__ import annotations

import ast
import asyncio
import concurrent.futures
import inspect
import json
import os
import re
import sys
import tomllib
import types
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.version import Version

import build_lite  # tools/build_lite.py, the script `make lite` runs
from helpers import ROOT, open_offline, serve

NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PYODIDE_CDN = "https://cdn.jsdelivr.net/pyodide/v314.0.6/"
TIMEOUT = 90_000  # ms: loading JupyterLite on a slow CI machine


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    try:
        return build_lite.build(tmp_path_factory.mktemp("lite") / "site")
    except build_lite.LiteBuildError as error:
        if "make lite" in str(error) and not os.environ.get("NEWSCASE_CI"):
            pytest.skip(str(error))  # locally, before the wheels were downloaded
        raise


def _config(site: Path) -> dict:
    return json.loads((site / "jupyter-lite.json").read_text())["jupyter-config-data"]


def _setup_lists(cell: dict) -> dict[str, list[str]]:
    """The install lists the lite-setup cell assigns (FROM_PYODIDE, BUNDLED)."""
    flags = ast.PyCF_ONLY_AST | ast.PyCF_ALLOW_TOP_LEVEL_AWAIT
    tree = compile("".join(cell["source"]), "lite-setup", "exec", flags=flags)
    return {
        node.targets[0].id: ast.literal_eval(node.value)
        for node in tree.body
        if isinstance(node, ast.Assign)
    }


def _bundled_wheels(site: Path) -> list[Path]:
    return sorted((site / "pypi").glob("*.whl"))


def _pin(wheel: Path) -> str:
    name, version = wheel.name.split("-")[:2]
    return f"{name}=={version}"


# ---- contents


def test_the_site_holds_the_notebooks_and_nothing_else(site):
    import yaml

    outline = yaml.safe_load((ROOT / "src/newscase/data/course.yaml").read_text(encoding="utf-8"))
    assert sorted(r["file"] for r in outline if r["status"] == "ready") == NOTEBOOKS
    assert sorted(p.name for p in (site / "files").iterdir()) == NOTEBOOKS
    listing = json.loads((site / "api" / "contents" / "all.json").read_text())
    assert sorted(item["name"] for item in listing["content"]) == NOTEBOOKS


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_each_notebook_gains_a_setup_cell_and_keeps_everything_else(site, name):
    original = (ROOT / "notebooks" / name).read_text(encoding="utf-8")
    copy = json.loads((site / "files" / name).read_text(encoding="utf-8"))
    tagged = [i for i, c in enumerate(copy["cells"]) if c["metadata"].get("tags")]
    note = next(i for i in tagged if "lite-setup-note" in copy["cells"][i]["metadata"]["tags"])
    code = [i for i, c in enumerate(copy["cells"]) if c["cell_type"] == "code"]
    assert "lite-setup" in copy["cells"][code[0]]["metadata"]["tags"], "first code cell"
    assert code[0] == note + 1
    assert "JupyterLite" in "".join(copy["cells"][note]["source"])
    assert "frame-header" in copy["cells"][0]["metadata"]["tags"], "the title stays first"
    del copy["cells"][note : note + 2]
    # The rest, outputs included, is the committed notebook byte for byte.
    assert build_lite.serialise(copy) == original
    assert any(c.get("outputs") for c in copy["cells"] if c["cell_type"] == "code")


def test_the_piplite_index_lists_every_bundled_wheel(site):
    wheels = _bundled_wheels(site)
    index = json.loads((site / "pypi" / "all.json").read_text())
    listed = {
        release["filename"]
        for project in index.values()
        for files in project["releases"].values()
        for release in files
    }
    assert listed == {w.name for w in wheels}
    assert list(index["newscase"]["releases"]) == [PYPROJECT["project"]["version"]]
    pinned = {f"{n}=={v}" for n, v in build_lite.read_pins()}
    assert {_pin(w) for w in wheels} == pinned | {f"newscase=={PYPROJECT['project']['version']}"}
    for wheel in wheels:  # name-version-python-abi-platform.whl: pure Python 3 only
        python, abi, platform = wheel.stem.split("-")[-3:]
        assert "py3" in python.split(".") and (abi, platform) == ("none", "any"), wheel.name


def test_the_newscase_wheel_carries_the_package_data(site):
    wheel = next(w for w in _bundled_wheels(site) if w.name.startswith("newscase-"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "newscase/data/sources.yaml",
        "newscase/data/article/article.txt",
        "newscase/data/quizzes/00_start_here.yaml",
        "newscase/assets/leaflet/leaflet.js",
        "newscase/core/browser.py",
    ):
        assert needed in names, needed


def test_config_uses_the_pyodide_kernel_without_pypi_and_names_the_module(site):
    config = _config(site)
    assert config["defaultKernelName"] == "python"
    kernel = config["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]
    assert kernel["disablePyPIFallback"] is True
    assert kernel["pipliteUrls"][0].startswith("./pypi/all.json")
    assert "pyodideUrl" not in kernel, "Pyodide comes from its CDN unless --pyodide is given"
    assert "newscase" in config["appName"]


def test_only_the_kernel_and_widgets_extensions_are_in_the_site(site):
    names = {e["name"] for e in _config(site)["federated_extensions"]}
    assert names == {"@jupyterlite/pyodide-kernel-extension", "@jupyter-widgets/jupyterlab-manager"}
    on_disk = {
        p.parent.relative_to(site / "extensions").as_posix()
        for p in (site / "extensions").glob("**/package.json")
    }
    assert not [n for n in on_disk if "nbgrader" in n]
    assert on_disk == names


def test_the_setup_cell_installs_exactly_what_is_bundled_and_all_it_needs(site):
    copy = json.loads((site / "files" / NOTEBOOKS[0]).read_text(encoding="utf-8"))
    cell = next(c for c in copy["cells"] if "lite-setup" in c["metadata"].get("tags", []))
    lists = _setup_lists(cell)
    assert sorted(lists["BUNDLED"]) == sorted(_pin(w) for w in _bundled_wheels(site))
    available = {re.sub(r"[-_.]+", "-", n.split("==")[0]).lower() for n in lists["BUNDLED"]}
    available |= set(lists["FROM_PYODIDE"])
    # newscase's own requirements, and those of every bundled wheel, are all installed.
    needs = list(PYPROJECT["project"]["dependencies"])
    for wheel in _bundled_wheels(site):
        with zipfile.ZipFile(wheel) as archive:
            meta = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
            text = archive.read(meta).decode()
        if not wheel.name.startswith("newscase-"):
            needs += re.findall(r"^Requires-Dist: (.+)$", text, flags=re.M)
    missing = set()
    for spec in needs:
        requirement = Requirement(spec)
        name = re.sub(r"[-_.]+", "-", requirement.name).lower()
        if requirement.marker and not requirement.marker.evaluate({"extra": ""}):
            continue  # an optional extra (tests, docs)
        if name not in available and name != "jupyterlab":  # JupyterLite replaces jupyterlab
            missing.add(name)
    assert not missing, f"installed by nobody in the browser: {sorted(missing)}"


def _run_setup_cell(monkeypatch, install) -> None:
    """Run the setup cell's code as Pyodide would, with ``install`` standing in for piplite."""
    monkeypatch.setattr(sys, "platform", "emscripten")
    monkeypatch.setitem(sys.modules, "piplite", types.SimpleNamespace(install=install))
    cell = build_lite.setup_cells("00_start_here", ["newscase==0.1.0", "folium==0.20.0"])[1]
    flags = ast.PyCF_ALLOW_TOP_LEVEL_AWAIT
    code = compile(cell["source"], "lite-setup", "exec", flags=flags)
    result = eval(code, {})
    if inspect.iscoroutine(result):
        # In a thread of its own: a browser test's Playwright may own this thread's loop.
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
            pool.submit(asyncio.run, result).result()


def test_the_setup_cell_installs_pyodide_packages_then_the_wheels_without_deps(monkeypatch, capsys):
    calls = []

    async def install(requirements, **options):
        calls.append((list(requirements), options))

    _run_setup_cell(monkeypatch, install)
    assert calls == [
        (list(build_lite.FROM_PYODIDE), {}),
        (["newscase==0.1.0", "folium==0.20.0"], {"deps": False}),
    ]
    assert "Ready" in capsys.readouterr().out


def test_the_setup_cell_explains_a_failed_install(monkeypatch, capsys):
    async def install(requirements, **options):
        raise OSError("network unreachable")

    _run_setup_cell(monkeypatch, install)
    out = capsys.readouterr().out
    assert "Could not install the module (OSError: network unreachable)" in out
    assert "run this cell again" in out and "Ready" not in out


def test_pinned_wheels_meet_the_minimums_in_pyproject():
    minimums = {}
    for spec in PYPROJECT["project"]["dependencies"]:
        requirement = Requirement(spec)
        minimums[requirement.name.lower()] = requirement.specifier
    for name, version in build_lite.read_pins():
        if name.lower() in minimums:
            assert Version(version) in minimums[name.lower()], f"{name}=={version}"


# ---- errors the person building meets


def test_a_missing_wheel_folder_names_the_make_command(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(build_lite, "WHEEL_DIR", tmp_path / "nowhere")
    assert build_lite.main(["--output", str(tmp_path / "site")]) == 1
    err = capsys.readouterr().err
    assert "make lite" in err and "Traceback" not in err
    assert str(tmp_path / "nowhere") in err
    assert not (tmp_path / "site").exists()


def test_a_missing_wheel_is_named(tmp_path):
    (tmp_path / "folium-0.20.0-py2.py3-none-any.whl").write_bytes(b"")
    with pytest.raises(build_lite.LiteBuildError, match=r"lacks comm==0\.2\.3.*make lite"):
        build_lite.find_wheels(tmp_path, [("folium", "0.20.0"), ("comm", "0.2.3")])


def test_a_folder_that_is_not_pyodide_is_refused(tmp_path):
    with pytest.raises(build_lite.LiteBuildError, match="not a Pyodide distribution"):
        build_lite.stage_pyodide(str(tmp_path), tmp_path / "site")


def test_a_local_pyodide_is_served_from_the_site(tmp_path):
    """--pyodide with a folder: the kernel loads Pyodide from the site, not the CDN.

    The folder is a stand-in with the two files the build checks, not a working Pyodide.
    """
    fake = tmp_path / "pyodide-dist"
    fake.mkdir()
    (fake / "pyodide.mjs").write_text("export {};\n")
    (fake / "pyodide-lock.json").write_text('{"info": {"python": "3.14.2"}, "packages": {}}\n')
    try:
        site = build_lite.build(tmp_path / "site", pyodide=str(fake))
    except build_lite.LiteBuildError as error:
        if "make lite" in str(error) and not os.environ.get("NEWSCASE_CI"):
            pytest.skip(str(error))
        raise
    kernel = _config(site)["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]
    assert kernel["pyodideUrl"] == "./static/pyodide/pyodide.mjs"
    assert (site / "static" / "pyodide" / "pyodide-lock.json").is_file()


# ---- in Chromium


def _notebook_text_until(page, wanted: str) -> str:
    """The notebook's text, scrolling down until ``wanted`` is drawn (cells draw on view)."""
    text = ""
    for _ in range(100):
        text = page.inner_text(".jp-NotebookPanel .jp-Notebook")
        if wanted in text:
            break
        page.locator(".jp-NotebookPanel .jp-WindowedPanel-outer").first.evaluate(
            "e => e.scrollBy(0, 1200)"
        )
        page.wait_for_timeout(150)  # not time.sleep: routes are being served
    return text


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("start", ["lab/index.html?path=00_start_here.ipynb", ""])
def test_the_site_opens_notebook_00_offline(chromium, site, artifacts_dir, start):
    """The site loads from a local server and shows notebook 00 as committed.

    The kernel is not run: Pyodide comes from its CDN, which is cut off here (and PyPI
    has no Pyodide builds of numpy or pandas to bundle instead). So this checks the site,
    the notebook and its saved outputs, and that the only request leaving the site is
    the kernel asking the CDN for Pyodide. The bare address ("") opens notebook 00 too,
    through the site's default workspace.
    """
    with serve(site) as base:
        page, record = open_offline(chromium, f"{base}/{start}", base)
        try:
            page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=TIMEOUT)
            tab = page.locator(".lm-TabBar-tab.jp-mod-current .lm-TabBar-tabLabel").first
            tab_label = tab.inner_text()
            heading = page.locator(".jp-NotebookPanel h1").first.inner_text()
            first_code = page.locator(".jp-NotebookPanel .jp-CodeCell").first
            first_code.filter(has_text="lite-setup").wait_for(timeout=TIMEOUT)  # drawn late
            setup = first_code.inner_text()
            page.wait_for_selector(".jp-DirListing-item", timeout=TIMEOUT)
            listed = page.locator(".jp-DirListing-item .jp-DirListing-itemText").all_inner_texts()
            name = "lite_notebook00.png" if start else "lite_root.png"
            page.screenshot(path=str(artifacts_dir / name))
            text = _notebook_text_until(page, "Which outlet published the article")
            for _ in range(TIMEOUT // 250):  # until the kernel's worker asks for Pyodide
                if any(u.endswith("/pyodide.mjs") for u in record["external"]):
                    break
                page.wait_for_timeout(250)
            title = page.title()
        finally:
            page.context.close()
    assert tab_label == "00_start_here.ipynb"
    assert sorted(listed) == NOTEBOOKS, "the file browser shows every notebook"
    assert heading.startswith("Start here: one article, read closely")
    assert "lite-setup" in setup and "piplite" in setup
    assert "Which outlet published the article" in text
    assert "newscase" in title
    assert record["failed"] == [], f"the site lacks files: {record['failed'][:5]}"
    outside = [u for u in record["external"] if not u.startswith(PYODIDE_CDN)]
    assert outside == [], f"requests left the site: {outside[:5]}"
    assert any(u.endswith("/pyodide.mjs") for u in record["external"]), record["external"]
