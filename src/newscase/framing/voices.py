"""Who speaks in the article: direct quotes, paraphrases and the author's own assertions.

The attributions come from the reader's toolkit (:func:`newscase.reader.analyse.analyse`,
what ``newscase.read()`` runs on any article). This module turns them into the framing
toolkit's voices: the speaker resolved to an actor id of actors.yaml, quotations and
paraphrases as separate spans per paragraph, how the words reach the article ("via"), and
every sentence no one is cited in as the author's own voice; headline and standfirst are
the newspaper's, the photo caption its credited agency's.

What is specific to the seed is data: ``voices.yaml`` lists its voices with their roles
(actor id, teaching category) and corrects the generic reader where it misreads this text
(a voice it cannot see, a span to trim, a channel to name), each record quoting the seed
verbatim. For any other article, the generic reading alone is used.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from newscase.core.case import Case, resolve_case
from newscase.core.datafiles import cached_per_folder
from newscase.core.text import contains_quote, fold, phrase_pattern
from newscase.core.validate import (
    Field,
    Invalid,
    Records,
    Schema,
    boolean,
    choice,
    identifier,
    text,
)
from newscase.framing.structure import Paragraph, Structure, article_structure, split

DIRECT, PARAPHRASE, ASSERTION = "direct quote", "paraphrase", "assertion"
KINDS = (DIRECT, PARAPHRASE, ASSERTION)

AUTHOR = "the author's own voice"
UNNAMED = "unnamed sources"  # the category of an unnamed voice voices.yaml does not place
NO_CUE = "(no attribution in the sentence)"
# How words reach the article, by the reporting verb of the cue (plain words for the table).
VIA = {
    "tweeted": "a tweet",
    "tweets": "a tweet",
    "wrote": "a published analysis",
    "writes": "a published analysis",
    "according to": "the author, directly",
    "reported": "its own report",
    "reports": "its own report",
}
NOT_STATED = "not stated"
CUE_VERB = re.compile(r"according to|\b(?:tweet|wrote|write|report)\w*", re.IGNORECASE)
FIRST_PERSON = re.compile(r"\bI\s+(?:interviewed|spoke|met|visited|saw|asked)\b")
AGENTLESS = re.compile(
    r"\b(?:have|has|had)\s+been\s+(?:compared|described|called|accused|criticised|criticized)\b"
)
WORD = re.compile(r"[A-Za-z0-9]+(?:['’\-][A-Za-z0-9]+)*")
MIN_PARAPHRASE_WORDS = 4  # words outside quotation marks that make a paraphrase


def _paragraph_number(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise Invalid("expected a paragraph number (¶ n of the article, from 1)")
    try:
        number = int(value)
    except ValueError:
        raise Invalid("expected a paragraph number (¶ n of the article, from 1)") from None
    if number < 1:
        raise Invalid("expected a paragraph number (¶ n of the article, from 1)")
    return number


_paragraph_number.expects = "expected a paragraph number (¶ n of the article, from 1)"

VOICES = Schema(
    "voices.yaml",
    (
        Field("id", identifier),
        Field("paragraph", _paragraph_number),
        Field("kind", choice(*KINDS)),
        Field("quote", text),
        Field("speaker", identifier, required=False, ref="actors"),
        Field("category", text),
        Field("label", text, required=False),
        Field("outlet", identifier, required=False, ref="actors"),
        Field("via", text, required=False),
        Field("channel", text, required=False),
        Field("implied", boolean, required=False),
        Field("note", text, required=False),
        Field("corrects", text, required=False),
    ),
)
OVERRIDES = ("label", "outlet", "via", "channel", "implied", "note")


@dataclass(frozen=True)
class Voice:
    """Words in the article attributed to someone (or asserted by the author)."""

    speaker: str | None  # actor id; None for unnamed voices
    label: str  # how the article names the speaker, verbatim
    category: str
    kind: str  # direct quote, paraphrase or assertion
    outlet: str | None  # actor id of the medium that carried the words, if the article says
    via: str  # how the words reach the article, in plain words
    channel: str  # the attributing words of the article, verbatim
    text: str  # the verbatim span
    paragraph: int  # ¶ n
    start: int  # offsets into Article.text
    end: int
    implied: bool = False  # speaker or outlet inferred, not stated in the sentence
    note: str = ""

    @property
    def words(self) -> int:
        return count_words(self.text)


def count_words(text: str) -> int:
    """Words as a reader counts them: 'well-organized' and 'Shi’ite' are one word each."""
    return len(WORD.findall(text))


# ---- voices.yaml


@cached_per_folder
def load_voices(folder: Path) -> Records:
    """The seed's voices and their roles (voices.yaml), checked verbatim against the seed."""
    from newscase.core.case import load_records

    return load_records(VOICES, folder, checks=[_quotes_in_their_paragraph])


def _quotes_in_their_paragraph(records: Records, case) -> list[str]:
    from newscase.core.article import load_article

    article, structure = load_article(), article_structure()
    problems = []
    for record, where in records.located():
        quote, number = record.get("quote"), record.get("paragraph")
        if not quote or not number:
            continue
        if not contains_quote(article.text, quote):
            problems.append(
                f"{where}, field 'quote': '{quote[:60]}' is not in the article; expected a "
                "verbatim quote of seeds/ text"
            )
        elif number > len(structure.paragraphs):
            problems.append(
                f"{where}, field 'paragraph': ¶ {number} does not exist; the article has "
                f"¶ 1 to ¶ {len(structure.paragraphs)}"
            )
        elif _locate(structure.paragraph(number), quote) is None:
            problems.append(
                f"{where}, field 'quote': '{quote[:60]}' is not in ¶ {number}; expected the "
                "paragraph that holds the quote"
            )
    return problems


def _locate(paragraph: Paragraph, quote: str) -> tuple[int, int] | None:
    """Offsets in the article of ``quote`` inside ``paragraph`` (quote style folded)."""
    at = fold(paragraph.text).find(fold(quote))
    return None if at < 0 else (paragraph.start + at, paragraph.start + at + len(quote))


# ---- actors


@dataclass(frozen=True)
class _Actors:
    records: dict[str, dict]
    mentions: tuple[tuple[str, re.Pattern], ...]  # (actor id, pattern), longest first

    def at_start(self, words: str | None) -> str | None:
        """The actor whose name or mention opens ``words`` (after "the", "a" or "an")."""
        if not words:
            return None
        folded = fold(words)
        starts = {0}
        determiner = re.match(r"(?:the|a|an)\s+", folded)
        if determiner:
            starts.add(determiner.end())
        for actor, pattern in self.mentions:
            if any(m.start() in starts for m in pattern.finditer(folded)):
                return actor
        return None

    def within(self, words: str, kinds: Iterable[str]) -> list[str]:
        """Actors of the given kinds named in ``words``, in order of appearance."""
        folded, kinds = fold(words), set(kinds)
        hits = sorted(
            (m.start(), actor)
            for actor, pattern in self.mentions
            if self.records[actor]["kind"] in kinds
            for m in pattern.finditer(folded)
        )
        return list(dict.fromkeys(actor for _, actor in hits))

    def named(self, name: str) -> str | None:
        """The actor called exactly ``name`` (case and quote style folded)."""
        wanted = fold(name).strip()
        for actor in self.records.values():
            names = [actor["name"], *(actor.get("alt_names") or ())]
            if wanted and any(fold(n).strip() == wanted for n in names):
                return actor["id"]
        return None


def _actors(case: Case) -> _Actors:
    records = {a["id"]: dict(a) for a in case.records["actors"]}
    found = {
        (a["id"], n)
        for a in records.values()
        for n in (a["name"], *(a.get("alt_names") or ()), *(a.get("article_mentions") or ()))
    }
    ordered = sorted(found, key=lambda item: (-len(item[1]), item[0]))
    return _Actors(records, tuple((actor, phrase_pattern(n)) for actor, n in ordered))


# ---- from the reader's attributions to voices


def find_voices(case=None, article=None) -> list[Voice]:
    """Every voice of the article in reading order: quotes, paraphrases, assertions.

    ``case`` gives the actors and voices.yaml (default: the packaged data); ``article``
    defaults to the seed article (any :class:`newscase.core.article.Article` can be read the
    same way; voices.yaml applies to the seed only)."""
    from newscase.core.article import load_article

    case = resolve_case(case)
    seed = load_article()
    if article is None or article.text == seed.text:
        return read_voices(seed, case, load_voices(case.data_dir), article_structure())
    return read_voices(article, case, ())


def read_voices(article, case: Case, records: Iterable[dict], structure=None) -> list[Voice]:
    """The voices of ``article`` as the reader finds them, settled by ``records`` (the
    records of voices.yaml that belong to this article; none for a new article)."""
    from newscase.reader.analyse import analyse, knowledge

    structure = structure or split(article)
    records = list(records)
    actors = _actors(case)
    roles = _roles(load_voices(case.data_dir))
    author = actors.named(article.meta.get("author", ""))
    reading = analyse(article.text, None, article.meta.get("outlet"), knowledge(case.data_dir))
    sentences = [s for s in reading.sentence_list if _in_body(structure, s.start)]
    attributions = [a for a in reading.attributions if _in_body(structure, a.cue_start)]
    voices = _attributed(attributions, structure, actors, article.text)
    voices = _apply(records, voices, structure, article.text)
    voices = [replace(v, category=_category(v, roles, actors)) for v in voices]
    voices += _assertions(sentences, voices, attributions, structure, author, records)
    voices += _front_matter(structure, article, actors, roles)
    return sorted(voices, key=lambda v: (v.start, v.kind != DIRECT, -v.end))


def _in_body(structure: Structure, offset: int) -> bool:
    return any(p.start <= offset < p.end for p in structure.body)


def _roles(records: Records) -> dict[str, str]:
    """The teaching category of each actor that voices.yaml places (unnamed voices have
    theirs record by record)."""
    return {r["speaker"]: r["category"] for r in records if r["speaker"]}


def _category(voice: Voice, roles: dict, actors: _Actors) -> str:
    if voice.category:
        return voice.category
    if voice.kind == ASSERTION:
        return roles.get(voice.speaker, AUTHOR)
    if voice.speaker in roles:
        return roles[voice.speaker]
    if voice.speaker is None:
        return UNNAMED
    return f"other ({actors.records[voice.speaker]['kind']})"


def _attributed(attributions, structure: Structure, actors: _Actors, text: str) -> list[Voice]:
    """Quotes and paraphrases from the reader's attributions, one record per paragraph."""
    voices: list[Voice] = []
    previous: Voice | None = None
    last_outlet: dict[str, tuple[str, str, int]] = {}  # speaker -> (outlet, via, ¶)
    for item in attributions:
        speaker = actors.at_start(item.speaker) or actors.named(item.speaker)
        paragraph = structure.locate(item.cue_start).number
        outlet, via = _channel(item, speaker, actors, text)
        implied, note = False, ""
        if item.implied and previous is not None and via == NOT_STATED:
            outlet, via = previous.outlet, previous.via
        if item.implied:
            note = _implied_note(item, speaker)
        elif not outlet and speaker in last_outlet and paragraph - last_outlet[speaker][2] <= 1:
            outlet, via, where = last_outlet[speaker]
            implied, note = True, f"outlet not restated; carried over from ¶ {where}"
        first = Voice(
            speaker, item.label, "", PARAPHRASE, outlet, via, item.cue or NO_CUE, "",
            paragraph, 0, 0, implied or item.implied, note,
        )  # fmt: skip
        made = _spans(first, item, structure, text)
        voices += made
        if made:
            previous = made[0]
        if speaker and outlet:
            last_outlet[speaker] = (outlet, via, paragraph)
    return voices


def _channel(item, speaker: str | None, actors: _Actors, text: str) -> tuple[str | None, str]:
    """(outlet id, how the words reach the article in plain words) of one attribution."""
    verb = CUE_VERB.search(item.cue or "")
    verb = verb.group(0).lower() if verb else ""
    outlet = actors.at_start(item.via) or actors.named(item.via or "") if item.via else None
    if verb.startswith(("wrote", "write")):
        window = text[item.subject_start : item.subject_end]
        hosts = [a for a in actors.within(window, ("institution", "outlet")) if a != speaker]
        outlet = outlet or (hosts[0] if hosts else None)
    if speaker and actors.records[speaker]["kind"] == "outlet":
        outlet = outlet or speaker
    if outlet and outlet != speaker:
        via = actors.records[outlet]["name"]
    elif item.via:
        via = item.via
    else:
        via = VIA.get(verb, NOT_STATED)
    return outlet, via


def _implied_note(item, speaker: str | None) -> str:
    who = speaker or item.speaker
    if item.cue:
        return f"'{item.label}' taken to be the previous speaker ({who})"
    return f"unattributed quote; taken to continue the previous speaker ({who})"


def _spans(voice: Voice, item, structure: Structure, text: str) -> list[Voice]:
    """A direct quote per quotation (split where it runs over paragraphs), and the words
    outside quotation marks as a paraphrase when there are enough of them."""
    made = []
    for q_open, q_close in item.quotes:
        opened = structure.locate(q_open)
        for paragraph in structure.paragraphs:
            start, end = max(q_open + 1, paragraph.start), min(q_close, paragraph.end)
            if start >= end:
                continue
            note = voice.note
            if paragraph.number != opened.number:
                note = f"the quote opened in ¶ {opened.number} runs on into this paragraph"
            made.append(
                replace(voice, kind=DIRECT, text=text[start:end], paragraph=paragraph.number,
                        start=start, end=end, note=note)
            )  # fmt: skip
    start, end = _trim(text, item.content_start, item.content_end)
    outside = "".join(
        ch for i, ch in enumerate(text[start:end], start) if not _inside(i, item.quotes)
    )
    if item.cue and count_words(outside) >= MIN_PARAPHRASE_WORDS:
        paragraph = structure.locate(start).number
        made.append(
            replace(voice, kind=PARAPHRASE, text=text[start:end], paragraph=paragraph,
                    start=start, end=end)
        )  # fmt: skip
    return made


def _inside(i: int, quotes) -> bool:
    return any(q_open <= i <= q_close for q_open, q_close in quotes)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop surrounding spaces, a final full stop and an unmatched closing quote mark."""
    while start < end and text[start] in " ,":
        start += 1
    while end > start and text[end - 1] in " .!?,":
        end -= 1
    span = text[start:end]
    if span.endswith("”") and "“" not in span:
        end -= 1
        while end > start and text[end - 1] in " .!?,":
            end -= 1
    return start, end


# ---- voices.yaml: roles and corrections


def _apply(records, voices: list[Voice], structure: Structure, text: str) -> list[Voice]:
    """Each record of voices.yaml settles the voice it overlaps (speaker, category, span,
    and any field it gives); a record the reader did not find is added as it stands."""
    result = list(voices)
    for record in (r for r in records if r["kind"] != ASSERTION):
        start, end = _locate(structure.paragraph(record["paragraph"]), record["quote"])
        index = next(
            (
                i
                for i, v in enumerate(result)
                if v.kind == record["kind"]
                and v.paragraph == record["paragraph"]
                and v.start < end
                and start < v.end
            ),
            None,
        )
        base = result[index] if index is not None else _empty(record)
        changes = {k: record[k] for k in OVERRIDES if record.get(k) is not None}
        voice = replace(
            base, speaker=record["speaker"], category=record["category"], text=text[start:end],
            start=start, end=end, paragraph=record["paragraph"], **changes,
        )  # fmt: skip
        if index is None:
            result.append(voice)
        else:
            result[index] = voice
    return result


def _empty(record: dict) -> Voice:
    return Voice(
        record["speaker"], "", record["category"], record["kind"], None, "", "", "",
        record["paragraph"], 0, 0,
    )  # fmt: skip


# ---- the author's own voice and the front matter


def _own_words(speaker, label, category, channel, text, paragraph, start, **extra) -> Voice:
    """An assertion: words the article gives in its own voice (no one is quoted)."""
    fields = dict(
        speaker=speaker,
        label=label,
        category=category,
        kind=ASSERTION,
        outlet=None,
        via="the article",
        channel=channel,
        text=text,
        paragraph=paragraph,
        start=start,
        end=start + len(text),
    )
    fields.update(extra)
    return Voice(**fields)


def _assertions(sentences, voices, attributions, structure, author, records) -> list[Voice]:
    """Every body sentence in which no one is cited is the author's; voices.yaml may name
    what such a sentence does ("agentless attribution") or add an assertion inside a cited
    sentence (the author's gloss)."""
    found, covered = [], []
    cited = {a.sentence for a in attributions}
    for sentence in sentences:
        has_voice = any(sentence.start <= v.start < sentence.end for v in voices)
        if sentence.number in cited or has_voice or _has_quote(sentence, attributions):
            covered.append((sentence.start, sentence.end))
            continue
        paragraph = structure.locate(sentence.start).number
        found.append(
            _own_words(author, "the author", AUTHOR, _assertion_channel(sentence.text),
                       sentence.text, paragraph, sentence.start)
        )  # fmt: skip
    for record in (r for r in records if r["kind"] == ASSERTION):
        paragraph = structure.paragraph(record["paragraph"])
        if paragraph.kind != "body":
            continue
        start, end = _locate(paragraph, record["quote"])
        same = [i for i, v in enumerate(found) if v.start < end and start < v.end]
        extra = {k: record[k] for k in OVERRIDES if record.get(k) is not None}
        extra.setdefault("label", "the author")
        voice = _own_words(
            record["speaker"], extra.pop("label"), record["category"],
            extra.pop("channel", "unattributed assertion"),
            paragraph.text[start - paragraph.start : end - paragraph.start],
            paragraph.number, start, **extra,
        )  # fmt: skip
        if same:
            found[same[0]] = voice
        else:
            found.append(voice)
    for p in structure.body:
        for match in FIRST_PERSON.finditer(p.text):
            start = p.start + match.start()
            if any(s <= start < e for s, e in covered):  # else already a whole assertion
                found.append(
                    _own_words(author, "I", AUTHOR, "first-person reporting", match.group(0),
                               p.number, start)
                )  # fmt: skip
    return found


def _has_quote(sentence, attributions) -> bool:
    return any(
        q_open < sentence.end and q_close >= sentence.start
        for a in attributions
        for q_open, q_close in a.quotes
    )


def _assertion_channel(sentence: str) -> str:
    first = FIRST_PERSON.search(sentence)
    if first:
        return f"first-person reporting ('{first.group(0)}')"
    agentless = AGENTLESS.search(sentence)
    if agentless:
        return f"agentless attribution ('{agentless.group(0)}'): no source is named"
    return "unattributed assertion"


def _front_matter(structure: Structure, article, actors: _Actors, roles) -> list[Voice]:
    """Headline and standfirst (the newspaper); the photo caption (its credited agency)."""
    found = []
    name = article.meta.get("outlet", "")
    outlet = actors.named(name)
    for p in (structure.headline, structure.standfirst):
        found.append(
            _own_words(outlet, name, roles.get(outlet, AUTHOR), p.kind, p.text, p.number,
                       p.start, outlet=outlet, via="the newspaper")
        )  # fmt: skip
    credit = structure.caption.credit
    credited = actors.within(credit, ("outlet",)) if credit else []
    agency = credited[0] if credited else None
    for p in structure.paragraphs:
        if p.kind == "caption" and not p.duplicate_of:
            start = p.start + p.text.index(structure.caption.text)
            found.append(
                _own_words(agency, credit, roles.get(agency, AUTHOR),
                           "photo caption (photo credit)", structure.caption.text, p.number,
                           start, outlet=agency, via="photo caption")
            )  # fmt: skip
    return found


# ---- whose words fill the article


@dataclass(frozen=True)
class WordCount:
    """Words of one voice (or one category): quoted, paraphrased, asserted.

    The columns are separate measures: a paraphrase may contain a short quote, and a
    quote by one voice may carry another's paraphrase (Kurdistan24 reporting the PMU)."""

    category: str
    speaker: str | None
    label: str
    quoted: int
    paraphrased: int
    asserted: int
    items: int  # number of voice records counted


def word_counts(voices: Iterable[Voice] | None = None, *, by: str = "voice") -> list[WordCount]:
    """Words per voice (``by="voice"``) or per category (``by="category"``), most quoted first."""
    if by not in ("voice", "category"):
        raise ValueError("by must be 'voice' or 'category'")
    voices = find_voices() if voices is None else list(voices)
    groups: dict[tuple, list[Voice]] = {}
    for v in voices:
        key = (v.category,) if by == "category" else (v.category, v.speaker or v.label)
        groups.setdefault(key, []).append(v)
    rows = []
    for key, items in groups.items():
        first = items[0]
        total = {kind: sum(v.words for v in items if v.kind == kind) for kind in KINDS}
        rows.append(
            WordCount(
                category=key[0],
                speaker=None if by == "category" else first.speaker,
                label=key[0] if by == "category" else _plain_label(items),
                quoted=total[DIRECT],
                paraphrased=total[PARAPHRASE],
                asserted=total[ASSERTION],
                items=len(items),
            )
        )
    return sorted(rows, key=lambda r: (-r.quoted, -r.paraphrased, -r.asserted, r.label))


def _plain_label(items: list[Voice]) -> str:
    named = [v.label for v in items if v.label and not v.implied]
    return named[0] if named else items[0].speaker or items[0].label
