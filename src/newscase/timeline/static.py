"""Static views of the timeline: the numbered table, the description and the figure.

The figure numbers each event (1, 2, ... in date order); the same numbers are the No.
column of the table, which carries everything the picture shows, in words.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections import Counter
from dataclasses import dataclass

from newscase.core import figures, lookup
from newscase.core.case import resolve_case
from newscase.core.dates import MONTHS, format_date, format_range, parse_range, period_end
from newscase.core.display import Rendered, table
from newscase.timeline.model import (
    NO_PLACE,
    article_date,
    events_between,
    lanes_for,
)

HEADERS = ("No.", "Date", "Event", "Places", "Actors", "Sources")
KEY_LIMIT = 12  # at most this many events: the figure also lists every title under it

# Layout in inches (the figure is figures.WIDTH wide).
LEFT, RIGHT = 1.6, 0.3
ROW = 0.27  # height of one row of markers
MARKER = 15.0  # marker diameter in points
TOP = 0.85  # title and the article's-day label
LANE_COLOURS = (
    figures.OKABE_ITO["blue"],
    figures.OKABE_ITO["orange"],
    figures.OKABE_ITO["bluish_green"],
    figures.OKABE_ITO["reddish_purple"],
    figures.OKABE_ITO["sky_blue"],
    figures.OKABE_ITO["vermillion"],
    figures.OKABE_ITO["yellow"],
)


# ---- table


def events_table(
    events=None,
    *,
    caption: str | None = None,
    summaries: bool = False,
    numbered: bool = True,
    case=None,
) -> Rendered:
    """The events (a frame from ``events_between``; all by default) as a Rendered table.

    Columns: No. (the figure's numbers), Date (as precise as the data: "May 2017"),
    Event (title, plus the summary if ``summaries``), Places, Actors, Sources.
    """
    case = resolve_case(case)
    if events is None:
        events = events_between(case=case)
    places = lookup.names(case, "place")
    actors = lookup.names(case, "actor")
    rows = []
    for number, (_, row) in enumerate(events.iterrows(), 1):
        event = f"{row['title']}\n{row['summary']}" if summaries else row["title"]
        cells = [
            str(number),
            format_date(row["date"], row["date_precision"]),
            event,
            [places[p] for p in row["place_ids"] or ()] or "not given",
            [actors[a] for a in row["actor_ids"]],
            lookup.source_cell(row["sources"], case),
        ]
        rows.append(cells if numbered else cells[1:])
    headers = HEADERS if numbered else HEADERS[1:]
    if caption is None:
        caption = _span_caption(events)
    return table(headers, rows, caption=caption, css_class="newscase-table newscase-timeline")


def _span_caption(events) -> str:
    count = len(events)
    if not count:
        return "No events"
    plural = "s" * (count != 1)
    return f"{count} event{plural}, {span(events)}"


def span(events) -> str:
    """'from 10 June 2014 to 8 January 2020', or 'on 29 May 2017' if all on one date."""
    first, last = events["when"].iloc[0], events["when"].iloc[-1]
    return f"on {first}" if first == last else f"from {first} to {last}"


# ---- description


def _filter_phrase(actor_ids, place_ids, case) -> str:
    parts = []
    if actor_ids:
        names = lookup.names(case, "actor")
        parts.append("involving " + _or(names[a] for a in actor_ids))
    if place_ids:
        names = lookup.names(case, "place")
        parts.append("at " + _or(names[p] for p in place_ids))
    return " ".join(parts)


def _or(items) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def _numbered(events, ids) -> str:
    numbers = {event_id: n for n, event_id in enumerate(events.index, 1)}
    return "; ".join(f"{numbers[i]} {events.loc[i, 'title']}" for i in ids)


def describe_events(
    events,
    *,
    lanes: list[tuple] | None = None,
    axis: tuple[dt.date, dt.date] | None = None,
    filters: str = "",
) -> str:
    """One paragraph saying what the timeline of ``events`` shows (for the text version)."""
    count = len(events)
    day = article_date()
    when = format_date(day)
    scope = f" {filters}" if filters else ""
    if not count:
        return (
            f"No events{scope} in the dates chosen. Widen the dates or remove a filter. "
            f"The article's day is {when}."
        )
    plural = "s" * (count != 1)
    sentences = [
        f"A timeline of {count} event{plural}{scope}, {span(events)}"
        + (
            f", on a time axis from {format_date(axis[0])} to {format_date(axis[1])}."
            if axis
            else "."
        )
        + " Each event is a numbered circle; the numbers are those of the table."
    ]
    if lanes and len(lanes) > 1:
        rows = ", ".join(f"{label} ({len(ids)})" for label, ids in lanes)
        sentences.append(f"Events are drawn in rows: {rows}.")
    same_day = [
        i
        for i, row in events.iterrows()
        if row["date_precision"] == "day" and row["date"].date() == day
    ]
    if axis and not axis[0] <= day <= axis[1]:
        sentences.append(f"The article's day, {when}, lies outside the dates shown.")
    elif same_day:
        sentences.append(
            f"The article's day, {when}, is marked with a dashed line; events that day "
            f"(thick outline): {_numbered(events, same_day)}."
        )
    else:
        sentences.append(
            f"The article's day, {when}, is marked with a dashed line; no event shown falls on it."
        )
    years = Counter(d.year for d in events["date"])
    ranked = sorted(years.items(), key=lambda item: (-item[1], item[0]))
    if len(ranked) > 1 and ranked[0][1] > ranked[1][1]:  # one busiest year, not a tie
        year, most = ranked[0]
        sentences.append(f"The busiest year is {year}, with {most} events.")
    vague = [i for i, row in events.iterrows() if row["date_precision"] != "day"]
    if vague:
        listed = "; ".join(f"{_numbered(events, [i])} ({events.loc[i, 'when']})" for i in vague)
        kinds = sorted({events.loc[i, "date_precision"] for i in vague})
        period = " or ".join(kinds)
        sentences.append(
            f"{len(vague)} event{'s' * (len(vague) != 1)} known only to the {period} "
            f"(hollow circle on a bar over that {period}): {listed}."
        )
    return " ".join(sentences)


# ---- figure


@dataclass(frozen=True)
class TimelineView:
    """Everything a timeline shows, in data and in words (before anything is drawn)."""

    events: object  # DataFrame from events_between
    lanes: list
    axis: tuple
    filters: str
    title: str
    alt: str
    description: str
    table: Rendered


def timeline_view(
    start=None, end=None, *, actors=None, places=None, lanes: str = "country", case=None
) -> TimelineView:
    """The events, rows, axis and texts of a timeline (arguments as timeline_figure)."""
    case = resolve_case(case)
    events = events_between(start, end, actors=actors, places=places, case=case)
    actor_ids = lookup.resolve(actors, case, "actor")
    place_ids = lookup.resolve(places, case, "place")
    axis = _axis(*parse_range(start, end), case)
    lane_list = lanes_for(events, mode=lanes, actor_ids=actor_ids, case=case)
    filters = _filter_phrase(actor_ids, place_ids, case)
    count = len(events)
    dates = span(events) if count else "no events"
    scope = f" {filters}" if filters else ""
    day = article_date()
    when = format_date(day)
    marked = "is marked" if axis[0] <= day <= axis[1] else "lies outside the dates shown"
    return TimelineView(
        events=events,
        lanes=lane_list,
        axis=axis,
        filters=filters,
        title=f"Timeline of events{scope}, {format_range(*axis)}",
        alt=(
            f"Timeline of {count} event{'s' * (count != 1)}{scope}, {dates}; "
            f"the article's day, {when}, {marked}."
        ),
        description=describe_events(events, lanes=lane_list, axis=axis, filters=filters),
        table=events_table(
            events,
            caption=f"The events of the timeline{scope} ({_span_caption(events)})",
            case=case,
        ),
    )


def timeline_figure(
    start=None,
    end=None,
    *,
    actors=None,
    places=None,
    lanes: str = "country",
    case=None,
) -> figures.Figure:
    """The events on a time axis, numbered, in rows by country (or by actor), as a Figure.

    Arguments as :func:`events_between`; ``lanes`` is "country" (default), "actors" (one
    row per actor given) or "none". The article's day is marked. The Figure's description
    and table (show it with ``newscase.core.figures.show``) say the same in words.
    """
    view = timeline_view(start, end, actors=actors, places=places, lanes=lanes, case=case)
    return figure_of(view)


def figure_of(view: TimelineView) -> figures.Figure:
    """A TimelineView as a Figure (drawn when its picture is first needed)."""
    return figures.Figure(
        lambda: _draw(view.events, view.lanes, view.axis, view.filters),
        view.title,
        view.description,
        alt=view.alt,
        table=view.table,
        key=drawing_key(view),
    )


def drawing_key(view: TimelineView) -> str:
    """Everything :func:`_draw` reads, as text: the same key always gives the same picture.

    The events (id, date, precision, title, date as written), the lanes, the axis, the
    filters and the article's day.
    """
    events = view.events
    rows = list(
        zip(
            events.index,
            (d.isoformat() for d in events["date"]),
            events["date_precision"],
            events["title"],
            events["when"],
            strict=True,
        )
    )
    return "timeline " + repr((rows, view.lanes, view.axis, view.filters, article_date()))


def _axis(first, last, case) -> tuple[dt.date, dt.date]:
    """The drawn date range: the filter's dates, else whole years around all events."""
    dates = [r["date"] for r in case.records["events"]]
    lo = first or dt.date(min(dates).year, 1, 1)
    hi = last or dt.date(max(dates).year, 12, 31)
    return lo, hi


def _num(day: dt.date) -> float:
    import matplotlib.dates as mdates

    return float(mdates.date2num(dt.datetime(day.year, day.month, day.day)))


def _ticks(lo: dt.date, hi: dt.date) -> tuple[list[float], list[str], list[float]]:
    """Major ticks with locale-free labels, and minor ticks, for the date range."""
    days = (hi - lo).days
    step = 12 if days > 3 * 366 else 3 if days > 400 else 1
    minor_step = 3 if step == 12 else 1
    major, labels, minor = [], [], []
    month = dt.date(lo.year, lo.month, 1)
    while month <= hi + dt.timedelta(days=1):
        index = month.year * 12 + month.month - 1
        if month >= lo:
            if index % step == 0:
                major.append(_num(month))
                labels.append(
                    str(month.year)
                    if step == 12
                    else f"{MONTHS[month.month - 1][:3]}\n{month.year}"
                )
            elif index % minor_step == 0:
                minor.append(_num(month))
        month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return major, labels, minor


def _text_colour(hex_colour: str) -> str:
    """Black or white, whichever contrasts more with ``hex_colour`` (WCAG formula)."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return "black" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "white"


def _pack(items: list[tuple[float, float, str]]) -> dict[str, int]:
    """Rows for intervals (lo, hi, id) so that none overlap in a row.

    Greedy, in the order given (the table's order), each into the first row it fits.
    """
    ends: list[float] = []
    rows = {}
    for lo, hi, item in items:
        for row, end in enumerate(ends):
            if end <= lo:
                ends[row] = hi
                rows[item] = row
                break
        else:
            ends.append(hi)
            rows[item] = len(ends) - 1
    return rows


def _draw(events, lane_list, axis, filters: str):
    from matplotlib.lines import Line2D

    lo, hi = axis
    x0, x1 = _num(lo), _num(hi + dt.timedelta(days=1))
    width = figures.WIDTH - LEFT - RIGHT
    per_inch = (x1 - x0) / width
    half = (MARKER / 72 / 2 + 0.02) * per_inch
    numbers = {event_id: n for n, event_id in enumerate(events.index, 1)}
    day = article_date()
    placed = []  # (lane index, event id, x, x_start, x_end, row)
    lane_rows = []
    for lane_index, (_, ids) in enumerate(lane_list):
        items = []
        for event_id in ids:
            row = events.loc[event_id]
            start = row["date"].date()
            stop = period_end(start, row["date_precision"]) + dt.timedelta(days=1)
            a, b = _num(start), _num(stop)
            x = a if row["date_precision"] == "day" else (a + b) / 2
            items.append((min(x - half, a), max(x + half, b), event_id, x, a, b))
        rows = _pack([(i[0], i[1], i[2]) for i in items])
        lane_rows.append(max(rows.values(), default=0) + 1)
        placed += [(lane_index, i[2], i[3], i[4], i[5], rows[i[2]]) for i in items]

    pad = 0.35  # rows of space above and below each lane
    offsets, y = [], 0.0
    for rows_in_lane in lane_rows:
        offsets.append(y)
        y += rows_in_lane + 2 * pad
    total_rows = max(y, 1.0)
    axes_height = total_rows * ROW
    titles = (
        events.index
        if 0 < len(events) <= KEY_LIMIT
        else [
            i
            for i, r in events.iterrows()
            if r["date_precision"] == "day" and r["date"].date() == day
        ]
    )
    key_lines = len(titles) + (1 if len(titles) else 0)
    bottom = 0.55 + 0.35 + 0.19 * key_lines
    height = TOP + axes_height + bottom

    with figures.style():
        fig = figures.new_figure(height)
        ax = fig.add_axes(
            (LEFT / figures.WIDTH, bottom / height, width / figures.WIDTH, axes_height / height)
        )
        ax.set_xlim(x0, x1)
        ax.set_ylim(total_rows, 0)
        major, labels, minor = _ticks(lo, hi)
        ax.set_xticks(major, labels)
        ax.set_xticks(minor, minor=True)
        ax.tick_params(axis="x", labelsize=9)
        ax.spines["left"].set_visible(False)
        ax.tick_params(axis="y", length=0)
        centres, lane_labels = [], []
        for index, ((label, ids), rows_in_lane) in enumerate(
            zip(lane_list, lane_rows, strict=True)
        ):
            top = offsets[index]
            if index % 2 == 0:
                ax.axhspan(top, top + rows_in_lane + 2 * pad, color=figures.LIGHT, zorder=0, lw=0)
            centres.append(top + pad + rows_in_lane / 2)
            lane_labels.append("\n".join(textwrap.wrap(f"{label} ({len(ids)})", 20)))
        ax.set_yticks(centres, lane_labels)
        ax.grid(axis="x", which="major", color="#D0D0D0", lw=0.6, zorder=0)

        if x0 <= _num(day) <= x1:
            xd = _num(day)
            ax.axvline(xd, color="black", ls=(0, (4, 3)), lw=1.2, zorder=1)
            frac = (xd - x0) / (x1 - x0)
            ha = "left" if frac < 0.15 else "right" if frac > 0.85 else "center"
            ax.annotate(
                f"The article: {format_date(day)}",
                xy=(xd, 0),
                xycoords="data",
                xytext=(0, 4),
                textcoords="offset points",
                ha=ha,
                va="bottom",
                fontsize=9,
                fontweight="bold",
                annotation_clip=False,
            )

        for lane_index, event_id, x, a, b, row in placed:
            colour = LANE_COLOURS[lane_index % len(LANE_COLOURS)]
            if lane_list[lane_index][0] == NO_PLACE:
                colour = figures.GREY
            yy = offsets[lane_index] + pad + row + 0.5
            event = events.loc[event_id]
            exact = event["date_precision"] == "day"
            on_day = exact and event["date"].date() == day
            if not exact:
                ax.plot(
                    [a, b],
                    [yy, yy],
                    color=colour,
                    lw=4,
                    alpha=0.55,
                    solid_capstyle="butt",
                    zorder=2,
                )
            ax.scatter(
                [x],
                [yy],
                s=MARKER**2,
                marker="o",
                zorder=3,
                facecolors=colour if exact else "white",
                edgecolors="black",
                linewidths=2.2 if on_day else 0.7,
                clip_on=False,  # an event on the last day drawn stays whole
            )
            ax.text(
                x,
                yy,
                str(numbers[event_id]),
                ha="center",
                va="center_baseline",
                fontsize=7,
                color=_text_colour(colour) if exact else "black",
                zorder=4,
                clip_on=False,
            )
        if not len(events):
            ax.text(
                0.5,
                0.5,
                "No events match these filters.",
                transform=ax.transAxes,
                ha="center",
                va="center",
                fontsize=11,
                color=figures.GREY,
            )

        scope = f" {filters}" if filters else ""
        heading = textwrap.fill(f"Events{scope}, {format_range(lo, hi)}", 75)
        ax.set_title(heading, pad=20)

        handles = [
            Line2D(
                [],
                [],
                marker="o",
                ls="",
                markersize=9,
                markerfacecolor=figures.GREY,
                markeredgecolor="black",
                markeredgewidth=0.7,
                label="exact day",
            ),
            Line2D(
                [],
                [],
                marker="o",
                ls="",
                markersize=9,
                markerfacecolor=figures.GREY,
                markeredgecolor="black",
                markeredgewidth=2.2,
                label="on the article's day",
            ),
            Line2D(
                [],
                [],
                color="black",
                ls=(0, (4, 3)),
                lw=1.2,
                label="the article's day (dashed line)",
            ),
        ]
        if any(events["date_precision"] != "day"):
            handles.insert(
                1,
                Line2D(
                    [],
                    [],
                    marker="o",
                    ls="-",
                    lw=4,
                    color=figures.GREY,
                    alpha=0.7,
                    markersize=9,
                    markerfacecolor="white",
                    markeredgecolor="black",
                    label="month only (bar: the month)",
                ),
            )
        legend_top = (bottom - 0.45) / height
        fig.legend(
            handles=handles,
            loc="upper left",
            ncol=len(handles),
            bbox_to_anchor=(LEFT / figures.WIDTH - 0.01, legend_top),
            fontsize=8.5,
            handlelength=2.2,
            columnspacing=1.4,
        )
        if len(titles):
            lead = (
                "Events shown:"
                if len(titles) == len(events)
                else f"On the article's day ({format_date(day)}):"
            )
            lines = [lead] + [
                f"{numbers[i]}  {events.loc[i, 'title']} ({events.loc[i, 'when']})" for i in titles
            ]
            y_inch = bottom - 0.85
            for n, line in enumerate(lines):
                fig.text(
                    LEFT / figures.WIDTH,
                    (y_inch - 0.19 * n) / height,
                    textwrap.shorten(line, 110, placeholder=" …"),
                    fontsize=8.5,
                    fontweight="bold" if n == 0 else "normal",
                    va="top",
                )
    return fig
