"""Land-cover raster layers of the project as map layers: their file and their classes mapped to the legend.

A raster layer styled *Paletted/Unique values* is a land-cover map to QGIS users: its class labels name the
categories (``core.geo.class_mapping``), unless a mapping file lies beside it.
"""
from __future__ import annotations

from typing import Dict, Optional

from qgis.core import QgsMapLayer, QgsRasterLayer

from ..core.geo.class_rasters import ClassRasterData
from ..translation import tr as _tr
from .layers import LayerError, raster_path


def is_land_cover_layer(layer: QgsMapLayer) -> bool:
    """A one-band raster drawn by classes (a paletted style): a land-cover map, not an ortho."""
    return (isinstance(layer, QgsRasterLayer) and layer.isValid() and layer.bandCount() == 1
            and layer.renderer() is not None and layer.renderer().type() == "paletted")


def class_labels(layer: QgsRasterLayer) -> Dict[int, str]:
    """value -> label ("" when it has none) of the layer's paletted style."""
    renderer = layer.renderer()
    if renderer is None or renderer.type() != "paletted":
        return {}
    return {int(c.value): c.label or "" for c in renderer.classes()}


class ClassRasterReader:
    """A land-cover layer as the dock's layer readers give it (``read()`` in any thread): made on the main thread,
    where its style is read."""

    def __init__(self, layer: QgsRasterLayer, mapping: Optional[str] = None):
        from ..core.geo.class_mapping import mapping_for_raster
        if not isinstance(layer, QgsRasterLayer):
            raise LayerError(_tr("not a raster layer"))
        path = raster_path(layer, _tr("land-cover raster"))
        self.name = self.display_name = layer.name()
        self.data = ClassRasterData(layer.name(), path, mapping_for_raster(path, mapping, class_labels(layer)))

    def read(self, progress=None, bounds=None, crs=None) -> ClassRasterData:
        return self.data
