"""How long a notebook takes to read as shown by default: words at 180 a minute.

    python tools/reading_time.py            every notebook: visible words, minutes, course.yaml

What counts is what a student sees without opening anything: the markdown cells, and the
text of each output outside ``<details>`` elements (the summary line of a closed box is
seen, its content is not). HTML outputs are read as their visible text; outputs without
HTML as their plain text. Code cells are not counted (students run them; they do not read
them as prose). tests/test_reading_time.py checks the result against course.yaml.
"""

from __future__ import annotations

import html
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

WORDS_PER_MINUTE = 180
ROOT = Path(__file__).resolve().parent.parent
SKIPPED_TAGS = {"script", "style", "iframe", "template"}


VOID_TAGS = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
BREAKS = {"p", "br", "li", "tr", "td", "th", "div", "summary", "caption", "h1", "h2", "h3", "h4"}


class _Visible(HTMLParser):
    """Text outside closed <details> (their <summary> stays), scripts and styles, and
    elements of the ``hidden_classes``."""

    def __init__(self, hidden_classes: tuple[str, ...] = ()):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.stack: list[tuple[str, bool]] = []  # (tag, hides its content)
        self.hidden_classes = set(hidden_classes)

    def handle_starttag(self, tag, attrs):
        if tag in BREAKS:
            self.parts.append(" ")
        if tag in VOID_TAGS:
            return
        attributes = dict(attrs)
        classes = set((attributes.get("class") or "").split())
        hides = (
            (tag == "details" and "open" not in attributes)
            or tag in SKIPPED_TAGS
            or bool(classes & self.hidden_classes)
        )
        self.stack.append((tag, hides))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        hiding = [i for i, (_, hides) in enumerate(self.stack) if hides]
        if not hiding:
            self.parts.append(data)
            return
        # the summary line of a closed box is seen: the box is the only thing hiding it
        first = hiding[0]
        if (
            len(hiding) == 1
            and self.stack[first][0] == "details"
            and first + 1 < len(self.stack)
            and self.stack[first + 1][0] == "summary"
        ):
            self.parts.append(data)


def visible_text(markup: str, hidden_classes: tuple[str, ...] = ()) -> str:
    """The text a reader sees of an HTML output without opening anything."""
    parser = _Visible(hidden_classes)
    parser.feed(markup)
    parser.close()
    return " ".join(parser.parts)


def _markdown_text(source: str) -> str:
    closed = re.compile(r"<details\b(?![^>]*\bopen\b).*?</details>", flags=re.S | re.I)
    source = closed.sub(lambda m: _summary(m.group(0)), source)
    source = re.sub(r"\]\([^)]*\)", "]", source)  # link targets are not read
    return html.unescape(re.sub(r"<[^>]+>", " ", source))


def _summary(block: str) -> str:
    found = re.search(r"<summary>(.*?)</summary>", block, flags=re.S | re.I)
    return found.group(1) if found else ""


def output_text(output: dict, hidden_classes: tuple[str, ...] = ()) -> str:
    data = output.get("data", {})
    if "text/html" in data:
        markup = data["text/html"]
        return visible_text("".join(markup) if isinstance(markup, list) else markup, hidden_classes)
    if "text/plain" in data and "image/png" not in data:
        text = data["text/plain"]
        return "".join(text) if isinstance(text, list) else text
    if output.get("output_type") == "stream":
        text = output.get("text", "")
        return "".join(text) if isinstance(text, list) else text
    return ""


def visible_words(path: Path) -> int:
    nb = json.loads(path.read_text(encoding="utf-8"))
    words = 0
    for cell in nb["cells"]:
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if cell["cell_type"] == "markdown":
            words += len(re.findall(r"\w[\w'’-]*", _markdown_text(source)))
        elif cell["cell_type"] == "code":
            for output in cell.get("outputs", []):
                words += len(re.findall(r"\w[\w'’-]*", output_text(output)))
    return words


def main() -> int:
    sys.path.insert(0, str(ROOT / "src"))
    import yaml

    outline = yaml.safe_load((ROOT / "src/newscase/data/course.yaml").read_text(encoding="utf-8"))
    print(f"{'notebook':<24}{'words':>7}{'minutes':>9}{'course.yaml':>13}{'ratio':>7}")
    for record in outline:
        path = ROOT / "notebooks" / record["file"]
        if not path.exists():
            continue
        words = visible_words(path)
        minutes = words / WORDS_PER_MINUTE
        promised = record["minutes_teaching"]
        ratio = minutes / promised
        print(f"{record['file'][:-6]:<24}{words:>7}{minutes:>9.0f}{promised:>13}{ratio:>7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
