"""Synthetic scanned archive photos cut from the synthetic old-date landscape, with their true pose.

Each photo looks down on a square footprint of 1.5-3 km at any rotation, rendered from the old ortho and then
aged like a scan of an old film: grey levels with a tone curve of its own, blur, clumped film grain,
vignetting, dust and scratches, a black frame with fiducial marks, and JPEG compression (saved as JPEG, TIFF or
PNG). The catalogue CSV gives each photo's scale off by up to 20 %, as a nominal flight scale is; the true
pose goes to a sidecar JSON *outside* the archive folder, so that nothing that locates photos can read it.
All of it is synthetic and says so.
"""
from __future__ import annotations

import csv
import io
import json
import math
import os
from typing import Optional, Tuple

import numpy as np

from ..errors import CrossTimeError


def photo_transform(centre, rotation_deg: float, scale: float, width: int, height: int) -> Tuple[float, ...]:
    a, b = scale * math.cos(math.radians(rotation_deg)), scale * math.sin(math.radians(rotation_deg))
    # x = a u - b v + tx, y = b u + a v + ty with (u, v) = (col, -row); the centre pixel goes to ``centre``
    u, v = width / 2, -height / 2
    return (a, b, centre[0] - (a * u - b * v), centre[1] - (b * u + a * v))


def _age(img: np.ndarray, rng) -> np.ndarray:
    """A rendered grey view (float, 0-255) made to look like an old scanned film."""
    from scipy.ndimage import gaussian_filter
    h, w = img.shape
    img = gaussian_filter(img, rng.uniform(0.4, 1.1))
    x = np.clip(img / 255.0, 0, 1) ** rng.uniform(0.7, 1.4)
    m = x.mean()
    x = m + (x - m) * rng.uniform(0.75, 1.3) + rng.uniform(-0.08, 0.08)
    grain = gaussian_filter(rng.normal(0, 1, (h, w)), 0.7)
    x = x + grain * rng.uniform(0.03, 0.06) / max(1e-6, grain.std())
    yy, xx = np.mgrid[0:h, 0:w]
    r2 = ((xx - w / 2) / (w / 2)) ** 2 + ((yy - h / 2) / (h / 2)) ** 2
    x = x * (1 - rng.uniform(0.15, 0.35) * r2 / 2)
    for _ in range(int(rng.integers(20, 80))):               # dust: dark and bright specks
        cy, cx, r = rng.integers(0, h), rng.integers(0, w), rng.uniform(0.8, 3.0)
        sl = (slice(max(0, int(cy - r)), int(cy + r) + 1), slice(max(0, int(cx - r)), int(cx + r) + 1))
        x[sl] = 0.05 if rng.random() < 0.5 else 0.95
    for _ in range(int(rng.integers(1, 5))):                 # scratches: thin bright lines along the film
        x0, slope = rng.uniform(0, w), rng.uniform(-0.05, 0.05)
        rows = np.arange(int(rng.uniform(0, h / 2)), int(rng.uniform(h / 2, h)))
        cols = np.clip((x0 + slope * rows).astype(int), 0, w - 1)
        x[rows, cols] = np.clip(x[rows, cols] + 0.35, 0, 1)
    # the camera frame: a black border with fiducial crosses in the corners and mid-sides
    b = max(3, int(0.025 * min(h, w)))
    x[:b], x[-b:], x[:, :b], x[:, -b:] = 0.02, 0.02, 0.02, 0.02
    arm = max(2, b // 2)
    for fy in (b // 2, h // 2, h - 1 - b // 2):
        for fx in (b // 2, w // 2, w - 1 - b // 2):
            if fy == h // 2 and fx == w // 2:
                continue
            x[max(0, fy - arm):fy + arm + 1, max(0, fx - 1):fx + 2] = 0.95
            x[max(0, fy - 1):fy + 2, max(0, fx - arm):fx + arm + 1] = 0.95
    return np.clip(x * 255, 0, 255).astype(np.uint8)


def _jpeg_round_trip(img: np.ndarray, quality: int) -> np.ndarray:
    from PIL import Image
    buf = io.BytesIO()
    Image.fromarray(img).save(buf, format="JPEG", quality=int(quality))
    buf.seek(0)
    return np.asarray(Image.open(buf).convert("L"))


def generate_archive(old_ortho: str, out_folder: str, truth_json: str, n_photos: int = 50, seed: int = 0,
                     photo_px: Tuple[int, int] = (1000, 1400), footprint_m: Tuple[float, float] = (1500.0, 3000.0),
                     scale_error: float = 0.2, catalogue_csv: Optional[str] = None) -> dict:
    """Write ``n_photos`` scans into ``out_folder``, the catalogue (``archive.csv`` beside the folder unless
    ``catalogue_csv``) and the true poses to ``truth_json`` (which must lie outside ``out_folder``).

    Returns the truth (also written): photo name -> width, height, transform, centre, rotation, scale, footprint.
    """
    import rasterio
    from rasterio.windows import from_bounds
    from scipy.ndimage import map_coordinates
    out_folder = os.path.abspath(out_folder)
    if os.path.abspath(truth_json).startswith(out_folder + os.sep):
        raise CrossTimeError("{truth_json}: the true poses must lie outside the archive folder {out_folder}, where "
                             "nothing that locates photos can read them; choose another path",
                             truth_json=truth_json, out_folder=out_folder)
    if n_photos < 1:
        raise CrossTimeError("{n_photos} photos: ask for at least one", n_photos=n_photos)
    os.makedirs(out_folder, exist_ok=True)
    catalogue_csv = catalogue_csv or os.path.join(os.path.dirname(out_folder), os.path.basename(out_folder) + ".csv")
    rng = np.random.default_rng([seed, 14])
    truth, rows = {}, []
    with rasterio.open(old_ortho) as src:
        bx0, by0, bx1, by1 = src.bounds
        crs = src.crs.to_string() if src.crs else ""
        res = src.res[0]
        span = min(bx1 - bx0, by1 - by0)
        for i in range(n_photos):
            w = h = int(rng.integers(photo_px[0], photo_px[1] + 1))
            side = min(rng.uniform(*footprint_m), span / math.sqrt(2) * 0.98)
            scale = side / w
            rot = float(rng.uniform(0, 360))
            half = side / 2 * (abs(math.cos(math.radians(rot))) + abs(math.sin(math.radians(rot))))
            cx = rng.uniform(bx0 + half, bx1 - half)
            cy = rng.uniform(by0 + half, by1 - half)
            t = photo_transform((cx, cy), rot, scale, w, h)
            win = from_bounds(cx - half - 2 * res, cy - half - 2 * res, cx + half + 2 * res, cy + half + 2 * res,
                              src.transform).round_offsets().round_lengths()
            rgb = src.read([1, 2, 3], window=win, boundless=True, fill_value=0).astype(np.float32)
            grey = 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2]
            wt = src.window_transform(win)
            cols, rws = np.meshgrid(np.arange(w) + 0.5, np.arange(h) + 0.5)
            gx = t[0] * cols + t[1] * rws + t[2]                   # x = a u - b v + tx with v = -row
            gy = t[1] * cols - t[0] * rws + t[3]
            oc = (gx - wt.c) / wt.a - 0.5
            orow = (gy - wt.f) / wt.e - 0.5
            view = map_coordinates(grey, [orow, oc], order=1, mode="nearest")
            img = _jpeg_round_trip(_age(view, rng), int(rng.integers(60, 90)))
            ext = (".jpg", ".tif", ".png")[i % 3]
            name = f"photo_{i:03d}{ext}"
            path = os.path.join(out_folder, name)
            from PIL import Image
            if ext == ".jpg":
                Image.fromarray(img).save(path, quality=92)
            else:
                Image.fromarray(img).save(path)
            corners = [(t[0] * u + t[1] * r + t[2], t[1] * u - t[0] * r + t[3])
                       for u, r in ((0, 0), (w, 0), (w, h), (0, h))]
            truth[name] = {"width": w, "height": h, "transform": list(t), "centre": [cx, cy], "rotation": rot,
                           "scale": scale, "footprint": corners}
            nominal = scale * (1 + rng.uniform(-scale_error, scale_error))
            rows.append({"photo": name, "scale_m_per_px": f"{nominal:.5f}", "date": str(int(rng.integers(1950, 1990)))})
    with open(catalogue_csv, "w", newline="", encoding="utf-8") as f:
        wr = csv.DictWriter(f, ["photo", "scale_m_per_px", "date"])
        wr.writeheader()
        wr.writerows(rows)
    with open(os.path.join(out_folder, "SYNTHETIC.txt"), "w", encoding="utf-8") as f:
        f.write("Synthetic scanned photos generated by CrossTime from a synthetic landscape (not real data).\n")
    doc = {"note": "true poses of a synthetic CrossTime archive (not real data)", "old_ortho": old_ortho,
           "archive": out_folder, "catalogue": catalogue_csv, "seed": seed, "crs": crs, "photos": truth}
    os.makedirs(os.path.dirname(os.path.abspath(truth_json)) or ".", exist_ok=True)
    with open(truth_json, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1)
    return doc
