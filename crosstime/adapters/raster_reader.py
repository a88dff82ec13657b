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

import threading
import time
from typing import List, Optional, Tuple

import numpy as np
from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsProviderRegistry,
    QgsRasterDataProvider,
    QgsRasterLayer,
    QgsRasterPipe,
    QgsRasterProjector,
    QgsRectangle,
)
from qgis.PyQt.QtCore import QUrl

from ..core.geo.orthos import ImageryError, TileRead
from ..translation import tr
from .tile_cache import TileCache


class RasterLayerReaderFactory:
    """``factory(grid)`` -> a reader of the layer's tiles on ``grid``; made on the main thread.

    ``cache_folder``: where the tiles of a web layer are kept (adapters.tile_cache); None reads every tile from the
    layer. A web tile that comes back empty is checked against the service (ServiceCheck): a service that does not
    answer stops the job with its error, never a blank tile described as if it were imagery."""

    def __init__(self, layer: QgsRasterLayer, transform_context: QgsCoordinateTransformContext = None,
                 cache_folder: Optional[str] = None):
        from qgis.core import QgsProject
        if layer is None or not layer.isValid() or layer.dataProvider() is None:
            raise ImageryError(tr("the raster layer '{}' cannot be read (not valid)").format(layer.name() if layer else ""))
        self.label = f"{layer.name()} ({layer.providerType()}: {layer.source()})"
        self.name = layer.name() or QgsProviderRegistry.instance().decodeUri(layer.providerType(), layer.source()).get(
            "layers", layer.source()[:80])          # unnamed: given to Processing as a source string
        self.layer_id = layer.id()
        self.crs = QgsCoordinateReferenceSystem(layer.crs())
        self.context = QgsCoordinateTransformContext(transform_context or QgsProject.instance().transformContext())
        # templates: only ever cloned again (in the reading thread), never read from
        self._provider = layer.dataProvider().clone()
        self._renderer = layer.renderer().clone() if layer.renderer() is not None else None
        if self._renderer is None:
            raise ImageryError(tr("the raster layer '{}' has no renderer: QGIS cannot draw it").format(layer.name()))
        self.extent = QgsRectangle(layer.extent())
        self.cache = None
        if cache_folder:
            from qgis.core import QgsMapLayerStyle
            style = QgsMapLayerStyle()
            style.readFromLayer(layer)
            self.cache = TileCache(cache_folder, f"{layer.providerType()}|{layer.source()}|{style.xmlData()}")
        self.service = ServiceCheck(layer)

    def __call__(self, grid) -> RasterLayerTileReader:
        return RasterLayerTileReader(self._provider.clone(), self._renderer.clone(), self.crs, self.context, grid,
                                     self.label, cache=self.cache, service=self.service, extent=self.extent,
                                     name=self.name)

    def __repr__(self) -> str:
        return f"RasterLayerReaderFactory({self.label})"


class ServiceCheck:
    """Tells a web service that failed from an empty tile: QGIS's providers return a transparent block for both. The
    network errors of the layer's requests (QgsNetworkAccessManager reports every thread's to the main thread's
    instance) and, when none came, one request of the service's own (QGIS's network settings: proxy, timeouts)."""

    PROBE_EVERY_S = 10.0

    def __init__(self, layer: QgsRasterLayer):
        from qgis.core import QgsNetworkAccessManager
        parts = QgsProviderRegistry.instance().decodeUri(layer.providerType(), layer.source())
        url = str(parts.get("url") or "")
        if not url and layer.providerType() == "wms":
            from qgis.core import QgsDataSourceUri
            uri = QgsDataSourceUri()
            uri.setEncodedUri(layer.source())
            url = uri.param("url")
        if not url.lower().startswith(("http://", "https://")):
            url = ""                         # files (XYZ tiles on disk...): no service to ask
        # an XYZ template asked for its first tile, which every such service has
        url = url.replace("{z}", "0").replace("{x}", "0").replace("{y}", "0").replace("{-y}", "0")
        self.url = url
        self.host = QUrl(url).host() if url else ""
        self.port = QUrl(url).port()
        self._errors: List[str] = []
        self._lock = threading.Lock()
        self._last_ok = 0.0
        if self.host:
            QgsNetworkAccessManager.instance().finished.connect(self._finished)

    def _finished(self, reply) -> None:
        url = reply.request().url()
        if reply.error() and url.host() == self.host and url.port() == self.port:
            with self._lock:
                self._errors.append(f"{reply.errorString()} ({url.toString()[:200]})")

    def errors(self) -> int:
        with self._lock:
            return len(self._errors)

    def failure(self, errors_before: int, wait: bool = True) -> Tuple[Optional[str], bool]:
        """(why the service failed since ``errors_before`` errors were seen or None, whether the service was just
        heard from). ``wait``: for errors of another thread (they reach the main thread's queue first), then ask the
        service, at most once every PROBE_EVERY_S seconds."""
        if not self.url:
            return None, True
        recent = time.monotonic() - self._last_ok < self.PROBE_EVERY_S
        deadline = time.monotonic() + (1.0 if wait and not recent else 0.0)
        while True:
            with self._lock:
                if len(self._errors) > errors_before:
                    return self._errors[-1], False
            if time.monotonic() >= deadline:
                break
            time.sleep(0.05)
        if not wait or recent:
            return None, False
        from qgis.core import QgsBlockingNetworkRequest
        from qgis.PyQt.QtNetwork import QNetworkRequest
        req = QgsBlockingNetworkRequest()
        if req.get(QNetworkRequest(QUrl(self.url))) != QgsBlockingNetworkRequest.ErrorCode.NoError:
            return req.errorMessage(), False
        self._last_ok = time.monotonic()
        return None, True


class RasterLayerTileReader:
    """Reads grid tiles as RGB uint8 with a validity mask, through a private raster pipe (one thread at a time)."""

    def __init__(self, provider: QgsRasterDataProvider, renderer, crs: QgsCoordinateReferenceSystem,
                 context: QgsCoordinateTransformContext, grid, label: str = "", cache: Optional[TileCache] = None,
                 service: Optional[ServiceCheck] = None, extent: Optional[QgsRectangle] = None, name: str = ""):
        self.grid, self.label, self.name = grid, label, name or label
        self.cache, self.service = cache, service
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
        self._extent = None
        if extent is not None and not extent.isEmpty():
            try:
                self._extent = QgsCoordinateTransform(crs, grid_crs, context).transformBoundingBox(extent)
            except Exception:
                self._extent = None
        if grid_crs != crs:
            projector = QgsRasterProjector()
            projector.setCrs(crs, grid_crs, context)
            self._pipe.set(projector)

    def read(self, i: int, j: int) -> TileRead:
        return self.read_bounds(self.grid.footprint(i, j))

    def read_bounds(self, bounds) -> TileRead:
        p = self.grid.pixels
        if self.cache is not None:
            tile = self.cache.get(self.grid.crs, bounds, p)
            if tile is not None:
                return tile
        errors = self.service.errors() if self.service is not None else 0
        tile = self._render(bounds)
        keep = True
        if self.service is not None:
            # a request that failed: QGIS may have filled the tile with a coarser one it still had, or left it empty.
            # Empty where the layer has data: a tile the service did not send, or a true gap in its coverage; a
            # wholly empty one waits for the network's errors and may ask the service itself
            blank = not tile.valid.any() and self._inside(bounds)
            why, heard = self.service.failure(errors, wait=blank)
            if why:
                raise ImageryError(tr("the web layer '{}' did not send the tile at {}: {}. The tiles read so far "
                                      "are kept in the cache; build again to go on from there").format(
                                          self.name, ", ".join(f"{v:.0f}" for v in bounds), why))
            keep = not blank or heard           # an empty tile is cached only when the service just answered
        if self.cache is not None and keep:
            self.cache.put(self.grid.crs, bounds, p, tile)
        return tile

    def _inside(self, bounds) -> bool:
        e = self._extent
        return e is None or e.contains(QgsRectangle(*bounds))

    def _render(self, bounds) -> TileRead:
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
