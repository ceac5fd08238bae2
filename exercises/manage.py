"""Instructor commands for the exercises. `make release` runs `release`.

    python exercises/manage.py release [ASSIGNMENT ...] [--course-dir DIR] [--quick]
        Validate the source notebooks with nbgrader (their solutions must pass their own
        tests, hidden ones included), generate the student versions into release/ with
        `nbgrader generate_assignment`, and validate those (every test must fail on them).
        --quick skips the two validations (a few seconds instead of about a minute).

    python exercises/manage.py grade [ASSIGNMENT ...] [--course-dir DIR]
        Autograde every submission in submitted/ with nbgrader, write the feedback, and
        print each student's points (and the written points still to grade by hand).

    python exercises/manage.py score NOTEBOOK ... [--json]
        Without nbgrader: run each notebook in a fresh kernel, then run the source's test
        cells (public check and hidden tests) on its answers, and print the points: the
        same as nbgrader's autograder gives.

    `grade` and `score` also name answers that could change how the tests run (code that
    rebinds an imported module's names, calls setattr or exec, reaches into sys or
    builtins): look at those before trusting their points.

    python exercises/manage.py demo ASSIGNMENT [--student NAME] [--course-dir DIR]
        Put a prepared, partly wrong submission into submitted/NAME/ASSIGNMENT/ (default
        NAME: demo-student), made from the student version, to try collecting and
        autograding on one machine (docs/instructors.md walks through it).

The course directory is this folder (exercises/) unless --course-dir says otherwise.
Everything runs with the Python that runs this script (`make release` uses the
instructor's environment, .venv-instructor). The right answers live only in the hidden
tests of source/: nothing here writes them into the package students install.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import io
import json
import os
import re
import subprocess
import sys
import textwrap
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

HERE = Path(__file__).resolve().parent
# The assignments in the order students meet them; the capstone ("Your turn") comes last.
ORDER = ("context", "actors", "geography", "framings", "aftermath", "capstone")
VALID = "Success! Your notebook passes all the tests."
INVALID_AS_EXPECTED = "Success! The notebook does not pass any tests."


class Problem(Exception):
    """Something the instructor must fix; the message says what."""


# ---- the source notebooks


def assignments(course_dir: Path = HERE) -> list[str]:
    """The assignments in source/, in the order students meet them (others after, A-Z)."""
    found = {p.name for p in (course_dir / "source").iterdir() if any(p.glob("*.ipynb"))}
    return [a for a in ORDER if a in found] + sorted(found - set(ORDER))


def notebooks(course_dir: Path, folder: str, assignment: str) -> list[Path]:
    return sorted((course_dir / folder / assignment).glob("*.ipynb"))


def nbgrader_meta(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def is_test_cell(cell) -> bool:
    meta = nbgrader_meta(cell)
    return cell.cell_type == "code" and bool(meta.get("grade")) and not meta.get("solution")


def run_code(path: Path, *, skip_tests: bool = True) -> dict:
    """Run a notebook's code cells in this process (test cells skipped); return its names.

    A cell that raises is skipped, like a student's unfinished cell. Used by the tests to
    get the solutions' answers and to compare the checker's verdicts with the
    autograder's. Runs in the notebook's folder, with its output discarded."""
    nb = nbformat.read(path, as_version=4)
    namespace: dict = {"__name__": "__main__"}
    cwd = Path.cwd()
    os.chdir(path.parent)
    try:
        for cell in nb.cells:
            if cell.cell_type != "code" or (skip_tests and is_test_cell(cell)):
                continue
            code = compile(cell.source, f"<{path.name} cell {cell.get('id')}>", "exec")
            with (
                contextlib.redirect_stdout(io.StringIO()),
                contextlib.suppress(Exception),
            ):
                exec(code, namespace)
    finally:
        os.chdir(cwd)
    return namespace


# ---- nbgrader (its Python API, in this process; kernels run in worker processes)


def _path_with_venv() -> None:
    """nbgrader runs `alembic` from PATH: make the tools next to this Python findable."""
    bin_dir = str(Path(sys.executable).parent)
    if bin_dir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")


def course_config(course_dir: Path):
    """The traitlets config of the course: its nbgrader_config.py, as nbgrader reads it."""
    from traitlets.config.loader import PyFileConfigLoader

    path = Path(course_dir) / "nbgrader_config.py"
    if not path.exists():
        raise Problem(f"no nbgrader_config.py in {course_dir}: is it the course directory?")
    return PyFileConfigLoader(path.name, path=str(path.parent)).load_config()


def nbgrader_api(course_dir: Path):
    """nbgrader's Python API (what its command line runs) for the course directory."""
    _path_with_venv()
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    config = course_config(course_dir)
    api = NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)
    api.log_level = "ERROR"
    return api


def _run(result: dict, what: str) -> str:
    if not result.get("success"):
        raise Problem(f"{what} failed:\n{result.get('log', '')}\n{result.get('error', '')}")
    return result.get("log", "")


@dataclass
class Validation:
    notebook: Path
    ok: bool
    output: str


def validate_here(paths: list[Path], course_dir: Path, *, invert: bool = False) -> list[Validation]:
    """`nbgrader validate [--invert]`, in this process, one notebook after another."""
    _path_with_venv()
    from nbgrader.validator import Validator

    validator = Validator(config=course_config(course_dir))
    validator.invert = invert
    checks = []
    for path in paths:
        results = validator.validate(str(path))
        bad = [
            *results.get("type_changed", []),
            *results.get("changed", []),
            *results.get("passed" if invert else "failed", []),
        ]
        lines = []
        for cell in bad:
            lines.append("The following cell " + ("passed" if invert else "failed") + ":")
            lines.append(textwrap.indent(cell["source"], "    "))
            if cell.get("raw_error"):
                lines += ["The error was:", textwrap.indent(cell["raw_error"], "    ")]
        if not bad:
            lines.append(INVALID_AS_EXPECTED if invert else VALID)
        checks.append(Validation(Path(path), not bad, "\n".join(lines)))
    return checks


def validate(
    paths: list[Path], course_dir: Path, *, invert: bool = False, workers: int = 0
) -> list[Validation]:
    """`nbgrader validate [--invert]` on each notebook, in parallel worker processes."""
    workers = workers or max(1, min(len(paths), os.cpu_count() or 2, 4))
    chunks = [paths[i::workers] for i in range(workers)]
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "_validate",
        "--course-dir",
        str(course_dir),
        *(["--invert"] if invert else []),
    ]
    running = [
        subprocess.Popen(
            [*command, *map(str, chunk)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        )
        for chunk in chunks
        if chunk
    ]
    checks = []
    for process in running:
        out, err = process.communicate()
        if process.returncode != 0:
            raise Problem(f"nbgrader validate could not run:\n{err[-4000:]}")
        checks += [
            Validation(Path(item["notebook"]), item["ok"], item["output"])
            for item in json.loads(out)
        ]
    order = {Path(p): i for i, p in enumerate(paths)}
    return sorted(checks, key=lambda c: order[c.notebook])


@dataclass
class Release:
    course_dir: Path
    assignments: list[str]
    source_checks: list[Validation] = field(default_factory=list)
    release_checks: list[Validation] = field(default_factory=list)
    logs: dict[str, str] = field(default_factory=dict)

    def student_versions(self) -> list[Path]:
        return [p for a in self.assignments for p in notebooks(self.course_dir, "release", a)]


def _failures(checks: list[Validation], what: str) -> None:
    bad = [c for c in checks if not c.ok]
    if bad:
        details = "\n\n".join(
            f"{c.notebook}:\n{textwrap.indent(c.output.strip()[-4000:], '    ')}" for c in bad
        )
        raise Problem(f"{what}:\n\n{details}")


def release(
    names: list[str] | None = None,
    course_dir: Path = HERE,
    *,
    quick: bool = False,
    say=print,
) -> Release:
    """Check, generate and check the student versions of the given (default: all) assignments."""
    course_dir = Path(course_dir).resolve()
    known = assignments(course_dir)
    names = list(names or known)
    unknown = [n for n in names if n not in known]
    if unknown:
        raise Problem(
            f"no assignment {', '.join(unknown)} in {course_dir / 'source'}; "
            f"the assignments are {', '.join(known)}"
        )
    result = Release(course_dir, names)
    sources = [p for a in names for p in notebooks(course_dir, "source", a)]
    if not quick:
        say(f"Validating {len(sources)} source notebook(s): their solutions must pass ...")
        result.source_checks = validate(sources, course_dir)
        _failures(result.source_checks, "A source notebook fails its own tests")
    api = nbgrader_api(course_dir)
    for name in names:
        say(f"Generating the student version of {name} ...")
        result.logs[name] = _run(api.generate_assignment(name, force=True), f"generate {name}")
    if not quick:
        say("Validating the student versions: every test must fail on them ...")
        result.release_checks = validate(result.student_versions(), course_dir, invert=True)
        _failures(result.release_checks, "A student version passes a test without answers")
    return result


def grade(names: list[str] | None = None, course_dir: Path = HERE, *, say=print) -> list[tuple]:
    """Autograde every submission of the assignments and write the feedback; return rows
    (student, assignment, autograded points, their maximum, written points still to grade).

    Written answers left empty are scored 0 by nbgrader and need no grading."""
    course_dir = Path(course_dir).resolve()
    names = list(names or assignments(course_dir))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # SQLAlchemy's warnings from inside nbgrader
        api = nbgrader_api(course_dir)
        for name in names:
            students = sorted(
                p.parent.name for p in (course_dir / "submitted").glob(f"*/{name}") if p.is_dir()
            )
            if not students:
                say(f"{name}: no submissions in submitted/<student>/{name}/")
            for student in students:
                say(f"Autograding {name} of {student} ...")
                _run(api.autograde(name, student, force=True), f"autograde {name} {student}")
                _run(api.generate_feedback(name, student, force=True), f"feedback {name} {student}")
                for path in notebooks(course_dir, f"submitted/{student}", name):
                    if flags := tampering(path):
                        say(
                            f"  Look at {path.name} before trusting its points: " + "; ".join(flags)
                        )
        return scores(names, course_dir)


def scores(names: list[str], course_dir: Path = HERE) -> list[tuple]:
    """Rows (student, assignment, autograded points, their maximum, written points to
    grade) from the gradebook."""
    from nbgrader.api import Gradebook

    config = course_config(course_dir)
    db_url = (
        config.CourseDirectory.get("db_url") or f"sqlite:///{Path(course_dir) / 'gradebook.db'}"
    )
    rows = []
    with Gradebook(db_url, config.CourseDirectory.course_id) as gb:
        for name in names:
            for submission in gb.assignment_submissions(name):
                grades = [g for nb in submission.notebooks for g in nb.grades]
                tests = [g for g in grades if g.cell_type == "code"]
                written = [g for g in grades if g.cell_type == "markdown"]
                rows.append(
                    (
                        submission.student_id,
                        name,
                        sum(g.score for g in tests),
                        sum(g.max_score for g in tests),
                        sum(g.max_score for g in written if g.needs_manual_grade),
                    )
                )
    return rows


# ---- grading without nbgrader: the source's test cells, hidden tests included, in a kernel

PROBE = r"""
import json as _json
_results = []
for _qid, _points, _code in _json.loads({tests!r}):
    try:
        exec(compile(_code, "<test " + _qid + ">", "exec"), globals())
        _results.append([_qid, True, _points, _points, _qid + ": right"])
    except Exception as _error:
        _shown = getattr(_error, "_render_traceback_", None)
        _lines = _shown() if _shown else [type(_error).__name__ + ": " + str(_error)]
        _results.append([_qid, False, 0, _points, chr(10).join(_lines)])
print("NEWSCASE-SCORE " + _json.dumps(_results))
"""


def assignment_of(path: Path) -> str:
    """The assignment a notebook belongs to, from its test cells' grade ids."""
    nb = nbformat.read(path, as_version=4)
    ids = [nbgrader_meta(c).get("grade_id", "") for c in nb.cells if is_test_cell(c)]
    names = {i.rsplit("-", 1)[0] for i in ids if re.fullmatch(r"[a-z_]+-q\d+", i)}
    if len(names) != 1:
        raise Problem(f"{path}: not an exercise notebook of this module (no check cells)")
    return names.pop()


def source_tests(assignment: str, course_dir: Path = HERE) -> list[tuple[str, int, str]]:
    """(grade id, points, code) of every test cell of the source: the code nbgrader's
    autograder runs in its place, hidden tests included."""
    tests = []
    for path in notebooks(Path(course_dir), "source", assignment):
        for cell in nbformat.read(path, as_version=4).cells:
            if is_test_cell(cell):
                meta = nbgrader_meta(cell)
                tests.append((meta["grade_id"], int(meta.get("points", 0)), cell.source))
    if not tests:
        raise Problem(f"source/{assignment} has no test cells")
    return tests


def score(paths: list[Path], course_dir: Path = HERE, *, timeout: int = 120) -> list[dict]:
    """Run each notebook in a fresh kernel, as a student's "Run All" would but without
    stopping at errors, then the source's test cells (hidden tests included) on its
    answers; return the points per question, as nbgrader's autograder gives them.

    Unlike the autograder, the tests run after the last cell, not each after its answer:
    an answer changed by a later cell is graded as it ends up."""
    from newscase.core.runner import run_notebook

    results = []
    for path in map(Path, paths):
        assignment = assignment_of(path)
        tests = json.dumps(source_tests(assignment, course_dir))
        nb = nbformat.read(path, as_version=4)
        nb.cells.append(nbformat.v4.new_code_cell(PROBE.format(tests=tests)))
        run_notebook(nb, path.parent, timeout=timeout, allow_errors=True)
        printed = "".join(
            o.get("text", "") for o in nb.cells[-1].outputs if o.get("name") == "stdout"
        )
        found = re.search(r"^NEWSCASE-SCORE (.*)$", printed, re.M)
        if not found:
            raise Problem(f"{path}: the tests did not run: {nb.cells[-1].outputs}")
        verdicts = json.loads(found.group(1))
        results.append(
            {
                "notebook": str(path),
                "assignment": assignment,
                "points": sum(v[2] for v in verdicts),
                "max_points": sum(v[3] for v in verdicts),
                "verdicts": verdicts,
                "tampering": tampering(path),
            }
        )
    return results


# ---- answers that could change how the tests run (they share the student's kernel)

# Calls and modules an answer has no need of, which can change code defined elsewhere.
SUSPECT_CALLS = {"setattr", "delattr", "exec", "eval", "compile", "__import__", "globals", "vars"}
SUSPECT_MODULES = {"builtins", "importlib", "sys", "gc", "inspect", "ctypes", "unittest"}


def _dotted(node) -> str:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    return ".".join([node.id, *reversed(parts)]) if isinstance(node, ast.Name) else "?"


def _targets(node) -> list:
    """What an assignment or del statement binds (nothing for other nodes)."""
    if isinstance(node, ast.Assign | ast.Delete):
        return node.targets
    if isinstance(node, ast.AugAssign | ast.AnnAssign):
        return [node.target]
    return []


def tampering(path: Path) -> list[str]:
    """What in a submission's answer cells could change how the tests run, one line each
    ("cell <grade id>, line N: ..."); empty for ordinary answers.

    nbgrader runs the hidden tests in the kernel that ran the student's cells, so an
    answer that rebinds an imported module's names (``newscase.exercises.expect = ...``),
    calls setattr or exec, or reaches into sys, builtins or importlib could pass every
    test. This flags such code for a person to look at; it cannot prove an answer honest.
    """
    nb = nbformat.read(path, as_version=4)
    imported: set[str] = set()
    found = []
    for cell in nb.cells:
        meta = nbgrader_meta(cell)
        if cell.cell_type != "code" or not meta.get("solution"):
            continue
        where = meta.get("grade_id") or cell.get("id")
        lines = cell.source.splitlines()
        try:
            tree = ast.parse("\n".join("" if x.lstrip()[:1] in "%!" else x for x in lines))
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            line = getattr(node, "lineno", "?")
            if isinstance(node, ast.Import | ast.ImportFrom):
                modules = [node.module or ""] if isinstance(node, ast.ImportFrom) else []
                modules += [a.name for a in node.names]
                imported |= {(a.asname or a.name).split(".")[0] for a in node.names}
                for name in modules:
                    if name.split(".")[0] in SUSPECT_MODULES or name.startswith(
                        "newscase.exercises"
                    ):
                        found.append(f"cell {where}, line {line}: imports {name}")
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in SUSPECT_CALLS
            ):
                found.append(f"cell {where}, line {line}: calls {node.func.id}()")
            for target in _targets(node):
                dotted = _dotted(target) if isinstance(target, ast.Attribute) else ""
                if dotted.split(".")[0] in imported:
                    found.append(f"cell {where}, line {line}: changes {dotted}")
    return sorted(set(found), key=found.index)


# ---- a prepared submission, partly wrong, to try grading


DEMO_ANSWERS = {
    # grade_id of an answer cell: what the demo student wrote (None: left unanswered).
    "context": {
        # ends on the 28th, so misses the events of the article's own day
        "context-q1-answer": (
            "day = timeline.article_date()\n"
            "month_events = timeline.events_between(day.replace(day=1), day.replace(day=28))"
        ),
        "context-q2-answer": (
            'pmu_rows = events[events["actor_ids"].apply(lambda ids: "pmu" in ids)]\n'
            'n_pmu_before = len(pmu_rows[pmu_rows["date"] < pd.Timestamp(timeline.article_date())])'
        ),
        # a time span, not a number of days
        "context-q3-answer": (
            'mosul_fell = events.loc["fall_of_mosul_2014", "date"].date()\n'
            "days_since_mosul = timeline.article_date() - mosul_fell"
        ),
        "context-q4": (
            "The article says the PMU was organized in 2014 to fight Islamic State, without "
            "saying why. The event sistani_fatwa_2014 explains it: a religious call to arms "
            "after Mosul fell (sources: asu-2014-sistani-call)."
        ),
    },
    "actors": {
        "actors-q1-answer": 'n_attributed = len([v for v in voices if v.kind != "assertion"])',
        # the names as the article writes them, not actor ids
        "actors-q2-answer": (
            'quoted_directly = {v.label for v in voices if v.kind == "direct quote"}'
        ),
        "actors-q3-answer": None,
        "actors-q4": "The Yazidis are talked about but never speak.",
    },
    "geography": {
        "geography-q1-answer": (
            'sinjar_to_border = round(distance.distance_km("sinjar", "um_jaris"), 1)'
        ),
        # the low end of each range instead of the distance
        "geography-q2-answer": (
            "dash = geography.check_dash_claim()\n"
            "over_claim = {m.start for m in dash.measurements if m.low_km > dash.claimed_km}"
        ),
        "geography-q3-answer": (
            "day = timeline.article_date()\n"
            "month_map = maps.events_map(day.replace(day=1), "
            "(pd.Timestamp(day) + pd.offsets.MonthEnd(0)).date())\n"
            "maps.show(month_map)"
        ),
        # every marker, not only the approximate ones
        "geography-q4-answer": "approximate = {m.id for m in month_map.newscase_spec.markers}",
        "geography-q5": "The article says over 40 km. I think it is supported.",
    },
    "framings": {
        # a pandas Series, not a dictionary
        "framings-q1-answer": 'verdict_counts = claims["verdict"].value_counts()',
        "framings-q2-answer": (
            "number = framing.article_structure().headline.number\n"
            "headline_terms = {o.term for o in framing.find_terms() if o.paragraph == number}"
        ),
        "framings-q3": "**Your headline:** Iraqi forces reach the Syrian border",
        "framings-q4": None,
    },
    "aftermath": {
        "aftermath-q1-answer": (
            'named = list(case.places.index[case.places["article_mention"].notna()])\n'
            "after_events = timeline.events_between(article_day + dt.timedelta(days=1), None, "
            "places=named)"
        ),
        # the title, not the id
        "aftermath-q2-answer": (
            "later = timeline.events_between(article_day + dt.timedelta(days=1), None, "
            'places=["qaim", "al_bukamal"])\n'
            'first_at_border = later["title"].iloc[0]'
        ),
        "aftermath-q3-answer": None,
        # years as text
        "aftermath-q4-answer": (
            'later = events[events["date"] > pd.Timestamp(article_day)]\n'
            'events_per_year = {str(y): n for y, n in later["date"].dt.year.value_counts().items()}'
        ),
        "aftermath-q5": None,
    },
    "capstone": {
        # counts voices, not people: a person who speaks twice counts twice
        "capstone-q1-answer": 'n_named = len([v for v in reading.voices if v["named"]])',
        "capstone-q2-answer": (
            'place_ids = {p["place_id"] for p in reading.places if p["place_id"] is not None}'
        ),
        # counts from the first date of the list (the bus's Monday), not from the inspection
        "capstone-q3-answer": (
            'first = dt.date.fromisoformat(reading.dates[0]["date"])\n'
            "days_before = (dt.date.fromisoformat(PUBLISHED) - first).days"
        ),
        "capstone-q4": (
            "**The article:** a Reuters report on the PMU at the Syrian border.\n\n"
            "read() found all the voices and places, so the checklist is complete."
        ),
        "capstone-q5": None,
    },
}


def demo_submission(assignment: str, course_dir: Path = HERE, student: str = "demo-student"):
    """Write submitted/<student>/<assignment>/ from the student version and DEMO_ANSWERS."""
    course_dir = Path(course_dir).resolve()
    answers = DEMO_ANSWERS.get(assignment)
    if answers is None:
        raise Problem(f"no demo answers for {assignment!r}; there are: {', '.join(DEMO_ANSWERS)}")
    released = notebooks(course_dir, "release", assignment)
    if not released:
        raise Problem(f"no student version of {assignment}: run `make release` first")
    target = course_dir / "submitted" / student / assignment
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for path in released:
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            grade_id = nbgrader_meta(cell).get("grade_id")
            if grade_id in answers and answers[grade_id] is not None:
                cell.source = answers[grade_id]
        nbformat.write(nb, target / path.name)
        written.append(target / path.name)
    return written


# ---- command line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="manage.py", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("release", help="generate the student versions into release/")
    p.add_argument("assignments", nargs="*")
    p.add_argument("--course-dir", type=Path, default=HERE)
    p.add_argument("--quick", action="store_true", help="skip the nbgrader validations")
    p = commands.add_parser("grade", help="autograde every submission and write feedback")
    p.add_argument("assignments", nargs="*")
    p.add_argument("--course-dir", type=Path, default=HERE)
    p = commands.add_parser("score", help="autograded points of notebooks, without nbgrader")
    p.add_argument("notebooks", nargs="+", type=Path)
    p.add_argument("--course-dir", type=Path, default=HERE)
    p.add_argument("--json", action="store_true", help="print the verdicts as JSON")
    p = commands.add_parser("_validate")  # a worker of `release`: JSON on stdout
    p.add_argument("notebooks", nargs="+", type=Path)
    p.add_argument("--course-dir", type=Path, default=HERE)
    p.add_argument("--invert", action="store_true")
    p = commands.add_parser("demo", help="put a prepared, partly wrong submission in submitted/")
    p.add_argument("assignment")
    p.add_argument("--student", default="demo-student")
    p.add_argument("--course-dir", type=Path, default=HERE)
    args = parser.parse_args(argv)
    try:
        if args.command == "release":
            done = release(args.assignments, args.course_dir, quick=args.quick)
            root = done.course_dir
            print("\nStudent versions:")
            for path in done.student_versions():
                print(f"  {path.relative_to(root.parent) if root == HERE else path}")
            print(
                "\nNext: hand out the folders release/<assignment>/. Put what students "
                "return in submitted/<student>/<assignment>/, then grade with "
                "`.venv-instructor/bin/python exercises/manage.py grade <assignment>`, or "
                "with nbgrader's commands in exercises/ (docs/instructors.md, section "
                "'Releasing, collecting and grading')."
            )
        elif args.command == "grade":
            rows = grade(args.assignments, args.course_dir)
            print("\nStudent, assignment: autograded points; written points to grade by hand")
            for student, name, got, most, manual in rows:
                print(f"  {student}, {name}: {got:g} of {most:g}; {manual:g}")
            print(
                "\nFeedback: feedback/<student>/<assignment>/*.html. Grade the written "
                "answers in the formgrader (Jupyter menu Nbgrader > Formgrader)."
            )
        elif args.command == "score":
            results = score(args.notebooks, args.course_dir)
            if args.json:
                print(json.dumps(results))
            for result in [] if args.json else results:
                print(
                    f"{result['notebook']} ({result['assignment']}): "
                    f"{result['points']} of {result['max_points']} autograded points"
                )
                for _, _, _, _, text in result["verdicts"]:
                    print(textwrap.indent(text, "    "))
                if result["tampering"]:
                    print(
                        "    Look at these answers before trusting the points: they could "
                        "change how the tests run:"
                    )
                    print(textwrap.indent("\n".join(result["tampering"]), "      "))
            if not args.json:
                print("Grade the written answers with the assignment's RUBRIC.md.")
        elif args.command == "_validate":
            checks = validate_here(args.notebooks, args.course_dir, invert=args.invert)
            print(
                json.dumps(
                    [{"notebook": str(c.notebook), "ok": c.ok, "output": c.output} for c in checks]
                )
            )
        elif args.command == "demo":
            for path in demo_submission(args.assignment, args.course_dir, args.student):
                print(f"Wrote {path}")
            print(
                f"Now grade it: .venv-instructor/bin/python exercises/manage.py grade "
                f"{args.assignment} (or, with .venv-instructor active, in exercises/: "
                f"nbgrader autograde {args.assignment})"
            )
    except Problem as problem:
        print(f"\n{problem}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
