"""Quiz files: the packaged quizzes are sound, and every broken file gets a precise message.

Broken copies are written to temporary folders; the real files are never touched.
"""

from __future__ import annotations

import re

import pytest
from test_quiz_grading import SAMPLE, make_bank

from newscase import quiz
from newscase.core import course
from newscase.core.article import load_article
from newscase.core.text import contains_quote
from newscase.core.validate import DataError
from newscase.quiz.model import TYPES, load_bank

FILE = "quizzes/98_sample.yaml"


def _where(question_id: str, text: str = SAMPLE) -> str:
    """How the loader names a question of the sample: file, id, item and line."""
    starts = [n for n, line in enumerate(text.splitlines(), 1) if line.startswith("- id: ")]
    line = text.splitlines().index(f"- id: {question_id}") + 1
    return f"{FILE}, record '{question_id}' (item {starts.index(line) + 1} (line {line}))"


OUTLET = _where("98-outlet")
FORCE = _where("98-force")
DISTANCE = _where("98-distance")


def _problems(tmp_path, quiz_text: str, **kwargs) -> list[str]:
    with pytest.raises(DataError) as caught:
        make_bank(tmp_path / "data", quiz_text, **kwargs)
    return caught.value.problems


def _swap(old: str, new: str, text: str = SAMPLE) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def test_sample_quiz_loads_every_type(tmp_path):
    bank = make_bank(tmp_path / "data")
    assert {q.type for q in bank.by_id.values()} == set(TYPES)
    question = bank.question("98-quoted")
    assert question.notebook == "98_sample"
    assert question.citations == (
        "\u201cA test article\u201d, Test Outlet, 2017-05-29. https://example.org/article",
        "\u201cA test analysis\u201d, Test Institute. https://example.org/analysis",
    )


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        (
            "  explanation: The outlet is in the metadata.\n",
            "",
            f"{OUTLET}, field 'explanation': missing; expected non-empty text",
        ),
        (
            "  type: single\n",
            "  type: dropdown\n",
            f"{OUTLET}, field 'type': expected one of single, multiple, numeric, text, order, "
            "match, got 'dropdown'",
        ),
        (
            "  answer: The Jerusalem Post\n",
            "  answer: The Times\n",
            f"{OUTLET}, field 'answer': answer 'The Times' is not one of 'The Jerusalem Post', "
            "'Rudaw', 'Reuters'",
        ),
        (
            "    - {text: Reuters, feedback: Reuters only took the photo.}\n",
            "    - {text: Reuters}\n",
            f"{OUTLET}, field 'options': option 3: missing 'feedback', got [",
        ),
        (
            "  explanation: The outlet is in the metadata.\n  sources: [test-article]\n",
            "  explanation: The outlet is in the metadata.\n  sources: [test-articel]\n",
            f"{OUTLET}, field 'sources': unknown sources id 'test-articel' (did you mean "
            "'test-article'?); expected an id from sources",
        ),
        (
            "  explanation: The outlet is in the metadata.\n",
            "  explanaton: The outlet is in the metadata.\n",
            f"{OUTLET}, field 'explanaton': unknown field (did you mean 'explanation'?); expected "
            "fields are id, type, prompt, answer, options,",
        ),
        (
            "  answer: The Jerusalem Post\n",
            "  answer: The Jerusalem Post\n  unit: km\n",
            f"{OUTLET}, field 'unit': not used by type 'single'; remove it",
        ),
        (
            "  answer: The Jerusalem Post\n",
            "  answer: The Jerusalem Post\n  show_answer_after: 0\n",
            f"{OUTLET}, field 'show_answer_after': expected a number from 1 to 20, got 0",
        ),
        (
            "    - {text: Reuters, feedback: Reuters only took the photo.}\n",
            "    - {text: Reuters, feedback: Reuters only took the photo.}\n"
            "    - {text: ' reuters ', feedback: Again.}\n",
            f"{OUTLET}, field 'options': 'reuters' and 'Reuters' count as the same answer; make "
            "them distinct",
        ),
        (
            "- id: 98-outlet\n",
            "- id: 01-outlet\n",
            f"{FILE}, record '01-outlet' (item 1 (line 1)), field 'id': expected an id starting "
            "with '98-' (the number of 98_sample), got '01-outlet'",
        ),
        (
            "- id: 98-quoted\n",
            "- id: 98-outlet\n",
            f"{_where('98-quoted').replace('98-quoted', '98-outlet')}, field 'id': duplicate id "
            "'98-outlet' "
            f"(first used at {OUTLET}); expected ids to be unique",
        ),
        (
            "  answer: 40\n",
            "  answer: forty\n",
            f"{DISTANCE}, field 'answer': expected a number, got 'forty'",
        ),
        (
            "  unit: km\n",
            "",
            f"{DISTANCE}, field 'unit': missing; unit_names are other spellings of the unit",
        ),
        (
            "    - {answer: 2014, feedback: That is a year.}\n",
            "    - {answer: 40.2, feedback: Too close.}\n",
            f"{DISTANCE}, field 'mistakes': 40.2 is within the tolerance of the answer",
        ),
        (
            "    - {answer: Badr Brigade, feedback: Badr is one militia inside the force.}\n",
            "    - {answer: P.M.U., feedback: Oops.}\n",
            f"{FORCE}, field 'mistakes': 'P.M.U.' is also an accepted answer",
        ),
        (
            "  alternatives: [Popular Mobilisation Units, PMU, Hashd al-Shaabi, Hashd, PMF]\n",
            "  alternatives: [Hashd al-Shaabi, al-Hashd al-Sha'bi]\n",
            f"{FORCE}, field 'alternatives': 'al-Hashd al-Sha'bi' and 'Hashd al-Shaabi' count as "
            "the same answer; make them distinct",
        ),
        (
            "  hint: Read the first paragraph.\n",
            "",
            None,  # mistakes alone are enough
        ),
        (
            "      feedback: April means April 2017.\n",
            "      feedback: April means April 2017.\n    - {answer: [Erbil map], feedback: x}\n",
            f"{_where('98-order')}, field 'mistakes': expected a list of "
            "at least 2 texts, got ['Erbil map']",
        ),
        (
            "    - answer: {A Kurdish commander: Through Kurdistan24}\n",
            "    - answer: {A Kurdish commander: Through Al Jazeera}\n",
            f"{_where('98-voices')}, field 'mistakes': choice 'Through Al Jazeera' is not one of",
        ),
    ],
)
def test_broken_quiz_files_name_file_question_and_field(tmp_path, old, new, problem):
    text = _swap(old, new)
    if problem is None:
        make_bank(tmp_path / "data", text)
        return
    problems = _problems(tmp_path, text)
    assert any(p.startswith(problem) for p in problems), problems
    assert len(problems) <= 2, problems  # a renamed field is also a missing one


def test_a_question_without_any_feedback_for_wrong_answers_is_refused(tmp_path):
    text = _swap("  hint: Look in the first paragraph.\n", "")
    text = _swap("  mistakes:\n    - {answer: 2014, feedback: That is a year.}\n", "", text)
    assert _problems(tmp_path, text) == [
        f"{DISTANCE}, field 'hint': missing; a hint or "
        "mistakes is needed to say why an answer is wrong"
    ]


def test_every_problem_is_reported_at_once(tmp_path):
    text = _swap("  type: single\n", "  type: dropdown\n")
    text = _swap("  answer: 40\n", "  answer: forty\n", text)
    text = _swap("  prompt: Name the force.\n", "", text)
    problems = _problems(tmp_path, text)
    assert [p.split(", field ")[1].split(":")[0] for p in problems] == [
        "'type'",
        "'prompt'",
        "'answer'",
    ]


def test_unreadable_files_and_bad_file_names(tmp_path):
    assert _problems(tmp_path, "- id: 98-x\n  prompt: [unclosed\n") == [
        f"{FILE}, line 3: not valid YAML (expected ',' or ']', but got '<stream end>')"
    ]
    assert _problems(tmp_path / "b", "id: 98-x\n") == [
        f"{FILE}: expected a list of records at the top level, got dict"
    ]
    assert _problems(tmp_path / "c", SAMPLE, name="sample.yaml") == [
        "quizzes/sample.yaml: expected a file name like 00_start_here.yaml"
    ]


def test_quiz_sources_are_checked_against_sources_yaml(tmp_path):
    make_bank(tmp_path / "data")
    (tmp_path / "data" / "sources.yaml").unlink()
    with pytest.raises(DataError) as caught:
        load_bank(tmp_path / "data")
    assert caught.value.problems == [
        f"sources.yaml: file not found at {tmp_path / 'data' / 'sources.yaml'}; expected the "
        "data file (quiz sources are checked against it)"
    ]


def test_ids_are_unique_across_quiz_files(tmp_path):
    make_bank(tmp_path / "data")
    copy = SAMPLE.replace("98-", "97-").replace("- id: 97-outlet", "- id: 98-outlet", 1)
    (tmp_path / "data" / "quizzes" / "97_copy.yaml").write_text(copy, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_bank(tmp_path / "data")
    problems = caught.value.problems
    assert any("field 'id': expected an id starting with '97-'" in p for p in problems)


def test_the_bank_reloads_when_a_quiz_file_changes(tmp_path):
    bank = make_bank(tmp_path / "data")
    assert load_bank(tmp_path / "data") is bank  # cached
    path = tmp_path / "data" / "quizzes" / "98_sample.yaml"
    path.write_text(SAMPLE.replace("Which outlet", "What outlet"), encoding="utf-8")
    import os

    os.utime(path, ns=(1, 1))  # a different modification time, even on coarse clocks
    assert load_bank(tmp_path / "data").question("98-outlet").prompt.startswith("What outlet")


def test_unknown_question_ids_and_notebooks_fail_clearly(tmp_path):
    bank = make_bank(tmp_path / "data")
    with pytest.raises(KeyError, match="no quiz question '98-outlt' \\(did you mean '98-outlet'"):
        bank.question("98-outlt")
    with pytest.raises(KeyError, match="no quiz for notebook '05_nothing'"):
        bank.ids("05_nothing")
    assert bank.ids("98_sample.ipynb") == bank.ids("98_sample") == list(bank.by_id)


# ---- the packaged quizzes


def test_packaged_quizzes_load_and_cite_the_article():
    ids = quiz.questions()
    assert ids, "no quiz questions packaged"
    for question_id in ids:
        question = quiz.load(question_id)
        assert question.sources and question.citations
        assert all(c != s for c, s in zip(question.citations, question.sources, strict=True))
    start = quiz.questions("00_start_here")
    assert 4 <= len(start) <= 6
    assert all("jpost-2017-militias-border" in quiz.load(i).sources for i in start)
    assert len({quiz.load(i).type for i in start}) >= 5


def test_no_two_questions_ask_for_the_same_answer():
    """A typed answer (text or number) asked twice is one question asked twice (issue 16)."""
    from newscase.quiz.model import load_bank

    seen: dict[tuple, str] = {}
    for question in load_bank().by_id.values():
        if question.type in ("text", "numeric"):
            key = (question.type, str(question.answer).casefold())
            assert key not in seen, f"{question.id} asks what {seen[key]} asks"
            seen[key] = question.id


def test_every_quiz_file_belongs_to_a_notebook_of_the_course():
    from newscase.quiz.model import load_bank

    for notebook in load_bank().notebooks():
        assert course.entry(notebook)["file"] == f"{notebook}.ipynb"


QUOTED = re.compile("\u201c([^\u201d]{12,})\u201d")


def _texts(question) -> list[str]:
    texts = [question.prompt, question.explanation, question.hint or ""]
    texts += [o.feedback for o in question.options] + [m.feedback for m in question.mistakes]
    return texts


def test_quotes_in_quiz_text_are_verbatim_from_the_article():
    """A passage in “curly quotes” (12+ characters) must be in the article ("..." = a gap)."""
    article = load_article().text
    checked = 0
    for question_id in quiz.questions():
        for text in _texts(quiz.load(question_id)):
            for quote in QUOTED.findall(text):
                for part in quote.split("..."):
                    assert contains_quote(article, part.strip()), (question_id, part)
                    checked += 1
    assert checked >= 10


@pytest.mark.parametrize(
    ("question_id", "answer"),
    [
        ("00-outlet", "The Jerusalem Post"),
        ("00-distance", "40"),
        ("00-distance", "40 km"),
        ("00-distance", "40km"),
        ("00-distance", "40,5"),
        ("00-distance", " 40.0 "),
        ("00-force", "Hashd al-Shaabi"),
        ("00-force", "al-Hashd al-Sha'bi"),
        ("00-force", "PMU"),
        ("00-force", "Popular Mobilization Units"),
        ("00-force", "popular mobilisation forces"),
    ],
)
def test_start_here_quiz_accepts_the_article_answers(question_id, answer):
    assert quiz.check(question_id, answer).correct


def test_start_here_quiz_rejects_typical_wrong_answers_with_reasons():
    assert "photo credit" in quiz.check("00-outlet", "Reuters").feedback
    assert "one group inside" in quiz.check("00-force", "Badr Brigade").feedback
    miles = quiz.check("00-distance", "40 miles")
    assert not miles.counted and "km" in miles.feedback
    order = list(quiz.load("00-order").answer)
    assert quiz.check("00-order", order).correct
    voices = dict(quiz.load("00-voices").answer)
    assert quiz.check("00-voices", voices).correct
    assert voices["A Kurdish commander"] == voices["Abu Mahdi al-Muhandis"]  # both via Rudaw


def test_the_examples_in_docs_quizzes_md_are_valid_questions(tmp_path):
    """Every YAML example in docs/quizzes.md loads against the real sources.yaml."""
    import shutil

    from helpers import PACKAGE_DATA, ROOT

    doc = (ROOT / "docs" / "quizzes.md").read_text(encoding="utf-8")
    blocks = [b for b in re.findall(r"```yaml\n(.*?)```", doc, re.DOTALL) if "- id: " in b]
    assert len(blocks) == len(TYPES)
    folder = tmp_path / "data"
    (folder / "quizzes").mkdir(parents=True)
    shutil.copy(PACKAGE_DATA / "sources.yaml", folder / "sources.yaml")
    by_notebook: dict[str, str] = {}
    for block in blocks:
        number = re.search(r"- id: (\d\d)-", block).group(1)
        by_notebook[number] = by_notebook.get(number, "") + block
    for number, text in by_notebook.items():
        (folder / "quizzes" / f"{number}_docs.yaml").write_text(text, encoding="utf-8")
    bank = load_bank(folder)
    assert sorted(q.type for q in bank.by_id.values()) == sorted(TYPES)
    for spelling in ("al-Hashd al-Sha'bi", "Hashd ash-Sha\u2019abi", "hashd shaabi"):
        assert quiz.check(bank.question("00-force"), spelling).correct  # as the docs say


def test_the_example_in_the_readme_is_a_valid_question(tmp_path):
    """The README's "how an instructor writes a question" example loads and grades."""
    import shutil

    from helpers import PACKAGE_DATA, ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (block,) = [b for b in re.findall(r"```yaml\n(.*?)```", readme, re.DOTALL) if "- id: " in b]
    folder = tmp_path / "data"
    (folder / "quizzes").mkdir(parents=True)
    shutil.copy(PACKAGE_DATA / "sources.yaml", folder / "sources.yaml")
    (folder / "quizzes" / "03_geography.yaml").write_text(block, encoding="utf-8")
    question = load_bank(folder).question("03-dash")
    for answer in ("40", "40 km", "40km", "40,0"):
        assert quiz.check(question, answer).correct, answer
    assert "not a distance" in quiz.check(question, "2016").feedback
