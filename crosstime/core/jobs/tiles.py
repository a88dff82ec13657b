"""Tile grids, tile sources read from layers or stores, and building a tile store."""
from __future__ import annotations

from typing import List, Optional, Sequence

from ..atomic import check_writable
from ..errors import CrossTimeError
from ..geo.grid import Bounds, TileGrid
from ..geo.legend import Legend
from ..geo.tile_reader import OrthoSource
from ..geo.vectors import VectorLayerData
from ..messages import Message
from ..progress import SILENT, Progress
from ..tiles.dates import NEW, OLD


def grid_for_orthos(old_ortho: str, new_ortho: str, tile_size: float, pixels: int, *, crs: Optional[str] = None,
                    stride: float = 0.0, extent: Optional[Bounds] = None) -> TileGrid:
    """The tile grid over the overlap of the two orthos, in ``crs`` (default: the new ortho's)."""
    from ..tiles.build import grid_for_orthos as _grid
    return _grid(old_ortho, new_ortho, tile_size, pixels, crs, stride, extent)


def grid_for_bounds(old_bounds: Bounds, new_bounds: Bounds, crs: str, tile_size: float, pixels: int, *,
                    stride: float = 0.0, extent: Optional[Bounds] = None) -> TileGrid:
    """The tile grid over the overlap of two orthos given by their bounds in ``crs`` (layers that are not files)."""
    from ..tiles.build import grid_for_bounds as _grid
    return _grid(old_bounds, new_bounds, crs, tile_size, pixels, stride, extent)


def layer_tiles(grid: TileGrid, legend: Legend, *, old_ortho: Optional[OrthoSource] = None,
                new_ortho: Optional[OrthoSource] = None,
                old_vectors: Sequence[VectorLayerData] = (), new_vectors: Sequence[VectorLayerData] = ()):
    """Tiles of ``grid`` read from the orthos and drawn from the vectors of the dates given."""
    from ..tiles.from_layers import LayerTiles
    orthos = {d: o for d, o in ((OLD, old_ortho), (NEW, new_ortho)) if o}
    vectors = {d: list(v) for d, v in ((OLD, old_vectors), (NEW, new_vectors)) if d in orthos}
    return LayerTiles(grid, orthos, vectors, legend)


def open_tile_set(store_paths: Sequence[str], *, min_valid: float = 0.9):
    """The usable tiles of one or more tile stores, as one TileSet."""
    from ..tiles.selection import TileSet
    from ..tiles.store import open_stores
    if not store_paths:
        raise CrossTimeError("no tile store given")
    return TileSet(open_stores(store_paths), min_valid=min_valid)


def read_vector_files(paths: Sequence[str]) -> List[VectorLayerData]:
    """Every layer of each vector file (GeoPackage, Shapefile, GeoJSON...)."""
    from ..geo.vectors import read_vector_file
    out: List[VectorLayerData] = []
    for p in paths or []:
        out.extend(read_vector_file(p))
    return out


def build_tile_store(out: str, old_ortho: OrthoSource, new_ortho: OrthoSource, old_vectors: Sequence[VectorLayerData],
                     new_vectors: Sequence[VectorLayerData], legend: Legend, *, tile_size: float, pixels: int,
                     crs: Optional[str] = None, stride: float = 0.0, extent: Optional[Bounds] = None,
                     grid: Optional[TileGrid] = None, progress: Progress = SILENT):
    """Cut both orthos and their vectors on one grid into a tile store at ``out``; returns (store, summary).

    The orthos are file paths, or reader factories (``geo.tile_reader``, layers read through QGIS) given with the
    ``grid`` to cut (``grid_for_bounds``); a given grid replaces tile_size, pixels, crs, stride and extent."""
    from ..tiles.build import write_tile_store
    check_writable(out)
    if grid is None:
        grid = grid_for_orthos(old_ortho, new_ortho, tile_size, pixels, crs=crs, stride=stride, extent=extent)
    check_writable(out, len(grid) * grid.pixels * grid.pixels * 8)        # both dates' images and codes
    progress.info(Message("grid: {grid}", grid=grid.summary()))
    progress.update(0.0, "preparing vector layers")
    with layer_tiles(grid, legend, old_ortho=old_ortho, new_ortho=new_ortho, old_vectors=old_vectors,
                     new_vectors=new_vectors) as tiles:
        store, summary = write_tile_store(out, tiles, progress)
    summary["grid"] = grid
    return store, summary


def read_class_rasters(paths: Sequence[str], mapping: Optional[str] = None):
    """Land-cover rasters as map layers (ClassRasterData), each with ``mapping`` (a preset or file), else its own
    (a mapping file beside it, its class names: ``geo.class_mapping.mapping_for_raster``)."""
    import os

    from ..geo.class_mapping import mapping_for_raster
    from ..geo.class_rasters import ClassRasterData
    return [ClassRasterData(os.path.splitext(os.path.basename(p))[0], str(p), mapping_for_raster(str(p), mapping))
            for p in paths or []]
