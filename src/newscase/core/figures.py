"""Figures with a text description: one convention for every chart in the module.

A :class:`Figure` wraps a matplotlib figure with a ``title`` and a ``description`` (and,
optionally, a table that carries the same facts). In a notebook::

    from newscase import timeline
    from newscase.core import figures
    figures.show(timeline.timeline_figure())

:func:`show` displays three outputs, one after the other:

1. a caption, always in view: ``text/html`` ``<p class="newscase-figure-caption">`` and
   ``text/plain`` ``"Figure: <alt text>"``; JupyterLab draws a PNG output without the
   ``alt`` of its metadata, so this line is what a screen reader meets first;
2. the picture: ``image/png`` (rendered deterministically, ``alt`` in its metadata for
   exports) and ``text/plain`` ``"Figure: <title>"``;
3. its text description: ``text/html`` ``<details><summary>Text description: ...`` (closed)
   (paragraphs, then the table) and the same as ``text/plain``.

Why separate outputs: nbval compares ``text/html`` and ``text/plain`` between the committed
notebook and a re-run, but not ``image/png``, whose bytes may change with the matplotlib or
FreeType version. So no compared output ever contains the PNG, and every figure still has
an accessible text version next to it. See docs/figures.md.

Matplotlib is imported only when a figure is made or rendered. An engine may hand
:class:`Figure` a function that draws the picture instead of the picture itself, with a
``key`` that names what is drawn: the picture is then drawn only when it is first needed,
and a picture with a key rendered before in this session is not drawn again (the PNG is
kept, :data:`CACHE_SIZE` pictures at most). The network explorer opens on the drawing of
``network_figure()``, for instance, and shows it without drawing it twice.
"""

from __future__ import annotations

import base64
import contextlib
import html
import io
import sys
from collections import OrderedDict
from collections.abc import Callable, Iterator

from newscase.core.display import Rendered
from newscase.core.lazy import loaded_large_library

DPI = 100  # pixels per inch of the PNG (fixed, whatever the notebook's settings)
WIDTH = 9.6  # inches: about 960 px, the width of a JupyterLab output area
FONT = "DejaVu Sans"  # ships with matplotlib, so every machine draws the same glyphs

# Okabe & Ito (2008): eight colours that stay distinct with the common colour-vision
# deficiencies. Figures also encode meaning by position, shape or line style, never by
# colour alone.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}
GREY = "#6E6E6E"
LIGHT = "#F2F2F2"

# rcParams every figure is made and rendered with (on top of matplotlib's defaults), so a
# student's own settings or the notebook's inline backend cannot change the picture.
RC = {
    "font.family": "sans-serif",
    "font.sans-serif": [FONT],
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "legend.frameon": False,
    "legend.fontsize": 9,
    "figure.dpi": DPI,
    "savefig.dpi": DPI,
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
    "savefig.transparent": False,
    "svg.hashsalt": "newscase",
}
PNG_METADATA = {"Software": None}  # no version string in the PNG: identical bytes per run
PAD = 0.15  # inches of white around the tight box of a figure
CACHE_SIZE = 16  # PNGs kept by key (about 50-150 KiB each), the most recently used
_RENDERED: OrderedDict[str, bytes] = OrderedDict()


@contextlib.contextmanager
def style() -> Iterator[None]:
    """Matplotlib's default style plus :data:`RC`, for making and rendering figures."""
    import matplotlib as mpl
    import matplotlib.style

    loaded_large_library()
    with matplotlib.style.context("default"), mpl.rc_context(RC):
        yield


def new_figure(height: float, width: float = WIDTH):
    """A matplotlib figure with an Agg canvas that pyplot does not know about.

    It is never shown twice by the inline backend and is freed with the last reference.
    Make it (and its axes and texts) inside ``with style():``.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure as MplFigure

    fig = MplFigure(figsize=(width, height), dpi=DPI)
    FigureCanvasAgg(fig)
    return fig


def _release(fig) -> None:
    """Drop ``fig`` from pyplot's list of open figures, if pyplot is in use at all."""
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        pyplot.close(fig)


def render_png(fig) -> bytes:
    """PNG bytes of ``fig``: Agg, fixed dpi, tight box, no Software metadata.

    Two renders of the same figure in the same environment give identical bytes: the
    bytes of ``print_figure(..., bbox_inches="tight", pad_inches=PAD)``.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    buffer = io.BytesIO()
    with style():
        canvas.print_figure(
            buffer,
            format="png",
            dpi=DPI,
            metadata=PNG_METADATA,
            bbox_inches=tight_box(fig, canvas),
            pad_inches=PAD,
            facecolor="white",
        )
    return buffer.getvalue()


def tight_box(fig, canvas):
    """The box ``bbox_inches="tight"`` would crop ``fig`` to, measured without drawing.

    For "tight", print_figure first draws the whole figure without output, so that a
    layout engine can place the axes, then measures every artist, then draws again for
    real. A figure without a layout engine (every figure of the module: their axes are
    placed when they are made) measures the same without that first draw, which is about
    a third of the time; tests/test_figures.py checks the bytes are the same. With a
    layout engine, "tight" is returned and print_figure does it all.
    """
    if fig.get_layout_engine() is not None:
        return "tight"
    return fig.get_tightbbox(canvas.get_renderer()).padded(PAD)


def _paragraphs_html(text: str) -> str:
    return "".join(f"<p>{html.escape(p)}</p>" for p in _split(text))


def _split(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


class Figure:
    """A matplotlib figure with a title, a text description and (optionally) a table.

    - ``fig``: the matplotlib figure, or a function without arguments that draws it
      (called the first time the picture is needed);
    - ``title``: short, names what is shown ("Timeline of events, 2014–2020").
    - ``description``: what a reader would see, in words, computed from the data shown
      (paragraphs separated by a blank line).
    - ``alt``: a one-line alternative text for the image (defaults to the title).
    - ``table``: a :class:`~newscase.core.display.Rendered` table with the same facts.
    - ``key``: text that determines the picture completely (the same key is the same
      picture): its PNG is rendered once per session. Leave it out when unsure.

    Displayed on its own, the output is the PNG plus ``text/plain`` "Figure: title.
    description". Use :func:`show` to display the picture and its text description.
    """

    def __init__(
        self,
        fig,
        title: str,
        description: str,
        *,
        alt: str | None = None,
        table: Rendered | None = None,
        key: str | None = None,
    ):
        if not title.strip() or not description.strip():
            raise ValueError("a figure needs a title and a text description")
        self._draw: Callable[[], object] | None = fig if callable(fig) else None
        self._fig = None if callable(fig) else fig
        if self._fig is not None:
            _release(self._fig)
        self.title = title
        self.description = description
        self.alt = alt or title
        self.table = table
        self.key = key
        self._png: bytes | None = None
        self._handed_out = False  # once the caller has the figure, it may have changed it

    @property
    def fig(self):
        """The matplotlib figure (drawn now if it was not yet)."""
        self._handed_out = True
        return self._figure()

    def _figure(self):
        if self._fig is None:
            self._fig = self._draw()
            _release(self._fig)
        return self._fig

    def png(self) -> bytes:
        """The PNG bytes (rendered once, then cached; by key across figures)."""
        if self._png is None:
            shared = self.key is not None and not self._handed_out
            if shared and self.key in _RENDERED:
                _RENDERED.move_to_end(self.key)
                self._png = _RENDERED[self.key]
            else:
                self._png = render_png(self._figure())
                if shared:
                    _RENDERED[self.key] = self._png
                    while len(_RENDERED) > CACHE_SIZE:
                        _RENDERED.popitem(last=False)
        return self._png

    def png_base64(self) -> str:
        return base64.b64encode(self.png()).decode("ascii")

    def text(self) -> Rendered:
        """The text description: a closed ``<details>`` block (HTML) and plain text."""
        return describe(self)

    def html(self) -> str:
        """``<figure>`` with the image (alt text) and caption, for widgets and exports.

        Not used in notebook outputs compared by nbval (it contains the PNG).
        """
        return (
            '<figure class="newscase-figure">'
            f'<img src="data:image/png;base64,{self.png_base64()}" '
            f'alt="{html.escape(self.alt)}" style="max-width:100%;height:auto">'
            f"<figcaption>{html.escape(self.title)}</figcaption></figure>"
        )

    def _image_bundle(self, text: str):
        return (
            {"image/png": self.png_base64(), "text/plain": text},
            {"image/png": {"alt": self.alt}},
        )

    def _repr_mimebundle_(self, include=None, exclude=None):
        return self._image_bundle(f"Figure: {self.title}. {' '.join(_split(self.description))}")

    def __repr__(self) -> str:
        return f"Figure: {self.title}"


class _Picture:
    """The image half of :func:`show` (its text/plain points at the description below)."""

    def __init__(self, figure: Figure):
        self.figure = figure

    def _repr_mimebundle_(self, include=None, exclude=None):
        return self.figure._image_bundle(f"Figure: {self.figure.title} (text description below)")


def text_description(title: str, description: str, table: Rendered | None = None) -> Rendered:
    """A closed ``<details>`` block: "Text description: <title>", paragraphs, the table."""
    summary = f"Text description: {title}"
    parts = [_paragraphs_html(description)]
    texts = [summary, *_split(description)]
    if table is not None:
        parts.append(table.html)
        texts.append(table.text)
    markup = (
        f'<details class="newscase-figure-text"><summary>{html.escape(summary)}</summary>'
        f"{''.join(parts)}</details>"
    )
    return Rendered(markup, "\n\n".join(texts))


def describe(figure: Figure) -> Rendered:
    """The text description of ``figure`` (what :func:`show` displays under the image)."""
    return text_description(figure.title, figure.description, figure.table)


def caption(figure: Figure) -> Rendered:
    """The one line :func:`show` puts above the picture: "Figure: <alt text>"."""
    return Rendered(
        f'<p class="newscase-figure-caption"><strong>Figure:</strong> '
        f"{html.escape(figure.alt)}</p>",
        f"Figure: {figure.alt}",
    )


def show(figure: Figure) -> None:
    """Display a caption, ``figure``'s image, then its text description (three outputs).

    Returns None, so ending a cell with ``figures.show(...)`` prints nothing more.
    """
    from IPython.display import display

    display(caption(figure))
    display(_Picture(figure))
    display(describe(figure))
