"""Archive search, step 1: the modern index, the new ortho's tiles described by the visual-only descriptor."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingOutputNumber,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
)

from ..core import choices
from .base import CrossTimeAlgorithm, number, raster_param, tr


class BuildModernIndex(CrossTimeAlgorithm):
    COUNT = "COUNT"
    MODEL = "MODEL"
    NEW_ORTHO = "NEW_ORTHO"
    OUTPUT = "OUTPUT"
    PIXELS = "PIXELS"
    STRIDE = "STRIDE"
    TILE_SIZE = "TILE_SIZE"
    NAME = "build_modern_index"
    GROUP_ID = "archive"

    def displayName(self) -> str:
        return tr("Build modern index for archive search")

    def shortHelpString(self) -> str:
        return tr(
            "Describes the modern ortho's tiles with the visual-only descriptor (archive photos have no vector "
            "layers) into an index file, against which scanned archive photos are located. Give a visual model "
            "trained with the 'archive' augmentation; without one an untrained network is used (it locates far worse). "
            "A stride smaller than the tile size overlaps the tiles and places photos more precisely. A web layer "
            "(WMS/WMTS/XYZ) is read over the extent given, its tiles kept in the tile cache."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFile(self.MODEL, tr("Visual model file (empty: untrained fallback)"),
                                                     extension="ctmodel", optional=True))
        self.addParameter(raster_param(self.NEW_ORTHO, tr("Modern ortho")))
        self.addParameter(number(self.TILE_SIZE, tr("Tile size (ground units)"), choices.ARCHIVE_TILE_SIZE, minimum=1.0))
        self.addParameter(number(self.STRIDE, tr("Stride between tiles (ground units, 0: the tile size)"), 0.0, minimum=0.0))
        self.addParameter(number(self.PIXELS, tr("Tile size in pixels (the model's own when a model is given)"),
                                 choices.ARCHIVE_PIXELS, minimum=32, integer=True))
        self.add_grid_params()
        self.addParameter(QgsProcessingParameterFileDestination(self.OUTPUT, tr("Modern index file"),
                                                                fileFilter=tr("CrossTime index (*.ctindex)")))
        self.addOutput(QgsProcessingOutputNumber(self.COUNT, tr("Tiles indexed")))

    def work(self, parameters, context, feedback, progress):
        from ..core import jobs
        model = self.parameterAsFile(parameters, self.MODEL, context) or None
        new = self.ortho_of(parameters, self.NEW_ORTHO, context, tr("modern ortho"))
        tile_size = self.parameterAsDouble(parameters, self.TILE_SIZE, context)
        pixels = self.parameterAsInt(parameters, self.PIXELS, context)
        stride = self.parameterAsDouble(parameters, self.STRIDE, context)
        _area, _crs, make_grid = self.grid_plan(parameters, context, None, new, tile_size, pixels, stride)
        out = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        idx = jobs.build_modern_index(out, new[1], tile_size, pixels=pixels, model=model, grid=make_grid(),
                                      progress=progress)
        feedback.pushInfo(tr("{} modern tiles described by {}").format(len(idx), idx.meta.get("describer", "")))
        return {self.OUTPUT: out, self.COUNT: len(idx)}
