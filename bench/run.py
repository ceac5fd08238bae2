"""How fast is the module for a student and for CI? Ratios against floors from the same run.

    python bench/run.py                       everything but the fresh installs (about 3 min)
    python bench/run.py --with-install        also time fresh environments (make bench does)
    python bench/run.py --quick               2 repetitions, no installs (about 1-2 min)
    python bench/run.py --only notebooks --only imports --repeat 9

Every time is divided by a *floor* measured in the same run on the same machine (a bare
kernel, ``python -c pass``, a trivial cell's round trip, an empty folium map, an empty
venv), so the figures compare across machines and no number depends on how fast this one
is. Each measurement is repeated; the table shows the median ratio and, in brackets, the
ratio of the minima. Sizes are bytes (they do not depend on the machine).

Prints a table and writes every sample to bench/results.json. See bench/README.md.
Nothing here asserts a time: the tests never depend on how fast a machine is.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
PACKAGE = ROOT / "src" / "newscase"
RESULTS = ROOT / "bench" / "results.json"
SECTIONS = ("notebooks", "imports", "quiz", "maps", "reader", "sizes", "install")
DEFAULT_SECTIONS = SECTIONS[:-1]  # install only with --with-install (make bench)
# What a notebook's first cells import (the brief's list); more are found in the notebooks.
SUBMODULES = (
    "newscase.quiz",
    "newscase.maps",
    "newscase.timeline",
    "newscase.network",
    "newscase.framing",
    "newscase.core.figures",
    "newscase.maps.distance",
)
# Heavy libraries: the imports table says which of them an import pulls in.
HEAVY = (
    "yaml",
    "pandas",
    "numpy",
    "matplotlib",
    "networkx",
    "folium",
    "branca",
    "jinja2",
    "ipywidgets",
    "geographiclib",
)
# Large libraries a notebook may load, and what its "libraries floor" imports for each.
FLOOR_IMPORTS = {
    "yaml": "yaml",
    "ipywidgets": "ipywidgets",
    "numpy": "numpy",
    "pandas": "pandas",
    "matplotlib": "matplotlib.figure, matplotlib.backends.backend_agg",
    "PIL": "PIL.PngImagePlugin",
    "folium": "folium",
    "networkx": "networkx",
    "geographiclib": "geographiclib.geodesic",
}
BRIEF_PACKAGES = ("jupyterlab", "ipywidgets", "folium")  # the brief's own packages
KERNEL = "python3"
LOADED = f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))"
MIN_BATCH = 0.05  # seconds: per-call timings run batches at least this long


def say(message: str) -> None:
    """Progress on stderr (the table goes to stdout)."""
    print(f"  .. {message}", file=sys.stderr, flush=True)


# ---- statistics


def summary(samples: list[float]) -> dict:
    return {"min": min(samples), "median": statistics.median(samples), "samples": samples}


def ratio(value: dict, floor: dict) -> dict:
    """Median over median and min over min."""
    return {"median": value["median"] / floor["median"], "min": value["min"] / floor["min"]}


def per_call(fn: Callable[[], object], repeat: int) -> dict:
    """Seconds per call: ``repeat`` batches, each long enough to time (like timeit)."""
    fn()  # warm: first-call costs (imports, caches) are measured separately, cold
    number = 1
    while True:
        start = time.perf_counter()
        for _ in range(number):
            fn()
        elapsed = time.perf_counter() - start
        if elapsed >= MIN_BATCH or number >= 1_000_000:
            break
        number *= 10 if elapsed < MIN_BATCH / 10 else 2
    samples = [elapsed / number]
    for _ in range(repeat - 1):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        samples.append((time.perf_counter() - start) / number)
    return {**summary(samples), "calls_per_batch": number}


# ---- running things


def child_env(**extra: str) -> dict:
    return {**os.environ, **extra}


def timed_run(argv: list[str], env: dict | None = None, cwd: Path | None = None) -> float:
    """Wall-clock seconds of a subprocess; raise with its output if it fails."""
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv[:4])} failed:\n{(done.stdout + done.stderr)[-2000:]}")
    return elapsed


def python_output(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=child_env(), check=True
    )
    return done.stdout.strip()


def notebooks() -> list[Path]:
    return sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def fresh_state(scratch: Path) -> None:
    """A new, empty NEWSCASE_HOME for what runs next (kernels and subprocesses inherit it)."""
    os.environ["NEWSCASE_HOME"] = tempfile.mkdtemp(prefix="home-", dir=scratch)


def execute_notebook(nb, scratch: Path) -> tuple[float, list[float], str | None]:
    """Run ``nb`` the way nbval does: a fresh python3 kernel in notebooks/, cells in order.

    Returns (seconds from kernel start to shutdown, seconds per cell, error or None).
    """
    from nbclient.exceptions import CellExecutionError

    from newscase.core.runner import run_notebook

    marks: dict[int, list[float]] = {}
    fresh_state(scratch)
    error = None
    start = time.perf_counter()
    try:
        run_notebook(
            nb,
            NOTEBOOKS,
            timeout=600,
            quiet=True,  # the kernel's start-up chatter
            on_cell_start=lambda i: marks.setdefault(i, []).append(time.perf_counter()),
            on_cell_end=lambda i: marks[i].append(time.perf_counter()),
        )
    except CellExecutionError as exc:
        error = str(exc).strip().splitlines()[-1][:300]
    elapsed = time.perf_counter() - start
    cells = [0.0] * len(nb.cells)
    for index, (begin, *end) in marks.items():
        cells[index] = (end[0] - begin) if end else 0.0
    return elapsed, cells, error


def trivial_notebook():
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("1 + 1")]
    return nb


class Floors:
    """Floors shared by several sections, measured once per run when first needed."""

    def __init__(self, repeat: int, scratch: Path):
        self.repeat, self.scratch = repeat, scratch
        self.values: dict[str, dict] = {}

    def trivial_cell(self) -> dict:
        """Round trip of ``pass`` in a running kernel: what any cell costs a student."""
        if "trivial_cell" not in self.values:
            from jupyter_client.manager import start_new_kernel

            say("floor: round trip of a trivial cell in a running kernel")
            km, kc = start_new_kernel(kernel_name=KERNEL, stderr=subprocess.DEVNULL)
            try:

                def roundtrip():
                    reply = kc.execute_interactive("pass", timeout=60, output_hook=lambda m: None)
                    assert reply["content"]["status"] == "ok", reply["content"]

                for _ in range(10):
                    roundtrip()
                samples = []
                for _ in range(self.repeat):
                    start = time.perf_counter()
                    for _ in range(20):
                        roundtrip()
                    samples.append((time.perf_counter() - start) / 20)
            finally:
                kc.stop_channels()
                km.shutdown_kernel(now=True)
            self.values["trivial_cell"] = {
                **summary(samples),
                "what": "round trip of a cell `pass` in a running python3 kernel",
            }
        return self.values["trivial_cell"]


# ---- sections


def libraries_loaded(nb, scratch: Path) -> list[str]:
    """The large libraries (FLOOR_IMPORTS) ``nb`` has loaded after its last cell (not timed)."""
    import nbformat

    probe = nbformat.from_dict(json.loads(json.dumps(nb)))
    names = list(FLOOR_IMPORTS)
    code = (
        "import json as _json, sys as _sys\n"
        f"print('NEWSCASE-LIBS', _json.dumps([m for m in {names!r} if m in _sys.modules]))"
    )
    probe.cells.append(nbformat.v4.new_code_cell(code))
    execute_notebook(probe, scratch)
    for output in probe.cells[-1].get("outputs", []):
        for line in output.get("text", "").splitlines():
            if line.startswith("NEWSCASE-LIBS "):
                return json.loads(line.split(" ", 1)[1])
    return []


def libraries_notebook(nb, libraries: list[str]):
    """As many code cells as ``nb``: the first imports ``libraries``, the others are empty.

    What the notebook would cost if its cells did nothing but load the libraries it loads:
    the floor for that notebook that no change to the module's own code can go below.
    """
    import nbformat

    count = sum(1 for cell in nb.cells if cell.cell_type == "code")
    first = "\n".join(f"import {FLOOR_IMPORTS[name]}" for name in libraries) or "pass"
    floor = nbformat.v4.new_notebook()
    floor.cells = [nbformat.v4.new_code_cell(first)]
    floor.cells += [nbformat.v4.new_code_cell("pass") for _ in range(count - 1)]
    return floor


def bench_notebooks(repeat: int, floors: Floors, scratch: Path) -> dict:
    import nbformat

    paths = notebooks()
    say("notebooks: warming up (one bare kernel, not counted)")
    execute_notebook(trivial_notebook(), scratch)
    floor: list[float] = []
    times: dict[str, list[float]] = {p.name: [] for p in paths}
    cells: dict[str, list[list[float]]] = {p.name: [] for p in paths}
    library_times: dict[str, list[float]] = {p.name: [] for p in paths}
    errors: dict[str, str] = {}
    sources = {p.name: nbformat.read(p, as_version=4) for p in paths}
    libraries = {}
    for path in paths:
        say(f"notebooks: which libraries {path.name} loads (a run not counted)")
        libraries[path.name] = libraries_loaded(sources[path.name], scratch)
    for rep in range(1, repeat + 1):
        say(f"notebooks {rep}/{repeat}: bare kernel + one trivial cell (the floor)")
        floor.append(execute_notebook(trivial_notebook(), scratch)[0])
        for path in paths:
            if path.name in errors:
                continue
            say(f"notebooks {rep}/{repeat}: {path.name}")
            nb = nbformat.from_dict(json.loads(json.dumps(sources[path.name])))
            seconds, per_cell, error = execute_notebook(nb, scratch)
            if error:
                errors[path.name] = error
                say(f"   {path.name} failed: {error}")
                continue
            times[path.name].append(seconds)
            cells[path.name].append(per_cell)
            say(f"notebooks {rep}/{repeat}: {path.name}'s libraries floor")
            only_libraries = libraries_notebook(sources[path.name], libraries[path.name])
            library_times[path.name].append(execute_notebook(only_libraries, scratch)[0])
    floors.values["bare_kernel"] = {
        **summary(floor),
        "what": "start a python3 kernel, run `1 + 1`, shut it down (nbclient)",
    }
    rows = []
    for path in paths:
        if path.name in errors:
            rows.append({"name": path.name, "error": errors[path.name]})
            continue
        value = summary(times[path.name])
        by_cell = [statistics.median(c) for c in zip(*cells[path.name], strict=True)]
        nb = sources[path.name]
        slowest = sorted(
            (
                {
                    "cell": i,
                    "first_line": (nb.cells[i].source.strip().splitlines() or [""])[0][:60],
                    "median_seconds": t,
                    "share": t / value["median"],
                }
                for i, t in enumerate(by_cell)
                if nb.cells[i].cell_type == "code"
            ),
            key=lambda c: -c["median_seconds"],
        )[:3]
        libs = summary(library_times[path.name])
        rows.append(
            {
                "name": path.name,
                **value,
                "ratios": {"bare_kernel": ratio(value, floors.values["bare_kernel"])},
                "slowest_cells": slowest,
                "libraries": libraries[path.name],
                "libraries_floor": {
                    **libs,
                    "ratios": {"bare_kernel": ratio(libs, floors.values["bare_kernel"])},
                },
            }
        )
    good = [r for r in rows if "error" not in r]
    if good:
        # All notebooks, one after another (what `pytest --nbval` does): sum per repetition.
        total = [sum(times[r["name"]][i] for r in good) for i in range(repeat)]
        value = summary(total)
        rows.append(
            {
                "name": f"all {len(good)} notebooks (sum)",
                **value,
                "ratios": {"bare_kernel": ratio(value, floors.values["bare_kernel"])},
            }
        )
    return {"rows": rows, "errors": errors}


def notebook_imports() -> list[str]:
    """newscase submodules the notebooks import (``from newscase import maps`` and the like)."""
    import importlib.util

    import nbformat

    found: set[str] = set()
    for path in notebooks():
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type != "code":
                continue
            for line in cell.source.splitlines():
                line = line.strip()
                if m := re.match(r"from (newscase(?:\.\w+)*) import (.+)", line):
                    base, names = m.group(1), m.group(2).strip("() ")
                    if base != "newscase":
                        found.add(base)
                    for name in (n.strip().split(" as ")[0] for n in names.split(",")):
                        candidate = f"{base}.{name}"
                        if name.isidentifier() and importlib.util.find_spec(base) is not None:
                            try:
                                if importlib.util.find_spec(candidate) is not None:
                                    found.add(candidate)
                            except ModuleNotFoundError:
                                pass
                elif m := re.match(r"import (newscase(?:\.\w+)+)", line):
                    found.add(m.group(1))
    return sorted(found)


def bench_imports(repeat: int, floors: Floors) -> dict:
    targets = ["newscase", *sorted(set(SUBMODULES) | set(notebook_imports()))]
    references = {"pass": "pass", "ipywidgets": "import ipywidgets", "folium": "import folium"}
    codes = {**references, **{t: f"import {t}" for t in targets}}
    env = child_env()
    say("imports: warming up (byte-code caches), and noting what each import loads")
    loads = {}
    for name, code in codes.items():
        timed_run([sys.executable, "-c", code], env=env)
        probe = f"{code}\nimport sys, json\n" + LOADED
        loads[name] = json.loads(python_output(probe))
    samples: dict[str, list[float]] = {name: [] for name in codes}
    for rep in range(1, repeat + 1):
        say(f"imports {rep}/{repeat}: {len(codes)} fresh interpreters")
        for name, code in codes.items():  # interleaved, so drift hits every row alike
            samples[name].append(timed_run([sys.executable, "-c", code], env=env))
    floors.values["python"] = {**summary(samples["pass"]), "what": "`python -c pass`"}
    refs = {name: summary(samples[name]) for name in ("ipywidgets", "folium")}
    rows = []
    for name in ["ipywidgets", "folium", *targets]:
        value = summary(samples[name])
        rows.append(
            {
                "name": f"import {name}",
                **value,
                "ratios": {
                    "python": ratio(value, floors.values["python"]),
                    **{ref: ratio(value, refs[ref]) for ref in refs},
                },
                "loads": loads[name],
            }
        )
    return {"rows": rows}


def _student_answer(question):
    """The right answer, in the form a student (or a widget) gives it."""
    if question.type == "match":
        return dict(question.answer)
    if question.type in ("multiple", "order"):
        return list(question.answer)
    if question.type == "numeric":
        return f"{question.answer:g} {question.unit}".strip() if question.unit else question.answer
    return question.answer


def bench_quiz(repeat: int, floors: Floors, scratch: Path) -> dict:
    import newscase
    from newscase import quiz

    cell = floors.trivial_cell()
    rows = []
    say("quiz: newscase.load_case() cold, in fresh interpreters")
    code = (
        "import time, newscase\nstart = time.perf_counter()\nnewscase.load_case()\n"
        "print(time.perf_counter() - start)"
    )
    cold = summary([float(python_output(code)) for _ in range(repeat)])
    newscase.load_case()
    cached = per_call(newscase.load_case, repeat)
    rows.append(
        {
            "name": "load_case(), cold (first call in a kernel)",
            **cold,
            "ratios": {"trivial_cell": ratio(cold, cell), "load_case_cached": ratio(cold, cached)},
        }
    )
    rows.append(
        {
            "name": "load_case(), cached",
            **cached,
            "ratios": {"trivial_cell": ratio(cached, cell)},
        }
    )
    say("quiz: bank loaded cold, in fresh interpreters")
    code = (
        "import time\nfrom newscase import quiz\nstart = time.perf_counter()\nquiz.questions()\n"
        "print(time.perf_counter() - start)"
    )
    bank = summary([float(python_output(code)) for _ in range(repeat)])
    rows.append(
        {
            "name": "quiz bank, cold (first quiz in a kernel)",
            **bank,
            "ratios": {"trivial_cell": ratio(bank, cell)},
        }
    )
    by_type: dict[str, object] = {}
    for question_id in quiz.questions():
        question = quiz.load(question_id)
        by_type.setdefault(question.type, question)
    for kind, question in sorted(by_type.items()):
        answer = _student_answer(question)
        result = quiz.check(question, answer)
        say(f"quiz: check() a {kind} answer ({question.id})")
        value = per_call(lambda q=question, a=answer: quiz.check(q, a), repeat)
        by_id = per_call(lambda q=question.id, a=answer: quiz.check(q, a), repeat)
        rows.append(
            {
                "name": f"check({kind} question, answer)",
                "question": question.id,
                "correct": result.correct,
                **value,
                "ratios": {"trivial_cell": ratio(value, cell)},
            }
        )
        rows.append(
            {
                "name": f"check('{question.id}', answer) (by id)",
                **by_id,
                "ratios": {"trivial_cell": ratio(by_id, cell)},
            }
        )
    return {"rows": rows}


def map_builders() -> list[tuple[str, Callable[[], object]]]:
    from newscase import maps
    from newscase.timeline import article_date

    day = article_date()
    start = day.replace(day=1)
    end = (start + dt.timedelta(days=62)).replace(day=1) - dt.timedelta(days=1)
    return [
        ("article_places_map()", maps.article_places_map),
        ("routes_map()", maps.routes_map),
        (
            f"events_map('{start}', '{end}')",
            lambda: maps.events_map(start.isoformat(), end.isoformat()),
        ),
    ]


def _empty_map():
    import folium

    return folium.Map(tiles=None)


def bench_maps(repeat: int, floors: Floors) -> dict:
    cell = floors.trivial_cell()
    rows = []
    say("maps: first map in fresh interpreters (imports folium, loads the case)")
    code = (
        "import time\nfrom newscase import maps\nstart = time.perf_counter()\n"
        "maps.article_places_map()\nprint(time.perf_counter() - start)"
    )
    cold = summary([float(python_output(code)) for _ in range(repeat)])
    say("maps: empty folium map (the floor)")
    empty_build = per_call(_empty_map, repeat)
    empty_render = per_call(lambda: _empty_map().get_root().render(), repeat)
    floors.values["folium_map"] = {
        **empty_build,
        "what": "build `folium.Map(tiles=None)`",
    }
    floors.values["folium_render"] = {
        **empty_render,
        "what": "build and render `folium.Map(tiles=None)` to HTML",
    }
    rows.append(
        {
            "name": "article_places_map(), cold (first map in a kernel)",
            **cold,
            "ratios": {"trivial_cell": ratio(cold, cell)},
        }
    )
    for name, build in map_builders():
        say(f"maps: {name}: build, render, display")
        made = build()
        value = per_call(build, repeat)
        rows.append(
            {
                "name": f"{name}: build",
                **value,
                "ratios": {
                    "trivial_cell": ratio(value, cell),
                    "folium_map": ratio(value, empty_build),
                },
            }
        )
        value = per_call(lambda m=made: m.get_root().render(), repeat)
        rows.append(
            {
                "name": f"{name}: render HTML",
                **value,
                "ratios": {
                    "trivial_cell": ratio(value, cell),
                    "folium_render": ratio(value, empty_render),
                },
            }
        )
        value = per_call(lambda b=build: b()._repr_mimebundle_(), repeat)
        rows.append(
            {
                "name": f"{name}: build + display (mimebundle)",
                **value,
                "ratios": {"trivial_cell": ratio(value, cell)},
            }
        )
    return {"rows": rows}


# ---- the reader's toolkit: read() on any article

SEED = ROOT / "seeds" / "000_aacf289461923e97.txt"
TEXTS = ROOT / "tests" / "texts"
READER_TEXTS = ("wire_report", "analysis")  # fictional texts, added to the seed


def reader_article() -> str:
    """About 1,200 words of news prose: the seed article and two fictional test texts."""
    parts = [SEED.read_text(encoding="utf-8")]
    parts += [(TEXTS / f"{name}.txt").read_text(encoding="utf-8") for name in READER_TEXTS]
    return "\n\n".join(parts)


def bench_reader(repeat: int, floors: Floors, scratch: Path) -> dict:
    """read() on a 1,000-word article: first call in a fresh interpreter, then per call;
    floor: the module's sentence splitter on the same text (what any reading must do)."""
    import newscase
    from newscase import framing
    from newscase.core.text import sentences

    text = reader_article()
    words = len(text.split())
    cell = floors.trivial_cell()
    say(f"reader: sentences() of a {words}-word text (the floor)")
    floor = per_call(lambda: sentences(text), repeat)
    floors.values["sentences"] = {
        **floor,
        "what": f"newscase.core.text.sentences() of the same {words}-word text",
    }
    say("reader: read() cold, in fresh interpreters")
    article = scratch / "reader-article.txt"
    article.write_text(text, encoding="utf-8")
    code = (
        "import pathlib, time, newscase\n"
        f"text = pathlib.Path({str(article)!r}).read_text(encoding='utf-8')\n"
        "start = time.perf_counter()\nnewscase.read(text, published='2017-05-31')\n"
        "print(time.perf_counter() - start)"
    )
    cold = summary([float(python_output(code)) for _ in range(repeat)])
    rows = [
        {
            "name": f"read() of {words} words, cold (first call in a kernel)",
            **cold,
            "ratios": {"trivial_cell": ratio(cold, cell), "sentences": ratio(cold, floor)},
        }
    ]
    cases = [
        (f"read() of {words} words", lambda: newscase.read(text, published="2017-05-31")),
        ("read() of the seed (810 words)", lambda: newscase.read(SEED.read_text("utf-8"))),
        ("read() of an HTML page", lambda: newscase.read((TEXTS / "html_wrapped.txt").read_text())),
        ("framing.find_voices() (the seed, with voices.yaml)", framing.find_voices),
    ]
    for name, call in cases:
        say(f"reader: {name}")
        value = per_call(call, repeat)
        rows.append(
            {
                "name": name,
                **value,
                "ratios": {"sentences": ratio(value, floor), "trivial_cell": ratio(value, cell)},
            }
        )
    return {"rows": rows, "words": words}


def _tree_bytes(path: Path) -> int:
    return sum(
        p.stat().st_size for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts
    )


def bench_sizes() -> dict:
    import nbformat

    from newscase.maps.assets import head_html

    rows = []
    for path in notebooks():
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs = []
                cell.execution_count = None
        bare = len(nbformat.writes(nb).encode())
        size = path.stat().st_size
        rows.append(
            {
                "name": f"notebook {path.name}",
                "bytes": size,
                "ratios": {"without_outputs": {"median": size / bare, "min": size / bare}},
                "without_outputs_bytes": bare,
            }
        )
    empty = _empty_map()
    from newscase.maps.assets import use_assets

    use_assets(empty, "inline")
    leaflet_only = len(empty.get_root().render().encode())
    leaflet = len(head_html("inline").encode())
    for name, build in map_builders():
        m = build()
        html = len(m.get_root().render().encode())
        shown = len(m._repr_mimebundle_()["text/html"].encode())
        rows.append(
            {
                "name": f"map {name}: HTML",
                "bytes": html,
                "embedded_bytes": shown,
                "leaflet_bytes": leaflet,
                "ratios": {
                    "leaflet_only_map": {"median": html / leaflet_only, "min": html / leaflet_only}
                },
            }
        )
    rows.append({"name": "empty map with inlined Leaflet (the floor)", "bytes": leaflet_only})
    data = PACKAGE / "data"
    for path in sorted(p for p in data.rglob("*") if p.is_file()):
        rows.append(
            {
                "name": f"data/{path.relative_to(data).as_posix()}",
                "bytes": path.stat().st_size,
                "group": "data",
            }
        )
    rows.append({"name": "src/newscase/data (all)", "bytes": _tree_bytes(data)})
    rows.append({"name": "src/newscase/assets (all)", "bytes": _tree_bytes(PACKAGE / "assets")})
    code = sum(p.stat().st_size for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)
    rows.append({"name": "src/newscase/**/*.py (code)", "bytes": code})
    return {"rows": rows}


def _copy_repo(target: Path) -> None:
    """The working tree as a fresh clone would have it (tracked + new files, no ignored)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for raw in listed:
        if not raw:
            continue
        source = ROOT / os.fsdecode(raw)
        if source.is_file():
            destination = target / os.fsdecode(raw)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination)


def _pip_sources(log: str) -> dict:
    return {
        "downloaded": len(re.findall(r"^\s*Downloading ", log, re.M)),
        "from_pip_cache": len(re.findall(r"^\s*Using cached ", log, re.M)),
        "local_files": len(re.findall(r"^\s*Processing /", log, re.M)),
    }


def _brief_requirements() -> list[str]:
    """jupyterlab, ipywidgets and folium with the minimum versions pyproject.toml asks for."""
    import tomllib

    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "dependencies"
    ]
    wanted = []
    for name in BRIEF_PACKAGES:
        match = [d for d in deps if re.match(rf"{name}\b", d)]
        wanted.append(match[0] if match else name)
    return wanted


def bench_install(repeat: int, floors: Floors, scratch: Path) -> dict:
    work = scratch / "install"
    repo = work / "repo"
    _copy_repo(repo)
    brief = _brief_requirements()
    pip = ["-m", "pip", "install", "--progress-bar", "off", "--disable-pip-version-check"]
    samples: dict[str, list[float]] = {"venv": [], "module": [], "brief": []}
    info: dict[str, dict] = {}
    for rep in range(1, repeat + 1):
        for kind in ("venv", "module", "brief"):
            venv = work / f"{kind}-{rep}"
            what = {
                "venv": "python -m venv (the floor)",
                "module": "python -m venv + pip install -e <repo>",
                "brief": f"python -m venv + pip install {' '.join(brief)}",
            }[kind]
            say(f"install {rep}/{repeat}: {what}")
            start = time.perf_counter()
            timed_run([sys.executable, "-m", "venv", str(venv)])
            python = str(venv / "bin" / "python")
            log = ""
            if kind != "venv":
                args = ["-e", str(repo)] if kind == "module" else brief
                done = subprocess.run(
                    [python, *pip, *args], capture_output=True, text=True, check=False
                )
                log = done.stdout + done.stderr
                if done.returncode != 0:
                    raise RuntimeError(f"pip install failed:\n{log[-3000:]}")
            samples[kind].append(time.perf_counter() - start)
            if rep == 1:
                site = next((venv / "lib").glob("python*/site-packages"))
                dists = len(list(site.glob("*.dist-info")))
                info[kind] = {"site_packages_bytes": _tree_bytes(site), "distributions": dists}
                info[kind].update(_pip_sources(log))
            shutil.rmtree(venv, ignore_errors=True)
    floors.values["venv"] = {**summary(samples["venv"]), "what": "`python -m venv` (with pip)"}
    brief_value = summary(samples["brief"])
    rows = []
    for kind, name in (
        ("module", "venv + pip install -e . (the module)"),
        ("brief", f"venv + pip install {' '.join(BRIEF_PACKAGES)}"),
    ):
        value = summary(samples[kind])
        rows.append(
            {
                "name": name,
                **value,
                **info[kind],
                "ratios": {
                    "venv": ratio(value, floors.values["venv"]),
                    "brief_packages": ratio(value, brief_value),
                },
            }
        )
    pip_config = subprocess.run(
        [sys.executable, "-m", "pip", "config", "list"], capture_output=True, text=True, check=False
    ).stdout.strip()
    pip_cache = subprocess.run(
        [sys.executable, "-m", "pip", "cache", "dir"], capture_output=True, text=True, check=False
    ).stdout.strip()
    return {"rows": rows, "pip_config": pip_config.splitlines(), "pip_cache_dir": pip_cache}


# ---- report


FLOOR_LABELS = {
    "bare_kernel": "× bare kernel",
    "python": "× python -c pass",
    "ipywidgets": "× import ipywidgets",
    "folium": "× import folium",
    "trivial_cell": "× trivial cell",
    "load_case_cached": "× cached",
    "folium_map": "× empty folium map",
    "folium_render": "× empty map render",
    "venv": "× empty venv",
    "brief_packages": "× brief's packages",
    "without_outputs": "× without outputs",
    "leaflet_only_map": "× Leaflet-only map",
    "sentences": "× sentences()",
}


def _fmt_ratio(r: dict) -> str:
    def num(x: float) -> str:
        if x >= 100:
            return f"{x:.0f}"
        if x >= 10:
            return f"{x:.1f}"
        if x >= 0.01:
            return f"{x:.2f}"
        return f"{x:.0e}"

    return f"{num(r['median'])} ({num(r['min'])})"


def _fmt_seconds(s: float) -> str:
    if s >= 1:
        return f"{s:.2f} s"
    if s >= 1e-3:
        return f"{s * 1e3:.1f} ms"
    return f"{s * 1e6:.0f} µs"


def _fmt_bytes(n: int) -> str:
    return f"{n / 1024:,.1f} KiB" if n >= 1024 else f"{n} B"


TITLES = {
    "notebooks": "Executing each notebook as nbval does (fresh kernel, all cells)",
    "imports": "Imports, each in a fresh interpreter",
    "quiz": "Case data and quiz grading (pure API, per call)",
    "maps": "Maps (per call)",
    "reader": "The reader's toolkit: read() on any article (per call unless cold)",
    "sizes": "Sizes",
    "install": "A fresh environment",
}


def table(results: dict) -> str:
    lines = []
    meta = results["meta"]
    lines.append(
        f"newscase benchmark, {meta['date']}, Python {meta['python']}, {meta['machine']}, "
        f"{meta['repeat']} repetitions"
    )
    lines.append("Ratios: median (ratio of the minima); each floor measured in this run.")
    lines.append("")
    lines.append("Floors (this machine; everything below is a multiple of one of them)")
    for name, floor in results["floors"].items():
        lines.append(
            f"  {name:<14} {_fmt_seconds(floor['median']):>10} (min {_fmt_seconds(floor['min'])})"
            f"  {floor['what']}"
        )
    for section, data in results["sections"].items():
        lines.append("")
        lines.append(TITLES[section])
        width = max(len(r["name"]) for r in data["rows"]) + 2
        for row in data["rows"]:
            name = row["name"]
            if "error" in row:
                lines.append(f"  {name:<{width}} FAILED: {row['error']}")
                continue
            parts = []
            if "bytes" in row:
                parts.append(f"{_fmt_bytes(row['bytes']):>12}")
            for floor, r in row.get("ratios", {}).items():
                parts.append(f"{_fmt_ratio(r):>15} {FLOOR_LABELS.get(floor, floor)}")
            if "loads" in row:
                parts.append("  loads: " + (", ".join(row["loads"]) or "-"))
            if section == "quiz" and row.get("correct") is False:
                parts.append("  (answer graded wrong!)")
            lines.append(f"  {name:<{width}}" + "  ".join(parts))
            if "libraries_floor" in row:
                floor_ratio = _fmt_ratio(row["libraries_floor"]["ratios"]["bare_kernel"])
                loaded = ", ".join(row["libraries"]) or "nothing"
                lines.append(
                    f"      libraries floor {floor_ratio} × bare kernel: as many empty cells, "
                    f"the first importing {loaded}"
                )
            for slow in row.get("slowest_cells", []):
                lines.append(
                    f"      cell {slow['cell']:>3}: {slow['share']:>4.0%} of the notebook"
                    f"  {slow['first_line']}"
                )
        if section == "install":
            for row in data["rows"]:
                lines.append(
                    f"    {row['name']}: {row['distributions']} distributions, "
                    f"{_fmt_bytes(row['site_packages_bytes'])} in site-packages; "
                    f"{row['downloaded']} downloaded, {row['from_pip_cache']} from pip's cache, "
                    f"{row['local_files']} from local wheel folders"
                )
    return "\n".join(lines)


def _versions() -> dict:
    from importlib import metadata

    out = {}
    for name in (
        "newscase",
        "jupyterlab",
        "ipykernel",
        "nbclient",
        "ipywidgets",
        "folium",
        "pandas",
        "matplotlib",
        "networkx",
        "pyyaml",
    ):
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = None
    return out


def _git() -> dict:
    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)
        return done.stdout.strip()

    return {
        "commit": git("rev-parse", "--short", "HEAD"),
        "dirty": bool(git("status", "--porcelain")),
    }


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Time the module as ratios against floors measured in the same run.",
    )
    parser.add_argument("--repeat", type=int, help="repetitions of each measurement (default 5)")
    parser.add_argument("--quick", action="store_true", help="2 repetitions, and no fresh install")
    parser.add_argument(
        "--only",
        action="append",
        metavar="|".join(SECTIONS),
        help="run only these parts (repeat the option or separate with commas)",
    )
    parser.add_argument(
        "--with-install",
        action="store_true",
        help="also time fresh environments (slow; make bench turns it on)",
    )
    parser.add_argument(
        "--install-repeat",
        type=int,
        help="repetitions of the fresh installs (default: --repeat, at most 3)",
    )
    parser.add_argument("--output", type=Path, default=RESULTS, help="where to write the JSON")
    args = parser.parse_args(argv)
    if args.repeat is None:
        args.repeat = 2 if args.quick else 5
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if args.only:
        chosen = [s.strip() for item in args.only for s in item.split(",") if s.strip()]
        unknown = [s for s in chosen if s not in SECTIONS]
        if unknown:
            parser.error(f"--only {', '.join(unknown)}: expected one of {', '.join(SECTIONS)}")
        args.sections = [s for s in SECTIONS if s in chosen]
    else:
        args.sections = list(DEFAULT_SECTIONS)
        if args.with_install:
            args.sections.append("install")
    if args.install_repeat is None:
        args.install_repeat = min(args.repeat, 3)
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    scratch = Path(tempfile.mkdtemp(prefix="newscase-bench-"))
    saved_env = {k: os.environ.get(k) for k in ("NEWSCASE_HOME", "NEWSCASE_STUDENT")}
    # As tools/build_notebooks.py and the tests: throwaway state, the reference student.
    os.environ["NEWSCASE_STUDENT"] = "reference"
    fresh_state(scratch)
    floors = Floors(args.repeat, scratch)
    results = {
        "meta": {
            "date": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
            "python": platform.python_version(),
            "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs",
            "repeat": args.repeat,
            "install_repeat": args.install_repeat if "install" in args.sections else 0,
            "sections": args.sections,
            "command": " ".join(["bench/run.py", *(argv if argv is not None else sys.argv[1:])]),
            "versions": _versions(),
            "git": _git(),
        },
        "floors": floors.values,
        "sections": {},
    }
    started = time.perf_counter()
    try:
        for section in args.sections:
            say(f"== {section}")
            if section == "notebooks":
                data = bench_notebooks(args.repeat, floors, scratch)
            elif section == "imports":
                data = bench_imports(args.repeat, floors)
            elif section == "quiz":
                data = bench_quiz(args.repeat, floors, scratch)
            elif section == "maps":
                data = bench_maps(args.repeat, floors)
            elif section == "reader":
                data = bench_reader(args.repeat, floors, scratch)
            elif section == "sizes":
                data = bench_sizes()
            else:
                data = bench_install(args.install_repeat, floors, scratch)
            results["sections"][section] = data
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        for key, value in saved_env.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    results["meta"]["seconds"] = round(time.perf_counter() - started, 1)
    print(table(results))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=1, sort_keys=False) + "\n", encoding="utf-8")
    try:
        shown = args.output.resolve().relative_to(ROOT)
    except ValueError:
        shown = args.output
    print(f"\nWrote {shown} ({results['meta']['seconds']} s).")
    failed = [name for d in results["sections"].values() for name in d.get("errors", {})]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
