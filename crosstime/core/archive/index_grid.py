"""The modern index's tiles on their grid, as the archive locator walks it."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Tuple

import numpy as np

from .catalogue import ArchiveError


@dataclass
class IndexGrid:
    """The modern index's tiles laid on their grid: row 0 is the northernmost row, column 0 the westernmost."""
    rows: np.ndarray             # (N,) row of each index entry
    cols: np.ndarray             # (N,)
    shape: Tuple[int, int]
    west: float                  # ground x of the west edge of column 0
    north: float                 # ground y of the north edge of row 0
    stride: float
    tile_size: float
    pixels: int
    lookup: np.ndarray           # (R, C) index entry at each cell, -1 where there is none

    @classmethod
    def of(cls, index) -> IndexGrid:
        grid = index.grid or {}
        tile = float(grid.get("tile_size") or 0)
        if tile <= 0:
            raise ArchiveError("{index}: this index has no tile grid; build the modern index from an ortho",
                               index=index.name)
        stride = float(grid.get("stride") or tile)
        fps = np.asarray(index.footprints, np.float64)
        west, north = float(fps[:, 0].min()), float(fps[:, 3].max())
        cols = np.rint((fps[:, 0] - west) / stride).astype(np.int64)
        rows = np.rint((north - fps[:, 3]) / stride).astype(np.int64)
        shape = (int(rows.max()) + 1, int(cols.max()) + 1)
        lookup = np.full(shape, -1, np.int64)
        lookup[rows, cols] = np.arange(len(fps))
        return cls(rows, cols, shape, west, north, stride, tile, int(grid.get("pixels") or 64), lookup)

    def crop(self, r0: int, r1: int, c0: int, c1: int) -> Tuple[IndexGrid, np.ndarray]:
        """The part of the grid in rows r0:r1 and columns c0:c1, and the index entries it holds (its order)."""
        lookup = self.lookup[r0:r1, c0:c1]
        rows, cols = np.nonzero(lookup >= 0)
        entries = lookup[rows, cols]
        part = IndexGrid(rows, cols, lookup.shape, self.west + c0 * self.stride, self.north - r0 * self.stride,
                         self.stride, self.tile_size, self.pixels, np.where(lookup >= 0, 0, -1))
        part.lookup[rows, cols] = np.arange(len(entries))
        return part, entries

    @property
    def resolution(self) -> float:
        """Ground units per pixel of a described tile."""
        return self.tile_size / self.pixels

    @property
    def step_px(self) -> int:
        return max(1, int(round(self.stride / self.resolution)))
