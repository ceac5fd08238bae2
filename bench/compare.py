"""Before/after: time the package with some modules as they were at a git ref, interleaved.

    python bench/compare.py --ref HEAD src/newscase/core/datafiles.py src/newscase/core/article.py
    python bench/compare.py --ref HEAD --repeat 7 --only notebooks src/newscase/network/draw.py
    python bench/compare.py --ref A --candidate B $(git diff --name-only A B -- src)

The *baseline* is a copy of the working tree's ``src/`` with the named files as they are
at ``--ref``; the *candidate* is the working tree, or with ``--candidate`` another copy
with the named files as they are at that ref (one commit's change: ``--ref`` its parent).
Everything else (data files, other modules, notebooks) is the same in both, so the
ratios show what those files change.
Each measurement alternates baseline and candidate in fresh processes (kernels for
notebooks, interpreters for the rest), so drift on a busy machine hits both alike.

Prints candidate / baseline (median, and the ratio of the minima): below 1 is faster.
Writes the samples to bench/compare.json. See bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run as bench  # bench/run.py: shared helpers

ROOT = bench.ROOT
# Cold: the first call in a fresh interpreter (imports and caches included).
# Warm: the call again after a first one (what a re-run cell costs).
SNIPPETS = {
    "load_case() cold": ("import newscase", "newscase.load_case()"),
    "quiz bank cold": ("from newscase import quiz", "quiz.questions()"),
    "quiz.show_section('00_start_here') cold": (
        "from newscase import quiz",
        "quiz.show_section('00_start_here')._repr_mimebundle_()",
    ),
    "framing.absences_table() cold": (
        "from newscase import framing",
        "framing.absences_table()",
    ),
    "framing.absences_table() warm": (
        "from newscase import framing\nframing.absences_table()",
        "framing.absences_table()",
    ),
    "network figure drawn and rendered, warm": (
        "from newscase import network\nnetwork.network_figure().png()",
        "network.network_figure(focus='Iran').png()",
    ),
    "timeline figure drawn and rendered, warm": (
        "from newscase import timeline\ntimeline.timeline_figure('2017', '2017').png()",
        "timeline.timeline_figure().png()",
    ),
    "maps.article_places_map() cold": (
        "from newscase import maps",
        "maps.article_places_map()",
    ),
}


def timed_snippet(src: Path, setup: str, statement: str) -> float:
    code = (
        f"import time\n{setup}\nstart = time.perf_counter()\n{statement}\n"
        "print(time.perf_counter() - start)"
    )
    env = bench.child_env(PYTHONPATH=str(src))
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"{statement} failed with {src}:\n{done.stderr[-2000:]}")
    return float(done.stdout.strip().splitlines()[-1])


def baseline_tree(ref: str, files: list[str], target: Path) -> Path:
    """Copy of the working tree's src/ with ``files`` as they are at ``ref``."""
    src = target / "src"
    shutil.copytree(ROOT / "src", src, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for name in files:
        relative = Path(name).resolve().relative_to(ROOT) if Path(name).is_absolute() else name
        relative = Path(relative).as_posix()
        if not relative.startswith("src/"):
            raise SystemExit(f"{name}: expected a file under src/")
        shown = subprocess.run(
            ["git", "show", f"{ref}:{relative}"], cwd=ROOT, capture_output=True, check=False
        )
        destination = target / relative
        if shown.returncode != 0:  # new since ref: the baseline does not have it
            destination.unlink(missing_ok=True)
            continue
        destination.write_bytes(shown.stdout)
    return src


def ratio_row(name: str, base: list[float], cand: list[float]) -> dict:
    b, c = bench.summary(base), bench.summary(cand)
    return {
        "name": name,
        "baseline": b,
        "candidate": c,
        "ratio": {"median": c["median"] / b["median"], "min": c["min"] / b["min"]},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", help="files under src/ to take from --ref")
    parser.add_argument("--ref", default="HEAD", help="git ref of the baseline files")
    parser.add_argument(
        "--candidate", help="git ref of the candidate files (default: the working tree)"
    )
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--only", choices=("notebooks", "snippets"), help="only one of the two parts"
    )
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "compare.json")
    args = parser.parse_args(argv)

    scratch = Path(tempfile.mkdtemp(prefix="newscase-compare-"))
    os.environ["NEWSCASE_STUDENT"] = "reference"
    rows = []
    try:
        trees = {
            "baseline": baseline_tree(args.ref, args.files, scratch / "baseline"),
            "candidate": (
                baseline_tree(args.candidate, args.files, scratch / "candidate")
                if args.candidate
                else ROOT / "src"
            ),
        }
        saved_path = os.environ.get("PYTHONPATH")
        if args.only != "snippets":
            import nbformat

            for path in bench.notebooks():
                samples: dict[str, list[float]] = {"baseline": [], "candidate": []}
                source = nbformat.read(path, as_version=4)
                for rep in range(1, args.repeat + 1):
                    for which, src in trees.items():
                        bench.say(f"{path.name} {rep}/{args.repeat}: {which}")
                        os.environ["PYTHONPATH"] = str(src)  # the kernel imports this newscase
                        nb = nbformat.from_dict(json.loads(json.dumps(source)))
                        seconds, _, error = bench.execute_notebook(nb, scratch)
                        if error:
                            raise RuntimeError(f"{path.name} failed with {which}: {error}")
                        samples[which].append(seconds)
                rows.append(ratio_row(path.name, samples["baseline"], samples["candidate"]))
            if saved_path is None:
                os.environ.pop("PYTHONPATH", None)
            else:
                os.environ["PYTHONPATH"] = saved_path
        if args.only != "notebooks":
            for name, (setup, statement) in SNIPPETS.items():
                samples = {"baseline": [], "candidate": []}
                bench.say(f"{name}: {args.repeat} x 2 fresh interpreters")
                for _ in range(args.repeat):
                    for which, src in trees.items():
                        bench.fresh_state(scratch)
                        samples[which].append(timed_snippet(src, setup, statement))
                rows.append(ratio_row(name, samples["baseline"], samples["candidate"]))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    width = max(len(r["name"]) for r in rows) + 2
    candidate = f"at {args.candidate}" if args.candidate else "in the working tree"
    print(f"candidate ({candidate}) / baseline ({', '.join(args.files)} at {args.ref})")
    print("below 1 is faster; median (ratio of the minima); baseline median in brackets")
    for row in rows:
        r = row["ratio"]
        base = bench._fmt_seconds(row["baseline"]["median"])
        print(f"  {row['name']:<{width}} {r['median']:6.2f} ({r['min']:.2f})   [{base}]")
    result = {
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "ref": args.ref,
        "candidate": args.candidate or "working tree",
        "files": args.files,
        "repeat": args.repeat,
        "rows": rows,
        "note": "ratio = candidate / baseline; same machine, interleaved",
        "median_of_ratios": statistics.median(r["ratio"]["median"] for r in rows),
    }
    args.output.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    shown = args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output
    print(f"\nWrote {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
