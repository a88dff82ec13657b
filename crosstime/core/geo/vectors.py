"""Vector layers as plain data (name, CRS, GeoJSON-like features), read from files with GDAL/OGR.

The QGIS adapters produce the same :class:`VectorLayerData` from QgsVectorLayer objects, so that
everything downstream (legend, rasterization) never depends on QGIS.
"""
from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import traceback
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterable, List, Optional, Sequence, Tuple, Union

from ..atomic import disk_full_error, human_bytes, is_disk_full, make_ordinary, remove_stale_temporaries, temp_prefix
from ..errors import CrossTimeError
from ..messages import Detail

Feature = Tuple[Union[dict, str, bytes], dict]   # (GeoJSON geometry, its JSON text or its WKB, attributes)


def geometry_of(geometry: Union[dict, str, bytes]) -> dict:
    """A feature's geometry as a GeoJSON mapping. Readers of large layers in QGIS keep each geometry as its WKB (or
    JSON text): one bytes or str per feature is out of the cycle collector's sight, where a mapping holding tuples
    stays in it until a full pass, and full passes over 10^5 such mappings froze QGIS's GUI thread for 0.2-0.3 s each
    (bench/bench_stall.py)."""
    if isinstance(geometry, (bytes, bytearray)):
        from .wkb import wkb_to_json
        geometry = wkb_to_json(geometry)
    return geometry_from_json(geometry) if isinstance(geometry, str) else geometry


def geometry_from_json(text: str) -> dict:
    """A GeoJSON geometry whose coordinates are tuples, not lists.

    A layer of 10^5 features read as lists is millions of objects that Python's cycle collector walks in full,
    now and then, holding the GIL for a second or more: QGIS's GUI thread then freezes while a background task
    reads a layer. Tuples of numbers (and the dicts holding them) are soon untracked by the collector.
    """
    return _with_tuples(json.loads(text))


def _with_tuples(geom: dict) -> dict:
    if "coordinates" in geom:
        geom["coordinates"] = _as_tuples(geom["coordinates"])
    elif "geometries" in geom:
        geom["geometries"] = tuple(_with_tuples(g) for g in geom["geometries"])
    return geom


def _as_tuples(x):
    return tuple([_as_tuples(v) for v in x]) if isinstance(x, list) else x


class VectorError(CrossTimeError, RuntimeError):
    """A vector source cannot be read."""


@dataclass
class VectorLayerData:
    """One layer's features. ``features``: (geometry, attributes dict) pairs; or, when ``fields`` names the
    attributes, (geometry, tuple of values in that order) pairs, as readers of large layers give them: a pair of
    text and plain values is one object the cycle collector soon stops watching, a pair holding a dict stays watched
    for good, and 10^5 of them set off the full passes that froze QGIS's GUI thread (bench/bench_stall.py)."""
    name: str
    crs: str                               # WKT or "EPSG:xxxx"
    features: List[Feature] = field(default_factory=list)
    source: str = ""
    fields: Optional[Sequence[str]] = None

    def __len__(self) -> int:
        return len(self.features)

    def records(self) -> Iterable[Tuple[Union[dict, str], dict]]:
        """(geometry, attributes dict) of every feature, whichever way they are kept."""
        if self.fields is None:
            return iter(self.features)
        names = list(self.fields)
        return ((g, dict(zip(names, values))) for g, values in self.features)

    def properties(self) -> Iterable[dict]:
        return (p for _, p in self.records())


def release_gradually(items: list, step: int = 2048) -> None:
    """Empty ``items`` a slice at a time. Freeing 10^5 geometries in one go holds the GIL for about 0.1 s, which
    freezes QGIS's GUI thread when a background task does it; between slices other threads get their turn."""
    while items:
        del items[-step:]


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
        raise VectorError("{path}: cannot open the vector file ({exc})", path=path, exc=Detail(str(exc))) from exc
    if ds is None:
        raise VectorError("{path}: not a vector file GDAL can read", path=path)
    return [ds.GetLayer(k).GetName() for k in range(ds.GetLayerCount())]


def read_vector_file(path: str, layers: Optional[Sequence[str]] = None) -> List[VectorLayerData]:
    """Every layer (or the named ones) of a GeoPackage, shapefile, GeoJSON... as VectorLayerData."""
    ogr, osr = _ogr()
    path = str(path)
    try:
        ds = ogr.Open(path)
    except RuntimeError as exc:
        raise VectorError("{path}: cannot open the vector file ({exc})", path=path, exc=Detail(str(exc))) from exc
    if ds is None:
        raise VectorError("{path}: not a vector file GDAL can read", path=path)
    out = []
    names = [ds.GetLayer(k).GetName() for k in range(ds.GetLayerCount())]
    for name in (layers or names):
        if name not in names:
            raise VectorError("{path}: no layer named '{name}' (layers: {names})",
                              path=path, name=name, names=", ".join(names))
        lyr = ds.GetLayerByName(name)
        srs = lyr.GetSpatialRef()
        if srs is None:
            if path.lower().endswith((".geojson", ".json")):
                crs = "EPSG:4326"   # RFC 7946
            else:
                raise VectorError("{path}: layer '{name}' has no coordinate reference system", path=path, name=name)
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
            feats.append((geometry_from_json(g.ExportToJson()), props))
        layer_name = name
        if len(names) == 1 and path.lower().endswith(".shp"):
            layer_name = os.path.splitext(os.path.basename(path))[0]
        out.append(VectorLayerData(name=layer_name, crs=crs, features=feats, source=path))
    return out


@dataclass
class LayerToWrite:
    """One layer of a GeoPackage to write. ``fields``: (name, type) with type in {"str", "int", "float"},
    inferred from the first feature when None."""
    name: str
    crs: str
    features: Sequence[Feature]
    fields: Optional[Sequence[Tuple[str, str]]] = None
    geometry_type: str = "Unknown"


def write_geopackage(path: str, layer: str, crs: str, features: Sequence[Feature],
                     fields: Optional[Sequence[Tuple[str, str]]] = None, geometry_type: str = "Unknown",
                     overwrite_file: bool = False) -> None:
    """Write features to a GeoPackage layer: a new file replacing ``path`` whole when ``overwrite_file``
    (see :func:`write_geopackage_layers`), else a layer added to (or replaced in) the file in place."""
    spec = LayerToWrite(layer, crs, features, fields, geometry_type)
    if overwrite_file or not os.path.exists(path):
        write_geopackage_layers(path, [spec])
        return
    ogr, _ = _ogr()
    try:
        ds = ogr.GetDriverByName("GPKG").Open(path, 1)
    except RuntimeError as exc:
        raise VectorError("{path}: cannot open the GeoPackage for writing ({exc})", path=path, exc=Detail(str(exc))) from exc
    try:
        _write_layer(ds, spec)
    except Exception as exc:
        if is_disk_full(exc):
            raise disk_full_error(path) from exc
        raise VectorError("{path}: cannot write the layer '{layer}' ({exc})",
                          path=path, layer=layer, exc=Detail(str(exc))) from exc
    finally:
        ds = None


def write_geopackage_layers(path: str, layers: Sequence[LayerToWrite]) -> str:
    """Write a whole GeoPackage (every layer) to a temporary file beside ``path``, then rename it into place:
    the previous file stays complete until the new one is, whatever happens (full disk, kill, GDAL error)."""
    ogr, _ = _ogr()
    parent = os.path.dirname(os.path.abspath(path)) or "."
    os.makedirs(parent, exist_ok=True)
    remove_stale_temporaries(path, ".gpkg")
    fd, tmp = tempfile.mkstemp(prefix=temp_prefix(path), suffix=".gpkg", dir=parent)
    os.close(fd)
    os.remove(tmp)                      # GDAL creates the file itself; the unique name is what was wanted
    ds = None
    try:
        ds = ogr.GetDriverByName("GPKG").CreateDataSource(tmp)
        if ds is None:
            raise VectorError("{path}: cannot write a GeoPackage in {parent}", path=path, parent=parent)
        for spec in layers:
            _write_layer(ds, spec)
        ds.FlushCache()
        ds = None                       # closes the file: SQLite finishes writing here
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        make_ordinary(tmp)
        os.replace(tmp, path)
    except BaseException as exc:
        with _quiet_gdal_teardown():
            ds = None
            # the failed layer's frame still holds the dataset: close it now, quietly, not whenever the
            # traceback is dropped (GDAL would then print an 'Exception ignored' from its destructor)
            traceback.clear_frames(exc.__traceback__)
        for side in ("", "-wal", "-shm", "-journal"):
            if os.path.exists(tmp + side):
                os.remove(tmp + side)
        if isinstance(exc, Exception) and (is_disk_full(exc) or _silent_for_want_of_space(exc, parent)):
            raise disk_full_error(path) from exc
        if isinstance(exc, RuntimeError) and not isinstance(exc, VectorError):
            raise _gdal_write_error(path, parent, exc) from exc
        raise
    return path


# SQLite needs room for its journal and a new page of every table at once: below this, a silent failure is the disk
ROOM_SQLITE_NEEDS = 1 << 20


def _free_bytes(folder: str) -> Optional[int]:
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None


def _silent_for_want_of_space(exc: BaseException, folder: str) -> bool:
    """GDAL sometimes fails on a full disk without a word (the GeoPackage driver, when SQLite cannot even grow its
    journal): an error with no text, where the folder has almost no room left, is that."""
    free = _free_bytes(folder)
    return not str(exc).strip() and free is not None and free < ROOM_SQLITE_NEEDS


def _gdal_write_error(path: str, folder: str, exc: BaseException) -> VectorError:
    reason = str(exc).strip()
    if reason:
        return VectorError("{path}: GDAL could not write the GeoPackage ({reason}); the previous file, if any, is "
                           "unchanged", path=path, reason=Detail(reason))
    free = _free_bytes(folder)
    return VectorError("{path}: GDAL could not write the GeoPackage and gave no reason ({free} free in {folder}); "
                       "check that the folder is writable and has room. The previous file, if any, is unchanged",
                       path=path, free=human_bytes(free) if free is not None else "?", folder=folder)


@contextmanager
def _quiet_gdal_teardown():
    """Closing a dataset whose writing failed makes GDAL report further errors; they add nothing to the first."""
    from osgeo import gdal
    hook = sys.unraisablehook
    sys.unraisablehook = lambda unraisable: None
    gdal.PushErrorHandler("CPLQuietErrorHandler")
    try:
        yield
    finally:
        gdal.PopErrorHandler()
        sys.unraisablehook = hook


def _write_layer(ds, spec: LayerToWrite) -> None:
    ogr, osr = _ogr()
    if ds.GetLayerByName(spec.name) is not None:
        ds.DeleteLayer(spec.name)
    srs = osr.SpatialReference()
    srs.SetFromUserInput(spec.crs)
    gtypes = {"Unknown": ogr.wkbUnknown, "Polygon": ogr.wkbPolygon, "MultiPolygon": ogr.wkbMultiPolygon,
              "LineString": ogr.wkbLineString, "MultiLineString": ogr.wkbMultiLineString, "Point": ogr.wkbPoint}
    lyr = ds.CreateLayer(spec.name, srs, gtypes[spec.geometry_type])
    fields = spec.fields
    if fields is None:
        fields = _infer_fields(spec.features[0][1] if spec.features else {})
    otypes = {"str": ogr.OFTString, "int": ogr.OFTInteger64, "float": ogr.OFTReal}
    for name, t in fields:
        lyr.CreateField(ogr.FieldDefn(name, otypes[t]))
    names = [n for n, _ in fields]
    lyr.StartTransaction()
    for geom, props in spec.features:
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetGeometry(ogr.CreateGeometryFromJson(geom if isinstance(geom, str) else json.dumps(geom)))
        for n in names:
            v = props.get(n)
            if v is not None:
                f.SetField(n, v)
        lyr.CreateFeature(f)
    lyr.CommitTransaction()


def _infer_fields(props: dict) -> List[Tuple[str, str]]:
    out = []
    for k, v in props.items():
        t = "int" if isinstance(v, (bool, int)) else "float" if isinstance(v, float) else "str"
        out.append((k, t))
    return out


def box_polygon(bounds: Tuple[float, float, float, float]) -> dict:
    x0, y0, x1, y1 = bounds
    return {"type": "Polygon", "coordinates": [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]}
