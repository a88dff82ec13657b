"""The archive index: every window of every photo, described, with where it lies in its photo.

One ``.ctarchive`` file (an uncompressed NumPy ``.npz`` read with ``allow_pickle=False``, written beside its
target and renamed into place). It lets photos be located again without re-reading the scans, and answers
"which archive photos show this place?": the modern tile under a click is compared with every window.
"""
from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass
from typing import List, Optional

import numpy as np

from ..atomic import atomic_write
from ..headed_npz import HeadedFileKind, read_headed_npz
from ..messages import Message
from .catalogue import ArchiveError, ArchivePhoto
from .windows import PhotoWindows

FORMAT = "crosstime-archive-index"
VERSION = 1
FILE_KIND = HeadedFileKind(FORMAT, VERSION, ArchiveError, Message("a CrossTime archive index"),
                           Message("archive index not found: {path}; build it first (index-archive)"),
                           Message("archive index version"), if_wrong=Message("; build one with index-archive"),
                           if_damaged=Message("; rebuild it"))


@dataclass
class ArchiveIndex:
    photos: List[ArchivePhoto]
    descriptors: np.ndarray         # (M, R) float32 unit rows
    photo: np.ndarray               # (M,) int32 index into ``photos``
    centres: np.ndarray             # (M, 2) window centre, photo pixels
    quarter: np.ndarray             # (M,) int8
    band: np.ndarray                # (M,) int16 index into the photo's bands
    window: np.ndarray              # (M,) int32
    bands: List[list]               # per photo: [(scale, low, high), ...]
    window_px: List[list]           # per photo and band: window side in photo pixels
    known_scale: List[bool]
    model_fingerprint: str
    tile_size: float
    pixels: int
    meta: dict
    source: str = ""

    def photo_windows(self, i: int) -> PhotoWindows:
        sel = np.nonzero(self.photo == i)[0]
        return PhotoWindows(self.photos[i], self.descriptors[sel], self.centres[sel], self.quarter[sel],
                            self.band[sel], self.window[sel], [tuple(b) for b in self.bands[i]], list(self.window_px[i]),
                            bool(self.known_scale[i]))

    def names(self) -> List[str]:
        return [p.name for p in self.photos]

    @classmethod
    def from_windows(cls, items: List[PhotoWindows], fingerprint: str, tile_size: float, pixels: int,
                     meta: dict) -> ArchiveIndex:
        if not items:
            raise ArchiveError("no photo was described: nothing to index")
        cat = lambda f: np.concatenate([f(pw) for pw in items])
        return cls([pw.photo for pw in items], cat(lambda pw: pw.descriptors).astype(np.float32),
                   cat(lambda pw: np.full(len(pw.descriptors), 0, np.int32)) + np.repeat(
                       np.arange(len(items), dtype=np.int32), [len(pw.descriptors) for pw in items]),
                   cat(lambda pw: pw.centres), cat(lambda pw: pw.quarter), cat(lambda pw: pw.band),
                   cat(lambda pw: pw.window), [list(map(list, pw.bands)) for pw in items],
                   [list(pw.sizes_px) for pw in items], [bool(pw.scale_known) for pw in items], fingerprint,
                   float(tile_size), int(pixels), dict(meta))

    def save(self, path: str) -> None:
        header = {"format": FORMAT, "version": VERSION, "photos": [p.to_dict() for p in self.photos],
                  "bands": self.bands, "window_px": self.window_px, "known_scale": self.known_scale,
                  "model_fingerprint": self.model_fingerprint, "tile_size": self.tile_size, "pixels": self.pixels,
                  "meta": self.meta}

        def write(f):
            zf = zipfile.ZipFile(f, mode="w", compression=zipfile.ZIP_STORED, allowZip64=True)
            for key, val in (("header", np.array(json.dumps(header))), ("descriptors", self.descriptors),
                             ("photo", self.photo), ("centres", self.centres), ("quarter", self.quarter),
                             ("band", self.band), ("window", self.window)):
                with zf.open(key + ".npy", "w", force_zip64=True) as out:
                    np.lib.format.write_array(out, np.asanyarray(val), allow_pickle=False)
            zf.close()
        atomic_write(path, write, ".ctarchive")

    @classmethod
    def load(cls, path: str) -> ArchiveIndex:
        header, arrays = cls._read(path, ("descriptors", "photo", "centres", "quarter", "band", "window"))
        photos = [ArchivePhoto(**{**p, "centre": tuple(p["centre"]) if p.get("centre") else None})
                  for p in header["photos"]]
        return cls(photos, arrays["descriptors"], arrays["photo"], arrays["centres"], arrays["quarter"], arrays["band"],
                   arrays["window"], header["bands"], header["window_px"], header["known_scale"],
                   header["model_fingerprint"], float(header["tile_size"]), int(header["pixels"]),
                   header.get("meta", {}), source=path)

    @classmethod
    def photo_names(cls, path: str) -> List[str]:
        """The names of the photos the archive index holds, read from its header alone (not its windows)."""
        return [p["name"] for p in cls._read(path, ())[0]["photos"]]

    @staticmethod
    def _read(path: str, keys) -> tuple:
        """The header and the arrays ``keys`` of the file (the other arrays are not read)."""
        return read_headed_npz(path, FILE_KIND, lambda z, _header: {k: z[k] for k in keys})


@dataclass
class PlaceMatch:
    """One archive photo that shows a place: its best window for the place's modern tile."""
    photo: str
    path: str
    score: float                    # cosine similarity of the best window
    window_centre: tuple            # (col, row) in the photo's pixels
    window_px: float                # side of the window in the photo's pixels
    rotation: int                   # the window turned this many degrees counter-clockwise matches the tile
    footprint: Optional[list] = None    # the photo's located footprint on the ground, when located


def photos_showing(archive: ArchiveIndex, descriptor: np.ndarray, n: int = 10) -> List[PlaceMatch]:
    """The photos ranked by their best window against ``descriptor`` (a modern tile's, unit length)."""
    d = np.asarray(descriptor, np.float32).reshape(-1)
    if d.shape[0] != archive.descriptors.shape[1]:
        raise ArchiveError("the tile descriptor has {dim} dimensions, the archive index "
                           "{archive_dim}: the two were made by different models",
                           dim=d.shape[0], archive_dim=archive.descriptors.shape[1])
    sims = archive.descriptors @ (d / max(1e-12, float(np.linalg.norm(d))))
    best = np.full(len(archive.photos), -np.inf)
    arg = np.full(len(archive.photos), -1)
    order = np.argsort(sims)[::-1]
    for m in order:
        p = archive.photo[m]
        if arg[p] < 0:
            best[p], arg[p] = sims[m], m
            if (arg >= 0).all():
                break
    ranked = [p for p in np.argsort(best)[::-1] if arg[p] >= 0][:n]
    out = []
    for p in ranked:
        m = arg[p]
        ph = archive.photos[p]
        px = archive.window_px[p][int(archive.band[m])] if int(archive.band[m]) < len(archive.window_px[p]) else 0.0
        out.append(PlaceMatch(ph.name, ph.path, float(best[p]), tuple(float(c) for c in archive.centres[m]), float(px),
                              int(archive.quarter[m]) * 90))
    return out
