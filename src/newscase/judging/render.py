"""An item to judge as static HTML and text: the module's view stays in a closed box.

Without a kernel (committed outputs, HTML exports, the course site) the module's verdict
and reasons sit inside ``<details>`` under "Decide first, then open", and the plain text
does not give them at all. Once the student has committed a judgement, the same renderer
shows it beside the module's view, opened.
"""

from __future__ import annotations

import html

from newscase.core.display import Rendered
from newscase.judging.model import (
    ATTRIBUTION_MEANINGS,
    VERDICT_MEANINGS,
    Comparison,
    Item,
    Judgement,
)

KIND_TITLES = {
    "claim": "A claim of the article",
    "prediction": "An expectation of the article",
    "writing": "A writing task",
    "lateral": "Lateral reading: who is behind it?",
    "debrief": "A debrief question",
}
REVEAL = "Decide first, then open: the module's view"
HOW = {
    "claim": "Decide first: choose on the scale and write a one-line reason (the notebook "
    "records them when it runs), then open the box below.",
    "writing": "Write your own answer first (in your answer cell, or in the box when the "
    "notebook runs), then open the box below.",
    "debrief": "Decide first: choose a desk and write a one-line reason (the notebook records "
    "them when it runs), then open the box below.",
    "lateral": "Write first what you think this is (who owns it, who pays for it, its ties) and "
    "where you would look it up, then open the box below: what the module found.",
}
HOW["prediction"] = HOW["claim"]


def _e(text: str) -> str:
    return html.escape(str(text), quote=True)


def scale_html(item: Item) -> str:
    if item.kind in ("writing", "lateral"):
        return ""
    if item.kind == "debrief":
        options = "; ".join(item.label(c) for c in item.choices)
        return f'<p class="newscase-scale"><small>Choose a desk: {_e(options)}.</small></p>'
    rows = "".join(
        f"<li><strong>{_e(v)}</strong>: {_e(VERDICT_MEANINGS[v])}</li>" for v in item.choices
    )
    said = ""
    if item.asks_attribution:
        said = "".join(
            f"<li><strong>{_e(a)}</strong>: {_e(m)}</li>" for a, m in ATTRIBUTION_MEANINGS.items()
        )
        said = (
            "<p><small>Was it said as reported?</small></p>"
            f'<ul class="newscase-scale"><small>{said}</small></ul>'
        )
    return (
        f'<p><small>Does it hold?</small></p><ul class="newscase-scale"><small>{rows}</small></ul>'
        f"{said}"
    )


def header_html(item: Item) -> str:
    prompt = (
        f"<blockquote>\u201c{_e(item.prompt)}\u201d</blockquote>"
        if item.kind in ("claim", "prediction")
        else f"<p><strong>{_e(item.prompt)}</strong></p>"
    )
    context = f"<p>{_e(item.context)}</p>" if item.context else ""
    return (
        f'<p class="newscase-judge-kind"><em>{_e(KIND_TITLES[item.kind])}</em> '
        f"<small>({_e(item.id)})</small></p>{prompt}{context}"
    )


def module_view_html(item: Item, source_names: dict[str, str] | None = None) -> str:
    """The module's verdict, reasons, other reading and sources (escaped)."""
    parts = []
    if item.verdict:
        meaning = VERDICT_MEANINGS.get(item.verdict, "")
        parts.append(
            f"<p><strong>The module's verdict: {_e(item.label(item.verdict))}</strong>"
            + (f" ({_e(meaning)})" if meaning else "")
            + "</p>"
        )
    if item.attribution:
        parts.append(
            f"<p><strong>Said as reported? {_e(item.attribution)}</strong> "
            f"({_e(ATTRIBUTION_MEANINGS[item.attribution])})</p>"
        )
    if item.explanation:
        titles = {"writing": "Model answer", "lateral": "What the module found"}
        title = titles.get(item.kind, "Why")
        parts.append(f"<p><strong>{title}:</strong> {_e(item.explanation)}</p>")
    if item.other_reading:
        parts.append(f"<p><strong>Another reading:</strong> {_e(item.other_reading)}</p>")
    if item.look_for:
        points = "".join(f"<li>{_e(p)}</li>" for p in item.look_for)
        parts.append(f"<p><strong>Look for:</strong></p><ul>{points}</ul>")
    if item.sources:
        names = source_names or {}
        listed = "; ".join(_e(names.get(s, s)) for s in item.sources)
        parts.append(f"<p><small>Evidence: {listed}</small></p>")
    return "".join(parts)


def judgement_html(item: Item, judgement: Judgement, comparison: Comparison) -> str:
    if item.kind in ("writing", "lateral"):
        mine = f"<p><strong>Your answer:</strong> {_e(judgement.text)}</p>"
    else:
        said = (
            f" Said as reported? <strong>{_e(judgement.attribution)}</strong>."
            if judgement.attribution
            else ""
        )
        mine = (
            f"<p><strong>Your verdict: {_e(item.label(judgement.verdict))}</strong>.{said} "
            f"Your reason: {_e(judgement.reason)}</p>"
        )
    return f'{mine}<p class="newscase-judge-compare">{_e(comparison.summary)}</p>'


def static(item: Item, source_names: dict[str, str] | None = None) -> Rendered:
    """The item before any judgement: the module's view closed in ``<details>``."""
    how = HOW[item.kind]
    markup = (
        f'<div class="newscase-judge">{header_html(item)}{scale_html(item)}'
        f"<p><em>{_e(how)}</em></p>"
        f'<details class="newscase-reveal"><summary>{_e(REVEAL)}</summary>'
        f"{module_view_html(item, source_names)}</details></div>"
    )
    text = "\n".join(
        [
            f"{KIND_TITLES[item.kind]} ({item.id})",
            f"\u201c{item.prompt}\u201d" if item.kind in ("claim", "prediction") else item.prompt,
            *([item.context] if item.context else []),
            how,
            "(The module's view is in a closed box in the HTML view; it is not repeated here.)",
        ]
    )
    return Rendered(markup, text)
