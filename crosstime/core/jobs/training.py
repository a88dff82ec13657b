"""Training a descriptor on tile stores, and learning one region from its layers."""
from __future__ import annotations

import os
from typing import Optional, Sequence

from ..atomic import check_writable
from ..geo.grid import TileGrid
from ..geo.legend import Legend
from ..geo.tile_reader import OrthoSource
from ..geo.vectors import VectorLayerData
from ..messages import Message
from ..progress import SILENT, Progress
from .indexing import IndexSettings, build_index_from_layers
from .tiles import layer_tiles

REGION_MODEL = "region.ctmodel"


def train_descriptor(stores: Sequence[str], out_model: str, *, val_stores: Sequence[str] = (),
                     recipe: Optional[str] = None, checkpoints: Optional[str] = None, log_csv: Optional[str] = None,
                     plot: Optional[str] = None, val_fraction: float = 0.2, progress: Progress = SILENT, **settings):
    """Train a descriptor on tile stores; writes the model (and the log and plot when asked). Returns the TrainResult.

    ``settings``: training and model settings that differ from the recipe's (``train.recipes.TRAIN_OPTIONS``).
    """
    from ..choices import DEFAULT_RECIPE
    from ..train.run import train
    check_writable(out_model)
    if checkpoints:
        check_writable(checkpoints, folder=True)
    for extra in (log_csv, plot):
        if extra:
            check_writable(extra)
    recipe = recipe or DEFAULT_RECIPE
    result = train(stores, out_model, val_stores, recipe, val_fraction, checkpoints, log_csv, progress, **settings)
    if plot:
        from ..evaluation.report import plot_history
        plot_history(result.history, plot, f"{recipe}, {settings.get('backbone') or 'default backbone'}")
    return result


def learn_region(folder: str, grid: TileGrid, old_ortho: OrthoSource, new_ortho: OrthoSource,
                 old_vectors: Sequence[VectorLayerData], new_vectors: Sequence[VectorLayerData], legend: Legend, *,
                 minutes: float = 10.0, index_out: Optional[str] = None, seed: int = 0, progress: Progress = SILENT):
    """Train CrossTime's CPU recipe on one region, then (with ``index_out``) index its old date with the model.

    Training tiles are cut every half tile over the two orthos' overlap (four times the pairs of the grid), the
    eastern fifth held out for validation; the best model so far is kept at ``folder/region.ctmodel``, with its
    log, plot and checkpoints beside it (never in a temporary folder). Returns (model path, TrainResult, index).
    """
    from ..tiles.build import write_tile_store
    os.makedirs(folder, exist_ok=True)
    model = os.path.join(folder, REGION_MODEL)
    check_writable(model)
    dense = TileGrid.covering(grid.bounds(), grid.crs, grid.tile_size, grid.pixels, grid.tile_size / 2, grid.origin)
    store = os.path.join(folder, "region_tiles.ctstore")
    check_writable(store, len(dense) * dense.pixels * dense.pixels * 8)
    progress.info(Message("learning this region: {dense}, {minutes:g} min of training",
                          dense=dense.summary(), minutes=minutes))
    with layer_tiles(dense, legend, old_ortho=old_ortho, new_ortho=new_ortho, old_vectors=old_vectors,
                     new_vectors=new_vectors) as tiles:
        write_tile_store(store, tiles, progress.sub(0.0, 0.15))
    result = train_descriptor([store], model, checkpoints=os.path.join(folder, "region_checkpoints"),
                              log_csv=os.path.join(folder, "region_training.csv"),
                              plot=os.path.join(folder, "region_training.png"),
                              progress=progress.sub(0.15, 0.85 if index_out else 1.0), max_minutes=minutes,
                              epochs=1000, early_stop=8, seed=seed,
                              tile_pixels=128 if grid.pixels >= 128 else max(32, grid.pixels - grid.pixels % 32))
    index = None
    if index_out:
        from ..retrieval.map_use import has_vector_data
        index, _, _ = build_index_from_layers(index_out, old_ortho, new_ortho, old_vectors, legend,
                                              IndexSettings(model=model, new_has_vectors=has_vector_data(new_vectors)),
                                              grid=grid,
                                              progress=progress.sub(0.85, 1.0))
    return model, result, index
