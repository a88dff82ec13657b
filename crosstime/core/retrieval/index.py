"""The descriptor index: old-date descriptors with their tile ids, footprints, CRS, grid and model.

One ``.ctindex`` file (an uncompressed NumPy ``.npz``, read with ``allow_pickle=False``) written
atomically. Searching is exact cosine kNN with scikit-learn, or FAISS when it is installed (flat inner
product, or IVF for millions of descriptors). Big areas are described in shards (``shard=(i, n)``) by
independent jobs and merged afterwards.
"""
from __future__ import annotations

import json
import os
import time
import zipfile
from dataclasses import dataclass, field
from typing import Optional, Sequence, Tuple

import numpy as np

from ..atomic import atomic_write
from ..errors import CrossTimeError
from ..similarity import l2_normalise
from ..tiles.dates import OLD

FORMAT = "crosstime-index"
VERSION = 1


class IndexFileError(CrossTimeError, RuntimeError):
    """Not an index, a damaged one, or one that does not fit the model or grid in use."""


def faiss_available() -> bool:
    try:
        import faiss  # noqa: F401
        return True
    except ImportError:
        return False


@dataclass
class DescriptorIndex:
    descriptors: np.ndarray                     # (N, R) float32
    ids: np.ndarray                             # (N,) str
    footprints: np.ndarray                      # (N, 4) float64, in ``crs``
    crs: Optional[str]
    model_fingerprint: str
    grid: Optional[dict] = None
    model_config: dict = field(default_factory=dict)
    meta: dict = field(default_factory=dict)
    _normed: Optional[np.ndarray] = field(default=None, repr=False)
    _searchers: dict = field(default_factory=dict, repr=False)

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def dim(self) -> int:
        return int(self.descriptors.shape[1]) if self.descriptors.ndim == 2 else 0

    @property
    def normed(self) -> np.ndarray:
        if self._normed is None:
            self._normed = l2_normalise(self.descriptors)
        return self._normed

    # persistence ----------------------------------------------------------------------------------
    def save(self, path: str) -> None:
        header = {"format": FORMAT, "version": VERSION, "crs": self.crs, "grid": self.grid,
                  "model_fingerprint": self.model_fingerprint, "model_config": self.model_config,
                  "meta": {"created": time.strftime("%Y-%m-%dT%H:%M:%S"), **self.meta}, "count": len(self)}
        atomic_write(path, lambda f: np.savez(
            f, header=np.array(json.dumps(header)), descriptors=self.descriptors.astype(np.float32),
            ids=np.asarray(self.ids, dtype=str), footprints=self.footprints.astype(np.float64)), ".ctindex")

    @classmethod
    def load(cls, path: str, expect_fingerprint: Optional[str] = None) -> DescriptorIndex:
        if not os.path.exists(path):
            raise IndexFileError(f"index file not found: {path}")
        try:
            with np.load(path, allow_pickle=False) as z:
                header = json.loads(str(z["header"]))
                if header.get("format") != FORMAT:
                    raise IndexFileError(f"{path}: not a CrossTime descriptor index")
                desc, ids, fps = z["descriptors"], z["ids"], z["footprints"]
        except IndexFileError:
            raise
        except (OSError, ValueError, KeyError, zipfile.BadZipFile, json.JSONDecodeError, EOFError) as exc:
            raise IndexFileError(f"{path}: not a CrossTime descriptor index, or a damaged one ({exc})") from exc
        if int(header.get("version", 0)) > VERSION:
            raise IndexFileError(f"{path}: made by a newer CrossTime (index version {header['version']})")
        if len(ids) != len(desc) or len(fps) != len(desc):
            raise IndexFileError(f"{path}: damaged index (array lengths differ)")
        idx = cls(desc.astype(np.float32, copy=False), ids, fps, header.get("crs"), header["model_fingerprint"],
                  header.get("grid"), header.get("model_config", {}), header.get("meta", {}))
        if expect_fingerprint is not None:
            idx.check_model(expect_fingerprint, path)
        return idx

    def check_model(self, fingerprint: str, where: str = "the index") -> None:
        if fingerprint != self.model_fingerprint:
            raise IndexFileError(f"{where} was built with another model (fingerprint {self.model_fingerprint[:12]}, "
                                 f"the model in use is {fingerprint[:12]}): rebuild the index with this model")

    # search ---------------------------------------------------------------------------------------
    def query(self, vectors: np.ndarray, k: int = 5, backend: str = "auto", nlist: int = 0,
              nprobe: int = 16) -> Tuple[np.ndarray, np.ndarray]:
        """(cosine similarities (Q, k), row indexes (Q, k)), best first.

        backend: auto (FAISS when installed, else scikit-learn), sklearn, faiss, numpy.
        nlist > 0 uses a FAISS IVF index with that many lists (approximate; for millions of descriptors).
        """
        vectors = np.atleast_2d(np.asarray(vectors, np.float32))
        if vectors.shape[1] != self.dim:
            raise IndexFileError(f"query descriptors have {vectors.shape[1]} dimensions, the index {self.dim}")
        k = int(min(k, len(self)))
        if k <= 0:
            return np.zeros((len(vectors), 0), np.float32), np.zeros((len(vectors), 0), np.int64)
        if backend == "auto":
            backend = "faiss" if faiss_available() else "sklearn"
        q = l2_normalise(vectors)
        key = (backend, nlist)
        if key not in self._searchers:
            self._searchers[key] = make_searcher(backend, self.normed, nlist, nprobe)
        return self._searchers[key].search(q, k)

    def lookup(self, tile_ids: Sequence[str]) -> np.ndarray:
        pos = {str(t): k for k, t in enumerate(self.ids)}
        return np.array([pos.get(str(t), -1) for t in tile_ids], np.int64)


class NumpySearcher:
    """Matrix product and partial sort: the plain reference."""

    def __init__(self, db: np.ndarray):
        self.db = db

    def search(self, q: np.ndarray, k: int):
        sim = q @ self.db.T
        part = np.argpartition(-sim, k - 1, axis=1)[:, :k]
        s = np.take_along_axis(sim, part, 1)
        order = np.argsort(-s, axis=1, kind="stable")
        return np.take_along_axis(s, order, 1), np.take_along_axis(part, order, 1).astype(np.int64)


class SklearnSearcher:
    def __init__(self, db: np.ndarray):
        from sklearn.neighbors import NearestNeighbors
        self.nn = NearestNeighbors(metric="cosine", algorithm="brute").fit(db)

    def search(self, q: np.ndarray, k: int):
        dist, idx = self.nn.kneighbors(q, n_neighbors=k)
        return (1.0 - dist).astype(np.float32), idx.astype(np.int64)


class FaissSearcher:
    def __init__(self, db: np.ndarray, nlist: int = 0, nprobe: int = 16):
        import faiss
        d = db.shape[1]
        if nlist and len(db) >= 4 * nlist:
            quant = faiss.IndexFlatIP(d)
            self.index = faiss.IndexIVFFlat(quant, d, int(nlist), faiss.METRIC_INNER_PRODUCT)
            rng = np.random.default_rng(0)
            sample = db[rng.choice(len(db), min(len(db), 40 * nlist), replace=False)]
            self.index.train(np.ascontiguousarray(sample))
            self.index.nprobe = int(nprobe)
        else:
            self.index = faiss.IndexFlatIP(d)
        self.index.add(np.ascontiguousarray(db))

    def search(self, q: np.ndarray, k: int):
        s, i = self.index.search(np.ascontiguousarray(q), k)
        return s.astype(np.float32), i.astype(np.int64)


def make_searcher(backend: str, db: np.ndarray, nlist: int = 0, nprobe: int = 16):
    if backend == "faiss":
        if not faiss_available():
            raise IndexFileError("FAISS is not installed (pip install faiss-cpu); use the exact scikit-learn search")
        return FaissSearcher(db, nlist, nprobe)
    if backend == "sklearn":
        return SklearnSearcher(db)
    if backend == "numpy":
        return NumpySearcher(db)
    raise ValueError(f"unknown search backend '{backend}' (auto, sklearn, faiss, numpy)")


# building, sharding, merging ---------------------------------------------------------------------
def shard_range(n_items: int, shard: Tuple[int, int]) -> Tuple[int, int]:
    """Contiguous [start, end) of shard i of n (0-based i), so that shards concatenate in order."""
    i, n = shard
    if n < 1 or not 0 <= i < n:
        raise ValueError(f"shard {i}/{n}: expected 0 <= i < n")
    return (n_items * i) // n, (n_items * (i + 1)) // n


def parse_shard(text: str) -> Tuple[int, int]:
    """'i/n' with i counted from 1 on the command line (as people count shards)."""
    try:
        i, n = (int(x) for x in text.split("/"))
    except ValueError as exc:
        raise ValueError(f"--shard expects i/n, e.g. 2/8 (got {text!r})") from exc
    if not 1 <= i <= n:
        raise ValueError(f"--shard {text}: i must be between 1 and n")
    return i - 1, n


def build_index(describer, tiles, date: str = OLD, shard: Tuple[int, int] = (0, 1), progress=None,
                meta: Optional[dict] = None) -> DescriptorIndex:
    """Describe the tiles of ``tiles`` (a TileSet or LiveTiles) at one date into an index.

    ``describer``: a :class:`~crosstime.core.retrieval.describer.Describer` (model file or untrained baseline).
    """
    from ..progress import SILENT
    progress = progress or SILENT
    start, end = shard_range(len(tiles), shard)
    desc = describer.describe(tiles, np.arange(start, end), date, progress)
    ids = np.asarray(tiles.ids(), dtype=str)[start:end]
    fps = np.asarray(tiles.footprints(), np.float64)[start:end]
    m = {"date": date, "shard": [shard[0] + 1, shard[1]], "tiles_total": len(tiles), "describer": describer.label,
         **(meta or {})}
    return DescriptorIndex(desc.astype(np.float32), ids, fps, tiles.crs, describer.fingerprint, tiles.grid_dict(),
                           dict(describer.config), m)


def merge_indexes(paths: Sequence[str], out: Optional[str] = None) -> DescriptorIndex:
    """Concatenate shards made by the same model on the same grid; duplicate tile ids are an error."""
    parts = [DescriptorIndex.load(p) for p in paths]
    if not parts:
        raise IndexFileError("no index to merge")
    first = parts[0]
    for p, path in zip(parts[1:], paths[1:]):
        if p.model_fingerprint != first.model_fingerprint:
            raise IndexFileError(f"{path} was made with another model than {paths[0]}")
        if p.dim != first.dim:
            raise IndexFileError(f"{path}: descriptors of {p.dim} dimensions, {paths[0]}: {first.dim}")
        if (p.grid or {}).get("tile_size") != (first.grid or {}).get("tile_size") or p.crs != first.crs:
            raise IndexFileError(f"{path} uses another grid or CRS than {paths[0]}")
    ids = np.concatenate([p.ids for p in parts])
    uniq, counts = np.unique(ids, return_counts=True)
    if (counts > 1).any():
        raise IndexFileError(f"the shards overlap: tile {uniq[counts > 1][0]} appears {counts.max()} times")
    merged = DescriptorIndex(np.concatenate([p.descriptors for p in parts]), ids,
                             np.concatenate([p.footprints for p in parts]), first.crs, first.model_fingerprint,
                             first.grid, first.model_config,
                             {**first.meta, "merged_from": [os.path.basename(x) for x in paths],
                                                              "shard": None})
    if out:
        merged.save(out)
    return merged
