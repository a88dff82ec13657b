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
