"""Saved progress: round trip, kernel restart, corrupt files, concurrent writers, no disk."""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from newscase import quiz
from newscase.core import progress as store
from newscase.quiz import answers
from newscase.quiz.grading import Result

NOTEBOOK = "99_test"


def _result(question_id: str, status: str = "wrong", answer="x") -> Result:
    score = {"correct": 1.0, "partial": 0.5}.get(status, 0.0)
    return Result(question_id, status, score, f"{status}!", answer)


def _saved(home: Path) -> dict:
    return json.loads((home / "progress.json").read_text(encoding="utf-8"))


# ---- where things are kept


def test_state_folder_is_newscase_home_or_dot_newscase(monkeypatch, tmp_path):
    monkeypatch.setenv("NEWSCASE_HOME", str(tmp_path / "here"))
    assert store.state_dir() == tmp_path / "here"
    monkeypatch.delenv("NEWSCASE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "user"))
    assert store.state_dir() == tmp_path / "user" / ".newscase"


def test_student_id_comes_from_the_environment_or_is_made_once(home, monkeypatch):
    monkeypatch.setenv("NEWSCASE_STUDENT", " s123\u200b ")
    assert store.student_id() == "s123"
    monkeypatch.delenv("NEWSCASE_STUDENT")
    first = store.student_id()
    assert len(first) == 16 and (home / "student-id").read_text().strip() == first
    assert store.student_id() == first
    code = "from newscase.core import progress as store; print(store.student_id())"
    env = {k: v for k, v in os.environ.items() if k != "NEWSCASE_STUDENT"}
    again = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert again.stdout.strip() == first


# ---- round trip


def test_results_round_trip_and_merge_per_question(home):
    assert answers.record("99-a", NOTEBOOK, _result("99-a")) is None
    assert answers.record("99-a", NOTEBOOK, _result("99-a", "correct", "y")) is None
    assert answers.record("99-a", NOTEBOOK, _result("99-a", "wrong", "z")) is None
    answers.record("99-b", NOTEBOOK, _result("99-b", "partial"))
    entries = answers.entries()
    assert entries["99-a"] | {"updated": None} == {
        "notebook": NOTEBOOK,
        "tries": 3,
        "correct": True,  # kept once earned
        "score": 1.0,
        "revealed": False,
        "last_answer": "z",
        "last_status": "wrong",
        "updated": None,
    }
    assert entries["99-b"]["score"] == 0.5 and not entries["99-b"]["correct"]
    assert _saved(home)["format"] == 1
    assert not list(home.glob("*.tmp"))


def test_unreadable_answers_are_not_saved_and_revealed_answers_do_not_score(home):
    answers.record("99-a", NOTEBOOK, _result("99-a", "invalid"))
    assert answers.entries() == {}
    answers.record("99-a", NOTEBOOK, _result("99-a"))
    answers.record_reveal("99-a", NOTEBOOK)
    answers.record("99-a", NOTEBOOK, _result("99-a", "correct"))
    entry = answers.entries()["99-a"]
    assert entry["revealed"] and not entry["correct"] and entry["tries"] == 2
    assert entry["score"] == 0


def test_reset_by_notebook_by_question_or_everything(home):
    for question_id, notebook in [("00-a", "00_x"), ("00-b", "00_x"), ("01-a", "01_y")]:
        answers.record(question_id, notebook, _result(question_id))
    assert "1 saved answer removed" in quiz.reset("01_y").text
    assert set(quiz.progress()) == {"00-a", "00-b"}
    assert set(quiz.progress("00_x.ipynb")) == {"00-a", "00-b"}
    assert "1 saved answer removed" in quiz.reset(question_ids=["00-a"]).text
    assert quiz.reset().text == "Quiz progress reset for every notebook: 1 saved answer removed."
    assert quiz.progress() == {}


def test_reset_of_a_packaged_notebook_removes_its_questions(home):
    ids = quiz.questions("00_start_here")
    for question_id in ids:
        answers.record(question_id, "00_start_here", _result(question_id))
    answers.record("99-other", NOTEBOOK, _result("99-other"))
    message = quiz.reset("00_start_here").text
    assert message == f"Quiz progress reset for 00_start_here: {len(ids)} saved answers removed."
    assert set(quiz.progress()) == {"99-other"}


# ---- kernel restart: a new process sees the saved state


RESTART = textwrap.dedent(
    """
    import json, sys
    from newscase import quiz
    from newscase.quiz.widget import QuestionPanel

    panel = QuestionPanel(quiz.load("00-outlet"), "student")
    if sys.argv[1] == "answer":
        panel.controls.value = "Rudaw"
        panel.submit()
        panel.controls.value = "The Jerusalem Post"
        panel.submit()
    print(json.dumps({
        "value": panel.controls.value,
        "feedback": panel.feedback.value,
        "status": panel.status.value,
        "answer": panel.answer.value,
        "reveal_disabled": panel.reveal_button.disabled,
    }))
    """
)


def _kernel(*args: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", RESTART, *args], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def test_answers_survive_a_kernel_restart(home):
    fresh = _kernel("look")
    assert fresh["value"] is None and fresh["feedback"] == "" and fresh["reveal_disabled"]
    answered = _kernel("answer")
    assert "\u2713 Correct." in answered["feedback"]
    restarted = _kernel("look")  # a new process: as after "Restart kernel"
    assert restarted["value"] == "The Jerusalem Post"
    assert "\u2713 Correct." in restarted["feedback"]
    assert (
        "Tries: 2." in restarted["status"]
        and "Restored from your saved progress." in restarted["status"]
    )
    assert "Answer:" in restarted["answer"] and not restarted["reveal_disabled"]
    assert quiz.progress()["00-outlet"]["tries"] == 2


# ---- damaged files


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"[1, 2, 3]", b'{"questions": 5}', b"\xff\xfe\x00garbage", b"[" * 100_000],
    ids=["syntax", "list", "shape", "bytes", "deep"],
)
def test_a_corrupt_file_is_moved_aside_with_a_notice_and_a_fresh_one_started(home, content):
    home.mkdir(parents=True)
    (home / "progress.json").write_bytes(content)
    assert answers.entries() == {}
    moved = list(home.glob("progress.json.corrupt-*"))
    assert len(moved) == 1 and moved[0].read_bytes() == content
    (told,) = store.take_notices()
    assert f"it was moved to {moved[0].name} in {home}" in told and "earlier answers" in told
    assert not (home / "progress.json").exists()
    assert answers.record("99-a", NOTEBOOK, _result("99-a")) is None
    assert set(_saved(home)["questions"]) == {"99-a"}


def test_the_notice_of_a_damaged_file_comes_back_from_the_check_that_found_it(home):
    answers.record("99-a", NOTEBOOK, _result("99-a"))
    (home / "progress.json").write_bytes(b"{damaged")
    told = answers.record("99-b", NOTEBOOK, _result("99-b"))
    backup = store.backup_made()
    assert backup and backup.startswith("progress.json.corrupt-") and backup in told
    assert set(_saved(home)["questions"]) == {"99-b"}  # saved in the fresh file


def test_a_damaged_file_that_cannot_be_moved_is_kept_and_answers_stay_in_memory(
    home, monkeypatch
):
    home.mkdir(parents=True)
    (home / "progress.json").write_bytes(b"{damaged")

    def refuse(*args):
        raise PermissionError(13, "Permission denied", str(home))

    monkeypatch.setattr(store.os, "replace", refuse)
    told = answers.record("99-a", NOTEBOOK, _result("99-a"))
    assert "could not be moved aside (permission denied" in told
    assert "kept for this session only" in told and "could not be saved" in told
    assert (home / "progress.json").read_bytes() == b"{damaged"  # left as it was
    assert answers.entries()["99-a"]["tries"] == 1


def test_odd_entries_are_cleaned_not_fatal(home):
    home.mkdir(parents=True)
    questions = {"99-a": {"tries": "many", "correct": "yes", "score": 7}, "99-b": [1], "99-c": {}}
    (home / "progress.json").write_text(json.dumps({"questions": questions}))
    entries = answers.entries()
    assert set(entries) == {"99-a", "99-c"}
    assert entries["99-a"] | {} == {"tries": 0, "correct": False, "score": 0.0, "revealed": False}


def test_a_failed_write_leaves_the_old_file_intact(home, monkeypatch):
    answers.record("99-a", NOTEBOOK, _result("99-a"))
    before = (home / "progress.json").read_bytes()

    def broken_dump(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store.json, "dump", broken_dump)
    message = answers.record("99-b", NOTEBOOK, _result("99-b"))
    assert "could not be saved" in message and "the disk is full" in message
    assert "still works" in message
    assert (home / "progress.json").read_bytes() == before
    assert not list(home.glob("*.tmp"))
    assert set(answers.entries()) == {"99-a", "99-b"}  # kept in memory for this session


def test_a_home_that_cannot_be_written_still_lets_students_answer(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the state folder should be")
    monkeypatch.setenv("NEWSCASE_HOME", str(blocker / "state"))
    monkeypatch.delenv("NEWSCASE_STUDENT", raising=False)
    store._MEMORY.clear()
    store._NOTICES.clear()
    store._BACKUPS.clear()
    student = store.student_id()
    assert store.student_id() == student  # stable for the session
    message = answers.record("99-a", NOTEBOOK, _result("99-a", "correct"))
    assert "Could not save a student id" in message
    assert f"could not be saved in {blocker / 'state'} (a file stands where a folder" in message
    assert "Set NEWSCASE_HOME to a folder you can write to." in message
    assert answers.entries()["99-a"]["correct"]
    assert quiz.check("00-distance", "40 km").correct
    store._MEMORY.clear()


def test_a_read_only_folder_is_named_as_a_permission_problem(home, monkeypatch):
    home.mkdir(parents=True)
    real_open = Path.open

    def read_only(self, mode="r", *args, **kwargs):
        if self.parent == home and "w" in mode:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, mode, *args, **kwargs)

    monkeypatch.setattr(Path, "open", read_only)
    monkeypatch.setattr(Path, "write_bytes", lambda self, data: read_only(self, "wb"))
    message = answers.record("99-a", NOTEBOOK, _result("99-a"))
    assert f"could not be saved in {home} (permission denied" in message
    assert "No such file" not in message


# ---- two notebooks writing at once


def _answer_many(prefix: str, count: int, start) -> None:
    from newscase.quiz import answers as worker_answers
    from newscase.quiz.grading import Result as WorkerResult

    start.wait()
    for i in range(count):
        worker_answers.record(
            f"{prefix}-{i}", "99_test", WorkerResult(f"{prefix}-{i}", "wrong", 0.0, "x")
        )
        worker_answers.record("99-shared", "99_test", WorkerResult("99-shared", "wrong", 0.0, "x"))


def test_two_processes_writing_at_once_lose_nothing(home):
    context = multiprocessing.get_context("spawn")
    start = context.Event()
    workers = [
        context.Process(target=_answer_many, args=(f"99-{name}", 40, start))
        for name in ("left", "right")
    ]
    for worker in workers:
        worker.start()
    start.set()
    for worker in workers:
        worker.join(timeout=120)
        assert worker.exitcode == 0
    saved = _saved(home)["questions"]
    assert len(saved) == 81
    assert saved["99-shared"]["tries"] == 80
    assert all(saved[f"99-{n}-{i}"]["tries"] == 1 for n in ("left", "right") for i in range(40))
    assert not list(home.glob("*.tmp")) and not list(home.glob("*.corrupt-*"))


def test_any_text_answer_can_be_saved_and_read_back(home):
    for n, answer in enumerate(["\ud800", "\u0627\u0644\u062d\u0634\u062f", "\x00", "\u202e"]):
        assert answers.record(f"99-{n}", NOTEBOOK, _result(f"99-{n}", answer=answer)) is None
        assert answers.entries()[f"99-{n}"]["last_answer"] == answer
