"""Land-cover rasters as a date's map: their classes read onto tiles as the legend's category codes.

A date's map may come from vector layers (BD TOPO), from a classified raster (a land-cover map), or both: the
raster is the ground the vectors are drawn on, as BD TOPO's vegetation areas lie under its roads and buildings.
Reading takes the most frequent class under each tile pixel (``mode``) when the raster is finer than the tiles, the
nearest class otherwise: a class value is a name, never averaged.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import List, Optional, Sequence

import numpy as np

from ..errors import CrossTimeError
from ..messages import Detail
from .class_mapping import ClassMapping, class_codes
from .grid import Bounds
from .legend import Legend, MappingReport

# values above this are no class numbering a lookup table should hold
_MAX_CLASS_VALUE = 65535
# pixels read (per side, at most) to count a raster's classes for the mapping report
_SURVEY_SIDE = 512


class ClassRasterError(CrossTimeError, RuntimeError):
    """A classified raster cannot be read as a map."""


@dataclass
class ClassRasterData:
    """One date's classified raster: a file GDAL reads, its band, and the mapping of its values to categories."""
    name: str
    path: str
    mapping: ClassMapping
    band: int = 1

    @property
    def source(self) -> str:
        return self.path

    def has_map(self) -> bool:
        return any(key is not None for key in self.mapping.classes.values())


def is_class_raster(layer) -> bool:
    return isinstance(layer, ClassRasterData)


class _OneRaster:
    """A raster opened for reading windows of its classes on the grid's CRS, and its value -> code table."""

    def __init__(self, data: ClassRasterData, legend: Legend, crs: str, resolution: Optional[float]):
        import rasterio
        from rasterio.crs import CRS
        from rasterio.enums import Resampling
        self.data, self._crs = data, crs
        try:
            self._src = rasterio.open(data.path)
        except rasterio.errors.RasterioIOError as exc:
            raise ClassRasterError("{path}: cannot open the land-cover raster ({exc})", path=data.path,
                                   exc=Detail(str(exc))) from exc
        src = self._src
        if src.crs is None:
            src.close()
            raise ClassRasterError("{path}: the land-cover raster has no coordinate reference system", path=data.path)
        if not 1 <= data.band <= src.count or np.dtype(src.dtypes[data.band - 1]).kind == "c":
            src.close()
            raise ClassRasterError("{path}: band {band} is not a band of class values", path=data.path, band=data.band)
        self.nodata = src.nodatavals[data.band - 1]
        native = min(abs(src.res[0]), abs(src.res[1]))
        self._resampling = Resampling.mode if resolution and resolution > 1.5 * native else Resampling.nearest
        self._warp = CRS.from_user_input(crs) != src.crs
        self._ds = self._open_warped(src)
        self.lut = data.mapping.lookup_table(legend.categories, _MAX_CLASS_VALUE)

    def _open_warped(self, src):
        if not self._warp:
            return src
        from rasterio.enums import Resampling
        from rasterio.vrt import WarpedVRT
        return WarpedVRT(src, crs=self._crs, resampling=Resampling.nearest, src_nodata=self.nodata, nodata=self.nodata)

    def close(self) -> None:
        if self._ds is not None and self._ds is not self._src:
            self._ds.close()
        if self._src is not None:
            self._src.close()
        self._src = self._ds = None

    def _dataset(self):
        if self._ds is None:        # closed with the tiles, read again
            import rasterio
            self._src = rasterio.open(self.data.path)
            self._ds = self._open_warped(self._src)
        return self._ds

    def values(self, bounds: Bounds, pixels: int) -> Optional[np.ndarray]:
        """The class values over ``bounds`` (pixels x pixels, int64); None where the raster does not reach."""
        from rasterio.windows import from_bounds
        ds = self._dataset()
        win = from_bounds(*bounds, transform=ds.transform)
        c0, r0 = max(win.col_off, 0.0), max(win.row_off, 0.0)
        c1, r1 = min(win.col_off + win.width, ds.width), min(win.row_off + win.height, ds.height)
        if c1 <= c0 or r1 <= r0:
            return None
        # the part of the tile the raster covers, in tile pixels: rasterio's boundless reads do not work through a
        # WarpedVRT, so the edge is cut here
        x0 = int(round((c0 - win.col_off) / win.width * pixels))
        x1 = int(round((c1 - win.col_off) / win.width * pixels))
        y0 = int(round((r0 - win.row_off) / win.height * pixels))
        y1 = int(round((r1 - win.row_off) / win.height * pixels))
        out = np.full((pixels, pixels), -1, np.int64)
        if x1 <= x0 or y1 <= y0:
            return out
        from rasterio.windows import Window
        part = ds.read(self.data.band, window=Window(c0, r0, c1 - c0, r1 - r0), out_shape=(y1 - y0, x1 - x0),
                       resampling=self._resampling)
        out[y0:y1, x0:x1] = _as_classes(part)
        return out

    def codes(self, values: np.ndarray) -> np.ndarray:
        return class_codes(values, self.lut)

    def survey(self, area: Optional[Bounds] = None) -> Counter:
        """Pixel counts of each class value over ``area`` (the grid's CRS; None: the whole raster), from a reduced
        read (nodata and the outside left out): a département's land cover is not read whole for a few tiles."""
        from rasterio.enums import Resampling
        self._dataset()
        if area is not None:
            data = self.values(area, _SURVEY_SIDE)
            data = data.ravel() if data is not None else np.zeros(0, np.int64)
        else:
            src = self._src
            scale = max(1.0, max(src.width, src.height) / _SURVEY_SIDE)
            shape = (max(1, int(src.height / scale)), max(1, int(src.width / scale)))
            data = src.read(self.data.band, out_shape=shape, resampling=Resampling.nearest)
            data = _as_classes(data)
        data = data[data >= 0]                      # no class: outside, or a NaN once cast
        if self.nodata is not None and np.isfinite(self.nodata):
            data = data[data != int(self.nodata)]
        values, counts = np.unique(data, return_counts=True)
        return Counter({int(v): int(n) for v, n in zip(values, counts)})


def _as_classes(values: np.ndarray) -> np.ndarray:
    """Class values as integers; a float raster's NaN is no class (-1)."""
    if values.dtype.kind == "f":
        return np.where(np.isfinite(values), np.rint(values), -1).astype(np.int64)
    return values.astype(np.int64)


class ClassRasterSampler:
    """Category codes of tiles read from one date's classified rasters (the first given is drawn first)."""

    def __init__(self, rasters: Sequence[ClassRasterData], legend: Legend, crs: str,
                 resolution: Optional[float] = None, clip_to: Optional[Bounds] = None):
        self.legend = legend
        self.report = MappingReport()
        self._rasters: List[_OneRaster] = []
        try:
            for data in rasters:
                self._rasters.append(_OneRaster(data, legend, crs, resolution))
        except Exception:
            self.close()
            raise
        for r in self._rasters:
            _report_classes(self.report, r.data, r.survey(clip_to))

    def __len__(self) -> int:
        return sum(1 for r in self._rasters if r.data.has_map())

    def release(self) -> None:
        self.close()

    def close(self) -> None:
        for r in self._rasters:
            r.close()

    def codes(self, bounds: Bounds, pixels: int) -> np.ndarray:
        out = np.zeros((pixels, pixels), np.uint8)
        for r in self._rasters:
            values = r.values(bounds, pixels)
            if values is not None:
                codes = r.codes(values)
                out = np.where(codes > 0, codes, out)
        return out


def _report_classes(report: MappingReport, data: ClassRasterData, counts: Counter) -> None:
    """Pixels per category, and classes present that the mapping does not know (left as background)."""
    total = sum(counts.values())
    if not total:
        report.empty_layers.append(data.name)
        return
    for value, n in counts.items():
        key = data.mapping.classes.get(value)
        if key is not None:
            report.mapped[data.name][key] += n
        elif value not in data.mapping.classes and value != 0:      # 0: "no class" in most land-cover maps
            report.unmapped_classes[data.name][data.mapping.label(value)] += n


class MapLayers:
    """One date's map from several parts (land-cover rasters, then vector layers drawn over them)."""

    def __init__(self, parts: Sequence):
        self.parts = [p for p in parts if p is not None]

    @property
    def report(self) -> MappingReport:
        """Read when asked: a vector part adds the features it failed to draw as it draws."""
        merged = MappingReport()
        for p in self.parts:
            merged.merge(p.report)
        return merged

    def __len__(self) -> int:
        return sum(len(p) for p in self.parts)

    def release(self) -> None:
        for p in self.parts:
            p.release()

    def close(self) -> None:
        for p in self.parts:
            if hasattr(p, "close"):
                p.close()

    def codes(self, bounds: Bounds, pixels: int) -> np.ndarray:
        out = np.zeros((pixels, pixels), np.uint8)
        for p in self.parts:
            codes = p.codes(bounds, pixels)
            out = np.where(codes > 0, codes, out)
        return out
