"""Build tile dataset: both orthos and their vector layers cut on one grid into a tile store."""
from __future__ import annotations

from qgis.core import (QgsCoordinateReferenceSystem, QgsProcessingOutputNumber, QgsProcessingOutputString,
                       QgsProcessingParameterExtent, QgsProcessingParameterFolderDestination, QgsRectangle)

from .base import CrossTimeAlgorithm, multiple_vectors, number, raster_param, tr


class BuildTileDataset(CrossTimeAlgorithm):
    NAME = "build_tile_dataset"
    LABEL = "Build tile dataset"
    GROUP = "1. Data"
    HELP = ("Cuts the old and the new ortho into tiles on a common grid (over their overlap, in the new ortho's "
            "projected CRS), rasterizes the vector layers of each date onto the tiles with the chosen legend, "
            "and writes a tile store (a folder of arrays) that training, indexing and evaluation read fast. "
            "Tiles with nodata are kept with their valid fraction. Unmapped layers and values are reported.")

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API)
        self.addParameter(raster_param("OLD_ORTHO", "Old ortho"))
        self.addParameter(raster_param("NEW_ORTHO", "New ortho"))
        self.addParameter(multiple_vectors("OLD_VECTORS", "Vector layers of the old date"))
        self.addParameter(multiple_vectors("NEW_VECTORS", "Vector layers of the new date"))
        self.add_legend_params()
        self.addParameter(number("TILE_SIZE", "Tile size (ground units, e.g. metres)", 1000.0, minimum=1.0))
        self.addParameter(number("PIXELS", "Tile size in pixels", 256, minimum=32, integer=True))
        self.addParameter(number("STRIDE", "Distance between tiles (0: tile size, no overlap)", 0.0, minimum=0.0))
        self.addParameter(QgsProcessingParameterExtent("EXTENT", tr("Limit to this extent"), optional=True))
        self.addParameter(QgsProcessingParameterFolderDestination("OUTPUT", tr("Tile store (.ctstore folder)")))
        self.addOutput(QgsProcessingOutputNumber("TILES", tr("Tiles")))
        self.addOutput(QgsProcessingOutputNumber("USABLE", tr("Tiles fully covered on both dates")))
        self.addOutput(QgsProcessingOutputString("WARNINGS", tr("Warnings")))

    def work(self, parameters, context, feedback, progress):
        from ..core.dataset import build_tile_store, grid_for_orthos
        old = self.raster_of(parameters, "OLD_ORTHO", context, "old ortho")
        new = self.raster_of(parameters, "NEW_ORTHO", context, "new ortho")
        new_layer = self.parameterAsRasterLayer(parameters, "NEW_ORTHO", context)
        crs = new_layer.crs()
        if crs.isGeographic():
            from ..core.dataset import DatasetError
            raise DatasetError(f"the new ortho is in a geographic CRS ({crs.authid()}); reproject it to a projected "
                               "CRS in metres first (e.g. EPSG:2154 in France)")
        extent = None
        if parameters.get("EXTENT"):
            r = self.parameterAsExtent(parameters, "EXTENT", context, crs)
            extent = (r.xMinimum(), r.yMinimum(), r.xMaximum(), r.yMaximum())
        grid = grid_for_orthos(old, new, self.parameterAsDouble(parameters, "TILE_SIZE", context),
                               self.parameterAsInt(parameters, "PIXELS", context), crs.authid() or crs.toWkt(),
                               self.parameterAsDouble(parameters, "STRIDE", context), extent)
        feedback.pushInfo(f"grid: {grid.describe()}")
        rect, gcrs = QgsRectangle(*grid.bounds()), QgsCoordinateReferenceSystem(grid.crs)
        old_v = self.vectors_of(parameters, "OLD_VECTORS", context, feedback, rect, gcrs)
        new_v = self.vectors_of(parameters, "NEW_VECTORS", context, feedback, rect, gcrs)
        out = self.parameterAsString(parameters, "OUTPUT", context)
        if not out.endswith(".ctstore"):
            out += ".ctstore"
        store, summary = build_tile_store(out, old, new, old_v, new_v, grid, self.legend_of(parameters, context),
                                          progress)
        warnings = summary["old_mapping"].warnings() + summary["new_mapping"].warnings()
        for w in warnings:
            feedback.pushWarning(w)
        feedback.pushInfo(store.describe())
        return {"OUTPUT": out, "TILES": len(store), "USABLE": summary["usable"], "WARNINGS": "\n".join(warnings)}
