"""Locating one photo against the modern tile index: votes, the strongest consistent pose, a refined transform.

Every window of the photo (at each candidate scale, at four right-angle rotations) is searched in the index;
each of its top-k tiles says "the window's centre is this tile's centre". Under a pose of the photo (rotation
theta, scale s) that pins down where the photo's centre lies, so each correspondence votes, in a sparse
accumulator over (theta, s, centre x, centre y), for every pose it is compatible with: the thetas within +-45
degrees of the window's quarter turn (the rest of the rotation is what the descriptor tolerates) and the scales
of the window's band. Wrong matches scatter their votes over the whole index; right ones pile up on one pose.
The strongest cluster (summed with its neighbours, so a pose on a bin border is not split) wins; the
correspondences that agree with it give a similarity transform (RANSAC on pairs, then least squares), and the
best pose far from it is the runner-up, so that a weak answer shows as weak (low confidence).

Photo pixel (col, row) maps to ground (x, y) = t + s R(theta) (col, -row): rows grow downwards, y northwards.
"""
from __future__ import annotations

import math
import time
from dataclasses import asdict, dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np

from ..progress import SILENT, Progress
from .catalogue import ArchiveError, ArchivePhoto

THETA_STEP = 7.5            # degrees between rotation bins
SCALE_RATIO = 1.06          # ratio between neighbouring scale bins


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


def fit_similarity(src: np.ndarray, dst: np.ndarray, weights: Optional[np.ndarray] = None) -> np.ndarray:
    """Least-squares similarity (a, b, tx, ty) taking photo pixels ``src`` (n, 2) to ground ``dst`` (n, 2)."""
    u, v = src[:, 0], -src[:, 1]
    n = len(src)
    mat = np.zeros((2 * n, 4))
    mat[0::2] = np.stack([u, -v, np.ones(n), np.zeros(n)], 1)
    mat[1::2] = np.stack([v, u, np.zeros(n), np.ones(n)], 1)
    y = dst.reshape(-1)
    if weights is not None:
        w = np.repeat(np.sqrt(weights), 2)
        mat, y = mat * w[:, None], y * w
    return np.linalg.lstsq(mat, y, rcond=None)[0]


def ransac_similarity(src: np.ndarray, dst: np.ndarray, tol: float, iterations: int = 300,
                      seed: int = 0) -> Tuple[np.ndarray, np.ndarray]:
    """(transform, inlier mask): two-point samples, the largest consensus, then least squares on it (twice)."""
    n = len(src)
    rng = np.random.default_rng(seed)
    best = np.zeros(n, bool)
    if n >= 2:
        for _ in range(iterations):
            i, j = rng.choice(n, 2, replace=False)
            if np.hypot(*(src[i] - src[j])) < 1e-6:
                continue
            t = fit_similarity(src[[i, j]], dst[[i, j]])
            inl = np.hypot(*(to_ground(t, src[:, 0], src[:, 1]) - dst).T) < tol
            if inl.sum() > best.sum():
                best = inl
    if best.sum() < 2:
        best = np.ones(n, bool)
    t = fit_similarity(src[best], dst[best])
    for _ in range(2):
        inl = np.hypot(*(to_ground(t, src[:, 0], src[:, 1]) - dst).T) < tol
        if inl.sum() < 2:
            break
        best = inl
        t = fit_similarity(src[best], dst[best])
    return t, best


def _rot(theta_deg: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
    r = np.radians(theta_deg)
    return np.cos(r), np.sin(r)


def locate(pw: PhotoWindows, index, k: int = 5, search_area: Optional[Tuple[float, float, float]] = None,
           candidates: int = 10, progress: Progress = SILENT, timings: Optional[Dict[str, float]] = None) -> Location:
    """The pose of ``pw.photo`` in ``index`` (a DescriptorIndex of modern tiles on a grid).

    ``search_area``: (x, y, radius) where the photo's centre must lie (the catalogue's approximate centre and
    its uncertainty); None searches the whole index.
    """
    timings = timings if timings is not None else {}
    t0 = time.perf_counter()
    grid = index.grid or {}
    tile = float(grid.get("tile_size") or 0)
    if tile <= 0:
        raise ArchiveError(f"{index.name}: this index has no tile grid; build the modern index from an ortho")
    if len(pw.descriptors) == 0:
        raise ArchiveError(f"{pw.photo.name}: no usable window (blank or uniform scan?); check the file")
    k = int(min(k, len(index)))
    sims, rows = index.query(pw.descriptors, k)
    timings["searching"] = timings.get("searching", 0.0) + time.perf_counter() - t0
    progress.update(0.4, "voting")
    t1 = time.perf_counter()
    fps = np.asarray(index.footprints, np.float64)
    tile_centres = np.stack([(fps[:, 0] + fps[:, 2]) / 2, (fps[:, 1] + fps[:, 3]) / 2], 1)
    photo = pw.photo
    # correspondences: window m -> tile rows[m, j]
    m_idx = np.repeat(np.arange(len(rows)), k)
    t_idx = rows.reshape(-1)
    sim = sims.reshape(-1).astype(np.float64)
    # weight: a window's best match counts most; a window whose top matches all look alike counts little
    rank = np.tile(np.arange(k), len(rows))
    weight = (1.0 / (1.0 + rank)) * np.clip(sim - sims[:, -1:].repeat(k, 1).reshape(-1) + 0.02, 0, None)
    keep = weight > 0
    m_idx, t_idx, weight = m_idx[keep], t_idx[keep], weight[keep]
    d = pw.centres[m_idx] - (photo.width / 2, photo.height / 2)
    du, dv = d[:, 0], -d[:, 1]
    tgt = tile_centres[t_idx]
    quarter = pw.quarter[m_idx].astype(np.float64)
    band = pw.band[m_idx]

    cell = tile / 2
    lo = fps[:, :2].min(0) - tile
    hi = fps[:, 2:].max(0) + tile
    nx, ny = int(math.ceil((hi[0] - lo[0]) / cell)) + 1, int(math.ceil((hi[1] - lo[1]) / cell)) + 1
    n_theta = int(round(360 / THETA_STEP))
    offsets = np.arange(-int(45 / THETA_STEP), int(45 / THETA_STEP) + 1)
    scale_bins_by_band = []
    for (_s, low, high) in pw.bands:
        b0 = int(math.floor(math.log(low) / math.log(SCALE_RATIO)))
        b1 = int(math.ceil(math.log(high) / math.log(SCALE_RATIO)))
        scale_bins_by_band.append(np.arange(b0, b1 + 1))
    s_min = min(int(b[0]) for b in scale_bins_by_band)
    n_scale = max(int(b[-1]) for b in scale_bins_by_band) - s_min + 1
    keys, wts = [], []
    for bi, sbins in enumerate(scale_bins_by_band):
        in_band = band == bi
        if not in_band.any():
            continue
        q, u, v, xb, wb = quarter[in_band], du[in_band], dv[in_band], tgt[in_band], weight[in_band]
        for off in offsets:
            theta_bin = (np.round(q * 90 / THETA_STEP).astype(np.int64) + off) % n_theta
            c, s_ = _rot(theta_bin * THETA_STEP)
            ru, rv = c * u - s_ * v, s_ * u + c * v
            for sb in sbins:
                s = SCALE_RATIO ** sb
                cx = (xb[:, 0] - s * ru - lo[0]) / cell
                cy = (xb[:, 1] - s * rv - lo[1]) / cell
                ix, iy = np.floor(cx).astype(np.int64), np.floor(cy).astype(np.int64)
                ok = (ix >= 0) & (ix < nx) & (iy >= 0) & (iy < ny)
                if search_area is not None:
                    px, py = lo[0] + (ix + 0.5) * cell, lo[1] + (iy + 0.5) * cell
                    ok &= np.hypot(px - search_area[0], py - search_area[1]) <= search_area[2] + tile
                key = ((theta_bin[ok] * n_scale + (sb - s_min)) * ny + iy[ok]) * nx + ix[ok]
                keys.append(key)
                wts.append(wb[ok])
    if not keys or not sum(len(x) for x in keys):
        raise ArchiveError(f"{photo.name}: no window matched a tile of {index.name}"
                           + (" inside the catalogue's search area; check its centre and uncertainty" if search_area
                              else "; check that the index covers the photo's area"))
    keys = np.concatenate(keys)
    wts = np.concatenate(wts)
    uniq, inv = np.unique(keys, return_inverse=True)
    acc = np.bincount(inv, weights=wts)
    # neighbourhood sums (theta +-1, scale +-1, cell +-1) of the strongest raw bins
    top = np.argsort(acc)[::-1][:400]
    tk = uniq[top]
    ix, rest = tk % nx, tk // nx
    iy, rest = rest % ny, rest // ny
    sb, th = rest % n_scale, rest // n_scale
    score = np.zeros(len(tk))
    for dth in (-1, 0, 1):
        for dsb in (-1, 0, 1):
            s2 = sb + dsb
            ok_s = (s2 >= 0) & (s2 < n_scale)
            for dy in (-1, 0, 1):
                for dx in (-1, 0, 1):
                    nk = ((((th + dth) % n_theta) * n_scale + s2) * ny + (iy + dy)) * nx + (ix + dx)
                    pos = np.searchsorted(uniq, nk)
                    pos = np.minimum(pos, len(uniq) - 1)
                    hit = ok_s & (uniq[pos] == nk)
                    score += np.where(hit, acc[pos], 0.0)
    order = np.argsort(score)[::-1]
    footprint_side = max(photo.width, photo.height) * SCALE_RATIO ** (s_min + sb[order[0]])
    sep = max(2 * tile, 0.25 * footprint_side)
    hyps: List[Hypothesis] = []
    for o in order:
        c = (lo[0] + (ix[o] + 0.5) * cell, lo[1] + (iy[o] + 0.5) * cell)
        if any(math.hypot(c[0] - h.centre[0], c[1] - h.centre[1]) < sep for h in hyps):
            continue
        hyps.append(Hypothesis((float(c[0]), float(c[1])), float(th[o] * THETA_STEP),
                               float(SCALE_RATIO ** (s_min + sb[o])), float(score[o])))
        if len(hyps) >= candidates:
            break
    best = hyps[0]
    progress.update(0.7, "refining the transform")
    # correspondences that agree with the winning pose: each window's best such match
    c, s_ = _rot(np.array([best.rotation]))
    pred = np.stack([best.centre[0] + best.scale * (c * du - s_ * dv), best.centre[1] + best.scale * (s_ * du + c * dv)], 1)
    err = np.hypot(*(pred - tgt).T)
    qdiff = np.abs(((quarter * 90 - best.rotation + 180) % 360) - 180)
    agree = (err < 1.5 * tile) & (qdiff <= 45 + THETA_STEP)
    src_all, dst_all, w_all = pw.centres[m_idx], tgt, weight
    agree_idx = np.nonzero(agree)[0]
    if len(agree_idx):
        win = pw.window[m_idx[agree_idx]]
        o = np.lexsort((-w_all[agree_idx], win))
        first = np.ones(len(o), bool)
        first[1:] = win[o][1:] != win[o][:-1]
        agree_idx = agree_idx[o[first]]
    if len(agree_idx) >= 3:
        t, inl = ransac_similarity(src_all[agree_idx], dst_all[agree_idx], tol=0.75 * tile)
        n_agree = int(inl.sum())
        sc = math.hypot(t[0], t[1])
        if not (best.scale / 1.5 < sc < best.scale * 1.5):      # a degenerate fit (windows on a line): keep the bin
            t, n_agree = None, len(agree_idx)
    else:
        t, n_agree = None, len(agree_idx)
    if t is None:
        a, b = best.scale * math.cos(math.radians(best.rotation)), best.scale * math.sin(math.radians(best.rotation))
        t = np.array([a, b, best.centre[0], best.centre[1]])
        # the bin pose is about the photo centre: move the translation to pixel (0, 0)
        g = to_ground(t, np.array([photo.width / 2]), np.array([photo.height / 2]))[0]
        t[2] -= g[0] - best.centre[0]
        t[3] -= g[1] - best.centre[1]
    t = tuple(float(x) for x in t)
    centre = to_ground(t, np.array([photo.width / 2]), np.array([photo.height / 2]))[0]
    corners = to_ground(t, np.array([0, photo.width, photo.width, 0]), np.array([0, 0, photo.height, photo.height]))
    runner = hyps[1] if len(hyps) > 1 else None
    timings["voting"] = timings.get("voting", 0.0) + time.perf_counter() - t1
    progress.update(1.0, "located")
    return Location(photo.name, photo.width, photo.height, t, (float(centre[0]), float(centre[1])),
                    [(float(x), float(y)) for x, y in corners], float(math.hypot(t[0], t[1])),
                    float(math.degrees(math.atan2(t[1], t[0])) % 360),
                    float(1 - runner.score / best.score) if runner and best.score > 0 else 1.0,
                    float(best.score), n_agree, runner, hyps, pw.scale_known, timings=dict(timings))


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
