"""Stable element ids, so the same map renders to byte-identical HTML every time.

folium/branca give every element a random id (``map_<32 hex>``), which changes the
map's HTML on every run and breaks committed notebook outputs. :func:`stabilise_ids`
walks the element tree in document order and replaces each id with
``<map name>_<counter>``; the variable and element names in the HTML follow
(``map_article_places_0``, ``circle_marker_article_places_3``, ...).
"""

from __future__ import annotations

import hashlib
import re
from collections import OrderedDict

MAX_SLUG = 40


def slug(name: str) -> str:
    """A JavaScript-safe identifier part made from ``name`` (deterministic, bounded)."""
    cleaned = re.sub(r"[^a-z0-9_]+", "_", name.lower()).strip("_") or "map"
    if len(cleaned) > MAX_SLUG:
        digest = hashlib.sha1(cleaned.encode()).hexdigest()[:8]
        cleaned = f"{cleaned[: MAX_SLUG - 9]}_{digest}"
    if cleaned[0].isdigit():
        cleaned = "m" + cleaned
    return cleaned


def _walk(element, seen: set[int]):
    if element is None or id(element) in seen:
        return
    seen.add(id(element))
    yield element
    for part in ("header", "html", "script"):  # Figure, Popup: sub-elements
        sub = getattr(element, part, None)
        if sub is not None and hasattr(sub, "_children"):
            yield from _walk(sub, seen)
    for child in list(getattr(element, "_children", {}).values()):
        yield from _walk(child, seen)


def stabilise_ids(map_, name: str = "map"):
    """Give every element under ``map_``'s root figure a stable id; return ``map_``.

    Call it after the last element is added (the builders do). Children dicts are
    re-keyed with the new names, keeping their order.
    """
    root = map_.get_root()
    prefix = slug(name)
    elements = list(_walk(root, set()))
    old_names = {id(e): e.get_name() for e in elements}
    for counter, element in enumerate(elements):
        element._id = f"{prefix}_{counter}"
    for element in elements:
        children = getattr(element, "_children", None)
        if children:
            # re-key children that were keyed by their (random) name; keep explicit keys
            element._children = OrderedDict(
                (child.get_name() if key == old_names.get(id(child)) else key, child)
                for key, child in children.items()
            )
    return map_
