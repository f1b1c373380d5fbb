"""Country outlines for the map, from the ``countryinfo`` package's GeoJSON, simplified.

The outlines ship inside an installed package, so the map needs no tile server or network.
They are simplified (Douglas-Peucker) and rounded once per process to keep the payload small.
"""

from __future__ import annotations

import functools
import json
import logging
import math
from typing import Any

log = logging.getLogger(__name__)

Ring = list[list[float]]


def _perpendicular(point: list[float], start: list[float], end: list[float]) -> float:
    (x, y), (x1, y1), (x2, y2) = point, start, end
    dx, dy = x2 - x1, y2 - y1
    if dx == 0 and dy == 0:
        return math.hypot(x - x1, y - y1)
    return abs(dy * x - dx * y + x2 * y1 - y2 * x1) / math.hypot(dx, dy)


def simplify(ring: Ring, *, tolerance: float) -> Ring:
    """Return ``ring`` with the points that stray less than ``tolerance`` degrees dropped."""
    if len(ring) < 5:
        return ring
    keep = [False] * len(ring)
    keep[0] = keep[-1] = True
    stack = [(0, len(ring) - 1)]
    while stack:
        first, last = stack.pop()
        worst, index = 0.0, -1
        for i in range(first + 1, last):
            d = _perpendicular(ring[i], ring[first], ring[last])
            if d > worst:
                worst, index = d, i
        if index >= 0 and worst > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(ring, keep, strict=True) if k]


def _polygons(geometry: dict[str, Any]) -> list[list[Ring]]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["coordinates"]
    return []


@functools.lru_cache(maxsize=1)
def world_json(tolerance: float = 0.08) -> bytes:
    """Return a GeoJSON FeatureCollection of simplified country outlines, encoded once."""
    from countryinfo.countryinfo import load_countries

    features = []
    for info in load_countries()["countries"].values():
        collection = info.get("geoJSON") or {}
        iso = (info.get("ISO") or {}).get("alpha3")
        for feature in collection.get("features", []):
            polygons = []
            for polygon in _polygons(feature.get("geometry") or {}):
                rings = [[[round(x, 2), round(y, 2)] for x, y in simplify(ring, tolerance=tolerance)]
                         for ring in polygon]  # fmt: skip
                rings = [r for r in rings if len(r) >= 4]
                if rings:
                    polygons.append(rings)
            if polygons:
                features.append({"type": "Feature", "id": iso or feature.get("id"),
                                 "properties": {"name": info.get("name")},
                                 "geometry": {"type": "MultiPolygon", "coordinates": polygons}})  # fmt: skip
    log.info("world outlines: %d countries", len(features))
    return json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":")).encode()
