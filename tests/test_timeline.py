"""The timeline: filters by date, actor and place; the article's day; table, figure, widget."""

from __future__ import annotations

import datetime as dt

import matplotlib
import pytest

from newscase import load_case, timeline
from newscase.core import dates, figures
from newscase.core.article import load_article
from newscase.core.display import CELL_STYLE
from newscase.timeline import model, static

from helpers import edit_data

matplotlib.use("Agg")

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def case():
    return load_case()


def _ids_with(case, field, value):
    return [r["id"] for r in case.records["events"] if value in (r[field] or ())]


# ---- filters


def test_no_filter_gives_every_event_oldest_first(case):
    events = timeline.events_between()
    assert len(events) == len(case.records["events"])
    assert list(events["date"]) == sorted(events["date"])
    assert {"title", "date", "date_precision", "actor_ids", "place_ids", "sources", "when"} <= set(
        events.columns
    )


def test_filter_by_actor_id(case):
    events = timeline.events_between(actors="badr")
    assert sorted(events.index) == sorted(_ids_with(case, "actor_ids", "badr"))
    assert len(events) > 0


def test_filter_by_name_and_alternative_name_ignores_case_and_quote_style(case):
    expected = sorted(_ids_with(case, "actor_ids", "pmu"))
    for name in ("pmu", "Popular Mobilization Units", "Hashd al-Shaabi", "HASHD AL-SHAABI", "PMF"):
        assert sorted(timeline.events_between(actors=name).index) == expected, name
    curly = timeline.events_between(actors="Kata’ib Hezbollah")
    straight = timeline.events_between(actors="kataib_hezbollah")
    assert list(curly.index) == list(straight.index)


def test_several_actors_mean_any_of_them(case):
    events = timeline.events_between(actors=["badr", "Peshmerga"])
    expected = set(_ids_with(case, "actor_ids", "badr")) | set(
        _ids_with(case, "actor_ids", "peshmerga")
    )
    assert set(events.index) == expected


def test_filter_by_place_alternative_name(case):
    assert list(timeline.events_between(places="Um Jaris").index) == _ids_with(
        case, "place_ids", "um_jaris"
    )
    assert set(timeline.events_between(places="Shingal").index) == set(
        _ids_with(case, "place_ids", "sinjar")
    )


def test_actor_and_place_filters_combine(case):
    events = timeline.events_between(actors="pmu", places="sinjar")
    for _, row in events.iterrows():
        assert "pmu" in row["actor_ids"] and "sinjar" in row["place_ids"]
    assert len(events) >= 1


def test_unknown_name_lists_close_matches_in_a_readable_message():
    with pytest.raises(timeline.NameNotFound) as info:
        timeline.events_between(actors="Hashd al-Shabi")
    message = str(info.value)
    assert message.startswith("No actor is called 'Hashd al-Shabi'. Did you mean: ")
    assert "Hashd al-Shaabi = Popular Mobilization Units (id 'pmu')" in message
    assert "names_table()" in message
    assert isinstance(info.value, ValueError)
    rendered = info.value._render_traceback_()
    assert rendered[0].startswith("NameNotFound: No actor is called")
    assert not any("Traceback" in line or "File " in line for line in rendered)


def test_unknown_place_and_non_text_names_are_refused_clearly():
    with pytest.raises(timeline.NameNotFound, match=r"No place is called 'Mosel'.*Mosul"):
        timeline.events_between(places="Mosel")
    with pytest.raises(timeline.NameNotFound, match="42 is not a name"):
        timeline.events_between(actors=[42])


def test_date_range_is_inclusive_and_partial_dates_cover_their_period(case):
    may = timeline.events_between("2017-05", "2017-05")
    expected = [
        r["id"] for r in case.records["events"] if (r["date"].year, r["date"].month) == (2017, 5)
    ]
    assert sorted(may.index) == sorted(expected)
    assert list(timeline.events_between("2017", 2017).index) == list(
        timeline.events_between("2017-01-01", "2017-12-31").index
    )
    assert list(timeline.events_between("May 2017", "31 May 2017").index) == list(may.index)
    day = timeline.events_between("29 May 2017", "2017-05-29")
    assert "um_jaris_2017" in day.index


def test_a_month_precision_event_counts_if_its_month_overlaps(case):
    month_events = [r for r in case.records["events"] if r["date_precision"] == "month"]
    assert month_events, "the data has events known only to the month"
    event = month_events[0]
    late_in_month = dates.period_end(event["date"], "month") - dt.timedelta(days=2)
    assert event["id"] in timeline.events_between(late_in_month, None).index
    after = dates.period_end(event["date"], "month") + dt.timedelta(days=1)
    assert event["id"] not in timeline.events_between(after, None).index


def test_bad_dates_and_reversed_ranges_say_what_to_write():
    with pytest.raises(timeline.DateProblem, match=r"start: could not read '2017-13'.*2017-05-29"):
        timeline.events_between("2017-13")
    with pytest.raises(timeline.DateProblem, match="end: could not read 'soon'"):
        timeline.events_between(None, "soon")
    with pytest.raises(timeline.DateProblem, match=r"ends .* before it starts"):
        timeline.events_between("2018", "2017")
    with pytest.raises(timeline.DateProblem, match="is not a date"):
        timeline.events_between(3.5)


# ---- dates and precision


def test_dates_are_written_with_their_precision_and_no_locale():
    day = dt.date(2017, 5, 1)
    assert dates.format_date(day) == "1 May 2017"
    assert dates.format_date(day, "month") == "May 2017"
    assert dates.format_date(day, "year") == "2017"
    assert dates.format_partial("2014-06-11") == "11 June 2014"
    assert dates.format_partial("2014-06") == "June 2014"
    assert dates.format_period("2003", "2008") == "2003 \u2013 2008"
    assert dates.format_period("2014", None) == "from 2014"
    assert dates.format_period(None, "2020-01-03") == "until 3 January 2020"
    assert dates.format_period(None, None) == "dates not given"
    assert dates.format_range(dt.date(2014, 1, 1), dt.date(2020, 12, 31)) == "2014\u20132020"


def test_month_precision_events_show_only_the_month(case):
    events = timeline.events_between()
    for event_id, row in events.iterrows():
        if row["date_precision"] == "month":
            assert row["when"] == dates.format_date(row["date"], "month")
            assert not row["when"][0].isdigit(), event_id
    text = timeline.events_table(events).text
    month_event = next(r for r in case.records["events"] if r["date_precision"] == "month")
    assert dates.format_date(month_event["date"], "month") in text
    assert dates.format_date(month_event["date"], "day") not in text


# ---- the article's moment


def test_article_moment_is_the_article_date_and_that_days_events(case):
    moment = timeline.article_moment()
    meta_date = load_article().meta["date"]
    assert moment.date == (
        meta_date if isinstance(meta_date, dt.date) else dt.date.fromisoformat(meta_date)
    )
    expected = [
        r["id"]
        for r in case.records["events"]
        if r["date"] == moment.date and r["date_precision"] == "day"
    ]
    assert list(moment.events.index) == expected and "um_jaris_2017" in expected
    bundle = moment._repr_mimebundle_()
    assert bundle["text/plain"].startswith(f"The article is dated {moment.when}.")
    assert "<table" in bundle["text/html"]


# ---- table


def test_events_table_lists_date_title_places_actors_sources(case):
    events = timeline.events_between(places="um_jaris")
    rendered = timeline.events_table(events)
    assert rendered.html.count("<tr>") == len(events) + 1
    for header in ("No.", "Date", "Event", "Places", "Actors", "Sources"):
        assert f'<th scope="col"{CELL_STYLE}>{header}</th>' in rendered.html
    assert "Umm Jaris" in rendered.text and "Badr Organization" in rendered.text
    assert 'href="https://' in rendered.html
    bare = timeline.events_table(events, numbered=False)
    assert "No." not in bare.text


def test_events_table_escapes_html_from_the_data(data_copy):
    edit_data(
        data_copy, "events.csv", lambda rows: rows[0].update(title='<script>alert("x")</script> & co')
    )
    case = load_case(data_copy)
    rendered = timeline.events_table(case=case)
    assert "<script>" not in rendered.html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co" in rendered.html
    assert '<script>alert("x")</script> & co' in rendered.text
    figure = timeline.timeline_figure(case=case)
    assert "<script>" not in figures.describe(figure).html


# ---- lanes


def test_events_are_laned_by_country_with_wide_places_counted_last(case):
    lanes = dict(model.lanes_for(timeline.events_between(), case=case))
    assert sum(len(ids) for ids in lanes.values()) == len(case.records["events"])
    no_place = [r["id"] for r in case.records["events"] if not r["place_ids"]]
    assert lanes.get(model.NO_PLACE, []) == no_place
    # Sinjar town (Iraq) + Mount Sinjar (Iraq and Syria): the event happened in Iraq
    assert "sinjar_attack_2014" in lanes["Iraq"]
    with pytest.raises(timeline.OptionProblem, match="lanes='sideways' is not an option"):
        timeline.timeline_figure(lanes="sideways")
    with pytest.raises(timeline.OptionProblem, match="needs actors"):
        timeline.timeline_figure(lanes="actors")


# ---- figure


def test_timeline_figure_is_a_figure_with_png_alt_text_and_description(case):
    figure = timeline.timeline_figure()
    assert isinstance(figure, figures.Figure)
    assert figure.png().startswith(PNG_SIGNATURE)
    count = len(case.records["events"])
    assert figure.title == "Timeline of events, 2014\u20132020"
    assert figure.alt.startswith(f"Timeline of {count} events, from ")
    day = dates.format_date(timeline.article_date())
    assert f"the article's day, {day}, is marked" in figure.alt
    assert figure.description.startswith(f"A timeline of {count} events, from ")
    assert f"The article's day, {day}, is marked with a dashed line" in figure.description
    assert figure.table is not None and figure.table.html.count("<tr>") == count + 1


def test_filtered_and_empty_timelines_still_describe_themselves():
    figure = timeline.timeline_figure("2017-04", "2017-06", actors="Badr", lanes="actors")
    assert "involving Badr Organization" in figure.title
    assert figure.png().startswith(PNG_SIGNATURE)
    empty = timeline.timeline_figure("2015-01", "2015-01", places="Um Jaris")
    assert empty.description.startswith("No events at Umm Jaris in the dates chosen.")
    assert empty.png().startswith(PNG_SIGNATURE)
    assert "lies outside the dates shown" in timeline.timeline_figure("2019").description


def test_two_renders_give_identical_png_bytes():
    fresh = figures.render_png(timeline.timeline_figure().fig)  # drawn and rendered anew
    assert timeline.timeline_figure().png() == fresh


def test_the_drawing_key_changes_with_what_is_drawn():
    from newscase.timeline.static import drawing_key, timeline_view

    same = drawing_key(timeline_view("2017-01", "2017-12"))
    assert drawing_key(timeline_view("2017", "2017")) == same
    keys = {
        drawing_key(timeline_view(*args, **kwargs))
        for args, kwargs in [
            (("2017",), {}),
            (("2016",), {}),
            (("2017",), {"actors": "Badr"}),
            (("2017",), {"lanes": "none"}),
        ]
    }
    assert len(keys) == 4


def test_figure_height_is_fixed_by_the_data_not_the_machine():
    figure = timeline.timeline_figure()
    width, height = figure.fig.get_size_inches()
    assert width == figures.WIDTH and figure.fig.dpi == figures.DPI
    again = timeline.timeline_figure().fig.get_size_inches()
    assert tuple(again) == (width, height)


# ---- widget


def test_explorer_builds_without_a_frontend_and_has_static_fallbacks():
    explorer = timeline.timeline_explorer()
    bundle = explorer._repr_mimebundle_()
    assert {"text/html", "text/plain", "application/vnd.jupyter.widget-view+json"} <= set(bundle)
    assert bundle["text/plain"].startswith("Interactive timeline (run the notebook")
    assert '<details class="newscase-figure-text">' in bundle["text/html"] and "<table" in bundle["text/html"]
    assert "data:image" not in bundle["text/html"] and "model_id" not in bundle["text/html"]
    assert timeline.timeline_explorer()._repr_mimebundle_()["text/html"] == bundle["text/html"]


def test_explorer_controls_are_labelled_and_update_the_view(case):
    explorer = timeline.timeline_explorer()
    explorer.widget  # noqa: B018 - builds the widgets
    assert explorer.actor.description == "Actor:" and explorer.place.description == "Place:"
    assert explorer.months.description == "Months:"
    total = len(case.records["events"])
    assert f"Showing {total} of {total} events" in explorer.status.value
    explorer.actor.value = "badr"
    badr = len(_ids_with(case, "actor_ids", "badr"))
    assert f"Showing {badr} of {total} events involving Badr Organization" in (
        explorer.status.value
    )
    assert 'alt="Timeline of ' in explorer.picture.value
    assert "Badr Organization" in explorer.text.value
    explorer.months.value = ("2017-05", "2017-05")
    assert explorer.selection() == {
        "start": "2017-05-01",
        "end": "2017-05-31",
        "actors": "badr",
        "places": None,
    }
    explorer.clear()
    assert f"Showing {total} of {total} events" in explorer.status.value


def test_explorer_offers_only_actors_and_places_with_events(case):
    explorer = timeline.timeline_explorer()
    actors = [value for _, value in explorer.actor_options()]
    assert actors[0] is None and "badr" in actors
    used = {a for r in case.records["events"] for a in r["actor_ids"]}
    assert set(actors[1:]) == used
    months = explorer.month_options()
    assert months[0] == ("January 2014", "2014-01") and len(months) % 12 == 0


def test_describe_events_counts_rows_and_busiest_year(case):
    from collections import Counter

    events = timeline.events_between()
    lanes = model.lanes_for(events)
    text = static.describe_events(events, lanes=lanes)
    label, ids = lanes[0]
    assert f"Events are drawn in rows: {label} ({len(ids)})" in text
    year, count = Counter(r["date"].year for r in case.records["events"]).most_common(1)[0]
    assert f"The busiest year is {year}, with {count} events." in text


def test_alt_text_says_when_the_articles_day_is_outside_the_range():
    from newscase.timeline.static import timeline_view

    inside = timeline_view("2017", "2017")
    outside = timeline_view("2019", "2020")
    assert "is marked" in inside.alt
    assert "lies outside the dates shown" in outside.alt and "is marked" not in outside.alt
