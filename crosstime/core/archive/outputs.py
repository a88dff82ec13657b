"""What a located photo becomes: a footprint in a GeoPackage and a georeferenced VRT over the scan.

The GeoPackage (layer ``footprints``) holds each photo's winning footprint (rank 1) and its runner-up (rank 2),
with the confidence, scale, rotation and the number of agreeing windows; it is written whole to a temporary
file beside the target and renamed into place. The VRT of a photo points at the scan itself and carries GCPs
from the fitted transform: QGIS and GDAL place the photo on the map without resampling a pixel of it.
"""
from __future__ import annotations

import math
import os
import tempfile
from typing import List, Optional, Sequence

import numpy as np

from ..atomic import remove_stale_temporaries, temp_prefix
from .catalogue import ArchiveError
from .location import Hypothesis, Location, to_ground

FOOTPRINT_FIELDS = [("photo", "str"), ("rank", "int"), ("confidence", "float"), ("scale", "float"),
                    ("rotation", "float"), ("agreeing_windows", "int"), ("votes", "float"), ("scale_known", "int"),
                    ("centre_x", "float"), ("centre_y", "float"), ("vrt", "str")]


def _hypothesis_footprint(loc: Location, h: Hypothesis) -> List[tuple]:
    a, b = h.scale * math.cos(math.radians(h.rotation)), h.scale * math.sin(math.radians(h.rotation))
    u, v = loc.width / 2, -loc.height / 2
    t = (a, b, h.centre[0] - (a * u - b * v), h.centre[1] - (b * u + a * v))
    g = to_ground(t, np.array([0, loc.width, loc.width, 0]), np.array([0, 0, loc.height, loc.height]))
    return [(float(x), float(y)) for x, y in g]


def write_footprints_gpkg(path: str, locations: Sequence[Location], crs: str,
                          vrts: Optional[dict] = None) -> str:
    from ..geo.vectors import LayerToWrite, write_geopackage_layers
    feats = []
    for loc in locations:
        ring = [list(p) for p in loc.footprint] + [list(loc.footprint[0])]
        feats.append(({"type": "Polygon", "coordinates": [ring]},
                      {"photo": loc.photo, "rank": 1, "confidence": loc.confidence, "scale": loc.scale,
                       "rotation": loc.rotation, "agreeing_windows": loc.agreeing_windows, "votes": loc.votes,
                       "scale_known": int(loc.scale_known), "centre_x": loc.centre[0], "centre_y": loc.centre[1],
                       "vrt": (vrts or {}).get(loc.photo, "")}))
        if loc.runner_up is not None:
            fp = _hypothesis_footprint(loc, loc.runner_up)
            feats.append(({"type": "Polygon", "coordinates": [[list(p) for p in fp] + [list(fp[0])]]},
                          {"photo": loc.photo, "rank": 2, "confidence": 0.0, "scale": loc.runner_up.scale,
                           "rotation": loc.runner_up.rotation, "agreeing_windows": 0, "votes": loc.runner_up.score,
                           "scale_known": int(loc.scale_known), "centre_x": loc.runner_up.centre[0],
                           "centre_y": loc.runner_up.centre[1], "vrt": ""}))
    return write_geopackage_layers(path, [LayerToWrite("footprints", crs, feats, FOOTPRINT_FIELDS, "Polygon")])


def write_photo_vrt(path: str, photo_path: str, loc: Location, crs: str, grid_points: int = 3) -> str:
    """A VRT of the scan ``photo_path`` with GCPs on a ``grid_points`` x ``grid_points`` grid of the photo."""
    from osgeo import gdal
    gdal.UseExceptions()
    cols = np.linspace(0, loc.width, grid_points)
    rows = np.linspace(0, loc.height, grid_points)
    cc, rr = np.meshgrid(cols, rows)
    g = loc.to_ground(cc.ravel(), rr.ravel())
    gcps = [gdal.GCP(float(x), float(y), 0.0, float(c), float(r)) for (x, y), c, r in zip(g, cc.ravel(), rr.ravel())]
    parent = os.path.dirname(os.path.abspath(path)) or "."
    os.makedirs(parent, exist_ok=True)
    remove_stale_temporaries(path, ".vrt")
    fd, tmp = tempfile.mkstemp(prefix=temp_prefix(path), suffix=".vrt", dir=parent)
    os.close(fd)
    try:
        src = gdal.Open(photo_path)
        if src is None:
            raise ArchiveError("{photo_path}: GDAL cannot open the scan to georeference it; check the file",
                               photo_path=photo_path)
        ds = gdal.Translate(tmp, src, format="VRT", GCPs=gcps, outputSRS=crs)
        if ds is None:
            raise ArchiveError("{path}: GDAL could not write the VRT; check the folder is writable", path=path)
        ds = None
        src = None
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise
    return path
