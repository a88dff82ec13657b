"""The click tool: a point on the canvas, handed over with its CRS."""
from __future__ import annotations

from qgis.core import QgsPointXY
from qgis.gui import QgsMapCanvas, QgsMapToolEmitPoint
from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtGui import QCursor


class ClickMatchTool(QgsMapToolEmitPoint):
    """Emits ``picked(point, crs)`` on a left click; right click or Escape leaves the tool."""
    picked = pyqtSignal(QgsPointXY, object)

    def __init__(self, canvas: QgsMapCanvas):
        super().__init__(canvas)
        self.setCursor(QCursor(Qt.CursorShape.CrossCursor))

    def canvasReleaseEvent(self, e):
        if e.button() == Qt.MouseButton.RightButton:
            self.canvas().unsetMapTool(self)
            return
        if e.button() == Qt.MouseButton.LeftButton:
            point = self.toMapCoordinates(e.pos())
            self.picked.emit(point, self.canvas().mapSettings().destinationCrs())

    def keyPressEvent(self, e):
        if e.key() == Qt.Key.Key_Escape:
            self.canvas().unsetMapTool(self)
