"""Tiles read straight from the orthos and vector layers, for describing without a tile store.

It offers the same reading interface as a TileSet (``inputs``, ``raw``, ``ids``, ``footprints``),
so the describer and the index builder take either.
"""
from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np

from .grid import TileGrid, tile_id
from .imagery import OrthoReader
from .inputs import stack_input, stack_input_u8
from .rasterize import SemanticRasterizer


class LiveTiles:
    def __init__(self, grid: TileGrid, orthos: Dict[str, str], semantics: Dict[str, Optional[SemanticRasterizer]],
                 tiles: Optional[Sequence[Tuple[int, int]]] = None, min_valid: float = 0.0):
        """``orthos`` / ``semantics``: per date ('a' old, 'b' new); a date may be missing if never read."""
        self.grid = grid
        self.pixels = grid.pixels
        self.orthos = dict(orthos)
        self.semantics = dict(semantics)
        self.tiles: List[Tuple[int, int]] = list(tiles) if tiles is not None else list(grid.indices())
        self._readers: Dict[str, OrthoReader] = {}
        self.last_valid: Dict[str, np.ndarray] = {}

    def __len__(self) -> int:
        return len(self.tiles)

    def reader(self, date: str) -> OrthoReader:
        if date not in self._readers:
            self._readers[date] = OrthoReader(self.orthos[date], self.grid)
        return self._readers[date]

    def close(self) -> None:
        for r in self._readers.values():
            r.close()
        self._readers.clear()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def ids(self) -> List[str]:
        return [tile_id(i, j) for i, j in self.tiles]

    def footprints(self) -> np.ndarray:
        return np.array([self.grid.footprint(i, j) for i, j in self.tiles], np.float64).reshape(-1, 4)

    @property
    def crs(self) -> str:
        return self.grid.crs

    def grid_dict(self) -> dict:
        return self.grid.to_dict()

    def raw(self, gidx: Sequence[int], date: str) -> Tuple[np.ndarray, np.ndarray]:
        p = self.pixels
        img = np.empty((len(gidx), p, p, 3), np.uint8)
        cod = np.zeros((len(gidx), p, p), np.uint8)
        valid = np.empty(len(gidx), np.float32)
        sem = self.semantics.get(date)
        rd = self.reader(date)
        for n, g in enumerate(gidx):
            fp = self.grid.footprint(*self.tiles[int(g)])
            t = rd.read_bounds(fp)
            img[n], valid[n] = t.rgb, t.valid_fraction
            if sem is not None:
                cod[n] = sem.codes(fp, p)
        self.last_valid[date] = valid
        return img, cod

    def inputs_u8(self, gidx: Sequence[int], date: str, legend, modality: str, semantic_mode: str) -> np.ndarray:
        """(B, H, W, C) uint8: the cheapest form to hand over to torch."""
        img, cod = self.raw(gidx, date)
        return stack_input_u8(img, cod, legend, modality, semantic_mode)

    def inputs(self, gidx: Sequence[int], date: str, legend, modality: str, semantic_mode: str) -> np.ndarray:
        img, cod = self.raw(gidx, date)
        return stack_input(img, cod, legend, modality, semantic_mode)
