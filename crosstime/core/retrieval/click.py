"""Click-to-match without QGIS: the tile under a point and its neighbours are described and searched in the index,
each candidate judged with its own neighbours, and each answer drawn where the point's window lies in it."""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Callable, List, Optional, Sequence, Tuple

import numpy as np

from ..errors import CrossTimeError
from ..geo.grid import TileGrid, parse_tile_id, tile_id
from ..geo.vectors import VectorLayerData
from ..tiles.dates import NEW, OLD
from ..tiles.from_layers import LayerTiles
from ..tiles.source import ReadTiles
from .index import THE_INDEX, DescriptorIndex, IndexFileError
from .neighbourhood import Neighbourhood, search_around
from .subtile import SPAN, best_shift

# (date, bounds in the grid's CRS) -> that date's vector layers over those bounds
VectorsNear = Callable[[str, Tuple[float, float, float, float]], Sequence[VectorLayerData]]
NEAR_MARGIN = 0.1          # of a tile's size, read around the tiles of a click
MIN_NEIGHBOUR_VALID = 0.5  # a query neighbour with less valid data than this is left out


class MatchError(CrossTimeError, ValueError):
    """The click cannot be matched (outside the tiled area, no data...)."""


@dataclass
class MatchResult:
    request: int
    query_id: str                                  # the tile of the index's grid under the point
    query_footprint: Tuple[float, float, float, float]
    crs: str
    ids: List[str]
    scores: List[float]
    footprints: List[Tuple[float, float, float, float]]
    valid_fraction: float = 1.0
    elapsed_ms: float = 0.0
    neighbourhood: str = "1x1"                    # the tiles each candidate was judged with
    neighbours: int = 1                           # the query's tiles that took part (fewer at edges, beside nodata)
    grid_footprints: List[Tuple[float, float, float, float]] = field(default_factory=list)  # the answers' own tiles
    # ``query_footprint``: the window centred on the point; ``footprints``: where it lies in each answer
    images: dict = field(default_factory=dict)    # "query": (image, codes), "matches": [(image, codes), ...]

    @property
    def ranks(self) -> List[int]:
        return list(range(1, len(self.ids) + 1))

    @property
    def semantics_pending(self) -> bool:
        """The matches' pictures still lack their semantic rasters (see Matcher.match_semantics)."""
        return any(codes is None for _, codes in self.images.get("matches", []))


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
        self.notes: list = []          # messages for the user about this matcher (jobs.open_matcher: the map's part)
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

    def match(self, x: float, y: float, k: int = 5, request: int = 0, with_images: bool = False,
              neighbourhood: Optional[Neighbourhood] = None) -> MatchResult:
        """Match the place at (x, y), in the grid's CRS: the tile under the point with, in a neighbourhood (3x3 by
        default), the tiles around it, against every old tile judged with its own neighbours (the descriptors are
        compared on the grid they were made on). Each answer is then drawn where the point's window lies in it: at
        the point's place in its tile and, for the best answer when the old ortho is at hand, where the window
        centred on the point fits the old image best."""
        t0 = time.perf_counter()
        self.index.check_k(k)
        neighbourhood = neighbourhood or Neighbourhood.default()
        under = self.grid.tile_at(x, y)
        if under is None:
            raise MatchError("the point lies outside the tiled area of the index")
        with self._lock:
            if self._closed:
                raise MatchError("the matcher was closed (its inputs changed): click again")
            step = max(1, int(round(self.grid.tile_size / self.grid.stride)))     # grid cells per tile
            cells = [(under[0] + step * int(dx), under[1] + step * int(dy)) for dx, dy in neighbourhood.offsets()]
            inside = np.array([self.grid.contains_index(*c) for c in cells])
            query = self._tiles_of([c for c, ok in zip(cells, inside) if ok], NEW)
            batch = query.read(range(int(inside.sum())), NEW)
            valid = np.zeros(len(cells), np.float32)
            valid[inside] = batch.valid
            # a neighbour mostly off the ortho or in nodata says nothing of the place: left out, and said
            present = valid >= MIN_NEIGHBOUR_VALID
            present[0] = valid[0] > 0.0
            if not present[0]:
                raise MatchError("the new ortho has no data at this point")
            q = np.zeros((len(cells), self.index.dim), np.float32)
            # described from the tiles just read: their vectors are drawn once
            q[present] = self.describer.describe(ReadTiles(query, range(len(batch.valid)), batch),
                                                 np.nonzero(present[inside])[0], NEW)
            scores, rows = search_around(self.index, q, present, neighbourhood, k)
            on_grid = [tuple(map(float, self.index.footprints[r])) for r in rows]
            qx0, qy0, qx1, qy1 = self.grid.footprint(*under)
            dx, dy = x - (qx0 + qx1) / 2.0, y - (qy0 + qy1) / 2.0          # the point's place in its tile
            half = self.grid.tile_size / 2.0
            res = MatchResult(request, tile_id(*under), (x - half, y - half, x + half, y + half), self.grid.crs,
                              [str(self.index.ids[r]) for r in rows], [float(v) for v in scores],
                              [(a + dx, b + dy, c + dx, d + dy) for a, b, c, d in on_grid], float(valid[0]),
                              neighbourhood=neighbourhood.label, neighbours=int(present.sum()),
                              grid_footprints=on_grid)
            if OLD in self._layer_tiles().orthos and len(rows):
                self._place_best(res)
            if with_images:
                res.images["query"] = (batch.images[0], batch.codes[0])
                if OLD in self._layer_tiles().orthos:
                    cells = [parse_tile_id(t) for t in res.ids]
                    old = self._layer_tiles().at(cells).read(range(len(cells)), OLD)
                    # reading around clicks, the matches' semantics wait for match_semantics: the answer first
                    codes = old.codes if self._vectors_near is None else [None] * len(cells)
                    res.images["matches"] = list(zip(old.images, codes))
        res.elapsed_ms = (time.perf_counter() - t0) * 1000
        return res

    def match_semantics(self, res: MatchResult) -> MatchResult:
        """Fills in the semantic rasters of the matches' pictures that :meth:`match` left out (None) while it reads
        the features around each click: one spatial read around each match, since their union may span the whole
        area. Called after the answer is shown, for the compare view."""
        pictures = res.images.get("matches", [])
        with self._lock:
            if self._closed:
                raise MatchError("the matcher was closed (its inputs changed): click again")
            for n, (tid, (image, codes)) in enumerate(zip(res.ids, pictures)):
                if codes is None:
                    pictures[n] = (image, self._tiles_of([parse_tile_id(tid)], OLD).read([0], OLD).codes[0])
        return res

    def _place_best(self, res: MatchResult) -> None:
        """Moves the best answer's footprint to where the window centred on the point fits the old ortho best
        (within half a tile); the others keep the point's place in their tiles (more reads would slow the click)."""
        window = self._layer_tiles().reader(NEW).read_bounds(res.query_footprint)
        reader = self._layer_tiles().reader(OLD)
        size = self.grid.tile_size
        x0, y0, x1, y1 = res.footprints[0]
        # SPAN x SPAN tile-sized reads (a reader reads one tile's bounds at a time), north row first
        start = x0 - size * (SPAN - 1) / 2.0, y1 + size * (SPAN - 1) / 2.0
        reads = [[reader.read_bounds((start[0] + c * size, start[1] - (r + 1) * size,
                                      start[0] + (c + 1) * size, start[1] - r * size)) for c in range(SPAN)]
                 for r in range(SPAN)]
        if window.valid_fraction <= 0.5 or np.mean([t.valid_fraction for row in reads for t in row]) <= 0.5:
            return
        around = np.concatenate([np.concatenate([t.rgb for t in row], 1) for row in reads], 0)
        dx, dy, _ = best_shift(window.rgb, around)
        res.footprints[0] = (x0 + dx * size, y0 + dy * size, x1 + dx * size, y1 + dy * size)

    def _tiles_of(self, cells: List[Tuple[int, int]], date: str) -> LayerTiles:
        """The tiles of ``cells``, drawn from the vectors read around them when reads are spatial."""
        tiles = self._layer_tiles()
        if self._vectors_near is None:
            return tiles.at(cells)
        # a margin: a road or a hedge just outside the tile is drawn into it at its width
        margin = NEAR_MARGIN * self.grid.tile_size
        fps = [tiles.grid.footprint(*c) for c in cells]
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
