"""Polygons read straight from their well-known binary (WKB), the form QGIS and OGR hand geometries over in.

A click reads the few thousand features around its tiles; going through GeoJSON text cost three times the reading
itself (export, parse, pack). A 2-D polygon's WKB is a few counts and a run of doubles that numpy views as it is.
Anything else (curves, Z or M coordinates, collections) goes through OGR, as before.
"""
from __future__ import annotations

import math
import struct
from typing import Optional, Tuple

import numpy as np

from ..errors import CrossTimeError
from ..messages import Message

_POLYGON, _MULTIPOLYGON = 3, 6


class WkbProblem(CrossTimeError, ValueError):
    """A polygon's rings cannot be drawn (same wording as the GeoJSON checks)."""


def wkb_to_json(data: bytes) -> str:
    """The GeoJSON text of any WKB geometry, through OGR (raises WkbProblem when OGR cannot read it)."""
    from osgeo import ogr
    ogr.UseExceptions()
    try:
        g = ogr.CreateGeometryFromWkb(bytes(data))
    except RuntimeError:
        g = None
    if g is None:
        raise WkbProblem("GDAL cannot read this geometry")
    if g.HasCurveGeometry():
        g = g.GetLinearGeometry()
    return g.ExportToJson()


def _rings(data: bytes, offset: int, order: str, box: list) -> Tuple[tuple, int]:
    """The rings from ``offset`` as float arrays, ``box`` widened to the outer ring; and the offset after them."""
    (count,) = struct.unpack_from(order + "I", data, offset)
    offset += 4
    rings = []
    for r in range(count):
        (n,) = struct.unpack_from(order + "I", data, offset)
        offset += 4
        if n < 4:
            raise WkbProblem(Message("ring {n} has fewer than 4 points", n=r + 1))
        if r == 0 or order == ">":
            # plain floats: for rings of a few points, quicker than numpy's per-call cost
            values = struct.unpack_from(f"{order}{2 * n}d", data, offset)
            if values[0] != values[-2] or values[1] != values[-1]:
                raise WkbProblem(Message("ring {n} is not closed (its last point is not its first)", n=r + 1))
            if r == 0:
                xs, ys = values[0::2], values[1::2]
                box[0], box[1] = min(box[0], min(xs)), min(box[1], min(ys))
                box[2], box[3] = max(box[2], max(xs)), max(box[3], max(ys))
        ring = np.frombuffer(data, order + "f8", 2 * n, offset).reshape(n, 2)
        if order == ">":
            ring = ring.astype(np.float64)
        elif r and (ring[0, 0] != ring[-1, 0] or ring[0, 1] != ring[-1, 1]):
            raise WkbProblem(Message("ring {n} is not closed (its last point is not its first)", n=r + 1))
        rings.append(ring)
        offset += 16 * n
    return tuple(rings), offset


def _order(data: bytes, offset: int) -> Optional[str]:
    return {1: "<", 0: ">"}.get(data[offset])


def polygon_from_wkb(data: bytes) -> Optional[Tuple[str, tuple, Tuple[float, float, float, float]]]:
    """(type, coordinates with each ring one float array, box) of a 2-D Polygon or MultiPolygon; None for any other
    geometry (read it with :func:`wkb_to_json`), for an empty one too. Raises WkbProblem for rings rasterio would
    refuse, struct.error for truncated data."""
    if len(data) < 9:
        return None
    order = _order(data, 0)
    if order is None:
        return None
    (kind,) = struct.unpack_from(order + "I", data, 1)
    box = [math.inf, math.inf, -math.inf, -math.inf]
    if kind == _POLYGON:
        rings, _ = _rings(data, 5, order, box)
        return ("Polygon", rings, _box(box)) if rings else None
    if kind != _MULTIPOLYGON:
        return None
    (count,) = struct.unpack_from(order + "I", data, 5)
    offset, polygons = 9, []
    for _ in range(count):
        inner = _order(data, offset)
        if inner is None or struct.unpack_from(inner + "I", data, offset + 1)[0] != _POLYGON:
            return None
        rings, offset = _rings(data, offset + 5, inner, box)
        if rings:
            polygons.append(rings)
    return ("MultiPolygon", tuple(polygons), _box(box)) if polygons else None


def _box(box: list) -> Tuple[float, float, float, float]:
    if not all(math.isfinite(v) for v in box):
        raise WkbProblem(Message("coordinates that are not finite numbers (after reprojection)"))
    return box[0], box[1], box[2], box[3]
