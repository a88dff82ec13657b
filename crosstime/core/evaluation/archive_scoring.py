"""Scoring located photos against their true poses: success rate, centre error, IoU, rank of the truth, time.

A photo counts as located when the found footprint's centre lies within one tile of the true centre; the
stricter figure also asks for a footprint IoU of at least 0.5. When the winner is wrong, the rank of the first
ranked pose whose centre lies within one tile of the truth says whether the truth was at least among them.
"""
from __future__ import annotations

import csv
import json
import math
import os
from dataclasses import asdict, dataclass, field
from typing import Dict, List, Optional, Sequence

import numpy as np

from ..archive.catalogue import ArchiveError
from ..archive.location import Location


def polygon_area(p: np.ndarray) -> float:
    x, y = p[:, 0], p[:, 1]
    return 0.5 * abs(float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))))


def _clip(subject: List[tuple], clipper: List[tuple]) -> List[tuple]:
    """Sutherland-Hodgman: ``subject`` clipped by the convex polygon ``clipper`` (counter-clockwise)."""
    def inside(p, a, b):
        return (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]) >= 0

    def cross(p, q, a, b):
        x1, y1, x2, y2 = p[0], p[1], q[0], q[1]
        x3, y3, x4, y4 = a[0], a[1], b[0], b[1]
        den = (x1 - x2) * (y3 - y4) - (y1 - y2) * (x3 - x4)
        if abs(den) < 1e-12:
            return q
        t = ((x1 - x3) * (y3 - y4) - (y1 - y3) * (x3 - x4)) / den
        return (x1 + t * (x2 - x1), y1 + t * (y2 - y1))
    out = subject
    for i in range(len(clipper)):
        a, b = clipper[i], clipper[(i + 1) % len(clipper)]
        inp, out = out, []
        for j in range(len(inp)):
            p, q = inp[j - 1], inp[j]
            if inside(q, a, b):
                if not inside(p, a, b):
                    out.append(cross(p, q, a, b))
                out.append(q)
            elif inside(p, a, b):
                out.append(cross(p, q, a, b))
        if not out:
            break
    return out


def _ccw(p: np.ndarray) -> np.ndarray:
    x, y = p[:, 0], p[:, 1]
    signed = float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))
    return p if signed > 0 else p[::-1]


def footprint_iou(a: Sequence[Sequence[float]], b: Sequence[Sequence[float]]) -> float:
    """Intersection over union of two convex quadrilaterals."""
    pa, pb = _ccw(np.asarray(a, np.float64)), _ccw(np.asarray(b, np.float64))
    inter = _clip([tuple(p) for p in pa], [tuple(p) for p in pb])
    ia = polygon_area(np.asarray(inter)) if len(inter) >= 3 else 0.0
    union = polygon_area(pa) + polygon_area(pb) - ia
    return ia / union if union > 0 else 0.0


@dataclass
class PhotoScore:
    photo: str
    centre_error_m: float
    iou: float
    located: bool                  # centre within one tile
    located_iou: bool              # and IoU >= 0.5
    rank_of_truth: int             # 1: the winner; 0: not among the ranked poses
    confidence: float
    agreeing_windows: int
    scale_error: float             # relative
    rotation_error: float          # degrees
    seconds: float


@dataclass
class ArchiveEvaluation:
    label: str
    tile_size: float
    photos: List[PhotoScore] = field(default_factory=list)

    def summary(self) -> dict:
        n = len(self.photos)
        if not n:
            return {"label": self.label, "photos": 0}
        err = np.array([p.centre_error_m for p in self.photos])
        wrong = [p for p in self.photos if not p.located]
        conf_ok = [p.confidence for p in self.photos if p.located]
        conf_bad = [p.confidence for p in wrong]
        return {"label": self.label, "photos": n, "tile_size": self.tile_size,
                "success_rate": float(np.mean([p.located for p in self.photos])),
                "success_rate_iou": float(np.mean([p.located_iou for p in self.photos])),
                "median_centre_error_m": float(np.median(err)),
                "median_centre_error_located_m": float(np.median([p.centre_error_m for p in self.photos if p.located]))
                if len(wrong) < n else None,
                "median_iou": float(np.median([p.iou for p in self.photos])),
                "ranks_of_truth_when_wrong": [p.rank_of_truth for p in wrong],
                "mean_confidence_located": float(np.mean(conf_ok)) if conf_ok else None,
                "mean_confidence_wrong": float(np.mean(conf_bad)) if conf_bad else None,
                "seconds_per_photo": float(np.mean([p.seconds for p in self.photos]))}

    def write(self, folder: str) -> Dict[str, str]:
        os.makedirs(folder, exist_ok=True)
        files = {"csv": os.path.join(folder, "archive_photos.csv"), "json": os.path.join(folder, "archive_summary.json")}
        with open(files["csv"], "w", newline="", encoding="utf-8") as f:
            wr = csv.DictWriter(f, list(asdict(self.photos[0]).keys()) if self.photos else ["photo"])
            wr.writeheader()
            for p in self.photos:
                wr.writerow(asdict(p))
        with open(files["json"], "w", encoding="utf-8") as f:
            json.dump(self.summary(), f, indent=1)
        return files


def load_truth(path: str) -> dict:
    """photo name -> true pose, from a synthetic archive's sidecar (or any JSON of the same shape)."""
    if not os.path.isfile(path):
        raise ArchiveError("true poses not found: {path}; give the sidecar JSON written with the archive", path=path)
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        return doc["photos"]
    except (ValueError, KeyError) as exc:
        raise ArchiveError("{path}: not a file of true poses (a JSON with 'photos'); give the archive's sidecar",
                           path=path) from exc


def score_locations(locations: Sequence[Location], truth: dict, tile_size: float, label: str = "",
                    missing: Optional[Sequence[str]] = None) -> ArchiveEvaluation:
    """Score each location against ``truth``; photos in ``missing`` (none found) count as failures."""
    ev = ArchiveEvaluation(label, tile_size)
    for loc in locations:
        t = truth.get(loc.photo)
        if t is None:
            raise ArchiveError("{photo}: no true pose in the truth file; score photos of the same archive",
                               photo=loc.photo)
        tc = np.asarray(t["centre"], np.float64)
        err = float(math.hypot(loc.centre[0] - tc[0], loc.centre[1] - tc[1]))
        iou = footprint_iou(loc.footprint, t["footprint"])
        rank = 0
        for r, h in enumerate(loc.candidates, start=1):
            cen = loc.centre if r == 1 else h.centre
            if math.hypot(cen[0] - tc[0], cen[1] - tc[1]) <= tile_size:
                rank = r
                break
        rot_err = abs(((loc.rotation - t["rotation"]) + 180) % 360 - 180)
        ev.photos.append(PhotoScore(loc.photo, err, iou, err <= tile_size, err <= tile_size and iou >= 0.5, rank,
                                    loc.confidence, loc.agreeing_windows, loc.scale / t["scale"] - 1, rot_err,
                                    loc.seconds))
    for name in missing or ():
        ev.photos.append(PhotoScore(name, float("inf"), 0.0, False, False, 0, 0.0, 0, float("nan"), float("nan"), 0.0))
    return ev
