"""Archive search, step 2: the archive index, every window of every photo of an archive described."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
)

from .base import CrossTimeAlgorithm, tr


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
                                                     behavior=QgsProcessingParameterFile.Behavior.Folder))
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
        options = jobs.ArchiveOptions(model=self.parameterAsFile(parameters, self.MODEL, context) or None,
                                      catalogue=self.parameterAsFile(parameters, self.CATALOGUE, context) or None,
                                      known_scale=not self.parameterAsBool(parameters, self.UNKNOWN_SCALE, context))
        arch = jobs.index_archive(self.parameterAsFile(parameters, self.FOLDER, context), out,
                                  self.parameterAsFile(parameters, self.MODERN_INDEX, context), options,
                                  progress=progress)
        feedback.pushInfo(tr("{} photos, {} windows described").format(len(arch.photos), len(arch.descriptors)))
        return {self.OUTPUT: out, self.COUNT: len(arch.photos)}
