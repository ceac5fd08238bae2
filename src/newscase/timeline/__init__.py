"""The case's events on a time line: pure filters, a figure with a text version, a widget.

>>> from newscase import timeline
>>> timeline.events_between("2017-05", "2017-05", actors="Hashd al-Shaabi")  # a DataFrame
>>> timeline.article_moment()          # the article's day and its events
>>> figures.show(timeline.timeline_figure(actors="Badr"))
>>> timeline.timeline_explorer()       # filter by actor, place and months

Importing this package loads no plotting or widget library; they load when used.
"""

from newscase.core.dates import format_date, format_period
from newscase.core.errors import DateProblem, FriendlyError, NameNotFound, OptionProblem
from newscase.timeline.model import ArticleMoment, article_date, article_moment, events_between
from newscase.timeline.static import describe_events, events_table, timeline_figure
from newscase.timeline.widget import TimelineExplorer, timeline_explorer

__all__ = [
    "ArticleMoment",
    "DateProblem",
    "FriendlyError",
    "NameNotFound",
    "OptionProblem",
    "TimelineExplorer",
    "article_date",
    "article_moment",
    "describe_events",
    "events_between",
    "events_table",
    "format_date",
    "format_period",
    "timeline_explorer",
    "timeline_figure",
]
