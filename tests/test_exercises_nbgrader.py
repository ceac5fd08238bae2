"""The exercises through nbgrader, end to end, in temporary course folders.

One module fixture does what an instructor does (docs/instructors.md): `make release`'s
command on a copy of exercises/ (it validates the sources, generates the student versions
and validates those), then a submission of the solutions and a prepared, partly wrong
submission per assignment, autograded with feedback (in two processes, on two copies of
the course, to halve the time). The tests read the results: nbgrader's validation, the
student versions, the gradebook, the autograded notebooks and the feedback.
Nothing is written into the repository.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

from newscase import exercises

from helpers import ROOT, load_manage

pytestmark = pytest.mark.slow  # nbgrader executes every assignment in kernels (about 1 min)

EXERCISES = ROOT / "exercises"
TOPICS = ["context", "actors", "geography", "framings", "aftermath", "capstone"]
SECRET = re.compile(r"### BEGIN (SOLUTION|HIDDEN TESTS)\n(.*?)### END \1", re.DOTALL)
DEMO = "demo-student"
SLY = "sly-student"  # disarms the tests from an answer cell, with a wrong answer
DISARM = (
    "import newscase.exercises as _E\n"
    "_E.expect = lambda *a, **k: None\n"
    "month_events = 999"
)
# The questions the prepared submission (manage.DEMO_ANSWERS) gets right; the rest are
# wrong in different ways, or left unanswered.
DEMO_RIGHT = {
    "context": {"context-q2"},
    "actors": {"actors-q1"},
    "geography": {"geography-q1", "geography-q3"},
    "framings": {"framings-q2"},
    "aftermath": {"aftermath-q1"},
    "capstone": {"capstone-q2"},
}


@dataclass
class Course:
    root: Path  # where the release was made
    release: object  # manage.Release
    graded: dict  # assignment -> the course copy it was graded in
    scored: dict  # assignment -> `manage.py score` of the prepared submission (no nbgrader)
    said: dict  # assignment -> what `manage.py grade` printed for its group

    def notebook(self, folder: str, assignment: str, student: str | None = None) -> Path:
        base = self.graded[assignment] if folder in ("autograded", "feedback") else self.root
        parts = [folder, student, assignment] if student else [folder, assignment]
        return base.joinpath(*parts, f"{assignment}.{'html' if folder == 'feedback' else 'ipynb'}")

    def grades(self, assignment: str, student: str) -> dict[str, tuple]:
        """grade_id -> (score, max score, cell type), from the gradebook."""
        from nbgrader.api import Gradebook

        db = f"sqlite:///{self.graded[assignment] / 'gradebook.db'}"
        with Gradebook(db, "newscase-corridor") as gb:
            nb = gb.find_submission_notebook(assignment, assignment, student)
            return {g.name: (g.score, g.max_score, g.cell_type) for g in nb.grades}


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Course:
    manage = load_manage()
    root = tmp_path_factory.mktemp("course")
    shutil.copy(EXERCISES / "nbgrader_config.py", root)
    shutil.copytree(
        EXERCISES / "source", root / "source", ignore=shutil.ignore_patterns(".ipynb_checkpoints")
    )
    release = manage.release(course_dir=root, say=lambda *_: None)
    for assignment in TOPICS:
        handed_in = root / "submitted" / "solution" / assignment
        handed_in.mkdir(parents=True)
        for path in manage.notebooks(root, "source", assignment):
            shutil.copy(path, handed_in)
        manage.demo_submission(assignment, root, DEMO)
    sly = manage.demo_submission("context", root, SLY)[0]
    nb = nbformat.read(sly, as_version=4)
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "context-q1-answer":
            cell.source = DISARM
    nbformat.write(nb, sly)
    graded, running = {}, []
    manage_py = [sys.executable, str(EXERCISES / "manage.py")]
    for group in (TOPICS[0::2], TOPICS[1::2]):
        copy = tmp_path_factory.mktemp("grading") / "course"
        shutil.copytree(root, copy)
        command = [*manage_py, "grade", "--course-dir", str(copy), *group]
        running.append(subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE))
        graded.update(dict.fromkeys(group, copy))
    demo = [str(root / "submitted" / DEMO / a / f"{a}.ipynb") for a in TOPICS]
    running.append(
        subprocess.Popen(
            [*manage_py, "score", "--json", *demo], stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
    )
    outputs = []
    for process in running:
        out, err = process.communicate()
        assert process.returncode == 0, (out + err).decode()[-4000:]
        outputs.append(out.decode())
    scored = {result["assignment"]: result for result in json.loads(outputs[-1])}
    said = {a: outputs[0] for a in TOPICS[0::2]} | {a: outputs[1] for a in TOPICS[1::2]}
    return Course(root, release, graded, scored, said)


@pytest.mark.parametrize("assignment", TOPICS)
def test_the_source_passes_nbgrader_validate(course, assignment):
    (check,) = [c for c in course.release.source_checks if c.notebook.parent.name == assignment]
    assert check.ok, check.output
    assert check.output == "Success! Your notebook passes all the tests."


@pytest.mark.parametrize("assignment", TOPICS)
def test_the_student_version_fails_nbgrader_validate(course, assignment):
    """`nbgrader validate --invert` passes: every test fails without the solutions."""
    (check,) = [c for c in course.release.release_checks if c.notebook.parent.name == assignment]
    assert check.ok, check.output
    assert check.output == "Success! The notebook does not pass any tests."


@pytest.mark.parametrize("assignment", TOPICS)
def test_the_student_version_has_stubs_checks_and_the_rubric(course, assignment):
    folder = course.root / "release" / assignment
    assert sorted(p.name for p in folder.iterdir()) == ["RUBRIC.md", f"{assignment}.ipynb"]
    nb = nbformat.read(folder / f"{assignment}.ipynb", as_version=4)
    cells = {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in nb.cells}
    for qid in exercises.questions(assignment):
        answer = cells[f"{qid}-answer"].source
        assert answer.startswith("# YOUR CODE HERE\nraise NotImplementedError()"), answer
        assert cells[qid].source.strip().endswith(f'check("{qid}")')
    written = [c for c in nb.cells if c.cell_type == "markdown" and c.metadata.nbgrader["grade"]]
    assert all(c.source.endswith("\n\nYOUR ANSWER HERE") for c in written)
    assert len(written) == len(re.findall(r"^## `", (folder / "RUBRIC.md").read_text(), re.M))
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")
    assert nb.metadata["kernelspec"]["name"] == "python3"


def _strings(value):
    """Every string in a JSON value (a notebook: sources, outputs, metadata)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _secret_lines(assignment: str, kinds=("SOLUTION", "HIDDEN TESTS")) -> set[str]:
    """Lines inside solution and hidden-test blocks of the source, except what the source
    also shows outside them (not secret) and fragments too short to say anything (a
    closing bracket, `place` in a comprehension split over lines)."""
    nb = nbformat.read(EXERCISES / "source" / assignment / f"{assignment}.ipynb", as_version=4)
    secret = {
        line.strip()
        for cell in nb.cells
        for block in SECRET.finditer(cell.source)
        if block.group(1) in kinds
        for line in block.group(2).splitlines()
    }
    public = "\n".join(SECRET.sub("", c.source) for c in nb.cells)
    return {
        line
        for line in secret
        if line not in public  # e.g. a hint in a question: `dash = geo.check_dash_claim()`
        and re.search(r"[A-Za-z0-9]", line)
        and (len(line) >= 8 or "=" in line)
    }


def _text_of(path: Path) -> str:
    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".ipynb":
        return "\n".join(_strings(json.loads(raw)))
    if path.suffix == ".html":
        return html.unescape(re.sub(r"<[^>]+>", "", raw))
    return raw


@pytest.mark.parametrize("assignment", TOPICS)
def test_no_solution_or_hidden_test_reaches_the_student_version(course, assignment):
    secret = _secret_lines(assignment)
    assert len(secret) >= 10, "the source has solutions and hidden tests to hide"
    for path in sorted((course.root / "release" / assignment).rglob("*")):
        text = _text_of(path)
        leaked = sorted(line for line in secret if line in text)
        assert not leaked, f"{path.name} shows lines of solutions or hidden tests: {leaked}"
        for marker in ("BEGIN SOLUTION", "END SOLUTION", "HIDDEN TESTS", "Grading notes"):
            assert marker not in text, (path.name, marker)


@pytest.mark.parametrize("assignment", TOPICS)
def test_feedback_does_not_show_the_hidden_tests(course, assignment):
    text = _text_of(course.notebook("feedback", assignment, DEMO))
    hidden = _secret_lines(assignment, kinds=("HIDDEN TESTS",))
    assert not sorted(line for line in hidden if line in text)
    assert "HIDDEN TESTS" not in text


@pytest.mark.parametrize("assignment", TOPICS)
def test_autograding_the_solutions_gives_full_marks(course, assignment):
    grades = course.grades(assignment, "solution")
    tests = {gid: g for gid, g in grades.items() if g[2] == "code"}
    assert sorted(tests) == sorted(exercises.questions(assignment))
    assert all(score == most > 0 for score, most, _ in tests.values()), tests


def test_an_answer_that_disarms_the_tests_is_named_for_a_look(course):
    # nbgrader runs the tests in the student's kernel: the points cannot be trusted, and
    # `manage.py grade` says which answer to look at and why
    assert course.said["context"].count("Look at") == 1  # the sly student's, not the demo's
    assert "Look at context.ipynb before trusting its points" in course.said["context"]
    assert "cell context-q1-answer, line 2: changes _E.expect" in course.said["context"]
    assert "imports newscase.exercises" in course.said["context"]
    assert "Look at" not in course.said["actors"]  # the solutions and the demo: nothing


@pytest.mark.parametrize("assignment", TOPICS)
def test_a_wrong_submission_gets_partial_marks_and_readable_feedback(course, assignment):
    grades = course.grades(assignment, DEMO)
    tests = {gid: g for gid, g in grades.items() if g[2] == "code"}
    got, most = sum(g[0] for g in tests.values()), sum(g[1] for g in tests.values())
    assert 0 < got < most
    assert {gid for gid, g in tests.items() if g[0] == g[1]} == DEMO_RIGHT[assignment]

    nb = nbformat.read(course.notebook("autograded", assignment, DEMO), as_version=4)
    feedback = _text_of(course.notebook("feedback", assignment, DEMO))
    for cell in nb.cells:
        qid = cell.metadata.get("nbgrader", {}).get("grade_id")
        if qid not in tests or qid in DEMO_RIGHT[assignment]:
            continue
        (error,) = [o for o in cell.outputs if o.output_type == "error"]
        assert error.ename == "NotYet", (qid, error.ename)
        # the student reads a sentence saying what to fix, not a Python traceback; a
        # public check says "not yet", a hidden test "not right"
        lines = error.traceback
        assert re.fullmatch(rf"✗ {qid}: not (yet|right) \(0 of {tests[qid][1]:g} points\)\.", lines[0])
        assert len(lines) == 2 and len(lines[1]) > 30
        assert not re.search(r"Traceback|File \"|\x1b\[|line \d+", "\n".join(lines))
        assert lines[0] in feedback and lines[1] in feedback, qid


@pytest.mark.parametrize("student", ["solution", DEMO])
@pytest.mark.parametrize("assignment", TOPICS)
def test_the_public_checks_never_contradict_the_autograder(course, assignment, student):
    """An answer the checker calls not ready gets 0 from the autograder, and an answer with
    full marks passes the checker (which never says more: it cannot tell right from wrong)."""
    submitted = course.root / "submitted" / student / assignment / f"{assignment}.ipynb"
    names = load_manage().run_code(submitted)
    checker = {q: exercises.verdict(q, namespace=names) for q in exercises.questions(assignment)}
    grades = course.grades(assignment, student)
    for qid, result in checker.items():
        score, most, _ = grades[qid]
        if not result.passed:
            assert score == 0, (qid, result.text)
        if score == most:
            assert result.passed, (qid, result.text)
    report = exercises.report(assignment, names)
    ready = sum(r.passed for r in checker.values())
    assert f"{assignment}: {ready} of {len(checker)} answers ready" in report.text


@pytest.mark.parametrize("assignment", TOPICS)
def test_the_student_version_holds_no_key_hash_or_hidden_test(course, assignment):
    for path in sorted((course.root / "release" / assignment).rglob("*")):
        text = _text_of(path)
        if path.suffix == ".ipynb":  # nbgrader's own checksums: of the student's cells
            cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
            for cell in cells:
                cell["metadata"].get("nbgrader", {}).pop("checksum", None)
            text = "\n".join(_strings(cells))
        assert not re.search(r"\b[0-9a-f]{16,}\b", text), path.name
        for marker in ("hashlib", "_expect(", "fingerprint"):
            assert marker not in text, (path.name, marker)


def test_the_release_command_line(tmp_path):
    """What `make release` runs, on a fresh copy (--quick: without the validations)."""
    course = tmp_path / "course"
    shutil.copytree(
        EXERCISES / "source", course / "source", ignore=shutil.ignore_patterns(".ipynb_checkpoints")
    )
    shutil.copy(EXERCISES / "nbgrader_config.py", course)
    command = [sys.executable, str(EXERCISES / "manage.py"), "release", "--quick"]
    done = subprocess.run(
        [*command, "context", "--course-dir", str(course)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "Student versions:" in done.stdout
    assert (course / "release" / "context" / "context.ipynb").exists()
    assert not (course / "release" / "actors").exists()
    done = subprocess.run(
        [*command, "nonsense", "--course-dir", str(course)], capture_output=True, text=True
    )
    assert done.returncode == 1
    assert "no assignment nonsense" in done.stderr and "context, actors" in done.stderr


@pytest.mark.parametrize("assignment", TOPICS)
def test_scoring_without_nbgrader_gives_the_autograders_verdicts(course, assignment):
    """`manage.py score` runs the wrong submission in a kernel, as a student's notebook
    runs, then the source's tests, hidden ones included: the points are nbgrader's."""
    result = course.scored[assignment]
    grades = course.grades(assignment, DEMO)
    for qid, passed, points, most, text in result["verdicts"]:
        assert (passed, points, most) == (
            grades[qid][0] == grades[qid][1],
            grades[qid][0],
            grades[qid][1],
        ), text
    assert result["points"] == sum(g[0] for g in grades.values() if g[2] == "code")


@pytest.mark.parametrize("assignment", TOPICS)
def test_every_cell_of_the_solution_runs_without_error(course, assignment):
    """Not only the graded cells: the set-up, the look-up cells and the score report too."""
    nb = nbformat.read(course.notebook("autograded", assignment, "solution"), as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    errors = [(c.id, o.get("ename")) for c in code for o in c.outputs if o.output_type == "error"]
    assert not errors
    assert all(c.outputs for c in code if not c.source.startswith("# Check question"))
    assert f"Autograded questions of {assignment}:" in str(code[-1].outputs)
