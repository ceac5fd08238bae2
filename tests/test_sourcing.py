"""Genre and sourcing: the article's sentences classified, counts computed, data checked."""

from __future__ import annotations

import pytest

from newscase import framing
from newscase.core.validate import DataError
from newscase.framing import sourcing


def test_counts_are_computed_from_the_sentence_table():
    sentences = sourcing.load_sentences()
    rows = {r["kind"]: r for r in sourcing.counts()}
    assert sum(r["sentences"] for r in rows.values()) == len(sentences) == 31
    assert rows["author"]["sentences"] == sum(s["source_kind"] == "author" for s in sentences)
    assert sum(r["share"] for r in rows.values()) in (99, 100, 101)  # rounded shares
    shown = framing.sourcing_summary().text
    assert f"{rows['author']['sentences']}" in shown and "First person: sentence 24 (¶ 16):" in shown


def test_the_quiz_on_author_assertions_agrees_with_the_data():
    from newscase import quiz

    authored = next(r for r in sourcing.counts() if r["kind"] == "author")["sentences"]
    assert quiz.check("04-author-assertions", str(authored)).correct


def test_the_sentence_table_is_collapsed_and_filters_by_kind():
    shown = framing.sentence_table("unnamed")
    assert shown.html.startswith('<details class="newscase-more"><summary>The sentence table (2')
    with pytest.raises(framing_option_problem(), match="no source kind 'rumour'"):
        framing.sentence_table("rumour")


def framing_option_problem():
    from newscase.core.errors import OptionProblem

    return OptionProblem


def test_the_genre_judgement_comes_first_with_its_evidence_closed():
    shown = framing.genre_points().html
    first, _, rest = shown.partition("<details")
    assert "news report with analysis" in first and "Why it is not opinion" in rest


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("n: 2\n", "n: 3\n", "field 'n': expected 2"),
        ("source_kind: named", "source_kind: gossip", "field 'source_kind': expected one of"),
        ("For Israel it means", "For Israel this means", "field 'text': 'For Israel this means"),
    ],
)
def test_a_broken_sentence_file_names_record_and_field(data_copy, old, new, message):
    path = data_copy / "article_sentences.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataError, match=message):
        sourcing.load_sentences(data_copy)
