"""Keep the committed notebooks framed, executed and deterministic.

    python tools/build_notebooks.py execute [NAME ...]   regenerate frames, execute, normalise, save
    python tools/build_notebooks.py frame   [NAME ...]   only regenerate the frame cells
    python tools/build_notebooks.py readme               regenerate the README's notebook table
    python tools/build_notebooks.py glossary             regenerate docs/glossary.md

Frame cells (tagged ``frame-header`` and ``frame-nav``) are generated from
src/newscase/data/course.yaml. After execution the notebook is normalised so that
re-running it changes nothing in git: cell ids by position, kernelspec python3, no
volatile metadata, and live widget views removed (the static text/html and text/plain
fallbacks stay, so the notebook reads well without a kernel; nbval ignores widget views).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def frame_cells(stem: str) -> dict[str, str]:
    from newscase.core import course

    return {
        "frame-header": course.header_markdown(stem),
        "frame-nav": course.navigation_markdown(stem),
    }


def apply_frame(nb, stem: str) -> None:
    generated = frame_cells(stem)
    for cell in nb.cells:
        for tag, source in generated.items():
            if tag in cell.metadata.get("tags", []):
                cell.source = source


def normalise(nb, stem: str) -> None:
    nb.metadata = {
        "kernelspec": dict(KERNELSPEC),
        "language_info": {"name": "python"},
    }
    nb.nbformat, nb.nbformat_minor = 4, 5
    for index, cell in enumerate(nb.cells):
        cell.id = f"{stem[:2]}-{index:03d}"
        cell.metadata.pop("execution", None)
        if cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            data = output.get("data")
            if data and WIDGET_VIEW in data:
                del data[WIDGET_VIEW]
            if "metadata" in output:
                output["metadata"] = {
                    k: v for k, v in output["metadata"].items() if k != WIDGET_VIEW
                }
        cell.outputs = [o for o in cell.get("outputs", []) if o.get("data", True)]


def execute(path: Path) -> None:
    import tempfile

    from newscase.core.runner import run_notebook

    # Same throwaway state folder and student id as the tests (tests/conftest.py), so the
    # committed outputs are what nbval gets when it re-executes the notebook.
    os.environ["NEWSCASE_HOME"] = tempfile.mkdtemp(prefix="newscase-home-")
    os.environ["NEWSCASE_STUDENT"] = "reference"

    nb = nbformat.read(path, as_version=4)
    apply_frame(nb, path.stem)
    run_notebook(nb, path.parent)
    normalise(nb, path.stem)
    nbformat.validate(nb)
    nbformat.write(nb, path)


README_START = "<!-- notebooks:start"
README_END = "<!-- notebooks:end -->"


def readme_with_table(readme: str) -> str:
    """The README text with the block between the notebook markers regenerated."""
    from newscase.core import course

    head, rest = readme.split(README_START, 1)
    marker_line, _ = rest.split("\n", 1)
    _, tail = rest.split(README_END, 1)
    block = f"{README_START}{marker_line}\n{course.markdown_table()}\n{README_END}"
    return head + block + tail


def _targets(names: list[str]) -> list[Path]:
    if not names:
        return sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    paths = []
    for name in names:
        path = NOTEBOOKS / (name if name.endswith(".ipynb") else f"{name}.ipynb")
        if not path.is_file():
            sys.exit(f"no notebook {path.relative_to(ROOT)}")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Frame, execute and normalise notebooks.")
    parser.add_argument("action", choices=["execute", "frame", "readme", "glossary"])
    parser.add_argument("names", nargs="*", help="notebook names (default: all)")
    args = parser.parse_args(argv)
    if args.action == "readme":
        path = ROOT / "README.md"
        path.write_text(readme_with_table(path.read_text(encoding="utf-8")), encoding="utf-8")
        print("readme: notebook table regenerated")
        return 0
    if args.action == "glossary":
        from newscase.core.glossary import markdown_page

        (ROOT / "docs" / "glossary.md").write_text(markdown_page(), encoding="utf-8")
        print("glossary: docs/glossary.md regenerated from src/newscase/data/glossary.yaml")
        return 0
    for path in _targets(args.names):
        print(f"{args.action}: {path.relative_to(ROOT)}", flush=True)
        if args.action == "execute":
            execute(path)
        else:
            nb = nbformat.read(path, as_version=4)
            apply_frame(nb, path.stem)
            nbformat.write(nb, path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
