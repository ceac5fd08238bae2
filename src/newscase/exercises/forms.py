"""The forms an answer can take: a check of the form, then a canonical value.

A form returns ``(problem, canonical)``: ``problem`` is a message when the answer does not
have the form (``canonical`` is then None); ``canonical`` is the same for every way of
writing the same answer (a list of ids in order, a rounded number ...). Practice questions
compare it with their answer; graded questions never compare it with anything.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Mapping


def _kind(value) -> str:
    if value is None:
        return "None (nothing)"
    name = type(value).__name__
    return {
        "str": "text (a str)",
        "int": "a whole number (an int)",
        "float": "a decimal number (a float)",
        "bool": "True or False (a bool)",
        "list": "a list",
        "tuple": "a tuple",
        "set": "a set",
        "dict": "a dictionary (a dict)",
        "DataFrame": "a table (a pandas DataFrame)",
        "Series": "a column (a pandas Series)",
    }.get(name, f"a {name}")


def _is_whole(value) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def _is_number(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _form_events(name: str, value):
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - pandas is a dependency
        pd = None
    if pd is None or not isinstance(value, pd.DataFrame):
        return (
            f"{name} should be a table of events (a pandas DataFrame, like the one "
            f"timeline.events_between returns); it is {_kind(value)}.",
            None,
        )
    return None, sorted(str(i) for i in value.index)


def _form_count(name: str, value):
    if not _is_whole(value):
        extra = ""
        if _is_number(value) and float(value).is_integer():
            extra = f" Write int({name}) or count without decimals."
        elif hasattr(value, "__len__") and not isinstance(value, str):
            extra = " To count the rows of a table or the items of a list, use len(...)."
        return f"{name} should be a whole number (an int); it is {_kind(value)}.{extra}", None
    return None, int(value)


def _form_km(name: str, value):
    if not _is_number(value) or not math.isfinite(float(value)):
        return f"{name} should be a number of kilometres; it is {_kind(value)}.", None
    return None, f"{round(float(value), 1):.1f}"


def _form_id(name: str, value):
    if not isinstance(value, str):
        return f"{name} should be an id, written as text (a str); it is {_kind(value)}.", None
    return None, value


def _items(value):
    """The items of a set, list, tuple, pandas Series or Index, else None."""
    if isinstance(value, set | frozenset | list | tuple):
        return list(value)
    kind = type(value).__name__
    if kind in ("Series", "Index") or (kind == "ndarray" and getattr(value, "ndim", 0) == 1):
        return list(value)
    return None


def _form_ids(name: str, value):
    items = _items(value)
    if items is None:
        return f"{name} should be a set of ids, like {{'a', 'b'}}; it is {_kind(value)}.", None
    wrong = [item for item in items if not isinstance(item, str)]
    if wrong:
        return (
            f"{name} should hold ids written as text; it holds {_kind(wrong[0])}: {wrong[0]!r}.",
            None,
        )
    return None, sorted(set(items))


def _form_counts(key_form: str):
    def form(name: str, value):
        if not isinstance(value, Mapping):
            return (
                f"{name} should be a dictionary of counts, like {{key: number}}; "
                f"it is {_kind(value)}.",
                None,
            )
        for key, count in value.items():
            if key_form == "year" and not _is_whole(key):
                return (
                    f"The keys of {name} should be years as whole numbers (like 2000, "
                    f"not '2000'); one key is {_kind(key)}: {key!r}.",
                    None,
                )
            if key_form == "text" and not isinstance(key, str):
                return f"The keys of {name} should be text; one key is {key!r}.", None
            if not _is_whole(count):
                return (
                    f"The values of {name} should be counts (whole numbers); the value "
                    f"for {key!r} is {_kind(count)}.",
                    None,
                )
        kept = {(int(k) if key_form == "year" else k): int(v) for k, v in value.items() if v}
        return None, sorted([k, v] for k, v in kept.items())

    return form


def _form_map(name: str, value):
    spec = getattr(value, "newscase_spec", None)
    if spec is None:
        return (
            f"{name} should be a map made with newscase.maps (for example "
            f"maps.events_map(start, end)); it is {_kind(value)}.",
            None,
        )
    return None, sorted(marker.id for marker in spec.markers)


def _form_year(name: str, value):
    if not _is_whole(value):
        return f"{name} should be a year as a whole number (like 2000); it is {_kind(value)}.", None
    return None, int(value)


FORMS: dict[str, Callable] = {
    "year": _form_year,
    "events": _form_events,
    "count": _form_count,
    "km": _form_km,
    "id": _form_id,
    "ids": _form_ids,
    "counts_by_text": _form_counts("text"),
    "counts_by_year": _form_counts("year"),
    "map": _form_map,
}
