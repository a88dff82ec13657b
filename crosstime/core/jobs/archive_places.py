"""Archive search answers and checks: which photos show a clicked place, and scoring located photos against
their true poses (synthetic scans)."""
from __future__ import annotations

import functools
import os
from typing import Optional, Tuple

from ..errors import CrossTimeError
from ..messages import Message


def photos_showing_place(archive_index: str, modern_index: str, x: float, y: float, *, n: int = 10,
                         locations: Optional[str] = None) -> list:
    """Which archive photos show the place (x, y) (in the modern index's CRS): the photos ranked by their best
    window for the modern tile there, each with that window (centre, size, rotation in the photo) and, when
    ``locations`` (a JSON written by locate) has it, the photo's located footprint. Returns PlaceMatch items."""
    import numpy as np

    from ..archive.archive_index import photos_showing
    from ..archive.location import read_locations
    from ..retrieval.index import DescriptorIndex
    index = DescriptorIndex.load(modern_index, mmap=True)
    arch = archive_index_for_clicks(archive_index)
    index.check_model(arch.model_fingerprint, Message("the archive index {name}", name=os.path.basename(archive_index)))
    row = modern_tile_at(index, x, y)
    matches = photos_showing(arch, np.asarray(index.descriptors[row]), n)
    if locations:
        found = {loc.photo: loc for loc in read_locations(locations)}
        for m in matches:
            if m.photo in found:
                m.footprint = [list(p) for p in found[m.photo].footprint]
    return matches


def archive_index_for_clicks(path: str):
    """The archive index at ``path``, read once for a run of clicks and read again when the file changes (an
    archive index holds every window of every photo: reading it on each click would make each click wait)."""
    try:
        st = os.stat(path)
    except OSError:
        from ..archive.archive_index import ArchiveIndex
        return ArchiveIndex.load(path)          # its message names the missing file and what to do
    # a rewrite renames a new file into place: another inode, another time
    return _archive_index_of_version(os.path.abspath(path), st.st_ino, st.st_mtime_ns, st.st_size)


@functools.lru_cache(maxsize=1)
def _archive_index_of_version(path: str, inode: int, mtime_ns: int, size: int):
    from ..archive.archive_index import ArchiveIndex
    return ArchiveIndex.load(path)


def modern_tile_at(index, x: float, y: float) -> int:
    """The row of the index's tile whose centre is nearest (x, y) among those holding it (tiles overlap)."""
    import numpy as np
    fps = np.asarray(index.footprints)
    inside = np.nonzero((fps[:, 0] <= x) & (x <= fps[:, 2]) & (fps[:, 1] <= y) & (y <= fps[:, 3]))[0]
    if not len(inside):
        raise CrossTimeError("the point {x:.1f}, {y:.1f} lies outside {index}; click inside the indexed area",
                             x=x, y=y, index=index.source or Message("the modern index"))
    cx, cy = (fps[inside, 0] + fps[inside, 2]) / 2, (fps[inside, 1] + fps[inside, 3]) / 2
    return int(inside[int(np.argmin(np.hypot(cx - x, cy - y)))])


def evaluate_archive(locations: str, truth: str, *, out_dir: Optional[str] = None, tile_size: Optional[float] = None,
                     label: str = "") -> dict:
    """Score a locations JSON against the true poses (a synthetic archive's sidecar); writes the CSV and JSON
    summary into ``out_dir`` when given. Returns the summary (success rates, median error, ranks, seconds)."""
    import json

    from ..archive.location import read_locations
    from ..evaluation.archive_scoring import load_truth, score_locations
    with open(locations, encoding="utf-8") as f:
        tile = tile_size or float(json.load(f).get("tile_size") or 0)
    if tile <= 0:
        raise CrossTimeError("{locations}: no tile size recorded; give the tile size of the modern index",
                             locations=locations)
    ev = score_locations(read_locations(locations), load_truth(truth), tile, label or os.path.basename(locations))
    summary = ev.summary()
    if out_dir:
        summary["files"] = ev.write(out_dir)
    return summary


def synthetic_archive(old_ortho: str, out_folder: str, truth_json: str, *, n_photos: int = 50, seed: int = 0,
                      photo_px: Tuple[int, int] = (1000, 1400),
                      footprint_m: Tuple[float, float] = (1500.0, 3000.0)) -> dict:
    """Synthetic scanned photos of the old ortho (see ``samples.archive_scans``); returns the true poses."""
    from ..samples.archive_scans import generate_archive
    return generate_archive(old_ortho, out_folder, truth_json, n_photos, seed, photo_px, footprint_m)


