"""Keep a click's answer as a styled memory layer: the query footprint and its ranked matches, labelled with
buffered text inside each footprint."""
from __future__ import annotations

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsCoordinateReferenceSystem,
    QgsExpression,
    QgsFeature,
    QgsField,
    QgsFillSymbol,
    QgsPalLayerSettings,
    QgsRendererCategory,
    QgsTextBufferSettings,
    QgsTextFormat,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtCore import QVariant
from qgis.PyQt.QtGui import QColor, QFont

from ..core.palette import QUERY_CASING, QUERY_COLOUR, rank_colour_hex
from ..translation import tr
from .highlight import footprint_geometry


def label_settings() -> QgsPalLayerSettings:
    """Rank and lead inside each footprint, in dark text on a white buffer (readable on any ortho)."""
    pal = QgsPalLayerSettings()
    pal.fieldName = ("CASE WHEN rank > 0 THEN '#' || rank || CASE WHEN margin IS NOT NULL THEN '  +' || "
                     "format_number(margin, 3) ELSE '' END ELSE " + QgsExpression.quotedString(tr("query")) + " END")
    pal.isExpression = True
    pal.placement = QgsPalLayerSettings.Placement.OverPoint       # at the footprint's centre: inside it
    pal.priority = 10
    fmt = QgsTextFormat()
    font = QFont()
    font.setBold(True)
    fmt.setFont(font)
    fmt.setSize(9)
    fmt.setColor(QColor("#111111"))
    buf = QgsTextBufferSettings()
    buf.setEnabled(True)
    buf.setSize(1.2)
    buf.setColor(QColor("#ffffff"))
    buf.setOpacity(0.9)
    fmt.setBuffer(buf)
    pal.setFormat(fmt)
    return pal


def matches_layer(result, name: str = "") -> QgsVectorLayer:
    crs = QgsCoordinateReferenceSystem(result.crs)
    layer = QgsVectorLayer(f"Polygon?crs={crs.authid() or 'EPSG:4326'}",
                           name or tr("CrossTime matches of {}").format(result.query_id), "memory")
    if not crs.authid():
        layer.setCrs(crs)
    pr = layer.dataProvider()
    pr.addAttributes([QgsField("role", QVariant.Type.String), QgsField("rank", QVariant.Type.Int),
                      QgsField("score", QVariant.Type.Double), QgsField("margin", QVariant.Type.Double),
                      QgsField("tile_id", QVariant.Type.String), QgsField("query_id", QVariant.Type.String)])
    layer.updateFields()
    margins = getattr(result, "margins", None) or [None] * len(result.ids)
    feats = []
    for rank, (tid, score, fp, lead) in enumerate(zip(result.ids, result.scores, result.footprints, margins), start=1):
        f = QgsFeature(layer.fields())
        f.setGeometry(footprint_geometry(fp))
        f.setAttributes(["match", rank, float(score), None if lead is None else float(lead), tid, result.query_id])
        feats.append(f)
    f = QgsFeature(layer.fields())
    f.setGeometry(footprint_geometry(result.query_footprint))
    f.setAttributes(["query", 0, None, None, result.query_id, result.query_id])
    # drawn in this order: rank k first, rank 1 above it, the query outline above everything
    feats = feats[::-1] + [f]
    pr.addFeatures(feats)
    layer.updateExtents()
    query = QgsFillSymbol.createSimple({"color": "0,0,0,0", "outline_color": QUERY_CASING, "outline_width": "1.2"})
    dash = QgsFillSymbol.createSimple({"color": "0,0,0,0", "outline_color": QUERY_COLOUR, "outline_width": "0.6",
                                       "outline_style": "dash"})
    query.appendSymbolLayer(dash.symbolLayer(0).clone())
    cats = []
    for rank in range(len(result.ids), 0, -1):          # drawn first: the last ranks; the query on top
        colour = rank_colour_hex(rank)
        c = QColor(colour)
        cats.append(QgsRendererCategory(rank, QgsFillSymbol.createSimple(
            {"color": f"{c.red()},{c.green()},{c.blue()},64", "outline_color": colour, "outline_width": "0.6"}),
            tr("rank {}").format(rank)))
    cats.append(QgsRendererCategory(0, query, tr("query")))
    renderer = QgsCategorizedSymbolRenderer("rank", cats)
    layer.setRenderer(renderer)
    layer.setLabeling(QgsVectorLayerSimpleLabeling(label_settings()))
    layer.setLabelsEnabled(True)
    return layer
