"""Shapes of the synthetic landscape, in local metres with the origin at the area's south-west corner: smooth
paths, rectangles, blobs, their buffers (through OGR), and smooth noise."""
from __future__ import annotations

import json
import math
from typing import Tuple

import numpy as np

Geom = dict


def smooth_path(pts: np.ndarray, rounds: int = 3) -> np.ndarray:
    """Chaikin corner cutting: a wiggly polyline through control points."""
    for _ in range(rounds):
        q = 0.75 * pts[:-1] + 0.25 * pts[1:]
        r = 0.25 * pts[:-1] + 0.75 * pts[1:]
        mid = np.empty((2 * len(q), 2))
        mid[0::2], mid[1::2] = q, r
        pts = np.vstack([pts[:1], mid, pts[-1:]])
    return pts


def crossing_path(rng, size: float, wiggle: float) -> np.ndarray:
    """A path from one side of the square to another."""
    side_a, side_b = rng.choice(4, 2, replace=False)

    def on_side(s):
        t = rng.uniform(0.1, 0.9) * size
        return np.array([[t, -20.0], [size + 20.0, t], [t, size + 20.0], [-20.0, t]][s])
    a, b = on_side(side_a), on_side(side_b)
    n = 6
    pts = np.linspace(a, b, n)
    normal = np.array([-(b - a)[1], (b - a)[0]]) / (np.linalg.norm(b - a) + 1e-9)
    pts[1:-1] += normal * rng.normal(0, wiggle, (n - 2, 1))
    return smooth_path(pts)


def line(pts: np.ndarray) -> Geom:
    return {"type": "LineString", "coordinates": pts.tolist()}


def rect(cx, cy, w, h, angle) -> Geom:
    c, s = math.cos(angle), math.sin(angle)
    corners = [(-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2), (-w / 2, -h / 2)]
    return {"type": "Polygon", "coordinates": [[[cx + x * c - y * s, cy + x * s + y * c] for x, y in corners]]}


def blob(rng, cx, cy, r, n=14) -> Geom:
    ang = np.sort(rng.uniform(0, 2 * np.pi, n))
    rad = r * (1 + 0.25 * rng.normal(size=n)).clip(0.5, 1.6)
    pts = np.c_[cx + rad * np.cos(ang), cy + rad * np.sin(ang)]
    pts = smooth_path(np.vstack([pts, pts[:1]]), 2)
    return {"type": "Polygon", "coordinates": [pts.tolist() + [pts[0].tolist()]]}


def ogr_geom(g: Geom):
    from osgeo import ogr
    return ogr.CreateGeometryFromJson(json.dumps(g))


def buffer(g: Geom, d: float) -> Geom:
    return json.loads(ogr_geom(g).Buffer(d, 4).ExportToJson())


def noise(rng, shape: Tuple[int, int], scale_px: float) -> np.ndarray:
    """Smooth noise in [0, 1] with features about ``scale_px`` pixels wide."""
    from scipy.ndimage import zoom
    small = (max(2, int(shape[0] / scale_px) + 3), max(2, int(shape[1] / scale_px) + 3))
    z = rng.normal(size=small)
    up = zoom(z, (shape[0] / (small[0] - 2), shape[1] / (small[1] - 2)), order=3)[:shape[0], :shape[1]]
    up = (up - up.min()) / (np.ptp(up) + 1e-9)
    return up.astype(np.float32)
