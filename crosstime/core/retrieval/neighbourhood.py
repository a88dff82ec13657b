"""Neighbourhood-consistent matching: a candidate old tile judged with the tiles around it.

A place is more than one tile. Candidate ``c`` for query ``q`` scores the mean (or a trimmed mean) of the
similarities of ``q``'s neighbours to ``c``'s neighbours at the same offsets (3x3 by default), over the offsets
where a tile exists on both sides (ortho edges, nodata and left-out tiles simply drop out). Orthos are north-up,
so offsets are never rotated. Positions come from the footprints: any index or tile set, including files written
before this module, finds its neighbours by a sorted-key lookup, never by a search.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional, Sequence, Tuple

import numpy as np

from ..errors import CrossTimeError

SIZES = (1, 3, 5)
# the default: 3x3 tiles, the lowest quarter of the neighbours' similarities left out (trimmed scored above the
# mean on every validation split of the real pairs, see docs/benchmarks.md)
AGGREGATES = ("mean", "trimmed")
# lattice positions at a quarter of a tile: grids whose stride is a fraction of a tile still line up
SUBSTEPS = 4
_AXIS_BITS = 24
_MARGIN = 64                       # room beside a lattice for positions shifted beyond its edges
_TERM_BYTES = 128 << 20            # a block of neighbourhood terms holds at most this many bytes


class NeighbourhoodError(CrossTimeError, ValueError):
    """A neighbourhood that cannot be used as asked."""


@dataclass(frozen=True)
class Neighbourhood:
    """``size`` x ``size`` tiles around the query (1: the paper's single-tile protocol); ``aggregate``: ``mean`` of
    the neighbours' similarities, or ``trimmed`` (the lowest quarter left out: a few changed neighbours, a new
    estate or a cleared wood, do not sink the true place)."""
    size: int = 3
    aggregate: str = "mean"

    def __post_init__(self) -> None:
        if self.size not in SIZES:
            raise NeighbourhoodError("neighbourhood size {size}: choose {sizes}", size=self.size,
                                     sizes=", ".join(map(str, SIZES)))
        if self.aggregate not in AGGREGATES:
            raise NeighbourhoodError("neighbourhood aggregate {aggregate!r}: choose {choices}",
                                     aggregate=self.aggregate, choices=", ".join(AGGREGATES))

    @property
    def single(self) -> bool:
        return self.size == 1

    @property
    def label(self) -> str:
        return "1x1" if self.single else f"{self.size}x{self.size} {self.aggregate}"

    @classmethod
    def default(cls) -> Neighbourhood:
        return cls(3, "trimmed")

    def offsets(self) -> np.ndarray:
        """(K, 2) integer (dx, dy) tile offsets, the centre first; the set is symmetric (-o is in it with o)."""
        r = self.size // 2
        grid = [(dx, dy) for dy in range(-r, r + 1) for dx in range(-r, r + 1) if (dx, dy) != (0, 0)]
        return np.array([(0, 0)] + grid, np.int64).reshape(-1, 2)


def lattice_positions(footprints: np.ndarray, groups: Optional[Sequence[int]] = None) -> np.ndarray:
    """(N, 3) int64 (group, x, y): each tile's lower-left corner in quarter tiles; tiles of different groups
    (scenes of a tile store, with their own pixel coordinates) are never neighbours."""
    fp = np.asarray(footprints, np.float64).reshape(-1, 4)
    width = fp[:, 2] - fp[:, 0]
    width = np.where(width > 0, width, 1.0)
    out = np.zeros((len(fp), 3), np.int64)
    out[:, 0] = 0 if groups is None else np.asarray(groups, np.int64)
    out[:, 1] = np.rint(fp[:, 0] * SUBSTEPS / width)
    out[:, 2] = np.rint(fp[:, 1] * SUBSTEPS / width)
    return out


class Lattice:
    """Tiles by position: the row of the tile at any position, and each tile's neighbours at given offsets."""

    def __init__(self, positions: np.ndarray):
        pos = np.asarray(positions, np.int64).reshape(-1, 3)
        self._low = pos[:, 1:].min(0) - _MARGIN if len(pos) else np.zeros(2, np.int64)
        keys = self._keys(pos)
        self._order = np.argsort(keys, kind="stable")
        self._sorted = keys[self._order]
        self.positions = pos
        self._neighbours: dict = {}

    def __len__(self) -> int:
        return len(self.positions)

    def _keys(self, pos: np.ndarray) -> np.ndarray:
        """One int64 per position; -1 where it lies outside what the key can hold (then it is nowhere)."""
        rel = pos[:, 1:] - self._low
        inside = ((rel >= 0) & (rel < (1 << _AXIS_BITS))).all(1) & (pos[:, 0] >= 0) & (pos[:, 0] < (1 << 14))
        keys = (pos[:, 0] << (2 * _AXIS_BITS)) | (rel[:, 0] << _AXIS_BITS) | rel[:, 1]
        return np.where(inside, keys, -1)

    def rows_at(self, positions: np.ndarray) -> np.ndarray:
        """The row of the tile at each position, -1 where none is (the first of duplicates)."""
        keys = self._keys(np.asarray(positions, np.int64).reshape(-1, 3))
        at = np.searchsorted(self._sorted, keys)
        at = np.minimum(at, max(len(self._sorted) - 1, 0))
        found = (keys >= 0) & (len(self._sorted) > 0)
        if len(self._sorted):
            found &= self._sorted[at] == keys
        return np.where(found, self._order[at] if len(self._order) else -1, -1)

    def neighbour_rows(self, offsets: np.ndarray) -> np.ndarray:
        """(N, K) rows of each tile's neighbours at ``offsets`` (in tiles), -1 where there is none."""
        offsets = np.asarray(offsets, np.int64).reshape(-1, 2)
        key = offsets.tobytes()
        if key not in self._neighbours:
            out = np.empty((len(self), len(offsets)), np.int64)
            for k, (dx, dy) in enumerate(offsets):
                shifted = self.positions + np.array([0, dx * SUBSTEPS, dy * SUBSTEPS])
                out[:, k] = self.rows_at(shifted)
            self._neighbours[key] = out
        return self._neighbours[key]


def combine(terms: np.ndarray, aggregate: str) -> np.ndarray:
    """The neighbourhood score from per-offset similarities (last axis; NaN where a side has no tile)."""
    present = ~np.isnan(terms)
    n = present.sum(-1)
    if aggregate == "mean":
        total = np.where(present, terms, 0.0).sum(-1)
        return np.where(n > 0, total / np.maximum(n, 1), -np.inf).astype(np.float32)
    ordered = np.sort(np.where(present, terms, np.inf), axis=-1)        # absent ones last
    drop = n // 4
    k = np.arange(terms.shape[-1])
    keep = (k >= drop[..., None]) & (k < n[..., None])
    total = np.where(keep, ordered, 0.0).sum(-1)
    return np.where(n > 0, total / np.maximum(n - drop, 1), -np.inf).astype(np.float32)


def neighbourhood_similarity(sim: np.ndarray, query_neighbours: np.ndarray, database_neighbours: np.ndarray,
                             aggregate: str = "mean") -> np.ndarray:
    """(Q, D) neighbourhood scores from the single-tile similarities ``sim`` (Q, D) of a query set and a database,
    each tile's neighbours given as rows of its own set (``Lattice.neighbour_rows``, -1 where none)."""
    sim = np.asarray(sim, np.float32)
    qn, dn = np.asarray(query_neighbours), np.asarray(database_neighbours)
    n_q, n_d, n_k = len(qn), len(dn), qn.shape[1]
    out = np.empty((n_q, n_d), np.float32)
    step = max(1, _TERM_BYTES // (4 * max(1, n_d * n_k)))
    for a in range(0, n_q, step):
        block = qn[a:a + step]
        terms = np.full((len(block), n_d, n_k), np.nan, np.float32)
        for k in range(n_k):
            q_ok, d_ok = block[:, k] >= 0, dn[:, k] >= 0
            if q_ok.any() and d_ok.any():
                part = sim[block[q_ok, k]][:, dn[d_ok, k]]
                terms[np.ix_(np.nonzero(q_ok)[0], np.nonzero(d_ok)[0], [k])] = part[..., None]
        out[a:a + step] = combine(terms, aggregate)
    return out


def top_k(scores: np.ndarray, k: int) -> Tuple[np.ndarray, np.ndarray]:
    """(scores, rows) of the k best of a 1-D score vector, best first, equal scores by row."""
    k = min(k, len(scores))
    part = np.argpartition(-scores, k - 1)[:k] if k < len(scores) else np.arange(len(scores))
    order = np.lexsort((part, -scores[part]))
    return scores[part[order]], part[order]


Searcher = Callable[[np.ndarray, int], Tuple[np.ndarray, np.ndarray]]


class NeighbourhoodSearch:
    """Neighbourhood scores against an index's descriptors (rows of unit length) laid out on a :class:`Lattice`."""

    def __init__(self, descriptors: np.ndarray, lattice: Lattice, neighbourhood: Neighbourhood):
        self.db = descriptors
        self.neighbourhood = neighbourhood
        self.offsets = neighbourhood.offsets()
        self.around = lattice.neighbour_rows(self.offsets)               # (N, K) the neighbours of each tile
        self.centre_of = lattice.neighbour_rows(-self.offsets)           # (N, K) the tile whose k-th neighbour it is

    def exact(self, query: np.ndarray, present: np.ndarray, k: int) -> Tuple[np.ndarray, np.ndarray]:
        """Every tile of the index scored: ``query`` (K, R) the descriptors of the query's neighbours (unit rows),
        ``present`` (K,) where the query side has a tile. One matrix product with K columns and a gather."""
        cols = np.nonzero(present)[0]
        sims = self.db @ query[cols].T                                    # (N, Kp)
        rows = self.around[:, cols]
        terms = np.where(rows >= 0, np.take_along_axis(sims, np.maximum(rows, 0), 0), np.nan)
        return top_k(combine(terms, self.neighbourhood.aggregate), k)

    def candidates(self, single_rows: np.ndarray, present: np.ndarray) -> np.ndarray:
        """The tiles whose neighbourhood holds a single-tile hit of a query neighbour at the same offset:
        ``single_rows`` (K, M) the M best index rows of each query neighbour."""
        cols = np.nonzero(present)[0]
        centres = self.centre_of[single_rows[cols], cols[:, None]]
        return np.unique(centres[centres >= 0])

    def rescore(self, query: np.ndarray, present: np.ndarray, candidates: np.ndarray, k: int):
        """Exact neighbourhood scores of ``candidates`` only (rows of the index), best k first."""
        cols = np.nonzero(present)[0]
        rows = self.around[candidates][:, cols]                           # (C, Kp)
        needed, inverse = np.unique(np.maximum(rows, 0), return_inverse=True)
        sims = np.asarray(self.db[needed], np.float32) @ query[cols].T     # (U, Kp)
        terms = sims[inverse.reshape(rows.shape), np.arange(len(cols))[None, :]]
        terms = np.where(rows >= 0, terms, np.nan)
        scores, at = top_k(combine(terms, self.neighbourhood.aggregate), k)
        return scores, candidates[at]


# up to this many tiles, a click scores every tile of the index (one product with K columns); beyond, it rescores
# the tiles around the single-tile hits of its neighbours (FAISS finds them quickly in millions)
EXACT_LIMIT = 300_000
SHORTLIST = 32              # single-tile hits per query neighbour whose neighbourhoods are rescored


def search_around(index, query: np.ndarray, present: np.ndarray, neighbourhood: Neighbourhood, k: int,
                  backend: str = "auto") -> Tuple[np.ndarray, np.ndarray]:
    """(scores (k,), rows (k,)) of one query from its neighbours' descriptors ``query`` (K, R, the query tile
    first) where ``present`` (K,); ``index``: a :class:`~.index.DescriptorIndex`."""
    from ..similarity import l2_normalise
    query = l2_normalise(query)
    search = index.neighbourhood_search(neighbourhood)
    if len(index) <= EXACT_LIMIT and backend in ("auto", "numpy"):
        return search.exact(query, present, k)
    single = np.zeros((len(query), min(len(index), max(SHORTLIST, k))), np.int64)
    single[present] = index.query(query[present], single.shape[1], backend=backend)[1]
    return search.rescore(query, present, search.candidates(single, present), k)


def search_all(index, queries: np.ndarray, around: np.ndarray, neighbourhood: Neighbourhood, k: int,
               truth: Optional[np.ndarray] = None, progress=None, backend: str = "auto"):
    """Every query of a bulk match at once: ``queries`` (Q, R) the query tiles' descriptors, ``around`` (Q, K) the
    rows of each one's neighbours among them (-1: none). The candidates of each query are the tiles around the
    single-tile hits of its neighbours, rescored exactly. Returns (scores (Q, k), rows (Q, k), rank of ``truth``
    (Q,): 1-based among the rescored candidates, past them all where it is none, 0 where no truth is given)."""
    from ..similarity import l2_normalise
    queries = l2_normalise(queries)
    search = index.neighbourhood_search(neighbourhood)
    m = min(len(index), max(SHORTLIST, k))
    single = index.query(queries, m, backend=backend)[1]
    scores = np.full((len(queries), k), -np.inf, np.float32)
    rows = np.full((len(queries), k), -1, np.int64)
    ranks = np.zeros(len(queries), np.int64)
    for b in range(len(queries)):
        present = around[b] >= 0
        nb_rows = np.maximum(around[b], 0)
        query = queries[nb_rows]
        found = search.candidates(single[nb_rows], present)
        want = truth[b] if truth is not None and truth[b] >= 0 else -1
        s, r = search.rescore(query, present, found, len(found))
        kept = min(k, len(r))
        scores[b, :kept], rows[b, :kept] = s[:kept], r[:kept]
        if want >= 0:
            hit = np.nonzero(r == want)[0]
            ranks[b] = hit[0] + 1 if len(hit) else len(r) + 1      # no candidate: a miss, past every candidate
        if progress is not None and b % 256 == 0:
            progress.update(b / max(1, len(queries)))
    return scores, rows, ranks
