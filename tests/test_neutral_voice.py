"""A neutral voice of our own (issue 16, item 6).

The loaded terms of terms.yaml (and their variants) may appear in the module's own text only
inside quotation marks, or, where a sentence attributes an unquoted label to someone, when that
use is listed in ALLOWED below with the reason. "The module's own text" is: the markdown of
every notebook and exercise source, the string literals of their code cells that read as prose,
the text fields of every data file, and the string literals (not docstrings) of the package,
which hold its figure labels, captions and messages; and the guides (README.md,
ARCHITECTURE.md, docs/) with the strings of the scripts that title the site.

Not checked, because they are other people's words: the article itself, verbatim quotes
(``quote``/``quotes`` fields, checked against their sources elsewhere), the titles of sources,
the article's own forms of the terms (terms.yaml ``term``), and names others use (``alt_names``,
``article_mentions``).
"""

from __future__ import annotations

import ast
import csv
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from newscase.core.terms import Term, load_terms
from newscase.core.text import normalise

from helpers import PACKAGE_DATA, ROOT

# Forms the article does not use but the module might: the same label in other spellings.
# Plurals are matched for every form (an optional trailing "s").
VARIANTS = {
    "iranian_backed": ("Iran-backed", "Iranian backed", "Iran backed", "Iranian-supported"),
    "militias": ("militiaman", "militiamen"),
    "iranian_regime": ("Tehran regime", "regime in Tehran"),
    "syrian_regime": ("Assad regime", "pro-regime", "regime forces", "regime in Damascus"),
    "shiite_crescent": ("Shiite crescent", "Shia crescent", "Shi'a crescent"),
    "shiite_axis": ("Shiite axis", "Shia axis", "Shi'a axis"),
    "liberating": ("liberate", "liberated", "liberates", "liberator"),
    "lightning_offensive": ("lightning advance", "lightning campaign"),
}

# A use is allowed when it sits inside quotation marks ("...", “...”, ‘...’ or '...'), or when
# it is listed here: (where, phrase around the use, why it is not the module's own label).
# `where` names the file and record (or notebook cell) as module_texts() does; `phrase` must
# occur in that text and contain the use. Every entry must match a use (no stale entries).
SAYS = "what the source says, in a note that attributes it to the source"
ALLOWED: tuple[tuple[str, str, str], ...] = (
    # Paraphrases of a named analyst, attributed by name and year in the same sentence.
    (
        "predictions.yaml, record 'crescent_strategy', field 'outcome'",
        "FDD (2019) described an Iranian land corridor taking shape",
        "FDD's description, attributed to it",
    ),
    (
        "quizzes/05_aftermath.yaml, record '05-untestable', field 'explanation'",
        "some described an Iranian land corridor taking shape (FDD, 2019)",
        "FDD's description, attributed to it",
    ),
    # The Israeli army's words for the groups it accused, in a sentence that says so.
    (
        "events.csv, record 'albukamal_strikes_2019', field 'summary'",
        "the Israeli army said militias under the command of Iran's Quds Force",
        "the Israeli army's description, attributed to it",
    ),
    # A question asking which names the article uses: the option mentions the headline's
    # label. Quoting only the article's names among the options would give the answer away.
    (
        "quizzes/02_actors.yaml, record '02-pmu-names', field 'answer[1]'",
        "Iranian-backed militias",
        "a name the article uses, offered as an answer to 'which names does it use?'",
    ),
    (
        "quizzes/02_actors.yaml, record '02-pmu-names', field 'options[1].text'",
        "Iranian-backed militias",
        "a name the article uses, offered as an answer to 'which names does it use?'",
    ),
    # Notes on sources that report what the source itself says ("says", "reports", "found").
    # sources.yaml is being revised for issue 16 (items 1-3): update these with it.
    (
        "sources.yaml, record 'globalsecurity-liberating-tikrit', field 'note'",
        "says the militias 'answer to Tehran'",
        SAYS + " (and flags the wording as partisan)",
    ),
    (
        "sources.yaml, record 'interia-2015-tikrit-militias-withdraw', field 'note'",
        "reports looting and burning in Tikrit attributed to Shia militias",
        SAYS,
    ),
    (
        "sources.yaml, record 'mnews-2019-embassy-stormed', field 'note'",
        "says Muhandis led the militia",
        SAYS,
    ),
    (
        "sources.yaml, record 'pukmedia-2017-kocho-liberated', field 'note'",
        "says PMU liberated Kocho",
        SAYS,
    ),
    (
        "sources.yaml, record 'inss-2018-land-corridor', field 'note'",
        "found no significant use of the corridor",
        SAYS,
    ),
)

# Fields of data records that hold other people's words, not the module's.
NOT_OURS = {
    "quote": "verbatim quotes, checked against the article or their source elsewhere",
    "quotes": "verbatim quotes (predictions.yaml)",
    "alt_names": "names other people use for an actor or place",
    "article_mentions": "the article's own words for an actor",
    "article_mention": "the article's own words for a place (places.csv)",
    "key_terms": "the speakers' own words (framings.yaml), each quoted in its framing",
}
NOT_OURS_IN = {
    "sources.yaml": {"title": "the titles of other people's work", "outlet": "a name"},
    "terms.yaml": {"term": "the article's forms of the loaded terms, by definition loaded"},
    "article_sentences.yaml": {"text": "the article's own sentences, verbatim"},
    "glossary.yaml": {"article_spelling": "the article's own words for a term, verbatim"},
    "coverage.yaml": {
        "headline": "each outlet's own headline, verbatim",
        "labels": "the words each outlet used, verbatim (what students compare)",
    },
    "article/article.yaml": {
        "title": "the article's headline",
        "standfirst": "the article's standfirst",
    },
}
# A string with no white space is an id, a key or a slug, not prose.
NOT_PROSE = re.compile(r"\S*")


@dataclass(frozen=True)
class Use:
    """One unquoted use of a loaded term in one text."""

    where: str
    term: str
    text: str  # the words matched, verbatim
    start: int
    end: int


@dataclass(frozen=True)
class Text:
    """A piece of the module's own text and where it comes from."""

    where: str
    text: str


def checked_forms(term: Term) -> tuple[str, ...]:
    """The forms of a term to look for: its article forms and VARIANTS, except forms that one
    of its own neutral alternatives contains (terms.yaml offers "Islamic State (IS)" and "ISIS
    ... after giving the full name once" as neutral, so "Islamic State" and "ISIS" are not
    loaded in themselves)."""
    alternatives = [normalise(a).lower() for a in term.neutral_alternatives]
    forms = term.forms + VARIANTS.get(term.id, ())
    return tuple(
        form
        for form in forms
        if not any(normalise(form).lower() in alternative for alternative in alternatives)
    )


def term_patterns(terms: tuple[Term, ...]) -> dict[str, re.Pattern]:
    """One case-insensitive pattern per term, on text folded by normalise()."""
    patterns = {}
    for term in terms:
        forms = sorted((normalise(f) for f in checked_forms(term)), key=len, reverse=True)
        if forms:
            alternatives = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in forms)
            patterns[term.id] = re.compile(rf"(?<![\w-])(?:{alternatives})s?(?![\w-])", re.I)
    return patterns


# Quotation marks, on folded text: a double-quoted stretch, or a single-quoted one whose
# opening mark follows no letter (so apostrophes, as in Shi'ite or the article's, open
# nothing) and whose closing mark is followed by no letter (so "Shi'a" does not close one).
# Inline code in backticks is code, not prose. No quotation spans a blank line.
QUOTED = re.compile(r"\"[^\"]*\"|(?<!\w)'(?=\S).*?(?<=\S)'(?!\w)|`[^`]*`", re.S)


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every quoted stretch of a folded text, paragraph by paragraph."""
    spans = []
    for paragraph in re.finditer(r"(?:[^\n]|\n(?!\s*\n))+", text):
        offset = paragraph.start()
        spans += [(offset + m.start(), offset + m.end()) for m in QUOTED.finditer(paragraph[0])]
    return spans


def fold(text: str) -> str:
    """Curly quotes, dashes and no-break spaces as plain ones, length kept (unlike normalise)."""
    return "".join(normalise(c) if c.strip() else c for c in text) if text else text


def loaded_uses(text: Text, patterns: dict[str, re.Pattern]) -> list[Use]:
    """Every use of a loaded term in a text that no quotation mark encloses."""
    folded = fold(text.text)
    spans = quoted_spans(folded)
    return [
        Use(text.where, term, text.text[m.start() : m.end()], m.start(), m.end())
        for term, pattern in patterns.items()
        for m in pattern.finditer(folded)
        if not any(s <= m.start() and m.end() <= e for s, e in spans)
    ]


# ---- the module's own text


def _prose(value) -> bool:
    return isinstance(value, str) and not NOT_PROSE.fullmatch(value)


def _walk(value, path: str) -> Iterator[tuple[str, str]]:
    """(field path, string) for every string in a YAML value, keys of mappings included."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in NOT_OURS:
                continue
            if _prose(key):
                yield path, key
            yield from _walk(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for n, item in enumerate(value):
            yield from _walk(item, f"{path}[{n}]")
    elif _prose(value):
        yield path, value


def _record_name(record, n: int) -> str:
    if isinstance(record, dict):
        for key in ("id", "file", "notebook"):
            if isinstance(record.get(key), str):
                return f"'{record[key]}'" if key == "id" else f"'{record[key]}' (item {n})"
    return f"item {n}"


def data_texts(folder: Path) -> Iterator[Text]:
    """The text fields of every data file in a data folder (YAML and CSV)."""
    for path in sorted(folder.rglob("*.yaml")):
        name = path.relative_to(folder).as_posix()
        skip = NOT_OURS_IN.get(name, {})
        records = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(records, dict):
            records = [records]
        for n, record in enumerate(records, start=1):
            where = f"{name}, record {_record_name(record, n)}"
            for field, value in _walk(record, ""):
                if field.split(".")[0].split("[")[0] not in skip:
                    yield Text(f"{where}, field '{field}'", value)
    for path in sorted(folder.rglob("*.csv")):
        name = path.relative_to(folder).as_posix()
        with path.open(encoding="utf-8", newline="") as handle:
            for n, row in enumerate(csv.DictReader(handle), start=1):
                record = row.get("id") or f"item {n} ({row.get('source')}-{row.get('target')})"
                for field, value in row.items():
                    if field not in NOT_OURS and _prose(value):
                        yield Text(f"{name}, record {record!r}, field '{field}'", value)


def _code_strings(source: str) -> Iterator[str]:
    """String literals of Python source that read as prose (docstrings excluded)."""
    lines = [line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))]
    tree = ast.parse("\n".join(lines))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and _prose(node.value) and id(node) not in docstrings:
            yield node.value


def notebook_texts(path: Path, root: Path = ROOT) -> Iterator[Text]:
    """Markdown cells, and prose string literals of code cells, of one notebook."""
    name = path.relative_to(root).as_posix()
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    for n, cell in enumerate(cells):
        source = "".join(cell["source"])
        where = f"{name}, cell {n} ({cell.get('id', '?')})"
        if cell["cell_type"] == "markdown":
            yield Text(where, source)
        elif cell["cell_type"] == "code":
            for string in _code_strings(source):
                yield Text(where, string)


def package_texts(package: Path) -> Iterator[Text]:
    """Prose string literals of the package's modules: labels, captions, messages."""
    for path in sorted(package.rglob("*.py")):
        name = path.relative_to(ROOT).as_posix()
        for string in _code_strings(path.read_text(encoding="utf-8")):
            yield Text(name, string)


NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted(
    (ROOT / "exercises" / "source").rglob("*.ipynb")
)


# The guides students and instructors read, on the site too. docs/glossary.md is left out:
# it is generated from glossary.yaml (checked above), and lists other people's names for terms.
GUIDES = [ROOT / "README.md", ROOT / "ARCHITECTURE.md", ROOT / "exercises" / "README.md"] + [
    path for path in sorted((ROOT / "docs").glob("*.md")) if path.name != "glossary.md"
] + sorted((ROOT / "exercises" / "source").glob("*/RUBRIC.md"))
# Scripts whose strings reach readers: the site's and JupyterLite's titles and pages.
SITE_SCRIPTS = [ROOT / "site" / "conf.py", *sorted((ROOT / "tools").glob("*.py"))]
FENCED_CODE = re.compile(r"^```.*?^```", re.S | re.M)
# In a guide's YAML examples, the fields that would reach a student as the module's words.
EXAMPLE_PROSE = re.compile(
    r"^[\s-]*(?:prompt|feedback|explanation|hint|text|summary|note):[ \t]*(.+)$", re.M
)


def guide_texts(path: Path) -> Iterator[Text]:
    """A markdown guide's prose, paragraph by paragraph (fenced code is code, not prose,
    except the prose fields of its YAML examples, which instructors copy into the data)."""
    name = path.relative_to(ROOT).as_posix()
    text = path.read_text(encoding="utf-8")
    for block in FENCED_CODE.findall(text):
        if block.startswith("```yaml"):
            for field in EXAMPLE_PROSE.finditer(block):
                yield Text(f"{name} (YAML example)", field.group(1))
    for paragraph in re.split(r"\n\s*\n", FENCED_CODE.sub("", text)):
        if paragraph.strip():
            yield Text(name, paragraph)


def module_texts(data: Path = PACKAGE_DATA) -> Iterator[Text]:
    """All of the module's own text (see the module docstring)."""
    for path in NOTEBOOKS:
        yield from notebook_texts(path)
    yield from data_texts(data)
    yield from package_texts(ROOT / "src" / "newscase")
    for path in GUIDES:
        yield from guide_texts(path)
    for path in SITE_SCRIPTS:
        for string in _code_strings(path.read_text(encoding="utf-8")):
            yield Text(path.relative_to(ROOT).as_posix(), string)


def allowed(use: Use, text: str, entries=ALLOWED) -> bool:
    """True if an ALLOWED entry names this text and a phrase in it that contains the use."""
    for where, phrase, _ in entries:
        if where != use.where:
            continue
        for found in re.finditer(re.escape(phrase), text):
            if found.start() <= use.start and use.end <= found.end():
                return True
    return False


def unquoted_uses(texts, terms: tuple[Term, ...]) -> list[tuple[Use, str]]:
    """(use, its text) for every unquoted use of a loaded term in the texts."""
    patterns = term_patterns(terms)
    return [(use, text.text) for text in texts for use in loaded_uses(text, patterns)]


def _context(use: Use, text: str) -> str:
    return " ".join(text[max(0, use.start - 50) : use.end + 30].split())


TERMS = load_terms()
USES = unquoted_uses(list(module_texts()), TERMS)


# ---- the module's own voice


def test_no_loaded_term_in_the_modules_own_voice():
    stray = [
        f"{use.where}: '{use.text}' ({use.term}) in '... {_context(use, text)} ...'"
        for use, text in USES
        if not allowed(use, text)
    ]
    assert not stray, (
        "a loaded term of terms.yaml in the module's own voice: quote it and say whose word "
        "it is, use a neutral alternative, or (for an attributed use) add it to ALLOWED:\n"
        + "\n".join(stray)
    )


@pytest.mark.parametrize("entry", ALLOWED, ids=lambda e: f"{e[0]}: {e[1]}")
def test_every_allowed_use_is_still_there_and_says_why(entry):
    where, phrase, why = entry
    assert why.strip() and phrase.strip()
    assert any(allowed(use, text, [entry]) for use, text in USES), (
        f"stale ALLOWED entry: no unquoted loaded term in '{phrase}' at {where}"
    )


def test_the_scan_reads_every_kind_of_text():
    """Notebook markdown and code strings, every data file, and the package all take part."""
    wheres = [text.where for text in module_texts()]
    for expected in (
        "notebooks/05_aftermath.ipynb, cell",
        "exercises/source/framings/framings.ipynb, cell",
        "events.csv, record 'albukamal_strikes_2019', field 'summary'",
        "quizzes/05_aftermath.yaml, record",
        "article/article.yaml, record item 1, field 'uncertain[2]'",
        "src/newscase/lessons/geography.py",
        "README.md",
        "docs/instructors.md",
        "site/conf.py",
        "tools/site_sources.py",
        "docs/quizzes.md (YAML example)",
        "exercises/source/framings/RUBRIC.md",
    ):
        assert any(w.startswith(expected) for w in wheres), expected
    assert "docs/glossary.md" not in wheres  # generated from glossary.yaml, scanned as data
    assert not [w for w in wheres if "field 'quote'" in w]
    assert not [w for w in wheres if w.startswith("sources.yaml") and w.endswith("'title'")]
    assert any(w.startswith("course.yaml") and w.endswith("field 'title'") for w in wheres)


def test_every_term_is_checked_unless_its_alternatives_make_it_neutral():
    patterns = term_patterns(TERMS)
    exempt = {t.id for t in TERMS} - set(patterns)
    # terms.yaml offers "Islamic State (IS)" and "ISIS ... after giving the full name once"
    # as neutral names, so the group's names are not loaded in themselves.
    assert exempt == {"isis_naming"}
    assert patterns["iranian_backed"].search("Iran-backed forces")
    assert patterns["militias"].search("Iraqi militiamen")
    assert patterns["corridor"].search("two corridors")


# ---- the detector itself: it must find what it is meant to find


def _uses(text: str) -> list[str]:
    return [u.text for u in loaded_uses(Text("synthetic", text), term_patterns(TERMS))]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Unidentified aircraft strike Iran-backed militias.", ["Iran-backed", "militias"]),
        ("The PMU's Shi'ite militias' leaders met.", ["militias"]),  # apostrophes quote nothing
        ("It opened a corridor; the Syrian regime agreed.", ["Syrian regime", "corridor"]),
        ("IS was driven out, liberating the town.", ["liberating"]),
        ('He spoke of "a corridor"\n\nand then of a corridor.', ["corridor"]),  # no quote spans ¶
        ("The article's 'Shi'a corridor' and ‘Shi’a corridor’ are quoted.", []),
        ('Quoted: \u201cIranian-backed militias\u201d and "the dash".', []),
        ("Code: `predictions.card(corridor)` is not prose.", []),
        ("Islamic State and ISIS are the group's names.", []),
        ("Iran-aligned armed groups and PMU units advanced.", []),
    ],
)
def test_the_detector_on_synthetic_text(text, found):
    assert sorted(_uses(text)) == sorted(found)


def test_a_planted_unquoted_term_in_a_data_file_is_found(data_copy):
    path = data_copy / "events.csv"
    text = path.read_text(encoding="utf-8")
    planted = "Overnight on 8-9 September unidentified aircraft struck"
    assert text.count(planted) == 1
    path.write_text(
        text.replace(planted, "Iran-backed militias were hit; " + planted), encoding="utf-8"
    )
    before = {(u.where, u.start) for u, t in unquoted_uses(data_texts(PACKAGE_DATA), TERMS)}
    after = unquoted_uses(data_texts(data_copy), TERMS)
    new = [(u.where, u.text) for u, t in after if not allowed(u, t)]
    assert ("events.csv, record 'albukamal_strikes_2019', field 'summary'", "Iran-backed") in new
    assert len(after) == len(before) + 2  # "Iran-backed" and "militias"


def test_a_planted_term_in_a_code_string_is_found_and_an_id_is_not(tmp_path):
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell('The "corridor" of the article.', id="zz-000"),
        nbformat.v4.new_code_cell(
            'CHOICE = "corridor"\nshow("The militias advanced.")', id="zz-001"
        ),
    ]
    path = tmp_path / "zz_planted.ipynb"
    nbformat.write(nb, path)
    found = unquoted_uses(list(notebook_texts(path, tmp_path)), TERMS)
    assert [(u.where, u.text) for u, _ in found] == [
        ("zz_planted.ipynb, cell 1 (zz-001)", "militias")
    ]


# ---- the editorial pass (issue 16, item 7): no notes on how the module was made

# Phrases that describe the module's making (its brief, the copies its makers stored, their
# tools) or promise what is not there. sources.yaml is left out: its notes say where each
# text was read, and issue 16 (items 1-3) revises them.
MAKING_OF = re.compile(
    r"\b(?:its|the|our|this) brief\b|\bstored (?:page|copy|copies|url)|\bcopy stored\b"
    r"|\bsearch tool\b|\bavailable so far\b|\bcoming soon\b",
    re.IGNORECASE,
)


def test_student_text_has_no_notes_on_how_the_module_was_made():
    found = [
        f"{text.where}: '{match[0]}'"
        for text in module_texts()
        if not text.where.startswith("sources.yaml")
        for match in MAKING_OF.finditer(text.text)
    ]
    assert not found, "say what a reader needs, not how the module was made:\n" + "\n".join(found)
    assert MAKING_OF.search("The module credits him, as its brief does")
    assert MAKING_OF.search("no stored page names the author")
