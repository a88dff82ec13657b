"""Archive search, step 2: locate archive photos in the modern index (GeoPackage of footprints + VRTs)."""

from __future__ import annotations

import os

from qgis.core import (
    QgsProcessingOutputFolder,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterFolderDestination,
)

from .base import CrossTimeAlgorithm, number, tr


class LocateArchivePhotos(CrossTimeAlgorithm):
    ARCHIVE_INDEX = "ARCHIVE_INDEX"
    COUNT = "COUNT"
    JSON = "JSON"
    K = "K"
    MODERN_INDEX = "MODERN_INDEX"
    OUTPUT = "OUTPUT"
    VRT_FOLDER = "VRT_FOLDER"
    NAME = "locate_archive"
    GROUP_ID = "archive"

    def displayName(self) -> str:
        return tr("Locate archive photos")

    def shortHelpString(self) -> str:
        return tr(
            "Locates every photo of an archive index in the modern index: under each candidate pose (rotation, "
            "scale) the scan is turned north-up and cut into windows on the tile grid, and the offset where the "
            "windows are most like the tiles under them gives the position; grey thumbnails try every pose, the "
            "full descriptor decides among the best. Writes a GeoPackage of footprints (rank 1: the answer, "
            "rank 2: the runner-up; confidence "
            "near 0 means the two are alike, so the answer is weak), one georeferenced VRT per photo (GCPs, the scan is "
            "not resampled) and a locations JSON for evaluation and for 'which photos show this place'."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFile(self.MODERN_INDEX, tr("Modern index"), extension="ctindex"))
        self.addParameter(QgsProcessingParameterFile(self.ARCHIVE_INDEX, tr("Archive index"), extension="ctarchive"))
        self.addParameter(number(self.K, tr("Candidate footprints kept per photo"), 5, minimum=1, integer=True))
        self.addParameter(QgsProcessingParameterFileDestination(self.OUTPUT, tr("Footprints"),
                                                                fileFilter=tr("GeoPackage (*.gpkg)")))
        self.addParameter(QgsProcessingParameterFolderDestination(self.VRT_FOLDER, tr("Folder of georeferenced VRTs"),
                                                                  optional=True))
        self.addParameter(QgsProcessingParameterFileDestination(self.JSON, tr("Locations JSON"),
                                                                fileFilter=tr("JSON (*.json)"), optional=True))
        self.addOutput(QgsProcessingOutputNumber(self.COUNT, tr("Photos located")))
        self.addOutput(QgsProcessingOutputFolder("VRTS", tr("VRT folder")))

    def work(self, parameters, context, feedback, progress):
        from ..core import jobs
        out = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        vrt = self.parameterAsString(parameters, self.VRT_FOLDER, context) or None
        js = self.parameterAsFileOutput(parameters, self.JSON, context) or None
        if vrt:
            os.makedirs(vrt, exist_ok=True)
        locs = jobs.locate_archive_photos(self.parameterAsFile(parameters, self.MODERN_INDEX, context),
                                          archive_index=self.parameterAsFile(parameters, self.ARCHIVE_INDEX, context),
                                          outputs=jobs.LocateOutputs(gpkg=out, vrt_folder=vrt, json=js),
                                          k=self.parameterAsInt(parameters, self.K, context), progress=progress)
        for loc in locs:
            feedback.pushInfo(tr("{}: confidence {:.2f}, {} windows compared").format(
                loc.photo, loc.confidence, loc.agreeing_windows))
        return {self.OUTPUT: out, self.JSON: js, "VRTS": vrt, self.COUNT: len(locs)}
