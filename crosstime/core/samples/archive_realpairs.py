"""The real-imagery check: each real pair's older image, randomly rotated and rescaled, is a 'scanned photo'
to be located among the newer images of every pair laid out side by side on one canvas.

The canvas is a GeoTIFF in a local metric frame (one canvas pixel = one unit; the pairs' own ground sizes
differ and are not used, since the canvas is the 'modern ortho'); the photos' catalogue gives their scale off
by up to 20 %, and their true poses go to a sidecar outside the archive folder, as for the synthetic archive.
The data are third-party real images for evaluation only (see the real pairs' README): nothing is copied
beyond the check's own output folder.
"""
from __future__ import annotations

import csv
import json
import math
import os
from typing import Optional, Sequence

import numpy as np

from ..errors import CrossTimeError
from .archive_scans import photo_transform

CANVAS_CRS = "EPSG:2154"          # any projected frame: the canvas only needs metres-like units
ORIGIN = (100000.0, 6000000.0)


def build_realpairs_check(root: str, out: str, seed: int = 0, sources: Optional[Sequence[str]] = None,
                          gap: int = 64, rescale: tuple = (0.7, 1.4), scale_error: float = 0.2) -> dict:
    """Write ``out/canvas.tif`` (the newer images), ``out/archive/`` (the older ones turned and rescaled),
    ``out/archive.csv`` and ``out/truth.json``. Returns the truth document."""
    import rasterio
    from PIL import Image
    from rasterio.transform import from_origin

    from .realpairs import find_scenes, read_rgb
    scenes = find_scenes(root, sources)
    if not scenes:
        raise CrossTimeError("{root}: no real pairs (folders <source>/<scene>/a.* and b.*); give the real pairs folder",
                             root=root)
    rng = np.random.default_rng([seed, 41])
    bs = [read_rgb(s.image_b)[0] for s in scenes]
    # shelf packing: rows of images up to about the square root of the total area wide
    width = int(math.sqrt(sum(b.shape[0] * b.shape[1] for b in bs)) * 1.2)
    x = y = row_h = 0
    places = []
    for b in bs:
        h, w = b.shape[:2]
        if x and x + w > width:
            x, y, row_h = 0, y + row_h + gap, 0
        places.append((x, y))
        x, row_h = x + w + gap, max(row_h, h)
    canvas_w = max(px + b.shape[1] for (px, _), b in zip(places, bs))
    canvas_h = max(py + b.shape[0] for (_, py), b in zip(places, bs))
    canvas = np.zeros((canvas_h, canvas_w, 3), np.uint8)
    for (px, py), b in zip(places, bs):
        canvas[py:py + b.shape[0], px:px + b.shape[1]] = b
    os.makedirs(os.path.join(out, "archive"), exist_ok=True)
    top = ORIGIN[1] + canvas_h
    with rasterio.open(os.path.join(out, "canvas.tif"), "w", driver="GTiff", width=canvas_w, height=canvas_h, count=3,
                       dtype="uint8", crs=CANVAS_CRS, transform=from_origin(ORIGIN[0], top, 1.0, 1.0), tiled=True,
                       compress="deflate", photometric="RGB") as dst:
        dst.write(np.moveaxis(canvas, -1, 0))
        dst.update_tags(CROSSTIME_NOTE="real pairs laid out on one canvas for the archive check; third-party data, "
                                       "evaluation only")
    del canvas
    truth, rows = {}, []
    for s, (px, py) in zip(scenes, places):
        a = read_rgb(s.image_a)[0]
        grey = (0.299 * a[..., 0] + 0.587 * a[..., 1] + 0.114 * a[..., 2]).astype(np.uint8)
        phi = float(rng.uniform(0, 360))
        z = float(rng.uniform(*rescale))
        img = Image.fromarray(grey).rotate(phi, resample=Image.BILINEAR, expand=True)
        img = img.resize((max(8, int(round(img.width * z))), max(8, int(round(img.height * z)))), Image.BILINEAR)
        # the photo's centre is the older image's centre, which sits where the newer image's centre is
        cx, cy = ORIGIN[0] + px + a.shape[1] / 2, top - (py + a.shape[0] / 2)
        # photo offsets (y up) = z R(phi) (older image offsets): ground = centre + R(-phi) / z photo offsets
        rot, scale = (-phi) % 360, 1 / z
        t = photo_transform((cx, cy), rot, scale, img.width, img.height)
        name = f"{s.source}_{s.name}.png"
        img.save(os.path.join(out, "archive", name))
        w, h = img.width, img.height
        corners = [(t[0] * u + t[1] * r + t[2], t[1] * u - t[0] * r + t[3]) for u, r in ((0, 0), (w, 0), (w, h), (0, h))]
        truth[name] = {"width": w, "height": h, "transform": list(t), "centre": [cx, cy], "rotation": rot,
                       "scale": scale, "footprint": corners, "scene": s.key}
        rows.append({"photo": name, "scale_m_per_px": f"{scale * (1 + rng.uniform(-scale_error, scale_error)):.5f}"})
    with open(os.path.join(out, "archive.csv"), "w", newline="", encoding="utf-8") as f:
        wr = csv.DictWriter(f, ["photo", "scale_m_per_px"])
        wr.writeheader()
        wr.writerows(rows)
    doc = {"note": "real pairs archive check: older images turned and rescaled, newer ones on one canvas",
           "root": os.path.abspath(root), "seed": seed, "crs": CANVAS_CRS, "photos": truth}
    with open(os.path.join(out, "truth.json"), "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1)
    return doc
