"""The package's layers, as ARCHITECTURE.md states them, read from the import statements.

core imports nothing of the package beyond itself; each engine imports core and itself
(framing also reads through the reader); lessons and exercises sit on top, and nothing
below imports them. Imports inside functions count as well as those at the top.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "newscase"
ENGINES = ("quiz", "maps", "timeline", "network", "framing", "judging", "reader")
TOP = ("lessons", "exercises")
# Engines that build on another engine: framing finds the article's voices with read().
ENGINE_USES = {"framing": {"reader"}}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def package_imports(path: Path) -> set[str]:
    """The newscase modules ``path`` imports, anywhere in the file."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "newscase"}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module == "newscase":
                found |= {f"newscase.{a.name}" for a in node.names}
            elif node.module.startswith("newscase."):
                found.add(node.module)
    return found


def layer_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "newscase"


def allowed(layer: str) -> set[str] | None:
    """The layers ``layer`` may import (None: any)."""
    if layer == "core":
        return {"core"}
    if layer in ENGINES:
        return {"core", layer} | ENGINE_USES.get(layer, set())
    if layer in TOP:
        return None
    raise AssertionError(f"{layer!r} is in no layer: add it to ARCHITECTURE.md and this test")


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.parent != PACKAGE)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_imports_only_its_layer_and_below(path):
    layer = layer_of(module_name(path))
    permitted = allowed(layer)
    if permitted is None:
        return
    wrong = sorted(m for m in package_imports(path) if layer_of(m) not in permitted)
    assert not wrong, f"{layer} may import {sorted(permitted)}, not {wrong}"


def test_lessons_and_exercises_are_imported_by_nothing_below():
    for path in MODULES:
        layer = layer_of(module_name(path))
        if layer in TOP:
            continue
        above = {m for m in package_imports(path) if layer_of(m) in TOP}
        assert not above, f"{path.relative_to(PACKAGE)} imports {sorted(above)}"


def test_the_tree_shows_the_layers():
    top_modules = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert top_modules == ["__init__.py"]
    folders = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    assert folders == {"core", *ENGINES, *TOP}


def test_a_broken_import_is_caught(tmp_path):
    """The checker itself: an engine importing a lesson is reported."""
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from newscase.lessons import judge\n", encoding="utf-8")
    assert package_imports(bad) == {"newscase.lessons"}
    assert "lessons" not in allowed("maps")


@pytest.mark.parametrize("package", ["newscase", "newscase.core", "newscase.lessons"])
def test_lazy_packages_list_every_submodule(package):
    """``newscase.core.lookup`` after a bare import works only if the list names it."""
    import importlib

    module = importlib.import_module(package)
    folder = PACKAGE.joinpath(*package.split(".")[1:])
    on_disk = {
        p.stem if p.is_file() else p.name
        for p in folder.iterdir()
        if (p.suffix == ".py" and p.stem != "__init__") or (p / "__init__.py").exists()
    }
    assert on_disk <= set(dir(module))


def test_architecture_md_names_only_files_that_exist():
    """Every path ARCHITECTURE.md names in backticks is in the repository (or the package)."""
    root = PACKAGE.parent.parent
    text = (root / "ARCHITECTURE.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`([\w./-]+\.(?:py|yaml|csv|md|cfg|toml|txt))\b", text))
    assert len(named) > 20
    missing = sorted(
        name
        for name in named
        if not any((base / name).exists() for base in (root, root / "tests", PACKAGE, PACKAGE / "data"))
        and "NN_slug" not in name
    )
    assert not missing, f"ARCHITECTURE.md names files that do not exist: {missing}"
