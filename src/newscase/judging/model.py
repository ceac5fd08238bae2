"""What a student judges, and how their judgement compares with the module's (pure logic).

An :class:`Item` holds what is judged and the module's own judgement; a :class:`Judgement`
is what the student commits first (a choice on the scale and a one-line reason, or a
written answer); :func:`compare` says how the two stand. Four kinds of item: ``claim``
(the verdict, and for an attributed statement whether it was said as reported),
``prediction`` (the same scale), ``writing`` (a task and its model answer), ``lateral``
(who is behind an outlet: the student's guess, then the profile) and ``debrief``
(a question with no single answer: the student picks a desk). Which items exist is the
lessons' business (:mod:`newscase.lessons.judge`); nothing here reads data files.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from newscase.core.errors import FriendlyError
from newscase.core.schemas import ATTRIBUTIONS, VERDICTS
from newscase.core.text import clean

KINDS = ("claim", "prediction", "writing", "lateral", "debrief")
WRITTEN = ("writing", "lateral")  # judged in the student's own words, not on a scale
VERDICT_MEANINGS = {
    "supported": "the evidence confirms it (for an expectation: it happened)",
    "qualified": "partly right, or right but incomplete or imprecise (partly happened)",
    "disputed": "the evidence contradicts it (it did not happen)",
    "unverifiable": "no evidence either way, or it cannot be tested",
}
ATTRIBUTION_MEANINGS = {
    "confirmed": "found in the original, where it was said",
    "copies-only": "found only in copies or through a go-between",
    "not-found": "no record of it outside the article",
}
MAX_REASON = 400  # characters: "a one-line reason"
MAX_TEXT = 4000  # characters: a written answer to a writing task


class UnknownItem(FriendlyError, KeyError):
    """No item has that id (the message lists close matches)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


@dataclass(frozen=True)
class Item:
    """One thing to judge, with the module's own judgement (shown only after the student's)."""

    id: str  # kind:record id
    kind: str
    notebook: str
    prompt: str  # what is judged: the article's words, or the task
    context: str  # the claim or expectation in plain words, or the task's instructions
    choices: tuple[str, ...] = VERDICTS  # the scale to choose from; () for writing tasks
    asks_attribution: bool = False
    verdict: str | None = None  # the module's choice (a scale value, or a desk)
    attribution: str | None = None
    explanation: str = ""  # the module's reasons, or its model answer
    other_reading: str = ""
    look_for: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    labels: dict = field(default_factory=dict)  # choice -> words shown (debrief desks)

    @property
    def record_id(self) -> str:
        return self.id.split(":", 1)[1]

    def label(self, choice: str | None) -> str:
        return self.labels.get(choice, choice or "")


@dataclass(frozen=True)
class Judgement:
    """A student's committed judgement: a choice (and attribution) and a one-line reason,
    or, for a writing task, their written answer."""

    verdict: str | None = None
    attribution: str | None = None
    reason: str = ""
    text: str = ""

    def as_entry(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v not in (None, "")}

    @classmethod
    def from_entry(cls, entry: dict) -> Judgement:
        def pick(name):
            value = entry.get(name)
            return value if isinstance(value, str) else None

        return cls(pick("verdict"), pick("attribution"), pick("reason") or "", pick("text") or "")


class BadJudgement(FriendlyError, ValueError):
    """A judgement that cannot be recorded yet; the message says what to change."""

    show_name = False


def _choice(value, options: tuple[str, ...], what: str, labels: dict) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise BadJudgement(f"Choose {what} first: {_listing(options, labels)}.")
    if not isinstance(value, str):
        raise BadJudgement(
            f"{what[0].upper()}{what[1:]} is a word, such as {options[0]!r}; "
            f"got {type(value).__name__}."
        )
    typed = clean(value).lower().replace("_", "-").replace(" ", "-")
    for option in options:
        if typed in (option, option.replace("_", "-"), _plain(labels.get(option, ""))):
            return option
    close = difflib.get_close_matches(typed, list(options), n=1)
    maybe = f" Did you mean {close[0]!r}?" if close else ""
    raise BadJudgement(
        f"{clean(value)[:40]!r} is not on the scale.{maybe} Choose one of: "
        f"{_listing(options, labels)}."
    )


def _plain(label: str) -> str:
    return clean(label).lower().replace(" ", "-")


def _listing(options: tuple[str, ...], labels: dict) -> str:
    return ", ".join(labels.get(o, o) for o in options)


def _words(value, what: str, limit: int) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise BadJudgement(f"Write {what} as text; got {type(value).__name__}.")
    text = clean(value)
    if not re.search(r"\w", text):
        raise BadJudgement(f"Write {what} first: a sentence of your own, before you compare.")
    if len(text) > limit:
        raise BadJudgement(
            f"Keep {what} to about {limit} characters (yours has {len(text)}); the full "
            "argument belongs in your answer cell."
        )
    return text


def parse(item: Item, verdict=None, reason=None, attribution=None, text=None) -> Judgement:
    """A clean judgement for ``item``, or BadJudgement saying what to change.

    Typed values are cleaned (invisible characters dropped, white space folded); nothing
    is evaluated; HTML is kept as typed and escaped wherever it is shown."""
    if item.kind in WRITTEN:
        return Judgement(text=_words(text, "your answer", MAX_TEXT))
    chosen = _choice(verdict, item.choices, "your verdict", item.labels)
    said = (
        _choice(attribution, ATTRIBUTIONS, "whether it was said as reported", {})
        if item.asks_attribution
        else None
    )
    return Judgement(chosen, said, _words(reason, "a one-line reason", MAX_REASON))


# ---- comparing


@dataclass(frozen=True)
class Comparison:
    """How a committed judgement stands beside the module's."""

    same_verdict: bool | None  # None: nothing to compare (writing tasks)
    same_attribution: bool | None
    summary: str


_ORDER = {"supported": 0, "qualified": 1, "disputed": 2}


def compare(item: Item, judgement: Judgement) -> Comparison:
    """Agree, one step apart, or apart: in words a student reads."""
    if item.kind == "writing":
        return Comparison(
            None,
            None,
            "Compare your answer with the model answer: what does each include that the other "
            "leaves out, and which points under 'Look for' does yours make?",
        )
    if item.kind == "lateral":
        return Comparison(
            None,
            None,
            "Compare your first guess with what the module found: what did you know, what did "
            "you not, and where would you have looked to find it?",
        )
    if item.verdict is None:
        return Comparison(
            None,
            None,
            f"You chose '{item.label(judgement.verdict)}'. There is no single right answer "
            "here: compare your reason with what a careful answer weighs, below.",
        )
    same = judgement.verdict == item.verdict
    parts = []
    if same:
        parts.append(f"You and the module both chose '{item.label(item.verdict)}'.")
    elif item.kind in ("claim", "prediction") and {judgement.verdict, item.verdict} <= set(_ORDER):
        gap = abs(_ORDER[judgement.verdict] - _ORDER[item.verdict])
        step = "one step apart" if gap == 1 else "far apart"
        parts.append(
            f"You chose '{judgement.verdict}', the module '{item.verdict}': {step} on the scale."
        )
    else:
        parts.append(
            f"You chose '{item.label(judgement.verdict)}', the module "
            f"'{item.label(item.verdict)}'."
        )
    same_said = None
    if item.asks_attribution:
        same_said = judgement.attribution == item.attribution
        parts.append(
            f"On whether it was said as reported you both chose '{item.attribution}'."
            if same_said
            else f"On whether it was said as reported you chose '{judgement.attribution}', "
            f"the module '{item.attribution}'."
        )
    if not same or same_said is False:
        parts.append(
            "A different verdict is allowed: verdicts are judgements. Check which facts the "
            "module's reasons rest on, and whether yours rest on facts too."
        )
    return Comparison(same, same_said, " ".join(parts))
