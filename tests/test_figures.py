"""Figures: deterministic PNG, alt text and a text description that nbval can compare."""

from __future__ import annotations

import base64
import io

import matplotlib
import pytest

from newscase import network, timeline
from newscase.core import figures

matplotlib.use("Agg")

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _figure(title="A <b>bold</b> & title", description="First paragraph.\n\nSecond one."):
    with figures.style():
        fig = figures.new_figure(2.0, 4.0)
        ax = fig.add_subplot()
        ax.plot([0, 1, 2], [2, 0, 1], label="a line")
        ax.set_title("Test figure")
    return figures.Figure(fig, title, description, alt="A short line chart")


def test_bundle_has_png_and_plain_text_with_the_description():
    bundle, metadata = _figure()._repr_mimebundle_()
    assert set(bundle) == {"image/png", "text/plain"}
    assert base64.b64decode(bundle["image/png"]).startswith(PNG_SIGNATURE)
    assert bundle["text/plain"] == "Figure: A <b>bold</b> & title. First paragraph. Second one."
    assert metadata == {"image/png": {"alt": "A short line chart"}}


def test_png_has_no_software_metadata_and_two_renders_are_identical():
    figure = _figure()
    first = figure.png()
    assert first.startswith(PNG_SIGNATURE)
    assert b"Software" not in first and b"matplotlib" not in first.lower()
    assert figures.render_png(figure.fig) == first
    assert _figure().png() == first, "a second, identical figure renders to the same bytes"


def test_user_rc_settings_do_not_change_the_picture():
    expected = _figure().png()
    with matplotlib.rc_context({"font.size": 30, "lines.linewidth": 9, "figure.dpi": 40}):
        assert _figure().png() == expected


def test_figures_are_not_left_open_in_pyplot():
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    _figure()
    assert plt.get_fignums() == before
    fig = plt.figure()
    figures.Figure(fig, "t", "d")
    assert plt.get_fignums() == before, "a pyplot figure is closed when wrapped"


def test_text_description_is_an_open_details_block_with_escaped_text():
    text = figures.describe(_figure())
    assert text.html.startswith('<details class="newscase-figure-text"><summary>')  # closed
    assert "Text description: A &lt;b&gt;bold&lt;/b&gt; &amp; title</summary>" in text.html
    assert "<p>First paragraph.</p><p>Second one.</p>" in text.html
    assert text.text.splitlines()[0] == "Text description: A <b>bold</b> & title"
    assert "data:image" not in text.html and "base64" not in text.html


def test_text_description_includes_the_table():
    from newscase.core.display import table

    fig = _figure()
    fig.table = table(["k", "v"], [["<x>", "1"]], caption="facts")
    text = figures.describe(fig)
    assert "<caption>facts</caption>" in text.html and "&lt;x&gt;" in text.html
    assert text.text.endswith(fig.table.text)


def test_show_displays_a_caption_the_picture_then_its_description(monkeypatch):
    import IPython.display

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda obj: shown.append(obj))
    figure = _figure()
    assert figures.show(figure) is None
    assert len(shown) == 3
    # JupyterLab draws a PNG without its metadata's alt: the caption line says it in view
    above = shown[0]._repr_mimebundle_()
    assert above["text/plain"] == f"Figure: {figure.alt}"
    assert above["text/html"].startswith('<p class="newscase-figure-caption">')
    assert "<b>" not in above["text/html"]  # escaped
    picture, _ = shown[1]._repr_mimebundle_()
    assert picture["text/plain"] == "Figure: A <b>bold</b> & title (text description below)"
    described = shown[2]._repr_mimebundle_()
    assert set(described) == {"text/html", "text/plain"}
    # nbval compares text/html and text/plain: they must never carry the PNG
    for value in (*above.values(), picture["text/plain"], *described.values()):
        assert figure.png_base64()[:40] not in value


def test_figure_html_has_alt_text_and_escapes_it():
    figure = _figure()
    figure.alt = 'A "quoted" <alt>'
    markup = figure.html()
    assert 'alt="A &quot;quoted&quot; &lt;alt&gt;"' in markup
    assert markup.startswith('<figure class="newscase-figure"><img src="data:image/png;base64,')


def test_a_figure_needs_a_title_and_a_description():
    with figures.style():
        fig = figures.new_figure(1, 1)
    with pytest.raises(ValueError, match="needs a title and a text description"):
        figures.Figure(fig, "Title", "  ")


def test_palette_is_okabe_ito():
    assert len(set(figures.OKABE_ITO.values())) == 8
    assert figures.OKABE_ITO["vermillion"] == "#D55E00"


# ---- pictures drawn when needed, rendered once per key


def _drawn(calls: list, key: str | None = "test-key"):
    def draw():
        calls.append(1)
        return _figure().fig

    return figures.Figure(draw, "Title", "Description.", key=key)


def test_a_figure_given_a_drawing_function_draws_only_when_the_picture_is_needed(monkeypatch):
    monkeypatch.setattr(figures, "_RENDERED", figures.OrderedDict())
    calls: list = []
    figure = _drawn(calls)
    assert calls == [] and figure.text().text.startswith("Text description: Title")
    first = figure.png()
    assert calls == [1] and first == _figure().png()
    assert figure.png() is first and calls == [1]


def test_a_picture_with_the_same_key_is_rendered_once(monkeypatch):
    monkeypatch.setattr(figures, "_RENDERED", figures.OrderedDict())
    calls: list = []
    first = _drawn(calls).png()
    assert _drawn(calls).png() == first and calls == [1], "the second one is not drawn"
    assert _drawn(calls, key="another key").png() == first and calls == [1, 1]
    assert _drawn(calls, key=None).png() == first and calls == [1, 1, 1], "no key: drawn"


def test_a_figure_handed_out_is_rendered_from_itself_not_from_the_cache(monkeypatch):
    monkeypatch.setattr(figures, "_RENDERED", figures.OrderedDict())
    calls: list = []
    cached = _drawn(calls).png()
    changed = _drawn(calls)
    changed.fig.axes[0].set_title("Changed by the student")
    assert changed.png() != cached and calls == [1, 1]
    assert _drawn(calls).png() == cached, "the cache still holds the unchanged picture"


def test_the_cache_keeps_the_most_recently_used_pictures(monkeypatch):
    monkeypatch.setattr(figures, "_RENDERED", figures.OrderedDict())
    monkeypatch.setattr(figures, "CACHE_SIZE", 2)
    calls: list = []
    for key in ("a", "b", "a", "c"):  # "a" used again, so "b" is the oldest when "c" comes
        _drawn(calls, key).png()
    assert list(figures._RENDERED) == ["a", "c"] and len(calls) == 3


# ---- the tight box without matplotlib's extra draw


def _print_figure_tight(fig) -> bytes:
    buffer = io.BytesIO()
    with figures.style():
        fig.canvas.print_figure(
            buffer,
            format="png",
            dpi=figures.DPI,
            metadata=figures.PNG_METADATA,
            bbox_inches="tight",
            pad_inches=figures.PAD,
            facecolor="white",
        )
    return buffer.getvalue()


def _line_chart_with_a_best_legend():
    figure = _figure()
    figure.fig.axes[0].legend(loc="best")
    figure.fig.suptitle("A suptitle far out")
    return figure.fig


@pytest.mark.parametrize(
    "make",
    [
        lambda: _figure().fig,
        _line_chart_with_a_best_legend,
        lambda: network.network_figure().fig,
        lambda: network.network_figure(focus="Badr").fig,
        lambda: network.network_figure(actors=[], kinds="founded").fig,
        lambda: timeline.timeline_figure().fig,
        lambda: timeline.timeline_figure("2017", "2017", lanes="none").fig,
        lambda: timeline.timeline_figure(actors=["krg", "peshmerga"], lanes="actors").fig,
        lambda: timeline.timeline_figure("2030", "2031").fig,
    ],
    ids=["line", "line-legend", "network", "network-focus", "network-empty", "timeline",
         "timeline-2017", "timeline-actors", "timeline-empty"],
)
def test_render_png_gives_the_bytes_of_print_figure_tight(make):
    assert figures.render_png(make()) == _print_figure_tight(make())


def test_a_figure_with_a_layout_engine_is_left_to_print_figure():
    with figures.style():
        fig = figures.new_figure(2.0, 4.0)
        fig.set_layout_engine("constrained")
        fig.add_subplot().set_title("Constrained")
    assert figures.tight_box(fig, fig.canvas) == "tight"
    assert figures.render_png(fig) == _print_figure_tight(fig)
