"""The tile grid over two raster layers, whatever they are (files, WMS/WMTS/XYZ): its CRS in ground metres and
its area. The dock, the Archive tab and every Processing algorithm cut their tiles this way."""
from __future__ import annotations

from typing import Callable, Optional, Sequence, Tuple

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsProject,
    QgsRasterLayer,
    QgsRectangle,
    QgsUnitTypes,
)

from ..core.geo.grid import Bounds, intersect_bounds
from ..core.geo.ground_crs import AUTO, ground_crs
from ..translation import tr
from .layers import LayerError, crs_string, layer_bounds_in

WGS84 = "EPSG:4326"


def in_ground_metres(crs: QgsCoordinateReferenceSystem) -> bool:
    """A projected CRS in metres (Web Mercator too: ground_crs refuses it by name)."""
    return (crs is not None and crs.isValid() and not crs.isGeographic()
            and crs.mapUnits() == QgsUnitTypes.DistanceUnit.DistanceMeters)


def lon_lat_centre(bounds: Bounds, crs: QgsCoordinateReferenceSystem, name: str) -> Tuple[float, float]:
    """The middle of ``bounds`` (in ``crs``) in WGS 84 degrees; ``name`` is the layer the bounds come from."""
    x0, y0, x1, y1 = bounds
    try:
        ct = QgsCoordinateTransform(crs, QgsCoordinateReferenceSystem(WGS84), QgsProject.instance())
        p = ct.transform(QgsRectangle(x0, y0, x1, y1).center())
    except Exception as exc:
        raise LayerError(tr("the extent of the new ortho '{}' cannot be placed on the globe ({})").format(
            name, exc)) from exc
    return p.x(), p.y()


def grid_crs_for(centre: Tuple[float, float], candidates: Sequence[QgsCoordinateReferenceSystem],
                 chosen: str = AUTO) -> str:
    """The tile grid's CRS: ``chosen`` unless 'auto', else the first candidate in ground metres that is not a Web
    Mercator (the project's, the ortho's), else Lambert-93 in France, else the UTM zone of ``centre``."""
    for crs in candidates:
        if in_ground_metres(crs):
            got, why = ground_crs(centre, crs_string(crs), True, chosen)
            if why in ("chosen", "project"):
                return got
    return ground_crs(centre, None, False, chosen)[0]


def plan_grid(old_layer: Optional[QgsRasterLayer], new_layer: QgsRasterLayer, old, new, grid_crs: str,
              tile_size: float, pixels: int, *, within: Optional[Bounds] = None, stride: float = 0.0,
              extent: Optional[Bounds] = None) -> Tuple[Bounds, Callable]:
    """(the area to read vectors over, a function making the tile grid), both in ``grid_crs``.

    ``old`` and ``new`` are what ``layers.ortho_source`` gave (a file path or a reader factory); ``old_layer`` None
    tiles the new ortho alone. A web layer covers a country or the world: it is tiled over ``within`` (the map's
    extent, an extent parameter), which it needs. The grid itself is made by the returned function, to call in
    the background (it reads file headers with rasterio)."""
    new_b = layer_bounds_in(new_layer, grid_crs, within=within if not isinstance(new, str) else None)
    if not isinstance(new, str):
        if within is None:
            raise LayerError(tr("the new ortho '{}' is a web layer: give the extent to tile (it covers far more "
                                "than one place)").format(new_layer.name()))
        new_b = intersect_bounds(new_b, within)
        if new_b is None:
            raise LayerError(tr("the extent to tile shows no part of the new ortho '{}': zoom to the place to "
                                "match, or give an extent inside the layer").format(new_layer.name()))
    old_b = new_b if old_layer is None else layer_bounds_in(old_layer, grid_crs, within=new_b)
    common = intersect_bounds(new_b, old_b)
    if common is None:
        raise LayerError(tr("the two orthos do not overlap: '{}' and '{}' cover separate areas; choose the two "
                            "dates of one place").format(old_layer.name(), new_layer.name()))
    if extent is not None:
        common = intersect_bounds(common, extent)
        if common is None:
            raise LayerError(tr("the extent asked for lies outside the orthos '{}'").format(new_layer.name()))
    # the grid snaps to a global origin, so it may reach up to one tile beyond the overlap
    area = (common[0] - tile_size, common[1] - tile_size, common[2] + tile_size, common[3] + tile_size)
    old_src = new if old_layer is None else old

    def make_grid():
        from ..core.tiles.build import grid_for_bounds, grid_for_orthos
        if isinstance(old_src, str) and isinstance(new, str):
            return grid_for_orthos(old_src, new, tile_size, pixels, grid_crs, stride, extent)
        return grid_for_bounds(old_b, new_b, grid_crs, tile_size, pixels, stride, extent)
    return area, make_grid


def bounds_of(rect: QgsRectangle) -> Bounds:
    return rect.xMinimum(), rect.yMinimum(), rect.xMaximum(), rect.yMaximum()
