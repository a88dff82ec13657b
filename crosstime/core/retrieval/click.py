"""Click-to-match without QGIS: the new-date tile under a point is described and searched in the index."""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Callable, List, Optional, Tuple

from ..errors import CrossTimeError
from ..geo.grid import TileGrid, parse_tile_id, tile_id
from ..tiles.dates import NEW, OLD
from ..tiles.from_layers import LayerTiles
from .index import THE_INDEX, DescriptorIndex, IndexFileError


class MatchError(CrossTimeError, ValueError):
    """The click cannot be matched (outside the tiled area, no data...)."""


@dataclass
class MatchResult:
    request: int
    query_id: str
    query_footprint: Tuple[float, float, float, float]
    crs: str
    ids: List[str]
    scores: List[float]
    footprints: List[Tuple[float, float, float, float]]
    valid_fraction: float = 1.0
    elapsed_ms: float = 0.0
    images: dict = field(default_factory=dict)    # "query": (image, codes), "matches": [(image, codes), ...]

    @property
    def ranks(self) -> List[int]:
        return list(range(1, len(self.ids) + 1))


class Matcher:
    """Holds an index, the describer that made it, and the new-date (and optionally old-date) sources; thread-safe."""

    def __init__(self, index: DescriptorIndex, describer, open_tiles: Callable[[TileGrid], LayerTiles]):
        """``open_tiles(grid)``: the new-date (and, for pictures of the matches, old-date) tiles on the index's grid;
        called once, on :meth:`prepare` or the first click, since drawing the vectors takes a while."""
        index.check_model(describer.fingerprint, THE_INDEX)
        if not index.grid:
            raise IndexFileError("the index has no tile grid (made from an image folder?): it cannot serve clicks")
        self.index, self.describer = index, describer
        self.grid = TileGrid.from_dict(index.grid)
        self._open_tiles = open_tiles
        self._tiles: Optional[LayerTiles] = None
        self._lock = threading.Lock()

    def _layer_tiles(self) -> LayerTiles:
        if self._tiles is None:
            self._tiles = self._open_tiles(self.grid)
        return self._tiles

    def prepare(self) -> None:
        """Read and reproject the vectors now rather than on the first click."""
        with self._lock:
            self._layer_tiles()

    def tile_at(self, x: float, y: float) -> Optional[Tuple[int, int]]:
        return self.grid.tile_at(x, y)

    def match(self, x: float, y: float, k: int = 5, request: int = 0, with_images: bool = False) -> MatchResult:
        """Match the tile under (x, y), given in the grid's CRS."""
        t0 = time.perf_counter()
        self.index.check_k(k)
        ij = self.grid.tile_at(x, y)
        if ij is None:
            raise MatchError("the point lies outside the tiled area of the index")
        with self._lock:
            query = self._layer_tiles().at([ij])
            batch = query.read([0], NEW)
            q = self.describer.describe(query, [0], NEW)
            scores, rows = self.index.query(q, k)
            res = MatchResult(request, tile_id(*ij), self.grid.footprint(*ij), self.grid.crs,
                              [str(self.index.ids[r]) for r in rows[0]], [float(s) for s in scores[0]],
                              [tuple(map(float, self.index.footprints[r])) for r in rows[0]], float(batch.valid[0]))
            if with_images:
                res.images["query"] = (batch.images[0], batch.codes[0])
                if OLD in self._layer_tiles().orthos:
                    old = self._layer_tiles().at([parse_tile_id(t) for t in res.ids]).read(range(len(res.ids)), OLD)
                    res.images["matches"] = list(zip(old.images, old.codes))
        res.elapsed_ms = (time.perf_counter() - t0) * 1000
        return res

    def close(self) -> None:
        if self._tiles is not None:
            self._tiles.close()
