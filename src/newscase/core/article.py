"""The article itself: its unaltered text and its metadata (quotes are matched with
:func:`newscase.core.text.contains_quote`)."""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass

import yaml

from newscase.core.datafiles import default_data_dir

ARTICLE_DIR = "article"
TEXT_FILE = "article.txt"
META_FILE = "article.yaml"



@dataclass(frozen=True)
class Article:
    """The seed article: ``text`` exactly as published here, ``meta`` from article.yaml."""

    text: str
    meta: dict

    @property
    def title(self) -> str:
        return self.meta["title"]

    @property
    def source_id(self) -> str:
        """The article's own id in sources.yaml (``source`` in article.yaml)."""
        return self.meta["source"]

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def citation(self) -> str:
        m = self.meta
        return f"{m['author']}, \u201c{m['title']}\u201d, {m['outlet']}, {m['date']}. {m['url']}"


@functools.lru_cache(maxsize=1)
def load_article() -> Article:
    """Read the packaged copy of the seed article and its metadata."""
    folder = default_data_dir() / ARTICLE_DIR
    text = (folder / TEXT_FILE).read_bytes().decode("utf-8")
    meta = yaml.safe_load((folder / META_FILE).read_text(encoding="utf-8"))
    return Article(text, meta)


def lines(article: Article) -> list[str]:
    """The article's non-empty lines: headline, standfirst, caption lines, paragraphs."""
    return [line.strip() for line in article.text.splitlines() if line.strip()]


def render_text(article: Article | None = None):
    """The article, each line numbered in a margin so notebooks can refer to it (¶ n)."""
    import html as _html

    from newscase.core.display import Rendered

    article = article or load_article()
    items = lines(article)
    markup = "".join(
        f'<p><span class="newscase-para" aria-label="paragraph {i}">[{i}]</span> '
        f"{_html.escape(line)}</p>"
        for i, line in enumerate(items, start=1)
    )
    text = "\n\n".join(f"[{i}] {line}" for i, line in enumerate(items, start=1))
    return Rendered(f'<blockquote class="newscase-article">{markup}</blockquote>', text)


def render_card(article: Article | None = None):
    """Who published the article, when and where; how its details were verified."""
    from newscase.core.display import table

    article = article or load_article()
    m = article.meta
    rows = [
        ("Headline", m["title"]),
        ("Standfirst", m["standfirst"]),
        ("Author", m["author"]),
        ("Outlet", m["outlet"]),
        ("Published", str(m["date"])),
        ("Address", m["url"]),
        ("Text in this module", m["reproduction_note"]),
    ]
    if m.get("uncertain"):
        rows.append(("Not fully confirmed", list(m["uncertain"])))
    return table(("", "The article"), rows, caption="The article at a glance")
