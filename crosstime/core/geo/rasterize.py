"""Draw classified vector features onto tiles with rasterio.features, in the legend's draw order.

Preparation (classify, reproject to the grid CRS, buffer lines and points to their ground width) is
done once per layer set; drawing one tile then only selects the features whose bounding box meets
the tile and burns them. The result is a raster of category codes (0 = background) that
:func:`codes_to_rgb` / :func:`codes_to_grey` turn into the paper's semantic images.
"""
from __future__ import annotations

import json
from typing import List, Optional, Sequence

import numpy as np

from .grid import Bounds
from .legend import Legend, MappingReport, value_text
from .vectors import VectorLayerData, box_polygon

_LINES = {"LineString", "MultiLineString"}
_POINTS = {"Point", "MultiPoint"}


class SemanticRasterizer:
    """Classified, reprojected and buffered features of one date, ready to draw on any tile."""

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
        for layer in layers:
            self._prepare_layer(layer, legend, crs, min_width, clip_to, geoms, codes, orders, boxes)
        order = np.argsort(np.asarray(orders, np.int64), kind="stable")
        self._geoms = [geoms[k] for k in order]
        self._codes = np.asarray(codes, np.uint8)[order] if codes else np.zeros(0, np.uint8)
        self._boxes = np.asarray(boxes, np.float64).reshape(-1, 4)[order]

    def __len__(self) -> int:
        return len(self._geoms)

    def _prepare_layer(self, layer, legend, crs, min_width, clip_to, geoms, codes, orders, boxes) -> None:
        from osgeo import ogr, osr
        ogr.UseExceptions()
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
        for geom, props in layer.features:
            hit = legend.classify(layer.name, props, rules)
            if hit is None:
                self.report.unmapped_values[layer.name][value_text(props, rules)] += 1
                continue
            cat, width = hit
            try:
                g = ogr.CreateGeometryFromJson(json.dumps(geom))
            except RuntimeError:
                continue
            if g is None or g.IsEmpty():
                continue
            if ct is not None:
                g.Transform(ct)
            gtype = geom.get("type", "")
            if gtype in _LINES or gtype in _POINTS:
                w = max(width or cat.default_width, min_width)
                g = g.Buffer(w / 2.0, 4)
            if clip is not None:
                if not g.Intersects(clip):
                    continue
            xmin, xmax, ymin, ymax = g.GetEnvelope()
            geoms.append(json.loads(g.ExportToJson()))
            codes.append(cat.code)
            orders.append(cat.order)
            boxes.append((xmin, ymin, xmax, ymax))
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
            sel = np.arange(len(self._geoms))
        else:
            b = self._boxes
            sel = np.nonzero((b[:, 0] < bounds[2]) & (b[:, 2] > bounds[0])
                             & (b[:, 1] < bounds[3]) & (b[:, 3] > bounds[1]))[0]
        if sel.size:
            shapes = ((self._geoms[k], int(self._codes[k])) for k in sel)
            rasterize(shapes, out=out, transform=transform, fill=0, dtype=np.uint8)
        return out


def codes_to_rgb(codes: np.ndarray, legend: Legend) -> np.ndarray:
    return legend.rgb_lut()[codes]


def codes_to_grey(codes: np.ndarray, legend: Legend) -> np.ndarray:
    return legend.grey_lut()[codes]
