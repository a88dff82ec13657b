"""Overlapping windows of a photo whose ground size matches the index tiles, at the photo's candidate scales.

A window of a photo at scale s (m/px) that covers one index tile of T metres is T / s photo pixels wide; it is
described at the index's P pixels, so the photo is read reduced T / (s P) times and cut into P-pixel windows
every P / 2 pixels (half overlap). When the scale is unknown, the candidate scales are a geometric series over
the footprint sizes a photo may have; each description scale also stands for the scales around it when the
windows are compared (a descriptor trained with +-25 % of scale change tolerates the gap). These windows, at four
right-angle turns, make the archive index that answers "which archive photos show this place?".
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

import numpy as np

from ..progress import SILENT, Progress
from .catalogue import ArchiveError, ArchivePhoto, read_grey_reduced

# relative error of a catalogue scale that is still searched (archive scales are nominal flight scales)
KNOWN_SCALE_TOLERANCE = 0.25
# when the scale is unknown: the photo's ground side (metres) is searched over this range
DEFAULT_FOOTPRINT_RANGE = (1000.0, 4000.0)
DEFAULT_SCALE_STEP = 1.3


@dataclass
class ScaleBand:
    """One description scale and the range of scales its windows vote for."""
    scale: float          # m/px of the original photo at which windows are cut
    low: float
    high: float


@dataclass
class Windows:
    """The windows of one photo at one description scale (before rotation)."""
    patches: np.ndarray       # (N, P, P) uint8 grey
    centres: np.ndarray       # (N, 2) float64 (col, row) in the original photo's pixels
    size_px: float            # side of a window in the original photo's pixels
    band: ScaleBand


def scale_bands(photo: ArchivePhoto, known: bool = True, footprint_range: Tuple[float, float] = DEFAULT_FOOTPRINT_RANGE,
                step: float = DEFAULT_SCALE_STEP, tolerance: float = KNOWN_SCALE_TOLERANCE) -> List[ScaleBand]:
    """The scales to describe a photo at: its catalogue scale when known (and ``known``), else a series over
    ``footprint_range`` (ground side of the photo's longer side, metres)."""
    if known and photo.scale:
        return [ScaleBand(photo.scale, photo.scale / (1 + tolerance), photo.scale * (1 + tolerance))]
    lo, hi = footprint_range
    if not 0 < lo <= hi:
        raise ArchiveError("footprint range {lo:g}-{hi:g} m: give two positive sizes, the smaller first", lo=lo, hi=hi)
    if step <= 1:
        raise ArchiveError("scale step {step:g}: give a ratio above 1 (e.g. 1.3)", step=step)
    side = max(photo.width, photo.height)
    s_lo, s_hi = lo / side, hi / side
    n = max(1, int(math.ceil(math.log(s_hi / s_lo) / math.log(step) - 1e-9)) + 1)
    ratio = (s_hi / s_lo) ** (1 / max(1, n - 1)) if n > 1 else step
    scales = [s_lo * ratio ** i for i in range(n)]
    half = math.sqrt(ratio)
    return [ScaleBand(s, s / half, s * half) for s in scales]


def _resize(img: np.ndarray, shape: Tuple[int, int]) -> np.ndarray:
    if img.shape == shape:
        return img
    from PIL import Image
    return np.asarray(Image.fromarray(img).resize((shape[1], shape[0]), Image.BILINEAR if shape[0] > img.shape[0]
                                                  else Image.BOX))


def cut_windows(photo: ArchivePhoto, bands: List[ScaleBand], tile_size: float, pixels: int, overlap: float = 0.5,
                reduced: Optional[np.ndarray] = None) -> List[Windows]:
    """The windows of ``photo`` at every band's scale. The scan is read once, at the finest reduction needed.

    ``reduced``: the photo already read (grey, any reduction), to reuse across calls.
    """
    if not 0 <= overlap < 1:
        raise ArchiveError("window overlap {overlap:g}: give a fraction in [0, 1)", overlap=overlap)
    factors = [tile_size / (b.scale * pixels) for b in bands]
    if reduced is None:
        reduced = read_grey_reduced(photo.path, max(1.0, min(factors)))
    out = []
    step = max(1, int(round(pixels * (1 - overlap))))
    for band, f in zip(bands, factors):
        h, w = int(round(photo.height / f)), int(round(photo.width / f))
        if h < pixels or w < pixels:
            continue                   # at this scale the whole photo covers less than one tile
        img = _resize(reduced, (h, w))
        rows = _starts(h, pixels, step)
        cols = _starts(w, pixels, step)
        rr, cc = np.meshgrid(rows, cols, indexing="ij")
        rr, cc = rr.ravel(), cc.ravel()
        view = np.lib.stride_tricks.sliding_window_view(img, (pixels, pixels))
        patches = np.ascontiguousarray(view[rr, cc])
        # blank windows (the scan's black frame, a burnt-out corner) carry no place: skip them
        keep = patches.reshape(len(patches), -1).std(axis=1) > 4.0
        centres = np.stack([(cc + pixels / 2) * photo.width / w, (rr + pixels / 2) * photo.height / h], 1)
        out.append(Windows(patches[keep], centres[keep].astype(np.float64), pixels * f, band))
    if not out:
        raise ArchiveError("{photo}: at the scales searched ({smallest:.3g}-{largest:.3g} m/px) "
                           "the photo covers less than one {tile_size:g} m tile; check its scale in the catalogue or "
                           "use an index of smaller tiles",
                           photo=photo.name, smallest=bands[0].scale, largest=bands[-1].scale, tile_size=tile_size)
    return out


def _starts(n: int, win: int, step: int) -> np.ndarray:
    s = list(range(0, n - win + 1, step))
    if s[-1] != n - win:
        s.append(n - win)           # the last window flush with the edge: no strip of the photo left out
    return np.asarray(s, np.int64)


def rotations(patches: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
    """Each patch at 0, 90, 180 and 270 degrees counter-clockwise: (4N, P, P) and the quarter turns k (4N,)."""
    n = len(patches)
    out = np.empty((4 * n,) + patches.shape[1:], patches.dtype)
    ks = np.repeat(np.arange(4), n)
    for k in range(4):
        out[k * n:(k + 1) * n] = np.rot90(patches, k, axes=(1, 2))
    return out, ks


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


def describe_photo(photo: ArchivePhoto, describer, tile_size: float, known_scale: bool = True,
                   footprint_range: Optional[Tuple[float, float]] = None, scale_step: Optional[float] = None,
                   overlap: float = 0.5, progress: Progress = SILENT,
                   timings: Optional[Dict[str, float]] = None) -> PhotoWindows:
    """Cut ``photo`` into windows at its candidate scales and describe them at four rotations."""
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
