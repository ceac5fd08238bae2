"""The module's outline (data/course.yaml): map of the module, notebook headers, navigation."""

from __future__ import annotations

from pathlib import Path

from newscase.core.datafiles import cached_per_folder
from newscase.core.display import Link, Rendered, table
from newscase.core.validate import (
    Field,
    Records,
    Schema,
    choice,
    nonempty_list,
    number,
    text,
)

COURSE = Schema(
    "course.yaml",
    (
        Field("file", text),
        Field("title", text),
        Field("status", choice("ready", "planned")),
        Field("minutes_teaching", number(1, 600)),
        Field("minutes_exercises", number(0, 600)),
        Field("prerequisites", nonempty_list),
        Field("questions", nonempty_list),
        Field("objectives", nonempty_list),
    ),
    id_field="file",
)


@cached_per_folder
def outline(folder: Path) -> Records:
    """Every notebook's record, in course order."""
    from newscase.core.case import load_records

    return load_records(COURSE, folder, with_case=False)


CORE_PATH = Schema(
    "core_path.yaml",
    (
        Field("notebook", text),
        Field("section", text),
        Field("minutes", number(1, 60)),
        Field("what", text),
    ),
    id_field=None,
)
CORE_MINUTES = (20, 60)  # one class session


def _path_fits(records: Records, _case) -> list[str]:
    problems = []
    files = {r["file"] for r in outline()}
    for record, where in records.located():
        if record["notebook"] and record["notebook"] not in files:
            problems.append(
                f"{where}, field 'notebook': '{record['notebook']}' is not in course.yaml"
            )
    total = sum(r["minutes"] or 0 for r in records)
    low, high = CORE_MINUTES
    if not low <= total <= high:
        problems.append(
            f"core_path.yaml: the steps add up to {total:g} minutes; expected {low} to {high} "
            "(one class session)"
        )
    return problems


@cached_per_folder
def core_path_steps(folder: Path) -> Records:
    """The core path's steps (core_path.yaml), checked: known notebooks, 20-60 minutes."""
    from newscase.core.case import load_records

    return load_records(CORE_PATH, folder, checks=[_path_fits], with_case=False)


def core_path() -> Rendered:
    """The core path: the steps of one class session of at most an hour, in order."""
    steps = core_path_steps()
    titles = {r["file"]: r["title"] for r in outline()}
    rows = [
        (
            str(n),
            Link(titles[s["notebook"]], s["notebook"]),
            s["section"],
            f"{s['minutes']:g}",
            s["what"],
        )
        for n, s in enumerate(steps, 1)
    ]
    total = sum(s["minutes"] for s in steps)
    return table(
        ("Step", "Notebook", "Section", "Minutes", "What you do"),
        rows,
        caption=f"The core path: one class of {total:g} minutes through the module",
    )


def entry(file: str) -> dict:
    """The outline record of one notebook, by file name (with or without .ipynb)."""
    name = file if file.endswith(".ipynb") else f"{file}.ipynb"
    for record in outline():
        if record["file"] == name:
            return record
    known = ", ".join(r["file"] for r in outline())
    raise KeyError(f"no notebook {file!r} in course.yaml; expected one of {known}")


def _minutes(record: dict) -> str:
    return f"{record['minutes_teaching']:g} + {record['minutes_exercises']:g}"


def module_map() -> Rendered:
    """A table of the notebooks: title (linked when ready), minutes, questions answered,
    and the sections on the core path (marked ★)."""
    core: dict[str, list[str]] = {}
    for step in core_path_steps():
        core.setdefault(step["notebook"], []).append(f"\u2605 {step['section']}")
    rows = []
    for number_, record in enumerate(outline()):
        label = record["title"]
        if record["status"] == "ready":
            title = Link(label, record["file"])
        else:
            title = f"{label} (in preparation)"
        rows.append(
            (
                f"{number_:02d}",
                title,
                _minutes(record),
                list(record["questions"]),
                core.get(record["file"], ["\u2014"]),
            )
        )
    total = sum(r["minutes_teaching"] + r["minutes_exercises"] for r in outline())
    return table(
        (
            "No.",
            "Notebook",
            "Minutes (teaching + exercises)",
            "Questions it answers",
            "On the core path (\u2605)",
        ),
        rows,
        caption=f"The module: {len(rows)} notebooks, about {total:g} minutes in all",
    )


def header_markdown(file: str) -> str:
    """The frame at the top of a notebook: title, questions, objectives, minutes."""
    record = entry(file)
    lines = [f"# {record['title']}", ""]
    lines += [
        f"**Time:** about {record['minutes_teaching']:g} minutes of reading and "
        f"{record['minutes_exercises']:g} minutes of exercises.",
        "",
        "**Prerequisites:** " + "; ".join(_prerequisite(p) for p in record["prerequisites"]),
        "",
        "**Questions this notebook answers**",
        "",
        *[f"- {q}" for q in record["questions"]],
        "",
        "**Learning objectives.** By the end you will be able to:",
        "",
        *[f"- {o}" for o in record["objectives"]],
    ]
    return "\n".join(lines)


def _prerequisite(item: str) -> str:
    for record in outline():
        if record["file"] == f"{item}.ipynb":
            return f"[{record['title']}]({record['file']})"
    return item


def navigation_markdown(file: str) -> str:
    """Previous / contents / next links between ready notebooks."""
    ready = [r for r in outline() if r["status"] == "ready"]
    files = [r["file"] for r in ready]
    current = entry(file)["file"]
    if current not in files:
        raise KeyError(f"{current} is not marked ready in course.yaml")
    i = files.index(current)
    parts = []
    if i > 0:
        parts.append(f"[\u2190 Previous: {ready[i - 1]['title']}]({files[i - 1]})")
    if current != files[0]:
        parts.append(f"[Contents]({files[0]})")
    if i + 1 < len(files):
        parts.append(f"[Next: {ready[i + 1]['title']} \u2192]({files[i + 1]})")
    elif outline()[-1]["file"] == current:
        parts.append("This is the last notebook of the module.")
    else:
        parts.append("This is the last notebook ready to use.")
    return " | ".join(parts)


def markdown_table() -> str:
    """The notebooks as a Markdown table (for the README)."""
    lines = [
        "| No. | Notebook | Minutes (teaching + exercises) | Questions it answers |",
        "|---|---|---|---|",
    ]
    for number_, record in enumerate(outline()):
        title = record["title"]
        if record["status"] == "ready":
            title = f"[{title}](notebooks/{record['file']})"
        else:
            title += " *(in preparation)*"
        questions = "<br>".join(record["questions"])
        lines.append(f"| {number_:02d} | {title} | {_minutes(record)} | {questions} |")
    return "\n".join(lines)
