"""Every Python example in README.md and docs/ runs as written.

Fenced ```python blocks of one document run in order in one fresh interpreter (a later
block may use names an earlier one made, as a reader following the page would); inline
examples such as `newscase.quiz.check("00-distance", "40 km").correct` run after a bare
`import newscase`. Saved state goes to a throwaway folder.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT

DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCED = re.compile(r"^(?P<indent>[ \t]*)```python[ \t]*\n(?P<code>.*?)^(?P=indent)```", re.M | re.S)
# An inline example: a call on the package, as a reader would paste it into a cell. Calls
# whose arguments are names (`stabilise_ids(m, name)`) describe a signature, not an example.
INLINE = re.compile(r"`(newscase\.[A-Za-z_][\w.]*\(.*?\)[\w.]*)`")


def fenced_blocks(text: str) -> list[str]:
    blocks = []
    for match in FENCED.finditer(text):
        indent = match.group("indent")
        lines = match.group("code").splitlines()
        blocks.append("\n".join(line.removeprefix(indent) for line in lines))
    return blocks


def _literal_call(code: str) -> bool:
    try:
        tree = ast.parse(code, mode="eval")
    except SyntaxError:
        return False
    calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call)]
    arguments = [a for call in calls for a in (*call.args, *(k.value for k in call.keywords))]
    return all(isinstance(a, ast.Constant) for a in arguments)


def inline_examples(text: str) -> list[str]:
    return [code for code in INLINE.findall(text) if _literal_call(code)]


def examples(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    parts = fenced_blocks(text)
    inline = inline_examples(text)
    if inline:
        parts.append("import newscase\n" + "\n".join(inline))
    return "\n\n".join(parts)


def test_the_collector_finds_the_readme_examples():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert 'newscase.quiz.check("00-distance", "40 km").correct' in inline_examples(text)
    assert fenced_blocks("x\n  ```python\n  a = 1\n  ```\n") == ["a = 1"]
    assert inline_examples("`newscase.maps.ids.stabilise_ids(m, name)`") == []


def test_a_failing_example_fails_the_runner(tmp_path):
    result = run(tmp_path, "import newscase\nnewscase.no_such_thing()")
    assert result.returncode != 0 and "AttributeError" in result.stderr


def run(tmp_path: Path, code: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        env={
            "PATH": "/usr/bin:/bin",
            "HOME": str(tmp_path),
            "NEWSCASE_HOME": str(tmp_path / "state"),
            "NEWSCASE_STUDENT": "docs",
            "MPLBACKEND": "Agg",
        },
    )


@pytest.mark.parametrize(
    "path", [p for p in DOCUMENTS if examples(p).strip()], ids=lambda p: p.name
)
def test_python_examples_run_as_written(path, tmp_path):
    result = run(tmp_path, examples(path))
    assert result.returncode == 0, (
        f"an example in {path.relative_to(ROOT)} fails as written:\n{result.stderr[-3000:]}"
    )
