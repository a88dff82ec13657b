"""Click-to-match without QGIS: the new-date tile under a point is described and searched in the index."""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Callable, List, Optional, Sequence, Tuple

from ..errors import CrossTimeError
from ..geo.grid import TileGrid, parse_tile_id, tile_id
from ..geo.vectors import VectorLayerData
from ..tiles.dates import NEW, OLD
from ..tiles.from_layers import LayerTiles
from .index import THE_INDEX, DescriptorIndex, IndexFileError

# (date, bounds in the grid's CRS) -> that date's vector layers over those bounds
VectorsNear = Callable[[str, Tuple[float, float, float, float]], Sequence[VectorLayerData]]
NEAR_MARGIN = 0.1          # of a tile's size, read around the tiles of a click


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

    def __init__(self, index: DescriptorIndex, describer, open_tiles: Callable[[TileGrid], LayerTiles],
                 vectors_near: Optional[VectorsNear] = None):
        """``open_tiles(grid)``: the new-date (and, for pictures of the matches, old-date) tiles on the index's grid;
        called once, on :meth:`prepare` or the first click, since drawing the vectors takes a while.

        ``vectors_near(date, bounds)``: the vector layers of a date read over ``bounds`` only (a spatial request).
        Given, ``open_tiles`` brings the orthos alone and each click reads the features around its tile (and around
        each match, for their pictures): the first answer no longer waits for a whole layer to be read."""
        index.check_model(describer.fingerprint, THE_INDEX)
        if not index.grid:
            raise IndexFileError("the index has no tile grid (made from an image folder?): it cannot serve clicks")
        self.index, self.describer = index, describer
        self.grid = TileGrid.from_dict(index.grid)
        self._open_tiles = open_tiles
        self._vectors_near = vectors_near
        self._tiles: Optional[LayerTiles] = None
        self._closed = False
        self._lock = threading.Lock()

    def _layer_tiles(self) -> LayerTiles:
        if self._tiles is None:
            self._tiles = self._open_tiles(self.grid)
        return self._tiles

    def adopt_tiles(self, tiles: LayerTiles) -> bool:
        """From now on, draw from ``tiles`` (every feature read and prepared, in a background task) instead of reading
        around each click: clicks get quicker. False, ``tiles`` closed, when the matcher was closed meanwhile."""
        with self._lock:
            if self._closed:
                tiles.close()
                return False
            before, self._tiles, self._vectors_near = self._tiles, tiles, None
        if before is not None:
            before.close()
        return True

    @property
    def reads_around_clicks(self) -> bool:
        return self._vectors_near is not None

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
            if self._closed:
                raise MatchError("the matcher was closed (its inputs changed): click again")
            query = self._tiles_of([ij], NEW)
            batch = query.read([0], NEW)
            q = self.describer.describe(query, [0], NEW)
            scores, rows = self.index.query(q, k)
            res = MatchResult(request, tile_id(*ij), self.grid.footprint(*ij), self.grid.crs,
                              [str(self.index.ids[r]) for r in rows[0]], [float(s) for s in scores[0]],
                              [tuple(map(float, self.index.footprints[r])) for r in rows[0]], float(batch.valid[0]))
            if with_images:
                res.images["query"] = (batch.images[0], batch.codes[0])
                if OLD in self._layer_tiles().orthos:
                    cells = [parse_tile_id(t) for t in res.ids]
                    if self._vectors_near is None:
                        old = self._layer_tiles().at(cells).read(range(len(cells)), OLD)
                        res.images["matches"] = list(zip(old.images, old.codes))
                    else:               # a read around each match: their union may span the whole area
                        one = [self._tiles_of([c], OLD).read([0], OLD) for c in cells]
                        res.images["matches"] = [(b.images[0], b.codes[0]) for b in one]
        res.elapsed_ms = (time.perf_counter() - t0) * 1000
        return res

    def _tiles_of(self, cells: List[Tuple[int, int]], date: str) -> LayerTiles:
        """The tiles of ``cells``, drawn from the vectors read around them when reads are spatial."""
        tiles = self._layer_tiles()
        if self._vectors_near is None:
            return tiles.at(cells)
        # a margin: a road or a hedge just outside the tile is drawn into it at its width
        margin = NEAR_MARGIN * self.grid.tile_size
        fps = [self.grid.footprint(*c) for c in cells]
        area = (min(f[0] for f in fps) - margin, min(f[1] for f in fps) - margin,
                max(f[2] for f in fps) + margin, max(f[3] for f in fps) + margin)
        return tiles.with_vectors(cells, {date: self._vectors_near(date, area)})

    def close(self) -> None:
        """Closes the readers; a click still running finishes first, one waiting is refused (MatchError)."""
        with self._lock:
            self._closed = True
            tiles, self._tiles = self._tiles, None
        if tiles is not None:
            tiles.close()
