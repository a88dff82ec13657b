"""Processing provider ``crosstime``."""

from __future__ import annotations

import os

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

ICON = os.path.join(os.path.dirname(os.path.dirname(__file__)), "resources", "icon.png")


class CrossTimeProvider(QgsProcessingProvider):
    def id(self) -> str:
        return "crosstime"

    def name(self) -> str:
        return "CrossTime"

    def longName(self) -> str:
        return "CrossTime: cross-time orthophoto matching"

    def icon(self):
        return QIcon(ICON)

    def loadAlgorithms(self) -> None:
        from .build_dataset import BuildTileDataset
        from .build_index import BuildDescriptorIndex
        from .evaluate import EvaluateDescriptors
        from .match import MatchTiles
        from .train import TrainDescriptor

        for alg in (BuildTileDataset(), TrainDescriptor(), BuildDescriptorIndex(), MatchTiles(), EvaluateDescriptors()):
            self.addAlgorithm(alg)
