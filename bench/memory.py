"""How much memory does one student need on a hub? Kernel peaks, a bare kernel, an idle server.

    python bench/memory.py                 every notebook once (about 30 s)
    python bench/memory.py --repeat 3      the largest of 3 runs of each

Each notebook in notebooks/ runs as nbval and bench/run.py run it: a fresh python3 kernel
via nbclient, in notebooks/, NEWSCASE_HOME a new temp folder, NEWSCASE_STUDENT=reference.
After its last cell, a cell added here asks the kernel for its peak resident memory
(VmHWM in /proc/self/status on Linux; ``getrusage``'s ``ru_maxrss`` elsewhere), its resident
memory now (VmRSS) and that of any child process still running. ``ru_maxrss`` is not used
on Linux: it keeps the high-water mark of the process that started the kernel (counted
when it forked), so it overstates a kernel. The floor is a bare kernel measured the same
way in the same run. The per-user server is JupyterLab started as `make lab` starts it: its
resident memory once it answers, and after it has served the /lab page (no kernel running).

Prints a table and writes bench/memory.json. Memory depends on the machine's Python and
libraries, not on its speed; still, no test asserts these numbers. See bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import socket
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
RESULTS = ROOT / "bench" / "memory.json"
KERNEL = "python3"
MIB = 1024 * 1024
# The cell appended to each notebook: peaks and current size, in bytes, as one JSON line.
PROBE = """\
import json as _j, os as _o, resource as _r, sys as _s
def _vm(pid):
    try:
        with open(f"/proc/{pid}/status") as _f:
            return {l.split(":")[0]: int(l.split()[1]) * 1024 for l in _f if l.startswith("Vm")}
    except OSError:
        return {}
_me = _vm("self")
_kids = []
for _t in (_o.listdir("/proc/self/task") if _o.path.isdir("/proc/self/task") else []):
    try:
        with open(f"/proc/self/task/{_t}/children") as _f:
            _kids += _f.read().split()
    except OSError:
        pass
_unit = 1 if _s.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux
print("NEWSCASE-MEMORY " + _j.dumps({
    "peak": _me.get("VmHWM") or _r.getrusage(_r.RUSAGE_SELF).ru_maxrss * _unit,
    "peak_source": "VmHWM" if "VmHWM" in _me else "ru_maxrss",
    "now": _me.get("VmRSS"),
    "children_alive": len(_kids),
    "children_now": sum(_vm(k).get("VmRSS", 0) for k in _kids),
}))
"""


def say(message: str) -> None:
    """Progress on stderr (the table goes to stdout)."""
    print(f"  .. {message}", file=sys.stderr, flush=True)


def notebooks() -> list[Path]:
    return sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def kernel_memory(nb, scratch: Path) -> dict:
    """Run ``nb`` plus the probe cell in a fresh kernel; return the probe's figures (bytes)."""
    import nbformat

    from newscase.core.runner import run_notebook

    nb.cells.append(nbformat.v4.new_code_cell(PROBE))
    os.environ["NEWSCASE_HOME"] = tempfile.mkdtemp(prefix="home-", dir=scratch)
    run_notebook(nb, NOTEBOOKS, timeout=600, quiet=True)  # a failing cell raises
    for output in nb.cells[-1].get("outputs", []):
        for line in output.get("text", "").splitlines():
            if line.startswith("NEWSCASE-MEMORY "):
                return json.loads(line.split(" ", 1)[1])
    raise RuntimeError("the memory probe printed nothing")


def bare_notebook():
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("1 + 1")]
    return nb


def largest(samples: list[dict]) -> dict:
    """Per figure, the largest over repetitions (memory: the worst case is what to plan for)."""
    out = dict(samples[0])
    for key, value in out.items():
        if isinstance(value, int):
            out[key] = max(s[key] for s in samples if s[key] is not None)
    return out


def bench_kernels(repeat: int, scratch: Path) -> dict:
    import nbformat

    floor_samples: list[dict] = []
    rows, errors = [], {}
    sources = {p.name: nbformat.read(p, as_version=4) for p in notebooks()}
    samples: dict[str, list[dict]] = {name: [] for name in sources}
    for rep in range(1, repeat + 1):
        say(f"kernels {rep}/{repeat}: bare kernel running `1 + 1` (the floor)")
        floor_samples.append(kernel_memory(bare_notebook(), scratch))
        for name, source in sources.items():
            if name in errors:
                continue
            say(f"kernels {rep}/{repeat}: {name}")
            nb = nbformat.from_dict(json.loads(json.dumps(source)))
            try:
                samples[name].append(kernel_memory(nb, scratch))
            except Exception as exc:  # report it in the table, go on with the others
                errors[name] = str(exc).strip().splitlines()[-1][:300]
                say(f"   {name} failed: {errors[name]}")
    floor = largest(floor_samples)
    for name in sources:
        if name in errors:
            rows.append({"name": name, "error": errors[name]})
            continue
        value = largest(samples[name])
        rows.append(
            {
                "name": name,
                **value,
                "per_kernel": value["peak"] + value["children_now"],
                "ratio_to_bare": value["peak"] / floor["peak"],
                "samples": samples[name],
            }
        )
    return {"bare_kernel": {**floor, "samples": floor_samples}, "rows": rows, "errors": errors}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _status(pid: int) -> dict:
    """VmRSS (now) and VmHWM (peak) of a process, in bytes, from /proc."""
    fields = {}
    with open(f"/proc/{pid}/status") as handle:
        for line in handle:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                fields[key] = int(value.split()[0]) * 1024
    return {"now": fields["VmRSS"], "peak": fields["VmHWM"]}


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def server_memory(scratch: Path) -> dict:
    """JupyterLab started by tools/lab.py (as `make lab`): RSS when ready, and after /lab."""
    if not Path("/proc/self/status").exists():
        return {"error": "needs /proc (Linux) to read the server's memory"}
    sys.path.insert(0, str(ROOT / "tools"))
    import lab  # tools/lab.py: the one launcher of `make lab`, the tests and this script

    env = {"JUPYTERLAB_WORKSPACES_DIR": str(scratch / "workspaces")}
    try:
        with lab.serving(ROOT, scratch / "lab.log", env=env) as server:
            time.sleep(2)  # let start-up work (extension loading) settle before reading
            pid = server.server_pid()
            ready = _status(pid)
            for path in ("lab", "lab/tree/notebooks/00_start_here.ipynb",
                         "api/contents/notebooks", "api/kernelspecs", "lab/api/settings"):
                _get(f"{server.base}/{path}?token={server.token}")
            time.sleep(1)
            return {"ready": ready, "served": _status(pid)}
    except lab.NotStarted as exc:
        return {"error": "JupyterLab did not start: " + str(exc)[-500:]}


def _mib(value: int | None) -> str:
    return "-" if value is None else f"{value / MIB:.0f} MiB"


def table(results: dict) -> str:
    meta, kernels, server = results["meta"], results["kernels"], results["server"]
    lines = [
        f"newscase memory, {meta['date']}, Python {meta['python']}, {meta['machine']}, "
        f"{meta['repeat']} run(s) each (largest shown)",
        "",
        f"{'kernel':<24}{'peak':>10}{'after':>10}{'children':>10}{'x bare':>8}",
    ]
    bare = kernels["bare_kernel"]
    lines.append(
        f"{'bare kernel (floor)':<24}{_mib(bare['peak']):>10}{_mib(bare['now']):>10}"
        f"{_mib(bare['children_now']):>10}{'1.0':>8}"
    )
    for row in kernels["rows"]:
        if "error" in row:
            lines.append(f"{row['name']:<24} FAILED: {row['error']}")
            continue
        lines.append(
            f"{row['name']:<24}{_mib(row['peak']):>10}{_mib(row['now']):>10}"
            f"{_mib(row['children_now']):>10}{row['ratio_to_bare']:>8.1f}"
        )
    lines.append("")
    if "error" in server:
        lines.append(f"JupyterLab server: FAILED: {server['error']}")
    else:
        lines.append(
            f"JupyterLab server (no kernel): {_mib(server['ready']['now'])} when ready, "
            f"{_mib(server['served']['now'])} after serving /lab "
            f"(peak {_mib(server['served']['peak'])})"
        )
    estimate = results.get("per_user")
    if estimate:
        lines += [
            "",
            f"Per student, one notebook's kernel at a time: {_mib(estimate['one_kernel'])} "
            f"(server peak + largest kernel peak + its running children)",
            f"Per student, all {estimate['kernels']} kernels left running: "
            f"{_mib(estimate['all_kernels'])}",
        ]
    return "\n".join(lines)


def per_user(kernels: dict, server: dict) -> dict | None:
    """Server peak plus the largest kernel (one notebook open) or every kernel (all left on)."""
    good = [r for r in kernels["rows"] if "error" not in r]
    if not good or "error" in server:
        return None
    base = server["served"]["peak"]
    return {
        "server_peak": base,
        "kernels": len(good),
        "one_kernel": base + max(r["per_kernel"] for r in good),
        "all_kernels": base + sum(r["per_kernel"] for r in good),
    }


def _versions() -> dict:
    from importlib import metadata

    out = {}
    for name in ("newscase", "jupyterlab", "jupyter_server", "ipykernel", "pandas", "matplotlib"):
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = None
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Measure kernel and server memory per student (peak resident set)."
    )
    parser.add_argument("--repeat", type=int, default=1, help="runs of each notebook (default 1)")
    parser.add_argument("--output", type=Path, default=RESULTS, help="where to write the JSON")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    scratch = Path(tempfile.mkdtemp(prefix="newscase-memory-"))
    started = time.perf_counter()
    # The reference student, as tools/build_notebooks.py and the tests; os.environ
    # (NEWSCASE_HOME included) is put back as it was afterwards.
    try:
        with mock.patch.dict(os.environ, {"NEWSCASE_STUDENT": "reference"}):
            kernels = bench_kernels(args.repeat, scratch)
            say("server: JupyterLab as `make lab` starts it")
            server = server_memory(scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    results = {
        "meta": {
            "date": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
            "python": platform.python_version(),
            "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs",
            "repeat": args.repeat,
            "unit": "bytes",
            "versions": _versions(),
            "seconds": round(time.perf_counter() - started, 1),
        },
        "kernels": kernels,
        "server": server,
    }
    results["per_user"] = per_user(kernels, server)
    print(table(results))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"\nWrote {args.output} ({results['meta']['seconds']} s).")
    return 1 if kernels["errors"] or "error" in server else 0


if __name__ == "__main__":
    sys.exit(main())
