"""QGIS layers -> core inputs (file paths, VectorLayerData), read on the main thread."""
from __future__ import annotations

import json
import os
from typing import Iterable, List, Optional

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeatureRequest,
    QgsMapLayer,
    QgsProviderRegistry,
    QgsRasterLayer,
    QgsRectangle,
    QgsVectorLayer,
)

from ..core.errors import CrossTimeError
from ..core.geo.vectors import VectorLayerData


class LayerError(CrossTimeError, ValueError):
    """A layer cannot be used as asked; the message names the layer and what to do."""


def raster_path(layer: Optional[QgsRasterLayer], role: str = "ortho") -> str:
    """The file behind a raster layer (rasterio reads it directly, tile by tile)."""
    if layer is None or not isinstance(layer, QgsRasterLayer):
        raise LayerError(f"choose the {role} (a raster layer)")
    if not layer.isValid():
        raise LayerError(f"the {role} layer '{layer.name()}' is not valid (missing file?)")
    if layer.providerType() != "gdal":
        raise LayerError(f"the {role} layer '{layer.name()}' is a {layer.providerType()} layer; CrossTime reads "
                         "orthos from files (GeoTIFF, JPEG2000, VRT...). Save it to a file first "
                         "(right click > Export > Save As).")
    parts = QgsProviderRegistry.instance().decodeUri("gdal", layer.source())
    path = parts.get("path") or layer.source()
    if not os.path.exists(path) and not path.startswith("/vsi"):
        raise LayerError(f"the file of the {role} layer '{layer.name()}' is missing: {path}")
    return path


def source_layer_name(layer: QgsVectorLayer) -> str:
    """The name of the layer inside its data source (BATIMENT, ROUTE...), which legends match on."""
    try:
        parts = QgsProviderRegistry.instance().decodeUri(layer.providerType(), layer.source())
    except Exception:
        parts = {}
    name = parts.get("layerName") or ""
    if not name and parts.get("path"):
        base = os.path.splitext(os.path.basename(parts["path"]))[0]
        name = base
    return name or layer.name()


def crs_string(crs: QgsCoordinateReferenceSystem) -> str:
    return crs.authid() if crs.authid().startswith("EPSG:") else crs.toWkt()


def _plain(v):
    if v is None:
        return None
    try:
        from qgis.PyQt.QtCore import QDate, QDateTime, QVariant
        if isinstance(v, QVariant):
            return None if v.isNull() else v.value()
        if isinstance(v, (QDate, QDateTime)):
            return v.toString("yyyy-MM-dd")
    except ImportError:
        pass
    if isinstance(v, (int, float, str, bool)):
        return v
    return str(v)


def vector_layer_data(layer: QgsVectorLayer, extent: Optional[QgsRectangle] = None,
                      extent_crs: Optional[QgsCoordinateReferenceSystem] = None) -> VectorLayerData:
    """Copy a vector layer's features (optionally only those meeting ``extent``) into plain data."""
    if layer is None or not isinstance(layer, QgsVectorLayer):
        raise LayerError("not a vector layer")
    if not layer.isValid():
        raise LayerError(f"the vector layer '{layer.name()}' is not valid (missing file?)")
    req = QgsFeatureRequest()
    if extent is not None:
        from qgis.core import QgsCoordinateTransform, QgsProject
        if extent_crs is not None and extent_crs != layer.crs():
            extent = QgsCoordinateTransform(extent_crs, layer.crs(), QgsProject.instance()).transformBoundingBox(extent)
        req.setFilterRect(extent)
    names = layer.fields().names()
    feats = []
    for f in layer.getFeatures(req):
        g = f.geometry()
        if g is None or g.isNull() or g.isEmpty():
            continue
        attrs = f.attributes()
        feats.append((json.loads(g.asJson()), {n: _plain(a) for n, a in zip(names, attrs)}))
    return VectorLayerData(name=source_layer_name(layer), crs=crs_string(layer.crs()), features=feats,
                           source=layer.source())


def vector_layers_data(layers: Iterable[QgsMapLayer], extent=None, extent_crs=None) -> List[VectorLayerData]:
    return [vector_layer_data(l, extent, extent_crs) for l in layers if l is not None]


def attribute_samples(layer: QgsVectorLayer, limit: int = 5000) -> List[dict]:
    """Attributes of up to ``limit`` features, for the legend preview (no geometry needed)."""
    req = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry).setLimit(limit)
    names = layer.fields().names()
    return [{n: _plain(a) for n, a in zip(names, f.attributes())} for f in layer.getFeatures(req)]
