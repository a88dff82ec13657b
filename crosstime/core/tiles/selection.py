"""A selection of tiles from one or more tile stores, seen as one indexable set of (old, new) pairs."""
from __future__ import annotations

from typing import List, Optional, Sequence

import numpy as np

from ..errors import InputError
from ..geo.grid import store_tile_id
from .dates import NEW, OLD
from .source import TileBatch
from .store import TileStore, ground_size_text


class TileSet:
    def __init__(self, stores: Sequence[TileStore], selections: Optional[Sequence[np.ndarray]] = None,
                 min_valid: float = 0.9):
        self.stores = list(stores)
        if not self.stores:
            raise InputError("no tile store given")
        if selections is None:
            selections = [s.usable(min_valid) for s in self.stores]
        self.sel = [np.asarray(x, np.int64) for x in selections]
        pix = {s.pixels for s in self.stores}
        if len(pix) != 1:
            raise InputError("tile stores of different tile sizes cannot be mixed ({pix} px)", pix=sorted(pix))
        self.pixels = pix.pop()
        self._store_of = np.concatenate([np.full(len(x), k, np.int64) for k, x in enumerate(self.sel)])
        self._local = np.concatenate(self.sel) if self.sel else np.zeros(0, np.int64)
        # a store whose two dates do not both carry a map is read without maps on either date (retrieval.map_use):
        # a descriptor would otherwise compare a map with an empty map
        self.maps = [s.has_map(OLD) and s.has_map(NEW) for s in self.stores]

    def stores_without_maps(self) -> List[str]:
        """The stores read without their map because one date has none and the other has one."""
        return [s.path for s, m in zip(self.stores, self.maps) if not m and (s.has_map(OLD) or s.has_map(NEW))]

    def __len__(self) -> int:
        return len(self._local)

    def ids(self) -> List[str]:
        """Tile ids, prefixed with the store's number when several stores are mixed."""
        multi = len(self.stores) > 1
        return [store_tile_id(int(s), str(self.stores[s].ids[i]), multi) for s, i in zip(self._store_of, self._local)]

    def footprints(self) -> np.ndarray:
        out = np.zeros((len(self), 4))
        for k, st in enumerate(self.stores):
            m = self._store_of == k
            out[m] = st.footprints[self._local[m]]
        return out

    @property
    def crs(self) -> Optional[str]:
        return self.stores[0].crs

    def grid_dict(self) -> Optional[dict]:
        return self.stores[0].meta.get("grid") if len(self.stores) == 1 else None

    def scene_keys(self) -> List[str]:
        """The name of each tile's scene (``source/scene`` for real pairs, ``default`` for an ortho pair)."""
        return [self.stores[s].scene_names[self.stores[s].scene[i]] for s, i in zip(self._store_of, self._local)]

    def by_source(self) -> dict:
        """Sub-selections per source (the part of the scene name before '/'), when there are several."""
        sources = np.array([k.split("/")[0] if "/" in k else "default" for k in self.scene_keys()])
        names = sorted(set(sources))
        return {n: self.subset(np.nonzero(sources == n)[0]) for n in names} if len(names) > 1 else {}

    def ground_sizes(self) -> np.ndarray:
        """Each tile's side on the ground in metres (NaN where unknown)."""
        out = np.full(len(self), np.nan)
        for k, st in enumerate(self.stores):
            m = self._store_of == k
            out[m] = st.tile_ground_sizes()[self._local[m]]
        return out

    def footprint_text(self) -> str:
        return ground_size_text(self.ground_sizes())

    def scenes(self) -> np.ndarray:
        """A scene label per tile, unique across stores."""
        offs = np.cumsum([0] + [len(s.scene_names) for s in self.stores])
        return np.array([offs[s] + self.stores[s].scene[l] for s, l in zip(self._store_of, self._local)], np.int64)

    def read(self, indices: Sequence[int], date: str) -> TileBatch:
        indices = np.asarray(indices, np.int64)
        img = np.empty((len(indices), self.pixels, self.pixels, 3), np.uint8)
        cod = np.empty((len(indices), self.pixels, self.pixels), np.uint8)
        valid = np.empty(len(indices), np.float32)
        for s in np.unique(self._store_of[indices]):
            m = self._store_of[indices] == s
            loc = self._local[indices[m]]
            order = np.argsort(loc)          # sorted reads are kinder to memory maps
            inv = np.empty_like(order)
            inv[order] = np.arange(len(order))
            st = self.stores[s]
            img[m] = st.images(date, loc[order])[inv]
            cod[m] = st.codes(date, loc[order])[inv] if self.maps[s] else 0
            valid[m] = st.valid_fraction(date, loc)
        return TileBatch(img, cod, valid)

    def subset(self, gidx: Sequence[int]) -> TileSet:
        gidx = np.asarray(gidx, np.int64)
        sels = [self._local[gidx[self._store_of[gidx] == k]] for k in range(len(self.stores))]
        keep = [k for k, s in enumerate(sels) if len(s)]
        return TileSet([self.stores[k] for k in keep], [sels[k] for k in keep])

    def split_by_scene(self, fractions: Sequence[float], seed: int = 0) -> List[TileSet]:
        """Split whole scenes (never tiles of one scene across parts) in roughly the given tile fractions."""
        scenes = self.scenes()
        uniq = np.unique(scenes)
        rng = np.random.default_rng(seed)
        rng.shuffle(uniq)
        counts = {u: int((scenes == u).sum()) for u in uniq}
        targets = np.cumsum(fractions) / np.sum(fractions) * len(self)
        parts: List[List[int]] = [[] for _ in fractions]
        acc = 0
        k = 0
        for u in uniq:
            while k < len(fractions) - 1 and acc >= targets[k]:
                k += 1
            parts[k].append(u)
            acc += counts[u]
        return [self.subset(np.nonzero(np.isin(scenes, p))[0]) for p in parts if p]
