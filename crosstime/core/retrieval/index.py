"""The descriptor index: old-date descriptors with their tile ids, footprints, CRS, grid and model.

One ``.ctindex`` file (an uncompressed NumPy ``.npz``, read with ``allow_pickle=False``) written
atomically. The index keeps one copy of the descriptors, L2-normalised float32 rows (cosine search needs
only their directions), shared by every search backend: exact numpy search (a matrix product and a partial
sort, in blocks so that memory stays about one copy), FAISS when installed (flat inner product built on the
same memory, or IVF for millions of descriptors), or scikit-learn. Very large indexes can be memory-mapped
from the file instead of loaded. Big areas are described in shards (``shard=(i, n)``) by independent jobs
and merged afterwards.
"""
from __future__ import annotations

import json
import os
import struct
import time
import zipfile
from dataclasses import dataclass, field
from typing import Optional, Sequence, Tuple

import numpy as np

from ..atomic import atomic_write
from ..errors import CrossTimeError, InputError
from ..headed_npz import HeadedFileKind, read_headed_npz
from ..messages import Message
from ..similarity import l2_normalise, rank_of_truth
from ..tiles.dates import OLD
from .neighbourhood import Lattice, NeighbourhoodSearch, lattice_positions

FORMAT = "crosstime-index"
VERSION = 1
# a similarity block of a search or a ranking holds at most this many bytes (beside the descriptors)
BLOCK_BYTES = 64 << 20
_ROWS = 65536                   # rows per pass of the checks and normalisation, for the same reason
THE_INDEX = Message("the index")        # an index in a message that has no name for it


class IndexFileError(CrossTimeError, RuntimeError):
    """Not an index, a damaged one, or one that does not fit the model or grid in use."""


FILE_KIND = HeadedFileKind(FORMAT, VERSION, IndexFileError, Message("a CrossTime descriptor index"),
                           Message("index file not found: {path}"), Message("index version"))


class SearchError(CrossTimeError, ValueError):
    """A search that cannot be answered as asked (k out of range, unusable query descriptors)."""


def faiss_available() -> bool:
    try:
        import faiss  # noqa: F401
        return True
    except ImportError:
        return False


def nonfinite_rows(a: np.ndarray) -> np.ndarray:
    """Indexes of the rows of ``a`` holding NaN or infinity (checked in blocks: no full-size temporary)."""
    a = np.asarray(a)
    if a.ndim != 2:
        return np.zeros(0, np.int64)
    bad = [s + np.nonzero(~np.isfinite(a[s:s + _ROWS]).all(axis=1))[0] for s in range(0, len(a), _ROWS)]
    return np.concatenate(bad) if bad else np.zeros(0, np.int64)


def unit_rows(a: np.ndarray, in_place: bool = False) -> np.ndarray:
    """``a`` as C-ordered float32 rows of unit length (zero rows stay zero).

    An array already so is returned as is; ``in_place`` normalises ``a`` itself rather than a copy, for
    arrays the caller will not use again.
    """
    if isinstance(a, np.memmap):
        return a                                     # mapped read-only from a file saved normalised
    a = np.asarray(a)
    if a.ndim != 2:
        return np.asarray(a, np.float32)
    if a.dtype != np.float32 or not a.flags.c_contiguous:
        a, in_place = np.ascontiguousarray(a, np.float32), True      # a fresh copy: ours to change
    if _is_unit(a):
        return a
    out = a if in_place and a.flags.writeable else np.empty_like(a)
    for s in range(0, len(a), _ROWS):
        block = a[s:s + _ROWS]
        np.divide(block, np.maximum(np.linalg.norm(block, axis=1, keepdims=True), 1e-12), out=out[s:s + _ROWS])
    return out


def _is_unit(a: np.ndarray) -> bool:
    for s in range(0, len(a), _ROWS):
        sq = np.einsum("ij,ij->i", a[s:s + _ROWS], a[s:s + _ROWS], dtype=np.float32)
        if not np.all((np.abs(sq - 1.0) < 1e-4) | (sq == 0.0)):
            return False
    return True


def _mapped_member(path: str, name: str) -> Optional[np.ndarray]:
    """The array ``name`` of an uncompressed .npz, memory-mapped read-only; None where it cannot be."""
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(name + ".npy")
    if info.compress_type != zipfile.ZIP_STORED:
        return None
    fmt = np.lib.format
    with open(path, "rb") as f:
        f.seek(info.header_offset)
        local = f.read(30)
        if local[:4] != b"PK\x03\x04":
            return None
        name_len, extra_len = struct.unpack("<HH", local[26:30])
        f.seek(info.header_offset + 30 + name_len + extra_len)
        read_header = {(1, 0): fmt.read_array_header_1_0, (2, 0): fmt.read_array_header_2_0}.get(fmt.read_magic(f))
        if read_header is None:
            return None
        shape, fortran, dtype = read_header(f)
        offset = f.tell()
    if fortran or dtype.hasobject or dtype != np.float32 or len(shape) != 2 or offset % 64:
        return None                                  # unaligned (an older file): read it into memory instead
    return np.memmap(path, dtype=dtype, mode="r", offset=offset, shape=shape)


def _write_npz(f, arrays: dict) -> None:
    """np.savez, except that a failure (a full disk) leaves no half-closed zip writer to complain later."""
    zf = zipfile.ZipFile(f, mode="w", compression=zipfile.ZIP_STORED, allowZip64=True)
    try:
        for key, val in arrays.items():
            info = zipfile.ZipInfo(key + ".npy", time.localtime()[:6])
            # pad the member's local header (an extra field, as zipalign does) so that the array's bytes start on
            # a 64-byte boundary of the file: mapped from there, BLAS takes them (unaligned, numpy loops slowly)
            start = zf.fp.tell() + 30 + len(info.filename.encode()) + 20 + 4     # 20: the zip64 extra field
            pad = -start % 64
            info.extra = struct.pack("<HH", 0xD935, pad) + bytes(pad)
            with zf.open(info, "w", force_zip64=True) as out:
                np.lib.format.write_array(out, np.asanyarray(val), allow_pickle=False)
        zf.close()
    except BaseException:
        zf.fp = None                 # the file is thrown away: no central directory to write, now or in __del__
        raise


@dataclass
class DescriptorIndex:
    descriptors: np.ndarray                     # (N, R) float32, rows of unit length (normalised on construction)
    ids: np.ndarray                             # (N,) str
    footprints: np.ndarray                      # (N, 4) float64, in ``crs``
    crs: Optional[str]
    model_fingerprint: str
    grid: Optional[dict] = None
    model_config: dict = field(default_factory=dict)
    meta: dict = field(default_factory=dict)
    source: str = ""                            # the file it was loaded from, to name it in messages
    _searchers: dict = field(default_factory=dict, repr=False)
    _neighbourhoods: dict = field(default_factory=dict, repr=False)
    _lattice: Optional[Lattice] = field(default=None, repr=False)

    def __post_init__(self) -> None:
        # one copy for everything: the raw descriptors are not kept (cosine search never needs their length)
        self.descriptors = unit_rows(self.descriptors)

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def dim(self) -> int:
        return int(self.descriptors.shape[1]) if self.descriptors.ndim == 2 else 0

    @property
    def normed(self) -> np.ndarray:
        """The descriptors (stored L2-normalised)."""
        return self.descriptors

    @property
    def name(self) -> str:
        return self.source or "the index"

    # persistence ----------------------------------------------------------------------------------
    def save(self, path: str) -> None:
        header = {"format": FORMAT, "version": VERSION, "crs": self.crs, "grid": self.grid,
                  "model_fingerprint": self.model_fingerprint, "model_config": self.model_config,
                  "meta": {"created": time.strftime("%Y-%m-%dT%H:%M:%S"), **self.meta}, "count": len(self),
                  "normalised": True}
        atomic_write(path, lambda f: _write_npz(f, {
            "header": np.array(json.dumps(header)), "descriptors": np.asarray(self.descriptors, np.float32),
            "ids": np.asarray(self.ids, dtype=str), "footprints": np.asarray(self.footprints, np.float64)}),
            ".ctindex")

    @staticmethod
    def header_of(path: str) -> dict:
        """The index file's header alone (model fingerprint and configuration, grid, CRS), no descriptors read."""
        return read_headed_npz(path, FILE_KIND, lambda z, header: {})[0]

    @classmethod
    def load(cls, path: str, expect_fingerprint: Optional[str] = None, mmap: bool = False) -> DescriptorIndex:
        """Read an index file. ``mmap``: map the descriptors from the file instead of reading them into memory
        (for very large indexes: the system pages them in as searches need them, shared between processes)."""
        def arrays(z, header):
            desc = _mapped_member(path, "descriptors") if mmap and header.get("normalised") else None
            return {"ids": z["ids"], "footprints": z["footprints"],
                    "descriptors": z["descriptors"] if desc is None else desc}

        header, read = read_headed_npz(path, FILE_KIND, arrays)
        ids, fps, desc = read["ids"], read["footprints"], read["descriptors"]
        if len(ids) != len(desc) or len(fps) != len(desc):
            raise IndexFileError("{path}: damaged index (array lengths differ)", path=path)
        bad = nonfinite_rows(desc)
        if len(bad):
            raise IndexFileError("{path}: {n_bad} of {n_desc} descriptors hold NaN or infinite values (first: "
                                 "tile {first}), so every search would answer nonsense; the model that built it "
                                 "gave no usable descriptors. Rebuild the index with a working model",
                                 path=path, n_bad=len(bad), n_desc=len(desc), first=ids[bad[0]])
        if not isinstance(desc, np.memmap):
            desc = unit_rows(desc, in_place=True)      # files of earlier versions hold raw descriptors
        idx = cls(desc, ids, fps, header.get("crs"), header["model_fingerprint"], header.get("grid"),
                  header.get("model_config", {}), header.get("meta", {}), source=path)
        if expect_fingerprint is not None:
            idx.check_model(expect_fingerprint, path)
        return idx

    def check_model(self, fingerprint: str, where: str = THE_INDEX) -> None:
        if fingerprint != self.model_fingerprint:
            raise IndexFileError("{where} was built with another model (fingerprint {model_fingerprint}, "
                                 "the model in use is {fingerprint}): rebuild the index with this model",
                                 where=where, model_fingerprint=self.model_fingerprint[:12],
                                 fingerprint=fingerprint[:12])

    def check_k(self, k: int) -> None:
        """Refuse a number of matches outside 1..N (N: the tiles of the index)."""
        n = len(self)
        if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 1 <= k <= n:
            if not n:
                raise SearchError("{name} holds no tiles: rebuild it from an area with tiles", name=self.name)
            raise SearchError("k = {k}: ask for between 1 and {n} matches ({name} holds {n} tiles)", k=k, n=n,
                              name=self.name)

    # search ---------------------------------------------------------------------------------------
    def query(self, vectors: np.ndarray, k: int = 5, backend: str = "auto", nlist: int = 0,
              nprobe: int = 16) -> Tuple[np.ndarray, np.ndarray]:
        """(cosine similarities (Q, k), row indexes (Q, k)), best first.

        backend: auto (FAISS when installed, else exact numpy), numpy, faiss, sklearn.
        nlist > 0 uses a FAISS IVF index with that many lists (approximate; for millions of descriptors).
        """
        self.check_k(k)
        vectors = np.atleast_2d(np.asarray(vectors, np.float32))
        if vectors.shape[1] != self.dim:
            raise IndexFileError("query descriptors have {dims} dimensions, {name} {dim}",
                                 dims=vectors.shape[1], name=self.name, dim=self.dim)
        bad = nonfinite_rows(vectors)
        if len(bad):
            raise SearchError("{n_bad} of {n_vectors} query descriptors hold NaN or infinite values: the "
                              "model gives no usable descriptors for these tiles; use a working model",
                              n_bad=len(bad), n_vectors=len(vectors))
        if backend == "auto":
            backend = "faiss" if faiss_available() else "numpy"
        key = (backend, nlist)
        if key not in self._searchers:
            searcher = make_searcher(backend, self.descriptors, nlist, nprobe)
            shared = getattr(searcher, "shared", None)
            if shared is not None:
                # FAISS holds the descriptors now: use its copy and let ours go (other searchers are rebuilt on it)
                self.descriptors = shared
                self._searchers.clear()
            self._searchers[key] = searcher
        return self._searchers[key].search(l2_normalise(vectors), int(k))

    def rank_of(self, vectors: np.ndarray, rows: np.ndarray, progress=None) -> np.ndarray:
        """1-based rank of index row ``rows[i]`` among the answers to query ``i`` (ties count against; 0 where
        ``rows[i]`` < 0), exact, in blocks of queries whose similarities fit in :data:`BLOCK_BYTES`."""
        q = l2_normalise(np.atleast_2d(np.asarray(vectors, np.float32)))
        rows = np.asarray(rows, np.int64)
        out = np.zeros(len(rows), np.int64)
        known = np.nonzero(rows >= 0)[0]
        step = int(max(1, min(256, BLOCK_BYTES // (4 * max(1, len(self))))))
        for s in range(0, len(known), step):
            here = known[s:s + step]
            out[here] = rank_of_truth(q[here] @ self.descriptors.T, rows[here])
            if progress is not None:
                progress.update(min(len(known), s + step) / max(1, len(known)))
        return out

    def neighbourhood_search(self, neighbourhood) -> NeighbourhoodSearch:
        """Neighbourhood scoring over this index (tiles placed by their footprints, so that indexes written before
        neighbourhoods existed find theirs too); kept for the next search with the same neighbourhood."""
        if neighbourhood not in self._neighbourhoods:
            if self._lattice is None:
                self._lattice = Lattice(lattice_positions(self.footprints))
            self._neighbourhoods[neighbourhood] = NeighbourhoodSearch(self.descriptors, self._lattice, neighbourhood)
        search = self._neighbourhoods[neighbourhood]
        search.db = self.descriptors          # FAISS may have taken the descriptors over since
        return search

    def lookup(self, tile_ids: Sequence[str]) -> np.ndarray:
        pos = {str(t): k for k, t in enumerate(self.ids)}
        return np.array([pos.get(str(t), -1) for t in tile_ids], np.int64)


class NumpySearcher:
    """Exact search: matrix product and partial sort over blocks of the descriptors, so that the similarity
    block stays small beside the descriptors however large the index (about one copy of memory in all)."""

    def __init__(self, db: np.ndarray, block_bytes: Optional[int] = None):
        self.db = db
        # a block's similarities, their partial-sort positions (int64) and scores: ~4 times the block; at most
        # a quarter of the descriptors' own size beside them (4 MB at least, so small indexes take one block)
        self.block_bytes = int(block_bytes or min(BLOCK_BYTES, max(4 << 20, db.nbytes // 16)))

    def search(self, q: np.ndarray, k: int):
        n = len(self.db)
        scores = np.empty((len(q), k), np.float32)
        rows = np.empty((len(q), k), np.int64)
        q_step = max(1, min(len(q), self.block_bytes // (4 * min(n, 16384))))
        for a in range(0, len(q), q_step):
            qq = q[a:a + q_step]
            step = max(k, min(n, self.block_bytes // (4 * len(qq))))
            cand_s, cand_i = [], []
            for s in range(0, n, step):
                sim = qq @ self.db[s:s + step].T
                if sim.shape[1] > k:
                    part = np.argpartition(sim, sim.shape[1] - k, axis=1)[:, -k:]     # the k largest, unordered
                    cand_s.append(np.take_along_axis(sim, part, 1))
                    cand_i.append(part + s)
                else:
                    cand_s.append(sim)
                    cand_i.append(np.broadcast_to(np.arange(s, s + sim.shape[1]), sim.shape))
                del sim
            cs, ci = np.concatenate(cand_s, 1), np.concatenate(cand_i, 1)
            order = np.lexsort((ci, -cs))[:, :k]           # best first; equal scores by row, so answers are stable
            scores[a:a + q_step] = np.take_along_axis(cs, order, 1)
            rows[a:a + q_step] = np.take_along_axis(ci, order, 1)
        return scores, rows


class SklearnSearcher:
    """scikit-learn's brute-force search on the shared unit rows (Euclidean ranks them as cosine does, and
    needs no normalised copy of the database per query)."""

    def __init__(self, db: np.ndarray):
        from sklearn.neighbors import NearestNeighbors
        self.nn = NearestNeighbors(metric="euclidean", algorithm="brute").fit(db)

    def search(self, q: np.ndarray, k: int):
        dist, idx = self.nn.kneighbors(q, n_neighbors=k)
        return (1.0 - dist.astype(np.float64) ** 2 / 2.0).astype(np.float32), idx.astype(np.int64)


class _Borrowed:
    """Lends FAISS's own storage to numpy without a copy, keeping the FAISS index alive while the array lives."""

    def __init__(self, owner, address: int, shape: Tuple[int, int]):
        self.owner = owner
        self.__array_interface__ = {"data": (address, True), "shape": shape, "typestr": "<f4", "version": 3}


class FaissSearcher:
    def __init__(self, db: np.ndarray, nlist: int = 0, nprobe: int = 16):
        import faiss
        n, d = db.shape
        self.shared = None
        if nlist and n >= 4 * nlist:
            quant = faiss.IndexFlatIP(d)
            self.index = faiss.IndexIVFFlat(quant, d, int(nlist), faiss.METRIC_INNER_PRODUCT)
            self._quantizer = quant                  # the IVF index only points to it
            rng = np.random.default_rng(0)
            sample = db[np.sort(rng.choice(n, min(n, 40 * nlist), replace=False))]
            self.index.train(np.ascontiguousarray(sample, np.float32))
            self.index.nprobe = int(nprobe)
            self.index.add(np.ascontiguousarray(db, np.float32))
        else:
            self.index = faiss.IndexFlatIP(d)
            self.index.add(np.ascontiguousarray(db, np.float32))
            if n:
                # a flat index holds exactly the rows given, in order: the index can share them instead of a copy
                address = faiss.rev_swig_ptr(self.index.get_xb(), n * d).ctypes.data
                self.shared = np.asarray(_Borrowed(self.index, address, (n, d)))

    def search(self, q: np.ndarray, k: int):
        s, i = self.index.search(np.ascontiguousarray(q, np.float32), k)
        return s.astype(np.float32), i.astype(np.int64)


def make_searcher(backend: str, db: np.ndarray, nlist: int = 0, nprobe: int = 16):
    if backend == "faiss":
        if not faiss_available():
            raise IndexFileError("FAISS is not installed (pip install faiss-cpu); use the exact numpy search")
        return FaissSearcher(db, nlist, nprobe)
    if backend == "sklearn":
        return SklearnSearcher(db)
    if backend == "numpy":
        return NumpySearcher(db)
    raise InputError("unknown search backend '{backend}' (auto, numpy, faiss, sklearn)", backend=backend)


# building, sharding, merging ---------------------------------------------------------------------
def shard_range(n_items: int, shard: Tuple[int, int]) -> Tuple[int, int]:
    """Contiguous [start, end) of shard i of n (0-based i), so that shards concatenate in order."""
    i, n = shard
    if n < 1 or not 0 <= i < n:
        raise InputError("shard {i}/{n}: expected 0 <= i < n", i=i, n=n)
    return (n_items * i) // n, (n_items * (i + 1)) // n


def parse_shard(text: str) -> Tuple[int, int]:
    """'i/n' with i counted from 1 on the command line (as people count shards)."""
    try:
        i, n = (int(x) for x in text.split("/"))
    except ValueError as exc:
        raise InputError("--shard expects i/n, e.g. 2/8 (got {text!r})", text=text) from exc
    if not 1 <= i <= n:
        raise InputError("--shard {text}: i must be between 1 and n", text=text)
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
    bad = nonfinite_rows(desc)
    if len(bad):
        who = getattr(describer, "path", None) or describer.label
        raise IndexFileError("the model {who} gave NaN or infinite descriptors for {n_bad} of {n_desc} tiles "
                             "(first: tile {first}); an index of them would answer nonsense, so none was "
                             "written. The model is damaged or its training diverged: retrain it or use another",
                             who=who, n_bad=len(bad), n_desc=len(desc), first=ids[bad[0]])
    desc = unit_rows(np.asarray(desc, np.float32), in_place=True)
    fps = np.asarray(tiles.footprints(), np.float64)[start:end]
    m = {"date": date, "shard": [shard[0] + 1, shard[1]], "tiles_total": len(tiles), "describer": describer.label,
         **(meta or {})}
    return DescriptorIndex(desc, ids, fps, tiles.crs, describer.fingerprint, tiles.grid_dict(),
                           dict(describer.config), m)


def merge_indexes(paths: Sequence[str], out: Optional[str] = None) -> DescriptorIndex:
    """Concatenate shards made by the same model on the same grid; duplicate tile ids are an error."""
    parts = [DescriptorIndex.load(p) for p in paths]
    if not parts:
        raise IndexFileError("no index to merge")
    first = parts[0]
    for p, path in zip(parts[1:], paths[1:]):
        if p.model_fingerprint != first.model_fingerprint:
            raise IndexFileError("{path} was made with another model than {first}", path=path, first=paths[0])
        if p.dim != first.dim:
            raise IndexFileError("{path}: descriptors of {dim} dimensions, {first}: {first_dim}",
                                 path=path, dim=p.dim, first=paths[0], first_dim=first.dim)
        if (p.grid or {}).get("tile_size") != (first.grid or {}).get("tile_size") or p.crs != first.crs:
            raise IndexFileError("{path} uses another grid or CRS than {first}", path=path, first=paths[0])
    ids = np.concatenate([p.ids for p in parts])
    uniq, counts = np.unique(ids, return_counts=True)
    if (counts > 1).any():
        raise IndexFileError("the shards overlap: tile {tile} appears {times} times",
                             tile=uniq[counts > 1][0], times=counts.max())
    merged = DescriptorIndex(np.concatenate([p.descriptors for p in parts]), ids,
                             np.concatenate([p.footprints for p in parts]), first.crs, first.model_fingerprint,
                             first.grid, first.model_config,
                             {**first.meta, "merged_from": [os.path.basename(x) for x in paths],
                                                              "shard": None})
    if out:
        merged.save(out)
    return merged
