"""What a describer reads: any indexable set of tiles, from tile stores or straight from the layers."""
from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional, Protocol, Sequence

import numpy as np


@dataclass
class TileBatch:
    """Tiles of one date, as read."""
    images: np.ndarray     # (B, P, P, 3) uint8
    codes: np.ndarray      # (B, P, P) uint8 semantic category codes (0: background)
    valid: np.ndarray      # (B,) float32 fraction of pixels with data


class TileSource(Protocol):
    """Satisfied by :class:`~.selection.TileSet` (tile stores) and :class:`~.from_layers.LayerTiles`."""
    pixels: int

    def __len__(self) -> int: ...

    def ids(self) -> List[str]: ...

    def footprints(self) -> np.ndarray: ...

    @property
    def crs(self) -> Optional[str]: ...

    def grid_dict(self) -> Optional[dict]: ...

    def read(self, indices: Sequence[int], date: str) -> TileBatch: ...


class ReadTiles:
    """Tiles already read (one date's batch) seen as a TileSource: a click describes the tiles it has just read for
    its pictures without drawing their vectors a second time."""

    def __init__(self, source: TileSource, indices: Sequence[int], batch: TileBatch):
        self.pixels = source.pixels
        self._source, self._indices, self._batch = source, list(indices), batch

    def __len__(self) -> int:
        return len(self._indices)

    def ids(self) -> List[str]:
        every = self._source.ids()
        return [every[k] for k in self._indices]

    def footprints(self) -> np.ndarray:
        return self._source.footprints()[self._indices]

    @property
    def crs(self) -> Optional[str]:
        return self._source.crs

    def grid_dict(self) -> Optional[dict]:
        return self._source.grid_dict()

    def read(self, indices: Sequence[int], date: str) -> TileBatch:
        k = np.asarray(indices, np.int64)
        b = self._batch
        return TileBatch(b.images[k], b.codes[k], b.valid[k])
