"""Who speaks in a news text: attributions found by the conventions of English news writing.

A voice is cued by a reporting verb ("X said", "X told Rudaw that", "..., a commander said",
"“...,” said X"), by "according to X", by a quotation after a colon ("X put it bluntly:
“...”"), or by a quotation that opens a sentence with no cue (the previous speaker's words).
The speaker is the noun phrase next to the cue: a name ("Colonel Hamid Saadi", "the PMU"),
the description of an unnamed source ("A senior security official", "several analysts and
reports"), or a pronoun, taken to be the previous speaker. Words inside quotation marks are
the speaker's and are not searched for further cues; hypothetical speech ("would say") and
passives ("was told") are not attributions; the author's first person is not a voice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from newscase.core.text import name_key
from newscase.reader.lexicon import split_words
from newscase.reader.source import Sentence

OPEN, CLOSE, STRAIGHT = "“", "”", '"'
MASK = "\x01"  # same-length mask over quotations, so offsets survive
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
)
PARTICLE = r"(?:al|el|ad|an|ar|as|ash|at|az|ez|bin|ibn|bint|de|di|da|du|van|von|le|la)"
CAPWORD = rf"(?:{PARTICLE}-)?[A-Z0-9][\w’'\-]*"
CONNECTOR = r"(?:al|el|bin|ibn|de|van|von|da|di|for|of|for\s+a|for\s+the|of\s+the)"
NAME_RUN = rf"{CAPWORD}(?:\s+(?:{CONNECTOR}\s+)?{CAPWORD}){{0,6}}"

# Reporting verbs. STANCE verbs report a view, not words: they need a named or described
# subject (never "he", "it" or "they", which are too often not a source at all).
SAYING = split_words(
    "said says say told tells tell added adds wrote writes reported reports argued argues argue "
    "claimed claims claim stated states warned warns warn noted notes insisted insists "
    "denied denies deny announced announces explained explains confirmed confirms tweeted "
    "tweets posted vowed vows vow call calls called acknowledged admitted stressed asserted "
    "predicted predicts"
)
STANCE = split_words("estimated estimates estimate believes believe believed disagree disagrees")
NEEDS = {  # what must follow a verb for it to report speech here
    **dict.fromkeys(split_words("reported reports posted noted notes states claims claim"), "that"),
    **dict.fromkeys(split_words("estimates estimate estimated stated predicts"), "that"),
    **dict.fromkeys(["vowed", "vows", "vow"], "to"),
    **dict.fromkeys(["call", "calls", "called"], "it|them|this|that|him|her"),
}
VERB = re.compile(
    r"\b(?:(?:has|have|had)\s+(?:not\s+)?)?(?:(?:also|later|earlier|previously|repeatedly|again"
    r"|once|then|[a-z]+ly)\s+)?(?P<verb>"
    + "|".join(sorted(SAYING | STANCE, key=len, reverse=True))
    + r")\b"
)
NOT_SPEECH_BEFORE = re.compile(
    r"\b(?:will|would|could|might|may|should|can|must|shall|cannot|to|did|does|do|didn’t|didn't"
    r"|doesn’t|doesn't|don’t|don't|be|been|being|was|were|is|are|not)\s+$",
    re.IGNORECASE,
)
TOLD_OBJECT = re.compile(
    rf"\s+(?P<obj>(?:the\s+)?{NAME_RUN}|me|us|him|her|them|reporters|journalists"
    r"|(?:a|an|the)\s+(?:news|press)\s+conference|(?:a|an|the|his|her|their)\s+[a-z]+)"
)
ADVERBIAL = re.compile(
    rf"\s+(?:on\s+(?:{WEEKDAY}|{MONTH}\s+\d{{1,2}}(?:,\s+\d{{4}})?|\d{{1,2}}\s+{MONTH}(?:\s+\d{{4}})?)"
    r"|last\s+(?:week|month|year|night)|yesterday|today|earlier|later|again"
    r"|in\s+(?:a|an|the|his|her|its|their)\s+(?:statement|interview|tweet|post|speech|letter"
    r"|report|television interview|press conference|news conference)"
    rf"(?:\s+(?:with|to|on)\s+(?:the\s+)?{NAME_RUN})?"
    r"|on\s+(?:Twitter|X|Facebook|Telegram|television|TV))"
)
INTERVIEW_WITH = re.compile(rf"\binterview\s+(?:with|to)\s+(?P<outlet>(?:the\s+)?{NAME_RUN})")
THAT = re.compile(r"\s+that\b")
ACCORDING = re.compile(r"\baccording to\s+", re.IGNORECASE)
INVERTED = re.compile(r"(?P<verb>said|says|added|adds|told|wrote|asked|continued)\s+(?=\S)")
LEADING_WORDS = re.compile(
    r"^(?:(?:however|but|and|meanwhile|yet|still|instead|separately|also|so|now|then|earlier"
    rf"|later|in\s+{MONTH}(?:\s+\d{{4}})?|on\s+{WEEKDAY}|last\s+week)\b,?\s*)+",
    re.IGNORECASE,
)
PRONOUNS = {"he", "she", "they"}
GROUP_WORDS = {"some", "many", "others", "several", "most", "few", "both", "all"}
FIRST_PERSON = {"i", "we"}
DETERMINERS = split_words(
    "a an the another several some many other most few two three four five six seven eight "
    "nine ten dozens his her their its our one"
)
SOURCE_NOUNS = split_words(
    "official officials commander commanders spokesman spokesmen spokeswoman spokesperson "
    "spokespeople diplomat diplomats officer officers lawmaker lawmakers resident residents "
    "analyst analysts expert experts source sources report reports leader leaders witness "
    "witnesses observer observers researcher researchers document documents statement "
    "statements minister ministers aide aides adviser advisers advisor advisors activist "
    "activists soldier soldiers member members representative representatives negotiator "
    "negotiators journalist journalists reporter reporters correspondent correspondents outlet "
    "outlets channel channels agency agencies newspaper newspapers website study survey memo "
    "cable villager villagers farmer farmers commentator commentators scholar scholars "
    "professor professors historian historians economist economists doctor doctors monitor "
    "monitors ministry government army police authorities military people man woman men women "
    "survivor survivors media director directors head chief editor fellow founder author president"
)
TAIL_START = split_words(
    "in at from for of on with close familiar near based seen who which that whose i speaking "
    "quoted cited according inside within"
)
NOT_IN_NAME_PREFIX = split_words(
    "of in at to from with by for on where who which that and or had has have was were is are "
    "met when while as than"
)
DOCUMENTS = re.compile(
    r"^(?:estimates|figures|data|(?:a|the)\s+(?:report|study|survey|statement|count|tally)|reports"
    r"|research|an\s+analysis)\s+(?:by|from|of)\s+(?P<who>.+)$",
    re.IGNORECASE,
)
REPORT_OF = re.compile(
    rf"^(?:a|an|another|the|one|other|an?\s+earlier|a\s+separate)?\s*(?P<outlet>{NAME_RUN})\s+"
    r"(?:report|reports|article|broadcast|story)$"
)
OUTLET_WORDS = re.compile(
    r"\b(?:News|TV|Times|Post|Radio|Agency|Press|Channel|Journal|Television|Daily|Gazette"
    r"|Herald|Network|Tribune|Telegraph|Broadcasting)\b|\d|^(?:the\s+)?[A-Z]{2,6}$"
)

_DESC = re.compile(
    r"^(?P<label>(?:(?:" + "|".join(DETERMINERS) + r")\s+)?(?:[\w’'\-]+\s+){0,4}?"
    r"(?:" + "|".join(SOURCE_NOUNS) + r")"
    r"(?:\s+and\s+(?:(?:" + "|".join(DETERMINERS) + r")\s+)?(?:[\w’'\-]+\s+){0,2}?"
    r"(?:" + "|".join(SOURCE_NOUNS) + r"))?)"
    r"(?P<tail>\s+(?:" + "|".join(TAIL_START) + r")\b.*)?$",
    re.IGNORECASE,
)
_NAME = re.compile(rf"^(?P<pre>(?:[\w’'\-]+\s+){{0,4}}?)(?P<name>{NAME_RUN})$")


@dataclass(frozen=True)
class Attribution:
    """One attribution, with its offsets into the text read (for the framing toolkit)."""

    speaker: str  # as written; a pronoun's antecedent as written where it was named
    label: str  # the words naming the speaker in this sentence ("he", "Muhandis")
    named: bool
    kind: str  # "quote" or "paraphrase"
    via: str | None  # an outlet the words went through, as written
    sentence: int
    cue: str  # the attributing words, verbatim ("told Rudaw that"; "" when implied)
    cue_start: int
    content_start: int  # what is attributed (quotations inside it are the speaker's words)
    content_end: int
    quotes: tuple[tuple[int, int], ...]  # (open, close) offsets of the quotation marks
    subject_start: int  # the words before the cue that the subject was looked for in
    subject_end: int
    implied: bool = False  # speaker taken from an earlier sentence
    note: str = ""

    def as_dict(self) -> dict:
        """The plain record of ``Reading.voices``."""
        return {
            "speaker": self.speaker,
            "named": self.named,
            "kind": self.kind,
            "via": self.via,
            "sentence": self.sentence,
        }


@dataclass(frozen=True)
class _Who:
    """A speaker phrase: its words, whether it names someone, where it sits."""

    label: str
    named: bool
    start: int  # offsets within the sentence
    end: int
    pronoun: bool = False


# ---- quotation marks


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(open, close) offsets of quotation marks: curly pairs (which may run over paragraphs,
    as news quotes do) and straight marks paired within a line. An unclosed mark ends at
    the end of its line."""
    pairs: list[tuple[int, int]] = []
    opened: int | None = None
    straight: int | None = None
    for i, ch in enumerate(text):
        if ch == OPEN and opened is None:
            opened = i
        elif ch == CLOSE and opened is not None:
            pairs.append((opened, i))
            opened = None
        elif ch == STRAIGHT:
            if straight is None:
                straight = i
            else:
                pairs.append((straight, i))
                straight = None
        elif ch == "\n" and straight is not None:
            pairs.append((straight, i - 1))
            straight = None
    if opened is not None:
        end = text.find("\n", opened)
        pairs.append((opened, (end if end >= 0 else len(text)) - 1))
    return sorted(pairs)


def _masked(text: str, start: int, quotes: list[tuple[int, int]]) -> str:
    """``text`` (at offset ``start``) with every quotation, marks included, masked."""
    chars = list(text)
    for q_open, q_close in quotes:
        for i in range(max(q_open, start), min(q_close + 1, start + len(text))):
            chars[i - start] = MASK
    return "".join(chars)


# ---- speaker phrases


def _chunks(masked: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of ``masked[start:end]`` between commas, semicolons, dashes and quotations."""
    spans, begin = [], start
    for match in re.finditer(rf"[,;:{MASK}]+|\s[—–]\s|\(|\)", masked[start:end]):
        spans.append((begin, start + match.start()))
        begin = start + match.end()
    spans.append((begin, end))
    return [(s, e) for s, e in spans if masked[s:e].strip()]


def _classify(text: str, start: int, end: int) -> _Who | None:
    """The speaker phrase filling ``text[start:end]``, if it is one."""
    chunk = text[start:end]
    lead = LEADING_WORDS.match(chunk.lstrip())
    offset = len(chunk) - len(chunk.lstrip()) + (lead.end() if lead else 0)
    words = chunk[offset:].rstrip(" .!?")
    begin = start + offset
    if not words:
        return None
    lower = words.lower()
    if lower in PRONOUNS:
        return _Who(words, True, begin, begin + len(words), pronoun=True)
    if lower in FIRST_PERSON or lower.startswith(("i ", "we ")):
        return None
    if lower in GROUP_WORDS:  # "Some said", "Others say": unnamed
        return _Who(words, False, begin, begin + len(words))
    desc = _DESC.match(words)
    if desc:
        label = desc["label"]
        named = _is_name(label.split()[-1]) and not _is_source_noun(label.split()[-1])
        return _Who(label, named, begin, begin + len(label))
    name = _NAME.match(words)
    if name and _describes(name["pre"].split()):
        return _Who(words, True, begin, begin + len(words))
    return None


def _describes(words: list[str]) -> bool:
    """Words before a name that describe the person ("Shi'ite militia leader", "the"),
    rather than a clause that happens to end in a name ("Fighters reached Rabia")."""
    if any(w.lower() in NOT_IN_NAME_PREFIX for w in words):
        return False
    lower = [w for w in words if w[0].islower() and w.lower() not in DETERMINERS]
    return not lower or words[-1].lower() in SOURCE_NOUNS


def _pure_name(who: _Who) -> bool:
    """A name standing alone ("Dilan Aziz", "the PMU"), fit to stand beside a description."""
    return bool(re.fullmatch(rf"(?:the\s+)?{NAME_RUN}", who.label))


def _is_name(word: str) -> bool:
    return bool(re.match(rf"^{CAPWORD}$", word))


def _is_source_noun(word: str) -> bool:
    return word.lower() in SOURCE_NOUNS


def _suffix_speaker(text: str, start: int, end: int) -> _Who | None:
    """A description ending the span, led by a determiner ("... several analysts")."""
    chunk = text[start:end]
    for match in reversed(list(re.finditer(r"\b(?:" + "|".join(DETERMINERS) + r")\b", chunk))):
        found = _classify(text, start + match.start(), end)
        if found and not found.named and found.end >= end - 1:
            return found
    return None


def _skippable(text: str, start: int, end: int) -> bool:
    """A clause between a subject and its verb: ", decked out in ...", ", who asked ..."."""
    words = text[start:end].split()
    return bool(words) and words[0][0].islower() and words[0].lower() not in DETERMINERS


def _subject_before(text: str, masked: str, floor: int, verb: int) -> _Who | None:
    """The speaker of a verb at ``verb``: the nearest speaker phrase before it, skipping
    clauses set off by commas; a name set beside a description ("Dilan Aziz, a lawmaker")
    is preferred to it."""
    chunks = _chunks(masked, floor, verb)
    for index in range(len(chunks) - 1, -1, -1):
        start, end = chunks[index]
        who = _classify(text, start, end)
        if who is None and index == len(chunks) - 1:
            who = _suffix_speaker(text, start, end)
        if who is None:
            if _skippable(text, start, end):
                continue
            return None
        if not who.named and index > 0:
            before = _classify(text, *chunks[index - 1])
            if before is not None and not before.pronoun and _pure_name(before):
                return before
        return who
    return None


def _trailing(masked: str, rest: str, who: _Who) -> bool:
    """Whether the cue follows what it reports: nothing but punctuation after it ("...,
    a commander said."), a comma ("X, state media said, as ..."), or a quotation just
    before the speaker ("“...,” Assad said in a speech")."""
    if not re.sub(r"[\s.!?,”\"’]", "", rest) or rest.startswith(","):
        return True
    return masked[: who.start].rstrip(" ,").endswith(MASK)


def _subject_after(text: str, masked: str, start: int, end: int) -> _Who | None:
    """The speaker after an inverted verb ("said Azad Hamo, a farmer")."""
    chunks = _chunks(masked, start, end)
    return _classify(text, *chunks[0]) if chunks else None


# ---- outlets


def _outlet(phrase: str | None, outlets: frozenset[str]) -> str | None:
    """``phrase`` if it names a news outlet (known, or shaped like one), else None."""
    if not phrase:
        return None
    phrase = phrase.strip()
    if not phrase[:1].isupper() and not phrase.startswith("the "):
        return None
    key = name_key(re.sub(r"^the\s+", "", phrase))
    if key in outlets or name_key(phrase) in outlets or OUTLET_WORDS.search(phrase):
        return phrase
    return None


# ---- one sentence


@dataclass
class _Cue:
    who: _Who
    verb: str
    cue_start: int  # offsets within the sentence
    cue_end: int
    content_start: int
    content_end: int
    subject_start: int
    subject_end: int
    via: str | None = None
    channel: str = ""


class Reader:
    """Reads sentences in order, remembering the last speaker for pronouns and quotes."""

    def __init__(self, text: str, outlets: Iterable[str] = ()):
        self.text = text
        self.quotes = quote_spans(text)
        self.outlets = frozenset(name_key(o) for o in outlets)
        self.previous: Attribution | None = None

    def read(self, sentences: Iterable[Sentence]) -> list[Attribution]:
        found: list[Attribution] = []
        for sentence in sentences:
            found += self.sentence(sentence)
        return found

    def sentence(self, sentence: Sentence) -> list[Attribution]:
        base, text = sentence.start, sentence.text
        quotes = [q for q in self.quotes if q[0] < sentence.end and q[1] >= base]
        masked = _masked(text, base, quotes)
        cues = self._verb_cues(text, masked)
        cues += self._according_cues(text, masked, cues)
        cues += self._inverted_cues(text, masked, cues)
        if not cues:
            cues += self._colon_cue(text, masked)
        cues.sort(key=lambda c: c.cue_start)
        made = [self._attribution(sentence, cue, quotes) for cue in cues]
        if not made:
            made += self._orphan(sentence, quotes)
        for item in made:
            if not item.implied or item.cue:
                self.previous = item
        return made

    # -- cues

    def _verb_cues(self, text: str, masked: str) -> list[_Cue]:
        according = ACCORDING.search(masked)
        report = _report_window(text, masked, according) if according else None
        cues: list[_Cue] = []
        floor = 0
        for match in VERB.finditer(masked):
            if not self._verb_ok(masked, match):
                continue
            begin, via, prefix = floor, None, ""
            if according and match.start() > according.start():
                if report is None or match.start() < report[2]:
                    continue  # "according to X, who said ...": the according cue covers it
                begin, via, prefix = max(floor, report[2] + 1), report[0], report[1] + " … "
            who = _subject_before(text, masked, begin, match.start())
            if who is None or (who.pronoun and match["verb"] in STANCE):
                continue
            cue = self._after_verb(text, masked, match, who, begin)
            cue.via = cue.via or via
            cue.channel = prefix + cue.channel
            cues.append(cue)
            floor = cue.content_start if cue.content_start >= cue.cue_end else cue.cue_end
        return cues

    def _verb_ok(self, masked: str, match: re.Match) -> bool:
        need = NEEDS.get(match["verb"])
        if need and not re.match(rf"\s+(?:{need})\b", masked[match.end() :]):
            return False
        return not NOT_SPEECH_BEFORE.search(masked[: match.start()])

    def _after_verb(self, text, masked, match, who: _Who, floor: int) -> _Cue:
        """The cue's words (verb, whom it was told to, when, "that") and what it reports."""
        verb, position, via = match["verb"], match.end(), None
        if verb in ("told", "tells", "tell"):
            obj = TOLD_OBJECT.match(masked, position)
            if obj:
                via = _outlet(obj["obj"], self.outlets)
                position = obj.end()
        while adverbial := ADVERBIAL.match(masked, position):
            interview = INTERVIEW_WITH.search(adverbial.group(0))
            via = via or (_outlet(interview["outlet"], self.outlets) if interview else None)
            position = adverbial.end()
        that = THAT.match(masked, position)
        if that:
            position = that.end()
        rest = masked[position:]
        start = match.start()
        if _trailing(masked, rest, who):  # "..., a commander said."
            cue_start = who.start if who.start < start else start
            content_end = max(floor, who.start - 1)
            return _Cue(
                who, verb, cue_start, position, floor, content_end, floor, start, via,
                text[cue_start:position].strip(),
            )  # fmt: skip
        content_start = position + len(rest) - len(rest.lstrip())
        return _Cue(
            who, verb, start, position, content_start, len(text), floor, start, via,
            text[start:position].strip(),
        )  # fmt: skip

    def _according_cues(self, text: str, masked: str, earlier: list[_Cue]) -> list[_Cue]:
        match = ACCORDING.search(masked)
        if not match:
            return []
        if _report_window(text, masked, match) and any(
            c.cue_start > match.start() for c in earlier
        ):
            return []  # the report is the channel of a later speaker
        stop = masked.find(MASK, match.end())
        window_end = stop if stop >= 0 else len(text.rstrip(" .!?"))
        chunks = _chunks(masked, match.end(), window_end)
        who = _according_speaker(text, *chunks[0]) if chunks else None
        if who is None:
            return []
        channel = text[match.start() : match.end()].strip()
        if LEADING_WORDS.sub("", text[: match.start()].strip(" ,")):  # "..., according to X."
            content_end = len(text[: match.start()].rstrip(" ,"))
            return [
                _Cue(who, "according to", match.start(), who.end, 0, content_end,
                     match.end(), window_end, None, channel)
            ]  # fmt: skip
        content_start = stop if stop >= 0 else len(text)
        for start, end in chunks[1:] if stop < 0 else ():  # skip appositives ("X, a researcher,")
            if _classify(text, start, end) is None:
                content_start = start
                break
        return [
            _Cue(who, "according to", match.start(), match.end(), content_start, len(text),
                 match.end(), window_end, None, channel)
        ]  # fmt: skip

    def _inverted_cues(self, text: str, masked: str, earlier: list[_Cue]) -> list[_Cue]:
        cues = []
        for match in INVERTED.finditer(masked):
            before = masked[: match.start()].rstrip()
            if (
                not before
                or before[-1] not in ",\x01"
                or any(c.cue_start <= match.start() < c.cue_end for c in earlier)
            ):
                continue
            who = _subject_after(text, masked, match.end(), len(text.rstrip(" .!?")))
            if who is None or who.pronoun:
                continue
            cues.append(
                _Cue(who, match["verb"], match.start(), who.end, 0, len(before),
                     match.end(), who.end, None, text[match.start() : match.end()].strip())
            )  # fmt: skip
        return cues

    def _colon_cue(self, text: str, masked: str) -> list[_Cue]:
        match = re.search(r":\s*" + MASK, masked)
        if not match:
            return []
        who = _subject_before(text, masked, 0, match.start())
        if who is None or who.pronoun:
            return []
        return [
            _Cue(who, ":", who.end, match.start() + 1, match.end() - 1, len(text), 0,
                 match.start(), None, text[who.end : match.start()].strip(" ,"))
        ]  # fmt: skip

    # -- attributions

    def _attribution(self, sentence: Sentence, cue: _Cue, quotes) -> Attribution:
        base = sentence.start
        start, end = base + cue.content_start, base + cue.content_end
        mine = tuple(q for q in quotes if start <= q[0] < max(end, start + 1))
        if mine:
            end = max(end, mine[-1][1] + 1)
        speaker, named, implied, note = cue.who.label, cue.who.named, False, ""
        if cue.who.pronoun:
            if self.previous is not None:
                speaker, named = self.previous.speaker, self.previous.named
                implied = True
                note = f"'{cue.who.label}' taken to be the previous speaker ({speaker})"
            else:
                named = False
        return Attribution(
            speaker=speaker,
            label=cue.who.label,
            named=named,
            kind="quote" if mine else "paraphrase",
            via=cue.via,
            sentence=sentence.number,
            cue=cue.channel,
            cue_start=base + cue.cue_start,
            content_start=start,
            content_end=end,
            quotes=mine,
            subject_start=base + cue.subject_start,
            subject_end=base + cue.subject_end,
            implied=implied,
            note=note,
        )

    def _orphan(self, sentence: Sentence, quotes) -> list[Attribution]:
        """A sentence that opens with a quotation and names no one: the last speaker's."""
        opening = [q for q in quotes if q[0] == sentence.start]
        if not opening or self.previous is None:
            return []
        previous = self.previous
        return [
            Attribution(
                speaker=previous.speaker,
                label=previous.label,
                named=previous.named,
                kind="quote",
                via=previous.via,
                sentence=sentence.number,
                cue="",
                cue_start=sentence.start,
                content_start=sentence.start,
                content_end=max(sentence.end, opening[0][1] + 1),
                quotes=tuple(opening),
                subject_start=sentence.start,
                subject_end=sentence.start,
                implied=True,
                note=f"no attribution in the sentence; taken to continue the previous speaker "
                f"({previous.speaker})",
            )
        ]


def _report_window(text: str, masked: str, according: re.Match):
    """(outlet, words, comma) for "according to another Rudaw report, X said ...", where the
    report is the channel of a speaker named after the comma; None otherwise."""
    comma = masked.find(",", according.end())
    if comma < 0:
        return None
    report = REPORT_OF.match(text[according.end() : comma].strip())
    if not report:
        return None
    return report["outlet"], text[according.start() : comma].strip(), comma


def _according_speaker(text: str, start: int, end: int) -> _Who | None:
    """The speaker of "according to ...": "estimates by X" is X's; a Rudaw report is Rudaw's."""
    window = text[start:end]
    document = DOCUMENTS.match(window.strip())
    if document:
        offset = start + window.index(document["who"])
        return _classify(text, offset, offset + len(document["who"]))
    report = REPORT_OF.match(window.strip())
    if report:
        offset = start + window.index(report["outlet"])
        return _Who(report["outlet"], True, offset, offset + len(report["outlet"]))
    return _classify(text, start, end)


def find_attributions(
    text: str, sentences: Iterable[Sentence], outlets: Iterable[str] = ()
) -> list[Attribution]:
    """Every attribution of ``text`` in reading order (``sentences`` split from it)."""
    return Reader(text, outlets).read(sentences)
