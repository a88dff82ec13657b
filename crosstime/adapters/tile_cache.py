"""Tiles read from web services (WMTS, WMS, XYZ...) kept on disk: a cancelled build resumes where it stopped, a second
build, the click and the Archive tab read them again without a request.

One file per tile (``.npy``, RGB and the validity mask as a fourth band), named by a hash of what makes the tile: the
layer's data source, the grid's CRS, the tile's bounds and pixels, and the layer's styling. Each file is written
beside its name and renamed into place, so an interrupted write never leaves a torn tile. The folder is a QGIS setting
(``crosstime/tile_cache``); the default lies in QGIS's own settings folder.
"""
from __future__ import annotations

import hashlib
import os
import threading
from typing import Optional

import numpy as np

from ..core.atomic import temp_prefix
from ..core.geo.orthos import TileRead

SETTING_KEY = "crosstime/tile_cache"


def default_cache_folder() -> str:
    """The tile cache folder of the QGIS settings (``crosstime/tile_cache``), else one in QGIS's settings folder."""
    from qgis.core import QgsApplication, QgsSettings
    chosen = QgsSettings().value(SETTING_KEY, "") or ""
    return str(chosen) or os.path.join(QgsApplication.qgisSettingsDirPath(), "cache", "crosstime_tiles")


class TileCache:
    """Tiles of one layer (``layer_key``: what identifies the layer and its styling) under ``folder``."""

    def __init__(self, folder: str, layer_key: str):
        self.folder = os.path.join(folder, hashlib.sha256(layer_key.encode("utf-8")).hexdigest()[:24])

    def _path(self, crs: str, bounds, pixels: int) -> str:
        key = f"{crs}|{pixels}|" + ",".join(f"{v:.3f}" for v in bounds)
        name = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
        return os.path.join(self.folder, name[:2], name + ".npy")

    def get(self, crs: str, bounds, pixels: int) -> Optional[TileRead]:
        path = self._path(crs, bounds, pixels)
        try:
            rgba = np.load(path, allow_pickle=False)
        except (OSError, ValueError):         # absent, or not a tile (damaged): read again
            return None
        if rgba.shape != (pixels, pixels, 4) or rgba.dtype != np.uint8:
            return None
        return TileRead(rgb=np.ascontiguousarray(rgba[..., :3]), valid=rgba[..., 3] > 0)

    def put(self, crs: str, bounds, pixels: int, tile: TileRead) -> None:
        """Keep ``tile``; a cache that cannot be written (disk full, read-only folder) only costs the next read."""
        path = self._path(crs, bounds, pixels)
        rgba = np.concatenate([tile.rgb, tile.valid[..., None].astype(np.uint8) * 255], axis=-1)
        tmp = os.path.join(os.path.dirname(path), f"{temp_prefix(path)}{threading.get_ident()}.npy")
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(tmp, "wb") as f:
                np.save(f, rgba, allow_pickle=False)
            os.replace(tmp, path)
        except OSError:
            try:
                os.remove(tmp)
            except OSError:
                pass
