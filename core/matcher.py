"""Click-to-match without QGIS: the new-date tile under a point is described and searched in the index."""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import List, Optional, Sequence, Tuple

import numpy as np

from .grid import TileGrid, parse_tile_id, tile_id
from .index import DescriptorIndex, IndexFileError
from .legend import Legend
from .livetiles import LiveTiles
from .rasterize import SemanticRasterizer
from .vectors import VectorLayerData


class MatchError(ValueError):
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
    """Holds an index, the describer that made it, and the new-date sources; thread-safe."""

    def __init__(self, index: DescriptorIndex, describer, legend: Legend, new_ortho: str,
                 new_layers: Sequence[VectorLayerData] = (), old_ortho: Optional[str] = None,
                 old_layers: Sequence[VectorLayerData] = ()):
        index.check_model(describer.fingerprint, "the index")
        if not index.grid:
            raise IndexFileError("the index has no tile grid (made from an image folder?): it cannot serve clicks")
        self.index, self.describer, self.legend = index, describer, legend
        self.grid = TileGrid.from_dict(index.grid)
        self._sources = {"b": (new_ortho, list(new_layers)), "a": (old_ortho, list(old_layers))}
        self._tiles = {}
        self._lock = threading.Lock()

    def _live(self, date: str) -> LiveTiles:
        if date not in self._tiles:
            ortho, layers = self._sources[date]
            if ortho is None:
                raise MatchError("no old ortho given: matches cannot be shown as images")
            sem = SemanticRasterizer(layers, self.legend, self.grid.crs, self.grid.resolution) if layers else None
            self._tiles[date] = LiveTiles(self.grid, {date: ortho}, {date: sem})
        return self._tiles[date]

    def prepare(self) -> None:
        """Read and reproject the new-date vectors now rather than on the first click."""
        with self._lock:
            self._live("b")

    def tile_at(self, x: float, y: float) -> Optional[Tuple[int, int]]:
        return self.grid.tile_at(x, y)

    def match(self, x: float, y: float, k: int = 5, request: int = 0, with_images: bool = False) -> MatchResult:
        """Match the tile under (x, y), given in the grid's CRS."""
        t0 = time.perf_counter()
        ij = self.grid.tile_at(x, y)
        if ij is None:
            raise MatchError("the point lies outside the tiled area of the index")
        with self._lock:
            live = self._live("b")
            live.tiles = [ij]
            q = self.describer.describe(live, [0], "b")
            valid = float(live.last_valid.get("b", np.ones(1))[0])
            scores, rows = self.index.query(q, k)
            res = MatchResult(request, tile_id(*ij), self.grid.footprint(*ij), self.grid.crs,
                              [str(self.index.ids[r]) for r in rows[0]], [float(s) for s in scores[0]],
                              [tuple(map(float, self.index.footprints[r])) for r in rows[0]], valid)
            if with_images:
                img, cod = live.raw([0], "b")
                res.images["query"] = (img[0], cod[0])
                if self._sources["a"][0] is not None:
                    old = self._live("a")
                    old.tiles = [parse_tile_id(t) for t in res.ids]
                    imgs, cods = old.raw(range(len(res.ids)), "a")
                    res.images["matches"] = list(zip(imgs, cods))
        res.elapsed_ms = (time.perf_counter() - t0) * 1000
        return res

    def close(self) -> None:
        for t in self._tiles.values():
            t.close()
        self._tiles.clear()
