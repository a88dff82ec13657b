"""The CRS a tile grid is cut in: projected, in metres on the ground, whatever CRS the imagery comes in.

Web services serve Web Mercator (EPSG:3857), whose metre is 1/cos(latitude) ground metres: a "1000 m" tile cut in it
covers about 690 m of ground at 46° N, and its footprints mean nothing to a Lambert-93 project. The grid therefore
takes, in order: the CRS the user set; the project's CRS when it is projected in metres and not a Web Mercator;
Lambert-93 inside metropolitan France (with Corsica); else the UTM zone of the area.
"""
from __future__ import annotations

import math
from typing import Optional, Tuple

from ..errors import InputError

AUTO = "auto"
LAMBERT_93 = "EPSG:2154"
# Web Mercator under its names: metres that are not ground metres
WEB_MERCATOR = {"EPSG:3857", "EPSG:900913", "EPSG:3785", "EPSG:102100", "EPSG:102113", "ESRI:102100", "ESRI:102113"}
# metropolitan France and Corsica, in degrees (lon min, lat min, lon max, lat max): Lambert-93's area of use
FRANCE = (-9.86, 41.15, 10.38, 51.56)


def utm_crs(lon: float, lat: float) -> str:
    """The WGS 84 / UTM zone holding (lon, lat): EPSG:326zz north of the equator, 327zz south."""
    if not (math.isfinite(lon) and math.isfinite(lat)) or abs(lat) > 90:
        raise InputError("no UTM zone for the point ({lon}, {lat}) (degrees)", lon=lon, lat=lat)
    zone = min(60, max(1, int(math.floor((((lon + 180.0) % 360.0)) / 6.0)) + 1))
    return f"EPSG:{32600 + zone if lat >= 0 else 32700 + zone}"


def in_france(lon: float, lat: float) -> bool:
    return FRANCE[0] <= lon <= FRANCE[2] and FRANCE[1] <= lat <= FRANCE[3]


def ground_crs(centre_lon_lat: Tuple[float, float], project_crs: Optional[str] = None,
               project_in_metres: bool = False, chosen: str = AUTO) -> Tuple[str, str]:
    """(CRS of the tile grid, why it was chosen: 'chosen', 'project', 'lambert93' or 'utm').

    ``centre_lon_lat``: the middle of the area in WGS 84 degrees; ``project_crs``: the project's CRS ("EPSG:2154" or
    WKT), used when ``project_in_metres`` (projected, metre units) and not a Web Mercator; ``chosen``: a CRS the user
    set, or ``AUTO``."""
    if chosen and chosen.strip() and chosen.strip().lower() != AUTO:
        if chosen.strip().upper() in WEB_MERCATOR:
            raise InputError("{crs} (Web Mercator) does not keep ground distances: choose a projected CRS of the area "
                             "for the tile grid (Lambert-93, a UTM zone) or 'auto'", crs=chosen.strip())
        return chosen.strip(), "chosen"
    if project_crs and project_in_metres and project_crs.strip().upper() not in WEB_MERCATOR:
        return project_crs, "project"
    lon, lat = centre_lon_lat
    if in_france(lon, lat):
        return LAMBERT_93, "lambert93"
    return utm_crs(lon, lat), "utm"
