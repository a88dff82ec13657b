"""*Add IGN layers…*: two dates of the Géoplateforme's orthophotos (WMTS) and the BD TOPO themes the legend draws
(WFS), added to the project in a group of their own and chosen in the dock. The services are the QGIS setting
``crosstime/web_services`` (core.geo.geoplateforme.WebServices): another WMTS/WFS or a local mirror."""
from __future__ import annotations

from typing import List, Sequence, Tuple

from qgis.core import QgsProject, QgsRasterLayer, QgsSettings, QgsVectorLayer
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from ..core.geo.geoplateforme import BDTOPO_THEMES, ORTHO_SERIES, WebServices
from ..translation import tr

SETTING_KEY = "crosstime/web_services"
GROUP = "IGN Géoplateforme"


def web_services() -> WebServices:
    return WebServices.from_json(QgsSettings().value(SETTING_KEY, "") or "")


def open_ign_layers(services: WebServices, old: str, new: str, themes: Sequence[str],
                    crs: str = "EPSG:2154") -> Tuple[QgsRasterLayer, QgsRasterLayer, List[QgsVectorLayer]]:
    """The WMTS layers ``old`` and ``new`` and the WFS ``themes`` (not yet in the project); raises ValueError naming
    the layer and the service when one cannot be opened."""
    def opened(layer, service: str):
        if not layer.isValid():
            raise ValueError(tr("the layer {} cannot be opened from {} ({}): no network, or another address in the "
                                "QGIS setting crosstime/web_services").format(
                                    layer.name(), service, layer.error().summary() or tr("no answer")))
        return layer
    rasters = [opened(QgsRasterLayer(services.wmts_source(name), name, "wms"), services.wmts) for name in (old, new)]
    vectors = [opened(QgsVectorLayer(services.wfs_source(theme, crs), services.wfs_prefix + theme, "WFS"), services.wfs)
               for theme in themes]
    return rasters[0], rasters[1], vectors


class IgnLayersDialog(QDialog):
    """Which two ortho dates and which BD TOPO themes to add."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("CrossTimeIgnLayers")
        self.setWindowTitle(tr("CrossTime: add IGN layers"))
        outer = QVBoxLayout(self)
        form = QFormLayout()
        self.old_combo, self.new_combo = QComboBox(), QComboBox()
        for name, years in ORTHO_SERIES:
            label = tr("current orthophotos") if years == "current" else tr("orthophotos {}").format(years)
            for combo in (self.old_combo, self.new_combo):
                combo.addItem(label, name)
                combo.setItemData(combo.count() - 1, name, Qt.ItemDataRole.ToolTipRole)
        self.old_combo.setCurrentIndex(2)                      # 2000-2005
        self.new_combo.setCurrentIndex(len(ORTHO_SERIES) - 1)  # today's
        self.old_combo.setToolTip(tr("The older orthophoto series: its tiles become the index clicks are matched "
                                     "against"))
        self.new_combo.setToolTip(tr("The recent orthophoto series you click on"))
        form.addRow(tr("Old ortho"), self.old_combo)
        form.addRow(tr("New ortho"), self.new_combo)
        self.themes = QListWidget()
        self.themes.setToolTip(tr("BD TOPO themes read over WFS for the area read only; they become the new "
                                  "date's vectors"))
        for theme in BDTOPO_THEMES:
            item = QListWidgetItem(theme)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.themes.addItem(item)
        form.addRow(tr("BD TOPO (new date)"), self.themes)
        outer.addLayout(form)
        services = web_services()
        note = QLabel(tr("From {} and {}; the tiles cover the map's extent: zoom to the place first.").format(
            services.wmts.split("?")[0], services.wfs))
        note.setWordWrap(True)
        outer.addWidget(note)
        buttons = QDialogButtonBox()
        for button in (QDialogButtonBox.StandardButton.Ok, QDialogButtonBox.StandardButton.Cancel):
            buttons.addButton(button)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)

    def choice(self) -> Tuple[str, str, List[str]]:
        themes = [self.themes.item(k).text() for k in range(self.themes.count())
                  if self.themes.item(k).checkState() == Qt.CheckState.Checked]
        return self.old_combo.currentData(), self.new_combo.currentData(), themes


def add_to_project(dock, old: QgsRasterLayer, new: QgsRasterLayer, vectors: Sequence[QgsVectorLayer]) -> None:
    """The layers in a group of their own (the orthos below the vectors), chosen in the dock's Layers tab."""
    proj = QgsProject.instance()
    root = proj.layerTreeRoot()
    group = root.findGroup(GROUP) or root.insertGroup(0, GROUP)
    for layer in list(vectors) + [new, old]:
        proj.addMapLayer(layer, False)
        group.addLayer(layer)
    w = dock.w
    w.oldOrthoCombo.setLayer(old)
    w.newOrthoCombo.setLayer(new)
    dock.layers_panel.set_checked(w.newVectorsCombo, [v.id() for v in vectors])
    w.legendCombo.setCurrentIndex(w.legendCombo.findData("bdtopo_v3"))
