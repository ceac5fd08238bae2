"""Your turn (notebook 06): the reading checklist, lateral reading, the same day in other
outlets, and the student's own article.

>>> from newscase.lessons import your_turn
>>> your_turn.checklist_table()          # the questions to carry to any article
>>> your_turn.coverage_table()           # 29-30 May 2017 in other outlets, with the article
>>> your_turn.articles_table()           # real reports of the same events to choose from
>>> your_turn.your_article()             # paste an article: read() it, fill the checklist

Four data files: ``capstone.yaml`` (the checklist and the list of reports to choose from),
``outlets.yaml`` (who is behind the outlets and institutes the article leans on: the
profiles a student compares with their own first guess, through ``newscase.judge``),
``coverage.yaml`` (how other outlets reported the same day, in the module's words, with
their own labels verbatim). The checklist a student fills in is saved with the quiz
answers (``progress.json``, section ``checklist``).
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

from newscase.core import progress
from newscase.core.case import load_records
from newscase.core.datafiles import cached_per_folder
from newscase.core.display import Link, Rendered, collapsed, join, paragraphs, table, with_widget
from newscase.core.text import clean, contains_quote
from newscase.core.validate import (
    Field,
    Invalid,
    Records,
    Schema,
    identifier,
    partial_date,
    text,
    text_list,
)

SECTION = "checklist"
MAX_ANSWER = 2000  # characters per checklist answer
MAX_ARTICLE = 100_000  # characters of a pasted article (read() caps it too)


def _nested(value):
    """A mapping or list as written (the words outlets used: kept verbatim)."""
    if not isinstance(value, dict | list):
        raise Invalid("expected a mapping or a list")
    return value


_nested.expects = "expected a mapping or a list"

CHECKLIST = Schema(
    "capstone.yaml",
    (Field("id", identifier), Field("question", text), Field("how", text), Field("prompt", text)),
    key="checklist",
)
ARTICLES = Schema(
    "capstone.yaml",
    (Field("id", identifier), Field("source", identifier, ref="sources"), Field("why", text)),
    key="articles",
)
OUTLETS = Schema(
    "outlets.yaml",
    (
        Field("id", identifier),
        Field("name", text),
        Field("actor", identifier, required=False, ref="actors"),
        Field("kind", text),
        Field("based_in", text),
        Field("ownership", text),
        Field("funding", text),
        Field("affiliation", text),
        Field("track_record", text_list),
        Field("what_to_check", text),
        Field("article_says", text, required=False),
        Field("sources", text_list, ref="sources"),
    ),
)
COVERAGE = Schema(
    "coverage.yaml",
    (
        Field("id", identifier),
        Field("outlet", identifier, required=False, ref="outlets"),
        Field("outlet_name", text),
        Field("source", identifier, ref="sources"),
        Field("date", partial_date, required=False),
        Field("headline", text, required=False),
        Field("led_with", text),
        Field("labels", _nested),
        Field("voices", text_list),
        Field("photo", text, required=False),
        Field("note", text),
        Field("sources", text_list, ref="sources"),
    ),
)


def _article_says_verbatim(records: Records, _case) -> list[str]:
    from newscase.core.article import load_article

    article = load_article().text
    return [
        f"{where}, field 'article_says': '{r['article_says'][:60]}' is not in the article"
        for r, where in records.located()
        if r.get("article_says") and not contains_quote(article, r["article_says"])
    ]


@cached_per_folder
def load_outlets(folder: Path) -> Records:
    """Who is behind each outlet (outlets.yaml), checked."""
    return load_records(OUTLETS, folder, checks=[_article_says_verbatim])


@cached_per_folder
def load_coverage(folder: Path) -> Records:
    """The same day in other outlets (coverage.yaml), checked against outlets.yaml."""
    outlets = {r["id"] for r in load_outlets(folder)}
    return load_records(COVERAGE, folder, extra_ids={"outlets": outlets})


@cached_per_folder
def load_checklist(folder: Path) -> Records:
    """The reading checklist (capstone.yaml, ``checklist``)."""
    return load_records(CHECKLIST, folder, with_case=False)


@cached_per_folder
def load_articles(folder: Path) -> Records:
    """Real reports of the same events a student may choose (capstone.yaml, ``articles``)."""
    return load_records(ARTICLES, folder)


# ---- what the notebook shows


def checklist_table(data_dir=None) -> Rendered:
    """The checklist: each question, and where in the module its method was taught."""
    rows = [(c["question"], c["how"]) for c in load_checklist(data_dir)]
    return table(("Ask", "How (where you learned it)"), rows, caption="The reading checklist")


def profile(outlet_id: str, data_dir=None) -> Rendered:
    """One outlet's profile: who owns it, who pays for it, its ties and its record."""
    outlet = next((o for o in load_outlets(data_dir) if o["id"] == outlet_id), None)
    if outlet is None:
        from newscase.core.errors import NameNotFound

        known = ", ".join(o["id"] for o in load_outlets(data_dir))
        raise NameNotFound(f"no outlet {outlet_id!r}; the profiles are: {known}")
    rows = [
        ("Kind", outlet["kind"]),
        ("Based in", outlet["based_in"]),
        ("Owned by", outlet["ownership"]),
        ("Paid for by", outlet["funding"]),
        ("Ties", outlet["affiliation"]),
        ("Track record", list(outlet["track_record"])),
        ("What to check", outlet["what_to_check"]),
        ("Sources", ", ".join(outlet["sources"])),
    ]
    if outlet.get("article_says"):
        rows.insert(0, ("The article calls it", f"\u201c{outlet['article_says']}\u201d"))
    return table(("", outlet["name"]), rows, caption=f"Who is behind it: {outlet['name']}")


def coverage_table(data_dir=None) -> Rendered:
    """29-30 May 2017 in each outlet: what it led with, its words for the PMU, its voices."""
    from newscase.core.case import load_case

    sources = {s["id"]: s for s in load_case(data_dir).records["sources"]}
    rows = []
    for report in load_coverage(data_dir):
        link = sources[report["source"]].get("url")
        where = Link(report["outlet_name"], link) if link else report["outlet_name"]
        labels = report["labels"].get("pmu", []) if isinstance(report["labels"], dict) else []
        rows.append(
            (
                where,
                report["date"] or "not shown",
                f"\u2018{report['headline']}\u2019" if report.get("headline") else "not shown",
                report["led_with"],
                [f"\u2018{w}\u2019" for w in labels] or ["\u2014"],
            )
        )
    shown = table(
        ("Outlet", "Date", "Headline", "What it led with", "Its words for the PMU"),
        rows,
        caption="The same day, other outlets: how the PMU's arrival at the border was reported",
    )
    details = table(
        ("Outlet", "Voices", "Photo", "Note"),
        [
            (r["outlet_name"], list(r["voices"]), r.get("photo") or "\u2014", r["note"])
            for r in load_coverage(data_dir)
        ],
    )
    summary = "Their voices, photos and what to notice (open on demand)"
    return join(shown, collapsed(details, summary))


def articles_table(data_dir=None) -> Rendered:
    """Real reports of the same events, to pick one for your own reading (links open them)."""
    from newscase.core.case import load_case

    sources = {s["id"]: s for s in load_case(data_dir).records["sources"]}
    rows = []
    for item in load_articles(data_dir):
        source = sources[item["source"]]
        title = Link(source["title"], source["url"]) if source.get("url") else source["title"]
        rows.append((title, source["outlet"], str(source.get("date") or ""), item["why"]))
    return table(
        ("Report", "Outlet", "Date", "Why this one"),
        rows,
        caption="Real reports of the same events: choose one, open it, and paste its text below",
    )


# ---- the student's own article, and their checklist


def saved_answers(home=None) -> dict[str, str]:
    """The student's saved checklist answers: question id -> text."""
    entry = progress.load(home, SECTION).get("own-article") or {}
    answers = entry.get("answers") if isinstance(entry.get("answers"), dict) else {}
    return {k: v for k, v in answers.items() if isinstance(v, str)}


def save_answers(answers: dict, about: str = "", home=None) -> str | None:
    """Save checklist answers (cleaned, empty ones left out); the sentences to show when
    saving had trouble, else None. Nothing already saved is lost: answers merge."""
    known = {c["id"] for c in load_checklist()}
    cleaned = {}
    for key, value in answers.items():
        if key in known and isinstance(value, str):
            value = clean(value)[:MAX_ANSWER]
            if value:
                cleaned[key] = value

    def change(entry: dict) -> dict:
        merged = dict(entry.get("answers") or {})
        merged.update(cleaned)
        return {
            "answers": merged,
            "about": clean(about)[:300] or entry.get("about", ""),
            "updated": progress.now(),
        }

    return progress.update("own-article", change, home, SECTION)


def parse_published(value) -> tuple[dt.date | None, str]:
    """A publication date typed as YYYY-MM-DD (or empty); (date or None, a message or "")."""
    if value in (None, ""):
        return None, ""
    if isinstance(value, dt.date):
        return value, ""
    try:
        return dt.date.fromisoformat(clean(str(value))), ""
    except ValueError:
        return None, (
            f"\u201c{clean(str(value))[:20]}\u201d is not a date written YYYY-MM-DD (for example "
            "2017-05-29; if you know only the month, write its first day, 2017-05-01); "
            "relative dates such as \u201con Monday\u201d are left unresolved."
        )


class YourArticle:
    """Paste an article, read it, and fill the checklist (a widget; a static form without
    a kernel)."""

    def __init__(self, text: str | None = None, published=None, outlet: str | None = None):
        self.text, self.published, self.outlet = text, published, outlet

    def static(self) -> Rendered:
        items = "".join(
            f"<li><strong>{html.escape(c['question'])}</strong><br><em>{html.escape(c['prompt'])}"
            "</em></li>"
            for c in load_checklist()
        )
        note = (
            "Run this notebook to paste an article here and read it with newscase.read(). "
            "Without a kernel, copy the checklist and answer it on paper:"
        )
        markup = (
            f'<div class="newscase-your-article"><p><em>{html.escape(note)}</em></p>'
            f"<ol>{items}</ol></div>"
        )
        lines = [note, *(f"{n}. {c['question']}" for n, c in enumerate(load_checklist(), 1))]
        return Rendered(markup, "\n".join(lines))

    def widget(self):
        return _Panel(self).box

    def _repr_mimebundle_(self, include=None, exclude=None):
        return with_widget(self.static(), self.widget)

    def __repr__(self) -> str:
        return self.static().text


class _Panel:
    """The controls: the article, its date and outlet, Read it; then the checklist, Save."""

    def __init__(self, view: YourArticle):
        import ipywidgets as widgets

        self.article = widgets.Textarea(
            value=view.text or "",
            placeholder="Paste the text of an article here (the headline first)",
            description="Article",
            rows=10,
            layout=widgets.Layout(width="95%"),
        )
        self.article.add_class("newscase-your-article-text")
        self.published = widgets.Text(
            value=str(view.published or ""), placeholder="YYYY-MM-DD", description="Published"
        )
        self.outlet = widgets.Text(value=view.outlet or "", description="Outlet")
        self.read_button = widgets.Button(description="Read it", tooltip="Run newscase.read()")
        self.read_button.add_class("newscase-your-article-read")
        self.read_button.on_click(lambda _b: self.read())
        self.findings = widgets.HTML("")
        self.findings.add_class("newscase-your-article-findings")
        saved = saved_answers()
        self.answers = {}
        rows = []
        for item in load_checklist():
            box = widgets.Textarea(
                value=saved.get(item["id"], ""),
                placeholder=item["prompt"],
                layout=widgets.Layout(width="95%"),
                rows=3,
            )
            self.answers[item["id"]] = box
            rows += [widgets.HTML(f"<p><strong>{html.escape(item['question'])}</strong></p>"), box]
        self.save_button = widgets.Button(description="Save my checklist")
        self.save_button.add_class("newscase-your-article-save")
        self.save_button.on_click(lambda _b: self.save())
        self.status = widgets.HTML("")
        top = widgets.VBox([self.article, widgets.HBox([self.published, self.outlet]),
                            self.read_button, self.findings])  # fmt: skip
        self.box = widgets.VBox([top, *rows, self.save_button, self.status])
        self.box.add_class("newscase-your-article")
        if view.text:
            self.read()

    def read(self):
        """Read the pasted text with newscase.read(); show what it found. Returns the Reading."""
        from newscase.reader import read

        published, problem = parse_published(self.published.value)
        text = self.article.value
        if not text.strip():
            self.findings.value = _note("Paste an article's text first, then press Read it.")
            return None
        reading = read(text[:MAX_ARTICLE], published=published, outlet=self.outlet.value or None)
        shown = reading._repr_mimebundle_()["text/html"]
        self.findings.value = (_note(problem) if problem else "") + shown
        return reading

    def save(self) -> str | None:
        """Save the checklist answers typed so far."""
        told = save_answers({k: box.value for k, box in self.answers.items()},
                            about=self.outlet.value)  # fmt: skip
        filled = sum(1 for box in self.answers.values() if box.value.strip())
        self.status.value = (
            _note(told)
            if told
            else f"<p><small>Saved: {filled} of {len(self.answers)} answers.</small></p>"
        )
        return told


def _note(message: str) -> str:
    style = "border-left:4px solid #b26a00;padding:2px 8px"
    return f'<p role="status" style="{style}">{html.escape(message)}</p>'


def your_article(text: str | None = None, published=None, outlet: str | None = None) -> YourArticle:
    """The panel for your own article: paste it, read it, answer the checklist, save."""
    return YourArticle(text, published, outlet)


def paragraphs_of_task() -> Rendered:
    """The capstone's steps in one paragraph each (for the notebook's section 4)."""
    return paragraphs(
        "1. Choose an article: one from the list above, or any report of the events you are "
        "following.",
        "2. Paste its text into the box, give its date and outlet, and press Read it.",
        "3. Answer the checklist in your own words: what read() found is where you start, "
        "not the answer. Note what it missed or got wrong.",
        "4. Save your checklist; it is kept with your quiz answers.",
    )
