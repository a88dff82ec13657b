"""Read grid tiles out of an ortho with rasterio, in the grid's CRS and pixel size, as RGB uint8.

Memory stays bounded by one tile: a reader never loads the whole raster. Where the raster's CRS
differs from the grid's, a WarpedVRT aligned on the grid reprojects on the fly; otherwise a plain
windowed read resamples to the tile's pixel size. Pixels that are nodata or outside the raster are
reported in a validity mask, never silently turned into black.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Optional, Tuple

import numpy as np

from ..errors import CrossTimeError
from ..messages import Detail
from .grid import Bounds, TileGrid


class ImageryError(CrossTimeError, RuntimeError):
    """The raster cannot be used (unreadable, no CRS, wrong band layout...)."""


@dataclass
class TileRead:
    rgb: np.ndarray          # (pixels, pixels, 3) uint8, 0 where invalid
    valid: np.ndarray        # (pixels, pixels) bool
    @property
    def valid_fraction(self) -> float:
        return float(self.valid.mean())


def raster_bounds_in(path: str, crs: str) -> Bounds:
    """The raster's bounds expressed in ``crs`` (densified, so curved edges are covered)."""
    import rasterio
    from rasterio.warp import transform_bounds
    try:
        with rasterio.open(path) as src:
            if src.crs is None:
                raise ImageryError("{path}: the raster has no coordinate reference system; "
                                   "assign one (e.g. with gdal_edit.py -a_srs) before using it", path=path)
            return tuple(transform_bounds(src.crs, crs, *src.bounds, densify_pts=21))
    except rasterio.errors.RasterioIOError as exc:
        raise ImageryError("{path}: cannot open the raster ({exc})", path=path, exc=Detail(str(exc))) from exc


def raster_crs(path: str) -> Optional[str]:
    import rasterio
    with rasterio.open(path) as src:
        return src.crs.to_string() if src.crs else None


class OrthoReader:
    """Reads tiles of one raster onto a :class:`TileGrid`. Use as a context manager."""

    def __init__(self, path: str, grid: TileGrid, resampling: str = "auto"):
        import rasterio
        from rasterio.enums import Resampling
        self.path = str(path)
        self.grid = grid
        try:
            self._src = rasterio.open(self.path)
        except rasterio.errors.RasterioIOError as exc:
            raise ImageryError("{path}: cannot open the raster ({exc})", path=self.path, exc=Detail(str(exc))) from exc
        src = self._src
        if src.crs is None:
            self._src.close()
            raise ImageryError("{path}: the raster has no coordinate reference system", path=self.path)
        self._bands, self._alpha = _pick_bands(src)
        self._stretch = _stretch_for(src, self._bands)
        self._palette = _palette(src) if len(self._bands) == 1 else None
        native = min(abs(src.res[0]), abs(src.res[1]))
        if resampling == "auto":
            # averaging when shrinking avoids the aliasing that bilinear gives on large reductions
            resampling = "average" if grid.resolution > 1.5 * native else "bilinear"
        self._resampling = Resampling[resampling]
        from rasterio.crs import CRS
        from rasterio.enums import MaskFlags
        # no nodata value, no alpha, no mask band: every pixel inside the raster is valid, no mask to read
        self._all_valid = all(MaskFlags.all_valid in f for f in (src.mask_flag_enums[b - 1] for b in self._bands))
        self._same_crs = CRS.from_user_input(grid.crs) == src.crs
        self._vrt = None
        if not self._same_crs:
            self._vrt = self._make_vrt()

    def _make_vrt(self):
        from rasterio.transform import from_origin
        from rasterio.vrt import WarpedVRT
        g = self.grid
        x0, y0, x1, y1 = g.bounds()
        res = g.resolution
        width = int(round((x1 - x0) / res))
        height = int(round((y1 - y0) / res))
        self._vrt_origin = (x0, y1)
        extra = {"src_nodata": self._src.nodata, "nodata": self._src.nodata} if self._src.nodata is not None \
            else {"add_alpha": self._alpha is None}
        return WarpedVRT(self._src, crs=g.crs, transform=from_origin(x0, y1, res, res), width=width,
                         height=height, resampling=self._resampling, **extra)

    # context manager -------------------------------------------------------------------------
    def __enter__(self) -> OrthoReader:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._vrt is not None:
            self._vrt.close()
        self._src.close()

    # reading -----------------------------------------------------------------------------------
    def read(self, i: int, j: int) -> TileRead:
        return self.read_bounds(self.grid.footprint(i, j))

    def read_bounds(self, bounds: Bounds) -> TileRead:
        p = self.grid.pixels
        if self._vrt is not None:
            ds, window = self._vrt, self._vrt_window(bounds)
        else:
            from rasterio.windows import from_bounds
            ds, window = self._src, from_bounds(*bounds, transform=self._src.transform)
        # boundless reads go through a temporary VRT in rasterio: only pay for it at the edges
        inside = (window.col_off >= 0 and window.row_off >= 0 and window.col_off + window.width <= ds.width
                  and window.row_off + window.height <= ds.height)
        data = ds.read(self._bands, window=window, out_shape=(len(self._bands), p, p), boundless=not inside,
                       resampling=self._resampling, fill_value=0)
        if inside and self._all_valid and ds is self._src:
            valid = np.ones((p, p), bool)
        else:
            valid = self._valid_mask(ds, window, p, inside)
        rgb = self._to_rgb(data)
        rgb[~valid] = 0
        return TileRead(rgb=rgb, valid=valid)

    def _vrt_window(self, bounds: Bounds):
        from rasterio.windows import Window
        res = self.grid.resolution
        col = (bounds[0] - self._vrt_origin[0]) / res
        row = (self._vrt_origin[1] - bounds[3]) / res
        return Window(round(col), round(row), self.grid.pixels, self.grid.pixels)

    def _valid_mask(self, ds, window, p: int, inside: bool) -> np.ndarray:
        from rasterio.enums import Resampling
        # dataset masks cover nodata values, alpha bands, internal masks and the outside of the raster
        masks = ds.read_masks(self._bands, window=window, out_shape=(len(self._bands), p, p),
                              boundless=not inside, resampling=Resampling.nearest)
        return (masks > 0).all(axis=0)

    def _to_rgb(self, data: np.ndarray) -> np.ndarray:
        if self._palette is not None:
            rgb = self._palette[data[0].astype(np.intp)]
            return np.ascontiguousarray(rgb)
        if self._stretch is not None:
            lo, hi = self._stretch
            data = np.clip((data.astype(np.float32) - lo[:, None, None]) * (255.0 / (hi - lo))[:, None, None], 0, 255)
            data = data.round().astype(np.uint8)
        else:
            data = data.astype(np.uint8, copy=False)
        if data.shape[0] == 1:
            data = np.repeat(data, 3, axis=0)
        return np.ascontiguousarray(np.moveaxis(data, 0, -1))


def _pick_bands(src) -> Tuple[Tuple[int, ...], Optional[int]]:
    """Band indexes for R, G, B (or the single grey band) and the alpha band, if any."""
    from rasterio.enums import ColorInterp
    ci = list(src.colorinterp)
    alpha = ci.index(ColorInterp.alpha) + 1 if ColorInterp.alpha in ci else None
    if all(c in ci for c in (ColorInterp.red, ColorInterp.green, ColorInterp.blue)):
        return (ci.index(ColorInterp.red) + 1, ci.index(ColorInterp.green) + 1, ci.index(ColorInterp.blue) + 1), alpha
    non_alpha = [b for b in range(1, src.count + 1) if b != alpha]
    if len(non_alpha) >= 3:
        return tuple(non_alpha[:3]), alpha
    if len(non_alpha) >= 1:
        return (non_alpha[0],), alpha
    raise ImageryError("{src}: no usable image band", src=src.name)


def _palette(src) -> Optional[np.ndarray]:
    try:
        cmap = src.colormap(1)
    except ValueError:
        return None
    lut = np.zeros((max(256, max(cmap) + 1), 3), np.uint8)
    for k, v in cmap.items():
        lut[k] = v[:3]
    return lut


def _stretch_for(src, bands) -> Optional[Tuple[np.ndarray, np.ndarray]]:
    """A linear 2-98 % stretch for rasters that are not 8-bit, computed on a small decimated read."""
    if all(src.dtypes[b - 1] == "uint8" for b in bands):
        return None
    scale = max(1, int(math.ceil(max(src.width, src.height) / 1024)))
    h, w = max(1, src.height // scale), max(1, src.width // scale)
    sample = src.read(bands, out_shape=(len(bands), h, w), masked=True).astype(np.float64)
    lo, hi = [], []
    for b in range(sample.shape[0]):
        vals = sample[b].compressed()
        vals = vals[np.isfinite(vals)]
        if vals.size == 0:
            lo.append(0.0), hi.append(1.0)
            continue
        a, z = np.percentile(vals, [2, 98])
        lo.append(a), hi.append(z if z > a else a + 1)
    return np.asarray(lo, np.float32), np.asarray(hi, np.float32)
