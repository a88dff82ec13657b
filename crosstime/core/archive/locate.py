"""Locating a photo by correlating its windows with the modern index's tile grid, pose by pose.

Under a candidate pose (rotation, scale) the photo is turned and resampled so that north is up and its pixels have
the index tiles' ground resolution, then cut into windows on the index's tile step. If the pose is right, window
(i, j) shows tile (i + dr, j + dc) for one offset (dr, dc), so the offset's score is the mean over windows of
the window's similarity to that tile: every window's similarity to every tile counts, not only its best matches,
and many weak window descriptors add up to a strong answer. Two things make the sum robust: each tile's mean
similarity over the windows is taken off (a tile like every window says nothing), and each window takes its best
similarity among the 3 x 3 tiles around the one the offset assigns it, so a pose a few degrees or per cent off
still adds up.

Three stages choose the pose. A cheap stage scores every rotation step and scale with grey thumbnails (block means,
standardised per window: what remains of a place through decades, film and scanning is its layout of dark and light)
joined with the size and orientation of their gradient (the edges between parcels, roads and buildings, which outlast
their tones), all offsets at once as one FFT cross-correlation of the windows' thumbnail grid with the tiles' (so its
cost hardly grows with the index), and passes its best poses on. A sampling stage describes a few windows of each,
spread over the photo, with the full descriptor and scores every offset with them over the whole grid: a few full
descriptors of a small photo rank poses far better than many thumbnails, which rarely put its true pose first but
keep it among their best third; for a large photo the thumbnails of all its windows say more than a few full
descriptors, so the poses are ranked by both (docs/method.md gives the measures). The full descriptor of every window
then decides among the best, looking only near their best offsets; poses of different sizes are compared above the
height a mean over their number of windows reaches by chance. The answer's confidence is how far its score stands
above the best answer elsewhere (the runner-up).
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

import numpy as np

from ..progress import SILENT, Progress
from .catalogue import ArchiveError, ArchivePhoto
from .index_grid import IndexGrid
from .location import Hypothesis, Location, to_ground
from .thumbnail_stage import CoarseCorrelator, index_thumbnails, layout_and_edges, thumbnails

ROTATION_STEP = 10.0        # degrees between the rotations tried (the 3 x 3 tolerance covers half a step)
SCALE_RATIO = 1.15          # between the scales tried when the scale is unknown
KNOWN_SCALE_SPREAD = 1.12   # a catalogue scale is tried as is and this ratio either side (the 3 x 3 tolerance
                            # covers about 6 % more; wider searches, measured, located fewer photos)
COARSE_SIDE = 16            # thumbnail side of the cheap stage
SHORTLIST = 36              # poses the cheap stage passes to the sampling stage (and every scale's best) ...
SAMPLED_WINDOWS = 48        # ... which describes this many windows of each, spread over the photo
SAMPLING_BUDGET = 3000      # windows sampled in all by a describer without thumbnails (every pose, fewer windows)
THUMBNAIL_WEIGHT_WINDOWS = 10 * SAMPLED_WINDOWS  # the thumbnails' ranking weighs (photo's windows / this) against
                                                 # the sampled one: a small photo's few full descriptors say more
POSES_KEPT = 4              # poses the full descriptor looks at, at least ...
WINDOWS_DESCRIBED = 4000    # ... and more while their windows add up to no more than this: a small photo, whose
                            # few windows make the cheap stage's answer uncertain, has more of its poses checked
PEAKS_PER_POSE = 3          # offsets kept per pose
NEAR = 2                    # the full descriptor looks this many tiles around each kept offset
NO_TILE = -10.0             # below any centred cosine
NOISE_PEAK = 0.2            # a pose's best offset score, a mean over n windows, stands this / sqrt(n) above the
                            # rest by chance: taken off before poses of different sizes are compared


@dataclass
class PoseWindows:
    """The windows of the photo under one pose, on the index's tile step."""
    rotation: float
    scale: float
    patches: np.ndarray          # (n, P, P) uint8
    cells: np.ndarray            # (n, 2) (i, j) window row and column
    grid_shape: Tuple[int, int]  # windows that would fit, rows x columns (valid or not)
    image_shape: Tuple[int, int]


def turn(reduced: np.ndarray, rotation: float) -> tuple:
    """(the photo turned by ``rotation`` degrees counter-clockwise, the mask of where the photo is in it), as PIL
    images: made once per rotation and shared by every scale tried at it."""
    from PIL import Image
    img = Image.fromarray(reduced)
    return (img.rotate(rotation, resample=Image.BILINEAR, expand=True, fillcolor=0),
            Image.new("L", img.size, 255).rotate(rotation, expand=True, fillcolor=0))


def pose_windows(reduced: np.ndarray, photo: ArchivePhoto, rotation: float, scale: float, grid: IndexGrid,
                 turned: Optional[tuple] = None) -> PoseWindows:
    """The photo turned by ``rotation`` (its pose: counter-clockwise from north-up) back to north-up, at the grid's
    resolution for a photo of ``scale`` m/px, cut into windows every grid step; windows reaching past the photo's
    edge are left out. ``turned``: :func:`turn` of the photo at this rotation, when already made."""
    from PIL import Image
    p, step = grid.pixels, grid.step_px
    turned, inside = turned or turn(reduced, rotation)
    k = scale * photo.width / reduced.shape[1] / grid.resolution
    size = (max(1, int(round(turned.size[0] * k))), max(1, int(round(turned.size[1] * k))))
    g = np.asarray(turned.resize(size, Image.BILINEAR))
    m = np.asarray(inside.resize(size, Image.NEAREST)) > 0
    nr, nc = max(0, (g.shape[0] - p) // step + 1), max(0, (g.shape[1] - p) // step + 1)
    if nr == 0 or nc == 0:
        return PoseWindows(rotation, scale, np.zeros((0, p, p), np.uint8), np.zeros((0, 2), np.int64), (nr, nc),
                           g.shape)
    view = np.lib.stride_tricks.sliding_window_view(g, (p, p))[::step, ::step][:nr, :nc]
    full = np.lib.stride_tricks.sliding_window_view(m, (p, p))[::step, ::step][:nr, :nc].all((2, 3))
    cells = np.argwhere(full)
    patches = view[full]
    # a window blank in the scan (its frame, a burnt-out corner) carries no place: the standard deviation of its
    # grey levels is 4 or less, i.e. n sum(x^2) - sum(x)^2 <= 16 n^2, in integers (exact, and only for the
    # windows inside the photo: a float std of every window cost a fifth of locating a photo)
    x = patches.reshape(len(patches), -1)
    s1 = x.sum(1, dtype=np.int64)
    x32 = x.astype(np.int32)
    s2 = np.einsum("ij,ij->i", x32, x32, dtype=np.int64)
    n = p * p
    keep = n * s2 - s1 * s1 > 16 * n * n
    return PoseWindows(rotation, scale, np.ascontiguousarray(patches[keep]), cells[keep], (nr, nc), g.shape)


def _offset_scores(sims: np.ndarray, cells: np.ndarray, grid: IndexGrid, pose_shape: Tuple[int, int],
                   tolerance: int = 3) -> np.ndarray:
    """Score of every offset (dr, dc) (array index: offset + window grid shape), from (n, T) similarities of the
    windows to the grid's tiles (in its entries' order); each window takes its best similarity among the
    ``tolerance`` x ``tolerance`` tiles around its own."""
    from scipy.ndimage import maximum_filter
    n_rows, n_cols = grid.shape
    nr, nc = pose_shape
    s = sims - sims.mean(0, keepdims=True)
    score = np.zeros((n_rows + nr, n_cols + nc), np.float32)
    chunk = max(1, int(2e7 // max(1, n_rows * n_cols)))          # bounded memory whatever the index size
    for start in range(0, len(cells), chunk):
        part = slice(start, start + chunk)
        maps = np.full((len(s[part]), n_rows, n_cols), NO_TILE, np.float32)
        maps[:, grid.rows, grid.cols] = s[part]
        if tolerance > 1:
            maps = maximum_filter(maps, size=(1, tolerance, tolerance), mode="constant", cval=NO_TILE)
        maps[maps <= NO_TILE] = 0.0            # a cell without a tile (outside the ortho) neither helps nor hurts
        for (i, j), m in zip(cells[part], maps):
            score[nr - i:nr - i + n_rows, nc - j:nc - j + n_cols] += m
    return score / max(1, len(cells))


def _vertex(values: np.ndarray, k: int) -> float:
    """Where between grid steps the peak at ``values[k]`` lies (a parabola through it and its neighbours)."""
    if k == 0 or k == len(values) - 1:
        return 0.0
    curve = values[k - 1] - 2 * values[k] + values[k + 1]
    return float(np.clip(0.5 * (values[k - 1] - values[k + 1]) / curve, -0.5, 0.5)) if curve < 0 else 0.0


def _centre(grid: IndexGrid, pw: PoseWindows, offset: Tuple[float, float]) -> Tuple[float, float]:
    """Ground centre of the photo when window (i, j) lies on tile (i + dr, j + dc)."""
    res, step = grid.resolution, grid.step_px
    h, w = pw.image_shape
    return (grid.west + (offset[1] * step + w / 2) * res, grid.north - (offset[0] * step + h / 2) * res)


def _peaks(score: np.ndarray, pw: PoseWindows, grid: IndexGrid, n: int, sep: float,
           area: Optional[Tuple[float, float, float]]) -> List[Tuple[float, Tuple[int, int], Tuple[float, float]]]:
    """The ``n`` best offsets at least ``sep`` apart on the ground (inside ``area`` when given)."""
    nr, nc = pw.grid_shape
    out: List[Tuple[float, Tuple[int, int], Tuple[float, float]]] = []
    for flat in np.argsort(score, axis=None)[::-1][:2000]:
        a, b = np.unravel_index(flat, score.shape)
        off = (int(a) - nr, int(b) - nc)
        c = _centre(grid, pw, off)
        if area is not None and math.hypot(c[0] - area[0], c[1] - area[1]) > area[2] + grid.tile_size:
            continue
        if all(math.hypot(c[0] - o[2][0], c[1] - o[2][1]) >= sep for o in out):
            out.append((float(score[a, b]), off, c))
            if len(out) == n:
                break
    return out


def _largest_pose(reduced: np.ndarray, photo: ArchivePhoto, scale: float, grid: IndexGrid) -> Tuple[int, int]:
    """The most windows a pose of the photo at ``scale`` can have along each axis (turned 45 degrees)."""
    k = scale * photo.width / reduced.shape[1] / grid.resolution
    side = int(math.ceil(math.hypot(*reduced.shape) * k)) + 2
    n = max(1, (side - grid.pixels) // grid.step_px + 1)
    return n, n


def candidate_scales(photo: ArchivePhoto, known: bool, footprint_range: Tuple[float, float]) -> List[float]:
    """The photo scales (m/px) to try: the catalogue's and its neighbours, or a series over ``footprint_range``."""
    if known and photo.scale:
        return [photo.scale / KNOWN_SCALE_SPREAD, photo.scale, photo.scale * KNOWN_SCALE_SPREAD]
    lo, hi = footprint_range
    if not 0 < lo <= hi:
        raise ArchiveError("footprint range {lo:g}-{hi:g} m: give two positive sizes, the smaller first", lo=lo, hi=hi)
    side = max(photo.width, photo.height)
    n = max(1, int(math.ceil(math.log(hi / lo) / math.log(SCALE_RATIO))) + 1)
    return [lo / side * (hi / lo) ** (k / max(1, n - 1)) for k in range(n)]


def spread(n: int, k: int) -> np.ndarray:
    """``k`` of ``n`` windows (all of them when ``k >= n``), evenly spread over their order (row by row)."""
    if n <= k:
        return np.arange(n)
    return np.unique(np.linspace(0, n - 1, k).round().astype(np.int64))


def _describe_rest(describer, pw: PoseWindows, done: np.ndarray, done_desc: np.ndarray) -> np.ndarray:
    """The full descriptors of every window of ``pw``, those in ``done`` already described as ``done_desc``."""
    out = np.empty((len(pw.cells), done_desc.shape[1]), np.float32)
    out[done] = done_desc
    rest = np.setdiff1d(np.arange(len(pw.cells)), done)
    if len(rest):
        out[rest] = describer.describe_grey(pw.patches[rest])
    return out


def _shortlist(poses: List[PoseWindows], correlator: CoarseCorrelator,
               n: int) -> Tuple[List[PoseWindows], np.ndarray, List[np.ndarray]]:
    """The ``n`` poses whose thumbnails score highest at their best offset, and every scale's best; with those
    heights and offset scores. Only the maps of the poses still in the running are kept (with an unknown scale on a
    large index, every pose's map would take hundreds of megabytes)."""
    heights = np.full(len(poses), -np.inf)
    maps: Dict[int, np.ndarray] = {}
    scale_best: Dict[float, int] = {}
    for i, pw in enumerate(poses):
        score = correlator.scores(layout_and_edges(thumbnails(pw.patches, COARSE_SIDE)), pw.cells, pw.grid_shape)
        heights[i] = float(score.max())
        maps[i] = score
        if pw.scale not in scale_best or heights[i] > heights[scale_best[pw.scale]]:
            scale_best[pw.scale] = i
        if len(maps) > 2 * n + len(scale_best):
            # the stable sort keeps the earlier pose on ties, as the final cut below does
            running = set(sorted(maps, key=lambda k: (-heights[k], k))[:n]) | set(scale_best.values())
            maps = {k: v for k, v in maps.items() if k in running}
    chosen = [int(i) for i in np.argsort(-heights, kind="stable")[:n]]
    for i in sorted(scale_best.values(), key=lambda k: poses[k].scale):
        if i not in chosen:
            chosen.append(i)
    return [poses[i] for i in chosen], heights[chosen], [maps[i] for i in chosen]


def above_noise(height: float, windows: int) -> float:
    """A pose's best offset score less the height a mean over ``windows`` windows reaches by chance: with an
    unknown scale, the smallest footprints (a few windows) otherwise win by noise alone."""
    return height - NOISE_PEAK / math.sqrt(max(1, windows))


def _standard(values: np.ndarray) -> np.ndarray:
    """``values`` less their mean, over their standard deviation (zeros when they are all equal)."""
    values = np.asarray(values, np.float64)
    spread_ = values.std()
    return (values - values.mean()) / spread_ if spread_ > 0 else np.zeros_like(values)


def _ranking_heights(sampled: List[SampledPose], thumbnail_heights: Optional[np.ndarray]) -> np.ndarray:
    """What ranks the sampled poses for the full stage: both heights, each standardised over the poses sampled,
    the thumbnails' weighted by the photo's window count. The sampled height is a mean over windows, fair across
    scales; a few full descriptors of a small photo say more than the thumbnails of all its windows, a few windows of
    a large one less."""
    heights = _standard([c.height for c in sampled])
    if thumbnail_heights is None:
        return heights
    windows = float(np.median([len(c.windows.cells) for c in sampled]))
    return heights + windows / THUMBNAIL_WEIGHT_WINDOWS * _standard(thumbnail_heights)


@dataclass
class SampledPose:
    """A pose after the sampling stage: its score, and the windows already described."""
    height: float                         # best offset score of the sampled windows, above noise
    windows: PoseWindows
    score: np.ndarray                     # offset scores of the sampled windows
    thumbnail_score: Optional[np.ndarray]  # offset scores of the thumbnails of all windows (None: no thumbnail part)
    picked: np.ndarray                    # the sampled windows ...
    picked_descriptors: np.ndarray        # ... and their full descriptors


@dataclass
class PreparedIndex:
    """What every photo located in one index shares: its grid, its descriptors, its tiles' thumbnails."""
    grid: IndexGrid
    descriptors: np.ndarray
    coarse_tiles: Optional[np.ndarray]     # None: the describer has no thumbnail part
    correlators: Dict[Tuple[int, int], CoarseCorrelator] = field(default_factory=dict)

    def correlator(self, pose_shape: Tuple[int, int]) -> CoarseCorrelator:
        """A correlator taking poses up to ``pose_shape`` windows (made once per size class, kept)."""
        for c in self.correlators.values():
            if c.fits(pose_shape):
                return c
        # sizes rounded up, so that photos of similar sizes share one
        key = (-(-pose_shape[0] // 16) * 16, -(-pose_shape[1] // 16) * 16)
        self.correlators[key] = CoarseCorrelator(self.grid, self.coarse_tiles, key)
        return self.correlators[key]


def prepare_index(index, describer) -> PreparedIndex:
    descriptors = np.asarray(index.descriptors, np.float32)
    thumbs = index_thumbnails(descriptors, describer.config, describer.learnt_dim, COARSE_SIDE)
    return PreparedIndex(IndexGrid.of(index), descriptors, None if thumbs is None else layout_and_edges(thumbs))


def correlate_photo(photo: ArchivePhoto, describer, index, known_scale: bool = True,
                    footprint_range: Optional[Tuple[float, float]] = None,
                    search_area: Optional[Tuple[float, float, float]] = None, rotation_step: float = ROTATION_STEP,
                    progress: Progress = SILENT, timings: Optional[Dict[str, float]] = None,
                    prepared: Optional[PreparedIndex] = None) -> Location:
    """The pose of ``photo`` in ``index`` (a DescriptorIndex of modern tiles made by ``describer``); ``prepared``:
    :func:`prepare_index` of them, made once for many photos."""
    from .catalogue import read_grey_reduced
    from .windows import DEFAULT_FOOTPRINT_RANGE
    timings = timings if timings is not None else {}
    prepared = prepared or prepare_index(index, describer)
    grid, descriptors, coarse_tiles = prepared.grid, prepared.descriptors, prepared.coarse_tiles
    scales = candidate_scales(photo, known_scale, footprint_range or DEFAULT_FOOTPRINT_RANGE)
    rotations = list(np.arange(0.0, 360.0, rotation_step))
    t0 = time.perf_counter()
    reduced = read_grey_reduced(photo.path, max(1.0, grid.resolution / max(scales)))
    timings["reading"] = timings.get("reading", 0.0) + time.perf_counter() - t0

    t0 = time.perf_counter()
    poses: List[PoseWindows] = []
    for r_i, rot in enumerate(rotations):
        turned = turn(reduced, float(rot))
        for scale in scales:
            progress.check()
            pw = pose_windows(reduced, photo, float(rot), scale, grid, turned)
            if len(pw.cells) >= 4:
                poses.append(pw)
        progress.update(0.1 * (r_i + 1) / len(rotations), "trying poses")
    if not poses:
        raise ArchiveError("{photo}: at the scales tried ({smallest:.3g}-{largest:.3g} m/px) the photo covers "
                           "less than a few {tile_size:g} m tiles, or is blank; check its scale in the catalogue "
                           "or use an index of smaller tiles",
                           photo=photo.name, smallest=scales[0], largest=scales[-1], tile_size=grid.tile_size)
    per_pose = SAMPLED_WINDOWS
    thumbnail_heights, thumbnail_maps = None, None
    if coarse_tiles is not None:
        correlator = prepared.correlator(_largest_pose(reduced, photo, max(scales), grid))
        poses, thumbnail_heights, thumbnail_maps = _shortlist(poses, correlator, SHORTLIST)
    elif len(poses) * per_pose > SAMPLING_BUDGET:      # a describer without a thumbnail part: fewer windows per pose
        per_pose = max(8, SAMPLING_BUDGET // len(poses))
    timings["searching"] = timings.get("searching", 0.0) + time.perf_counter() - t0

    sampled: List[SampledPose] = []
    for n, pw in enumerate(poses):
        progress.check()
        pick = spread(len(pw.cells), per_pose)
        t0 = time.perf_counter()
        fine = describer.describe_grey(pw.patches[pick])
        timings["describing"] = timings.get("describing", 0.0) + time.perf_counter() - t0
        t0 = time.perf_counter()
        score = _offset_scores(fine @ descriptors.T, pw.cells[pick], grid, pw.grid_shape)
        sampled.append(SampledPose(above_noise(float(score.max()), len(pick)), pw, score,
                                   None if thumbnail_maps is None else thumbnail_maps[n], pick, fine))
        timings["sampling"] = timings.get("sampling", 0.0) + time.perf_counter() - t0
        progress.update(0.1 + 0.5 * (n + 1) / len(poses), "trying poses")
    heights = _ranking_heights(sampled, thumbnail_heights)
    kept: List[SampledPose] = []
    described = 0
    for i in np.argsort(-heights, kind="stable"):
        c = sampled[i]
        if len(kept) >= POSES_KEPT and described + len(c.windows.cells) > WINDOWS_DESCRIBED:
            break
        if all(abs((c.windows.rotation - k.windows.rotation + 180) % 360 - 180) > 1.5 * rotation_step
               or max(c.windows.scale, k.windows.scale) / min(c.windows.scale, k.windows.scale) > SCALE_RATIO * 1.01
               for k in kept):
            kept.append(c)
            described += len(c.windows.cells)

    footprint_side = max(photo.width, photo.height) * kept[0].windows.scale
    sep = max(2 * grid.tile_size, 0.25 * footprint_side)
    hyps: List[Tuple[float, Hypothesis, PoseWindows, Tuple[float, float]]] = []
    for n, pose in enumerate(kept):
        pw, score, thumbnail_score = pose.windows, pose.score, pose.thumbnail_score
        t0 = time.perf_counter()
        fine = _describe_rest(describer, pw, pose.picked, pose.picked_descriptors)
        timings["describing"] = timings.get("describing", 0.0) + time.perf_counter() - t0
        t0 = time.perf_counter()
        # the best offsets of the sampled windows, and of the thumbnails of all windows (a large photo's few sampled
        # windows may miss its true offset at its true pose)
        offsets = [p[1] for p in _peaks(score, pw, grid, PEAKS_PER_POSE, sep, search_area)]
        if thumbnail_score is not None:
            offsets += [p[1] for p in _peaks(thumbnail_score, pw, grid, PEAKS_PER_POSE, sep, search_area)
                        if all(max(abs(p[1][0] - o[0]), abs(p[1][1] - o[1])) > NEAR for o in offsets)]
        for off in offsets:
            # the tiles the windows meet around this offset, and the offsets near it, on that part of the grid
            rows = pw.cells[:, 0][:, None] + off[0] + np.arange(-NEAR - 1, NEAR + 2)
            cols = pw.cells[:, 1][:, None] + off[1] + np.arange(-NEAR - 1, NEAR + 2)
            r_lo, c_lo = max(0, int(rows.min())), max(0, int(cols.min()))
            part, tiles = grid.crop(r_lo, min(grid.shape[0], int(rows.max()) + 1), c_lo,
                                    min(grid.shape[1], int(cols.max()) + 1))
            if not len(tiles):
                continue
            sims = fine @ descriptors[tiles].T
            local = _offset_scores(sims, pw.cells, part, pw.grid_shape)
            nr, nc = pw.grid_shape
            a0, b0 = off[0] - r_lo + nr, off[1] - c_lo + nc
            r0, c0 = max(0, a0 - NEAR), max(0, b0 - NEAR)
            win = local[r0:a0 + NEAR + 1, c0:b0 + NEAR + 1]
            # the tolerant score chooses; the exact one (each window on its own tile) places, between grid steps
            exact = _offset_scores(sims, pw.cells, part, pw.grid_shape, tolerance=1)[r0:a0 + NEAR + 1, c0:b0 + NEAR + 1]
            da, db = np.unravel_index(int(np.argmax(np.where(win >= win.max() - 1e-6, exact, -np.inf))), win.shape)
            best_off = (r_lo + r0 + da - nr + _vertex(exact[:, db], da), c_lo + c0 + db - nc + _vertex(exact[da, :], db))
            c = _centre(grid, pw, best_off)
            if search_area is not None and math.hypot(c[0] - search_area[0], c[1] - search_area[1]) > \
                    search_area[2] + grid.tile_size:
                continue
            height = above_noise(float(win.max()), len(pw.cells))
            hyps.append((height, Hypothesis(c, pw.rotation, pw.scale, height), pw, best_off))
        timings["voting"] = timings.get("voting", 0.0) + time.perf_counter() - t0
        progress.update(0.6 + 0.4 * (n + 1) / len(kept), "comparing the best poses")
    if not hyps:
        raise ArchiveError("{photo}: no pose of the photo falls inside the catalogue's search area; check its "
                           "centre and uncertainty", photo=photo.name)
    hyps.sort(key=lambda h: -h[0])
    best_score, best, best_pw, best_off = hyps[0]
    others = [h for h in hyps[1:] if math.hypot(h[1].centre[0] - best.centre[0], h[1].centre[1] - best.centre[1]) >= sep]
    runner = others[0][1] if others else None
    ranked = [best] + [h[1] for h in others]
    a = best.scale * math.cos(math.radians(best.rotation))
    b = best.scale * math.sin(math.radians(best.rotation))
    g = to_ground((a, b, 0.0, 0.0), np.array([photo.width / 2]), np.array([photo.height / 2]))[0]
    t = (float(a), float(b), float(best.centre[0] - g[0]), float(best.centre[1] - g[1]))
    corners = to_ground(t, np.array([0, photo.width, photo.width, 0]), np.array([0, 0, photo.height, photo.height]))
    confidence = float(np.clip(1 - runner.score / best_score, 0, 1)) if runner and best_score > 0 else 1.0
    progress.update(1.0, "located")
    return Location(photo.name, photo.width, photo.height, t, best.centre, [(float(x), float(y)) for x, y in corners],
                    best.scale, best.rotation % 360, confidence, best_score, len(best_pw.cells), runner, ranked,
                    bool(known_scale and photo.scale), timings=dict(timings))

