"""The cheap stage of locating a photo: grey thumbnails of windows and tiles, their edges, and the FFT
cross-correlation that scores every offset of a pose at once (see :mod:`.locate`)."""
from __future__ import annotations

import math
from typing import Optional, Tuple

import numpy as np

from .index_grid import IndexGrid

COARSE_CHANNELS = 32        # main components of the thumbnails correlated by FFT


def thumbnails(patches: np.ndarray, side: int) -> np.ndarray:
    """(N, P, P) grey windows -> (N, side^2) block means, standardised per window, of unit length (zeros: uniform)."""
    n, p = patches.shape[0], patches.shape[1]
    b = p // side
    return _centred_unit(patches[:, :b * side, :b * side].astype(np.float32).reshape(n, side, b, side, b)
                         .mean((2, 4)).reshape(n, -1))


def _centred_unit(t: np.ndarray) -> np.ndarray:
    """Rows less their mean, of unit length (zeros where a row is uniform)."""
    t = t - t.mean(1, keepdims=True)
    norm = np.linalg.norm(t, axis=1, keepdims=True)
    return t / np.where(norm > 1e-6, norm, np.inf)


def layout_and_edges(thumbs: np.ndarray) -> np.ndarray:
    """(N, side^2) thumbnails -> (N, 4 side^2): the thumbnail, the size of its local gradient and the gradient's
    orientation as a doubled angle (two channels), each centred and of unit length, quarters of one unit vector.
    The edges between parcels, roads and buildings outlast their tones (a field bright in one year is dark in
    another): their size and direction lift the true offset where the tones changed, and the doubled angle is the
    same whichever side of an edge is the brighter."""
    n = len(thumbs)
    side = int(round(math.sqrt(thumbs.shape[1])))
    gy, gx = np.gradient(thumbs.reshape(n, side, side), axis=(1, 2))
    edges = _centred_unit(np.hypot(gx, gy).reshape(n, -1))
    along = _centred_unit((gx * gx - gy * gy).reshape(n, -1))
    across = _centred_unit((2 * gx * gy).reshape(n, -1))
    return (np.concatenate([thumbs, edges, along, across], 1) / 2).astype(np.float32)


def index_thumbnails(descriptors: np.ndarray, net_cfg: dict, learnt_dim: int, side: int) -> Optional[np.ndarray]:
    """The grey thumbnails of the index's tiles, taken from their descriptors when the describer has a thumbnail
    part (its first channel block, pooled to ``side``); None when it has none."""
    full = int(net_cfg.get("thumbnail") or 0)
    if not full or full % side:
        return None
    block = np.asarray(descriptors[:, learnt_dim:learnt_dim + full * full], np.float32).reshape(-1, full, full)
    k = full // side
    return _centred_unit(block.reshape(-1, side, k, side, k).mean((2, 4)).reshape(len(block), -1))


class CoarseCorrelator:
    """The cheap stage's offset scores as one FFT cross-correlation per pose.

    Window w under offset o meets tile cell(w) + o, so the offset's score, the mean over windows of the window's
    thumbnail against that tile's, is a cross-correlation of the windows' thumbnail grid with the tiles' thumbnail
    grid, channel by channel: computed with FFTs whatever the number of tiles. Taking each tile's mean over the
    windows off (hubs) is taking the windows' mean thumbnail off the windows; the tolerance of a few per cent or
    degrees comes from the tiles' thumbnails averaged with their 3 x 3 neighbours.
    """

    def __init__(self, grid: IndexGrid, coarse_tiles: np.ndarray, max_pose_shape: Tuple[int, int], blur: bool = True,
                 channels: Optional[int] = COARSE_CHANNELS):
        from scipy import fft
        from scipy.ndimage import uniform_filter
        self.grid = grid
        r, c = grid.shape
        self.fft_shape = (fft.next_fast_len(r + max_pose_shape[0] + 1), fft.next_fast_len(c + max_pose_shape[1] + 1))
        # the thumbnails' main components: the FFTs' cost is per channel, and block means are smooth
        self.basis = None
        if channels and channels < coarse_tiles.shape[1]:
            sample = coarse_tiles[np.random.default_rng(0).permutation(len(coarse_tiles))[:20000]]
            self.basis = np.linalg.svd(sample, full_matrices=False)[2][:channels].T.astype(np.float32)
            coarse_tiles = coarse_tiles @ self.basis
        maps = np.zeros((coarse_tiles.shape[1], r, c), np.float32)
        maps[:, grid.rows, grid.cols] = coarse_tiles.T
        present = np.zeros((r, c), np.float32)
        present[grid.rows, grid.cols] = 1.0
        # a cell's neighbours averaged over those that hold a tile (the ortho's edge is not darkened)
        count = uniform_filter(present, 3, mode="constant")
        blurred = uniform_filter(maps, (1, 3, 3), mode="constant") / np.where(count > 0, count, 1.0) if blur else maps
        blurred[:, present == 0] = 0.0
        self.tiles_f = fft.rfft2(blurred, s=self.fft_shape, workers=-1)

    def fits(self, pose_shape: Tuple[int, int]) -> bool:
        return (pose_shape[0] + self.grid.shape[0] < self.fft_shape[0]
                and pose_shape[1] + self.grid.shape[1] < self.fft_shape[1])

    def scores(self, thumbs: np.ndarray, cells: np.ndarray, pose_shape: Tuple[int, int]) -> np.ndarray:
        """The (R + nr, C + nc) offset scores (array index: offset + window grid shape) of one pose."""
        from scipy import fft
        nr, nc = pose_shape
        if not self.fits(pose_shape):
            raise ValueError("pose larger than the correlator was prepared for")   # invariant
        if self.basis is not None:
            thumbs = thumbs @ self.basis
        centred = thumbs - thumbs.mean(0, keepdims=True)
        win = np.zeros((thumbs.shape[1], nr, nc), np.float32)
        win[:, cells[:, 0], cells[:, 1]] = centred.T
        spectrum = (np.conj(fft.rfft2(win, s=self.fft_shape, workers=-1)) * self.tiles_f).sum(0)
        corr = fft.irfft2(spectrum, s=self.fft_shape, workers=-1)
        r, c = self.grid.shape
        # circular lag k holds offset k (k < R) or k - size (negative offsets)
        out = np.roll(np.roll(corr, nr, axis=0), nc, axis=1)[:r + nr, :c + nc]
        return (out / max(1, len(cells))).astype(np.float32)
