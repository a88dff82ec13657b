"""Keep a click's answer as a styled memory layer: the query footprint and its ranked matches."""
from __future__ import annotations

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsField,
    QgsFillSymbol,
    QgsPalLayerSettings,
    QgsRendererCategory,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtCore import QVariant
from qgis.PyQt.QtGui import QColor

from ..core.palette import QUERY_COLOUR, rank_colour_hex
from .highlight import footprint_geometry


def matches_layer(result, name: str = "") -> QgsVectorLayer:
    crs = QgsCoordinateReferenceSystem(result.crs)
    layer = QgsVectorLayer(f"Polygon?crs={crs.authid() or 'EPSG:4326'}", name or f"CrossTime matches of {result.query_id}",
                           "memory")
    if not crs.authid():
        layer.setCrs(crs)
    pr = layer.dataProvider()
    pr.addAttributes([QgsField("role", QVariant.String), QgsField("rank", QVariant.Int),
                      QgsField("score", QVariant.Double), QgsField("tile_id", QVariant.String),
                      QgsField("query_id", QVariant.String)])
    layer.updateFields()
    feats = []
    f = QgsFeature(layer.fields())
    f.setGeometry(footprint_geometry(result.query_footprint))
    f.setAttributes(["query", 0, None, result.query_id, result.query_id])
    feats.append(f)
    for rank, (tid, score, fp) in enumerate(zip(result.ids, result.scores, result.footprints), start=1):
        f = QgsFeature(layer.fields())
        f.setGeometry(footprint_geometry(fp))
        f.setAttributes(["match", rank, float(score), tid, result.query_id])
        feats.append(f)
    pr.addFeatures(feats)
    layer.updateExtents()
    cats = [QgsRendererCategory(0, QgsFillSymbol.createSimple({"color": "0,0,0,0", "outline_color": QUERY_COLOUR,
                                                               "outline_width": "0.8", "outline_style": "dash"}), "query")]
    for rank in range(1, len(result.ids) + 1):
        colour = rank_colour_hex(rank)
        c = QColor(colour)
        cats.append(QgsRendererCategory(rank, QgsFillSymbol.createSimple(
            {"color": f"{c.red()},{c.green()},{c.blue()},64", "outline_color": colour, "outline_width": "0.6"}),
            f"rank {rank}"))
    layer.setRenderer(QgsCategorizedSymbolRenderer("rank", cats))
    pal = QgsPalLayerSettings()
    pal.fieldName = "CASE WHEN rank > 0 THEN '#' || rank || '  ' || format_number(score, 3) ELSE 'query' END"
    pal.isExpression = True
    layer.setLabeling(QgsVectorLayerSimpleLabeling(pal))
    layer.setLabelsEnabled(True)
    return layer
