"""Decide first, then compare: every place where the module gives its own judgement.

>>> from newscase import judge
>>> judge.show("badr_spearheaded_40km")      # a claim of the ledger (notebook 04)
>>> judge.show("prediction:corridor")        # an expectation of the audit (notebook 05)
>>> judge.show("04-headlines")               # a writing task and its model answer
>>> judge.show("debrief:framing_serves")     # the perspectives debrief
>>> judge.show("lateral:rudaw")              # who is behind an outlet (notebook 06)
>>> judge.record("badr_spearheaded_40km", "qualified", "the 40 km is not confirmed")
>>> judge.hand_in()                          # students: a file of their judgements to hand in
>>> judge.class_view("collected/")           # instructors: choices per item, no names

The student records a judgement first (a verdict on the module's one scale and a
one-line reason; for a statement the article attributes to someone, also whether it was
said as reported; for a writing task, their answer), then sees the module's with its
evidence and how the two compare. Judgements are saved with the quiz answers
(``progress.json``, section ``judgements``).

The items come from the data that holds the module's view: claims.yaml (the claim
ledger), predictions.yaml (the prediction audit), model_answers.yaml (writing tasks),
outlets.yaml (lateral reading) and perspectives_debrief.yaml (the debrief, whose choices
are the desks of perspectives.yaml).
"""

from __future__ import annotations

import html
from pathlib import Path

from newscase.core.case import load_records, resolve_case
from newscase.core.datafiles import cached_per_folder
from newscase.core.display import Rendered, table
from newscase.core.sources import short_citation
from newscase.core.validate import Field, Schema, identifier, nonempty_list, text, text_list
from newscase.judging.model import Comparison, Item, UnknownItem, compare, parse
from newscase.judging.store import class_view as _counts
from newscase.judging.store import commit, progress_files, saved
from newscase.judging.widget import JudgeView

__all__ = ["UnknownItem", "class_view", "hand_in", "items", "record", "show"]

MODEL_ANSWERS = Schema(
    "model_answers.yaml",
    (
        Field("id", identifier),
        Field("notebook", identifier),
        Field("task", text),
        Field("model_answer", text),
        Field("look_for", nonempty_list),
        Field("sources", nonempty_list, ref="sources"),
    ),
)
DEBRIEF = Schema(
    "perspectives_debrief.yaml",
    (
        Field("id", identifier),
        Field("question", text),
        Field("look_for", text),
        Field("roles", text_list, required=False),
        Field("sources", text_list, required=False, ref="sources"),
    ),
)


@cached_per_folder
def load_model_answers(folder: Path):
    """The writing tasks' model answers (model_answers.yaml); none if the file is absent."""
    if not (folder / MODEL_ANSWERS.file).is_file():
        return ()
    return load_records(MODEL_ANSWERS, folder)


@cached_per_folder
def load_debrief(folder: Path):
    """The perspectives debrief's questions (perspectives_debrief.yaml)."""
    return load_records(DEBRIEF, folder)


def _claim_items(case) -> list[Item]:
    return [
        Item(
            id=f"claim:{c['id']}",
            kind="claim",
            notebook="04_framings",
            prompt=c["quote"],
            context=c["claim"],
            asks_attribution=c.get("attribution") is not None,
            verdict=c["verdict"],
            attribution=c.get("attribution"),
            explanation=c["explanation"],
            sources=tuple(c["sources"]),
        )
        for c in case.records["claims"]
    ]


def _prediction_items(case) -> list[Item]:
    from newscase.lessons.predictions import load_predictions

    return [
        Item(
            id=f"prediction:{p['id']}",
            kind="prediction",
            notebook="05_aftermath",
            prompt=" \u2026 ".join(p["quotes"]),
            context=f"{p['expectation']} ({p['who']}.)",
            verdict=p["verdict"],
            explanation=f"{p['outcome']} {p['reasoning']}",
            other_reading=p["other_reading"],
            sources=tuple(p["sources"]),
        )
        for p in load_predictions(case.data_dir)
    ]


def _writing_items(case) -> list[Item]:
    return [
        Item(
            id=f"writing:{a['id']}",
            kind="writing",
            notebook=a["notebook"],
            prompt=a["task"],
            context="",
            choices=(),
            explanation=a["model_answer"],
            look_for=tuple(a["look_for"]),
            sources=tuple(a["sources"]),
        )
        for a in load_model_answers(case.data_dir)
    ]


def _lateral_items(case) -> list[Item]:
    from newscase.lessons.your_turn import load_outlets

    items = []
    for o in load_outlets(case.data_dir):
        found = " ".join(
            [
                f"{o['name']}: {o['kind']}, based in {o['based_in']}.",
                f"Owned by: {o['ownership']}",
                f"Paid for by: {o['funding']}",
                f"Ties: {o['affiliation']}",
                "Track record: " + " ".join(o["track_record"]),
            ]
        )
        items.append(
            Item(
                id=f"lateral:{o['id']}",
                kind="lateral",
                notebook="06_your_turn",
                prompt=f"Who is behind {o['name']}?",
                context=(
                    f"The article calls it \u201c{o['article_says']}\u201d."
                    if o.get("article_says")
                    else ""
                ),
                choices=(),
                explanation=found,
                look_for=(o["what_to_check"],),
                sources=tuple(o["sources"]),
            )
        )
    return items


def _debrief_items(case) -> list[Item]:
    from newscase.lessons.perspectives.roles import load_roles

    roles = {r.id: r.role for r in load_roles(case.data_dir)}
    return [
        Item(
            id=f"debrief:{d['id']}",
            kind="debrief",
            notebook="04_framings",
            prompt=d["question"],
            context="",
            choices=tuple(d.get("roles") or roles),
            explanation="",
            look_for=(d["look_for"],),
            sources=tuple(d.get("sources") or ()),
            labels=roles,
        )
        for d in load_debrief(case.data_dir)
    ]


def items(case=None) -> dict[str, Item]:
    """Every item to judge, by id (``claim:...``, ``prediction:...``, ``writing:...``,
    ``debrief:...``)."""
    case = resolve_case(case)
    found: dict[str, Item] = {}
    for make in (_claim_items, _prediction_items, _writing_items, _lateral_items, _debrief_items):
        found.update((item.id, item) for item in make(case))
    return found


def item(item_id: str, case=None) -> Item:
    """The item with this id; a record id alone (``badr_spearheaded_40km``) works when it
    names one item. Unknown ids raise UnknownItem listing close matches."""
    import difflib

    every = items(case)
    if not isinstance(item_id, str):
        raise UnknownItem(
            f"an item id is text, such as 'claim:badr_spearheaded_40km'; got {item_id!r}"
        )
    if item_id in every:
        return every[item_id]
    matches = [i for i in every.values() if i.record_id == item_id]
    if len(matches) == 1:
        return matches[0]
    names = [*every, *(i.record_id for i in every.values())]
    close = difflib.get_close_matches(item_id, names, n=3)
    maybe = f" (did you mean {' or '.join(repr(c) for c in close)}?)" if close else ""
    raise UnknownItem(
        f"no item {item_id!r}{maybe}; ids look like 'claim:badr_spearheaded_40km', "
        "'prediction:corridor' or 'writing:04-headlines'"
    )


def _source_names(case) -> dict[str, str]:
    return {s["id"]: short_citation(s) for s in case.records["sources"]}


def show(item_id: str) -> JudgeView:
    """The item to judge: decide and commit first, then the module's view opens."""
    case = resolve_case(None)
    return JudgeView(item(item_id, case), _source_names(case))


def record(item_id: str, verdict=None, reason=None, attribution=None, text=None) -> Comparison:
    """Commit a judgement without the widget (scripts, tests); returns the comparison with
    the module's. A judgement already committed stands: it is the one compared."""
    chosen = item(item_id)
    judgement = parse(chosen, verdict, reason, attribution, text)
    kept, _told = commit(chosen.id, chosen.notebook, judgement)
    return compare(chosen, kept)


def mine(item_id: str):
    """The student's committed judgement of an item, or None."""
    return saved(item(item_id).id)


def hand_in(folder: str | Path = ".") -> Rendered:
    """For students: write your judgements (only those: no quiz answers) to
    newscase-judgements.json in ``folder`` (this notebook's folder by default), to download
    and hand in for the class view. Says where the file is, or why it could not be written."""
    from newscase.core.progress import reason
    from newscase.judging.store import hand_in as write

    try:
        path, count = write(Path(folder))
    except OSError as exc:
        message = (
            f"Your judgements could not be written to {Path(folder).resolve()}: "
            f"{reason(exc)}. Try another folder: judge.hand_in(\"some/folder\")."
        )
        return Rendered(f"<p>{html.escape(message)}</p>", message)
    message = (
        f"{count} judgement(s) written to {path.resolve()}. In JupyterLab's file browser, "
        f"right-click {path.name} and choose Download, then hand the file in. It holds your "
        "verdicts, reasons and written answers, and no name."
    )
    return Rendered(f"<p>{html.escape(message)}</p>", message)


def class_view(*paths: str | Path, notebook: str | None = None) -> Rendered:
    """For instructors: how many students chose each verdict, item by item, from their
    saved progress files or handed-in files (files, or folders searched for progress.json and
    newscase-judgements*.json, see :func:`hand_in`). No names are read;
    unreadable files are listed under the table."""
    counts, skipped = _counts(Path(p) for p in paths)
    every = items()
    rows = []
    for item_id, chosen in sorted(counts.items()):
        known = every.get(item_id)
        if known is None or (notebook and known.notebook != notebook):
            continue
        spread = ", ".join(f"{known.label(v)}: {n}" for v, n in chosen.most_common())
        rows.append((item_id, known.label(known.verdict) or "(no single answer)", spread))
    caption = f"Students' judgements from {len(progress_files(Path(p) for p in paths))} file(s)"
    shown = table(("Item", "The module's verdict", "Students' choices"), rows, caption=caption)
    if skipped:
        note = "Left out (could not be read): " + "; ".join(skipped)
        return Rendered(shown.html + f"<p>{note}</p>", f"{shown.text}\n\n{note}")
    return shown


