"""What students see: the static fallback (escaped, deterministic) and the widgets."""

from __future__ import annotations

import asyncio
import json
import re
import subprocess
import sys
import threading

import pytest
from test_quiz_grading import SAMPLE, make_bank

from newscase import quiz
from newscase.core import progress as store
from newscase.quiz import answers, static, widget
from newscase.quiz.grading import check
from newscase.quiz.model import arrangement, shuffled
from newscase.quiz.widget import WIDGET_VIEW, QuestionPanel, QuizView

XSS = "<img src=x onerror=alert(1)>"


@pytest.fixture
def bank(tmp_path):
    return make_bank(tmp_path / "data")


def _run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return done.stdout.strip()


# ---- import cost


def test_importing_and_grading_do_not_import_ipywidgets():
    code = (
        "import sys; from newscase import quiz; a = 'ipywidgets' in sys.modules; "
        "r = quiz.check('00-outlet', 'Rudaw'); quiz.questions(); "
        "print(a, 'ipywidgets' in sys.modules, r.correct)"
    )
    assert _run(code) == "False False False"


# ---- the static fallback


def test_bundle_has_widget_view_plus_static_html_and_text(home):
    bundle = quiz.show("00-outlet")._repr_mimebundle_()
    assert set(bundle) == {WIDGET_VIEW, "text/html", "text/plain"}
    html = bundle["text/html"]
    question = quiz.load("00-outlet")
    assert html.startswith('<div class="newscase-quiz" id="newscase-quiz-00-outlet">')
    folded = html.split("<details><summary>Answer and explanation</summary>", 1)[1]
    assert "<strong>Answer:</strong><br>The Jerusalem Post" in folded
    assert "Rudaw" in html.split("<details>")[0]  # options are shown before the fold
    assert "The outlet is part of an article&#x27;s metadata" in folded
    assert "</details></div>" in html
    text = bundle["text/plain"]
    assert text.startswith(f"Question (00-outlet): Choose one answer.\n{question.prompt}")
    assert "Answer:\n  The Jerusalem Post" in text


def test_static_output_is_deterministic_across_runs_and_processes(home):
    first = quiz.show_section("00_start_here")._repr_mimebundle_()
    second = quiz.show_section("00_start_here")._repr_mimebundle_()
    assert first["text/html"] == second["text/html"]
    assert first["text/plain"] == second["text/plain"]
    assert first[WIDGET_VIEW] != second[WIDGET_VIEW]  # live views differ; nbval skips them
    code = (
        "from newscase import quiz; "
        "print(quiz.show_section('00_start_here')._repr_mimebundle_()['text/html'])"
    )
    assert _run(code) == first["text/html"]
    assert not re.search(r"[0-9a-f]{32}|0x[0-9a-f]{6,}|20\d\d-\d\d-\d\dT", first["text/html"])
    assert "Score for 00_start_here: 0 of 5 answered correctly." in first["text/plain"]


def test_without_ipywidgets_the_static_forms_remain(home, monkeypatch):
    monkeypatch.setitem(sys.modules, "ipywidgets", None)  # import fails
    bundle = quiz.show("00-force")._repr_mimebundle_()
    assert set(bundle) == {"text/html", "text/plain"}
    assert quiz.score("00_start_here")._repr_mimebundle_() == {
        "text/html": "<p><strong>Score for 00_start_here: 0 of 5 answered correctly.</strong></p>",
        "text/plain": "Score for 00_start_here: 0 of 5 answered correctly.",
    }


def test_quiz_text_is_escaped_everywhere(tmp_path, home):
    hostile = (
        SAMPLE.replace("Which outlet published the article?", f"Which <b>outlet</b> & {XSS}?")
        .replace("{text: Reuters,", "{text: '<script>alert(2)</script>',")
        .replace("The outlet is in the metadata.", "See </details><script>alert(3)</script>")
    )
    bank = make_bank(tmp_path / "hostile", hostile)
    question = bank.question("98-outlet")
    view = QuizView([question])
    html = view.html()
    assert "<img" not in html and "<script" not in html and "<b>" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and "&amp;" in html
    assert html.count("</details>") == 1
    panel = QuestionPanel(question, "s")
    assert "<img" not in panel.title.value and "&lt;img" in panel.title.value
    panel.controls.value = "<script>alert(2)</script>"
    panel.submit()
    assert "<script" not in panel.feedback.value and "<script" not in panel.answer.value


def test_student_answers_are_escaped_in_results_and_feedback(bank, home):
    result = check(bank.question("98-force"), XSS)
    bundle = result._repr_mimebundle_()
    assert "<img" not in bundle["text/html"]
    assert "&lt;img src=x onerror=alert(1)&gt;" in bundle["text/html"]
    assert f"Your answer: {XSS}" in bundle["text/plain"]
    assert str(result) == result.feedback
    panel = QuestionPanel(bank.question("98-force"), "s")
    panel.controls.value = XSS
    panel.submit()
    assert "<img" not in panel.feedback.value
    assert "\u201c&lt;img src=x onerror=alert(1)&gt;\u201d" in panel.feedback.value
    invalid = check(bank.question("98-outlet"), XSS)
    assert "<img" not in static.result_html(invalid)


# ---- option order: seeded per student and per question


def test_option_order_is_stable_per_student_and_varies_between_students(bank):
    question = bank.question("98-outlet")
    orders = {arrangement(question, f"student-{n}")["items"] for n in range(30)}
    assert len(orders) > 1
    assert all(sorted(order) == sorted(question.items) for order in orders)
    assert arrangement(question, "ann") == arrangement(question, "ann")
    assert shuffled(range(8), "ann", "98-a") != shuffled(range(8), "ann", "98-b")
    assert shuffled(range(8), "ann", "98-a") == (6, 2, 1, 0, 4, 7, 3, 5)  # fixed forever


def test_an_order_question_never_starts_in_the_right_order(bank):
    question = bank.question("98-order")
    for n in range(50):
        assert arrangement(question, f"s{n}")["items"] != question.answer


def test_the_student_seed_drives_the_static_order(bank, home, monkeypatch):
    question = bank.question("98-quoted")
    monkeypatch.setenv("NEWSCASE_STUDENT", "ann")
    expected = [
        f"{static.LETTERS[i]}. {t}" for i, t in enumerate(arrangement(question, "ann")["items"])
    ]
    assert [line.strip() for line in QuizView([question]).text().splitlines()[2:6]] == expected


# ---- the widgets


def test_controls_are_labelled_and_buttons_say_what_they_do(bank, home):
    view = QuizView([bank.question(i) for i in bank.ids()])
    view.widget()
    for panel in view.panels:
        assert panel.check_button.description == "Check"
        assert panel.reveal_button.description == "Show answer"
        controls = getattr(panel.controls, "children", None) or (panel.controls,)
        assert all(control.description for control in controls), panel.question.type
    assert [p.title.value.split("</strong>")[0] for p in view.panels][:2] == [
        "<p><strong>Question 1 (98-outlet)",
        "<p><strong>Question 2 (98-quoted)",
    ]


def test_retries_feedback_symbols_and_show_answer_after_two_tries(bank, home):
    panel = QuestionPanel(bank.question("98-distance"), "s")
    assert panel.reveal_button.disabled
    assert "after 2 more tries" in panel.status.value
    panel.controls.value = "forty"
    assert panel.submit().status == "invalid"
    assert "\u26a0" in panel.feedback.value and "This did not count as a try." in panel.status.value
    assert panel.tries == 0
    panel.controls.value = "30"
    panel.submit()
    assert "\u2717 Not quite. 30 km is too low." in panel.feedback.value
    panel.submit()  # the same answer again: shown, not counted
    assert panel.tries == 1 and "not counted again" in panel.status.value
    assert panel.reveal_button.disabled
    panel.controls.value = "50 km"
    panel.submit()
    assert not panel.reveal_button.disabled and panel.answer.value == ""
    panel.reveal()
    assert "40 km (accepted within \u00b10.5 km)" in panel.answer.value
    assert "Why:" in panel.answer.value and "Sources:" in panel.answer.value
    assert answers.entries()["98-distance"]["revealed"]
    panel.controls.value = "40"
    assert panel.submit().correct
    assert "do not count towards the score" in panel.status.value
    assert not answers.entries()["98-distance"]["correct"]


def test_every_type_can_be_answered_through_its_controls(bank, home):
    view = QuizView([bank.question(i) for i in bank.ids()])
    view.widget()
    panels = {p.question.type: p for p in view.panels}
    panels["single"].controls.value = "The Jerusalem Post"
    for box in panels["multiple"].controls.children:
        box.value = box.description in ("Rudaw", "Kurdistan24")
    panels["numeric"].controls.value = "40km"
    panels["text"].controls.value = "al-Hashd al-Sha\u2019bi"
    order = bank.question("98-order").answer
    for menu, item in zip(panels["order"].controls.children, order, strict=True):
        menu.value = item
    for menu in panels["match"].controls.children:
        menu.value = dict(bank.question("98-voices").answer)[menu.description[:-1]]
    for kind, panel in panels.items():
        assert panel.submit().correct, kind
        assert panel.feedback.value.count("\u2713 Correct.") == 1
        assert "Answer:" in panel.answer.value  # the explanation follows a right answer


def test_enter_in_a_text_box_checks_the_answer(bank, home, monkeypatch):
    panel = QuestionPanel(bank.question("98-force"), "s")
    panel.controls.value = "PMU"
    panel._on_text_message(panel.controls, {"event": "submit"}, [])  # no event loop: at once
    assert "\u2713 Correct." in panel.feedback.value

    other = QuestionPanel(bank.question("98-distance"), "s")

    async def press_enter_then_type():
        other._on_text_message(other.controls, {"event": "submit"}, [])
        other.controls.value = "40"  # the typed value arrives just after "submit"
        await asyncio.sleep(0.6)

    # In a kernel, grading waits for the value that follows "submit". (A fresh thread: the
    # test runner's own thread may hold another loop, e.g. Playwright's.)
    monkeypatch.setattr(widget, "_kernel_loop", asyncio.get_running_loop)
    runner = threading.Thread(target=asyncio.run, args=(press_enter_then_type(),))
    runner.start()
    runner.join(timeout=10)
    assert "\u2713 Correct." in other.feedback.value and other.tries == 1


def test_score_line_counts_right_answers_and_reset_clears_the_screen(home):
    view = quiz.show("00_start_here")
    widget = view.widget()
    score = widget.children[-1]
    assert "0 of 5 answered correctly" in score.value
    outlet = view.panels[0]
    assert outlet.question.id == "00-outlet"
    outlet.controls.value = "The Jerusalem Post"
    outlet.submit()
    assert "Score for 00_start_here: 1 of 5 answered correctly." in score.value
    assert "1 of 5" in view.text()
    quiz.reset("00_start_here")
    assert "0 of 5 answered correctly" in score.value
    assert outlet.feedback.value == "" and outlet.controls.value is None and outlet.tries == 0


def test_a_damaged_progress_file_is_told_in_the_panel_and_the_score_line(home):
    view = quiz.show("00_start_here")
    widget = view.widget()
    score, outlet = widget.children[-1], view.panels[0]
    outlet.controls.value = "The Jerusalem Post"
    outlet.submit()
    (home / "progress.json").write_text("{damaged", encoding="utf-8")
    outlet.controls.value = "Reuters"
    outlet.submit()  # the Check click that finds the damage
    backup = store.backup_made()
    assert backup and (home / backup).read_text(encoding="utf-8") == "{damaged"
    assert "\u26a0" in outlet.saving.value and backup in outlet.saving.value
    assert 'role="alert"' in outlet.saving.value and "Traceback" not in outlet.saving.value
    assert f"Counted since your damaged progress file was moved to {backup}" in score.value
    outlet.controls.value = "The Jerusalem Post"
    outlet.submit()  # saved again without trouble: the panel's warning goes
    assert outlet.saving.value == ""
    assert "1 of 5 answered correctly" in score.value


def test_a_folder_that_cannot_be_written_is_told_in_the_panel(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("NEWSCASE_HOME", str(blocker / "state"))
    store._MEMORY.clear()
    store._NOTICES.clear()
    view = quiz.show("00-distance")
    view.widget()
    panel = view.panels[0]
    panel.controls.value = "40 km"
    assert panel.submit().correct
    assert "could not be saved" in panel.saving.value
    assert "a file stands where a folder should be" in panel.saving.value
    store._MEMORY.clear()


def test_show_accepts_an_id_a_list_or_a_notebook(home):
    assert [q.id for q in quiz.show("00-outlet").questions] == ["00-outlet"]
    pair = quiz.show(["00-outlet", quiz.load("00-force")])
    assert [q.id for q in pair.questions] == ["00-outlet", "00-force"]
    assert "Question 2 (00-force)" in pair.text()
    section = quiz.show("00_start_here.ipynb")
    assert section.score_ids == quiz.questions("00_start_here")
    with pytest.raises(KeyError, match="no quiz question"):
        quiz.show("00-nope")


def test_a_notebook_answer_saved_by_another_kernel_shows_in_a_new_view(home):
    code = (
        "from newscase import quiz\n"
        "from newscase.quiz.widget import QuestionPanel\n"
        "p = QuestionPanel(quiz.load('00-distance'), 'x')\n"
        "p.controls.value = '40 km'\n"
        "print(p.submit().correct)\n"
    )
    assert _run(code) == "True"
    view = quiz.show("00-distance")
    view.widget()
    restored = view.panels[0]
    assert restored.controls.value == "40 km" and restored.correct
    assert json.loads(json.dumps(quiz.progress()))["00-distance"]["last_answer"] == "40 km"


def test_menus_start_on_choose_and_reset_clears_every_control(bank, home):
    view = QuizView([bank.question(i) for i in bank.ids()])
    view.widget()
    panels = {p.question.type: p for p in view.panels}
    for kind in ("order", "match"):
        menus = panels[kind].controls.children
        assert all(m.index == 0 and m.label == "\u2014 choose \u2014" for m in menus)
        unanswered = (
            [None] * len(menus) if kind == "order" else dict.fromkeys(panels[kind].shown["items"])
        )
        assert panels[kind].read() == unanswered
        menus[0].index = 1
    panels["multiple"].controls.children[0].value = True
    panels["text"].controls.value = "PMU"
    for panel in view.panels:
        panel.submit()
    quiz.reset(question_ids=bank.ids())
    for kind in ("order", "match"):
        assert all(m.index == 0 for m in panels[kind].controls.children)
    assert not any(b.value for b in panels["multiple"].controls.children)
    assert panels["text"].controls.value == "" and panels["text"].tries == 0
