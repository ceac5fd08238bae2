"""Build src/newscase/data/borders/region.geojson from the npm package world-atlas.

    mkdir -p /tmp/world-atlas && cd /tmp/world-atlas && npm install world-atlas@2.0.2
    python tools/build_borders.py /tmp/world-atlas/node_modules/world-atlas

world-atlas 2.0.2 redistributes Natural Earth 4.1.0 "Admin 0 - Countries" (1:50m) as
TopoJSON. This script decodes the TopoJSON itself (no topojson-client), keeps the
countries that reach into the region's box, simplifies every shared arc once (so
neighbouring countries keep exactly the same border), rounds coordinates, clips to the
box and writes:

- one Polygon/MultiPolygon feature per country (fill only; rings closed, exterior
  rings counter-clockwise as RFC 7946 asks), with a label point for the country name;
- two MultiLineString features, "land boundary" and "coastline", drawn as the lines.
  The lines come from the arcs, not from the clipped polygons, so the clip box never
  shows up as a fake border.

The output is deterministic (sorted, fixed rounding, compact JSON). Only the Python
standard library is used. See src/newscase/data/borders/README.md.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "src" / "newscase" / "data" / "borders" / "region.geojson"
INPUT_FILE = "countries-50m.json"
EXPECTED_VERSION = "2.0.2"

# The region: west to east, south to north (degrees). Places of the case lie in
# lon 35.2-51.4, lat 31.8-36.8; the margin leaves room to pan and zoom out.
BOX = (29.0, 26.0, 58.0, 42.0)
TOLERANCE = 0.01  # Douglas-Peucker tolerance in degrees (about 1 km)
DECIMALS = 3  # about 100 m
MIN_RING_AREA = 0.01  # square degrees (about 100 km²): smaller islands are dropped
SMALL_COUNTRY_AREA = 3.0  # square degrees: smaller countries get label_rank 2


# ---- TopoJSON decoding (https://github.com/topojson/topojson-specification)


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Absolute [lon, lat] positions of every arc (quantized, delta-encoded arcs)."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if transform is None:
            arcs.append([(float(p[0]), float(p[1])) for p in arc])
            continue
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
        x = y = 0
        points = []
        for position in arc:
            x += position[0]
            y += position[1]
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def arc_points(arcs: list, index: int) -> list[tuple[float, float]]:
    """The points of arc ``index``; a negative index ~i means arc i reversed."""
    return list(reversed(arcs[~index])) if index < 0 else list(arcs[index])


def ring_from_arcs(arcs: list, indexes: list[int]) -> list[tuple[float, float]]:
    """Join arcs into one ring: each next arc starts where the previous one ended."""
    ring: list[tuple[float, float]] = []
    for i, index in enumerate(indexes):
        points = arc_points(arcs, index)
        ring.extend(points if i == 0 else points[1:])
    return ring


def geometry_polygons(geometry: dict) -> list[list[list[int]]]:
    """A Polygon or MultiPolygon geometry as a list of polygons of arc-index rings."""
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["arcs"])
    return []


# ---- geometry helpers


def simplify(points: list, tolerance: float) -> list:
    """Douglas-Peucker; keeps both end points (so arcs still meet their neighbours)."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        best, best_index = -1.0, None
        for i in range(first + 1, last):
            distance = _segment_distance(points[i], points[first], points[last])
            if distance > best:
                best, best_index = distance, i
        if best_index is not None and best > tolerance:
            keep[best_index] = True
            stack += [(first, best_index), (best_index, last)]
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def _segment_distance(p, a, b) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    if dx == 0 and dy == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def rounded(points: list, decimals: int = DECIMALS) -> list[tuple[float, float]]:
    """Round positions and drop consecutive duplicates that rounding creates."""
    out: list[tuple[float, float]] = []
    for x, y in points:
        p = (round(x, decimals), round(y, decimals))
        if not out or p != out[-1]:
            out.append(p)
    return out


def signed_area(ring: list) -> float:
    """Shoelace area in square degrees; positive when counter-clockwise."""
    return 0.5 * sum(
        x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True)
    )


def clip_ring(ring: list, box: tuple = BOX) -> list[tuple[float, float]]:
    """Sutherland-Hodgman clipping of a ring (no closing point) to an axis-aligned box."""
    west, south, east, north = box
    edges = [
        (lambda p: p[0] >= west, lambda a, b: _at_x(a, b, west)),
        (lambda p: p[0] <= east, lambda a, b: _at_x(a, b, east)),
        (lambda p: p[1] >= south, lambda a, b: _at_y(a, b, south)),
        (lambda p: p[1] <= north, lambda a, b: _at_y(a, b, north)),
    ]
    output = list(ring)
    for inside, cross in edges:
        points, output = output, []
        for i, current in enumerate(points):
            previous = points[i - 1]
            if inside(current):
                if not inside(previous):
                    output.append(cross(previous, current))
                output.append(current)
            elif inside(previous):
                output.append(cross(previous, current))
        if not output:
            break
    return output


def _at_x(a, b, x):
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def _at_y(a, b, y):
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def clip_line(points: list, box: tuple = BOX) -> list[list[tuple[float, float]]]:
    """Liang-Barsky clipping of a polyline to a box; returns the pieces inside."""
    pieces: list[list[tuple[float, float]]] = []
    current: list[tuple[float, float]] = []
    for a, b in itertools.pairwise(points):
        segment = _clip_segment(a, b, box)
        if segment is None:
            if current:
                pieces.append(current)
                current = []
            continue
        start, end = segment
        if current and current[-1] != start:
            pieces.append(current)
            current = []
        if not current:
            current = [start]
        current.append(end)
        if end != b:  # the segment leaves the box
            pieces.append(current)
            current = []
    if current:
        pieces.append(current)
    return [piece for piece in pieces if len(piece) >= 2]


def _clip_segment(a, b, box):
    west, south, east, north = box
    (x0, y0), (x1, y1) = a, b
    dx, dy = x1 - x0, y1 - y0
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, x0 - west), (dx, east - x0), (-dy, y0 - south), (dy, north - y0)):
        if p == 0:
            if q < 0:
                return None
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return None
    start = a if t0 == 0 else (x0 + t0 * dx, y0 + t0 * dy)
    end = b if t1 == 1 else (x0 + t1 * dx, y0 + t1 * dy)
    return start, end


def point_in_ring(point, ring) -> bool:
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def label_point(polygon: list[list[tuple[float, float]]]) -> tuple[float, float]:
    """A point well inside the polygon (approximate pole of inaccessibility, grid search)."""
    exterior, holes = polygon[0], polygon[1:]
    xs, ys = [p[0] for p in exterior], [p[1] for p in exterior]
    segments = [(a, b) for ring in polygon for a, b in zip(ring, ring[1:] + ring[:1], strict=True)]
    best, best_distance = None, -1.0
    steps = 40
    for i in range(1, steps):
        for j in range(1, steps):
            p = (
                min(xs) + (max(xs) - min(xs)) * i / steps,
                min(ys) + (max(ys) - min(ys)) * j / steps,
            )
            if not point_in_ring(p, exterior) or any(point_in_ring(p, h) for h in holes):
                continue
            distance = min(_segment_distance(p, a, b) for a, b in segments)
            if distance > best_distance:
                best, best_distance = p, distance
    if best is None:  # a sliver: fall back to its first vertex
        best = exterior[0]
    return (round(best[0], 2), round(best[1], 2))


def _bbox_hits(points, box) -> bool:
    west, south, east, north = box
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return not (max(xs) < west or min(xs) > east or max(ys) < south or min(ys) > north)


# ---- building the region


def build(topology: dict, box: tuple = BOX) -> dict:
    """The region's GeoJSON FeatureCollection (see the module docstring)."""
    arcs = decode_arcs(topology)
    geometries = topology["objects"]["countries"]["geometries"]
    uses: dict[int, int] = {}
    for geometry in geometries:
        for polygon in geometry_polygons(geometry):
            for ring in polygon:
                for index in ring:
                    key = index if index >= 0 else ~index
                    uses[key] = uses.get(key, 0) + 1

    selected = []
    for geometry in geometries:
        polygons = geometry_polygons(geometry)
        points = [p for polygon in polygons for r in polygon for p in ring_from_arcs(arcs, r)]
        if points and _bbox_hits(points, box):
            selected.append(geometry)

    simplified = {}
    for geometry in selected:
        for polygon in geometry_polygons(geometry):
            for ring in polygon:
                for index in ring:
                    key = index if index >= 0 else ~index
                    if key not in simplified:
                        simplified[key] = rounded(simplify(arcs[key], TOLERANCE))

    features, drawn_arcs = [], set()
    for geometry in sorted(selected, key=lambda g: g["properties"]["name"]):
        polygons_out = []
        for polygon in geometry_polygons(geometry):
            rings_out = []
            for ring_index, ring in enumerate(polygon):
                ring_points = rounded(ring_from_arcs(simplified, ring))
                if ring_points[0] == ring_points[-1]:
                    ring_points = ring_points[:-1]
                if abs(signed_area(ring_points)) < MIN_RING_AREA:
                    if ring_index == 0:
                        break  # a tiny island: drop it with its holes
                    continue
                drawn_arcs.update(i if i >= 0 else ~i for i in ring)
                clipped = rounded(clip_ring(ring_points, box))
                if len(clipped) > 1 and clipped[0] == clipped[-1]:
                    clipped = clipped[:-1]
                if len(clipped) < 3 or abs(signed_area(clipped)) < MIN_RING_AREA / 10:
                    if ring_index == 0:
                        break
                    continue
                exterior = ring_index == 0
                if (signed_area(clipped) > 0) != exterior:
                    clipped.reverse()  # RFC 7946: exterior CCW, holes CW
                rings_out.append(clipped)
            if rings_out:
                polygons_out.append(rings_out)
        if not polygons_out:
            continue
        largest = max(polygons_out, key=lambda p: abs(signed_area(p[0])))
        label = label_point(largest)
        area = abs(signed_area(largest[0])) * math.cos(math.radians(label[1]))
        closed = [[[list(p) for p in ring + ring[:1]] for ring in poly] for poly in polygons_out]
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "kind": "country",
                    "name": geometry["properties"]["name"],
                    "iso_n3": geometry.get("id"),
                    "label": list(label),
                    "label_rank": 1 if area >= SMALL_COUNTRY_AREA else 2,
                },
                "geometry": (
                    {"type": "Polygon", "coordinates": closed[0]}
                    if len(closed) == 1
                    else {"type": "MultiPolygon", "coordinates": closed}
                ),
            }
        )

    lines: dict[str, list] = {"land_boundary": [], "coastline": []}
    for key in sorted(drawn_arcs):
        kind = "land_boundary" if uses.get(key, 0) > 1 else "coastline"
        for piece in clip_line(simplified[key], box):
            piece = rounded(piece)
            if len(piece) >= 2:
                lines[kind].append([list(p) for p in piece])
    for kind, label in (("land_boundary", "Land boundaries"), ("coastline", "Coastlines")):
        features.append(
            {
                "type": "Feature",
                "properties": {"kind": kind, "name": label},
                "geometry": {"type": "MultiLineString", "coordinates": lines[kind]},
            }
        )
    return {"type": "FeatureCollection", "bbox": list(box), "features": features}


def dumps(collection: dict) -> str:
    """Compact, deterministic JSON (one feature per line, for readable diffs)."""
    head = json.dumps({k: v for k, v in collection.items() if k != "features"})[:-1]
    features = ",\n".join(
        json.dumps(f, separators=(",", ":"), ensure_ascii=False) for f in collection["features"]
    )
    return f'{head}, "features": [\n{features}\n]}}\n'


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("package", type=Path, help="folder of the npm package world-atlas")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    meta = json.loads((args.package / "package.json").read_text(encoding="utf-8"))
    if meta.get("version") != EXPECTED_VERSION:
        print(
            f"warning: world-atlas {meta.get('version')} (README documents {EXPECTED_VERSION})",
            file=sys.stderr,
        )
    source = args.package / INPUT_FILE
    raw = source.read_bytes()
    collection = build(json.loads(raw))
    text = dumps(collection)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    countries = [f["properties"]["name"] for f in collection["features"][:-2]]
    print(f"input  {source} (world-atlas {meta.get('version')})")
    print(f"sha256 {hashlib.sha256(raw).hexdigest()}")
    print(f"output {args.output} ({len(text.encode('utf-8')):,} bytes)")
    print(f"countries ({len(countries)}): {', '.join(countries)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
