"""Build the module as a static JupyterLite site: Python in the browser, nothing to install.

Usage: python tools/build_lite.py [--output DIR] [--pyodide PATH_OR_URL]

`make lite` runs it (after downloading the bundled wheels); docs/lite.md explains what
works in the browser and what does not. The site holds the six notebooks (each with a
first cell that installs the module), newscase's own wheel and the pure-Python wheels
listed in tools/lite-wheels.txt, JupyterLab's widgets extension and the Pyodide kernel.
Pyodide itself comes from its CDN unless --pyodide names a full Pyodide distribution.
Nothing here goes online, except --pyodide given a URL.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
WHEEL_LIST = ROOT / "tools" / "lite-wheels.txt"
WHEEL_DIR = Path(sys.prefix) / "lite-wheels"  # filled by `make lite` (pip download)
OUTPUT = ROOT / "build" / "lite"
START_NOTEBOOK = "00_start_here.ipynb"
SITE_NAME = "Reading one article (newscase) in JupyterLite"
KERNEL_PLUGIN = "@jupyterlite/pyodide-kernel-extension:kernel"
KERNEL_EXTENSION = Path("share/jupyter/labextensions/@jupyterlite/pyodide-kernel-extension")
WIDGETS_WHEEL = "jupyterlab_widgets"  # also the source of the widgets lab extension
SETUP_TAG, NOTE_TAG = "lite-setup", "lite-setup-note"
# What the notebooks import that Pyodide's own distribution provides (from its CDN).
FROM_PYODIDE = (
    "ipython",
    "jinja2",
    "matplotlib",
    "numpy",
    "pandas",
    "pyyaml",
    "requests",
    "traitlets",
    "widgetsnbextension",  # the Pyodide kernel's own stand-in, served from the site
    "xyzservices",
)
SOURCE_FILES = ("pyproject.toml", "README.md", "LICENSE")


class LiteBuildError(Exception):
    """A problem the person building can fix; printed without a traceback."""


def say(message: str) -> None:
    print(f"[lite] {message}", flush=True)


# ---- inputs


def read_pins(path: Path = WHEEL_LIST) -> list[tuple[str, str]]:
    """(name, version) for every ``name==version`` line of tools/lite-wheels.txt."""
    pins = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        match = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)==([0-9][A-Za-z0-9.]*)", line)
        if not match:
            raise LiteBuildError(f"{path.name} line {number}: expected name==version, got {raw!r}")
        pins.append((match.group(1), match.group(2)))
    return pins


def normalise(name: str) -> str:
    """A project name as wheel file names spell it (PEP 427: lower case, runs of -_. as _)."""
    return re.sub(r"[-_.]+", "_", name).lower()


def find_wheels(folder: Path, pins: list[tuple[str, str]]) -> list[Path]:
    """The pure-Python wheel of each pin in ``folder``; a clear error when any is missing."""
    hint = "Run `make lite` (it downloads them with pip), then try again."
    if not folder.is_dir():
        raise LiteBuildError(f"The wheels the site bundles are not in {folder}. {hint}")
    found, missing = [], []
    for name, version in pins:
        matches = sorted(folder.glob(f"{normalise(name)}-{version}-*py3-none-any.whl"))
        if matches:
            found.append(matches[0])
        else:
            missing.append(f"{name}=={version}")
    if missing:
        raise LiteBuildError(f"{folder} lacks {', '.join(missing)}. {hint}")
    return found


def kernel_extension() -> Path:
    """The Pyodide kernel's lab extension, as installed in this environment."""
    path = Path(sys.prefix) / KERNEL_EXTENSION
    if not (path / "package.json").is_file():
        raise LiteBuildError(
            f"The JupyterLite Pyodide kernel is not installed in {sys.prefix}. "
            "Run `make lite` (it installs the build tools), then try again."
        )
    return path


# ---- newscase's wheel


def build_own_wheel(dest: Path, scratch: Path) -> Path:
    """newscase's wheel, built offline from a copy of the sources (no build isolation)."""
    source = scratch / "source"
    source.mkdir()
    for name in SOURCE_FILES:
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(
        ROOT / "src",
        source / "src",
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info"),
    )
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation"]
    command += ["--no-index", "--quiet", "--wheel-dir", str(dest), str(source)]
    done = subprocess.run(command, capture_output=True, text=True)
    wheels = sorted(dest.glob("newscase-*.whl"))
    if done.returncode != 0 or not wheels:
        raise LiteBuildError(
            "Could not build newscase's wheel (its build backend, flit_core, comes with "
            "`make lite`):\n"
            + (done.stderr or done.stdout)[-2000:]
        )
    return wheels[0]


# ---- notebooks


def wheel_pin(wheel: Path) -> str:
    """``name==version`` from a wheel's file name."""
    name, version = wheel.name.split("-")[:2]
    return f"{name}=={version}"


def setup_cells(stem: str, bundled: list[str]) -> list[dict]:
    """The markdown note and the code cell that install the module in the browser."""
    note = (
        "**In the browser (JupyterLite).** This copy of the notebook runs Python inside "
        "your web browser, so nothing is installed on your computer. Run the next cell "
        "first, each time you open the notebook or restart its kernel: it installs the "
        "module into the browser's Python. The first run downloads Python and its "
        "libraries, which can take a while on a slow connection. "
        "The outputs you see below were saved when the notebook was made; run the cells "
        "to make them live."
    )
    code = "\n".join(
        [
            "# lite-setup: installs the module into this browser's Python (JupyterLite only).",
            "import sys",
            "",
            f"FROM_PYODIDE = {json.dumps(list(FROM_PYODIDE))}",
            f"BUNDLED = {json.dumps(bundled)}  # wheels served by this site",
            "",
            'if sys.platform == "emscripten":',
            "    import piplite",
            "",
            "    try:",
            "        await piplite.install(FROM_PYODIDE)",
            "        await piplite.install(BUNDLED, deps=False)  # deps=False: not JupyterLab",
            '        print("Ready: the module is installed in this browser tab.")',
            "    except Exception as error:  # most often: no connection to Pyodide's CDN",
            '        print(f"Could not install the module ({type(error).__name__}: {error}).")',
            '        print("Check that you are online, then run this cell again.")',
            "else:",
            '    print("Not in JupyterLite: nothing to install here.")',
        ]
    )
    return [
        {
            "cell_type": "markdown",
            "id": f"{stem[:2]}-{NOTE_TAG}",
            "metadata": {"tags": [NOTE_TAG]},
            "source": note,
        },
        {
            "cell_type": "code",
            "execution_count": None,
            "id": f"{stem[:2]}-{SETUP_TAG}",
            "metadata": {"tags": [SETUP_TAG]},
            "outputs": [],
            "source": code,
        },
    ]


def _split_lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def insertion_point(cells: list[dict]) -> int:
    """After the leading frame cells (title and navigation), before any code."""
    index = 0
    while index < len(cells) and any(
        tag.startswith("frame-") for tag in cells[index].get("metadata", {}).get("tags", [])
    ):
        index += 1
    return index


def serialise(nb: dict) -> str:
    """JSON as nbformat writes it (so unchanged cells stay byte-for-byte the same)."""
    return json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def lite_notebook(path: Path, bundled: list[str]) -> str:
    """The notebook with the setup note and cell inserted; everything else unchanged."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    extra = setup_cells(path.stem, bundled)
    for cell in extra:
        cell["source"] = _split_lines(cell["source"])
    at = insertion_point(nb["cells"])
    nb["cells"][at:at] = extra
    return serialise(nb)


# ---- the site


def site_config() -> dict:
    """jupyter-lite.json for the site: title, the Pyodide kernel, no PyPI fallback."""
    return {
        "jupyter-lite-schema-version": 0,
        "jupyter-config-data": {
            "appName": SITE_NAME,
            "defaultKernelName": "python",
            "litePluginSettings": {KERNEL_PLUGIN: {"disablePyPIFallback": True}},
        },
    }


def default_workspace() -> dict:
    """A workspace that opens notebook 00 on a first visit (later visits restore the user's)."""
    widget = f"notebook:{START_NOTEBOOK}"
    return {
        "data": {
            "layout-restorer:data": {
                "main": {
                    "dock": {"type": "tab-area", "currentIndex": 0, "widgets": [widget]},
                    "current": widget,
                },
                "left": {"collapsed": False, "visible": True, "current": "filebrowser"},
            },
            widget: {"data": {"path": START_NOTEBOOK, "factory": "Notebook"}},
        },
        "metadata": {"id": "default"},
    }


def stage_pyodide(option: str, lite_dir: Path) -> str | None:
    """The ``pyodide_url`` to build with; a folder is copied where JupyterLite looks instead."""
    if re.match(r"^https?://", option):
        return option
    path = Path(option).expanduser().resolve()
    if path.is_dir():
        for needed in ("pyodide.mjs", "pyodide-lock.json"):
            if not (path / needed).is_file():
                raise LiteBuildError(f"{path} is not a Pyodide distribution: it has no {needed}.")
        say(f"copying the Pyodide distribution from {path} ...")
        shutil.copytree(path, lite_dir / "static" / "pyodide")
        return None
    if path.is_file() and path.name.endswith(".tar.bz2"):
        return str(path)
    raise LiteBuildError(
        f"PYODIDE={option} is neither a folder with pyodide.mjs, a .tar.bz2 file, nor a URL."
    )


def build_config(wheels: list[Path], extensions: list[Path], pyodide_url: str | None) -> dict:
    """jupyter_lite_config.json: what `jupyter lite build` puts in the site."""
    config = {
        "LiteBuildConfig": {
            "apps": ["lab"],
            "contents": ["files"],
            # Nothing from this environment (nbgrader's and other lab extensions stay
            # out) except the extensions named here.
            "ignore_sys_prefix": True,
            "federated_extensions": [str(e) for e in extensions],
            "no_sourcemaps": True,
            "no_unused_shared_packages": True,
        },
        "PipliteAddon": {"piplite_urls": [str(w) for w in wheels]},
    }
    if pyodide_url:
        config["PyodideAddon"] = {"pyodide_url": pyodide_url}
    return config


def jupyter_lite_build(lite_dir: Path, output: Path, config: dict) -> None:
    (lite_dir / "jupyter_lite_config.json").write_text(json.dumps(config, indent=2))
    command = [sys.executable, "-m", "jupyterlite_core", "build"]
    command += ["--lite-dir", str(lite_dir), "--output-dir", str(output)]
    done = subprocess.run(command, cwd=lite_dir, capture_output=True, text=True)
    if done.returncode != 0:
        raise LiteBuildError(
            "jupyter lite build failed; its last output:\n" + (done.stdout + done.stderr)[-3000:]
        )


def replace_output(output: Path) -> None:
    """Remove an earlier site at ``output`` (only a folder that looks like one)."""
    if not output.exists():
        return
    if output.is_dir() and (not any(output.iterdir()) or (output / "jupyter-lite.json").exists()):
        shutil.rmtree(output)
        return
    raise LiteBuildError(f"{output} exists and is not a JupyterLite site; choose another --output.")


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def build(output: Path = OUTPUT, pyodide: str | None = None, wheel_dir: Path | None = None) -> Path:
    """Build the site into ``output`` (default build/lite); return it."""
    started = time.monotonic()
    wheel_dir = wheel_dir or WHEEL_DIR
    pins = read_pins()
    say(f"1/5 checking the {len(pins)} bundled wheels in {wheel_dir} ...")
    wheels = find_wheels(wheel_dir, pins)
    extension = kernel_extension()
    with tempfile.TemporaryDirectory(prefix="newscase-lite-") as scratch_name:
        scratch = Path(scratch_name)
        lite_dir, wheel_out = scratch / "site", scratch / "wheels"
        (lite_dir / "files").mkdir(parents=True)
        say("2/5 building newscase's wheel (offline) ...")
        own = build_own_wheel(wheel_out, scratch)
        bundled = [wheel_pin(own)] + [wheel_pin(w) for w in wheels]
        say(f"3/5 copying the notebooks, each with a first cell installing {len(bundled)} wheels")
        for notebook in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")):
            text = lite_notebook(notebook, bundled)
            (lite_dir / "files" / notebook.name).write_text(text, encoding="utf-8")
        (lite_dir / "jupyter-lite.json").write_text(json.dumps(site_config(), indent=2))
        (lite_dir / "workspaces").mkdir()
        (lite_dir / "workspaces" / "default.jupyterlab-workspace").write_text(
            json.dumps(default_workspace(), indent=2)
        )
        pyodide_url = stage_pyodide(pyodide, lite_dir) if pyodide else None
        widgets = [w for w in wheels if w.name.startswith(WIDGETS_WHEEL + "-")]
        if not widgets:
            raise LiteBuildError(f"{WHEEL_LIST.name} must pin {WIDGETS_WHEEL} (its lab extension).")
        say("4/5 running jupyter lite build ...")
        replace_output(output)
        config = build_config([own, *wheels], [extension, widgets[0]], pyodide_url)
        jupyter_lite_build(lite_dir, output, config)
    say(f"5/5 done in {time.monotonic() - started:.0f} s: {folder_size(output) / 2**20:.1f} MiB")
    return output


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT, help="site folder (build/lite)")
    parser.add_argument(
        "--pyodide",
        default=None,
        help="a full Pyodide 314.0.6 distribution (folder, .tar.bz2 or URL) to serve "
        "from the site instead of the CDN",
    )
    args = parser.parse_args(argv)
    try:
        output = build(args.output.resolve(), args.pyodide)
    except LiteBuildError as error:
        print(f"make lite: {error}", file=sys.stderr)
        return 1
    try:
        shown = output.relative_to(Path.cwd())
    except ValueError:
        shown = output
    print(f"\nThe site is in {shown}/. JupyterLite does not work from file://; serve it:")
    print(f"    python -m http.server -d {shown} 8000")
    print(f"and open http://127.0.0.1:8000/lab/index.html?path={START_NOTEBOOK}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
