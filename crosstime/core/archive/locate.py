"""Where a photo lies (:class:`Location`, the answer of :mod:`.correlate`), the photo-to-ground similarity, and
the described windows of a photo at four right-angle turns (:class:`PhotoWindows`, kept in the archive index to
answer "which archive photos show this place?").

Photo pixel (col, row) maps to ground (x, y) = t + s R(theta) (col, -row): rows grow downwards, y northwards.
"""
from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np

from ..progress import SILENT, Progress
from .catalogue import ArchivePhoto


@dataclass
class PhotoWindows:
    """The described windows of one photo, all scales and rotations together."""
    photo: ArchivePhoto
    descriptors: np.ndarray      # (M, R) float32, unit rows
    centres: np.ndarray          # (M, 2) (col, row) in the original photo's pixels
    quarter: np.ndarray          # (M,) int8: window turned k x 90 degrees counter-clockwise before description
    band: np.ndarray             # (M,) int16: index into ``bands``
    window: np.ndarray           # (M,) int32: the window's number (its four rotations share it)
    bands: List[Tuple[float, float, float]]     # (scale, low, high) m/px per band
    sizes_px: List[float]        # window side in photo pixels per band
    scale_known: bool = True


@dataclass
class Hypothesis:
    centre: Tuple[float, float]
    rotation: float              # degrees, counter-clockwise
    scale: float                 # m/px
    score: float


@dataclass
class Location:
    photo: str
    width: int
    height: int
    transform: Tuple[float, float, float, float]     # a, b, tx, ty: x = a col + b row' ... see :func:`to_ground`
    centre: Tuple[float, float]
    footprint: List[Tuple[float, float]]              # photo corners on the ground, (0,0), (W,0), (W,H), (0,H)
    scale: float
    rotation: float
    confidence: float                                # 1 - runner-up score / winner score
    votes: float
    agreeing_windows: int
    runner_up: Optional[Hypothesis]
    candidates: List[Hypothesis] = field(default_factory=list)   # every ranked pose, the winner first
    scale_known: bool = True
    seconds: float = 0.0
    timings: Dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> Location:
        d = dict(d)
        d["runner_up"] = Hypothesis(**d["runner_up"]) if d.get("runner_up") else None
        d["candidates"] = [Hypothesis(**h) for h in d.get("candidates", [])]
        d["transform"] = tuple(d["transform"])
        d["centre"] = tuple(d["centre"])
        d["footprint"] = [tuple(p) for p in d["footprint"]]
        return cls(**d)

    def to_ground(self, cols: np.ndarray, rows: np.ndarray) -> np.ndarray:
        return to_ground(self.transform, cols, rows)


def to_ground(transform: Sequence[float], cols, rows) -> np.ndarray:
    """Photo pixels (col, row) -> ground (x, y) under the similarity (a, b, tx, ty)."""
    a, b, tx, ty = transform
    u, v = np.asarray(cols, np.float64), -np.asarray(rows, np.float64)
    return np.stack([a * u - b * v + tx, b * u + a * v + ty], -1)


def describe_photo(photo: ArchivePhoto, describer, tile_size: float, known_scale: bool = True,
                   footprint_range: Optional[Tuple[float, float]] = None, scale_step: Optional[float] = None,
                   overlap: float = 0.5, progress: Progress = SILENT,
                   timings: Optional[Dict[str, float]] = None) -> PhotoWindows:
    """Cut ``photo`` into windows at its candidate scales and describe them at four rotations."""
    from .catalogue import read_grey_reduced
    from .windows import DEFAULT_FOOTPRINT_RANGE, DEFAULT_SCALE_STEP, cut_windows, rotations, scale_bands
    timings = timings if timings is not None else {}
    use_scale = known_scale and photo.scale is not None
    bands = scale_bands(photo, use_scale, footprint_range or DEFAULT_FOOTPRINT_RANGE, scale_step or DEFAULT_SCALE_STEP)
    t0 = time.perf_counter()
    factor = min(tile_size / (b.scale * describer.pixels) for b in bands)
    reduced = read_grey_reduced(photo.path, max(1.0, factor))
    timings["reading"] = timings.get("reading", 0.0) + time.perf_counter() - t0
    t0 = time.perf_counter()
    wins = cut_windows(photo, bands, tile_size, describer.pixels, overlap, reduced)
    del reduced
    descs, centres, quarters, band_ids, window_ids = [], [], [], [], []
    n_win = 0
    total = sum(4 * len(w.patches) for w in wins)
    done = 0
    for w in wins:
        patches, ks = rotations(w.patches)
        sub = progress.sub(done / max(1, total), (done + len(patches)) / max(1, total))
        descs.append(describer.describe_grey(patches, sub))
        done += len(patches)
        centres.append(np.tile(w.centres, (4, 1)))
        quarters.append(ks.astype(np.int8))
        band_ids.append(np.full(len(patches), bands.index(w.band), np.int16))
        window_ids.append(np.tile(np.arange(n_win, n_win + len(w.patches), dtype=np.int32), 4))
        n_win += len(w.patches)
    timings["describing"] = timings.get("describing", 0.0) + time.perf_counter() - t0
    return PhotoWindows(photo, np.concatenate(descs), np.concatenate(centres), np.concatenate(quarters),
                        np.concatenate(band_ids), np.concatenate(window_ids),
                        [(b.scale, b.low, b.high) for b in bands], [tile_size / b.scale for b in bands], use_scale)
