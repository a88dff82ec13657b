"""QGIS layers -> core inputs: orthos as file paths or reader factories, vector layers as VectorLayerData.

What runs on the main thread here is cheap (choosing a path, cloning a provider, transforming an extent);
reading features is done by :class:`VectorLayerReader` objects whose ``read()`` runs in a background task.
"""
from __future__ import annotations

import os
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsFeatureRequest,
    QgsMapLayer,
    QgsProviderRegistry,
    QgsRasterLayer,
    QgsRectangle,
    QgsVectorLayer,
)

from ..core.errors import CrossTimeError
from ..core.geo.class_rasters import ClassRasterData
from ..core.geo.vectors import VectorLayerData
from ..translation import tr as _tr

# GDAL drivers whose "file" is a description of a web service: read through QGIS, not rasterio
WEB_DRIVERS = {"WMS", "WMTS", "PLMosaic", "EEDAI", "DAAS", "OGCAPI", "NGW"}
# attributes that name a feature in reports (core.geo.rasterize.feature_label)
ID_FIELDS = ("fid", "id", "cleabs", "id_bdtopo", "osm_id", "objectid", "gid")


class LayerError(CrossTimeError, ValueError):
    """A layer cannot be used as asked; the message names the layer and what to do."""


def raster_path(layer: Optional[QgsRasterLayer], role: str = "ortho") -> str:
    """The file behind a raster layer (rasterio reads it directly, tile by tile)."""
    if layer is None or not isinstance(layer, QgsRasterLayer):
        raise LayerError(_tr("choose the {} (a raster layer)").format(role))
    if not layer.isValid():
        raise LayerError(_tr("the {} layer '{}' is not valid (missing file?)").format(role, layer.name()))
    if layer.providerType() != "gdal":
        raise LayerError(_tr("the {} layer '{}' is a {} layer; CrossTime reads orthos from files (GeoTIFF, "
                             "JPEG2000, VRT...). Save it to a file first (right click > Export > Save As).").format(
                                 role, layer.name(), layer.providerType()))
    parts = QgsProviderRegistry.instance().decodeUri("gdal", layer.source())
    path = parts.get("path") or layer.source()
    if not os.path.exists(path) and not path.startswith("/vsi"):
        raise LayerError(_tr("the file of the {} layer '{}' is missing: {}").format(role, layer.name(), path))
    return path


def _gdal_file(layer: QgsRasterLayer) -> Optional[str]:
    """The file rasterio can read behind a GDAL layer, or None (not GDAL, or a web service description)."""
    if layer.providerType() != "gdal":
        return None
    parts = QgsProviderRegistry.instance().decodeUri("gdal", layer.source())
    path = parts.get("path") or layer.source()
    if not path.startswith("/vsi") and not os.path.exists(path):
        return None
    try:
        from osgeo import gdal
        drv = gdal.IdentifyDriverEx(path) if hasattr(gdal, "IdentifyDriverEx") else gdal.IdentifyDriver(path)
        if drv is not None and drv.ShortName in WEB_DRIVERS:
            return None
    except Exception:
        pass
    return path


def ortho_source(layer: Optional[QgsRasterLayer], role: str = "ortho"):
    """What core reads an ortho from: the file of a file layer (rasterio, tile by tile), else a reader factory
    that reads the layer through QGIS (WMS/WMTS/XYZ, web service descriptions, virtual rasters...)."""
    if layer is None or not isinstance(layer, QgsRasterLayer):
        raise LayerError(_tr("choose the {} (a raster layer)").format(role))
    if not layer.isValid():
        raise LayerError(_tr("the {} layer '{}' is not valid (missing file or unreachable service?)").format(
            role, layer.name()))
    if layer.providerType() == "gdal" and _gdal_file(layer) is not None:
        return raster_path(layer, role)
    if layer.providerType() == "gdal":
        parts = QgsProviderRegistry.instance().decodeUri("gdal", layer.source())
        path = parts.get("path") or layer.source()
        if not os.path.exists(path) and "://" not in path and not path.startswith("<"):
            raise LayerError(_tr("the file of the {} layer '{}' is missing: {}").format(role, layer.name(), path))
    from .raster_reader import RasterLayerReaderFactory
    from .tile_cache import default_cache_folder
    return RasterLayerReaderFactory(layer, cache_folder=default_cache_folder() if is_web_layer(layer) else None)


WEB_PROVIDERS = {"wms", "wcs", "arcgismapserver"}       # QGIS's WMS/WMTS/XYZ provider and other services


def is_web_layer(layer: QgsRasterLayer) -> bool:
    """A raster read from a web service (its tiles are worth a disk cache), not from a file."""
    if layer.providerType() in WEB_PROVIDERS:
        return True
    return layer.providerType() == "gdal" and ("://" in layer.source() or _gdal_file(layer) is None)


def layer_bounds_in(layer, crs_text: str, within: Optional[Sequence[float]] = None) -> Tuple[float, float, float, float]:
    """The layer's extent in ``crs_text``; ``within`` (bounds in that CRS) first cuts a world-wide extent (web
    tiles) down to the area of interest, so that the transformation stays finite."""
    from qgis.core import QgsCoordinateTransform, QgsProject
    dest = QgsCoordinateReferenceSystem(crs_text)
    ext = QgsRectangle(layer.extent())
    if layer.crs() != dest:
        ct = QgsCoordinateTransform(layer.crs(), dest, QgsProject.instance())
        if within is not None:
            try:
                area = ct.transformBoundingBox(QgsRectangle(*within), Qgis.TransformDirection.Reverse)
                ext = ext.intersect(area)
            except Exception:
                pass
        if ext.isEmpty():
            raise LayerError(_tr("the layer '{}' does not cover the other ortho").format(layer.name()))
        try:
            ext = ct.transformBoundingBox(ext)
        except Exception as exc:
            raise LayerError(_tr("the extent of the layer '{}' cannot be expressed in {} ({})").format(
                layer.name(), crs_text, exc)) from exc
    return ext.xMinimum(), ext.yMinimum(), ext.xMaximum(), ext.yMaximum()


def source_layer_name(layer: QgsVectorLayer) -> str:
    """The name of the layer inside its data source (BATIMENT, ROUTE...), which legends match on."""
    try:
        parts = QgsProviderRegistry.instance().decodeUri(layer.providerType(), layer.source())
    except Exception:
        parts = {}
    name = parts.get("layerName") or parts.get("typename") or ""
    if not name and layer.providerType().upper() in ("WFS", "OAPIF"):     # "wfs" when loaded from a wfs:// string
        from qgis.core import QgsDataSourceUri
        name = QgsDataSourceUri(layer.source()).param("typename")
    if not name and parts.get("path"):
        base = os.path.splitext(os.path.basename(parts["path"]))[0]
        name = base
    return name or layer.name()


def crs_string(crs: QgsCoordinateReferenceSystem) -> str:
    return crs.authid() if crs.authid().startswith("EPSG:") else crs.toWkt()


_PLAIN = (int, float, str, bool)     # kept as they are; checked first, per attribute of every feature


def _plain(v):
    if v is None or type(v) in _PLAIN:
        return v
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


def needed_fields(layer: QgsVectorLayer, legend=None) -> Optional[List[str]]:
    """The attributes the legend reads for this layer (rule fields, width fields) and the identifiers that name
    features in reports; None (every attribute) without a legend."""
    if legend is None:
        return None
    wanted = {ID.lower() for ID in ID_FIELDS}
    for r in legend.rules_for_layer(source_layer_name(layer)):
        if r.field:
            wanted.add(r.field.lower())
        wanted.update(w.lower() for w in r.width_fields)
    return [n for n in layer.fields().names() if n.lower() in wanted]


class VectorLayerReader:
    """Reads one vector layer's features as VectorLayerData, in whatever thread calls :meth:`read`.

    Made on the main thread (cheap: the extent is transformed, the reading plan chosen); features are read
    through a QgsVectorLayerFeatureSource, the thread-safe snapshot QGIS's own renderers use, with only the
    features meeting ``extent`` and only ``fields``. ``ogr=True`` reads file layers of the ``ogr`` provider
    straight from the file with OGR instead: measured by bench/bench_stall.py on 10^5 GeoPackage polygons it
    was slower (40,300 against 80,200 features/s) and lacks the GeoPackage ``fid``, so it is not the default.
    """

    def __init__(self, layer: QgsVectorLayer, extent: Optional[QgsRectangle] = None,
                 extent_crs: Optional[QgsCoordinateReferenceSystem] = None, fields: Optional[Sequence[str]] = None,
                 ogr: bool = False):
        if layer is None or not isinstance(layer, QgsVectorLayer):
            raise LayerError(_tr("not a vector layer"))
        if not layer.isValid():
            raise LayerError(_tr("the vector layer '{}' is not valid (missing file?)").format(layer.name()))
        self.name, self.crs, self.source = source_layer_name(layer), crs_string(layer.crs()), layer.source()
        self.display_name = layer.name() or self.name         # unnamed: given to Processing as a source string
        from qgis.core import QgsCoordinateTransformContext, QgsProject
        self.layer_crs = QgsCoordinateReferenceSystem(layer.crs())
        self.context = QgsCoordinateTransformContext(QgsProject.instance().transformContext())
        self.extent = None
        if extent is not None:
            self.extent = self._layer_extent((extent.xMinimum(), extent.yMinimum(), extent.xMaximum(),
                                              extent.yMaximum()), extent_crs)
        names = layer.fields().names()
        self.fields = list(names) if fields is None else [n for n in names if n in set(fields)]
        self.ogr = self._ogr_plan(layer) if ogr else None
        self._source = None
        if self.ogr is None:
            from qgis.core import QgsVectorLayerFeatureSource
            self._source = QgsVectorLayerFeatureSource(layer)
            self._all_names = names

    @staticmethod
    def _ogr_plan(layer: QgsVectorLayer) -> Optional[dict]:
        if layer.providerType() != "ogr" or layer.isEditable() or layer.isModified():
            return None
        parts = QgsProviderRegistry.instance().decodeUri("ogr", layer.source())
        path = parts.get("path") or ""
        if not path or not os.path.isfile(path):
            return None
        subset = layer.subsetString() or ""
        if subset.strip().lower().startswith("select"):
            return None
        return {"path": path, "layer": parts.get("layerName") or None, "layer_id": parts.get("layerId"),
                "subset": subset}

    def _layer_extent(self, bounds, crs) -> Tuple[float, float, float, float]:
        """``bounds`` given in ``crs`` (a QgsCoordinateReferenceSystem or its text), in the layer's CRS."""
        from qgis.core import QgsCoordinateTransform
        if crs is not None and not isinstance(crs, QgsCoordinateReferenceSystem):
            crs = QgsCoordinateReferenceSystem(crs)
        rect = QgsRectangle(*bounds)
        if crs is not None and crs.isValid() and crs != self.layer_crs:
            rect = QgsCoordinateTransform(crs, self.layer_crs, self.context).transformBoundingBox(rect)
        return rect.xMinimum(), rect.yMinimum(), rect.xMaximum(), rect.yMaximum()

    def read(self, progress=None, bounds=None, bounds_crs=None) -> VectorLayerData:
        """The features (meeting the extent given at construction, or ``bounds`` in ``bounds_crs``)."""
        if bounds is not None:
            self.extent = self._layer_extent(bounds, bounds_crs)
        feats, names = self._read_ogr(progress) if self.ogr is not None else self._read_qgis(progress)
        return VectorLayerData(name=self.name, crs=self.crs, features=feats, source=self.source, fields=names)

    def _read_ogr(self, progress) -> list:
        from osgeo import ogr
        ogr.UseExceptions()
        plan = self.ogr
        ds = ogr.Open(plan["path"])
        if ds is None:
            raise LayerError(_tr("the vector layer '{}' cannot be read from {}").format(self.display_name, plan["path"]))
        if plan["layer"]:
            lyr = ds.GetLayerByName(plan["layer"])
        else:
            lyr = ds.GetLayer(int(plan["layer_id"]) if plan["layer_id"] not in (None, "") else 0)
        if lyr is None:
            raise LayerError(_tr("the vector layer '{}' is not in {}").format(self.display_name, plan["path"]))
        if plan["subset"]:
            lyr.SetAttributeFilter(plan["subset"])
        if self.extent is not None:
            lyr.SetSpatialFilterRect(*self.extent)
        defn = lyr.GetLayerDefn()
        keep = set(self.fields)
        all_fields = [defn.GetFieldDefn(k).GetName() for k in range(defn.GetFieldCount())]
        lyr.SetIgnoredFields([n for n in all_fields if n not in keep] + ["OGR_STYLE"])
        idx = [(n, defn.GetFieldIndex(n)) for n in all_fields if n in keep]
        feats = []          # (WKB, values): see core.geo.vectors.VectorLayerData
        for k, f in enumerate(lyr):
            g = f.GetGeometryRef()
            if g is None or g.IsEmpty():
                continue
            feats.append((g.ExportToIsoWkb(), tuple([f.GetField(i) for _, i in idx])))
            if progress is not None and k % 20000 == 0:
                progress.check()
        ds = None
        return feats, [n for n, _ in idx]

    def _read_qgis(self, progress) -> list:
        req = QgsFeatureRequest()
        if self.extent is not None:
            req.setFilterRect(QgsRectangle(*self.extent))
        idx = [(n, self._all_names.index(n)) for n in self.fields]
        req.setSubsetOfAttributes([i for _, i in idx])
        # (WKB, values): see core.geo.vectors.VectorLayerData. WKB, not GeoJSON text: a 2-D polygon's is read as
        # it is by core.geo.wkb, a third of the time the text took to export and parse (bench/bench_stall.py)
        feats = []
        for k, f in enumerate(self._source.getFeatures(req)):
            g = f.geometry()
            if g is None or g.isNull() or g.isEmpty():
                continue
            attrs = f.attributes()
            feats.append((g.asWkb().data(), tuple([_plain(attrs[i]) for _, i in idx])))
            if progress is not None and k % 20000 == 0:
                progress.check()
        return feats, [n for n, _ in idx]


# land-cover rasters: a one-band raster styled Paletted/Unique values is a land-cover map to QGIS users; its class
# labels name the categories (core.geo.class_mapping), unless a mapping file lies beside it
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


def vector_layer_readers(layers: Iterable[QgsMapLayer], extent=None, extent_crs=None, legend=None,
                         ogr: bool = False) -> list:
    """Readers of a date's map layers (made here, on the calling thread; read wherever ``read()`` is called):
    vector layers, and land-cover rasters (``ClassRasterReader``)."""
    return [ClassRasterReader(l) if isinstance(l, QgsRasterLayer)
            else VectorLayerReader(l, extent, extent_crs, needed_fields(l, legend), ogr) for l in layers if l is not None]


def vector_layer_data(layer: QgsVectorLayer, extent: Optional[QgsRectangle] = None,
                      extent_crs: Optional[QgsCoordinateReferenceSystem] = None, legend=None) -> VectorLayerData:
    """Copy a vector layer's features (optionally only those meeting ``extent``) into plain data, now."""
    return VectorLayerReader(layer, extent, extent_crs, needed_fields(layer, legend)).read()


def vector_layers_data(layers: Iterable[QgsMapLayer], extent=None, extent_crs=None, legend=None) -> list:
    """A date's map layers copied into plain data, now (land-cover rasters: their file and class mapping)."""
    return [r.read() for r in vector_layer_readers(layers, extent, extent_crs, legend)]


def attribute_samples(layer: QgsVectorLayer, limit: int = 5000) -> List[dict]:
    """Attributes of up to ``limit`` features, for the legend preview (no geometry needed)."""
    req = QgsFeatureRequest().setFlags(QgsFeatureRequest.Flag.NoGeometry).setLimit(limit)
    names = layer.fields().names()
    return [{n: _plain(a) for n, a in zip(names, f.attributes())} for f in layer.getFeatures(req)]
