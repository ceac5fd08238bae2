"""Who speaks in the article: direct quotes, paraphrases and the author's own assertions.

Found by patterns, not listed by hand: quotation marks; "According to X"; "X said /
told Y / wrote / reported that / tweeted that / have argued that / vows to / sketched
out"; a trailing ", he said". The speaker is resolved to an actor id through the
``article_mentions`` of actors.yaml; "he" means the previous named speaker; a quote with
no attribution in its sentence belongs to the previous speaker (marked ``implied``).
A sentence with no attributed words is the author's own voice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from newscase.core.text import fold, phrase_pattern, sentence_spans
from newscase.framing.structure import Paragraph, Structure, article_structure, split

DIRECT, PARAPHRASE, ASSERTION = "direct quote", "paraphrase", "assertion"
KINDS = (DIRECT, PARAPHRASE, ASSERTION)

UNNAMED = "unnamed analysts and reports"
AUTHOR = "the author's own voice"
# The module's teaching grouping of the article's voices (issue 7). Any other speaker
# the patterns find falls into "other (<kind>)".
CATEGORIES = {
    "jonathan_spyer": "Israeli analyst",
    "fabrice_balanche": "US think tank",
    "rudaw": "Kurdish media",
    "kurdistan24": "Kurdish media",
    "abu_mahdi_al_muhandis": "PMU commander",
    "pmu": "PMU (statement)",
    "haider_al_abadi": "Iraqi prime minister",
    "kurdish_experts_erbil": "anonymous voices",
    "kurdish_commander": "anonymous voices",
    "seth_frantzman": AUTHOR,
    "jerusalem_post": "the newspaper (headline, standfirst)",
    "reuters": "news agency (photo caption)",
}

OPEN_QUOTES, CLOSE_QUOTES = "“", "”"
VERB = re.compile(
    r"\b(?:(?:has|have|had)\s+(?:previously\s+)?)?"
    r"(?P<verb>said|says|told|tells|wrote|writes|reported|reports|tweeted|tweets|argued|argues"
    r"|vows|vowed|sketched out)\b"
)
NEEDS = {"reported": r"\s+that\b", "reports": r"\s+that\b", "vows": r"\s+to\b", "vowed": r"\s+to\b"}
DATE_AFTER = re.compile(r"\s+on\s+[A-Z][a-z]+\s+\d{1,2}(?:,\s+\d{4})?")
THAT = re.compile(r"\s+that\b")
ACCORDING = re.compile(r"\baccording to\s+", re.IGNORECASE)
LEADING = re.compile(r"^(?:(?:However|But|Meanwhile|Yet|In [A-Z][a-z]+(?: \d{4})?),\s*)+")
TRAILING = re.compile(
    r",[”\"]?\s+(?P<subject>he|she|they)\s+(?P<verb>said|says|added)\s*[.!?]?[”\"]?$"
)
PRONOUNS = {"he", "she", "they"}
SOURCE_NOUNS = re.compile(
    r"(?:(?:several|some|many|other|unnamed|anonymous)\s+)?(?:[\w-]+\s+)?"
    r"(?:analysts|experts|officials|observers|sources|reports|commentators)"
    r"(?:\s+and\s+(?:[\w-]+\s+)?(?:analysts|experts|officials|observers|sources|reports))?"
)
GLOSS = re.compile(r",\s+(?:a|an|the)\s+[^,“”\"]+$")
FIRST_PERSON = re.compile(r"\bI\s+(?:interviewed|spoke|met|visited|saw|asked)\b")
AGENTLESS = re.compile(
    r"\b(?:have|has|had)\s+been\s+(?:compared|described|called|accused|criticised|criticized)"
    r"\b|\braising alarms\b"
)
WORD = re.compile(r"[A-Za-z0-9]+(?:['’\-][A-Za-z0-9]+)*")
MIN_PARAPHRASE_WORDS = 4  # words outside quotation marks that make a paraphrase


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


# ---- the actors the article names


@dataclass(frozen=True)
class _Mention:
    actor: str
    text: str
    pattern: re.Pattern


def _mentions(actors: Iterable[dict]) -> list[_Mention]:
    found = [
        _Mention(a["id"], m, phrase_pattern(m))
        for a in actors
        for m in (a.get("article_mentions") or ())
    ]
    return sorted(found, key=lambda m: -len(m.text))


def _starting_actor(window: str, mentions: list[_Mention]) -> str | None:
    """The actor whose mention opens ``window`` (after an article 'the', 'a' or 'an')."""
    folded = fold(window)
    starts = {0}
    determiner = re.match(r"(?:the|a|an)\s+", folded)
    if determiner:
        starts.add(determiner.end())
    for mention in mentions:
        match = mention.pattern.search(folded)
        while match:
            if match.start() in starts:
                return mention.actor
            match = mention.pattern.search(folded, match.start() + 1)
    return None


def _actors_in(text: str, mentions: list[_Mention]) -> list[str]:
    folded = fold(text)
    hits = sorted(
        (m.start(), mention.actor) for mention in mentions for m in mention.pattern.finditer(folded)
    )
    return list(dict.fromkeys(actor for _, actor in hits))


# ---- sentences and quotation marks


@dataclass(frozen=True)
class _Sentence:
    paragraph: Paragraph
    start: int
    end: int
    text: str


def _sentences(paragraph: Paragraph) -> list[_Sentence]:
    return [
        _Sentence(paragraph, paragraph.start + s, paragraph.start + e, paragraph.text[s:e])
        for s, e in sentence_spans(paragraph.text)
    ]


def _quotes(text: str, begin: int, end: int) -> list[tuple[int, int]]:
    """(open, close) offsets of quotation marks between ``begin`` and ``end``: curly
    “ ” pairs, and straight " marks taken in pairs."""
    pairs, opened, straight = [], None, None
    for i in range(begin, end):
        ch = text[i]
        if ch in OPEN_QUOTES and opened is None:
            opened = i
        elif ch in CLOSE_QUOTES and opened is not None:
            pairs.append((opened, i))
            opened = None
        elif ch == '"':
            if straight is None:
                straight = i
            else:
                pairs.append((straight, i))
                straight = None
    return sorted(pairs)


# ---- attribution cues


@dataclass
class _Cue:
    speaker: str | None
    label: str
    verb: str
    channel: str
    channel_start: int
    content_start: int  # absolute offsets of what the speaker is reported to say
    content_end: int
    outlet: str | None = None
    via: str = ""
    implied: bool = False
    note: str = ""
    nested_in: _Cue | None = None


VIA = {
    "tweeted": "a tweet",
    "tweets": "a tweet",
    "wrote": "a published analysis",
    "writes": "a published analysis",
    "according to": "the author, directly",
    "said": "not stated",
    "says": "not stated",
    "added": "the author, directly",
    "vows": "not stated",
    "vowed": "not stated",
    "argued": "not stated",
    "argues": "not stated",
    "reported": "its own report",
    "reports": "its own report",
}
DEPICTING = {"sketched out"}  # verbs kept inside the paraphrase they introduce


class _Reader:
    """Walks the body sentence by sentence, keeping the previous speaker for pronouns."""

    def __init__(self, structure: Structure, actors: list[dict]):
        self.structure = structure
        self.actors = {a["id"]: a for a in actors}
        self.mentions = _mentions(actors)
        self.author: str | None = None
        self.previous: _Cue | None = None  # the last named speaker's cue
        self.last_by_speaker: dict[str, tuple[_Cue, int]] = {}

    # -- subjects

    def _subject(self, window: str) -> tuple[str | None, str, bool, str] | None:
        """(actor id or None, label, implied, note) for the words before a verb."""
        window = LEADING.sub("", window.strip()).strip(' ,“”"')
        if not window:
            return None
        if window.lower() in PRONOUNS:
            if self.previous is None or self.previous.speaker is None:
                return None
            who = self.previous.speaker
            return who, window, True, f"'{window}' taken to be the previous speaker ({who})"
        actor = _starting_actor(window, self.mentions)
        if actor:
            return actor, window.split(",")[0].strip(), False, ""
        tail = window.rsplit(",", 1)[-1]
        unnamed = SOURCE_NOUNS.search(tail)
        if unnamed:
            return None, unnamed.group(0), False, ""
        return None

    # -- one sentence

    def cues(self, sentence: _Sentence) -> list[_Cue]:
        text, base = sentence.text, sentence.start
        found: list[_Cue] = []
        floor = 0  # where the next subject window may start
        outlet_hint, channel_hint = None, ""
        according = ACCORDING.search(text)
        verbs = [m for m in VERB.finditer(text) if self._verb_ok(text, m)]
        trailing = TRAILING.search(text)
        if trailing:
            verbs = [m for m in verbs if m.start() < trailing.start()]
        if according:
            after = text[according.end() :]
            comma = after.find(",")
            if comma > 0 and any(m.start() > according.end() + comma for m in verbs):
                # "according to another Rudaw report, X said ...": a channel, not a speaker.
                clause = after[:comma]
                found_outlets = _actors_in(clause, self.mentions)
                outlet_hint = found_outlets[0] if found_outlets else None
                channel_hint = text[according.start() : according.end() + comma]
                floor = according.end() + comma + 1
            else:
                cue = self._according(sentence, according)
                if cue:
                    found.append(cue)
                    floor = len(text)
        for match in verbs:
            if match.start() < floor:
                continue
            cue = self._verb_cue(sentence, match, floor, outlet_hint, channel_hint, found)
            if cue:
                found.append(cue)
                floor = cue.content_start - base
                outlet_hint, channel_hint = None, ""
        if trailing:
            subject = self._subject(trailing["subject"])
            if subject:
                who, label, implied, note = subject
                content_end = base + trailing.start()
                cue = _Cue(
                    who,
                    label,
                    trailing["verb"],
                    text[trailing.start() :].strip(' ,.”"'),
                    base + trailing.start(),
                    base,
                    content_end,
                    via=VIA.get(trailing["verb"], ""),
                    implied=implied,
                    note=note,
                )
                if implied and self.previous is not None:
                    cue.outlet, cue.via = self.previous.outlet, self.previous.via
                found.append(cue)
        for cue in found:
            self._remember(cue)
        return found

    def _verb_ok(self, text: str, match: re.Match) -> bool:
        need = NEEDS.get(match["verb"])
        return not need or bool(re.match(need, text[match.end() :]))

    def _according(self, sentence: _Sentence, according: re.Match) -> _Cue | None:
        text, base = sentence.text, sentence.start
        rest = text[according.end() :]
        quote = rest.find(OPEN_QUOTES)
        cut = quote if quote >= 0 else rest.find(",")
        if cut <= 0:
            return None
        window = rest[:cut].rstrip(" ,")
        subject = self._subject(window)
        if not subject:
            return None
        who, label, implied, note = subject
        content_start = base + according.end() + cut
        return _Cue(
            who,
            label,
            "according to",
            text[according.start() : according.end()].strip(),
            base + according.start(),
            content_start,
            sentence.end,
            via=VIA["according to"],
            implied=implied,
            note=note,
        )

    def _verb_cue(self, sentence, match, floor, outlet_hint, channel_hint, earlier):
        text, base = sentence.text, sentence.start
        subject = self._subject(text[floor : match.start()])
        if not subject:
            return None
        who, label, implied, note = subject
        verb = match["verb"]
        position = match.end()
        outlet, via = outlet_hint, VIA.get(verb, "")
        if verb in ("told", "tells"):
            stop = THAT.search(text, position)
            obj = text[position : stop.start() if stop else len(text)]
            heard = _actors_in(obj, self.mentions)
            outlet = heard[0] if heard else outlet
            position = stop.end() if stop else position
        elif verb in ("wrote", "writes"):
            date = DATE_AFTER.match(text, position)
            position = date.end() if date else position
            hosts = [
                a
                for a in _actors_in(text[floor : match.start()], self.mentions)
                if a != who and self.actors[a]["kind"] in ("institution", "outlet")
            ]
            outlet = hosts[0] if hosts else outlet
        that = re.match(r"\s+that\b", text[position:])
        if that:
            position += that.end()
        if who in self.actors and self.actors[who]["kind"] == "outlet":
            outlet = outlet or who
        if "I interviewed" in label:
            via = "the author's own interview"
        if outlet and outlet != who:
            via = self.actors[outlet]["name"]
        channel = (channel_hint + " … " if channel_hint else "") + text[match.start() : position]
        content_start = base + position + len(text[position:]) - len(text[position:].lstrip())
        if verb in DEPICTING:
            content_start = base + match.start()
        cue = _Cue(
            who,
            label,
            verb,
            channel.strip(),
            base + match.start(),
            content_start,
            sentence.end,
            outlet=outlet,
            via=via,
            implied=implied,
            note=note,
        )
        outer = next((c for c in earlier if c.content_start <= cue.channel_start), None)
        if outer is not None and outer.speaker != who:
            # "Kurdistan24 reports that the PMU “has previously said ...”": reported speech
            # inside a report; the words reach the article through the outer speaker.
            cue.nested_in = outer
            cue.outlet = outer.speaker if outer.speaker in self.actors else cue.outlet
            cue.via = f"as reported by {outer.label.split(',')[0]}"
        self._inherit_outlet(cue, sentence.paragraph.number)
        return cue

    def _inherit_outlet(self, cue: _Cue, paragraph: int) -> None:
        if cue.outlet or cue.speaker is None or cue.speaker not in self.last_by_speaker:
            return
        previous, where = self.last_by_speaker[cue.speaker]
        if previous.outlet and paragraph - where <= 1:
            cue.outlet, cue.via, cue.implied = previous.outlet, previous.via, True
            cue.note = f"outlet not restated; carried over from ¶ {where}"

    def _remember(self, cue: _Cue) -> None:
        if cue.speaker is not None:
            self.previous = cue
            where = self.structure.locate(cue.channel_start).number
            self.last_by_speaker[cue.speaker] = (cue, where)


# ---- assembling the voices


def find_voices(case=None, article=None) -> list[Voice]:
    """Every voice of the article in reading order: quotes, paraphrases, assertions.

    ``case`` gives the actors (default: the packaged data); ``article`` defaults to the
    seed article (any :class:`newscase.core.article.Article` can be read the same way)."""
    if case is None:
        from newscase.core.case import load_case

        case = load_case()
    if article is None:
        from newscase.core.article import load_article

        article, structure = load_article(), article_structure()
    else:
        structure = split(article)
    reader = _Reader(structure, [dict(r) for r in case.records["actors"]])
    reader.author = _actor_named(reader, article.meta.get("author", ""))
    body = structure.body
    quotes = _quotes(article.text, body[0].start, body[-1].end) if body else []
    voices: list[Voice] = []
    covered: list[tuple[int, int]] = []  # sentences holding attributed words
    for paragraph in body:
        voices += _continuations(voices, quotes, paragraph, article.text)
        for sentence in _sentences(paragraph):
            cues = reader.cues(sentence)
            inside = [q for q in quotes if sentence.start <= q[0] < sentence.end]
            running = [q for q in quotes if q[0] < sentence.start < q[1]]
            voices += _from_sentence(reader, sentence, cues, inside, article.text)
            if cues or inside or running:
                covered.append((sentence.start, sentence.end))
            else:
                voices.append(_assertion(reader, sentence))
    voices += _front_matter(reader, structure, article, covered)
    return sorted(voices, key=lambda v: (v.start, v.kind != DIRECT, -v.end))


def _category(reader: _Reader, speaker: str | None) -> str:
    if speaker is None:
        return UNNAMED
    if speaker in CATEGORIES:
        return CATEGORIES[speaker]
    return f"other ({reader.actors[speaker]['kind']})"


def _voice(reader, cue: _Cue | None, kind, start, end, text, **extra) -> Voice:
    speaker = extra.pop("speaker", cue.speaker if cue else None)
    fields = dict(
        speaker=speaker,
        label=cue.label if cue else "",
        category=_category(reader, speaker),
        kind=kind,
        outlet=cue.outlet if cue else None,
        via=cue.via if cue else "",
        channel=cue.channel if cue else "",
        text=text[start:end],
        paragraph=reader.structure.locate(start).number,
        start=start,
        end=end,
        implied=cue.implied if cue else False,
        note=cue.note if cue else "",
    )
    fields.update(extra)
    return Voice(**fields)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop surrounding spaces, a final full stop and an unmatched closing quote mark."""
    while start < end and text[start] in " ,":
        start += 1
    while end > start and text[end - 1] in " .!?,":
        end -= 1
    span = text[start:end]
    if span.endswith(CLOSE_QUOTES) and OPEN_QUOTES not in span:
        end -= 1
        while end > start and text[end - 1] in " .!?,":
            end -= 1
    return start, end


def _from_sentence(reader, sentence, cues, quotes, text) -> list[Voice]:
    voices = []
    for open_, close in quotes:
        owner = next(
            (c for c in cues if c.nested_in is None and c.content_start <= open_ < c.content_end),
            None,
        )
        quote_end = min(close, sentence.paragraph.end)
        if owner is None:
            owner = _orphan_owner(reader)
        if owner is None:
            continue
        voices.append(_voice(reader, owner, DIRECT, open_ + 1, quote_end, text))
    for cue in cues:
        start, end = _trim(text, cue.content_start, cue.content_end)
        inner = [q for q in quotes if start <= q[0] < end]
        outside = text[start:end]
        for open_, close in sorted(inner, reverse=True):
            outside = outside[: open_ - start] + outside[close + 1 - start :]
        if count_words(outside) < MIN_PARAPHRASE_WORDS:
            continue
        gloss = GLOSS.search(text[start:end]) if not inner else None
        if gloss:
            g_start, g_end = _trim(text, start + gloss.start(), end)
            voices.append(
                _voice(
                    reader,
                    None,
                    ASSERTION,
                    g_start,
                    g_end,
                    text,
                    speaker=reader.author,
                    label="the author",
                    category=AUTHOR,
                    via="the article",
                    channel="the author's gloss on a reported statement",
                )
            )
            end = start + gloss.start()
        voices.append(_voice(reader, cue, PARAPHRASE, start, end, text))
    return voices


def _orphan_owner(reader: _Reader) -> _Cue | None:
    """A quote with no attribution in its sentence: the previous speaker's words."""
    previous = reader.previous
    if previous is None:
        return None
    who = previous.speaker
    return _Cue(
        who,
        previous.label,
        previous.verb,
        "(no attribution in the sentence)",
        previous.channel_start,
        0,
        0,
        outlet=previous.outlet,
        via=previous.via,
        implied=True,
        note=f"unattributed quote; taken to continue the previous speaker ({who})",
    )


def _continuations(voices, quotes, paragraph: Paragraph, text: str) -> list[Voice]:
    """A quote running on from an earlier paragraph keeps the speaker it opened with."""
    found = []
    for open_, close in quotes:
        if not open_ < paragraph.start < close:
            continue
        opened = next((v for v in voices if v.kind == DIRECT and v.start == open_ + 1), None)
        if opened is None:
            continue
        end = min(close, paragraph.end)
        found.append(
            replace(
                opened,
                text=text[paragraph.start : end],
                paragraph=paragraph.number,
                start=paragraph.start,
                end=end,
                note=f"the quote opened in ¶ {opened.paragraph} runs on into this paragraph",
            )
        )
    return found


def _own_words(reader, speaker, label, channel, text, paragraph, start, **extra) -> Voice:
    """An assertion: words the article gives in its own voice (no one is quoted)."""
    fields = dict(
        speaker=speaker,
        label=label,
        category=_category(reader, speaker) if speaker else AUTHOR,
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


def _assertion(reader: _Reader, sentence: _Sentence) -> Voice:
    channel = "unattributed assertion"
    agentless = AGENTLESS.search(sentence.text)
    if agentless:
        channel = f"agentless attribution ('{agentless.group(0)}'): no source is named"
    first = FIRST_PERSON.search(sentence.text)
    if first:
        channel = f"first-person reporting ('{first.group(0)}')"
    return _own_words(
        reader,
        reader.author,
        "the author",
        channel,
        sentence.text,
        sentence.paragraph.number,
        sentence.start,
    )


def _front_matter(reader: _Reader, structure: Structure, article, covered) -> list[Voice]:
    """Headline and standfirst (the newspaper); the photo caption (its credited agency);
    the author's first-person "I interviewed" inside an attributed sentence."""
    found = []
    name = article.meta.get("outlet", "")
    outlet = _actor_named(reader, name)
    for p in (structure.headline, structure.standfirst):
        found.append(
            _own_words(
                reader,
                outlet,
                name,
                p.kind,
                p.text,
                p.number,
                p.start,
                outlet=outlet,
                via="the newspaper",
            )
        )
    credit = structure.caption.credit
    credited = _actors_in(credit, reader.mentions)
    agency = credited[0] if credited else None
    for p in structure.paragraphs:
        if p.kind == "caption" and not p.duplicate_of:
            start = p.start + p.text.index(structure.caption.text)
            found.append(
                _own_words(
                    reader,
                    agency,
                    credit,
                    "photo caption (photo credit)",
                    structure.caption.text,
                    p.number,
                    start,
                    outlet=agency,
                    via="photo caption",
                )
            )
    for p in structure.body:
        for match in FIRST_PERSON.finditer(p.text):
            start = p.start + match.start()
            if any(s <= start < e for s, e in covered):  # else already a whole assertion
                found.append(
                    _own_words(
                        reader,
                        reader.author,
                        "I",
                        "first-person reporting",
                        match.group(0),
                        p.number,
                        start,
                    )
                )
    return found


def _actor_named(reader: _Reader, name: str) -> str | None:
    wanted = fold(name).strip()
    for actor in reader.actors.values():
        names = [actor["name"], *(actor.get("alt_names") or ())]
        if wanted and any(fold(n).strip() == wanted for n in names):
            return actor["id"]
    return None


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
