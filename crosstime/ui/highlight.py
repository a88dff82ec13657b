"""Footprints on the canvas: rubber bands in rank colours with rank labels inside each footprint, the query
outline above everything, and the indexed area as a light outline while the click tool is active."""
from __future__ import annotations

from typing import List, Optional, Sequence, Tuple

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
from qgis.PyQt.QtGui import QBrush, QColor, QFont, QPainter, QPen

from ..core.palette import AREA_COLOUR, QUERY_CASING, QUERY_COLOUR, rank_colour_hex, rank_text_hex

POLYGON = QgsWkbTypes.GeometryType.PolygonGeometry
Z_AREA, Z_MATCH, Z_LABEL, Z_QUERY = 5, 10, 20, 30       # the query outline is drawn above everything


def rank_colour(rank: int) -> QColor:
    return QColor(rank_colour_hex(rank))


def footprint_geometry(fp: Sequence[float]) -> QgsGeometry:
    return QgsGeometry.fromRect(QgsRectangle(*fp))


def polygon_geometry(corners: Sequence[Sequence[float]]) -> QgsGeometry:
    return QgsGeometry.fromPolygonXY([[QgsPointXY(float(x), float(y)) for x, y in corners]])


class RankLabel(QgsMapCanvasItem):
    """A rank number in a coloured disc, inside its footprint (near the top-left corner, or at the centre when
    the footprint is small on screen), kept there when the canvas moves."""
    RADIUS = 11

    def __init__(self, canvas: QgsMapCanvas, rect: QgsRectangle, text: str, colour: QColor, text_colour: QColor):
        super().__init__(canvas)
        self.text, self.colour, self.text_colour = text, colour, text_colour
        self.rect = QgsRectangle(rect)
        self.setZValue(Z_LABEL)
        self.updatePosition()

    def anchor(self) -> QPointF:
        """Where the disc's centre goes, in canvas pixels."""
        tl = self.toCanvasCoordinates(QgsPointXY(self.rect.xMinimum(), self.rect.yMaximum()))
        br = self.toCanvasCoordinates(QgsPointXY(self.rect.xMaximum(), self.rect.yMinimum()))
        inset = self.RADIUS + 5
        cx, cy = (tl.x() + br.x()) / 2, (tl.y() + br.y()) / 2
        return QPointF(min(tl.x() + inset, cx), min(tl.y() + inset, cy))

    def updatePosition(self):
        self.setPos(self.anchor())

    def boundingRect(self):
        r = self.RADIUS + 2
        return QRectF(-r, -r, 2 * r, 2 * r)

    def paint(self, painter, option=None, widget=None):
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(QUERY_CASING), 2))
        painter.setBrush(QBrush(self.colour))
        painter.drawEllipse(QPointF(0, 0), self.RADIUS, self.RADIUS)
        f = QFont()
        f.setBold(True)
        f.setPointSize(9)
        painter.setFont(f)
        painter.setPen(QPen(self.text_colour))
        r = self.RADIUS
        painter.drawText(QRectF(-r, -r, 2 * r, 2 * r), Qt.AlignmentFlag.AlignCenter, self.text)


class Highlighter:
    """Owns every canvas item CrossTime draws, so that one call removes them all."""

    def __init__(self, canvas: QgsMapCanvas):
        self.canvas = canvas
        self.bands: List[QgsRubberBand] = []
        self.labels: List[RankLabel] = []
        self.query_bands: List[QgsRubberBand] = []
        self.area_band: Optional[QgsRubberBand] = None

    @property
    def query_band(self) -> Optional[QgsRubberBand]:
        """The query's dashed outline (its dark casing lies just under it)."""
        return self.query_bands[-1] if self.query_bands else None

    def _to_canvas(self, geom: QgsGeometry, crs: QgsCoordinateReferenceSystem) -> QgsGeometry:
        dest = self.canvas.mapSettings().destinationCrs()
        g = QgsGeometry(geom)
        if crs.isValid() and dest.isValid() and crs != dest:
            g.transform(QgsCoordinateTransform(crs, dest, QgsProject.instance()))
        return g

    def _band(self, geom: QgsGeometry, stroke: QColor, fill: QColor, width: int, z: float,
              style=Qt.PenStyle.SolidLine) -> QgsRubberBand:
        band = QgsRubberBand(self.canvas, POLYGON)
        band.setStrokeColor(stroke)
        band.setFillColor(fill)
        band.setWidth(width)
        band.setLineStyle(style)
        band.setToGeometry(geom, None)
        band.setZValue(z)
        return band

    def show(self, query_fp: Sequence[float], footprints: Sequence[Sequence[float]], crs_text: str) -> None:
        self.show_geometries(query_fp, [footprint_geometry(fp) for fp in footprints], crs_text)

    def show_geometries(self, query_fp: Sequence[float], geometries: Sequence[Optional[QgsGeometry]],
                        crs_text: str) -> None:
        """Ranked footprints of any shape (a located archive photo is a turned quadrilateral); None: not drawn,
        its rank kept."""
        self.clear()
        crs = QgsCoordinateReferenceSystem(crs_text)
        for rank, geom in enumerate(geometries, start=1):
            if geom is None:
                continue
            colour = rank_colour(rank)
            fill = QColor(colour)
            fill.setAlpha(50)
            g = self._to_canvas(geom, crs)
            # rank 1 above rank 2 and so on, where footprints overlap
            self.bands.append(self._band(g, colour, fill, 3 if rank == 1 else 2, Z_MATCH + 1.0 / rank))
            self.labels.append(RankLabel(self.canvas, g.boundingBox(), str(rank), colour, QColor(rank_text_hex(rank))))
        q = self._to_canvas(footprint_geometry(query_fp), crs)
        none = QColor(0, 0, 0, 0)
        self.query_bands = [self._band(q, QColor(QUERY_CASING), none, 6, Z_QUERY),
                            self._band(q, QColor(QUERY_COLOUR), none, 3, Z_QUERY + 1, Qt.PenStyle.DashLine)]
        self.canvas.refresh()

    def show_area(self, bounds: Sequence[float], crs_text: str) -> None:
        """The indexed area as a light outline (where a click can be answered)."""
        self.hide_area()
        g = self._to_canvas(footprint_geometry(bounds), QgsCoordinateReferenceSystem(crs_text))
        colour = QColor(AREA_COLOUR)
        colour.setAlpha(200)
        self.area_band = self._band(g, colour, QColor(0, 0, 0, 0), 2, Z_AREA, Qt.PenStyle.DotLine)

    def hide_area(self) -> None:
        if self.area_band is not None:
            self.canvas.scene().removeItem(self.area_band)
            self.area_band = None

    def geometries(self) -> List[QgsGeometry]:
        """The match footprints as drawn (canvas CRS), rank order."""
        return [b.asGeometry() for b in self.bands]

    def clear(self) -> None:
        scene = self.canvas.scene()
        for item in self.bands + self.labels + self.query_bands:
            scene.removeItem(item)
        self.bands, self.labels, self.query_bands = [], [], []
        self.canvas.refresh()

    def clear_all(self) -> None:
        self.clear()
        self.hide_area()

    def flash(self, fp: Sequence[float], crs_text: str) -> Tuple[float, float]:
        crs = QgsCoordinateReferenceSystem(crs_text)
        g = self._to_canvas(footprint_geometry(fp), crs)
        self.canvas.setCenter(g.centroid().asPoint())
        self.canvas.flashGeometries([g], self.canvas.mapSettings().destinationCrs())
        self.canvas.refresh()
        c = g.centroid().asPoint()
        return c.x(), c.y()
