"""Renderers: the framing toolkit's results as tables and as the article with terms marked.

Every function returns a :class:`newscase.core.display.Rendered` (HTML and an equivalent plain
text). All text is escaped here; callers never build markup.
"""

from __future__ import annotations

import html

from newscase.core.case import resolve_case
from newscase.core.display import Link, Rendered, table
from newscase.framing import absences as _absences
from newscase.framing import structure as _structure
from newscase.framing import terms as _terms
from newscase.framing import voices as _voices


def structure_table(article=None) -> Rendered:
    """The article's parts, one row per ¶, and the oddities of the copy."""
    structure = _structure.article_structure() if article is None else _structure.split(article)
    rows = []
    for p in structure.paragraphs:
        part = p.kind if p.body_number is None else f"body paragraph {p.body_number}"
        if p.duplicate_of:
            part += f" (repeat of ¶ {p.duplicate_of})"
        rows.append((f"¶ {p.number}", part, p.text))
    parts = table(("¶", "Part", "Text (verbatim)"), rows, caption="The parts of the article")
    odd = table(
        ("¶", "Oddity of the copy"),
        [(f"¶ {o.paragraph}", o.description) for o in structure.oddities],
        caption="Oddities of the copy (the text is kept exactly as published)",
    )
    return Rendered(parts.html + odd.html, parts.text + "\n\n" + odd.text)


def voices_table(voices=None, *, include_author: bool = False, case=None) -> Rendered:
    """Who speaks: one row per quote or paraphrase (and per author assertion if asked)."""
    case = resolve_case(case)
    voices = _voices.find_voices(case) if voices is None else voices
    names = {r["id"]: r["name"] for r in case.records["actors"]}

    def who(v):
        if v.implied and v.speaker and v.label != names.get(v.speaker) and len(v.label) < 4:
            return f"{v.label} (= {names[v.speaker]}) *"  # a pronoun, resolved
        return v.label + (" *" if v.implied else "")

    rows = [
        (
            f"¶ {v.paragraph}",
            who(v),
            v.category,
            v.kind,
            v.via or "—",
            v.channel,
            v.text,
        )
        for v in voices
        if include_author or v.kind != _voices.ASSERTION
    ]
    note = " (* = speaker or outlet inferred, not stated in the sentence)"
    return table(
        ("¶", "Who", "Category", "Kind", "Via", "Attribution", "Words (verbatim)"),
        rows,
        caption="Who speaks in the article" + note,
    )


def words_table(voices=None, *, by: str = "voice") -> Rendered:
    """Whose words fill the article: words quoted, paraphrased and asserted."""
    counts = _voices.word_counts(voices, by=by)
    first = "Category" if by == "category" else "Voice"
    rows = [
        ((r.label,) if by == "category" else (r.label, r.category))
        + (r.quoted, r.paraphrased, r.asserted)
        for r in counts
    ]
    headers = (first,) + (() if by == "category" else ("Category",))
    return table(
        (*headers, "Words quoted", "Words paraphrased", "Words asserted"),
        rows,
        caption=f"Whose words fill the article (by {by})",
    )


def terms_table(terms=None, occurrences=None, case=None) -> Rendered:
    """Loaded terms: where the article uses them, alternatives, who uses which, sources."""
    terms = _terms.load_terms() if terms is None else terms
    occurrences = _terms.find_terms(terms) if occurrences is None else occurrences
    case = resolve_case(case)
    rows = []
    for term in terms:
        where = [o for o in occurrences if o.term == term.id]
        places = ", ".join(f"¶ {o.paragraph}" for o in where) or "—"
        rows.append(
            (
                " / ".join(term.forms),
                f"{len(where)}×: {places}",
                list(term.neutral_alternatives),
                list(term.who_uses),
                term.note,
                [_source_link(case, s) for s in term.sources],
            )
        )
    return table(
        (
            "Term (as the article uses it)",
            "In the article",
            "Neutral alternatives",
            "Who uses which",
            "Why it is contested",
            "Sources",
        ),
        rows,
        caption="Loaded and contested terms",
    )


def _source_link(case, source_id: str):
    record = case.record("sources", source_id)
    label = record["outlet"] + (f", {record['date']}" if record.get("date") else "")
    return Link(label, record["url"]) if record.get("url") else label


def absences_table(rows=None) -> Rendered:
    """Who is absent: actors with a stake whose own words never appear."""
    rows = _absences.find_absences() if rows is None else rows
    body = [
        (
            r.name,
            ("yes, " + r.how_named) if r.named else "no",
            r.speaks + (f" ({'; '.join(r.flags[1:])})" if len(r.flags) > 1 else ""),
            r.detail,
            r.stake,
        )
        for r in rows
    ]
    return table(
        ("Actor", "Named in the article?", "Speaks?", "How, or through whom", "Its stake"),
        body,
        caption="Who is absent: actors with a stake who are never quoted",
    )


def highlighted_article(
    terms=None, occurrences=None, article=None, *, id_prefix: str = "newscase-term"
) -> Rendered:
    """The article with every loaded term marked.

    HTML: each use is a <mark> whose title gives the neutral alternatives, followed by a
    footnote number linking to the list of terms. Text: the term in {braces} followed by
    its footnote number, {term}(n), and the same numbered list at the end. (Braces, because
    the article uses square brackets for its own insertions, as in "[Syrian] regime".)"""
    terms = _terms.load_terms() if terms is None else terms
    occurrences = _terms.find_terms(terms, article) if occurrences is None else occurrences
    structure = _structure.article_structure() if article is None else _structure.split(article)
    numbers = {t.id: i for i, t in enumerate(terms, start=1)}
    by_id = {t.id: t for t in terms}
    html_paras, text_paras = [], []
    for p in structure.paragraphs:
        mine = [o for o in occurrences if o.paragraph == p.number]
        h, t = _mark_paragraph(p, _clusters(mine), numbers, by_id, id_prefix)
        label = f"¶ {p.number}"
        html_paras.append(
            f'<p><span class="newscase-para" aria-label="paragraph {p.number}">'
            f"{html.escape(label)}</span> {h}</p>"
        )
        text_paras.append(f"{label}  {t}")
    notes_html, notes_text = [], []
    for term in terms:
        n = numbers[term.id]
        alternatives = "; ".join(term.neutral_alternatives)
        forms = " / ".join(term.forms)
        notes_html.append(
            f'<li id="{html.escape(id_prefix)}-{n}"><strong>{html.escape(forms)}</strong>: '
            f"neutral alternatives: {html.escape(alternatives)}</li>"
        )
        notes_text.append(f"({n}) {forms}: neutral alternatives: {alternatives}")
    markup = (
        '<div class="newscase-terms"><blockquote class="newscase-article">'
        + "".join(html_paras)
        + "</blockquote><p><strong>Marked terms</strong></p><ol>"
        + "".join(notes_html)
        + "</ol></div>"
    )
    text = (
        "\n\n".join(text_paras)
        + "\n\nMarked terms ({term}(n) in the text above):\n"
        + "\n".join(notes_text)
    )
    return Rendered(markup, text)


def _clusters(occurrences) -> list[tuple[int, int, list]]:
    """Overlapping occurrences merged: (start, end, occurrences) in reading order."""
    clusters: list[tuple[int, int, list]] = []
    for o in sorted(occurrences, key=lambda o: (o.start, -o.end)):
        if clusters and o.start < clusters[-1][1]:
            start, end, items = clusters[-1]
            clusters[-1] = (start, max(end, o.end), [*items, o])
        else:
            clusters.append((o.start, o.end, [o]))
    return clusters


def _mark_paragraph(paragraph, clusters, numbers, by_id, id_prefix) -> tuple[str, str]:
    text = paragraph.text
    html_parts, text_parts, cursor = [], [], 0
    for start, end, items in clusters:
        s, e = start - paragraph.start, end - paragraph.start
        ids = list(dict.fromkeys(o.term for o in items))
        refs = [numbers[i] for i in ids]
        title = " | ".join(
            f"{' / '.join(by_id[i].forms)}: neutral alternatives: "
            + "; ".join(by_id[i].neutral_alternatives)
            for i in ids
        )
        words = text[s:e]
        html_parts.append(html.escape(text[cursor:s]))
        links = ",".join(f'<a href="#{html.escape(id_prefix)}-{n}">{n}</a>' for n in refs)
        html_parts.append(
            f'<mark class="newscase-term" data-terms="{html.escape(" ".join(ids))}" '
            f'title="{html.escape(title)}">{html.escape(words)}</mark>'
            f'<sup class="newscase-term-ref">{links}</sup>'
        )
        text_parts.append(text[cursor:s])
        text_parts.append(f"{{{words}}}({','.join(map(str, refs))})")
        cursor = e
    html_parts.append(html.escape(text[cursor:]))
    text_parts.append(text[cursor:])
    return "".join(html_parts), "".join(text_parts)
