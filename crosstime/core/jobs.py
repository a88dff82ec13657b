"""The jobs a user runs, one function each, with plain parameters.

The dock, the Processing algorithms, the command line and the demo all call these; none of them
assembles grids, rasterizers, tile sources or describers itself. Vector layers arrive as
:class:`~.geo.vectors.VectorLayerData` (read from files by the command line, from QGIS layers by the plugin).
"""
from __future__ import annotations

import os
from typing import List, Optional, Sequence, Tuple

from .errors import CrossTimeError
from .geo.grid import Bounds, TileGrid
from .geo.legend import Legend
from .geo.vectors import VectorLayerData
from .progress import SILENT, Progress
from .tiles.dates import NEW, OLD


# describers -------------------------------------------------------------------------------------
def describer_for(model: Optional[str], legend: Legend, pixels: int = 256, semantic_mode: str = "rgb",
                  device: str = "auto"):
    """A model file's describer, or the untrained baseline when ``model`` is empty or 'baseline'.

    A model brings its own input size and semantic mode; ``pixels`` and ``semantic_mode`` apply to the baseline.
    """
    from .retrieval.describer import BaselineDescriber, ModelDescriber
    if model and model != "baseline":
        return ModelDescriber(model, legend, device)
    return BaselineDescriber(legend, semantic_mode=semantic_mode, pixels=pixels, device=device)


def describer_for_index(index, model: Optional[str], legend: Legend, device: str = "auto", what: str = "the index"):
    """The describer that made ``index``: the model file given, or the baseline with the index's own settings.

    Refuses (IndexFileError) a describer whose fingerprint differs from the index's.
    """
    cfg = index.model_config or {}
    pixels = int((index.grid or {}).get("pixels") or cfg.get("tile_pixels") or 256)
    describer = describer_for(model, legend, pixels, cfg.get("semantic_mode", "rgb"), device)
    index.check_model(describer.fingerprint, what)
    return describer


# grids and tile sources -------------------------------------------------------------------------
def grid_for_orthos(old_ortho: str, new_ortho: str, tile_size: float, pixels: int, crs: Optional[str] = None,
                    stride: float = 0.0, extent: Optional[Bounds] = None) -> TileGrid:
    """The tile grid over the overlap of the two orthos, in ``crs`` (default: the new ortho's)."""
    from .tiles.build import grid_for_orthos as _grid
    return _grid(old_ortho, new_ortho, tile_size, pixels, crs, stride, extent)


def layer_tiles(grid: TileGrid, legend: Legend, old_ortho: Optional[str] = None, new_ortho: Optional[str] = None,
                old_vectors: Sequence[VectorLayerData] = (), new_vectors: Sequence[VectorLayerData] = ()):
    """Tiles of ``grid`` read from the orthos and drawn from the vectors of the dates given."""
    from .tiles.from_layers import LayerTiles
    orthos = {d: o for d, o in ((OLD, old_ortho), (NEW, new_ortho)) if o}
    vectors = {d: list(v) for d, v in ((OLD, old_vectors), (NEW, new_vectors)) if d in orthos}
    return LayerTiles(grid, orthos, vectors, legend)


def open_tile_set(store_paths: Sequence[str], min_valid: float = 0.9):
    """The usable tiles of one or more tile stores, as one TileSet."""
    from .tiles.selection import TileSet
    from .tiles.store import open_stores
    if not store_paths:
        raise CrossTimeError("no tile store given")
    return TileSet(open_stores(store_paths), min_valid=min_valid)


# 1. tile store ----------------------------------------------------------------------------------
def build_tile_store(out: str, old_ortho: str, new_ortho: str, old_vectors: Sequence[VectorLayerData],
                     new_vectors: Sequence[VectorLayerData], legend: Legend, tile_size: float, pixels: int,
                     crs: Optional[str] = None, stride: float = 0.0, extent: Optional[Bounds] = None,
                     progress: Progress = SILENT):
    """Cut both orthos and their vectors on one grid into a tile store at ``out``; returns (store, summary)."""
    from .tiles.build import write_tile_store
    grid = grid_for_orthos(old_ortho, new_ortho, tile_size, pixels, crs, stride, extent)
    progress.info(f"grid: {grid.summary()}")
    progress.update(0.0, "preparing vector layers")
    with layer_tiles(grid, legend, old_ortho, new_ortho, old_vectors, new_vectors) as tiles:
        store, summary = write_tile_store(out, tiles, progress)
    summary["grid"] = grid
    return store, summary


# 2. training ------------------------------------------------------------------------------------
def train_descriptor(stores: Sequence[str], out_model: str, val_stores: Sequence[str] = (), recipe: str = "siamese",
                     checkpoints: Optional[str] = None, log_csv: Optional[str] = None, plot: Optional[str] = None,
                     val_fraction: float = 0.2, progress: Progress = SILENT, **overrides):
    """Train a descriptor on tile stores; writes the model (and the log and plot when asked). Returns the TrainResult."""
    from .train.run import train
    result = train(stores, out_model, val_stores, recipe, val_fraction, checkpoints, log_csv, progress, **overrides)
    if plot:
        from .evaluation.report import plot_history
        plot_history(result.history, plot, f"{recipe}, {overrides.get('backbone') or 'default backbone'}")
    return result


# 3. index ---------------------------------------------------------------------------------------
def build_index_from_store(store_path: str, out: str, model: Optional[str] = None, date: str = OLD,
                           shard: Tuple[int, int] = (0, 1), device: str = "auto", progress: Progress = SILENT):
    """Describe one date of a tile store into an index file at ``out``; returns the index."""
    from .retrieval.index import build_index
    from .tiles.selection import TileSet
    from .tiles.store import TileStore
    store = TileStore(store_path)
    describer = describer_for(model, store.legend(), store.pixels, device=device)
    idx = build_index(describer, TileSet([store], min_valid=0.0), date, shard, progress, {"tile_store": store_path})
    progress.check()
    idx.save(out)
    return idx


def build_index_from_layers(out: str, old_ortho: str, new_ortho: str, old_vectors: Sequence[VectorLayerData],
                            legend: Legend, tile_size: float, pixels: int, model: Optional[str] = None,
                            crs: Optional[str] = None, semantic_mode: str = "rgb", shard: Tuple[int, int] = (0, 1),
                            device: str = "auto", progress: Progress = SILENT):
    """Describe the old ortho's tiles on the grid of the two orthos' overlap into an index at ``out``.

    Returns (index, grid, legend-mapping warnings). The index file is replaced only once complete.
    """
    from .retrieval.index import build_index
    grid = grid_for_orthos(old_ortho, new_ortho, tile_size, pixels, crs)
    describer = describer_for(model, legend, grid.pixels, semantic_mode, device)
    with layer_tiles(grid, legend, old_ortho=old_ortho, old_vectors=old_vectors) as tiles:
        warnings = tiles.mapping_warnings(OLD)
        idx = build_index(describer, tiles, OLD, shard, progress,
                          {"old_ortho": old_ortho, "new_ortho": new_ortho, "legend": legend.name})
    progress.check()
    idx.save(out)
    return idx, grid, warnings


def merge_index_shards(parts: Sequence[str], out: str):
    from .retrieval.index import merge_indexes
    return merge_indexes(parts, out)


# 4. click to match ------------------------------------------------------------------------------
def open_matcher(index_path: str, model: Optional[str], legend: Legend, new_ortho: str,
                 new_vectors: Sequence[VectorLayerData] = (), old_ortho: Optional[str] = None,
                 old_vectors: Sequence[VectorLayerData] = (), device: str = "auto"):
    """A Matcher that answers clicks on the new ortho (``matcher.match(x, y, k)``) from an old-date index."""
    from .retrieval.click import Matcher
    from .retrieval.index import DescriptorIndex
    index = DescriptorIndex.load(index_path)
    describer = describer_for_index(index, model, legend, device, f"the index {os.path.basename(index_path)}")
    return Matcher(index, describer, lambda grid: layer_tiles(grid, legend, old_ortho, new_ortho,
                                                              old_vectors if old_ortho else (), new_vectors))


# 5. match every tile ----------------------------------------------------------------------------
def match_all_tiles(index_path: str, model: Optional[str], legend: Legend, new_ortho: str,
                    new_vectors: Sequence[VectorLayerData] = (), k: int = 5, out_gpkg: Optional[str] = None,
                    device: str = "auto", progress: Progress = SILENT):
    """Match every new-date tile on the index's grid; writes the GeoPackage when ``out_gpkg`` is given.

    Returns (BatchMatches, legend-mapping warnings).
    """
    from .retrieval.bulk import match_tiles, write_matches_gpkg
    from .retrieval.index import DescriptorIndex, IndexFileError
    index = DescriptorIndex.load(index_path)
    if not index.grid:
        raise IndexFileError(f"{index_path}: this index has no tile grid (built from an image folder); it cannot be "
                             "matched against an ortho")
    describer = describer_for_index(index, model, legend, device)
    grid = TileGrid.from_dict(index.grid)
    with layer_tiles(grid, legend, new_ortho=new_ortho, new_vectors=new_vectors) as tiles:
        warnings = tiles.mapping_warnings(NEW)
        matches = match_tiles(describer, index, tiles, k, progress=progress)
    if out_gpkg:
        write_matches_gpkg(out_gpkg, matches, grid.crs)
    return matches, warnings


# 6. evaluation ----------------------------------------------------------------------------------
def evaluate_stores(store_paths: Sequence[str], out_dir: str, models: Sequence[str] = (),
                    baselines: Optional[Sequence[str]] = None, semantic_mode: str = "rgb",
                    name: Optional[str] = None, device: str = "cpu", html: Optional[str] = None,
                    title: str = "CrossTime evaluation", progress: Progress = SILENT):
    """Score models and untrained baselines (keys of ``choices.BASELINES``; default: the light ones) on tile stores.

    Writes the tables, figure and an HTML report (``html``, default ``out_dir/report.html``); returns the Evaluation.
    """
    from . import choices
    from .evaluation.baselines import baseline_spec
    from .evaluation.evaluate import evaluate
    from .evaluation.report import html_report
    tiles = open_tile_set(store_paths)
    first = tiles.stores[0]
    fp = first.grid.tile_size if first.grid else first.meta.get("tile_ground_size")
    specs = [baseline_spec(k) for k in (choices.LIGHT_BASELINES if baselines is None else baselines)]
    ev = evaluate(tiles, first.legend(), out_dir, list(models), specs, dataset_name=name or os.path.basename(first.path),
                  semantic_mode=semantic_mode, device=device, progress=progress,
                  footprint=f"{fp:g} m" if fp else None)
    ev.files["html"] = html_report(ev.rows, ev.dataset, html or os.path.join(out_dir, "report.html"),
                                   ev.files.get("figure", ""), title)
    return ev


def read_vector_files(paths: Sequence[str]) -> List[VectorLayerData]:
    """Every layer of each vector file (GeoPackage, Shapefile, GeoJSON...)."""
    from .geo.vectors import read_vector_file
    out: List[VectorLayerData] = []
    for p in paths or []:
        out.extend(read_vector_file(p))
    return out
