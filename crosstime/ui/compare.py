"""Side-by-side view of a click: the query tile and its best matches, image and semantic raster."""
from __future__ import annotations

import numpy as np
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QImage, QPixmap
from qgis.PyQt.QtWidgets import QDialog, QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from ..core.geo.rasterize import codes_to_rgb


def to_pixmap(rgb: np.ndarray, size: int = 160) -> QPixmap:
    rgb = np.ascontiguousarray(rgb, np.uint8)
    h, w, _ = rgb.shape
    img = QImage(rgb.data, w, h, 3 * w, QImage.Format_RGB888).copy()
    return QPixmap.fromImage(img).scaled(size, size, Qt.KeepAspectRatio, Qt.SmoothTransformation)


class CompareDialog(QDialog):
    def __init__(self, result, legend, parent=None, size: int = 160):
        super().__init__(parent)
        self.setObjectName("CrossTimeCompare")
        self.setWindowTitle(f"CrossTime: tile {result.query_id} and its best old-date matches")
        outer = QVBoxLayout(self)
        area = QScrollArea(self)
        inner = QWidget()
        grid = QGridLayout(inner)
        q_img, q_cod = result.images["query"]
        grid.addWidget(QLabel("<b>query (new date)</b><br>" + result.query_id), 0, 0)
        self.cells = []
        for col, (img, cod) in enumerate([(q_img, q_cod)]):
            self._cell(grid, 1, col, img, size)
            self._cell(grid, 2, col, codes_to_rgb(cod, legend), size)
        for k, ((img, cod), tid, score) in enumerate(zip(result.images.get("matches", []), result.ids, result.scores)):
            grid.addWidget(QLabel(f"<b>#{k + 1}</b> {tid}<br>score {score:.3f}"), 0, k + 1)
            self._cell(grid, 1, k + 1, img, size)
            self._cell(grid, 2, k + 1, codes_to_rgb(cod, legend), size)
        grid.addWidget(QLabel("image"), 1, len(result.ids) + 1)
        grid.addWidget(QLabel("semantics"), 2, len(result.ids) + 1)
        grid.setRowStretch(3, 1)            # spare height goes below the images, not between the rows
        area.setWidget(inner)
        area.setWidgetResizable(True)
        outer.addWidget(area)
        self.resize(min(1400, (size + 20) * (len(result.ids) + 2)), 3 * size + 120)

    def _cell(self, grid, row, col, rgb, size):
        lab = QLabel()
        lab.setPixmap(to_pixmap(rgb, size))
        grid.addWidget(lab, row, col)
        self.cells.append(lab)
