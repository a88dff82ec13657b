"""Describing the old date into an index file: from a tile store, or straight from the layers."""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Optional, Sequence, Tuple

from ..atomic import check_writable
from ..choices import DEFAULT_PIXELS, DEFAULT_TILE_SIZE
from ..geo.grid import TileGrid
from ..geo.legend import Legend
from ..geo.tile_reader import OrthoSource
from ..geo.vectors import VectorLayerData
from ..progress import SILENT, Progress
from ..tiles.dates import OLD
from .describer_choice import (
    UNTRAINED,
    describer_for,
    index_bytes,
    model_describer,
    tile_settings,
    untrained_model_path,
    warn_if_trained_elsewhere,
    write_untrained_model,
)
from .tiles import grid_for_orthos, layer_tiles


@dataclass
class IndexSettings:
    """How an index is made from layers. ``tile_size`` (ground units) and ``pixels``: None means the model's own
    (those it was trained on), else the defaults of ``choices``. ``shard`` (k, n): the k-th of n parts."""
    model: Optional[str] = None
    tile_size: Optional[float] = None
    pixels: Optional[int] = None
    crs: Optional[str] = None
    semantic_mode: str = "rgb"
    shard: Tuple[int, int] = (0, 1)
    device: str = "auto"
    # whether the new date has vector layers (None: not known, taken as the old date): the map takes part only
    # where both dates have one (retrieval.map_use)
    new_has_vectors: Optional[bool] = None


def build_index_from_store(store_path: str, out: str, *, model: Optional[str] = None, date: str = OLD,
                           shard: Tuple[int, int] = (0, 1), device: str = "auto", progress: Progress = SILENT):
    """Describe one date of a tile store into an index file at ``out``; returns the index."""
    from ..retrieval.index import build_index
    from ..tiles.selection import TileSet
    from ..tiles.store import TileStore
    check_writable(out)
    store = TileStore(store_path)
    describer = describer_for(model, store.legend(), pixels=store.pixels, device=device)
    warn_if_trained_elsewhere(describer, store.legend(), progress)
    check_writable(out, index_bytes(len(store), describer))
    idx = build_index(describer, TileSet([store], min_valid=0.0), date, shard, progress, {"tile_store": store_path})
    progress.check()
    idx.save(out)
    return idx


def build_index_from_layers(out: str, old_ortho: OrthoSource, new_ortho: OrthoSource,
                            old_vectors: Sequence[VectorLayerData], legend: Legend,
                            settings: Optional[IndexSettings] = None, *, grid: Optional[TileGrid] = None,
                            progress: Progress = SILENT):
    """Describe the old ortho's tiles on the grid of the two orthos' overlap into an index at ``out``.

    The orthos are file paths, or reader factories (``geo.tile_reader``) given with the ``grid`` to use
    (``grid_for_bounds``; a given grid's tile size and pixels are used as they are). Returns (index, grid,
    legend-mapping warnings). The index file is replaced only once complete.
    """
    from ..geo.tile_reader import source_label
    from ..retrieval.index import build_index
    from ..retrieval.map_use import decide_maps, has_vector_data
    check_writable(out)
    settings = settings or IndexSettings()
    tile_size, pixels = settings.tile_size, settings.pixels
    if grid is not None:
        tile_size, pixels = grid.tile_size, grid.pixels
    untrained = settings.model == UNTRAINED
    describer = None
    if untrained:
        tile_size, pixels = tile_size or DEFAULT_TILE_SIZE, pixels or DEFAULT_PIXELS
    else:
        describer = describer_for(settings.model, legend, pixels=pixels or DEFAULT_PIXELS,
                                  semantic_mode=settings.semantic_mode, device=settings.device)
        warn_if_trained_elsewhere(describer, legend, progress)
        tile_size, pixels = tile_settings(describer, settings.model, tile_size, pixels, progress)
    if grid is None:
        grid = grid_for_orthos(old_ortho, new_ortho, tile_size, pixels, crs=settings.crs)
    old_map = has_vector_data(old_vectors)
    new_map = old_map if settings.new_has_vectors is None else bool(settings.new_has_vectors)
    maps = decide_maps(old_map, new_map, describer.config if describer is not None else {"modality": "fusion"},
                       progress)
    if not maps:
        old_vectors = ()
    if describer is not None:
        check_writable(out, index_bytes(len(grid), describer))
    try:
        with layer_tiles(grid, legend, old_ortho=old_ortho, old_vectors=old_vectors) as tiles:
            if untrained:
                # beside its final name until the index is saved: a failed or cancelled rebuild leaves the previous
                # index with the model that made it
                model = write_untrained_model(untrained_model_path(out) + PENDING, tiles, legend, pixels=grid.pixels,
                                              dates=(OLD,), progress=progress.sub(0.0, 0.1))
                describer = model_describer(model, legend, device=settings.device)
                check_writable(out, index_bytes(len(grid), describer))
                progress = progress.sub(0.1, 1.0)
            idx = build_index(describer, tiles, OLD, settings.shard, progress,
                              {"old_ortho": source_label(old_ortho), "new_ortho": source_label(new_ortho),
                               "legend": legend.name, "maps": maps})
            warnings = tiles.mapping_warnings(OLD)          # after drawing: it may have found broken geometries
            tiles.release_vectors()
        progress.check()
        idx.save(out)
    except BaseException:
        if untrained:
            _remove_quietly(untrained_model_path(out) + PENDING)
        raise
    if untrained:
        os.replace(untrained_model_path(out) + PENDING, untrained_model_path(out))
    return idx, grid, warnings


PENDING = ".pending"


def _remove_quietly(path: str) -> None:
    try:
        os.remove(path)
    except OSError:
        pass


def merge_index_shards(parts: Sequence[str], out: str):
    """Concatenate index shards into one index file at ``out``; returns it."""
    from ..retrieval.index import merge_indexes
    check_writable(out)
    return merge_indexes(parts, out)
