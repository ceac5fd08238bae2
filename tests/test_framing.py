"""The framing toolkit on the seed: the article's structure and who speaks in it.

The expected voices below are our own reading of the article, listed by hand. The toolkit
finds them with the reader's toolkit (the same code as newscase.read() on any article),
settled by the seed's voices.yaml; the tests compare the two, and check how much of the
reading the generic reader does on its own.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newscase.core.article import Article, lines, load_article
from newscase.core.case import load_case
from newscase.core.text import fold, normalise, phrase_pattern
from newscase.core.validate import DataError
from newscase.framing import structure as fs
from newscase.framing.voices import (
    ASSERTION,
    AUTHOR,
    DIRECT,
    PARAPHRASE,
    UNNAMED,
    count_words,
    find_voices,
    load_voices,
    read_voices,
    word_counts,
)

from helpers import SEED, by_id, edit_data

ARTICLE = load_article()
STRUCTURE = fs.article_structure()
VOICES = find_voices()


# ---- structure


def test_import_of_the_toolkit_is_cheap():
    code = (
        "import sys, newscase.framing as f; f.__dir__(); "
        "print([m for m in ('pandas', 'yaml', 'newscase.core.article') if m in sys.modules])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_paragraph_numbers_match_the_numbered_article_lines():
    assert [p.text for p in STRUCTURE.paragraphs] == lines(ARTICLE)
    assert [p.number for p in STRUCTURE.paragraphs] == list(range(1, 22))


def test_every_part_is_a_verbatim_slice_of_the_seed():
    seed = SEED.read_bytes().decode("utf-8")
    assert seed == ARTICLE.text
    for p in STRUCTURE.paragraphs:
        assert seed[p.start : p.end] == p.text


def test_parts_headline_standfirst_caption_credit_and_sixteen_body_paragraphs():
    kinds = [p.kind for p in STRUCTURE.paragraphs]
    assert kinds[:5] == ["headline", "standfirst", "caption", "caption", "credit"]
    assert kinds[5:] == ["body"] * 16
    assert STRUCTURE.headline.text == "Iranian-backed militias reach Iraq-Syria border"
    assert STRUCTURE.headline.text == ARTICLE.meta["title"]
    assert STRUCTURE.standfirst.text == ARTICLE.meta["standfirst"]
    assert [p.body_number for p in STRUCTURE.body] == list(range(1, 17))
    assert STRUCTURE.body[0].number == 6 and STRUCTURE.body[-1].number == 21


def test_caption_twice_and_credit_twice_are_recognised():
    caption = STRUCTURE.caption
    assert (
        caption.text.startswith("Shi'ite fighters from Mahdi Army")
        and "REUTERS" not in caption.text
    )
    assert caption.credit == "REUTERS"
    assert caption.paragraphs == (3, 4, 5)
    assert STRUCTURE.paragraph(3).text == caption.text + " (photo credit: REUTERS)"
    assert STRUCTURE.paragraph(4).text == caption.text
    assert STRUCTURE.paragraph(4).duplicate_of == 3
    assert STRUCTURE.paragraph(5).text == "(photo credit: REUTERS)"


def test_the_run_on_first_paragraph_is_kept_verbatim_and_reported():
    first = STRUCTURE.body[0]
    assert "pose a risk of linking up through Syria The Hashd al-Shaabi" in first.text
    oddities = {(o.paragraph, o.description) for o in STRUCTURE.oddities}
    assert (6, "no full stop between 'Syria' and 'The': two sentences run together") in oddities
    assert (4, "the caption of ¶ 3 is printed again") in oddities
    assert "40km. to the border" in first.text  # an abbreviation, not a sentence end


def test_unknown_paragraph_and_offset_fail_clearly():
    with pytest.raises(KeyError, match="no paragraph ¶ 99; the article has ¶ 1 to ¶ 21"):
        STRUCTURE.paragraph(99)
    with pytest.raises(ValueError, match="is not inside any paragraph"):
        STRUCTURE.locate(len(ARTICLE.text) + 5)


def test_an_article_without_a_photo_goes_straight_to_its_body():
    article = Article("Title\n\nStandfirst.\n\nFirst paragraph.\nSecond one.\n", {})
    parts = fs.split(article)
    assert [p.kind for p in parts.paragraphs] == ["headline", "standfirst", "body", "body"]
    assert parts.caption.text == "" and parts.oddities == ()


def test_folding_keeps_offsets_and_ignores_quote_style_and_case():
    words = "Shi’ite “crescent” – DASH"
    assert len(fold(words)) == len(words)
    assert phrase_pattern('shi\'ite "crescent" - dash').search(fold(words))
    assert not phrase_pattern("Iran").search(fold("Iranian"))  # whole words only


# ---- who speaks: every quote and paraphrase, with its attribution

EXPECTED = [
    # (¶, speaker, kind, outlet, verbatim words)
    (9, "jonathan_spyer", DIRECT, None,
     "Badr is one of the best organized and most veteran Iran-supported Shi’ite militias in Iraq."),
    (10, "jonathan_spyer", DIRECT, None,
     "Their leader, Hadi al-Amiri, is closely linked to the Quds Force Commander Qassem Soleimani."),
    (10, "jonathan_spyer", PARAPHRASE, None,
     "They are an effective and well-organized military unit with armored vehicles and artillery"),
    (12, "rudaw", DIRECT, "rudaw",
     "the Hashd could soon resemble the Iraqi version of Hezbollah in Lebanon, or the powerful "
     "Islamic Revolutionary Guard Corps in Iran."),
    (12, "kurdish_commander", DIRECT, "rudaw",
     "they have come here to fight the Peshmerga when ISIS is gone."),
    (13, "abu_mahdi_al_muhandis", PARAPHRASE, "rudaw",
     "his men were liberating Yazidi villages where ISIS carried out atrocities in 2014"),
    (13, "abu_mahdi_al_muhandis", DIRECT, "rudaw",
     "We feel happy and sad of the liberation of this village [Kocho] that faced the murder of "
     "its entire people at the hands of ISIS."),
    (14, "abu_mahdi_al_muhandis", PARAPHRASE, "rudaw",
     "the PMU would remain to protect the Yazidis and hand over local control to Yazidi units "
     "affiliated with the PMU"),
    (15, "haider_al_abadi", PARAPHRASE, None, "to oversee the final battle"),
    (15, "haider_al_abadi", PARAPHRASE, None, "he met with the Shi’ite militias"),
    (16, None, PARAPHRASE, None,
     "Iran is forming a “Shi’ite crescent” as part of a wider strategy to construct a corridor "
     "to the sea"),
    (16, None, DIRECT, None, "Shi’ite crescent"),
    (16, "kurdish_experts_erbil", PARAPHRASE, None,
     "sketched out a map and presented it, showing a line of Shi’ite villages and militia "
     "influence pointing past Sinjar to the border"),
    (17, "fabrice_balanche", DIRECT, "washington_institute",
     "concern [this] reflects the broader regional contest that the [Syria] war has become, "
     "with the [Syrian] regime racing to establish an east-west ‘Shi’ite axis’ from Iran to "
     "Lebanon."),
    (20, "kurdistan24", DIRECT, "kurdistan24",
     "has previously said it is ready to move inside Syrian territories to continue the fight "
     "against [ISIS]."),
    (20, "pmu", PARAPHRASE, "kurdistan24",
     "it is ready to move inside Syrian territories to continue the fight against [ISIS]"),
]  # fmt: skip


def _attributed(voices):
    return [v for v in voices if v.kind in (DIRECT, PARAPHRASE)]


def test_all_quotes_and_paraphrases_found_with_speaker_kind_outlet_and_words():
    found = [(v.paragraph, v.speaker, v.kind, v.outlet, v.text) for v in _attributed(VOICES)]
    assert found == EXPECTED


def test_every_quotation_in_the_text_is_attributed_to_someone():
    body = ARTICLE.text[STRUCTURE.body[0].start :]
    marked = [normalise(q) for q in re.findall(r"“([^”]*)”", body)]
    assert len(marked) == 7
    quoted = [v for v in VOICES if v.kind == DIRECT]
    joined = []
    for v in quoted:  # a quote running over a paragraph break is two records
        if joined and v.note.startswith("the quote opened in"):
            joined[-1] += " " + v.text
        else:
            joined.append(v.text)
    assert [normalise(q) for q in joined] == marked
    assert all(v.speaker or v.label == "several analysts and reports" for v in quoted)


def test_attributions_say_how_the_words_reach_the_article():
    by_text = {v.text: v for v in _attributed(VOICES)}

    def voice(start):
        return next(v for t, v in by_text.items() if t.startswith(start))

    assert voice("Badr is one").channel == "According to"
    assert voice("Badr is one").via == "the author, directly"
    assert voice("They are an effective").channel == "he said"
    assert voice("the Hashd could").channel == "reported that"
    assert voice("they have come here").channel == "told Rudaw that"
    assert voice("they have come here").label == "A Kurdish commander"
    assert voice("his men were").channel == "according to another Rudaw report … said"
    assert voice("concern [this]").channel == "wrote on May 26"
    assert voice("concern [this]").via == "Washington Institute for Near East Policy"
    assert voice("has previously said").channel == "reports that"
    assert voice("it is ready").via == "as reported by Kurdistan24"
    assert voice("he met with").channel == "tweeted that"
    assert voice("he met with").via == "a tweet"
    assert voice("Iran is forming").label == "several analysts and reports"
    assert voice("Iran is forming").channel == "have argued that"
    assert voice("sketched out").via == "the author's own interview"


def test_pronouns_and_unattributed_quotes_go_to_the_previous_speaker_and_say_so():
    implied = {" ".join(v.text.split()[:3]): v.note for v in _attributed(VOICES) if v.implied}
    assert implied == {
        "They are an": "'he' taken to be the previous speaker (jonathan_spyer)",
        "We feel happy": "unattributed quote; taken to continue the previous speaker "
        "(abu_mahdi_al_muhandis)",
        "the PMU would": "outlet not restated; carried over from ¶ 13",
        "he met with": "'He' taken to be the previous speaker (haider_al_abadi)",
    }


def test_voices_fall_into_the_teaching_categories():
    categories = {v.speaker: v.category for v in _attributed(VOICES)}
    assert categories == {
        "jonathan_spyer": "Israeli analyst",
        "fabrice_balanche": "US think tank",
        "rudaw": "Kurdish media",
        "kurdistan24": "Kurdish media",
        "abu_mahdi_al_muhandis": "PMU commander",
        "pmu": "PMU (statement)",
        "haider_al_abadi": "Iraqi prime minister",
        "kurdish_experts_erbil": "anonymous voices",
        "kurdish_commander": "anonymous voices",
        None: "unnamed analysts and reports",  # voices.yaml, record by record
    }


def test_the_authors_own_voice_covers_every_unattributed_sentence():
    own = [v for v in VOICES if v.kind == ASSERTION and v.category == AUTHOR]
    assert all(v.speaker == "seth_frantzman" for v in own)
    texts = [v.text for v in own]
    assert (
        "The PMU now controls territory south of the Kurdish Peshmerga and this has caused tensions."
        in texts
    )
    assert "a stamp of approval for their role" in texts  # the author's gloss on the tweet
    assert "I interviewed" in texts
    agentless = [v.text.split(",")[0] for v in own if v.channel.startswith("agentless")]
    assert agentless == [
        "In December 2016",
        "Linking up with Shi’ite militias in Iraq that have been compared to Hezbollah and openly show posters of Ayatollah Khamenei",
    ]
    front = {v.paragraph: v.speaker for v in VOICES if v.paragraph <= 5}
    assert front == {1: "jerusalem_post", 2: "jerusalem_post", 3: "reuters"}


def test_every_voice_is_a_verbatim_span_in_its_paragraph():
    for v in VOICES:
        assert ARTICLE.text[v.start : v.end] == v.text
        assert STRUCTURE.locate(v.start).number == v.paragraph


def test_the_patterns_read_a_new_article_too():
    text = (
        "Headline\n\nStandfirst.\n\n"
        "Haider Abadi told Kurdistan24 that the border was secure. “We will hold it,” he said.\n"
        "Several officials have argued that the road will reopen soon after the fighting.\n"
    )
    voices = _attributed(find_voices(article=Article(text, {})))
    found = [(v.speaker, v.kind, v.outlet, v.text) for v in voices]
    assert found == [
        ("haider_al_abadi", PARAPHRASE, "kurdistan24", "the border was secure"),
        ("haider_al_abadi", DIRECT, "kurdistan24", "We will hold it,"),
        (None, PARAPHRASE, None, "the road will reopen soon after the fighting"),
    ]
    # voices.yaml places actors it knows; an unnamed voice of a new article is just unnamed
    assert [v.category for v in voices] == ["Iraqi prime minister"] * 2 + [UNNAMED]


# ---- voices.yaml: the seed's voices as data, and what the generic reader finds alone

RECORDS = load_voices()


def test_voices_yaml_lists_every_attributed_voice_of_the_seed_verbatim():
    listed = {
        (r["paragraph"], r["speaker"], r["kind"], normalise(r["quote"]))
        for r in RECORDS
        if r["kind"] != ASSERTION
    }
    expected = {(p, who, kind, normalise(words)) for p, who, kind, _, words in EXPECTED}
    assert listed == expected
    for record in RECORDS:
        paragraph = STRUCTURE.paragraph(record["paragraph"])
        assert normalise(record["quote"]) in normalise(paragraph.text), record["id"]


def test_the_generic_reader_finds_all_but_the_voices_voices_yaml_adds():
    """read() alone, without voices.yaml, on the seed: which records it finds, which it must
    be told (each of those says why in its `corrects` field)."""
    generic = read_voices(ARTICLE, load_case(), (), STRUCTURE)
    found = {
        r["id"]
        for r in RECORDS
        if r["kind"] != ASSERTION
        and any(
            v.paragraph == r["paragraph"]
            and v.kind == r["kind"]
            and normalise(r["quote"]) in normalise(v.text)
            for v in generic
        )
    }
    attributed = {r["id"] for r in RECORDS if r["kind"] != ASSERTION}
    assert attributed - found == {"kurdish_experts_map", "pmu_ready"}
    corrected = {r["id"] for r in RECORDS if r["corrects"]}
    assert corrected == {
        "kurdish_experts_map",  # no reporting verb ("sketched out a map")
        "pmu_ready",  # speech reported inside a quotation
        "abadi_tweet",  # the paraphrase runs on over the author's gloss ...
        "abadi_tweet_gloss",  # ... which the reader cannot tell apart
        "pmu_incorporated",  # "raising alarms": an agentless attribution without a passive
    }
    # Where the reader finds a voice, the actor it names is the one voices.yaml gives.
    by_place = {(v.paragraph, v.kind, normalise(v.text)): v.speaker for v in generic}
    for r in RECORDS:
        key = (r["paragraph"], r["kind"], normalise(r["quote"]))
        if key in by_place:
            assert by_place[key] == r["speaker"], r["id"]


def _edit_voices(folder, change):
    edit_data(folder, "voices.yaml", lambda records: change(by_id(records)))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda r: r["spyer_badr"].update(quote="Badr is the best militia in Iraq."),
            "voices.yaml, record 'spyer_badr' (item 5 (line",
        ),
        (
            lambda r: r["spyer_badr"].update(quote="Badr is the best militia in Iraq."),
            "field 'quote': 'Badr is the best militia in Iraq.' is not in the article",
        ),
        (
            lambda r: r["spyer_badr"].update(paragraph=10),
            "field 'quote': 'Badr is one of the best organized and most veteran Iran-supp' "
            "is not in ¶ 10",
        ),
        (lambda r: r["spyer_badr"].update(paragraph=40), "¶ 40 does not exist"),
        (
            lambda r: r["spyer_badr"].update(speaker="spyer"),
            "field 'speaker': unknown actors id 'spyer'",
        ),
        (lambda r: r["spyer_badr"].pop("category"), "field 'category': missing"),
        (
            lambda r: r["spyer_badr"].update(kind="quote"),
            "field 'kind': expected one of direct quote, paraphrase, assertion",
        ),
    ],
)
def test_broken_voices_yaml_is_refused_precisely(data_copy, change, message):
    _edit_voices(data_copy, change)
    with pytest.raises(DataError) as error:
        load_voices(data_copy)
    assert message in str(error.value)


# ---- whose words fill the article


def test_word_counts_add_up_per_voice_and_per_category():
    per_voice = word_counts(VOICES)
    per_category = {r.category: r for r in word_counts(VOICES, by="category")}
    assert sum(r.quoted for r in per_voice) == sum(v.words for v in VOICES if v.kind == DIRECT)
    kurdish = per_category["Kurdish media"]
    assert kurdish.quoted == sum(r.quoted for r in per_voice if r.category == "Kurdish media")
    assert kurdish.quoted == 21 + 17
    spyer = next(r for r in per_voice if r.speaker == "jonathan_spyer")
    assert (spyer.label, spyer.quoted, spyer.paraphrased) == ("Jonathan Spyer", 29, 13)
    abadi = next(r for r in per_voice if r.speaker == "haider_al_abadi")
    assert (abadi.quoted, abadi.paraphrased) == (0, 11)
    assert per_voice[0].quoted >= per_voice[-1].quoted
    with pytest.raises(ValueError, match="by must be 'voice' or 'category'"):
        word_counts(VOICES, by="speaker")


def test_counting_words_like_a_reader():
    assert count_words("well-organized Shi’ite militias, 40km. [Kocho]") == 5


@given(st.lists(st.text(alphabet="abcxyz’-", min_size=1, max_size=8), max_size=12))
def test_word_counts_are_additive_over_spaces(chunks):
    assert count_words(" ".join(chunks)) == sum(count_words(c) for c in chunks)


def test_tables_of_voices_words_and_structure_render():
    from newscase.framing import render

    voices = render.voices_table(VOICES)
    assert "he (= Jonathan Spyer) *" in voices.text
    assert voices.html.count("<tr>") == len(_attributed(VOICES)) + 1
    assert "&lt;" not in voices.html and "<script" not in voices.html
    everyone = render.voices_table(VOICES, include_author=True)
    assert everyone.html.count("<tr>") == len(VOICES) + 1
    words = render.words_table(VOICES, by="category")
    assert words.text.splitlines()[3].startswith("Kurdish media")  # caption, header, rule
    parts = render.structure_table()
    assert "¶ 4   caption (repeat of ¶ 3)" in parts.text
    assert "no full stop between 'Syria' and 'The'" in parts.text
