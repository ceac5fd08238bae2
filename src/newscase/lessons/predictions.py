"""The prediction audit: the article's expectations set against what happened next.

Each record of ``data/predictions.yaml`` quotes the article verbatim, says what it expects,
what a reader could already know in May 2017, what happened (events of ``events.csv``,
dated after the article), a verdict students may dispute, and the sources.

>>> from newscase import predictions
>>> predictions.overview()                       # all expectations and their verdicts
>>> predictions.card("strike_south")             # one expectation in full
>>> predictions.events_of("strike_south")        # its events, for timeline.events_table
>>> start, end = predictions.aftermath_range()   # the article's month .. end of the last year

Problems in the file are reported all at once, naming file, record and field.
"""

from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path

from newscase.core.datafiles import cached_per_folder
from newscase.core.display import Rendered, collapsed, join, table
from newscase.core.validate import (
    Field,
    Invalid,
    Records,
    Schema,
    choice,
    identifier,
    nonempty_list,
    text,
)

FILE = "predictions.yaml"

# The module's one verdict scale (core.schemas.VERDICTS, docs/verdicts.md), in the words
# that fit an expectation.
VERDICTS = {
    "supported": "happened (supported)",
    "qualified": "partly happened (qualified)",
    "disputed": "did not happen (disputed)",
    "unverifiable": "cannot be tested (unverifiable)",
}
VERDICT_MEANINGS = {
    "supported": "what the article expected came about, much as it said",
    "qualified": (
        "some of it came about, or it came about differently (later, elsewhere, by others)"
    ),
    "disputed": "events went another way",
    "unverifiable": (
        "no event could show it right or wrong (an intention, a vague word, no time limit), "
        "or it had not come about by the end of 2020 while nothing rules it out"
    ),
}
STANCES = {
    "stated": "the author states it",
    "implied": "the article implies it",
    "reported": "the article reports someone else's expectation",
}


def _quotes(value) -> tuple[str, ...]:
    """A YAML list of verbatim passages (not split on ';', which quotes may contain)."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple) or not value:
        raise Invalid("expected a list of one or more verbatim passages of the article")
    return tuple(text(item) for item in value)


_quotes.expects = "expected a list of one or more verbatim passages of the article"


def _ids(value) -> tuple[str, ...]:
    """A YAML list of ids (may be empty)."""
    if value is None:
        return ()
    if not isinstance(value, list | tuple):
        raise Invalid("expected a list of ids, e.g. [qaim_retaken_2017]")
    return tuple(identifier(item) for item in value)


def _nonempty_ids(value) -> tuple[str, ...]:
    ids = _ids(value)
    if not ids:
        raise Invalid("expected at least one id")
    return ids


_nonempty_ids.expects = "expected a list of at least one id"


SCHEMA = Schema(
    FILE,
    (
        Field("id", identifier),
        Field("quotes", _quotes),
        Field("expectation", text),
        Field("stance", choice(*STANCES)),
        Field("voice", identifier, ref="actors"),
        Field("via", identifier, required=False, ref="actors"),
        Field("who", text),
        Field("horizon", text),
        Field("known_then", text),
        Field("known_then_events", _ids, required=False, ref="events"),
        Field("outcome", text),
        Field("events", _nonempty_ids, ref="events"),
        Field("verdict", choice(*VERDICTS)),
        Field("reasoning", text),
        Field("other_reading", text),
        Field("claim", identifier, required=False, ref="claims"),
        Field("sources", nonempty_list, ref="sources"),
    ),
)


@cached_per_folder
def load_predictions(folder: Path) -> tuple[dict, ...]:
    """Every record of predictions.yaml, checked; raise DataError listing all problems."""
    from newscase.core.case import load_records

    records = load_records(SCHEMA, folder, checks=[_quotes_and_dates])
    for item in records:  # an absent optional list is an empty one
        item["known_then_events"] = item.get("known_then_events") or ()
    return records


def _quotes_and_dates(records: Records, case) -> list[str]:
    """Quotes verbatim within one line; outcomes after the article, 'known then' before."""
    from newscase.core.article import lines, load_article
    from newscase.core.text import contains_quote
    from newscase.timeline import article_date

    problems = []
    article = load_article()
    article_lines = lines(article)
    day = article_date()
    dates = {e["id"]: e["date"] for e in case.records["events"]}
    for record, where in records.located():
        for quote in record.get("quotes") or ():
            if not contains_quote(article.text, quote):
                problems.append(
                    f"{where}, field 'quotes': '{quote[:60]}' is not in the article; "
                    "expected a verbatim passage of the seed text"
                )
            elif not any(contains_quote(line, quote) for line in article_lines):
                problems.append(
                    f"{where}, field 'quotes': '{quote[:60]}' runs over two lines of the "
                    "article; expected one passage per line (split it into two quotes)"
                )
        for event_id in record.get("events") or ():
            if event_id in dates and dates[event_id] <= day:
                problems.append(
                    f"{where}, field 'events': '{event_id}' is dated {dates[event_id]}, not after "
                    f"the article ({day}); expected what happened next (use known_then_events)"
                )
        for event_id in record.get("known_then_events") or ():
            if event_id in dates and dates[event_id] > day:
                problems.append(
                    f"{where}, field 'known_then_events': '{event_id}' is dated "
                    f"{dates[event_id]}, after the article ({day}); expected an event a reader "
                    "could know about then"
                )
    return problems


# ---- looking things up


def ids(data_dir=None) -> list[str]:
    """The ids of the audited expectations, in file order."""
    return [r["id"] for r in load_predictions(data_dir)]


def record(prediction_id: str, data_dir=None) -> dict:
    """One record; an unknown id raises KeyError naming the ids that exist."""
    for item in load_predictions(data_dir):
        if item["id"] == prediction_id:
            return item
    known = ids(data_dir)
    close = difflib.get_close_matches(str(prediction_id), known, n=1)
    hint = f" Did you mean {close[0]!r}?" if close else ""
    raise KeyError(
        f"No expectation with id {prediction_id!r} in {FILE}.{hint} "
        f"The ids are: {', '.join(known)}."
    )


def verdict_label(verdict: str) -> str:
    return VERDICTS[verdict]


def aftermath_range(case=None) -> tuple[dt.date, dt.date]:
    """(the first day of the article's month, the last day of the last event's year).

    Wide enough that a timeline shows the article's day with the weeks before it, and that
    no marker sits on the edge of the axis; both ends come from the data.
    """
    from newscase.timeline import article_date

    if case is None:
        from newscase.core.case import load_case

        case = load_case()
    last = max(e["date"] for e in case.records["events"])
    return article_date().replace(day=1), dt.date(last.year, 12, 31)


def events_of(prediction_id: str, *, then: bool = False, case=None):
    """The events a prediction is checked against (or, with ``then``, the events a reader
    could know in May 2017), as a frame like ``timeline.events_between`` returns."""
    from newscase.timeline import events_between

    item = record(prediction_id)
    wanted = item["known_then_events"] if then else item["events"]
    frame = events_between(case=case)
    return frame[frame.index.isin(wanted)]


# ---- renderers


def line_of(quote: str) -> int:
    """The number of the article's line that contains ``quote`` (as in render_text)."""
    from newscase.core.article import lines, load_article
    from newscase.core.text import contains_quote

    for number, line in enumerate(lines(load_article()), 1):
        if contains_quote(line, quote):
            return number
    raise ValueError(f"{quote[:40]!r} is not within one line of the article")


def _quoted(quotes) -> list[str]:
    return [f"[{line_of(q)}] \u201c{q}\u201d" for q in quotes]


def verdict_key() -> Rendered:
    """What each verdict means (a small table)."""
    rows = [[VERDICTS[v], VERDICT_MEANINGS[v]] for v in VERDICTS]
    return table(["Verdict", "Meaning"], rows, caption="The verdicts of the prediction audit")


def overview(case=None) -> Rendered:
    """Every expectation: the article's words and who voices it. No verdicts: students
    judge each one first (``newscase.judge.show("prediction:<id>")``)."""
    items = load_predictions()
    rows = [
        [str(number), item["id"], _quoted(item["quotes"]), item["who"]]
        for number, item in enumerate(items, 1)
    ]
    caption = f"The article's expectations, to audit ({len(items)})"
    return table(["No.", "Id", "The article [line]", "Whose expectation"], rows, caption=caption)


def card(prediction_id: str, case=None) -> Rendered:
    """One expectation and its evidence: words, meaning, then-knowledge, outcome, sources.

    The verdict, its reasons and the other reading are not here: they open after the
    student's own judgement (``newscase.judge.show("prediction:<id>")``). The evidence
    beyond the expectation itself is in closed boxes, opened when the student judges."""
    from newscase.core.case import load_case
    from newscase.core.sources import cite
    from newscase.timeline import format_date

    case = case or load_case()
    item = record(prediction_id)
    events = {e["id"]: e for e in case.records["events"]}

    def listed(event_ids):
        chosen = sorted((events[i] for i in event_ids), key=lambda e: e["date"])
        return [f"{format_date(e['date'], e['date_precision'])}: {e['title']}" for e in chosen]

    rows = [
        ["The article says [line]", _quoted(item["quotes"])],
        ["Expectation", item["expectation"]],
        ["Whose", item["who"]],
        ["Stated, implied or reported", STANCES[item["stance"]]],
        ["By when", item["horizon"]],
    ]
    then = [["What a reader could know in May 2017", item["known_then"]]]
    if item["known_then_events"]:
        then.append(["Events up to the article's day", listed(item["known_then_events"])])
    after = [
        ["What happened", item["outcome"]],
        ["Events after the article", listed(item["events"])],
    ]
    if item.get("claim"):
        claim = case.record("claims", item["claim"])
        related = f"{claim['claim']} ('{claim['id']}')"
        after.append(["Related claim (notebook 04's ledger)", related])
    headers = ["Part", "Details"]
    return join(
        table(headers, rows, caption=f"Expectation '{item['id']}'"),
        collapsed(table(headers, then), "What a reader could know then"),
        collapsed(table(headers, after), "What happened next"),
        collapsed(
            cite(item["sources"], case, heading="Sources for this expectation"), "Sources"
        ),
    )


def hindsight_table(case=None) -> Rendered:
    """For each expectation: what a May 2017 reader could know, and the time frame given."""
    items = load_predictions()
    rows = [
        [str(n), item["id"], item["horizon"], item["known_then"]] for n, item in enumerate(items, 1)
    ]
    return table(
        ["No.", "Id", "By when (as the article puts it)", "What a reader could know in May 2017"],
        rows,
        caption="Looking back: what the article's readers could and could not know",
    )


def reading_list(kinds=("analysis", "official", "academic"), case=None) -> Rendered:
    """The analyses and official documents the audit cites (news reports left out), oldest
    first, as a numbered source list: a 'Further reading' computed from the data."""
    from newscase.core.case import load_case
    from newscase.core.sources import cite

    case = case or load_case()
    cited = {s for item in load_predictions() for s in item["sources"]}
    chosen = [case.record("sources", s) for s in sorted(cited)]
    chosen = [r for r in chosen if r["kind"] in kinds]
    chosen.sort(key=lambda r: (r.get("date") is None, str(r.get("date") or ""), r["id"]))
    return cite([r["id"] for r in chosen], case, heading="Further reading")
