"""Draw classified vector features onto tiles with rasterio.features, in the legend's draw order.

Preparation (classify, reproject to the grid CRS, buffer lines and points to their ground width) is
done once per layer set; drawing one tile then only selects the features whose bounding box meets
the tile and burns them. The result is a raster of category codes (0 = background) that
:func:`codes_to_rgb` / :func:`codes_to_grey` turn into the paper's semantic images.
"""
from __future__ import annotations

import json
import struct
from typing import List, Optional, Sequence, Tuple

import numpy as np

from ..errors import CrossTimeError
from ..messages import Detail, Message
from .grid import Bounds
from .legend import Legend, MappingReport, value_text
from .vectors import VectorLayerData, box_polygon, geometry_from_json, geometry_of, release_gradually
from .wkb import WkbProblem, polygon_from_wkb, wkb_to_json

_LINES = {"LineString", "MultiLineString"}
_POINTS = {"Point", "MultiPoint"}
_AREAS = {"Polygon", "MultiPolygon"}


class _BadFeature(CrossTimeError):
    """A feature whose geometry cannot be drawn; the message says why."""


# attributes that identify a feature to its owner, in the order they are looked for
_ID_FIELDS = ("fid", "id", "cleabs", "id_bdtopo", "osm_id", "objectid", "gid")


def feature_label(props: dict, index: int) -> str:
    """'feature 12' (its position in the layer, from 1), with its identifier when it has one."""
    return label_of_origin(*feature_origin(props, index))


def feature_origin(props: dict, index: int) -> tuple:
    """(position from 1, identifier field, its value): kept for every drawable feature in case its drawing fails
    later, so plain numbers and text that the cycle collector stops watching, not a Message per feature."""
    low = {str(k).lower(): v for k, v in props.items()}
    for key in _ID_FIELDS:
        if low.get(key) not in (None, ""):
            value = low[key]
            return index + 1, key, value if isinstance(value, (int, float, str)) else str(value)
    return index + 1, None, None


def label_of_origin(n: int, key: Optional[str], value) -> str:
    if key is None:
        return Message("feature {n}", n=n)
    return Message("feature {n} ({key}={value})", n=n, key=key, value=value)


def _structure_problem(geom: dict) -> Optional[str]:
    """What makes a GeoJSON-like geometry unreadable, found before GDAL (which would only say 'error')."""
    gtype = geom.get("type") if isinstance(geom, dict) else None
    coords = geom.get("coordinates") if isinstance(geom, dict) else None
    if gtype == "GeometryCollection":
        return None
    if gtype not in ("Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"):
        return Message("unknown geometry type {type!r}", type=gtype)
    if not isinstance(coords, (list, tuple)):
        return Message("no coordinates")
    polygons = [coords] if gtype == "Polygon" else coords if gtype == "MultiPolygon" else []
    for poly in polygons:
        for r, ring in enumerate(poly if isinstance(poly, (list, tuple)) else []):
            if not isinstance(ring, (list, tuple)) or not ring:
                return Message("ring {n} has no points", n=r + 1)
            if list(ring[0]) != list(ring[-1]):
                return Message("ring {n} is not closed (its last point is not its first)", n=r + 1)
            if len(ring) < 4:
                return Message("ring {n} has fewer than 4 points", n=r + 1)
    lines = [coords] if gtype == "LineString" else coords if gtype == "MultiLineString" else []
    for line in lines:
        if not isinstance(line, (list, tuple)) or len(line) < 2:
            return Message("a line with fewer than 2 points")
    return None


class _QuietGdal:
    """GDAL errors become exceptions (reported per feature) instead of lines on stderr; unclosed rings are
    refused rather than accepted with a warning."""

    def __enter__(self):
        from osgeo import gdal, ogr
        ogr.UseExceptions()
        gdal.PushErrorHandler("CPLQuietErrorHandler")
        self._ring = gdal.GetThreadLocalConfigOption("OGR_GEOMETRY_ACCEPT_UNCLOSED_RING", None)
        gdal.SetThreadLocalConfigOption("OGR_GEOMETRY_ACCEPT_UNCLOSED_RING", "NO")
        return self

    def __exit__(self, *exc):
        from osgeo import gdal
        gdal.SetThreadLocalConfigOption("OGR_GEOMETRY_ACCEPT_UNCLOSED_RING", self._ring)
        gdal.PopErrorHandler()
        return False


DRAW_RUN = 256          # shapes per rasterize call


class SemanticRasterizer:
    """Classified, reprojected and buffered features of one date, ready to draw on any tile.

    A feature whose geometry cannot be read, reprojected, buffered or drawn is skipped and reported in
    ``report.bad_features`` (layer, feature, reason); it never stops the job.
    """

    def __init__(self, layers: Sequence[VectorLayerData], legend: Legend, crs: str,
                 min_width: float = 0.0, clip_to: Optional[Bounds] = None):
        """``min_width``: lines and points are drawn at least this wide (ground units), typically one pixel."""
        self.legend = legend
        self.crs = crs
        self.report = MappingReport()
        geoms: List[dict] = []
        codes: List[int] = []
        orders: List[int] = []
        boxes: List[tuple] = []
        origins: List[tuple] = []
        with _QuietGdal():
            for layer in layers:
                self._prepare_layer(layer, legend, crs, min_width, clip_to, geoms, codes, orders, boxes, origins)
        order = np.argsort(np.asarray(orders, np.int64), kind="stable")
        # (type, coordinates) tuples, made a GeoJSON mapping only when drawn: tuples of numbers leave the cycle
        # collector's watch, dicts stay (see geometry_of)
        self._geoms = [geoms[k] for k in order]
        self._origins = [origins[k] for k in order]
        self._codes = np.asarray(codes, np.uint8)[order] if codes else np.zeros(0, np.uint8)
        # in slices, as ``release_gradually`` frees: one conversion of 10^5 boxes would hold the GIL for 50 ms
        self._boxes = np.concatenate([np.asarray(boxes[s:s + 4096], np.float64).reshape(-1, 4)
                                      for s in range(0, len(boxes), 4096)] or [np.zeros((0, 4))])[order]
        for big in (geoms, boxes, origins):
            release_gradually(big)
        self._drawable = np.ones(len(self._geoms), bool)

    def __len__(self) -> int:
        return len(self._geoms)

    def release(self) -> None:
        """Forget the prepared geometries, a slice at a time (see ``release_gradually``); nothing can be drawn after."""
        release_gradually(self._geoms)
        release_gradually(self._origins)

    def _mapping(self, k: int) -> dict:
        kind, parts = self._geoms[k]
        return {"type": kind, "geometries" if kind == "GeometryCollection" else "coordinates": parts}

    def _prepare_layer(self, layer, legend, crs, min_width, clip_to, geoms, codes, orders, boxes, origins) -> None:
        from osgeo import ogr, osr
        rules = legend.rules_for_layer(layer.name)
        if not layer.features:
            self.report.empty_layers.append(layer.name)
            return
        if not rules:
            self.report.unmapped_layers[layer.name] = len(layer.features)
            return
        src, dst = osr.SpatialReference(), osr.SpatialReference()
        src.SetFromUserInput(layer.crs)
        dst.SetFromUserInput(crs)
        for s in (src, dst):
            s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        ct = None if src.IsSame(dst) else osr.CoordinateTransformation(src, dst)
        clip = None
        if clip_to is not None:
            clip = ogr.CreateGeometryFromJson(json.dumps(box_polygon(clip_to)))
        classify = _remembering_classifier(legend, layer.name, rules)
        for n, (geom, props) in enumerate(layer.records()):
            hit = classify(props)
            if hit is None:
                self.report.unmapped_values[layer.name][value_text(props, rules)] += 1
                continue
            cat, width = hit
            try:
                done = _prepare_feature(geom, ct, clip, max(width or cat.default_width, min_width), clip_to)
            except Exception as exc:     # GDAL/GEOS errors come as RuntimeError, malformed data as others
                reason = exc.message if isinstance(exc, _BadFeature) else (str(exc).strip()
                                                                           or Message("GDAL cannot read this geometry"))
                self.report.bad_features[layer.name].append((feature_label(props, n), reason))
                continue
            if done is None:
                continue
            g, box = done
            geoms.append(g)
            codes.append(cat.code)
            orders.append(cat.order)
            boxes.append(box)
            origins.append((layer.name, *feature_origin(props, n)))     # flat: leaves the collector's sight at once
            self.report.mapped[layer.name][cat.key] += 1

    def codes(self, bounds: Bounds, pixels: int) -> np.ndarray:
        """Category codes (pixels x pixels, uint8) of the features drawn on a tile."""
        from rasterio.transform import from_bounds
        out = np.zeros((pixels, pixels), np.uint8)
        return self.draw(out, from_bounds(*bounds, pixels, pixels), bounds)

    def draw(self, out: np.ndarray, transform, bounds: Optional[Bounds] = None) -> np.ndarray:
        """Burn the features meeting ``bounds`` (all when None) into ``out`` placed by ``transform``."""
        from rasterio.features import rasterize
        if not len(self._geoms):
            return out
        if bounds is None:
            sel = np.nonzero(self._drawable)[0]
        else:
            b = self._boxes
            sel = np.nonzero(self._drawable & (b[:, 0] < bounds[2]) & (b[:, 2] > bounds[0])
                             & (b[:, 1] < bounds[3]) & (b[:, 3] > bounds[1]))[0]
        if not sel.size:
            return out
        from rasterio.env import Env
        before = out.copy()
        try:
            # in runs of a few hundred shapes, in order: one call holds the GIL throughout (QGIS's GUI thread
            # would wait for a tile of thousands of buildings); in one GDAL environment, not one per run (1 ms each)
            with Env():
                for s in range(0, sel.size, DRAW_RUN):
                    rasterize(((self._mapping(k), int(self._codes[k])) for k in sel[s:s + DRAW_RUN]), out=out,
                              transform=transform, fill=0, dtype=np.uint8)
        except Exception:
            # one shape rasterio refuses spoils the whole call: draw one by one, in the same order, and set
            # the culprits aside for good
            out[...] = before
            for k in sel:
                try:
                    rasterize([(self._mapping(k), int(self._codes[k]))], out=out, transform=transform, fill=0,
                              dtype=np.uint8)
                except Exception as exc:
                    self._drawable[k] = False
                    layer, *origin = self._origins[k]
                    self.report.bad_features[layer].append((label_of_origin(*origin), Message("cannot be drawn: {reason}",
                                                                           reason=Detail(str(exc).strip()))))
        return out


def _first_sentence(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text.split(". ")[0].split(", but ")[0] or type(exc).__name__


def _prepare_feature(geom, ct, clip, width: float, clip_box: Optional[Bounds] = None
                     ) -> Optional[Tuple[tuple, tuple]]:
    """((type, coordinates) of the GeoJSON geometry in the grid CRS, buffered to ``width`` if a line or point; its
    bounding box), None when empty or outside ``clip``. Raises when the geometry cannot be used."""
    from osgeo import ogr
    if isinstance(geom, (bytes, bytearray)):
        if ct is None:
            try:
                area = polygon_from_wkb(geom)
            except WkbProblem as exc:
                raise _BadFeature(exc.message) from None
            except struct.error:
                raise _BadFeature("GDAL cannot read this geometry") from None
            if area is not None:
                kind, parts, box = area
                if clip_box is not None and (box[2] < clip_box[0] or box[0] > clip_box[2] or box[3] < clip_box[1]
                                             or box[1] > clip_box[3]):
                    return None
                return (kind, parts), box
        try:
            geom = wkb_to_json(geom)
        except WkbProblem as exc:
            raise _BadFeature(exc.message) from None
    text_in = geom if isinstance(geom, str) else None
    geom = json.loads(text_in) if text_in is not None else geometry_of(geom)   # lists: read here, kept by no one
    problem = _structure_problem(geom)
    if problem:
        raise _BadFeature(problem)
    if text_in is not None and ct is None and geom.get("type") in _AREAS:
        return _area_as_given(geom, clip_box)
    g = ogr.CreateGeometryFromJson(text_in if text_in is not None else json.dumps(geom))
    if g is None:
        raise _BadFeature("GDAL cannot read this geometry")
    if g.IsEmpty():
        return None
    if ct is not None:
        try:
            g.Transform(ct)
        except RuntimeError as exc:
            raise _BadFeature("cannot be reprojected to the grid's CRS, coordinates outside the layer CRS's area? "
                              "({reason})", reason=Detail(_first_sentence(exc))) from None
    gtype = geom.get("type", "")
    try:
        if gtype in _LINES or gtype in _POINTS:
            g = g.Buffer(width / 2.0, 4)
        if clip is not None and not g.Intersects(clip):
            return None
    except RuntimeError as exc:
        raise _BadFeature("GEOS cannot use this geometry ({reason})", reason=Detail(_first_sentence(exc))) from None
    xmin, xmax, ymin, ymax = g.GetEnvelope()
    if not np.all(np.isfinite([xmin, xmax, ymin, ymax])):
        raise _BadFeature("coordinates that are not finite numbers (after reprojection)")
    from rasterio.features import is_valid_geom
    text = g.ExportToJson()
    if not text:
        raise _BadFeature("coordinates that are not numbers (NaN or infinite)")
    out = json.loads(text)
    if "coordinates" in out:
        out["coordinates"] = _packed(out["coordinates"])
    else:
        out = geometry_from_json(text)
    if not is_valid_geom(out):
        raise _BadFeature("not a geometry rasterio can draw")
    return (out["type"], out.get("coordinates", out.get("geometries"))), (xmin, ymin, xmax, ymax)


def _remembering_classifier(legend, layer_name: str, rules):
    """``legend.classify`` for one layer, remembering the answer for each combination of the attributes its rules
    read: a layer's features share a handful of them (NATURE, USAGE...), and 13 rules tried per feature were a third
    of the time a click took to prepare its features."""
    from .legend import _get_ci
    fields = sorted({f for r in rules for f in ([r.field] if r.field else []) + list(r.width_fields)})
    seen: dict = {}

    def classify(props: dict):
        try:
            key = tuple(_get_ci(props, f) for f in fields)
            hash(key)
        except TypeError:                       # a list attribute: not remembered
            return legend.classify(layer_name, props, rules)
        if key not in seen:
            seen[key] = legend.classify(layer_name, props, rules)
        return seen[key]
    return classify


def _area_as_given(geom: dict, clip_box: Optional[Bounds]) -> Optional[Tuple[tuple, tuple]]:
    """A polygon already in the grid's CRS, read as text from a layer: nothing for GDAL to change (no reprojection,
    no buffer), so it is drawn as given and its box found in plain Python (rings of a few points: quicker than GDAL's
    round trip or numpy's per-array cost). A click prepares the few thousand features around it this way."""
    import math

    from rasterio.features import is_valid_geom
    polygons = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
    xs = [p[0] for poly in polygons for ring in poly for p in ring]
    ys = [p[1] for poly in polygons for ring in poly for p in ring]
    if not xs:
        return None
    xmin, xmax, ymin, ymax = min(xs), max(xs), min(ys), max(ys)
    if not all(math.isfinite(v) for v in (xmin, xmax, ymin, ymax)):
        raise _BadFeature("coordinates that are not finite numbers (after reprojection)")
    if clip_box is not None and (xmax < clip_box[0] or xmin > clip_box[2] or ymax < clip_box[1] or ymin > clip_box[3]):
        return None
    out = {"type": geom["type"], "coordinates": _packed(geom["coordinates"])}
    if not is_valid_geom(out):
        raise _BadFeature("not a geometry rasterio can draw")
    return (out["type"], out["coordinates"]), (float(xmin), float(ymin), float(xmax), float(ymax))


def _packed(coordinates):
    """GeoJSON coordinates with every run of positions as one float array, which rasterio draws as it is: arrays are
    out of the cycle collector's sight and the few tuples around them leave it at its next young pass, where nested
    tuples of numbers (7 per square building) reached its oldest generation and set off the full passes that froze
    QGIS's GUI thread while 10^5 features were prepared (bench/bench_stall.py)."""
    if not isinstance(coordinates, list) or not coordinates:
        return coordinates
    first = coordinates[0]
    if isinstance(first, (int, float)) or (isinstance(first, list) and first and isinstance(first[0], (int, float))):
        try:
            return np.asarray(coordinates, np.float64)
        except ValueError:          # positions of mixed dimensions: drawn all the same from tuples
            pass
    return tuple(_packed(c) for c in coordinates)


def codes_to_rgb(codes: np.ndarray, legend: Legend) -> np.ndarray:
    return legend.rgb_lut()[codes]


def codes_to_grey(codes: np.ndarray, legend: Legend) -> np.ndarray:
    return legend.grey_lut()[codes]
