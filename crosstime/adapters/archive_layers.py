"""QGIS layers of the archive search: a located photo (its VRT, half transparent over the modern ortho) and the
footprints GeoPackage (the answer in green, the runner-up dashed), used by the dock and the demo's project."""
from __future__ import annotations

from typing import Optional

from qgis.core import QgsFillSymbol, QgsRasterLayer, QgsRasterRange, QgsRuleBasedRenderer, QgsVectorLayer

from ..translation import tr

PHOTO_OPACITY = 0.6
GROUP = "CrossTime archive"          # the group's name in English (a project saved in English still has it)


def group_name() -> str:
    """The archive group's name in the user's language."""
    return tr("CrossTime archive")


def photo_layer(vrt: str, name: str) -> Optional[QgsRasterLayer]:
    """The located photo's VRT as a half-transparent raster layer; None when it cannot be opened."""
    layer = QgsRasterLayer(vrt, name)
    if not layer.isValid():
        return None
    # QGIS warps the scan on the fly from its GCPs; what lies around the turned photo comes out as 0: not drawn
    for band in range(1, layer.bandCount() + 1):
        layer.dataProvider().setUserNoDataValue(band, [QgsRasterRange(0, 0)])
    layer.renderer().setOpacity(PHOTO_OPACITY)
    return layer


def add_to_group(project, layer, top: bool = True) -> None:
    """Add ``layer`` to the archive group, its legend folded (a grey ramp per photo says nothing)."""
    project.addMapLayer(layer, False)
    group = archive_group(project)
    node = group.insertLayer(0, layer) if top else group.addLayer(layer)
    node.setExpanded(False)


def footprints_layer(gpkg: str, name: str, answer_label: str, runner_up_label: str) -> Optional[QgsVectorLayer]:
    layer = QgsVectorLayer(f"{gpkg}|layername=footprints", name, "ogr")
    if not layer.isValid():
        return None
    root = QgsRuleBasedRenderer.Rule(None)
    for expr, label, props in (("rank = 1", answer_label, {"color": "0,0,0,0", "outline_color": "#1b9e77",
                                                           "outline_width": "0.7"}),
                               ("rank = 2", runner_up_label, {"color": "0,0,0,0", "outline_color": "#d95f02",
                                                              "outline_width": "0.4", "outline_style": "dash"})):
        root.appendChild(QgsRuleBasedRenderer.Rule(QgsFillSymbol.createSimple(props), 0, 0, expr, label))
    layer.setRenderer(QgsRuleBasedRenderer(root))
    return layer


def archive_group(project):
    """The layer tree group holding the archive's layers, at the top (made when missing, in the user's language)."""
    root = project.layerTreeRoot()
    return root.findGroup(group_name()) or root.findGroup(GROUP) or root.insertGroup(0, group_name())
