"""Any raster layer QGIS can display, read tile by tile through the layer's own pipe (data provider + renderer).

Layers that are not plain files (WMS/WMTS/XYZ, GDAL WMS/TMS description files, virtual rasters) cannot be
read with rasterio; QGIS reads them. A :class:`RasterLayerReaderFactory` is made on the main thread from the
layer (it keeps clones of the provider and renderer, never the layer); the :class:`RasterLayerTileReader` it
returns is built in the thread that reads (the core calls the factory there), from fresh clones, because data
providers are not thread-safe. Each tile is rendered as QGIS would show it (the layer's styling, reprojected
on the fly to the grid's CRS) and its transparent pixels (nodata, outside the layer, missing web tiles) make
the validity mask, as with files.
"""
from __future__ import annotations

import numpy as np
from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransformContext,
    QgsRasterDataProvider,
    QgsRasterLayer,
    QgsRasterPipe,
    QgsRasterProjector,
    QgsRectangle,
)

from ..core.geo.orthos import ImageryError, TileRead
from ..translation import tr


class RasterLayerReaderFactory:
    """``factory(grid)`` -> a reader of the layer's tiles on ``grid``; made on the main thread."""

    def __init__(self, layer: QgsRasterLayer, transform_context: QgsCoordinateTransformContext = None):
        from qgis.core import QgsProject
        if layer is None or not layer.isValid() or layer.dataProvider() is None:
            raise ImageryError(tr("the raster layer '{}' cannot be read (not valid)").format(layer.name() if layer else ""))
        self.label = f"{layer.name()} ({layer.providerType()}: {layer.source()})"
        self.layer_id = layer.id()
        self.crs = QgsCoordinateReferenceSystem(layer.crs())
        self.context = QgsCoordinateTransformContext(transform_context or QgsProject.instance().transformContext())
        # templates: only ever cloned again (in the reading thread), never read from
        self._provider = layer.dataProvider().clone()
        self._renderer = layer.renderer().clone() if layer.renderer() is not None else None
        if self._renderer is None:
            raise ImageryError(tr("the raster layer '{}' has no renderer: QGIS cannot draw it").format(layer.name()))

    def __call__(self, grid) -> RasterLayerTileReader:
        return RasterLayerTileReader(self._provider.clone(), self._renderer.clone(), self.crs, self.context, grid,
                                     self.label)

    def __repr__(self) -> str:
        return f"RasterLayerReaderFactory({self.label})"


class RasterLayerTileReader:
    """Reads grid tiles as RGB uint8 with a validity mask, through a private raster pipe (one thread at a time)."""

    def __init__(self, provider: QgsRasterDataProvider, renderer, crs: QgsCoordinateReferenceSystem,
                 context: QgsCoordinateTransformContext, grid, label: str = ""):
        self.grid, self.label = grid, label
        self._pipe = QgsRasterPipe()
        if hasattr(provider, "enableProviderResampling"):
            # average when zooming out, as rasterio does for files, where the provider can (GDAL)
            provider.enableProviderResampling(True)
            provider.setZoomedOutResamplingMethod(QgsRasterDataProvider.ResamplingMethod.Average)
            provider.setZoomedInResamplingMethod(QgsRasterDataProvider.ResamplingMethod.Bilinear)
        if not self._pipe.set(provider):
            raise ImageryError(tr("{}: QGIS cannot read this layer's data").format(label))
        renderer.setOpacity(1.0)             # the layer's opacity is a display choice, not missing data
        self._pipe.set(renderer)
        grid_crs = QgsCoordinateReferenceSystem(grid.crs)
        if not grid_crs.isValid():
            raise ImageryError(tr("{}: the grid CRS {} is not known to QGIS").format(label, grid.crs))
        if grid_crs != crs:
            projector = QgsRasterProjector()
            projector.setCrs(crs, grid_crs, context)
            self._pipe.set(projector)

    def read(self, i: int, j: int) -> TileRead:
        return self.read_bounds(self.grid.footprint(i, j))

    def read_bounds(self, bounds) -> TileRead:
        p = self.grid.pixels
        block = self._pipe.last().block(1, QgsRectangle(*bounds), p, p)
        if block is None or not block.isValid() or block.width() != p or block.height() != p:
            return TileRead(rgb=np.zeros((p, p, 3), np.uint8), valid=np.zeros((p, p), bool))
        if block.dataType() not in (Qgis.DataType.ARGB32, Qgis.DataType.ARGB32_Premultiplied):
            raise ImageryError(tr("{}: QGIS rendered this layer as {}, not as colours").format(self.label,
                                                                                               block.dataType()))
        argb = np.frombuffer(bytes(block.data()), np.uint32, count=p * p).reshape(p, p)
        a = (argb >> 24).astype(np.uint8)
        rgb = np.stack([(argb >> 16) & 255, (argb >> 8) & 255, argb & 255], axis=-1).astype(np.float32)
        if block.dataType() == Qgis.DataType.ARGB32_Premultiplied:
            alpha = np.maximum(a, 1).astype(np.float32)[..., None]
            rgb = np.where(a[..., None] > 0, np.clip(rgb * 255.0 / alpha, 0, 255), 0)
        valid = a >= 128                     # transparent: nodata, outside the layer, missing web tiles
        rgb = rgb.round().astype(np.uint8)
        rgb[~valid] = 0
        return TileRead(rgb=np.ascontiguousarray(rgb), valid=valid)

    def close(self) -> None:
        self._pipe = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
