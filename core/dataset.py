"""Build a tile store from two dated orthos and their vector layers, cut on a common grid."""
from __future__ import annotations

from typing import Optional, Sequence, Tuple

from .grid import Bounds, TileGrid
from .imagery import OrthoReader, raster_bounds_in, raster_crs
from .legend import Legend
from .progress import SILENT, Progress
from .rasterize import SemanticRasterizer
from .tilestore import TileStore, TileStoreWriter
from .vectors import VectorLayerData


class DatasetError(ValueError):
    """The inputs cannot make a tile store (no overlap, geographic CRS...)."""


def grid_for_orthos(old_ortho: str, new_ortho: str, tile_size: float, pixels: int, crs: Optional[str] = None,
                    stride: float = 0.0, extent: Optional[Bounds] = None,
                    origin: Tuple[float, float] = (0.0, 0.0)) -> TileGrid:
    """A grid over the overlap of both orthos, in ``crs`` (default: the new ortho's CRS)."""
    from rasterio.crs import CRS
    crs = crs or raster_crs(new_ortho)
    if crs is None:
        raise DatasetError(f"{new_ortho}: the raster has no coordinate reference system")
    c = CRS.from_user_input(crs)
    if c.is_geographic:
        raise DatasetError(f"the grid CRS {crs} is geographic (degrees): tiles need a projected CRS in metres, "
                           "for example EPSG:2154 (Lambert-93) or the UTM zone of the area")
    return TileGrid.for_overlap(raster_bounds_in(old_ortho, crs), raster_bounds_in(new_ortho, crs), crs,
                                tile_size, pixels, stride, origin, extent)


def build_tile_store(out_path: str, old_ortho: str, new_ortho: str, old_layers: Sequence[VectorLayerData],
                     new_layers: Sequence[VectorLayerData], grid: TileGrid, legend: Legend,
                     progress: Progress = SILENT) -> Tuple[TileStore, dict]:
    """Read and rasterize every tile of ``grid`` for both dates into a new store at ``out_path``.

    Returns the store and a summary: the legend mapping reports of both dates and tile counts.
    """
    progress.update(0.0, "preparing vector layers")
    min_w = grid.resolution
    bounds = grid.bounds()
    sem = {"a": SemanticRasterizer(old_layers, legend, grid.crs, min_w, clip_to=bounds),
           "b": SemanticRasterizer(new_layers, legend, grid.crs, min_w, clip_to=bounds)}
    for date, r in sem.items():
        for w in r.report.warnings():
            progress.info(f"{'old' if date == 'a' else 'new'} date: {w}")
    tiles = list(grid.indices())
    meta = {"grid": grid.to_dict(), "crs": grid.crs, "legend": legend.name,
            "sources": {"old_ortho": str(old_ortho), "new_ortho": str(new_ortho),
                        "old_layers": [l.name for l in old_layers], "new_layers": [l.name for l in new_layers]},
            "scenes": ["default"], "tile_ground_size": grid.tile_size,
            "mapping": {"old": sem["a"].report.to_dict(), "new": sem["b"].report.to_dict()}}
    partial = 0
    with OrthoReader(old_ortho, grid) as ra, OrthoReader(new_ortho, grid) as rb, \
            TileStoreWriter(out_path, len(tiles), grid.pixels, meta) as w:
        for k, (i, j) in enumerate(tiles):
            fp = grid.footprint(i, j)
            ta, tb = ra.read_bounds(fp), rb.read_bounds(fp)
            if ta.valid_fraction < 1.0 or tb.valid_fraction < 1.0:
                partial += 1
            w.put(k, f"{i}_{j}", fp, ta.rgb, tb.rgb, sem["a"].codes(fp, grid.pixels), sem["b"].codes(fp, grid.pixels),
                  ta.valid_fraction, tb.valid_fraction)
            if k % 8 == 0 or k == len(tiles) - 1:
                progress.update((k + 1) / len(tiles), f"tile {k + 1}/{len(tiles)}")
        store = w.commit()
    summary = {"tiles": len(tiles), "tiles_with_nodata": partial, "usable": int(len(store.usable())),
               "old_mapping": sem["a"].report, "new_mapping": sem["b"].report}
    if partial:
        progress.info(f"{partial} of {len(tiles)} tiles have nodata or lie partly outside an ortho; "
                      "they are kept with their valid fraction and skipped where full coverage is required")
    return store, summary

