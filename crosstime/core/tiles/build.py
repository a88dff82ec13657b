"""Build a tile store from two dated orthos and their vector layers, cut on a common grid."""
from __future__ import annotations

from typing import Optional, Tuple

from ..errors import CrossTimeError
from ..geo.grid import Bounds, TileGrid
from ..geo.legend import MappingReport
from ..geo.orthos import raster_bounds_in, raster_crs
from ..geo.tile_reader import source_label
from ..messages import Message
from ..progress import SILENT, Progress
from .dates import NEW, OLD, date_name
from .from_layers import LayerTiles
from .store import TileStore, TileStoreWriter


class TileStoreInputError(CrossTimeError, ValueError):
    """The inputs cannot make a tile store (no overlap, geographic CRS...)."""


def _refuse_geographic(crs: str) -> None:
    """A grid CRS given in degrees is refused: tiles are cut in metres."""
    from rasterio.crs import CRS
    if CRS.from_user_input(crs).is_geographic:
        raise TileStoreInputError("the grid CRS {crs} is geographic (degrees): tiles need a projected CRS in "
                                  "metres, for example EPSG:2154 (Lambert-93) or the UTM zone of the area", crs=crs)


def grid_for_orthos(old_ortho: str, new_ortho: str, tile_size: float, pixels: int, crs: Optional[str] = None,
                    stride: float = 0.0, extent: Optional[Bounds] = None,
                    origin: Tuple[float, float] = (0.0, 0.0)) -> TileGrid:
    """A grid over the overlap of both orthos, in ``crs`` (default: the new ortho's CRS)."""
    from rasterio.crs import CRS
    if crs:
        _refuse_geographic(crs)
    crs = crs or raster_crs(new_ortho)
    if crs is None:
        raise TileStoreInputError("{path}: the raster has no coordinate reference system", path=new_ortho)
    if CRS.from_user_input(crs).is_geographic:
        raise TileStoreInputError(
            "{path}: the new ortho is in {crs}, a geographic CRS (degrees), and the tile grid takes its CRS from the "
            "new ortho; tiles need a projected CRS in metres. Choose one for the grid (command line: --crs "
            "EPSG:2154 for Lambert-93 in France, or the UTM zone of the area; in QGIS: a projected project CRS) or "
            "reproject the ortho (Raster > Projections > Warp)", path=new_ortho, crs=crs)
    return TileGrid.for_overlap(raster_bounds_in(old_ortho, crs), raster_bounds_in(new_ortho, crs), crs,
                                tile_size, pixels, stride, origin, extent)


def grid_for_bounds(old_bounds: Bounds, new_bounds: Bounds, crs: str, tile_size: float, pixels: int,
                    stride: float = 0.0, extent: Optional[Bounds] = None) -> TileGrid:
    """A grid over the overlap of two orthos given by their bounds in ``crs`` (layers read through QGIS)."""
    if not crs:
        raise TileStoreInputError("the new ortho has no coordinate reference system")
    _refuse_geographic(crs)
    return TileGrid.for_overlap(tuple(old_bounds), tuple(new_bounds), crs, tile_size, pixels, stride, (0.0, 0.0), extent)


def write_tile_store(out_path: str, tiles: LayerTiles, progress: Progress = SILENT) -> Tuple[TileStore, dict]:
    """Read and draw every tile of ``tiles`` for both dates into a new store at ``out_path``.

    Returns the store and a summary: the legend mapping reports of both dates and tile counts.
    """
    grid = tiles.grid
    # a rasterizer with nothing to draw has len() 0, and its report (layers empty or broken) is what the user needs
    reports = {date: tiles.semantics[date].report if tiles.semantics.get(date) is not None else MappingReport()
               for date in (OLD, NEW)}
    for date in (OLD, NEW):
        for w in reports[date].warnings():
            progress.info(Message("old date: {warning}", warning=w) if date == OLD
                          else Message("new date: {warning}", warning=w))
    meta = {"grid": grid.to_dict(), "crs": grid.crs, "legend": tiles.legend.name,
            "sources": {"old_ortho": source_label(tiles.orthos[OLD]), "new_ortho": source_label(tiles.orthos[NEW]),
                        "old_layers": tiles.layer_names(OLD), "new_layers": tiles.layer_names(NEW)},
            "scenes": ["default"], "tile_ground_size": grid.tile_size,
            "mapping": {date_name(d): reports[d].to_dict() for d in (OLD, NEW)},
            # whether each date's tiles carry a map: where one date has none, readers leave the other's out too
            "maps": {date_name(d): tiles.semantics.get(d) is not None and len(tiles.semantics[d]) > 0
                     for d in (OLD, NEW)}}
    partial = 0
    n = len(tiles)
    with TileStoreWriter(out_path, n, grid.pixels, meta) as w:
        for note in w.notes:
            progress.info(note)
        for k, tid in enumerate(tiles.ids()):
            old, new = tiles.read([k], OLD), tiles.read([k], NEW)
            if old.valid[0] < 1.0 or new.valid[0] < 1.0:
                partial += 1
            w.put(k, tid, grid.footprint(*tiles.cells[k]), old.images[0], new.images[0], old.codes[0], new.codes[0],
                  float(old.valid[0]), float(new.valid[0]))
            if k % 8 == 0 or k == n - 1:
                progress.update((k + 1) / n, Message("tile {done}/{n}", done=k + 1, n=n))
        store = w.commit()
    summary = {"tiles": n, "tiles_with_nodata": partial, "usable": int(len(store.usable())),
               "old_mapping": reports[OLD], "new_mapping": reports[NEW]}
    if partial:
        progress.info(Message("{partial} of {n} tiles have nodata or lie partly outside an ortho; "
                              "they are kept with their valid fraction and skipped where full coverage is required",
                              partial=partial, n=n))
    return store, summary
