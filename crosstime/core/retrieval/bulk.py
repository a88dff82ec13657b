"""Match every new-date tile against an index, in bulk, and write the answer as a GeoPackage."""
from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional

import numpy as np

from ..choices import LINK_FIELDS, MATCH_FIELDS, QUERY_FIELDS
from ..errors import CrossTimeError
from ..geo.tile_reader import source_label
from ..messages import Message
from ..progress import SILENT, Progress
from ..tiles.dates import NEW
from .index import THE_INDEX, DescriptorIndex
from .neighbourhood import Lattice, Neighbourhood, lattice_positions, search_all


class BlankOrthoError(CrossTimeError, ValueError):
    """The new ortho has no data on any tile of the index's grid."""


@dataclass
class BatchMatches:
    query_ids: List[str]
    query_footprints: np.ndarray      # (Q, 4)
    rows: np.ndarray                  # (Q, k) index rows, best first
    scores: np.ndarray                # (Q, k)
    index: DescriptorIndex
    same_id_rank: np.ndarray          # (Q,) rank of the old tile with the query's own id (0: not in the index)
    blank: int = 0                    # new-date tiles left out: not a single valid pixel
    neighbourhood: str = "1x1"        # the tiles each candidate was judged with
    neighbours: Optional[np.ndarray] = None   # (Q,) the query's own tiles in it (fewer at edges and beside nodata)

    def match_ids(self) -> np.ndarray:
        return self.index.ids[self.rows]

    def summary(self, n: int = 5) -> dict:
        """Scores against the 'same tile id' ground truth (valid when both dates are co-registered)."""
        from ..metrics import summary
        r = self.same_id_rank[self.same_id_rank > 0]
        return summary(r, n) if len(r) else {}


class _RecordValid:
    """A tile source that notes the valid fraction of every tile the describer reads, so that blank tiles
    are found without reading anything twice."""

    def __init__(self, tiles, date: str):
        self._tiles, self._date = tiles, date
        self.valid = np.full(len(tiles), np.nan, np.float32)

    def __getattr__(self, name):
        return getattr(self._tiles, name)

    def __len__(self) -> int:
        return len(self._tiles)

    def read(self, indices, date):
        batch = self._tiles.read(indices, date)
        if date == self._date:
            self.valid[np.asarray(indices, np.int64)] = batch.valid
        return batch


def match_tiles(describer, index: DescriptorIndex, tiles, k: int = 5, batch: int = 256,
                progress: Progress = SILENT, neighbourhood: Optional[Neighbourhood] = None) -> BatchMatches:
    """Describe the new-date tiles of ``tiles`` and find their k best old-date tiles, each candidate judged with
    its ``neighbourhood`` (default 3x3; ``Neighbourhood(1)``: single tiles, the paper's protocol).

    Tiles without a single valid pixel at the new date (outside the new ortho, or all nodata) are left out of
    the answer and counted in ``BatchMatches.blank``; when no tile has data, :class:`BlankOrthoError`.
    """
    index.check_model(describer.fingerprint, THE_INDEX)
    index.check_k(k)
    n = len(tiles)
    seen = _RecordValid(tiles, NEW)
    q = describer.describe(seen, np.arange(n), NEW, progress.sub(0, 0.8))
    keep = np.nonzero(~(seen.valid <= 0.0))[0]             # NaN (not read) is kept: only proven blanks go
    source = getattr(tiles, "orthos", {}).get(NEW)
    where = source_label(source) if source else Message("the new-date tiles")
    if n and not len(keep):
        raise BlankOrthoError("{where}: none of the {n} tiles of the index's grid has a valid pixel in this ortho "
                              "(it lies outside the indexed area, or is all nodata); give the new ortho of the "
                              "indexed area", where=where, n=n)
    all_ids = [str(t) for t in tiles.ids()]
    ids = [all_ids[i] for i in keep]
    footprints = np.asarray(tiles.footprints()).reshape(-1, 4)[keep]
    q = q[keep]
    neighbourhood = neighbourhood or Neighbourhood.default()
    neighbours = np.ones(len(keep), np.int64)
    if neighbourhood.single:
        scores, rows = index.query(q, k)
        same = index.rank_of(q, index.lookup(ids), progress=progress.sub(0.8, 1.0))
    else:
        # the query tiles' neighbours among the kept ones (a blank tile is no neighbour)
        around = Lattice(lattice_positions(footprints)).neighbour_rows(neighbourhood.offsets())
        neighbours = (around >= 0).sum(1)
        scores, rows, same = search_all(index, q, around, neighbourhood, k, index.lookup(ids), progress.sub(0.8, 1.0))
    return BatchMatches(ids, footprints, rows, scores, index, same, blank=n - len(keep),
                        neighbourhood=neighbourhood.label, neighbours=neighbours)


def _centre(fp):
    return [(fp[0] + fp[2]) / 2.0, (fp[1] + fp[3]) / 2.0]


def match_features(bm: BatchMatches):
    """(queries, matches, links) as lists of (GeoJSON geometry, attributes)."""
    from ..geo.vectors import box_polygon
    queries, matches, links = [], [], []
    mids = bm.match_ids()
    for qi, (qid, qfp) in enumerate(zip(bm.query_ids, bm.query_footprints)):
        best = str(mids[qi, 0]) if mids.shape[1] else ""
        queries.append((box_polygon(qfp), {"query_id": qid, "best_id": best,
                                           "best_score": float(bm.scores[qi, 0]) if mids.shape[1] else None,
                                           "match_ids": ",".join(map(str, mids[qi])),
                                           "scores": ",".join(f"{s:.4f}" for s in bm.scores[qi]),
                                           "same_id_rank": int(bm.same_id_rank[qi]),
                                           "correct": int(best == qid), "neighbourhood": bm.neighbourhood,
                                           "neighbours": int(bm.neighbours[qi]) if bm.neighbours is not None else 0}))
        for r, row in enumerate(bm.rows[qi]):
            fp = bm.index.footprints[row]
            matches.append((box_polygon(fp), {"query_id": qid, "rank": r + 1, "match_id": str(mids[qi, r]),
                                              "score": float(bm.scores[qi, r])}))
        if mids.shape[1]:
            fp = bm.index.footprints[bm.rows[qi, 0]]
            links.append(({"type": "LineString", "coordinates": [_centre(qfp), _centre(fp)]},
                          {"query_id": qid, "match_id": best, "score": float(bm.scores[qi, 0]),
                           "correct": int(best == qid)}))
    return queries, matches, links


def write_matches_gpkg(path: str, bm: BatchMatches, crs: Optional[str] = None) -> str:
    """Layers 'queries' (footprints with best match, ranks, scores), 'matches' (top-k footprints), 'links'.

    The three layers go into a new file that replaces ``path`` only once complete."""
    from ..geo.vectors import LayerToWrite, write_geopackage_layers
    crs = crs or bm.index.crs
    q, m, l = match_features(bm)
    return write_geopackage_layers(path, [LayerToWrite("queries", crs, q, QUERY_FIELDS, "Polygon"),
                                          LayerToWrite("matches", crs, m, MATCH_FIELDS, "Polygon"),
                                          LayerToWrite("links", crs, l, LINK_FIELDS, "LineString")])
