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


class _Visible(HTMLParser):
    """Text outside closed <details> (their <summary> stays), scripts and styles."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.stack: list[str] = []  # open elements that hide text
        self.summary_depth = 0

    def handle_starttag(self, tag, attrs):
        if tag == "details" and "open" not in dict(attrs):
            self.stack.append("details")
        elif tag in SKIPPED_TAGS:
            self.stack.append(tag)
        elif tag == "summary" and self.stack and self.stack[-1] == "details":
            self.summary_depth += 1
        if tag in ("p", "br", "li", "tr", "td", "th", "div", "summary", "caption"):
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag == "summary" and self.summary_depth:
            self.summary_depth -= 1
        elif self.stack and self.stack[-1] == tag and tag in ("details", *SKIPPED_TAGS):
            self.stack.pop()

    def handle_data(self, data):
        if not self.stack or (self.summary_depth and self.stack.count("details") == 1):
            self.parts.append(data)


def visible_text(markup: str) -> str:
    parser = _Visible()
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


def output_text(output: dict) -> str:
    data = output.get("data", {})
    if "text/html" in data:
        markup = data["text/html"]
        return visible_text("".join(markup) if isinstance(markup, list) else markup)
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
