"""Build tile store: both orthos and their vector layers cut on one grid into a tile store."""

from __future__ import annotations

from qgis.core import QgsProcessingOutputNumber, QgsProcessingOutputString, QgsProcessingParameterFolderDestination

from ..core import choices
from ..translation import mapping_warnings
from .base import CrossTimeAlgorithm, multiple_vectors, number, raster_param, tr, translated


class BuildTileStore(CrossTimeAlgorithm):
    NEW_ORTHO = "NEW_ORTHO"
    NEW_VECTORS = "NEW_VECTORS"
    OLD_ORTHO = "OLD_ORTHO"
    OLD_VECTORS = "OLD_VECTORS"
    OLD_CLASSES = "OLD_CLASSES"
    NEW_CLASSES = "NEW_CLASSES"
    OUTPUT = "OUTPUT"
    PIXELS = "PIXELS"
    STRIDE = "STRIDE"
    TILES = "TILES"
    TILE_SIZE = "TILE_SIZE"
    USABLE = "USABLE"
    WARNINGS = "WARNINGS"
    NAME = "build_tile_dataset"
    GROUP_ID = "data"

    def displayName(self) -> str:
        return tr("Build tile dataset")

    def shortHelpString(self) -> str:
        return tr(
            "Cuts the old and the new ortho into tiles on a common grid (over their overlap, in a projected CRS in "
            "metres: the one given, else the new ortho's or the project's, else Lambert-93 in France or the UTM "
            "zone; web layers (WMS/WMTS/XYZ, WFS) are read over the extent given), rasterizes the vector layers of "
            "each date onto the tiles with the chosen legend (over its land-cover rasters, if given: their classes "
            "become categories by a preset, a mapping file, or their class names), and writes a tile store (a "
            "folder of arrays) that training, indexing and evaluation read fast. Tiles with nodata are kept with "
            "their valid fraction. Unmapped layers and values are reported."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(raster_param(self.OLD_ORTHO, tr("Old ortho")))
        self.addParameter(raster_param(self.NEW_ORTHO, tr("New ortho")))
        self.addParameter(multiple_vectors(self.OLD_VECTORS, tr("Vector layers of the old date")))
        self.addParameter(multiple_vectors(self.NEW_VECTORS, tr("Vector layers of the new date")))
        self.add_legend_params()
        self.add_class_params(((self.OLD_CLASSES, tr("Land-cover rasters of the old date")),
                               (self.NEW_CLASSES, tr("Land-cover rasters of the new date"))))
        self.addParameter(number(self.TILE_SIZE, tr("Tile size (ground units, e.g. metres)"), choices.DEFAULT_TILE_SIZE,
                                 minimum=1.0))
        self.addParameter(number(self.PIXELS, tr("Tile size in pixels"), choices.DEFAULT_PIXELS, minimum=32, integer=True))
        self.addParameter(number(self.STRIDE, tr("Distance between tiles (0: tile size, no overlap)"), 0.0, minimum=0.0))
        self.add_grid_params()
        self.addParameter(QgsProcessingParameterFolderDestination(self.OUTPUT, tr("Tile store (.ctstore folder)")))
        self.addOutput(QgsProcessingOutputNumber(self.TILES, tr("Tiles")))
        self.addOutput(QgsProcessingOutputNumber(self.USABLE, tr("Tiles fully covered on both dates")))
        self.addOutput(QgsProcessingOutputString(self.WARNINGS, tr("Warnings")))

    def work(self, parameters, context, feedback, progress):
        from ..core import jobs

        old = self.ortho_of(parameters, self.OLD_ORTHO, context, tr("old ortho"))
        new = self.ortho_of(parameters, self.NEW_ORTHO, context, tr("new ortho"))
        tile_size = self.parameterAsDouble(parameters, self.TILE_SIZE, context)
        pixels = self.parameterAsInt(parameters, self.PIXELS, context)
        stride = self.parameterAsDouble(parameters, self.STRIDE, context)
        # only the features over the tiled area are copied out of QGIS
        area, crs, make_grid = self.grid_plan(parameters, context, old, new, tile_size, pixels, stride)
        old_v = self.classes_of(parameters, self.OLD_CLASSES, context) + \
            self.vectors_of(parameters, self.OLD_VECTORS, context, feedback, area, crs)
        new_v = self.classes_of(parameters, self.NEW_CLASSES, context) + \
            self.vectors_of(parameters, self.NEW_VECTORS, context, feedback, area, crs)
        out = self.parameterAsString(parameters, self.OUTPUT, context)
        if not out.endswith(".ctstore"):
            out += ".ctstore"
        store, summary = jobs.build_tile_store(out, old[1], new[1], old_v, new_v, self.legend_of(parameters, context),
                                               tile_size=tile_size, pixels=pixels, grid=make_grid(),
                                               progress=progress)
        warnings = mapping_warnings(summary["old_mapping"]) + mapping_warnings(summary["new_mapping"])
        for w in warnings:
            feedback.pushWarning(w)
        feedback.pushInfo(translated(store.summary()))
        return {self.OUTPUT: out, self.TILES: len(store), self.USABLE: summary["usable"], self.WARNINGS: "\n".join(warnings)}
