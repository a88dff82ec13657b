"""Processing provider ``crosstime``."""

from __future__ import annotations

import os

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from .base import tr

ICON = os.path.join(os.path.dirname(os.path.dirname(__file__)), "resources", "icon.png")


class CrossTimeProvider(QgsProcessingProvider):
    def id(self) -> str:
        return "crosstime"

    def name(self) -> str:
        return "CrossTime"

    def longName(self) -> str:
        return tr("CrossTime: cross-time orthophoto matching")

    def icon(self):
        return QIcon(ICON)

    def loadAlgorithms(self) -> None:
        from .build_index import BuildDescriptorIndex
        from .build_modern_index import BuildModernIndex
        from .build_tile_store import BuildTileStore
        from .evaluate import EvaluateDescriptors
        from .index_archive import IndexArchive
        from .locate_archive import LocateArchivePhotos
        from .match import MatchTiles
        from .train import TrainDescriptor

        for alg in (BuildTileStore(), TrainDescriptor(), BuildDescriptorIndex(), MatchTiles(), EvaluateDescriptors(),
                    BuildModernIndex(), IndexArchive(), LocateArchivePhotos()):
            self.addAlgorithm(alg)
