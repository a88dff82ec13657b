"""Match every new-date tile against an index, in bulk, and write the answer as a GeoPackage."""
from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional

import numpy as np

from ..choices import LINK_FIELDS, MATCH_FIELDS, QUERY_FIELDS
from ..progress import SILENT, Progress
from ..similarity import l2_normalise, rank_of_truth
from ..tiles.dates import NEW
from .index import DescriptorIndex


@dataclass
class BatchMatches:
    query_ids: List[str]
    query_footprints: np.ndarray      # (Q, 4)
    rows: np.ndarray                  # (Q, k) index rows, best first
    scores: np.ndarray                # (Q, k)
    index: DescriptorIndex
    same_id_rank: np.ndarray          # (Q,) rank of the old tile with the query's own id (0: not in the index)

    def match_ids(self) -> np.ndarray:
        return self.index.ids[self.rows]

    def summary(self, n: int = 5) -> dict:
        """Scores against the 'same tile id' ground truth (valid when both dates are co-registered)."""
        from ..evaluation.metrics import summary
        r = self.same_id_rank[self.same_id_rank > 0]
        return summary(r, n) if len(r) else {}


def match_tiles(describer, index: DescriptorIndex, tiles, k: int = 5, batch: int = 256,
                progress: Progress = SILENT) -> BatchMatches:
    """Describe the new-date tiles of ``tiles`` and find their k best old-date tiles."""
    index.check_model(describer.fingerprint, "the index")
    n = len(tiles)
    q = describer.describe(tiles, np.arange(n), NEW, progress.sub(0, 0.8))
    scores, rows = index.query(q, k)
    ids = [str(t) for t in tiles.ids()]
    pos = index.lookup(ids)
    same = np.zeros(n, np.int64)
    known = np.nonzero(pos >= 0)[0]
    qn = l2_normalise(q)
    for s in range(0, len(known), batch):
        rows_here = known[s:s + batch]
        same[rows_here] = rank_of_truth(qn[rows_here] @ index.normed.T, pos[rows_here])
        progress.update(0.8 + 0.2 * min(len(known), s + batch) / max(1, len(known)))
    return BatchMatches(ids, np.asarray(tiles.footprints()), rows, scores, index, same)


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
                                           "correct": int(best == qid)}))
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
    """Layers 'queries' (footprints with best match, ranks, scores), 'matches' (top-k footprints), 'links'."""
    from ..geo.vectors import write_geopackage
    crs = crs or bm.index.crs
    q, m, l = match_features(bm)
    write_geopackage(path, "queries", crs, q, QUERY_FIELDS, "Polygon", overwrite_file=True)
    write_geopackage(path, "matches", crs, m, MATCH_FIELDS, "Polygon")
    write_geopackage(path, "links", crs, l, LINK_FIELDS, "LineString")
    return path
