"""The dock's Layers tab: the old and new orthos, the vector layers of each date, the legend and its preview.

A layer removed from the project never leaves another one chosen in its place: its combo shows "(none)" and the
dock says which layer went.
"""
from __future__ import annotations

from typing import List, Optional

from qgis.core import Qgis, QgsMapLayerProxyModel, QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QObject, Qt
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtWidgets import QComboBox, QHeaderView, QTreeWidgetItem

from ..core import choices
from ..translation import category_label, choice_labels, mapping_warnings, tr, translated
from .dock_settings import checked_ids, set_checked


class LayersPanel(QObject):
    def __init__(self, dock):
        super().__init__(dock)
        self.dock = dock
        self.w = w = dock.w
        self._chosen = {}                # ortho combo -> id of the layer chosen in it
        for combo in (w.oldOrthoCombo, w.newOrthoCombo):
            combo.setFilters(QgsMapLayerProxyModel.Filter.RasterLayer)
            combo.setAllowEmptyLayer(True)           # "(none)" rather than silently another layer
            combo.setLayer(None)
            combo.layerChanged.connect(lambda layer, c=combo: self._ortho_changed(c, layer))
        for combo in (w.oldOrthoCombo, w.newOrthoCombo, w.oldVectorsCombo, w.newVectorsCombo, w.legendCombo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
        for key, label in zip(choices.keys(choices.LEGEND_PRESETS), choice_labels("LEGEND_PRESETS")):
            w.legendCombo.addItem(label, key)
        w.legendCombo.addItem(tr("Mapping file…"), "file")
        w.legendCombo.currentIndexChanged.connect(lambda _: w.mappingFile.setEnabled(w.legendCombo.currentData() == "file"))
        w.previewButton.clicked.connect(self.preview_legend)
        w.ignButton.clicked.connect(lambda: self.add_ign_layers())
        tree = w.legendTree.header()
        tree.setStretchLastSection(False)
        tree.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        tree.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        for combo in (w.oldVectorsCombo, w.newVectorsCombo):
            combo.checkedItemsChanged.connect(lambda _items: self.warn_unmapped())
        w.legendCombo.currentIndexChanged.connect(lambda _: self.warn_unmapped())
        self.refresh_vectors()
        proj = QgsProject.instance()
        proj.layersAdded.connect(self.refresh_vectors)
        proj.layersRemoved.connect(self._layers_removed)

    # the layer combos --------------------------------------------------------------------------
    def refresh_vectors(self, *_args) -> None:
        """List the project's vector layers and land-cover rasters (paletted) in both combos, keeping what was
        checked."""
        from ..adapters.layers import is_land_cover_layer
        layers = [l for l in QgsProject.instance().mapLayers().values()
                  if isinstance(l, QgsVectorLayer) or is_land_cover_layer(l)]
        for combo in (self.w.oldVectorsCombo, self.w.newVectorsCombo):
            checked = set(checked_ids(combo))
            combo.blockSignals(True)
            combo.clear()
            for l in sorted(layers, key=lambda l: l.name().lower()):
                state = Qt.CheckState.Checked if l.id() in checked else Qt.CheckState.Unchecked
                combo.addItemWithCheckState(l.name(), state, l.id())
            combo.blockSignals(False)

    @staticmethod
    def set_checked(combo, ids) -> None:
        """Check exactly the layers of ``ids`` in a vector combo."""
        set_checked(combo, ids)

    def _ortho_changed(self, combo, layer) -> None:
        """Remember the user's choice; a choice the combo makes by itself because a layer is going away is
        undone: the combo shows "(none)" and the dock says which layer went (no silent substitution)."""
        prev_id = self._chosen.get(combo)
        new_id = layer.id() if layer is not None else None
        if prev_id and new_id != prev_id:
            prev = QgsProject.instance().mapLayer(prev_id)
            listed = {combo.layer(k).id() for k in range(combo.count()) if combo.layer(k) is not None}
            if prev is None or prev_id not in listed:         # it is being removed from the project
                self._chosen[combo] = None
                if layer is not None:
                    combo.setLayer(None)
                self._ortho_removed(combo, prev.name() if prev is not None else prev_id)
                return
        self._chosen[combo] = new_id

    def _ortho_removed(self, combo, name: str) -> None:
        role = tr("old ortho") if combo is self.w.oldOrthoCombo else tr("new ortho")
        self.dock.match_panel.invalidate_matcher()
        msg = tr("the {} layer '{}' was removed from the project: choose another one").format(role, name)
        self.dock.status(msg, "warning")
        self.dock.push(msg, Qgis.MessageLevel.Warning)

    def _layers_removed(self, ids) -> None:
        self.refresh_vectors()
        for combo in (self.w.oldOrthoCombo, self.w.newOrthoCombo):
            if self._chosen.get(combo) in set(ids):
                self._chosen[combo] = None
                combo.setLayer(None)
                self._ortho_removed(combo, self._chosen.get(combo) or "")

    # the choices -------------------------------------------------------------------------------
    def layers(self) -> dict:
        """The chosen layers: old_ortho, new_ortho (or None), old_vectors, new_vectors (lists)."""
        w = self.w
        proj = QgsProject.instance()
        return {"old_ortho": w.oldOrthoCombo.currentLayer(), "new_ortho": w.newOrthoCombo.currentLayer(),
                "old_vectors": [proj.mapLayer(i) for i in checked_ids(w.oldVectorsCombo) if proj.mapLayer(i)],
                "new_vectors": [proj.mapLayer(i) for i in checked_ids(w.newVectorsCombo) if proj.mapLayer(i)]}

    def orthos(self, need_old: bool = True):
        """(old, new) ortho layers, refused when missing or the same layer."""
        from ..adapters.layers import LayerError
        lay = self.layers()
        old, new = lay["old_ortho"], lay["new_ortho"]
        if new is None:
            raise LayerError(tr("choose the new ortho (Layers tab)"))
        if old is None and need_old:
            raise LayerError(tr("choose the old ortho (Layers tab)"))
        if old is not None and old.id() == new.id():
            raise LayerError(tr("the old and the new ortho are the same layer '{}': choose the older orthophoto as "
                                "the old ortho and the recent one as the new ortho").format(new.name()))
        return old, new

    def unmapped_layers(self) -> list:
        """The display names of the chosen vector layers that no rule of the legend maps (never drawn)."""
        from ..adapters.layers import source_layer_name
        try:
            legend = self.legend()
        except Exception:            # no mapping file chosen yet, or a bad one: said when it is used
            return []
        lay = self.layers()
        seen, out = set(), []
        for layer in lay["old_vectors"] + lay["new_vectors"]:
            if layer.id() not in seen and isinstance(layer, QgsVectorLayer) and \
                    not legend.rules_for_layer(source_layer_name(layer)):
                out.append(layer.name())
            seen.add(layer.id())
        return out

    def warn_unmapped(self) -> None:
        """Said at once in the status line: a vector layer the legend does not know would be left out silently."""
        names = self.unmapped_layers()
        if names:
            self.dock.status(tr("no category of the legend matches the vector layer(s) {}: they will not be drawn; "
                                "choose another legend, or a mapping file (Preview shows what is drawn)").format(
                                    ", ".join(f"'{n}'" for n in names)), "warning")

    def legend(self):
        """The chosen legend: a preset, or the mapping file."""
        from ..core.geo.legend import load_legend
        key = self.w.legendCombo.currentData()
        if key == "file":
            path = self.w.mappingFile.filePath()
            if not path:
                raise ValueError(tr("choose a mapping file, or one of the legend presets"))
            return load_legend(path)
        return load_legend(key)

    # legend preview ----------------------------------------------------------------------------
    def add_ign_layers(self, choice=None) -> Optional[list]:
        """*Add IGN layers…*: the dialog's choice (or ``choice``: old, new, themes) added and chosen here; the
        layers added, or None (cancelled, or a service that cannot be reached: said in the status line)."""
        from .ign_layers import IgnLayersDialog, add_to_project, open_ign_layers, web_services
        if choice is None:
            dlg = IgnLayersDialog(self.dock)
            if not dlg.exec():
                return None
            choice = dlg.choice()
        old, new, themes = choice
        try:
            layers = open_ign_layers(web_services(), old, new, themes)
        except ValueError as exc:
            self.dock.status(translated(exc), "error")
            return None
        add_to_project(self.dock, *layers)
        self.dock.status(tr("IGN layers added: {} and {}, {} BD TOPO themes; zoom to the place, then build the "
                            "index").format(old, new, len(themes)), "ok")
        return [layers[0], layers[1]] + list(layers[2])

    def preview_legend(self) -> Optional[List[str]]:
        """Show how each chosen vector layer maps onto the legend's categories; the warnings, or None when the
        legend itself cannot be read."""
        from ..adapters.layers import attribute_samples, source_layer_name
        tree = self.w.legendTree
        tree.clear()
        try:
            legend = self.legend()
        except Exception as exc:
            self.dock.status(translated(exc), "error")
            return None
        lay = self.layers()
        warnings = []
        for date, key in ((tr("old date"), "old_vectors"), (tr("new date"), "new_vectors")):
            top = QTreeWidgetItem([date, ""])
            tree.addTopLevelItem(top)
            if not lay[key]:
                top.addChild(QTreeWidgetItem([tr("no vector layer chosen: the semantic image stays empty"), "0"]))
                warnings.append(tr("{}: no vector layer chosen, nothing is drawn on its tiles").format(date))
                top.setExpanded(True)
                continue
            vectors = [l for l in lay[key] if isinstance(l, QgsVectorLayer)]
            for l in lay[key]:
                if l not in vectors:
                    warnings += [tr("{0}: {1}").format(date, m) for m in self._preview_land_cover(top, l, legend)]
            rep = legend.report((source_layer_name(l), attribute_samples(l)) for l in vectors)
            for l in vectors:
                name = source_layer_name(l)
                total = sum(rep.mapped.get(name, {}).values())
                item = QTreeWidgetItem([f"{l.name()}  [{name}]", str(total)])
                item.setToolTip(0, l.name())
                top.addChild(item)
                for cat, n in sorted(rep.mapped.get(name, {}).items(), key=lambda kv: -kv[1]):
                    c = legend.category(cat)
                    child = QTreeWidgetItem(["→ " + category_label(c), str(n)])
                    child.setBackground(0, QColor(*c.rgb, 90))
                    item.addChild(child)
                if name in rep.unmapped_layers:
                    item.setForeground(0, QColor("#b00020"))
                    item.addChild(QTreeWidgetItem([tr("maps to no category: not drawn"), str(rep.unmapped_layers[name])]))
                for val, n in rep.unmapped_values.get(name, {}).items():
                    item.addChild(QTreeWidgetItem([tr("unmapped {}").format(val), str(n)]))
            warnings += [tr("{0}: {1}").format(date, m) for m in mapping_warnings(rep)]
            top.setExpanded(True)
        if warnings:
            self.dock.status("\n".join(warnings), "warning")
        else:
            self.dock.status(tr("legend '{}': every chosen layer maps onto the categories").format(legend.name), "ok")
        return warnings

    @staticmethod
    def _preview_land_cover(top, layer, legend) -> List[str]:
        """The classes of a land-cover raster and the category each becomes; what cannot be read, said."""
        from ..adapters.layers import ClassRasterReader
        from ..core.errors import CrossTimeError
        try:
            mapping = ClassRasterReader(layer).data.mapping
        except (CrossTimeError, ValueError) as exc:
            item = QTreeWidgetItem([layer.name(), ""])
            item.setForeground(0, QColor("#b00020"))
            top.addChild(item)
            return [translated(exc)]
        item = QTreeWidgetItem([tr("{}  [land cover: {}]").format(layer.name(), mapping.name), ""])
        item.setToolTip(0, layer.name())
        top.addChild(item)
        for value, key in sorted(mapping.classes.items()):
            if key is None:
                item.addChild(QTreeWidgetItem([tr("{} → background").format(mapping.label(value)), ""]))
                continue
            c = legend.category(key)
            child = QTreeWidgetItem([f"{mapping.label(value)} → {category_label(c)}", ""])
            child.setBackground(0, QColor(*c.rgb, 90))
            item.addChild(child)
        item.setExpanded(True)          # a handful of classes: shown at once, unlike a layer's attribute values
        return []

    def shutdown(self) -> None:
        for sig, slot in ((QgsProject.instance().layersAdded, self.refresh_vectors),
                          (QgsProject.instance().layersRemoved, self._layers_removed)):
            try:
                sig.disconnect(slot)
            except TypeError:
                pass
