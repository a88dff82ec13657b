"""Archive search, step 1: the modern index (visual-only) and the index of an archive's photo windows."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
)

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
            "A stride smaller than the tile size overlaps the tiles and places photos more precisely."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFile(self.MODEL, tr("Visual model file (empty: untrained fallback)"),
                                                     extension="ctmodel", optional=True))
        self.addParameter(raster_param(self.NEW_ORTHO, tr("Modern ortho")))
        self.addParameter(number(self.TILE_SIZE, tr("Tile size (ground units)"), 200.0, minimum=1.0))
        self.addParameter(number(self.STRIDE, tr("Stride between tiles (ground units, 0: the tile size)"), 0.0, minimum=0.0))
        self.addParameter(number(self.PIXELS, tr("Tile size in pixels (the model's own when a model is given)"), 64,
                                 minimum=32, integer=True))
        self.addParameter(QgsProcessingParameterFileDestination(self.OUTPUT, tr("Modern index file"),
                                                                fileFilter=tr("CrossTime index (*.ctindex)")))
        self.addOutput(QgsProcessingOutputNumber(self.COUNT, tr("Tiles indexed")))

    def work(self, parameters, context, feedback, progress):
        from ..core import jobs
        model = self.parameterAsFile(parameters, self.MODEL, context) or None
        ortho = self.raster_of(parameters, self.NEW_ORTHO, context, tr("modern ortho"))
        crs = self.projected_crs_of(parameters, self.NEW_ORTHO, context)
        out = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        idx = jobs.build_modern_index(out, ortho, self.parameterAsDouble(parameters, self.TILE_SIZE, context),
                                      self.parameterAsInt(parameters, self.PIXELS, context), model,
                                      self.parameterAsDouble(parameters, self.STRIDE, context), crs, progress=progress)
        feedback.pushInfo(tr("{} modern tiles described by {}").format(len(idx), idx.meta.get("describer", "")))
        return {self.OUTPUT: out, self.COUNT: len(idx)}


class IndexArchive(CrossTimeAlgorithm):
    CATALOGUE = "CATALOGUE"
    COUNT = "COUNT"
    FOLDER = "FOLDER"
    MODEL = "MODEL"
    MODERN_INDEX = "MODERN_INDEX"
    OUTPUT = "OUTPUT"
    UNKNOWN_SCALE = "UNKNOWN_SCALE"
    NAME = "index_archive"
    GROUP_ID = "archive"

    def displayName(self) -> str:
        return tr("Index an archive")

    def shortHelpString(self) -> str:
        return tr(
            "Cuts every scanned photo of an archive folder (TIFF, JPEG, PNG, JPEG 2000; read window by window) into "
            "overlapping windows whose ground size matches the modern index's tiles at the photo's scale, at four "
            "right-angle rotations, and describes them into an archive index. The optional catalogue CSV gives per "
            "photo an approximate scale (scale_m_per_px, or flight_scale and scan_dpi), centre (centre_x, centre_y or "
            "a bounding box) with uncertainty_m, and a date; without a scale, a range of scales is searched."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFile(self.FOLDER, tr("Archive folder (scanned photos)"),
                                                     behavior=QgsProcessingParameterFile.Folder))
        self.addParameter(QgsProcessingParameterFile(self.CATALOGUE, tr("Catalogue CSV"), extension="csv",
                                                     optional=True))
        self.addParameter(QgsProcessingParameterFile(self.MODERN_INDEX, tr("Modern index"), extension="ctindex"))
        self.addParameter(QgsProcessingParameterFile(self.MODEL, tr("Visual model file (the modern index's)"),
                                                     extension="ctmodel", optional=True))
        self.addParameter(QgsProcessingParameterBoolean(self.UNKNOWN_SCALE, tr("Ignore the catalogue's scales "
                                                                                "(search a range of scales)"), False))
        self.addParameter(QgsProcessingParameterFileDestination(self.OUTPUT, tr("Archive index file"),
                                                                fileFilter=tr("CrossTime archive index (*.ctarchive)")))
        self.addOutput(QgsProcessingOutputNumber(self.COUNT, tr("Photos indexed")))

    def work(self, parameters, context, feedback, progress):
        from ..core import jobs
        out = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        arch = jobs.index_archive(self.parameterAsFile(parameters, self.FOLDER, context), out,
                                  self.parameterAsFile(parameters, self.MODERN_INDEX, context),
                                  self.parameterAsFile(parameters, self.MODEL, context) or None,
                                  self.parameterAsFile(parameters, self.CATALOGUE, context) or None,
                                  not self.parameterAsBool(parameters, self.UNKNOWN_SCALE, context), progress=progress)
        feedback.pushInfo(tr("{} photos, {} windows described").format(len(arch.photos), len(arch.descriptors)))
        return {self.OUTPUT: out, self.COUNT: len(arch.photos)}
