"""The archive: a folder of scanned photos plus an optional CSV of what is approximately known about each.

CSV columns (any subset, one row per photo; an empty cell means unknown): ``photo`` (file name, relative to the
folder), ``scale_m_per_px`` or ``flight_scale`` with ``scan_dpi`` (m/px = flight scale x 0.0254 / dpi),
``centre_x``, ``centre_y`` or ``xmin``, ``ymin``, ``xmax``, ``ymax`` (in the index's CRS), ``uncertainty_m``
(how far the true centre may lie from that centre), ``date``.

Photos are never read whole: :func:`read_grey_reduced` asks GDAL for horizontal strips already reduced to the
resolution the windows need, so a 20,000 px scan costs a few megabytes at a time.
"""
from __future__ import annotations

import csv
import math
import os
import warnings
from dataclasses import asdict, dataclass
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np

from ..errors import CrossTimeError
from ..messages import Detail, Message

EXTENSIONS = (".tif", ".tiff", ".jpg", ".jpeg", ".png", ".jp2", ".j2k")
# pixels of the reduced photo read in one strip (rows x full reduced width): bounds the memory of a read
STRIP_PIXELS = 4 << 20


class ArchiveError(CrossTimeError, ValueError):
    """An archive folder, catalogue CSV or scanned photo that cannot be used as given."""


@dataclass
class ArchivePhoto:
    name: str                                   # path relative to the archive folder: the photo's id
    path: str
    width: int
    height: int
    scale: Optional[float] = None               # approximate metres per pixel; None: unknown
    centre: Optional[Tuple[float, float]] = None
    uncertainty: Optional[float] = None         # metres around ``centre``
    date: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


def _float(row: dict, key: str, where: str) -> Optional[float]:
    v = (row.get(key) or "").strip()
    if not v:
        return None
    try:
        x = float(v)
    except ValueError as exc:
        raise ArchiveError("{where}: column '{key}' holds '{v}', not a number; correct it or leave it empty",
                           where=where, key=key, v=v) from exc
    if not math.isfinite(x):
        raise ArchiveError("{where}: column '{key}' holds '{v}'; give a finite number or leave it empty",
                           where=where, key=key, v=v)
    return x


def read_catalogue(csv_path: str) -> Dict[str, dict]:
    """photo name -> {scale, centre, uncertainty, date} from the catalogue CSV (missing values: None)."""
    if not os.path.isfile(csv_path):
        raise ArchiveError("catalogue CSV not found: {csv_path}; give an existing file or none", csv_path=csv_path)
    out: Dict[str, dict] = {}
    with open(csv_path, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    for n, row in enumerate(rows, start=2):
        row = {(k or "").strip().lower(): v for k, v in row.items()}
        where = Message("{path} line {n}", path=csv_path, n=n)
        name = (row.get("photo") or "").strip()
        if not name:
            raise ArchiveError("{where}: no 'photo' (the file name of the scan); every row needs one", where=where)
        scale = _float(row, "scale_m_per_px", where)
        flight, dpi = _float(row, "flight_scale", where), _float(row, "scan_dpi", where)
        if scale is None and flight and dpi:
            scale = flight * 0.0254 / dpi
        if scale is not None and scale <= 0:
            raise ArchiveError("{where}: scale {scale} m/px must be positive (or leave it empty: unknown)",
                               where=where, scale=scale)
        cx, cy = _float(row, "centre_x", where), _float(row, "centre_y", where)
        box = [_float(row, k, where) for k in ("xmin", "ymin", "xmax", "ymax")]
        unc = _float(row, "uncertainty_m", where)
        if (cx is None or cy is None) and None not in box:
            cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
            unc = unc if unc is not None else 0.5 * math.hypot(box[2] - box[0], box[3] - box[1])
        out[name] = {"scale": scale, "centre": (cx, cy) if cx is not None and cy is not None else None,
                     "uncertainty": unc, "date": (row.get("date") or "").strip()}
    return out


def photo_size(path: str) -> Tuple[int, int]:
    import rasterio
    from rasterio.errors import NotGeoreferencedWarning
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", NotGeoreferencedWarning)
            with rasterio.open(path) as src:
                return int(src.width), int(src.height)
    except rasterio.errors.RasterioIOError as exc:
        raise ArchiveError("{path}: not a readable image ({exc}); remove it from the archive folder or convert it "
                           "to TIFF, JPEG, PNG or JPEG 2000", path=path, exc=Detail(str(exc))) from exc


def open_archive(folder: str, catalogue_csv: Optional[str] = None, photos: Optional[Sequence[str]] = None
                 ) -> List[ArchivePhoto]:
    """The scans of ``folder`` (sub-folders included), sorted by name, with what the catalogue knows of each.

    ``photos``: only these names (relative paths). A catalogue row naming no file of the folder is an error,
    so that a typo cannot silently turn a known scale into an unknown one.
    """
    if not os.path.isdir(folder):
        raise ArchiveError("archive folder not found: {folder}; give the folder holding the scanned photos",
                           folder=folder)
    names = []
    for root, _dirs, files in os.walk(folder):
        for fn in files:
            if fn.lower().endswith(EXTENSIONS):
                names.append(os.path.relpath(os.path.join(root, fn), folder).replace(os.sep, "/"))
    names.sort()
    cat = read_catalogue(catalogue_csv) if catalogue_csv else {}
    missing = sorted(set(cat) - set(names))
    if missing:
        raise ArchiveError("{catalogue_csv}: {n_missing} row(s) name no photo of {folder} (first: {first}); "
                           "correct the names (relative to the archive folder) or remove the rows",
                           catalogue_csv=catalogue_csv, n_missing=len(missing), folder=folder, first=missing[0])
    if photos:
        unknown = sorted(set(photos) - set(names))
        if unknown:
            raise ArchiveError("{folder}: no photo named {first}; choose among the folder's {n_names} photos",
                               folder=folder, first=unknown[0], n_names=len(names))
        names = [n for n in names if n in set(photos)]
    if not names:
        raise ArchiveError("{folder}: no scanned photo ({extensions}); choose the folder of the scans",
                           folder=folder, extensions=", ".join(EXTENSIONS))
    out = []
    for n in names:
        path = os.path.join(folder, n)
        w, h = photo_size(path)
        info = cat.get(n, {})
        out.append(ArchivePhoto(n, path, w, h, info.get("scale"), info.get("centre"), info.get("uncertainty"),
                                info.get("date", "")))
    return out


def read_grey_reduced(path: str, factor: float, max_strip_pixels: int = STRIP_PIXELS) -> np.ndarray:
    """The photo in grey levels, reduced ``factor`` times on each side (area average), uint8 (H', W').

    Read strip by strip with GDAL doing the reduction, so memory stays about one reduced strip plus the result
    whatever the size of the scan. Colour scans become grey: archive matching is on grey levels.
    """
    import rasterio
    from rasterio.enums import Resampling
    from rasterio.errors import NotGeoreferencedWarning
    from rasterio.windows import Window
    factor = max(1.0, float(factor))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NotGeoreferencedWarning)
        try:
            src = rasterio.open(path)
        except rasterio.errors.RasterioIOError as exc:
            raise ArchiveError("{path}: not a readable image ({exc}); convert it to TIFF, JPEG, PNG or JPEG 2000",
                               path=path, exc=Detail(str(exc))) from exc
        with src:
            src_w, src_h = src.width, src.height
            out_w, out_h = max(1, int(round(src_w / factor))), max(1, int(round(src_h / factor)))
            bands = [1, 2, 3] if src.count >= 3 else [1]
            dtype = src.dtypes[0]
            out = np.empty((out_h, out_w), np.uint8)
            rows_per = max(1, min(out_h, max_strip_pixels // max(1, out_w * len(bands))))
            for r0 in range(0, out_h, rows_per):
                r1 = min(out_h, r0 + rows_per)
                y0, y1 = r0 * src_h / out_h, r1 * src_h / out_h
                win = Window(0, y0, src_w, y1 - y0)
                a = src.read(bands, window=win, out_shape=(len(bands), r1 - r0, out_w),
                             resampling=Resampling.average).astype(np.float32)
                if dtype != "uint8":
                    # 16-bit scans: stretch on the photo's own range (a scanner's 12 or 16 bits)
                    hi = float(np.iinfo(dtype).max) if np.issubdtype(np.dtype(dtype), np.integer) else 1.0
                    a *= 255.0 / hi
                g = a[0] if len(bands) == 1 else 0.299 * a[0] + 0.587 * a[1] + 0.114 * a[2]
                out[r0:r1] = np.clip(g + 0.5, 0, 255).astype(np.uint8)
    return out
