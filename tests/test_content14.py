"""The content of issue 14 (glossary, primer, balanced roles, genre and sourcing): a plain data
test of the files as shipped. Every id resolves, every quote of the article is verbatim, and the
sentence table covers the article's body in order. (To be replaced by proper schemas.)"""

from __future__ import annotations

import re
from collections import Counter

import pytest
import yaml

from newscase.core.article import load_article
from newscase.core.case import load_case
from newscase.core.datafiles import default_data_dir
from newscase.core.text import contains_quote
from newscase.framing.structure import article_structure
from newscase.lessons.perspectives.framings import load_framings
from newscase.lessons.perspectives.roles import load_roles

DATA = default_data_dir()
CASE = load_case()
ARTICLE = load_article().text
SOURCES = set(CASE.ids("sources"))
ACTORS = set(CASE.ids("actors"))
PLACES = set(CASE.ids("places"))
CURLY = re.compile("\u201c([^\u201d]+)\u201d")
IDENTIFIER = re.compile(r"[a-z][a-z0-9_]*")
NEW_ROLES = {  # role id -> the framings perspectives that are that side's own voices
    "adviser_tehran": {"iran"},
    "adviser_damascus": {"syrian_government"},
    "advocate_border_residents": {"border_residents", "sunni_arab"},
    "advocate_yazidi_survivors": {"yazidi"},
}
MUST_HAVE = (  # glossary entries the issue asks for by name
    "sunni",
    "shia",
    "kurds",
    "kurdistan_region",
    "krg",
    "kdp",
    "puk",
    "peshmerga",
    "yazidis",
    "sinjar",
    "pmu",
    "badr",
    "kataib_hezbollah",
    "asaib_ahl_al_haq",
    "islamic_state",
    "irgc",
    "quds_force",
    "hezbollah",
    "sdf",
    "ypg",
    "us_backed_syrian_rebels",
    "syrian_government_forces",
    "us_led_coalition",
    "sykes_picot",
    "shiite_crescent",
    "land_corridor",
    "al_tanf",
    "qaim_albukamal",
    "sistani_fatwa",
    "marjaiya",
    "disputed_territories",
    "ninewa",
    "anbar",
)


def _load(name):
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


GLOSSARY = _load("glossary.yaml")
PRIMER = _load("primer.yaml")
SENTENCES = _load("article_sentences.yaml")
GENRE = _load("article_genre.yaml")
DEBRIEF = _load("perspectives_debrief.yaml")
TERMS = {r["id"] for r in _load("terms.yaml")}


def _unknown_sources(record_id, ids):
    return [f"{record_id}: unknown source {s!r}" for s in ids if s not in SOURCES]


def _quotes_not_in_article(where, text):
    """Passages in “curly double quotes” that are not verbatim in the article."""
    return [f"{where}: {q!r}" for q in CURLY.findall(text) if not contains_quote(ARTICLE, q)]


def _sentence_count(text):
    return len(re.findall(r"[.!?][\u201d')]?(?=\s+[A-Z\u201c']|\s*$)", text.strip()))


# ---- glossary


def test_glossary_has_at_least_30_unique_terms_including_those_the_issue_names():
    ids = [g["id"] for g in GLOSSARY]
    assert len(ids) == len(set(ids)) >= 30, Counter(ids).most_common(3)
    assert all(IDENTIFIER.fullmatch(i) for i in ids)
    assert set(MUST_HAVE) <= set(ids), sorted(set(MUST_HAVE) - set(ids))


def test_glossary_records_are_complete_and_their_links_resolve():
    ids = {g["id"] for g in GLOSSARY}
    problems = []
    for g in GLOSSARY:
        where = f"glossary.yaml {g['id']}"
        if not (g.get("term") and g.get("definition") and g.get("sources")):
            problems.append(f"{where}: needs term, definition and sources")
        if not 1 <= _sentence_count(g["definition"]) <= 3:
            problems.append(f"{where}: definition has {_sentence_count(g['definition'])} sentences")
        if not isinstance(g.get("alt_names", []), list):
            problems.append(f"{where}: alt_names must be a list")
        problems += [f"{where}: see_also {s!r}" for s in g.get("see_also", []) if s not in ids]
        problems += [f"{where}: see_also itself" for s in g.get("see_also", []) if s == g["id"]]
        if g.get("actor") and g["actor"] not in ACTORS:
            problems.append(f"{where}: unknown actor {g['actor']!r}")
        if g.get("place") and g["place"] not in PLACES:
            problems.append(f"{where}: unknown place {g['place']!r}")
        problems += [f"{where}: unknown term {t!r}" for t in g.get("terms", []) if t not in TERMS]
        problems += _unknown_sources(where, g["sources"])
    assert not problems, "\n".join(problems)


def test_glossary_article_spellings_and_quotes_are_verbatim_in_the_article():
    problems, spelled = [], 0
    for g in GLOSSARY:
        for form in g.get("article_spelling", []):
            spelled += 1
            if not contains_quote(ARTICLE, form):
                problems.append(f"glossary.yaml {g['id']}: article_spelling {form!r}")
        problems += _quotes_not_in_article(f"glossary.yaml {g['id']}", g["definition"])
    assert not problems, "\n".join(problems)
    assert spelled >= 20


def test_a_spelling_the_article_does_not_use_would_be_caught():
    assert not contains_quote(ARTICLE, "Daesh") and not contains_quote(ARTICLE, "Hashd al-Sha'bi")


# ---- primer


def test_primer_is_one_screen_of_linked_and_sourced_sections():
    ids = {g["id"] for g in GLOSSARY}
    words = sum(len(s["text"].split()) for s in PRIMER)
    assert 5 <= len(PRIMER) <= 7 and 250 <= words <= 350, (len(PRIMER), words)
    problems = []
    for s in PRIMER:
        where = f"primer.yaml {s['id']}"
        if not (s.get("title") and s.get("glossary") and s.get("sources")):
            problems.append(f"{where}: needs title, glossary and sources")
        problems += [f"{where}: glossary {g!r}" for g in s.get("glossary", []) if g not in ids]
        problems += _unknown_sources(where, s.get("sources", []))
        problems += _quotes_not_in_article(where, s["text"])
    assert not problems, "\n".join(problems)
    topics = " ".join(s["title"] for s in PRIMER)
    for topic in ("Sunni", "Kurds", "Yazidis", "PMU", "names"):
        assert topic in topics, topic


# ---- sentences of the body


def test_sentences_cover_the_body_in_order_verbatim_with_none_missing():
    assert [s["n"] for s in SENTENCES] == list(range(1, len(SENTENCES) + 1))
    body = article_structure().body
    by_paragraph = {p.number: [] for p in body}
    for s in SENTENCES:
        by_paragraph[s["paragraph"]].append(s["text"])
    for p in body:
        assert " ".join(by_paragraph[p.number]) == p.text, f"¶ {p.number} is not covered exactly"
    offsets = [ARTICLE.index(s["text"]) for s in SENTENCES]
    assert offsets == sorted(offsets) and len(set(offsets)) == len(offsets)


def test_sentences_are_classified_consistently():
    kinds = {"author", "named", "unnamed", "mixed"}
    problems = []
    for s in SENTENCES:
        where = f"sentence {s['n']}"
        if s["source_kind"] not in kinds:
            problems.append(f"{where}: source_kind {s['source_kind']!r}")
        if (s["source_kind"] == "author") == bool(s.get("speaker")):
            problems.append(
                f"{where}: a speaker goes with every attributed sentence, and only there"
            )
        speaker = s.get("speaker", "")
        if IDENTIFIER.fullmatch(speaker) and speaker not in ACTORS:
            problems.append(f"{where}: unknown actor {speaker!r}")
        if not isinstance(s["first_person"], bool):
            problems.append(f"{where}: first_person must be true or false")
        if s["first_person"] != bool(re.search(r"\bI\b", s["text"])):
            problems.append(f"{where}: first_person does not match an 'I' in the text")
    assert not problems, "\n".join(problems)
    counts = Counter(s["source_kind"] for s in SENTENCES)
    assert counts["author"] and counts["named"] and counts["unnamed"]


def test_the_genre_quiz_and_the_genre_record_agree_with_the_sentence_table():
    from newscase import quiz

    counts = Counter(s["source_kind"] for s in SENTENCES)
    question = quiz.load("04-author-assertions")
    assert question.answer == counts["author"]
    assert f"{len(SENTENCES)} body sentences" in question.prompt
    assert {m.answer for m in question.mistakes} == {
        counts["named"],
        len(SENTENCES) - counts["author"],
        len(SENTENCES),
    }
    first = [s["text"] for s in SENTENCES if s["first_person"]]
    point = next(e for e in GENRE if e["id"] == "first_person")
    assert len(first) == 1 and all(
        contains_quote(first[0], q) for q in CURLY.findall(point["text"])
    )


def test_genre_record_cites_known_sources_and_quotes_the_article_exactly():
    problems = []
    for e in GENRE:
        problems += _unknown_sources(f"genre {e['id']}", e["sources"])
        problems += _quotes_not_in_article(f"genre {e['id']}", e["text"])
    assert not problems, "\n".join(problems)
    points = {e["id"]: e for e in GENRE}
    assert GENRE[0]["id"] == "genre" and "/middle-east/iran-news/" in points["outlet_label"]["text"]


# ---- balanced perspectives


@pytest.fixture(scope="module")
def roles():
    return {r.id: r for r in load_roles()}


def test_new_roles_rest_on_their_own_sides_statements(roles):
    framings = {f.id: f for f in load_framings()}
    for role_id, own in NEW_ROLES.items():
        role = roles[role_id]
        assert role.sources and set(role.sources) <= SOURCES, role_id
        assert role.actor in ACTORS and set(role.framings) <= set(framings), role_id
        voices = [f for f in role.framings if framings[f].perspective in own]
        assert len(voices) >= 2, f"{role_id}: only {voices} are its own side's statements"
        assert len(role.questions) == len(roles) - 1, role_id


def test_role_readings_and_framings_quote_the_article_exactly(roles):
    problems = []
    for role in roles.values():
        problems += _quotes_not_in_article(f"perspectives.yaml {role.id}", role.reading)
    for f in load_framings():
        problems += _quotes_not_in_article(f"framings.yaml {f.id}", f"{f.frame} {f.note or ''}")
    assert not problems, "\n".join(problems)


def test_every_role_asks_every_other_desk(roles):
    desks = {
        "adviser_iraq_pm": "Iraqi PM's adviser",
        "adviser_krg": "KRG adviser",
        "adviser_us": "US adviser",
        "adviser_israel": "Israeli adviser",
        "adviser_tehran": "Tehran adviser",
        "adviser_damascus": "Damascus adviser",
        "advocate_border_residents": "border residents' spokesperson",
        "advocate_yazidi_survivors": "Yazidi survivors' advocate",
    }
    assert set(desks) == set(roles)
    for role in roles.values():
        asked = {
            d for d, name in desks.items() for q in role.questions if q.startswith(f"To the {name}")
        }
        assert asked == set(desks) - {role.id}, role.id


def test_debrief_questions_are_unique_and_their_links_resolve(roles):
    ids = [d["id"] for d in DEBRIEF]
    assert len(ids) == len(set(ids)) >= 4
    problems = []
    for d in DEBRIEF:
        where = f"perspectives_debrief.yaml {d['id']}"
        if not (d.get("question") and d.get("look_for")):
            problems.append(f"{where}: needs question and look_for")
        problems += [f"{where}: role {r!r}" for r in d.get("roles", []) if r not in roles]
        problems += _unknown_sources(where, d.get("sources", []))
        problems += _quotes_not_in_article(where, d["question"] + " " + d["look_for"])
    assert not problems, "\n".join(problems)
    assert any("leave" in d["question"] and "serve" in d["question"] for d in DEBRIEF)
