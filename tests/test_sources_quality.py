"""Sources a fact-checker would accept, and a claim ledger that agrees with its evidence.

Every rule is tested twice: the packaged data passes it, and a copy of the data broken on
purpose (the ``data_copy`` fixture) fails it, so no test can pass by checking nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from newscase.core.article import load_article
from newscase.core.case import load_case
from newscase.core.schemas import ATTRIBUTIONS, VERDICTS, url_host
from newscase.core.sources import (
    COPY_FLAG,
    cite,
    claim_evidence,
    evidence_problems,
    format_source,
    independent_groups,
    short_citation,
    source_kinds,
    verification_summary,
)
from newscase.core.validate import DataError, Records

from helpers import read_rows, write_rows

# Hosts that copy other people's text. None of them is ever a source's cited address (url);
# a record read there keeps the address in `via` and says `verified: copy-only`.
KNOWN_COPY_HOSTS = (
    # -- mirrors, machine translations and offline snapshots of Wikipedia
    "wikizero.net",  # Wikipedia mirror
    "wikizero.com",  # Wikipedia mirror
    "wikimili.com",  # Wikipedia mirror
    "piglix.com",  # Wikipedia mirror, undated copies
    "zxc.wiki",  # machine translations of Wikipedia (de.zxc.wiki: German articles in English)
    "wikial.top",  # machine translations of Wikipedia
    "nina.az",  # Wikipedia mirror
    "theinfolist.com",  # Wikipedia mirror
    "qudswiki.org",  # Wikipedia mirror
    "howlingpixel.com",  # Wikipedia mirror
    "jspayne.com",  # Wikipedia mirror
    "pinocchiopedia.com",  # Wikipedia mirror
    "dewiki.de",  # German Wikipedia mirror
    "duhoctrungquoc.vn",  # German Wikipedia mirror on an unrelated site
    "teknopedia.teknokrat.ac.id",  # Wikipedia mirror on a university server
    "hessslslslsls.azureedge.net",  # Wikipedia mirror on a content-delivery host
    "accessvt.org",  # reposts Wikipedia articles as listings
    "concepts.org",  # Wikipedia copy
    "wn.com",  # WN.com, reposts Wikipedia text with video
    "kiwix",  # any Kiwix server: offline Wikipedia snapshots (kiwix.*, zims-*.kiwix.*)
    "the-uncensored-wiki.com",  # Kiwix snapshot on a private server
    "osmarks.net",  # Kiwix snapshot on a personal server
    "wikipedia.jakami.de",  # Kiwix snapshot on a personal server
    "ddns.net",  # dynamic-DNS home servers (a Kiwix snapshot was read on one)
    # -- document scrapers: copies of institutes' and NGOs' papers
    "docslib.org",  # document scraper (Washington Institute, Amnesty, Chatham House ...)
    "readkong.com",  # document scraper
    "vdocument.in",  # document scraper
    "fdocuments.in",  # document scraper
    "pdfslide.net",  # document scraper
    "documentcloud.org",  # journalists' document hosting, not the publisher
    "distantreader.org",  # text derived from library scans
    # -- currency-speculation forums reposting Iraqi news (machine-translated)
    "search4dinar.wordpress.com",  # forum blog
    "dinarupdates.com",  # forum
    "iraqidinar123.com",  # forum site
    "dinardetectives.com",  # forum site
    "investorsiraq.com",  # forum
    "dorar-aliraq.net",  # general forum
    # -- aggregators, digests, blogs and sites that repost others' reports
    "topix.com",  # aggregator snippets
    "onenewspage.com",  # aggregator
    "newssniffer.co.uk",  # archive of article versions
    "dailyalert.org",  # digest of other outlets' reports
    "highburyclock.com",  # content farm mixing wire text
    "crcconnection.com",  # content farm mixing wire text
    "newsvideo.su",  # video aggregator page
    "allnewstoday.net",  # aggregator
    "einnews.com",  # aggregator
    "rationalreview.com",  # digest quoting other outlets
    "exforces.net",  # reposts BBC text
    "warsclerotic.com",  # blog repost
    "progressivegazette.com",  # blog repost
    "mesop.de",  # blog reposting BasNews
    "warsintheworld.com",  # blog repost
    "mnews.world",  # aggregator
    "hathalyoum.net",  # Arabic and English news aggregator
    "cinarinsesi.com",  # republishes ILKHA
    "iraqwarnews.net",  # blog reposting wire text
    "heartoforient.blogspot.com",  # blog repost of Al-Monitor
    "rozenaeemi.blogspot.com",  # blog repost of The Tower
    "ashrafreza500.blogspot.com",  # blog repost of Orient Net
    "isdei.blogspot.com",  # blog reproducing a speech transcript
    "mumbaishianews.in",  # community blog reproducing Shafaqna
    "ecoi.net",  # archive of country information, reproduces RFE/RL
    "ufcfan.org",  # host of a Bahrain Mirror republication of Reuters
    "iraq-businessnews.com",  # republishes Al-Monitor and others
    "dimoqrati.net",  # reposts PUKmedia
    "mwcnews.net",  # reposts Al Jazeera
    "pafi.lv",  # hosts an Iraqi party's statement
    "51voa.com",  # language-learning copies of VOA texts
    "dev.iraqinews.com",  # a news site's development server
    # -- partisan go-betweens whose page stands in for someone else's statement
    "fort-russ.com",  # pro-Russian site translating Al Mayadeen and others
)

ARTICLE_SOURCE = load_article().source_id


def _copy_host(address: str) -> str | None:
    """The entry of KNOWN_COPY_HOSTS that matches an address's host, if any."""
    host, _ = url_host(address)
    for entry in KNOWN_COPY_HOSTS:
        if "." not in entry and any(part.startswith(entry) for part in host.split(".")):
            return entry
        if host == entry or host.endswith("." + entry):
            return entry
    return None


def _raw_sources(folder: Path | None = None) -> list[dict]:
    folder = folder or Path(load_case().data_dir)
    return yaml.safe_load((folder / "sources.yaml").read_text(encoding="utf-8"))


def _write_sources(folder: Path, records: list[dict]) -> None:
    text = yaml.safe_dump(records, allow_unicode=True, sort_keys=False, width=100)
    (folder / "sources.yaml").write_text(text, encoding="utf-8")


def _copy_host_problems(records: list[dict]) -> list[str]:
    return [
        f"{r['id']}: url {r['url']} is on a copy host ({_copy_host(r['url'])})"
        for r in records
        if r.get("url") and _copy_host(r["url"])
    ]


def _load_problems(folder: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_case(folder)
    return caught.value.problems


def _edit_yaml(path: Path, record_id: str, **changes) -> None:
    records = yaml.safe_load(path.read_text(encoding="utf-8"))
    record = next(r for r in records if r["id"] == record_id)
    for key, value in changes.items():
        if value is None:
            record.pop(key, None)
        else:
            record[key] = value
    path.write_text(
        yaml.safe_dump(records, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8"
    )


# ---- originals first


def test_the_host_list_recognises_copies_and_spares_publishers():
    assert _copy_host("https://wikizero.net/wiki/en/Al_Tanf") == "wikizero.net"
    assert _copy_host("https://zims-en.kiwix.campusafrica.gos.orange.com/x") == "kiwix"
    assert _copy_host("https://kiwix.haohe.fun/content/x") == "kiwix"
    assert _copy_host("https://de.zxc.wiki/wiki/Til_Ezer") == "zxc.wiki"
    assert _copy_host("https://en.wikipedia.org/wiki/Al_Tanf") is None
    assert _copy_host("https://www.reuters.com/article/x") is None
    assert _copy_host("https://www.thenationalnews.com/world/x") is None


def test_no_source_cites_a_copy_host():
    assert _copy_host_problems(_raw_sources()) == []


def test_a_copy_host_as_url_is_caught(data_copy):
    records = _raw_sources(data_copy)
    target = next(r for r in records if r.get("via") and "docslib.org" in r["via"])
    target["url"] = target["via"]
    _write_sources(data_copy, records)
    problems = _copy_host_problems(_raw_sources(data_copy))
    assert problems == [f"{target['id']}: url {target['via']} is on a copy host (docslib.org)"]


def test_every_copy_host_address_is_kept_as_via_with_a_verdict():
    for record in _raw_sources():
        if record.get("via") and _copy_host(record["via"]):
            assert record.get("verified") in {"original", "copy-only"}, record["id"]


def test_no_url_has_a_port_or_a_private_host():
    for record in load_case().records["sources"]:
        if record.get("url"):
            host, port = url_host(record["url"])
            assert port is None, record["id"]
            assert not host.endswith(("ddns.net", ".local", ".lan")), record["id"]


@pytest.mark.parametrize(
    "address, message",
    [
        ("https://www.trtworld.com:443/article/13097031", "without a port (':443')"),
        ("http://wikipedia.ddns.net/content/x", "not a private or home host (wikipedia.ddns.net)"),
        ("http://192.168.1.20/wiki/Sinjar", "not a private or home host (192.168.1.20)"),
    ],
)
def test_a_port_or_home_server_in_url_fails_to_load(data_copy, address, message):
    _edit_yaml(data_copy / "sources.yaml", "trt-2017-raqqa-declared", url=address)
    problems = _load_problems(data_copy)
    assert any(
        p.startswith("sources.yaml, record 'trt-2017-raqqa-declared'")
        and "field 'url'" in p
        and message in p
        for p in problems
    ), problems


def test_mobile_wikipedia_and_missing_revision_fail_to_load(data_copy):
    path = data_copy / "sources.yaml"
    _edit_yaml(path, "wiki-ybs", url="https://en.m.wikipedia.org/wiki/Sinjar_Resistance_Units")
    _edit_yaml(path, "wiki-jpost", revision=None)
    problems = _load_problems(data_copy)
    assert any("'wiki-ybs'" in p and "mobile address (en.m.wikipedia.org)" in p for p in problems)
    assert any("'wiki-jpost'" in p and "field 'revision': missing" in p for p in problems)


# ---- copies shown as copies


def _copy_only_ids() -> list[str]:
    return [r["id"] for r in load_case().records["sources"] if r.get("verified") == "copy-only"]


def test_cite_flags_every_source_read_only_in_a_copy():
    ids = _copy_only_ids()
    assert len(ids) > 20
    shown = cite(ids)
    lines = shown.text.splitlines()[1:]
    assert len(lines) == len(ids)
    assert all(COPY_FLAG in line for line in lines)
    assert shown.html.count(f"<strong>{COPY_FLAG}</strong>") == len(ids)


def test_cite_does_not_flag_originals_and_names_go_betweens():
    case = load_case()
    original = case.record("sources", "reuters-2016-pmf-law")
    relayed = case.record("sources", "komnews-2017-pmu-shingal")
    assert COPY_FLAG not in format_source(original)
    assert "relayed by KOMNews" in format_source(relayed)
    assert "newscase-relayed" in cite("komnews-2017-pmu-shingal").html


def test_the_flag_follows_the_verified_field():
    record = {
        "id": "x",
        "title": "T",
        "outlet": "O",
        "reference": "O, 1 May 2017",
        "via": "https://copy.example.org/x",
        "verified": "copy-only",
    }
    assert COPY_FLAG in format_source(record)
    assert "copy read: https://copy.example.org/x" in format_source(record)
    assert COPY_FLAG not in format_source({**record, "verified": "original"})


def test_short_citations_mark_copies_for_table_cells():
    case = load_case()
    assert short_citation(case.record("sources", "tower-2017-iran-land-link")) == (
        "The Tower, 2017-06-13 (read in a copy)"
    )
    assert short_citation(case.record("sources", "reuters-2016-pmf-law")) == "Reuters, 2016-11-26"


def test_a_copy_without_a_verdict_fails_to_load(data_copy):
    copied = _copy_only_ids()[0]
    _edit_yaml(data_copy / "sources.yaml", copied, verified=None)
    problems = _load_problems(data_copy)
    assert any(f"record '{copied}'" in p and "field 'verified': missing" in p for p in problems), (
        problems
    )


def test_an_attribution_confirmed_through_copies_fails_to_load(data_copy):
    _edit_yaml(data_copy / "claims.yaml", "balanche_may26_shiite_axis", attribution="confirmed")
    problems = _load_problems(data_copy)
    assert any(
        "record 'balanche_may26_shiite_axis'" in p and "field 'attribution': 'confirmed'" in p
        for p in problems
    ), problems


@pytest.mark.parametrize(
    "said_in, accepted",
    [("own", True), ("copy", False), ("relayed", False), (ARTICLE_SOURCE, False), (None, False)],
)
def test_confirmed_needs_the_statements_own_original(said_in, accepted):
    sources = [
        {"id": "own", "outlet": "Speaker's institute"},
        {"id": "copy", "outlet": "Speaker's institute", "verified": "copy-only", "via": "x"},
        {"id": "relayed", "outlet": "Speaker's institute", "intermediary": "A partisan site"},
        {"id": ARTICLE_SOURCE, "outlet": "The Jerusalem Post"},
    ]
    claim = {
        "id": "c",
        "verdict": "qualified",
        "attribution": "confirmed",
        "said_in": said_in,
        "sources": tuple(s["id"] for s in sources),
        "explanation": "Checked.",
    }
    claims = Records([claim], ["claims.yaml, record 'c'"])
    problems = evidence_problems({"sources": sources, "events": [], "claims": claims})
    assert (problems == []) is accepted, problems


def test_a_supported_verdict_on_copies_alone_fails_to_load(data_copy):
    _edit_yaml(
        data_copy / "claims.yaml",
        "hezbollah_syria_weapons_corridor",
        sources=["tower-2017-iran-land-link", "toi-2019-saqr-blast"],
    )
    problems = _load_problems(data_copy)
    assert any(
        "record 'hezbollah_syria_weapons_corridor'" in p
        and "'supported' rests only on sources read in copies" in p
        for p in problems
    ), problems


def test_no_supported_claim_rests_on_copies_alone():
    case = load_case()
    for claim in case.records["claims"]:
        if claim["verdict"] == "supported":
            cited = [case.record("sources", s) for s in claim["sources"]]
            assert any(s.get("verified") != "copy-only" for s in cited), claim["id"]


# ---- the claim ledger's two judgements


def test_attributed_statements_get_both_judgements_on_the_documented_scales():
    claims = load_case().records["claims"]
    for claim in claims:
        assert claim["verdict"] in VERDICTS
        if claim["kind"] == "attribution":
            assert claim["attribution"] in ATTRIBUTIONS, claim["id"]
    used = {c["attribution"] for c in claims if c.get("attribution")}
    assert {"copies-only", "not-found"} <= used
    assert "unverifiable" in {c["verdict"] for c in claims}


def test_an_attribution_claim_without_its_judgement_fails_to_load(data_copy):
    _edit_yaml(data_copy / "claims.yaml", "spyer_amiri_linked_to_soleimani", attribution=None)
    problems = _load_problems(data_copy)
    assert any(
        "record 'spyer_amiri_linked_to_soleimani'" in p and "field 'attribution': missing" in p
        for p in problems
    ), problems


# ---- the claim ledger against the dated events


def test_the_december_claim_relies_on_both_steps_of_the_law():
    claim = load_case().record("claims", "pmu_incorporated_december_2016")
    assert claim["events"] == ("pmu_law_vote_2016", "pmu_law_published_2016")
    assert claim["claimed_date"] == "2016-12"
    assert "26 November 2016" in claim["explanation"]
    assert "December 2016" in claim["explanation"]


def test_an_explanation_that_contradicts_its_events_fails_to_load(data_copy):
    # The ledger's old wording: "no source for a step in December".
    _edit_yaml(
        data_copy / "claims.yaml",
        "pmu_incorporated_december_2016",
        explanation="Parliament passed the PMU law on 26 November 2016. We found no source for a "
        "step in December, so the month looks wrong.",
    )
    problems = _load_problems(data_copy)
    assert any(
        "record 'pmu_incorporated_december_2016'" in p
        and "event 'pmu_law_published_2016' (December 2016" in p
        for p in problems
    ), problems


def test_a_moved_event_date_is_caught(data_copy):
    path = data_copy / "events.csv"
    rows = read_rows(path)
    row = next(r for r in rows if r["id"] == "um_jaris_2017")
    row["date"] = "2017-05-30"
    write_rows(path, rows)
    problems = _load_problems(data_copy)
    assert any(
        "record 'pmu_reached_um_jaris_monday'" in p and "(30 May 2017, events.csv)" in p
        for p in problems
    ), problems
    assert any(
        "record 'pmu_reached_um_jaris_monday'" in p and "field 'verdict': 'supported'" in p
        for p in problems
    ), problems


def test_a_supported_verdict_needs_an_event_in_the_claimed_date(data_copy):
    _edit_yaml(
        data_copy / "claims.yaml",
        "pmu_incorporated_december_2016",
        verdict="supported",
        events=["pmu_law_vote_2016"],
    )
    problems = _load_problems(data_copy)
    assert any(
        "record 'pmu_incorporated_december_2016'" in p
        and "none of its events falls in the claimed date 2016-12" in p
        for p in problems
    ), problems


def test_every_claim_event_is_dated_in_its_explanation():
    case = load_case()
    events = {e["id"]: e for e in case.records["events"]}
    checked = 0
    for claim in case.records["claims"]:
        for event_id in claim["events"]:
            assert event_id in events, (claim["id"], event_id)
            checked += 1
    assert checked >= 10


# ---- source quality, from data


def test_source_kinds_add_up():
    rows = source_kinds()
    total = len(load_case().records["sources"])
    assert sum(r["sources"] for r in rows) == total
    assert all(r["original"] + r["copy_only"] == r["sources"] for r in rows)
    assert sum(r["copy_only"] for r in rows) == len(_copy_only_ids())


def test_verification_summary_counts_originals_and_copies():
    rows = {r["verified"]: r for r in verification_summary()}
    assert rows["copy-only"]["sources"] == len(_copy_only_ids())
    assert rows["original"]["sources"] + rows["copy-only"]["sources"] == len(
        load_case().records["sources"]
    )
    assert 0 < rows["copy-only"]["share"] < 0.5


def test_one_wire_story_or_one_go_between_counts_once():
    records = [
        {"id": "a", "outlet": "Reuters"},
        {"id": "b", "outlet": "Dawn (Reuters)", "agency": "Reuters"},
        {"id": "c", "outlet": "Taipei Times", "agency": "Reuters"},
        {"id": "d", "outlet": "Al Mayadeen", "intermediary": "Fort Russ News"},
        {"id": "e", "outlet": "SANA", "intermediary": "Fort Russ News (translation)"},
        {"id": "f", "outlet": "The National (Abu Dhabi)"},
        {"id": "g", "outlet": "The National"},
        {"id": "h", "outlet": "Rudaw"},
    ]
    groups = independent_groups(records)
    assert sorted(map(sorted, groups)) == [["a", "b", "c"], ["d", "e"], ["f", "g"], ["h"]]


def test_claim_evidence_counts_independent_sources_per_claim():
    rows = {r["claim"]: r for r in claim_evidence()}
    assert set(rows) == set(load_case().ids("claims"))
    um_jaris = rows["pmu_reached_um_jaris_monday"]
    assert um_jaris["sources"] == 4 and um_jaris["independent"] == 4
    assert rows["abadi_tweeted_met_militias"]["attribution"] == "not-found"
    for row in rows.values():
        assert 1 <= row["independent"] <= row["sources"]
        assert row["independent_originals"] <= row["independent"]
        if row["verdict"] == "supported":
            assert row["independent_originals"] >= 1


def test_a_source_outside_the_period_must_say_why(data_copy):
    early = [
        r["id"]
        for r in load_case().records["sources"]
        if r.get("date") and int(r["date"][:4]) < 2014
    ]
    assert early and all(load_case().record("sources", i)["period_note"] for i in early)
    _edit_yaml(data_copy / "sources.yaml", early[0], period_note=None)
    problems = _load_problems(data_copy)
    assert any(
        f"record '{early[0]}'" in p and "field 'period_note': missing" in p for p in problems
    ), problems
