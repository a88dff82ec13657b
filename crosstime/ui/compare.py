"""Side-by-side view of a click: the query tile and its best matches, image and semantic raster, with the
colour legend of the semantic row."""
from __future__ import annotations

import numpy as np
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor, QImage, QPixmap
from qgis.PyQt.QtWidgets import QDialog, QGridLayout, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from ..core.geo.rasterize import codes_to_rgb
from ..translation import category_label, tr


def to_pixmap(rgb: np.ndarray, size: int = 160) -> QPixmap:
    rgb = np.ascontiguousarray(rgb, np.uint8)
    h, w, _ = rgb.shape
    img = QImage(rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()
    return QPixmap.fromImage(img).scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio,
                                         Qt.TransformationMode.SmoothTransformation)


def legend_entries(legend, codes_list):
    """The legend's categories present in any of the code rasters, in legend order: [(category, pixels)]."""
    counts = np.zeros(256, np.int64)
    for cod in codes_list:
        counts += np.bincount(np.asarray(cod, np.uint8).ravel(), minlength=256)
    return [(c, int(counts[c.code])) for c in legend.categories if counts[c.code] > 0]


def swatch(rgb, size: int = 14) -> QLabel:
    lab = QLabel()
    lab.setFixedSize(size, size)
    lab.setStyleSheet(f"QLabel {{ background: {QColor(*rgb).name()}; border: 1px solid #555; }}")
    return lab


class CompareDialog(QDialog):
    def __init__(self, result, legend, parent=None, size: int = 160):
        super().__init__(parent)
        self.setObjectName("CrossTimeCompare")
        self.setWindowTitle(tr("CrossTime: tile {} and its best old-date matches").format(result.query_id))
        outer = QVBoxLayout(self)
        area = QScrollArea(self)
        inner = QWidget()
        grid = QGridLayout(inner)
        q_img, q_cod = result.images["query"]
        grid.addWidget(QLabel(tr("<b>query (new date)</b><br>{}").format(result.query_id)), 0, 0)
        self.cells = []
        self._cell(grid, 1, 0, q_img, size)
        self._cell(grid, 2, 0, codes_to_rgb(q_cod, legend), size)
        margins = getattr(result, "margins", None) or [None] * len(result.ids)
        matches = result.images.get("matches", [])
        for k, ((img, cod), tid, score, lead) in enumerate(zip(matches, result.ids, result.scores, margins)):
            text = tr("<b>#{}</b> {}").format(k + 1, tid)
            if lead is not None:
                text += "<br>" + tr("+{:.3f} over #{}").format(lead, k + 2)
            head = QLabel(text)
            head.setToolTip(tr("cosine similarity {:.4f}").format(score))
            grid.addWidget(head, 0, k + 1)
            self._cell(grid, 1, k + 1, img, size)
            self._cell(grid, 2, k + 1, codes_to_rgb(cod, legend), size)
        grid.addWidget(QLabel(tr("image")), 1, len(matches) + 1)
        grid.addWidget(QLabel(tr("semantics")), 2, len(matches) + 1)
        grid.setRowStretch(3, 1)            # spare height goes below the images, not between the rows
        area.setWidget(inner)
        area.setWidgetResizable(True)
        outer.addWidget(area)
        # the colours of the semantic row: only the categories drawn in these tiles
        self.legend_entries = legend_entries(legend, [q_cod] + [c for _, c in matches])
        box = QWidget()
        box.setObjectName("semanticLegend")
        row = QHBoxLayout(box)
        row.setContentsMargins(4, 0, 4, 0)
        row.addWidget(QLabel(tr("<b>Semantic colours:</b>")))
        if not self.legend_entries:
            row.addWidget(QLabel(tr("no vector feature in these tiles")))
        for cat, _ in self.legend_entries:
            row.addWidget(swatch(cat.rgb))
            row.addWidget(QLabel(category_label(cat)))
        row.addStretch(1)
        outer.addWidget(box)
        self.resize(min(1400, (size + 20) * (len(result.ids) + 2)), 3 * size + 160)

    def _cell(self, grid, row, col, rgb, size):
        lab = QLabel()
        lab.setPixmap(to_pixmap(rgb, size))
        grid.addWidget(lab, row, col)
        self.cells.append(lab)
