"""Notebook 04's data and renderers: competing framings, the perspectives activity, the claim
ledger, the headline exercise, and the headline-versus-body profile."""

from __future__ import annotations

import re

import pytest

from newscase.core.article import load_article
from newscase.core.case import load_case
from newscase.core.text import contains_quote
from newscase.core.validate import DataError
from newscase.framing.structure import article_structure
from newscase.framing.voices import count_words
from newscase.lessons.perspectives import framings as fr
from newscase.lessons.perspectives import headlines as hl
from newscase.lessons.perspectives import ledger, parts, roles

from helpers import edit_data

CASE = load_case()
FRAMINGS = fr.load_framings()
ROLES = roles.load_roles()


def _record(records, record_id):
    return next(r for r in records if r["id"] == record_id)


# ---- competing framings: the data as shipped


# The perspectives the module promises (DESIGN.md): each speaks in its own quoted words.
PROMISED = (
    "iraq_government_pmu",
    "krg",
    "yazidi",
    "iran",
    "syrian_government",
    "israel",
    "us",
    "sunni_arab",
)


def test_every_promised_perspective_has_a_verbatim_quote_of_a_named_speaker():
    assert set(PROMISED) <= set(fr.load_perspectives())
    for perspective in PROMISED:
        quoted = [f for f in FRAMINGS if f.perspective == perspective and f.quote]
        assert quoted, f"{perspective} has no verbatim quote"
        assert any("no one is named" not in f.speaker for f in quoted), perspective


def test_framings_are_short_dated_and_cite_where_they_were_found():
    for f in FRAMINGS:
        if f.quote:
            assert len(f.quote.split()) <= fr.MAX_QUOTE_WORDS, f.id
        assert f.quoted_in in f.sources, f.id
        assert re.fullmatch(r"\d{4}-\d\d(-\d\d)?", f.date), f.id
        if f.timing != "at the time":
            assert f.date_note and f.timing in f.date_note.lower(), f.id


def test_most_framings_date_from_the_months_of_the_advance():
    at_the_time = [f for f in FRAMINGS if f.timing == "at the time"]
    assert len(at_the_time) >= 0.75 * len(FRAMINGS)


def test_the_articles_own_framing_quotes_the_article():
    own = [f for f in FRAMINGS if f.perspective == "the_article"]
    assert own and all(contains_quote(load_article().text, f.quote) for f in own)


def test_timing_of_partial_dates():
    assert fr.timing("2017-05-29") == fr.timing("2017-06") == "at the time"
    assert fr.timing("2016-11-28") == fr.timing("2017-04") == "earlier"
    assert fr.timing("2017-07-10") == fr.timing("2018") == "later"


def test_shared_terms_split_the_key_terms_by_the_article_text():
    asadi = next(f for f in FRAMINGS if f.id == "pmu_asadi_liberation")
    shared, own = fr.shared_terms(asadi)
    assert "liberation" in shared and "a Ramadan miracle" in own
    assert set(shared) | set(own) == set(asadi.key_terms)


# ---- competing framings: broken copies are refused with file, record and field


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda r: _record(r, "pmu_asadi_liberation").update(paraphrase="He said so."),
            "framings.yaml, record 'pmu_asadi_liberation' (item 2 (line",
        ),
        (
            lambda r: _record(r, "pmu_asadi_liberation").update(paraphrase="He said so."),
            "field 'quote' / 'paraphrase': give exactly one",
        ),
        (
            lambda r: _record(r, "iran_khamenei_strength").update(perspective="tehran"),
            "record 'iran_khamenei_strength' (item 10 (line",
        ),
        (
            lambda r: _record(r, "iran_khamenei_strength").update(perspective="tehran"),
            "field 'perspective': unknown framing_perspectives id 'tehran' (did you mean 'iran'?)",
        ),
        (
            lambda r: _record(r, "us_tillerson_go_home").pop("date_note"),
            "field 'date_note': missing; a statement dated 2017-10-22, outside 2017-05 to "
            "2017-06, needs a note saying it was documented later",
        ),
        (
            lambda r: _record(r, "sdf_silo_will_fight").update(actor="syrian_kurds"),
            "field 'actor': unknown actors id 'syrian_kurds'",
        ),
        (
            lambda r: _record(r, "sdf_silo_will_fight").update(
                sources=["xinhua-2017-sdf-warns-hashd"]
            ),
            "field 'quoted_in': 'k24-2017-sdf-hashd' is not in the record's sources",
        ),
        (
            lambda r: _record(r, "krg_barzani_no_entry").update(quote=" ".join(["word"] * 31)),
            "field 'quote': 31 words; expected a short quote of at most 30 words",
        ),
        (
            lambda r: _record(r, "krg_barzani_no_entry").update(date="2017"),
            "field 'date': '2017' has no month",
        ),
    ],
)
def test_broken_framings_are_refused_precisely(data_copy, change, message):
    edit_data(data_copy, "framings.yaml", change)
    with pytest.raises(DataError) as error:
        fr.load_framings(data_copy)
    assert message in str(error.value)


def test_framings_renderers_escape_and_group(data_copy):
    edit_data(
        data_copy,
        "framings.yaml",
        lambda r: _record(r, "krg_barzani_no_entry").update(frame="<script>alert(1)</script>"),
    )
    rendered = fr.framings_table(framings=fr.load_framings(data_copy))
    assert "<script>" not in rendered.html and "&lt;script&gt;" in rendered.html
    assert "<script>alert(1)</script>" in rendered.text
    headings = [line[2:] for line in rendered.text.splitlines() if line.startswith("■ ")]
    assert headings == list(dict.fromkeys(f.label for f in FRAMINGS))


def test_framing_detail_names_an_unknown_perspective():
    with pytest.raises(KeyError, match="unknown perspective 'kurds'; expected one of"):
        fr.framing_detail("kurds")
    detail = fr.framing_detail("yazidi").text
    yazidi = sum(f.perspective == "yazidi" for f in FRAMINGS)
    assert yazidi >= 3 and detail.startswith(f"Yazidi voices: {yazidi} statement(s)")
    assert "Key terms the article never uses" in detail and "\nSources\n1. " in detail


# ---- the perspectives activity


def test_every_role_is_complete_and_answers_every_other_role():
    assert roles.MIN_ROLES <= len(ROLES) <= roles.MAX_ROLES
    names = {r.id for r in ROLES}
    framing_ids = {f.id for f in FRAMINGS}
    for role in ROLES:
        assert len(role.values) >= 3 and role.trade_offs and role.risks, role.id
        assert len(role.questions) >= len(names) - 1, f"{role.id}: a question for every other role"
        assert set(role.claims) <= set(CASE.ids("claims"))
        assert set(role.framings) <= framing_ids


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda r: _record(r, "adviser_krg").update(claims=["pmu_reached_sinjar"]),
            "perspectives.yaml, record 'adviser_krg' (item 2 (line",
        ),
        (
            lambda r: _record(r, "adviser_krg").update(claims=["pmu_reached_sinjar"]),
            "field 'claims': unknown claims id 'pmu_reached_sinjar'",
        ),
        (
            lambda r: _record(r, "adviser_us").update(framings=["us_mattis"]),
            "field 'framings': unknown framings id 'us_mattis'",
        ),
        (
            lambda r: _record(r, "adviser_israel").pop("risks"),
            "record 'adviser_israel' (item 4 (line",
        ),
        (
            lambda r: _record(r, "adviser_israel").pop("risks"),
            "field 'risks': missing; expected at least one item",
        ),
        (
            lambda r: r.extend({**r[0], "id": f"adviser_extra_{n}"} for n in range(9 - len(r))),
            "perspectives.yaml: 9 roles; expected 3 to 8",
        ),
    ],
)
def test_broken_roles_are_refused_precisely(data_copy, change, message):
    edit_data(data_copy, "perspectives.yaml", change)
    with pytest.raises(DataError) as error:
        roles.load_roles(data_copy)
    assert message in str(error.value)


def test_a_broken_framings_file_is_reported_when_loading_roles(data_copy):
    edit_data(
        data_copy, "framings.yaml", lambda r: _record(r, "us_dillon_iraqi_direction").pop("frame")
    )
    with pytest.raises(DataError) as error:
        roles.load_roles(data_copy)
    assert "record 'us_dillon_iraqi_direction'" in str(error.value)
    assert "field 'frame': missing" in str(error.value)


def test_role_card_shows_claims_and_voices_from_their_files():
    card = roles.role_card("adviser_israel").text
    for claim_id in _role("adviser_israel").claims:
        assert CASE.record("claims", claim_id)["quote"][:40] in " ".join(card.split())
    assert "ledger:" not in card and "supported" not in card  # no verdict before judging
    assert "Questions to put to the other roles:" in card
    cards = roles.role_cards().html
    assert cards.count('<details class="newscase-more"><summary>Role card: ') == len(ROLES)
    with pytest.raises(KeyError, match="no role 'adviser_iran'"):
        roles.role_card("adviser_iran")


def _role(role_id):
    return next(r for r in ROLES if r.id == role_id)


# ---- the claim ledger


def test_every_claim_sits_in_one_paragraph_of_the_article():
    structure = article_structure()
    for claim in CASE.records["claims"]:
        number = ledger.claim_paragraph(claim["id"])
        assert number, claim["id"]
        assert contains_quote(structure.paragraph(number).text, claim["quote"]), claim["id"]


def test_ledger_lists_every_claim_with_its_verdict():
    rendered = ledger.ledger_table()
    counts = ledger.verdict_counts()
    assert sum(counts.values()) == len(CASE.records["claims"])
    flat = " ".join(rendered.text.split())
    for claim in CASE.records["claims"]:
        assert claim["explanation"][:50] in flat, claim["id"]
    assert rendered.text.count("Verdict: ") == len(CASE.records["claims"])
    assert f"({counts['supported']} supported, {counts['qualified']} qualified" in rendered.text


def test_worksheet_hides_the_verdict_and_lists_the_sources():
    claim = CASE.record("claims", "isis_confined_old_city_mosul")
    sheet = ledger.claim_worksheet(claim["id"]).text
    assert claim["explanation"][:40] not in sheet
    assert not any(mark in sheet for mark in ledger.VERDICT_MARKS.values())
    assert "1. The claim in your own words" in sheet and "5. Your verdict" in sheet
    for source_id in claim["sources"]:
        assert CASE.record("sources", source_id)["title"] in sheet
    with pytest.raises(KeyError, match="no claim 'pmu_law'"):
        ledger.claim_worksheet("pmu_law")


def test_photo_check_is_computed_from_events_places_and_claims():
    photo = CASE.record("events", ledger.PHOTO_EVENT)
    border = CASE.record("events", ledger.BORDER_EVENT)
    text = ledger.photo_check().text
    months = (border["date"].year - photo["date"].year) * 12 + (
        border["date"].month - photo["date"].month
    )
    assert f"{months // 12} years and {months % 12} months" in text
    assert "Date in the article" in text and "none given" in text
    claim = CASE.record("claims", ledger.PHOTO_CLAIM)
    # evidence only: the verdict waits in the ledger until the student has judged
    assert ledger.VERDICT_MARKS[claim["verdict"]] not in text
    assert claim["explanation"][:60] not in " ".join(text.split())


# ---- the headline versus the body


def test_part_profile_counts_words_terms_and_names():
    profile = parts.part_profile()
    structure = article_structure()
    assert profile["headline"]["paragraphs"] == [1]
    assert profile["body"]["words"] == sum(count_words(p.text) for p in structure.body)
    assert "Iranian-backed" in profile["headline"]["terms"]
    assert profile["standfirst"]["actors"]["Popular Mobilization Units"] == ["Iraqi forces"]
    assert "caption" in profile and profile["caption"]["paragraphs"] == [3]


# ---- the headline exercise


def test_rubric_scores_levels_and_refuses_unknown_ones():
    rubric = hl.load_rubric()
    assert len(rubric) >= 4
    full = {c.id: "strong" for c in rubric}
    assert hl.score_headlines(full) == (2 * len(rubric), 2 * len(rubric))
    assert hl.score_headlines({}) == (0, 2 * len(rubric))
    with pytest.raises(ValueError, match="unknown level 'excellent'"):
        hl.score_headlines({"accuracy": "excellent"})
    with pytest.raises(ValueError, match="unknown criterion 'style'"):
        hl.score_headlines({"style": "strong"})


def test_headlines_are_real_titles_of_cited_sources():
    ids = hl.load_headlines()
    assert "jpost-2017-militias-border" in ids and len(ids) >= 5
    for source_id in ids:
        title = CASE.record("sources", source_id)["title"]
        assert "title from" not in title and "not in stored copy" not in title, source_id


@pytest.mark.parametrize(
    ("name", "change", "message"),
    [
        (
            "headline_rubric.yaml",
            lambda r: _record(r, "audience").pop("weak"),
            "headline_rubric.yaml, record 'audience' (item 4 (line",
        ),
        (
            "headline_rubric.yaml",
            lambda r: _record(r, "audience").pop("weak"),
            "field 'weak': missing; expected non-empty text",
        ),
        (
            "headlines.yaml",
            lambda r: _record(r, "kayhan")["sources"].append("rferl-2017-pmf-border"),
            "headlines.yaml, record 'kayhan' (item 2 (line 4)): field 'sources': 2 ids; "
            "expected exactly one",
        ),
        (
            "headlines.yaml",
            lambda r: _record(r, "kayhan").update(sources=["kayhan-2017-border"]),
            "field 'sources': unknown sources id 'kayhan-2017-border'",
        ),
    ],
)
def test_broken_headline_files_are_refused_precisely(data_copy, name, change, message):
    edit_data(data_copy, name, change)
    loader = hl.load_rubric if name == "headline_rubric.yaml" else hl.load_headlines
    with pytest.raises(DataError) as error:
        loader(data_copy)
    assert message in str(error.value)


def test_all_renderers_give_html_and_text():
    rendered = [
        fr.framings_table(),
        fr.framing_detail("iran"),
        roles.roles_table(),
        roles.role_cards(),
        ledger.ledger_table(),
        ledger.claim_worksheet("pmu_ready_to_enter_syria"),
        ledger.claims_index(),
        ledger.photo_check(),
        parts.parts_table(),
        hl.rubric_table(),
        hl.headlines_table(),
    ]
    for r in rendered:
        bundle = r._repr_mimebundle_()
        assert bundle["text/html"].startswith("<") and bundle["text/plain"].strip()
        assert "/work/" not in bundle["text/plain"]


def test_a_role_card_marks_statements_its_desk_could_not_know_in_may_2017():
    from newscase.lessons.perspectives import framings, roles

    by_id = {f.id: f for f in framings.load_framings()}
    for role in roles.load_roles():
        text = " ".join(roles.role_card(role.id).text.split())
        for framing_id in role.framings:
            framing = by_id[framing_id]
            if framing.timing == "later":
                assert "(later: your desk could not know this in May 2017)" in text, role.id
    israel = " ".join(roles.role_card("adviser_israel").text.split())
    assert "7 September 2017 (later: your desk could not know this in May 2017)" in israel
