"""The keys the plugin stores in QGIS settings (user defaults) and in the project, with their defaults.

Plain names and values only: the dock reads and writes them through QgsSettings and QgsProject,
and the demo's project writer uses the same keys, so a project opened later finds its choices.
"""
from __future__ import annotations

from enum import Enum

from . import choices

SETTINGS_PREFIX = "crosstime/"      # QgsSettings group
PROJECT_SCOPE = "CrossTime"         # QgsProject entry scope


class Setting(Enum):
    """User defaults, kept in QGIS settings: (key, default)."""
    TILE_SIZE = ("tile_size", choices.DEFAULT_TILE_SIZE)
    PIXELS = ("pixels", choices.DEFAULT_PIXELS)
    GRID_CRS = ("grid_crs", "auto")               # the tile grid's CRS: "auto" (core.geo.ground_crs) or a CRS
    K = ("k", 5)
    NEIGHBOURHOOD = ("neighbourhood", "3")          # tiles a side judged around each place: "1", "3" or "5"
    LEGEND = ("legend", choices.DEFAULT_LEGEND)
    SEMANTIC = ("semantic", "rgb")
    MODEL = ("model", "")
    MAPPING_FILE = ("mapping", "")
    # None: the dock's first choice (Quick, or the shipped general model where its card puts it above Quick);
    # else DESCRIBER_QUICK, DESCRIBER_GENERAL, DESCRIBER_UNTRAINED, DESCRIBER_REGION (learnt here), DESCRIBER_FILE
    DESCRIBER = ("describer", None)

    @property
    def key(self) -> str:
        return SETTINGS_PREFIX + self.value[0]

    @property
    def default(self):
        return self.value[1]


class ProjectKey(str, Enum):
    """Per-project choices, kept in the .qgs/.qgz file under PROJECT_SCOPE."""
    OLD_ORTHO = "old_ortho"          # layer id
    NEW_ORTHO = "new_ortho"          # layer id
    OLD_VECTORS = "old_vectors"      # layer ids
    NEW_VECTORS = "new_vectors"      # layer ids
    INDEX = "index"                  # path
    MODEL = "model"                  # path
    DESCRIBER = "describer"
    LEGEND = "legend"
    TILE_SIZE = "tile_size"
    PIXELS = "pixels"
    GRID_CRS = "grid_crs"
    K = "k"
    NEIGHBOURHOOD = "neighbourhood"
    ARCHIVE_FOLDER = "archive_folder"        # path: the scanned photos
    ARCHIVE_CATALOGUE = "archive_catalogue"  # path: the optional CSV
    ARCHIVE_RESULTS = "archive_results"      # path: the archive search's results folder
    ARCHIVE_TILE_SIZE = "archive_tile_size"
