"""Tiles read straight from the orthos and vector layers, for describing without a tile store."""
from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Tuple, Union

import numpy as np

from ..geo.class_rasters import ClassRasterData, ClassRasterSampler, MapLayers, is_class_raster
from ..geo.grid import TileGrid, tile_id
from ..geo.legend import Legend
from ..geo.rasterize import SemanticRasterizer
from ..geo.tile_reader import OrthoSource, TileReader, open_tile_reader
from ..geo.vectors import VectorLayerData
from .source import TileBatch

# what a date's map is made of: vector layers, land-cover rasters
MapLayer = Union[VectorLayerData, ClassRasterData]


class LayerTiles:
    """A :class:`~.source.TileSource` over grid cells, read from each date's ortho and drawn from its vectors.

    ``orthos`` and ``vectors`` are given per date (OLD, NEW); a date that is never read may be left out.
    An ortho is a file path or a reader factory (``grid -> TileReader``, see :mod:`..geo.tile_reader`).
    Readers open on first use; close them with :meth:`close` or a ``with`` block.
    """

    def __init__(self, grid: TileGrid, orthos: Dict[str, OrthoSource], vectors: Dict[str, Sequence[MapLayer]],
                 legend: Legend, cells: Optional[Sequence[Tuple[int, int]]] = None, clip: bool = True):
        self.grid = grid
        self.pixels = grid.pixels
        self.orthos = dict(orthos)
        self.legend = legend
        self.cells: List[Tuple[int, int]] = list(cells) if cells is not None else list(grid.indices())
        self.layer_names_by_date = {date: [v.name for v in layers] for date, layers in vectors.items()}
        # vectors are classified, reprojected and buffered once, clipped to the grid unless it is to be re-aimed
        self.semantics: Dict[str, Optional[SemanticRasterizer]] = {
            date: self._rasterizer(layers, grid.bounds() if clip else None) for date, layers in vectors.items()}
        self._readers: Dict[str, TileReader] = {}

    def layer_names(self, date: str) -> List[str]:
        return list(self.layer_names_by_date.get(date, []))

    def mapping_warnings(self, date: str) -> List[str]:
        sem = self.semantics.get(date)
        return sem.report.warnings() if sem is not None else []

    def __len__(self) -> int:
        return len(self.cells)

    def at(self, cells: Sequence[Tuple[int, int]]) -> LayerTiles:
        """The same sources over other grid cells (shares the prepared vectors and open readers)."""
        view = object.__new__(LayerTiles)
        view.__dict__.update(self.__dict__)
        view.cells = list(cells)
        return view

    def with_vectors(self, cells: Sequence[Tuple[int, int]],
                     vectors: Dict[str, Sequence[MapLayer]]) -> LayerTiles:
        """The same orthos and open readers over ``cells``, drawn from ``vectors``: features read for these cells
        only (a click reads the few around its tile, not a whole layer)."""
        view = self.at(cells)
        fps = view.footprints()
        area = (float(fps[:, 0].min()), float(fps[:, 1].min()), float(fps[:, 2].max()), float(fps[:, 3].max()))
        view.semantics = {**self.semantics, **{date: self._rasterizer(layers, area) for date, layers in vectors.items()}}
        view.layer_names_by_date = {**self.layer_names_by_date,
                                    **{date: [v.name for v in layers] for date, layers in vectors.items()}}
        return view

    def _rasterizer(self, layers: Sequence[MapLayer], clip_to):
        """A date's map: vectors classified, reprojected and buffered once, drawn over its land-cover rasters; None
        when the date has neither."""
        rasters = [layer for layer in layers if is_class_raster(layer)]
        vectors = [layer for layer in layers if not is_class_raster(layer)]
        drawn = SemanticRasterizer(vectors, self.legend, self.grid.crs, self.grid.resolution, clip_to=clip_to) \
            if vectors else None
        if not rasters:
            return drawn
        read = ClassRasterSampler(rasters, self.legend, self.grid.crs, self.grid.resolution, clip_to)
        return MapLayers([read, drawn]) if drawn is not None else read

    def reader(self, date: str) -> TileReader:
        if date not in self._readers:
            self._readers[date] = open_tile_reader(self.orthos[date], self.grid)
        return self._readers[date]

    def close(self) -> None:
        for r in self._readers.values():
            r.close()
        self._readers.clear()
        for sem in self.semantics.values():
            if hasattr(sem, "close"):      # land-cover rasters: their files, opened again if read again
                sem.close()

    def release_vectors(self) -> None:
        """Forget the prepared vectors gradually (a background task then never holds the GIL long freeing them)."""
        for sem in self.semantics.values():
            if sem is not None:
                sem.release()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def ids(self) -> List[str]:
        return [tile_id(i, j) for i, j in self.cells]

    def footprints(self) -> np.ndarray:
        return np.array([self.grid.footprint(i, j) for i, j in self.cells], np.float64).reshape(-1, 4)

    @property
    def crs(self) -> str:
        return self.grid.crs

    def grid_dict(self) -> dict:
        return self.grid.to_dict()

    def read(self, indices: Sequence[int], date: str) -> TileBatch:
        p = self.pixels
        img = np.empty((len(indices), p, p, 3), np.uint8)
        cod = np.zeros((len(indices), p, p), np.uint8)
        valid = np.empty(len(indices), np.float32)
        sem = self.semantics.get(date)
        rd = self.reader(date)
        for n, g in enumerate(indices):
            fp = self.grid.footprint(*self.cells[int(g)])
            t = rd.read_bounds(fp)
            img[n], valid[n] = t.rgb, t.valid_fraction
            if sem is not None:
                cod[n] = sem.codes(fp, p)
        return TileBatch(img, cod, valid)
