"""The test tiers: a test that needs a browser, JupyterLab or kernels carries that mark.

`make test-fast` runs ``pytest tests -m "not browser and not lab and not slow"`` for the
edit-test loop; it stays quick only if every test that drives Chromium, starts a
JupyterLab server or executes notebooks in kernels is marked ``browser``, ``lab`` or
``slow``. These tests read the test files (no test is run or imported): a test needs
what its own code, the fixtures it takes and the functions it calls need.
"""

from __future__ import annotations

import ast
import re
import tomllib

from helpers import ROOT

TESTS = ROOT / "tests"
# What a test's code (or a fixture or helper it uses) shows when it needs a tier.
SIGNS = {
    "browser": re.compile(r"\bchromium\b|\bsync_playwright\b"),
    "lab": re.compile(r"\blaunch_lab\(|\blab\.serving\(|\[\"make\", \"lab\""),
    "slow": re.compile(
        r"\bNotebookClient\b|\bstart_new_kernel\b|\bKernelManager\b|\bExecutePreprocessor\b"
        r"|\brun_notebook\(|\bmanage\.score\("
        r"|\bmanage\.release\(|\bnbgrader\b.*\bvalidate\("
    ),
}
TIERS = tuple(SIGNS)


def _marks(node: ast.AST) -> set[str]:
    """Marker names in ``pytestmark = ...`` or in a function's decorators."""
    return set(re.findall(r"pytest\.mark\.(\w+)", ast.unparse(node)))


def _units(path) -> tuple[dict, set[str]]:
    """name -> (own tiers, names it uses, its marks, is a test) and the module's marks."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    units, module_marks = {}, set()
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "pytestmark" for t in node.targets
        ):
            module_marks |= _marks(node)
        if isinstance(node, ast.FunctionDef | ast.ClassDef):
            source = ast.unparse(node)
            used = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
            if isinstance(node, ast.FunctionDef):
                used |= {a.arg for a in node.args.args}  # fixtures it takes
            marks = set().union(*(_marks(d) for d in node.decorator_list)) if isinstance(
                node, ast.FunctionDef
            ) else set()
            own = {tier for tier, sign in SIGNS.items() if sign.search(source)}
            units[node.name] = (own, used, marks, node.name.startswith("test_"))
    return units, module_marks


def _needs(name: str, units: dict, shared: dict, seen: set) -> set[str]:
    """The tiers ``name`` needs, through what it uses (module first, then conftest.py and
    helpers.py)."""
    if name in seen:
        return set()
    seen.add(name)
    table = units if name in units else shared
    if name not in table:
        return set()
    own, used, _, _ = table[name]
    found = set(own)
    for other in used - {name}:
        found |= _needs(other, units, shared, seen)
    return found


def _shared() -> dict:
    """The fixtures of conftest.py and the functions of helpers.py, by name."""
    return {**_units(TESTS / "helpers.py")[0], **_units(TESTS / "conftest.py")[0]}


def _unmarked() -> list[str]:
    shared = _shared()
    problems = []
    for path in sorted(TESTS.glob("test_*.py")):
        units, module_marks = _units(path)
        for name, (_, _, marks, is_test) in units.items():
            if not is_test:
                continue
            needs = _needs(name, units, shared, set())
            if needs and not (marks | module_marks) & set(TIERS):
                problems.append(f"{path.name}::{name} needs {', '.join(sorted(needs))}")
    return problems


def test_every_test_that_needs_a_browser_lab_or_kernels_is_marked():
    assert _unmarked() == []


def test_the_check_finds_the_tests_that_start_kernels_or_servers():
    """It is not vacuous: it sees the tiers where they are."""
    shared = _shared()
    seen = {}
    for name in ("test_robustness_notebooks.py", "test_lab.py", "test_browser_quiz.py",
                 "test_exercises_nbgrader.py"):
        units, _ = _units(TESTS / name)
        seen[name] = set().union(
            *(_needs(n, units, shared, set()) for n, u in units.items() if u[3])
        )
    assert "slow" in seen["test_robustness_notebooks.py"]
    assert "lab" in seen["test_lab.py"]
    assert "browser" in seen["test_browser_quiz.py"]
    assert "slow" in seen["test_exercises_nbgrader.py"]


def test_make_test_fast_leaves_out_every_tier_and_the_notebooks():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    markers = re.search(r"^FAST_MARKERS := (.+)$", makefile, re.M).group(1)
    assert markers == " and ".join(f"not {tier}" for tier in TIERS)
    rule = re.search(r"^test-fast: (.+)\n\t(.+)$", makefile, re.M)
    assert rule and "lint" in rule[1]
    assert rule[2] == '$(DEV)/python -m pytest tests -m "$(FAST_MARKERS)" $(PYTEST_ARGS)'
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    names = {m.split(":")[0] for m in declared["tool"]["pytest"]["ini_options"]["markers"]}
    assert names == set(TIERS)
