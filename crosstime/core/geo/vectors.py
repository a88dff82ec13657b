"""Vector layers as plain data (name, CRS, GeoJSON-like features), read from files with GDAL/OGR.

The QGIS adapters produce the same :class:`VectorLayerData` from QgsVectorLayer objects, so that
everything downstream (legend, rasterization) never depends on QGIS.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Iterable, List, Optional, Sequence, Tuple

from ..errors import CrossTimeError

Feature = Tuple[dict, dict]   # (GeoJSON geometry, attributes)


class VectorError(CrossTimeError, RuntimeError):
    """A vector source cannot be read."""


@dataclass
class VectorLayerData:
    name: str
    crs: str                               # WKT or "EPSG:xxxx"
    features: List[Feature] = field(default_factory=list)
    source: str = ""

    def __len__(self) -> int:
        return len(self.features)

    def properties(self) -> Iterable[dict]:
        return (p for _, p in self.features)


def _ogr():
    from osgeo import ogr, osr
    ogr.UseExceptions()
    osr.UseExceptions()
    return ogr, osr


def list_layers(path: str) -> List[str]:
    ogr, _ = _ogr()
    try:
        ds = ogr.Open(str(path))
    except RuntimeError as exc:
        raise VectorError(f"{path}: cannot open the vector file ({exc})") from exc
    if ds is None:
        raise VectorError(f"{path}: not a vector file GDAL can read")
    return [ds.GetLayer(k).GetName() for k in range(ds.GetLayerCount())]


def read_vector_file(path: str, layers: Optional[Sequence[str]] = None) -> List[VectorLayerData]:
    """Every layer (or the named ones) of a GeoPackage, shapefile, GeoJSON... as VectorLayerData."""
    ogr, osr = _ogr()
    path = str(path)
    try:
        ds = ogr.Open(path)
    except RuntimeError as exc:
        raise VectorError(f"{path}: cannot open the vector file ({exc})") from exc
    if ds is None:
        raise VectorError(f"{path}: not a vector file GDAL can read")
    out = []
    names = [ds.GetLayer(k).GetName() for k in range(ds.GetLayerCount())]
    for name in (layers or names):
        if name not in names:
            raise VectorError(f"{path}: no layer named '{name}' (layers: {', '.join(names)})")
        lyr = ds.GetLayerByName(name)
        srs = lyr.GetSpatialRef()
        if srs is None:
            if path.lower().endswith((".geojson", ".json")):
                crs = "EPSG:4326"   # RFC 7946
            else:
                raise VectorError(f"{path}: layer '{name}' has no coordinate reference system")
        else:
            crs = srs.ExportToWkt()
        feats = []
        defn = lyr.GetLayerDefn()
        fields = [defn.GetFieldDefn(k).GetName() for k in range(defn.GetFieldCount())]
        for f in lyr:
            g = f.GetGeometryRef()
            if g is None or g.IsEmpty():
                continue
            props = {k: f.GetField(k) for k in fields}
            feats.append((json.loads(g.ExportToJson()), props))
        layer_name = name
        if len(names) == 1 and path.lower().endswith(".shp"):
            layer_name = os.path.splitext(os.path.basename(path))[0]
        out.append(VectorLayerData(name=layer_name, crs=crs, features=feats, source=path))
    return out


def write_geopackage(path: str, layer: str, crs: str, features: Sequence[Feature],
                     fields: Optional[Sequence[Tuple[str, str]]] = None, geometry_type: str = "Unknown",
                     overwrite_file: bool = False) -> None:
    """Write features to a GeoPackage layer (created or replaced).

    ``fields``: (name, type) with type in {"str", "int", "float"}; inferred from the first feature when absent.
    """
    ogr, osr = _ogr()
    drv = ogr.GetDriverByName("GPKG")
    if overwrite_file and os.path.exists(path):
        os.remove(path)
    ds = drv.Open(path, 1) if os.path.exists(path) else drv.CreateDataSource(path)
    if ds is None:
        raise VectorError(f"{path}: cannot write a GeoPackage there")
    if ds.GetLayerByName(layer) is not None:
        ds.DeleteLayer(layer)
    srs = osr.SpatialReference()
    srs.SetFromUserInput(crs)
    gtypes = {"Unknown": ogr.wkbUnknown, "Polygon": ogr.wkbPolygon, "MultiPolygon": ogr.wkbMultiPolygon,
              "LineString": ogr.wkbLineString, "MultiLineString": ogr.wkbMultiLineString, "Point": ogr.wkbPoint}
    lyr = ds.CreateLayer(layer, srs, gtypes[geometry_type])
    if fields is None:
        fields = _infer_fields(features[0][1] if features else {})
    otypes = {"str": ogr.OFTString, "int": ogr.OFTInteger64, "float": ogr.OFTReal}
    for name, t in fields:
        lyr.CreateField(ogr.FieldDefn(name, otypes[t]))
    names = [n for n, _ in fields]
    lyr.StartTransaction()
    for geom, props in features:
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetGeometry(ogr.CreateGeometryFromJson(json.dumps(geom)))
        for n in names:
            v = props.get(n)
            if v is not None:
                f.SetField(n, v)
        lyr.CreateFeature(f)
    lyr.CommitTransaction()
    ds = None


def _infer_fields(props: dict) -> List[Tuple[str, str]]:
    out = []
    for k, v in props.items():
        t = "int" if isinstance(v, (bool, int)) else "float" if isinstance(v, float) else "str"
        out.append((k, t))
    return out


def box_polygon(bounds: Tuple[float, float, float, float]) -> dict:
    x0, y0, x1, y1 = bounds
    return {"type": "Polygon", "coordinates": [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]}
