"""The tile store: both dates' images and semantic code rasters for every tile, laid out for fast training.

A store is a folder ``NAME.ctstore`` of plain ``.npy`` arrays (memory-mapped on read, so training
pulls a batch without loading the whole store) and a ``meta.json``. Semantics are kept as category
codes, so one store serves the RGB and the grey semantic variants. Stores are written into a
temporary folder and renamed at the end: an interrupted build never leaves a half store behind.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from typing import Dict, List, Optional, Sequence

import numpy as np

from ..atomic import (
    check_writable,
    disk_full_error,
    fsync_tree,
    interrupted_replacement,
    is_disk_full,
    make_ordinary,
    recover_folder,
    remove_stale_temporaries,
    replace_folder,
    temp_prefix,
)
from ..errors import CrossTimeError
from ..geo.grid import TileGrid
from ..geo.legend import CATEGORIES, Legend
from ..messages import Detail, Message
from .dates import OLD, date_name

FORMAT = "crosstime-tilestore"
VERSION = 1
_ARRAYS = ("image_a", "image_b", "sem_a", "sem_b")


class TileStoreError(CrossTimeError, RuntimeError):
    """Not a tile store, or a damaged one."""


class TileStoreWriter:
    """Fill a store slot by slot; ``commit()`` makes it appear, ``abort()`` (or an exception in a
    ``with`` block) leaves nothing behind and keeps any previous store at the same path."""

    def __init__(self, path: str, count: int, pixels: int, meta: dict):
        self.path = os.path.abspath(path)
        parent = os.path.dirname(self.path) or "."
        self.count, self.pixels = int(count), int(pixels)
        # a previous writer killed mid-replacement left the old store aside, or temporaries: tidy up first
        self.notes = recover_folder(self.path)
        remove_stale_temporaries(self.path, ".ctstore")
        check_writable(self.path, count * pixels * pixels * 8 + 1024 * 1024)
        os.makedirs(parent, exist_ok=True)
        self._tmp = tempfile.mkdtemp(prefix=temp_prefix(self.path), suffix=".ctstore", dir=parent)
        self.meta = dict(meta)
        shp_img, shp_sem = (count, pixels, pixels, 3), (count, pixels, pixels)
        mm = np.lib.format.open_memmap
        try:
            self.image_a = mm(os.path.join(self._tmp, "image_a.npy"), "w+", np.uint8, shp_img)
            self.image_b = mm(os.path.join(self._tmp, "image_b.npy"), "w+", np.uint8, shp_img)
            self.sem_a = mm(os.path.join(self._tmp, "sem_a.npy"), "w+", np.uint8, shp_sem)
            self.sem_b = mm(os.path.join(self._tmp, "sem_b.npy"), "w+", np.uint8, shp_sem)
        except BaseException as exc:
            self.abort()
            if isinstance(exc, Exception) and is_disk_full(exc):
                raise disk_full_error(self.path) from exc
            raise
        self.ids: List[str] = [""] * count
        self.scene = np.zeros(count, np.int32)
        self.footprints = np.zeros((count, 4), np.float64)
        self.valid = np.zeros((count, 2), np.float32)

    def put(self, k: int, tid: str, footprint, image_a, image_b, sem_a, sem_b,
            valid_a: float = 1.0, valid_b: float = 1.0, scene: int = 0) -> None:
        self.ids[k] = tid
        self.footprints[k] = footprint
        self.image_a[k], self.image_b[k] = image_a, image_b
        self.sem_a[k], self.sem_b[k] = sem_a, sem_b
        self.valid[k] = (valid_a, valid_b)
        self.scene[k] = scene

    def commit(self) -> TileStore:
        try:
            for arr in (self.image_a, self.image_b, self.sem_a, self.sem_b):
                arr.flush()
            del self.image_a, self.image_b, self.sem_a, self.sem_b
            np.save(os.path.join(self._tmp, "ids.npy"), np.asarray(self.ids, dtype=str))
            np.save(os.path.join(self._tmp, "scene.npy"), self.scene)
            np.save(os.path.join(self._tmp, "footprints.npy"), self.footprints)
            np.save(os.path.join(self._tmp, "valid.npy"), self.valid)
            meta = {"format": FORMAT, "version": VERSION, "count": self.count, "pixels": self.pixels,
                    "created": time.strftime("%Y-%m-%dT%H:%M:%S"), **self.meta}
            with open(os.path.join(self._tmp, "meta.json"), "w", encoding="utf-8") as f:
                json.dump(meta, f, indent=1, ensure_ascii=False)
            # the new store is on the disk before the old one leaves its path
            fsync_tree(self._tmp)
            make_ordinary(self._tmp)
            replace_folder(self._tmp, self.path)
        except Exception as exc:
            if is_disk_full(exc):
                raise disk_full_error(self.path) from exc
            raise
        return TileStore(self.path)

    def abort(self) -> None:
        for name in _ARRAYS:
            if hasattr(self, name):
                delattr(self, name)
        shutil.rmtree(self._tmp, ignore_errors=True)

    def __enter__(self) -> TileStoreWriter:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is not None:
            self.abort()


class TileStore:
    """Read side of a store. Arrays are memory-mapped; nothing is loaded until indexed."""

    def __init__(self, path: str):
        self.path = os.path.abspath(path)
        self._has_map: Dict[str, bool] = {}        # per date, when read from the codes (has_map)
        meta_path = os.path.join(self.path, "meta.json")
        try:
            with open(meta_path, encoding="utf-8") as f:
                self.meta = json.load(f)
        except FileNotFoundError:
            aside = None if os.path.exists(self.path) else interrupted_replacement(self.path)
            if aside:
                raise TileStoreError("{path}: missing: a replacement of this store was interrupted and the previous "
                                     "store is in {aside}; rename it back to {name} (the next "
                                     "build of this store does it by itself)",
                                     path=path, aside=aside, name=os.path.basename(self.path)) from None
            raise TileStoreError("{path}: not a CrossTime tile store (no meta.json)", path=path) from None
        except (OSError, json.JSONDecodeError) as exc:
            raise TileStoreError("{path}: damaged tile store ({exc})", path=path, exc=Detail(str(exc))) from exc
        if self.meta.get("format") != FORMAT:
            raise TileStoreError("{path}: not a CrossTime tile store", path=path)
        if int(self.meta.get("version", 0)) > VERSION:
            raise TileStoreError("{path}: made by a newer CrossTime (store version {version})",
                                 path=path, version=self.meta["version"])
        try:
            self.image_a = np.load(os.path.join(self.path, "image_a.npy"), mmap_mode="r", allow_pickle=False)
            self.image_b = np.load(os.path.join(self.path, "image_b.npy"), mmap_mode="r", allow_pickle=False)
            self.sem_a = np.load(os.path.join(self.path, "sem_a.npy"), mmap_mode="r", allow_pickle=False)
            self.sem_b = np.load(os.path.join(self.path, "sem_b.npy"), mmap_mode="r", allow_pickle=False)
            self.ids = np.load(os.path.join(self.path, "ids.npy"), allow_pickle=False)
            self.scene = np.load(os.path.join(self.path, "scene.npy"), allow_pickle=False)
            self.footprints = np.load(os.path.join(self.path, "footprints.npy"), allow_pickle=False)
            self.valid = np.load(os.path.join(self.path, "valid.npy"), allow_pickle=False)
        except (OSError, ValueError) as exc:
            raise TileStoreError("{path}: damaged tile store ({exc})", path=path, exc=Detail(str(exc))) from exc
        n = int(self.meta["count"])
        p = int(self.meta["pixels"])
        if (self.image_a.shape != (n, p, p, 3) or self.image_b.shape != (n, p, p, 3) or self.sem_a.shape != (n, p, p)
                or self.sem_b.shape != (n, p, p) or len(self.ids) != n):
            raise TileStoreError("{path}: damaged tile store (array shapes do not match meta.json)", path=path)

    def __len__(self) -> int:
        return int(self.meta["count"])

    @property
    def pixels(self) -> int:
        return int(self.meta["pixels"])

    @property
    def grid(self) -> Optional[TileGrid]:
        g = self.meta.get("grid")
        return TileGrid.from_dict(g) if g else None

    @property
    def crs(self) -> Optional[str]:
        return self.meta.get("crs")

    @property
    def scene_names(self) -> List[str]:
        return list(self.meta.get("scenes", ["default"]))

    def legend(self) -> Legend:
        from ..geo.legend import load_legend
        name = self.meta.get("legend", "bdtopo_v3")
        try:
            return load_legend(name)
        except Exception:
            return Legend(name=name, rules=[], categories=CATEGORIES)

    def has_map(self, date: str) -> bool:
        """Whether the tiles of ``date`` carry a map (vector data drawn on them): recorded when the store was made,
        else read from its codes (stopping at the first drawn pixel)."""
        recorded = (self.meta.get("maps") or {}).get(date_name(date))
        if recorded is not None:
            return bool(recorded)
        if date not in self._has_map:
            codes = self.sem_a if date == OLD else self.sem_b
            self._has_map[date] = any(codes[s:s + 512].any() for s in range(0, len(codes), 512))
        return self._has_map[date]

    def usable(self, min_valid: float = 0.9) -> np.ndarray:
        """Indexes of the tiles whose two dates are both at least ``min_valid`` covered by data."""
        return np.nonzero((self.valid >= min_valid).all(axis=1))[0]

    def images(self, date: str, idx) -> np.ndarray:
        return (self.image_a if date == OLD else self.image_b)[idx]

    def codes(self, date: str, idx) -> np.ndarray:
        return (self.sem_a if date == OLD else self.sem_b)[idx]

    def valid_fraction(self, date: str, idx) -> np.ndarray:
        return self.valid[idx, 0 if date == OLD else 1].astype(np.float32)

    def index_of(self) -> Dict[str, int]:
        return {str(t): k for k, t in enumerate(self.ids)}

    def tile_ground_sizes(self) -> np.ndarray:
        """Each tile's side on the ground in metres (NaN where unknown): the grid's, or per scene for real pairs."""
        g = self.grid
        if g is not None:
            return np.full(len(self), float(g.tile_size))
        gsd = self.meta.get("scene_gsd") or {}
        px = self.meta.get("tile_px") or self.pixels
        per_scene = np.array([float(gsd[n]) * px if gsd.get(n) else np.nan for n in self.scene_names])
        return per_scene[self.scene] if len(per_scene) else np.full(len(self), np.nan)

    def summary(self) -> str:
        return Message("{n} tiles of {pixels} px covering {ground}, {usable} usable on both dates, {scenes} scene(s)",
                       n=len(self), pixels=self.pixels, ground=ground_size_text(self.tile_ground_sizes()),
                       usable=len(self.usable()), scenes=len(self.scene_names))


def ground_size_text(sizes: np.ndarray) -> str:
    """'200 m', '26-1280 m (median 300 m)' or 'unknown ground size' for tiles of these sides."""
    known = np.asarray(sizes, float)
    known = known[np.isfinite(known)]
    if not len(known):
        return Message("an unknown ground size")
    lo, hi = float(known.min()), float(known.max())
    if hi - lo <= 0.01 * hi:
        return Message("{size:g} m", size=hi)
    median = float(np.median(known))
    if len(known) < len(sizes):
        return Message("{lo:.0f}-{hi:.0f} m (median {median:.0f} m), unknown for {n} tiles", lo=lo, hi=hi,
                       median=median, n=len(sizes) - len(known))
    return Message("{lo:.0f}-{hi:.0f} m (median {median:.0f} m)", lo=lo, hi=hi, median=median)


def open_stores(paths: Sequence[str]) -> List[TileStore]:
    return [TileStore(p) for p in paths]
