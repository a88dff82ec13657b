"""Where inside a matched tile the clicked place lies: the query tile slid over the old ortho around the match.

A click falls anywhere, the index's tiles lie on a grid: the best old tile holds the place somewhere within half a
tile of its centre. As the archive locator does, the query and the old image are compared by their edges (the
gradient magnitude: parcel and road edges outlast the tones of a season or a film), standardised, at every shift
of a coarse raster; the shift of highest correlation places the answer.
"""
from __future__ import annotations

from typing import Tuple

import numpy as np

CELLS = 32                  # the query tile is compared at this many pixels a side


def edges(image: np.ndarray, cells: int) -> np.ndarray:
    """Gradient magnitude of the grey image reduced to ``cells`` pixels per tile side (block means)."""
    grey = np.asarray(image, np.float32)
    if grey.ndim == 3:
        grey = grey.mean(2)
    f = max(1, grey.shape[0] // cells)
    h, w = (grey.shape[0] // f) * f, (grey.shape[1] // f) * f
    small = grey[:h, :w].reshape(h // f, f, w // f, f).mean((1, 3))
    gy, gx = np.gradient(small)
    return np.hypot(gx, gy)


SPAN = 2                    # the old image compared covers this many tiles a side, centred on the match


def best_shift(query: np.ndarray, around: np.ndarray, cells: int = CELLS) -> Tuple[float, float, float]:
    """(dx, dy, correlation): the shift, in tiles (x east, y north), of the query tile's best place in ``around``,
    an old-date image of :data:`SPAN` x :data:`SPAN` tiles centred on the matched tile (north up, any pixel size);
    (0, 0) is the matched tile itself."""
    cells = max(2, min(cells, np.shape(query)[0], np.shape(around)[0] // SPAN))
    q = edges(query, cells)
    a = edges(around, cells * SPAN)
    n = q.shape[0]
    q = (q - q.mean()) / (q.std() + 1e-6)
    windows = np.lib.stride_tricks.sliding_window_view(a, q.shape)          # (S, S, n, n)
    sd = windows.std((2, 3)) + 1e-6
    corr = np.einsum("ijkl,kl->ij", windows, q) / q.size / sd          # q has zero mean: the windows' means drop out
    r, c = np.unravel_index(int(np.argmax(corr)), corr.shape)
    centre = (a.shape[0] - n) / 2.0
    return float((c - centre) / n), float(-(r - centre) / n), float(corr[r, c])
