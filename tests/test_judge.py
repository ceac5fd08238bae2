"""Decide first, then compare: items, parsing, saving, the closed box, the widget, the class view."""

from __future__ import annotations

import json
import re

import pytest

from newscase import judge, load_case
from newscase.core import progress
from newscase.core.schemas import ATTRIBUTIONS, VERDICTS
from newscase.judging import render, store
from newscase.judging.model import BadJudgement, Item, Judgement, compare, parse
from newscase.judging.widget import JudgePanel
from newscase.lessons.predictions import load_predictions
from newscase.quiz import answers
from newscase.quiz.grading import Result

CLAIM = "badr_spearheaded_40km"


def test_every_claim_and_prediction_is_an_item_on_the_one_scale():
    items = judge.items()
    case = load_case()
    claims = {f"claim:{c['id']}": c for c in case.records["claims"]}
    predictions = {f"prediction:{p['id']}" for p in load_predictions()}
    assert set(claims) | predictions <= set(items)
    for item_id, claim in claims.items():
        item = items[item_id]
        assert item.choices == VERDICTS and item.verdict == claim["verdict"]
        assert item.asks_attribution == (claim.get("attribution") is not None)
    for item_id in predictions:
        assert items[item_id].verdict in VERDICTS and items[item_id].other_reading
    used = {i.verdict for i in items.values() if i.kind in ("claim", "prediction")}
    assert used <= set(VERDICTS) and "unverifiable" in used  # where no original was found
    said = {i.attribution for i in items.values() if i.asks_attribution}
    assert said <= set(ATTRIBUTIONS) and "not-found" in said


def test_an_id_alone_or_with_its_kind_finds_the_item_and_a_typo_gets_close_matches():
    assert judge.item(CLAIM).id == f"claim:{CLAIM}"
    assert judge.item(f"claim:{CLAIM}").id == f"claim:{CLAIM}"
    with pytest.raises(judge.UnknownItem, match="did you mean 'claim:badr_spearheaded_40km'"):
        judge.item("claim:badr_spearhead_40km")
    with pytest.raises(judge.UnknownItem, match="an item id is text"):
        judge.item(42)


# ---- bad input gets a sentence, never a traceback


def _claim(asks_attribution=False) -> Item:
    return Item("claim:x", "claim", "04_framings", "words", "a claim",
                asks_attribution=asks_attribution, verdict="qualified",
                attribution="not-found" if asks_attribution else None)  # fmt: skip


@pytest.mark.parametrize(
    ("verdict", "reason", "message"),
    [
        (None, "because", "Choose your verdict first"),
        ("", "because", "Choose your verdict first"),
        ("40 km", "because", "is not on the scale"),
        ("qualfied", "because", "Did you mean 'qualified'?"),
        (3, "because", "is a word, such as 'supported'"),
        ("qualified", "", "Write a one-line reason first"),
        ("qualified", "   \u200b ", "Write a one-line reason first"),
        ("qualified", 7, "Write a one-line reason as text"),
        ("qualified", "x" * 500, "Keep a one-line reason to about 400 characters"),
    ],
)
def test_a_judgement_that_cannot_be_recorded_says_what_to_change(verdict, reason, message):
    with pytest.raises(BadJudgement, match=re.escape(message)) as caught:
        parse(_claim(), verdict, reason)
    assert caught.value._render_traceback_()[0].startswith(str(caught.value).split("\n")[0])
    assert "Traceback" not in "\n".join(caught.value._render_traceback_())


def test_typed_values_are_cleaned_and_kept_as_typed():
    judged = parse(_claim(True), " Qualified ", "it\u200b was <b>partly</b> right", "not found")
    assert judged == Judgement("qualified", "not-found", "it was <b>partly</b> right")
    with pytest.raises(BadJudgement, match="whether it was said as reported"):
        parse(_claim(True), "qualified", "reason")


def test_a_comparison_says_agree_one_step_or_far_apart():
    item = _claim()
    assert compare(item, Judgement("qualified", None, "r")).same_verdict is True
    one = compare(item, Judgement("supported", None, "r"))
    assert not one.same_verdict and "one step apart" in one.summary
    assert "verdicts are judgements" in one.summary
    assert "the module 'qualified'" in compare(item, Judgement("unverifiable", None, "r")).summary


# ---- saved with the quiz answers, same file, same safety


def test_judgements_and_quiz_answers_share_one_file_and_neither_loses_the_other(home):
    answers.record("00-outlet", "00_start_here", Result("The Jerusalem Post", "correct", 1.0, "ok"))
    comparison = judge.record(CLAIM, "supported", "the dash is in other reports")
    assert comparison.same_verdict is False
    answers.record("00-force", "00_start_here", Result("PMU", "correct", 1.0, "ok"))
    saved = json.loads((home / "progress.json").read_text(encoding="utf-8"))
    assert set(saved["questions"]) == {"00-outlet", "00-force"}
    assert saved["judgements"][f"claim:{CLAIM}"]["verdict"] == "supported"
    assert judge.mine(CLAIM) == Judgement("supported", None, "the dash is in other reports")


def test_the_first_committed_judgement_stands(home):
    judge.record(CLAIM, "supported", "first")
    second = judge.record(CLAIM, "disputed", "second thoughts after seeing the verdict")
    assert "You chose 'supported'" in second.summary
    assert judge.mine(CLAIM).reason == "first"


def test_a_damaged_progress_file_is_moved_aside_when_a_judgement_is_saved(home):
    home.mkdir(parents=True)
    (home / "progress.json").write_text("{damaged", encoding="utf-8")
    kept, told = store.commit(f"claim:{CLAIM}", "04_framings", Judgement("qualified", None, "r"))
    assert kept.verdict == "qualified" and "was moved to progress.json.corrupt-" in told
    assert (home / progress.backup_made()).read_text(encoding="utf-8") == "{damaged"


# ---- nothing in the open before the reveal


def test_the_static_form_keeps_the_modules_view_in_a_closed_box():
    item = judge.item("prediction:corridor")
    shown = judge.show(item.id)._repr_mimebundle_()
    markup, text = shown["text/html"], shown["text/plain"]
    before, _, inside = _unescaped(markup).partition("<details")
    assert "<summary>Decide first, then open: the module's view</summary>" in inside
    assert " open" not in inside.split(">", 1)[0], "the box starts closed"
    assert "The module's verdict" not in before and item.explanation[:60] not in before
    assert "The module's verdict" in inside and item.other_reading[:40] in inside
    assert item.explanation[:60] not in text and "The module's verdict" not in text


def _unescaped(markup: str) -> str:
    import html

    return html.unescape(markup)


def test_student_text_is_escaped_when_shown(home):
    item = judge.item(CLAIM)
    judged = Judgement("qualified", item.attribution, "<script>alert(1)</script>")
    shown = render.judgement_html(item, judged, compare(item, judged))
    assert "<script>" not in shown and "&lt;script&gt;" in shown


# ---- the live panel


def test_the_panel_reveals_only_after_a_good_judgement_is_committed(home):
    panel = JudgePanel(judge.item(CLAIM), {})
    assert panel.reveal.value == "" and "The module's verdict" not in panel.header.value
    panel.reason.value = "the 40 km is not in any other report"
    assert panel.commit() is None  # no verdict chosen
    assert "Choose your verdict first" in panel.message.value and panel.reveal.value == ""
    panel.verdict.value = "qualified"
    if panel.attribution is not None:
        panel.attribution.value = "not-found"
    assert panel.commit().verdict == "qualified"
    assert "The module's verdict: qualified" in panel.reveal.value
    assert "You and the module both chose" in panel.reveal.value
    assert panel.commit_button.disabled and panel.verdict.disabled
    again = JudgePanel(judge.item(CLAIM), {})  # a kernel restart: the reveal comes back
    assert "The module's verdict" in again.reveal.value and "earlier" in again.message.value


def test_a_writing_task_takes_a_written_answer():
    task = Item("writing:x", "writing", "04_framings", "Two headlines", "", choices=(),
                explanation="A model answer.", look_for=("subject", "verb", "source"))  # fmt: skip
    with pytest.raises(BadJudgement, match="Write your answer first"):
        parse(task, text="   ")
    judged = parse(task, text="Iraqi forces reach the border")
    assert judged.text and compare(task, judged).same_verdict is None


# ---- the class view


def test_the_class_view_counts_choices_from_many_files_and_skips_damaged_ones(tmp_path):
    for n, verdict in enumerate(["qualified", "qualified", "supported"]):
        folder = tmp_path / f"student{n}"
        folder.mkdir()
        entry = {"verdict": verdict, "reason": "r", "notebook": "04_framings"}
        (folder / "progress.json").write_text(
            json.dumps({"format": 1, "questions": {}, "judgements": {f"claim:{CLAIM}": entry}})
        )
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "progress.json").write_text("{not json")
    shown = judge.class_view(tmp_path)
    assert re.search(rf"claim:{CLAIM}\s+qualified\s+qualified: 2, supported: 1", shown.text)
    assert "Left out (could not be read)" in shown.text and "broken" in shown.text
    assert "student0" not in shown.text, "no names or folders of students are shown"


def test_a_student_hands_in_their_judgements_and_the_class_view_reads_the_file(home, tmp_path):
    judge.record(CLAIM, "qualified", "the 40 km is not confirmed")
    progress.update("00-distance", lambda entry: {**entry, "answer": "40"})  # a quiz answer
    out = tmp_path / "out"
    out.mkdir()
    shown = judge.hand_in(out)
    handed = out / store.HANDED_IN
    assert f"1 judgement(s) written to {handed.resolve()}" in shown.text
    assert "right-click newscase-judgements.json and choose Download" in shown.text
    data = json.loads(handed.read_text(encoding="utf-8"))
    assert list(data) == ["judgements"] and list(data["judgements"]) == [f"claim:{CLAIM}"]
    # a browser names a second download "newscase-judgements (1).json"
    collected = tmp_path / "collected"
    collected.mkdir()
    handed.rename(collected / "newscase-judgements.json")
    (collected / "newscase-judgements (1).json").write_text(
        json.dumps({"judgements": {f"claim:{CLAIM}": {"verdict": "supported"}}})
    )
    (collected / "notes.json").write_text("{}")  # another file is not read
    counted = judge.class_view(collected)
    assert "from 2 file(s)" in counted.text
    (row,) = [line for line in counted.text.splitlines() if line.startswith(f"claim:{CLAIM}")]
    assert "qualified: 1" in row and "supported: 1" in row


def test_handing_in_to_a_folder_that_cannot_be_written_says_why(home, tmp_path):
    shown = judge.hand_in(tmp_path / "no" / "such" / "folder")
    assert shown.text.startswith("Your judgements could not be written to ")
    assert "Try another folder" in shown.text and "Traceback" not in shown.text
