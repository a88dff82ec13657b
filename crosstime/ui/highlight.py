"""Footprints on the canvas: rubber bands in rank colours with rank labels, and the query outline."""
from __future__ import annotations

from typing import List, Sequence, Tuple

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
    QgsWkbTypes,
)
from qgis.gui import QgsMapCanvas, QgsMapCanvasItem, QgsRubberBand
from qgis.PyQt.QtCore import QPointF, QRectF, Qt
from qgis.PyQt.QtGui import QBrush, QColor, QFont, QPen

from ..core.palette import QUERY_COLOUR, rank_colour_hex


def rank_colour(rank: int) -> QColor:
    return QColor(rank_colour_hex(rank))


def footprint_geometry(fp: Sequence[float]) -> QgsGeometry:
    return QgsGeometry.fromRect(QgsRectangle(*fp))


class RankLabel(QgsMapCanvasItem):
    """A rank number in a coloured disc, kept at a map position when the canvas moves."""

    def __init__(self, canvas: QgsMapCanvas, point: QgsPointXY, text: str, colour: QColor):
        super().__init__(canvas)
        self.text, self.colour = text, colour
        self.map_point = point
        self.setZValue(100)
        self.updatePosition()

    def updatePosition(self):
        self.setPos(self.toCanvasCoordinates(self.map_point))

    def boundingRect(self):
        return QRectF(-12, -12, 24, 24)

    def paint(self, painter, option=None, widget=None):
        painter.setRenderHint(painter.Antialiasing)
        painter.setPen(QPen(QColor("white"), 2))
        painter.setBrush(QBrush(self.colour))
        painter.drawEllipse(QPointF(0, 0), 11, 11)
        f = QFont()
        f.setBold(True)
        f.setPointSize(9)
        painter.setFont(f)
        painter.setPen(QPen(QColor("black")))
        painter.drawText(QRectF(-11, -11, 22, 22), Qt.AlignCenter, self.text)


class Highlighter:
    """Owns every canvas item CrossTime draws, so that one call removes them all."""

    def __init__(self, canvas: QgsMapCanvas):
        self.canvas = canvas
        self.bands: List[QgsRubberBand] = []
        self.labels: List[RankLabel] = []
        self.query_band = None

    def _to_canvas(self, geom: QgsGeometry, crs: QgsCoordinateReferenceSystem) -> QgsGeometry:
        dest = self.canvas.mapSettings().destinationCrs()
        g = QgsGeometry(geom)
        if crs.isValid() and dest.isValid() and crs != dest:
            g.transform(QgsCoordinateTransform(crs, dest, QgsProject.instance()))
        return g

    def show(self, query_fp: Sequence[float], footprints: Sequence[Sequence[float]], crs_text: str) -> None:
        self.clear()
        crs = QgsCoordinateReferenceSystem(crs_text)
        q = QgsRubberBand(self.canvas, QgsWkbTypes.PolygonGeometry)
        q.setStrokeColor(QColor(QUERY_COLOUR))
        q.setFillColor(QColor(0, 0, 0, 0))
        q.setWidth(3)
        q.setLineStyle(Qt.DashLine)
        q.setToGeometry(self._to_canvas(footprint_geometry(query_fp), crs), None)
        self.query_band = q
        for rank, fp in enumerate(footprints, start=1):
            colour = rank_colour(rank)
            band = QgsRubberBand(self.canvas, QgsWkbTypes.PolygonGeometry)
            band.setStrokeColor(colour)
            fill = QColor(colour)
            fill.setAlpha(60)
            band.setFillColor(fill)
            band.setWidth(3 if rank == 1 else 2)
            g = self._to_canvas(footprint_geometry(fp), crs)
            band.setToGeometry(g, None)
            self.bands.append(band)
            bb = g.boundingBox()
            self.labels.append(RankLabel(self.canvas, QgsPointXY(bb.xMinimum(), bb.yMaximum()), str(rank), colour))
        self.canvas.refresh()

    def geometries(self) -> List[QgsGeometry]:
        """The match footprints as drawn (canvas CRS), rank order."""
        return [b.asGeometry() for b in self.bands]

    def clear(self) -> None:
        scene = self.canvas.scene()
        for item in self.bands + self.labels + ([self.query_band] if self.query_band else []):
            scene.removeItem(item)
        self.bands, self.labels, self.query_band = [], [], None
        self.canvas.refresh()

    def flash(self, fp: Sequence[float], crs_text: str) -> Tuple[float, float]:
        crs = QgsCoordinateReferenceSystem(crs_text)
        g = self._to_canvas(footprint_geometry(fp), crs)
        self.canvas.setCenter(g.centroid().asPoint())
        self.canvas.flashGeometries([g], self.canvas.mapSettings().destinationCrs())
        self.canvas.refresh()
        c = g.centroid().asPoint()
        return c.x(), c.y()
