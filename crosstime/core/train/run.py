"""Train a descriptor from tile stores: the splits, the recipe with its overrides, the trainer (called by core.jobs)."""
from __future__ import annotations

from typing import Optional, Sequence

import numpy as np

from ..choices import DEFAULT_RECIPE, RECIPES
from ..errors import CrossTimeError
from ..messages import Message
from ..progress import SILENT, Progress
from ..tiles.selection import TileSet
from ..tiles.store import open_stores
from . import make_trainer
from .recipes import recipe


def spatial_split(tiles: TileSet, val_fraction: float):
    """Hold out the eastern strip of the area for validation (never neighbours of training tiles on
    both sides): 'train on one region, check on the next'."""
    fp = tiles.footprints()
    order = np.argsort(fp[:, 0], kind="stable")
    n_val = max(1, int(round(len(tiles) * val_fraction)))
    cut = fp[order[-n_val], 0]
    val = np.nonzero(fp[:, 0] >= cut)[0]
    train = np.nonzero(fp[:, 2] <= cut)[0]     # drop tiles that straddle the cut when tiles overlap
    return tiles.subset(train), tiles.subset(val)


def split_for_validation(tiles: TileSet, val_fraction: float, seed: int = 0):
    if len(np.unique(tiles.scenes())) > 1:
        parts = tiles.split_by_scene([1 - val_fraction, val_fraction], seed)
        if len(parts) == 2:
            return parts[0], parts[1]
    return spatial_split(tiles, val_fraction)


def train(train_stores: Sequence[str], out_model: str, val_stores: Sequence[str] = (), recipe_name: str = DEFAULT_RECIPE,
          val_fraction: float = 0.2, checkpoint_dir: Optional[str] = None, log_csv: Optional[str] = None,
          progress: Progress = SILENT, min_valid: float = 0.9, **overrides):
    """Train ``recipe_name`` on the stores; returns the TrainResult. ``overrides``: any model or training setting."""
    from ..retrieval.map_use import tell_stores_without_maps
    stores = open_stores(train_stores)
    tiles = TileSet(stores, min_valid=min_valid)
    tell_stores_without_maps(tiles, progress)
    if len(tiles) < 2:
        raise CrossTimeError("{train_stores}: only {n_tiles} usable training tile(s); training needs at "
                             "least 2 (choose smaller tiles or a larger area)",
                             train_stores=", ".join(train_stores), n_tiles=len(tiles))
    if val_stores:
        val = TileSet(open_stores(val_stores), min_valid=min_valid)
    elif val_fraction > 0:
        tiles, val = split_for_validation(tiles, val_fraction, overrides.get("seed") or 0)
    else:
        val = None
    if len(tiles) < 2:
        raise CrossTimeError("{train_stores}: only {n_tiles} usable training tile(s); training needs at "
                             "least 2 (choose smaller tiles or a larger area)",
                             train_stores=", ".join(train_stores), n_tiles=len(tiles))
    if val is not None and len(val) == 0:
        raise CrossTimeError("{stores}: no usable validation tile",
                             stores=", ".join(val_stores) or Message("the validation part of the training stores"))
    first = stores[0]
    grid = first.grid
    overrides.setdefault("tile_pixels", first.pixels - first.pixels % 32 or 32)
    overrides.setdefault("legend", first.meta.get("legend", "bdtopo_v3"))
    if grid is not None:
        overrides.setdefault("tile_size", grid.tile_size)
    mcfg, tcfg = recipe(recipe_name, **overrides)
    budget = Message(" or {minutes:g} min", minutes=tcfg.max_minutes) if tcfg.max_minutes else ""
    progress.info(Message("recipe {recipe} ({label}), backbone {backbone}, weights {weights}, R={dim}, {pixels} px "
                          "input; up to {epochs} epochs{budget}; {n_train} training tiles, {n_val} validation tiles",
                          recipe=recipe_name, label=RECIPES[recipe_name], backbone=mcfg.backbone, weights=mcfg.weights,
                          dim=mcfg.dim or "pooled", pixels=mcfg.tile_pixels, epochs=tcfg.epochs, budget=budget,
                          n_train=len(tiles), n_val=len(val) if val else 0))
    meta = {"stores": list(train_stores), "validation_stores": list(val_stores),
            "tile_ground_size": grid.tile_size if grid is not None else first.meta.get("tile_ground_size"),
            "ground_resolution": grid.resolution if grid is not None else None,
            "grid_crs": grid.crs if grid is not None else None}
    trainer = make_trainer(mcfg, tcfg, tiles, val, out_model, first.legend(), checkpoint_dir=checkpoint_dir,
                           progress=progress, meta=meta, log_csv=log_csv)
    return trainer.run()
