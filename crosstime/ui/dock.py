"""The CrossTime dock: pick layers and a model, build the old-date index, click to match.

The widgets come from ``dock.ui`` (loaded at run time). Work runs in QgsTasks; layers are read on the
main thread before a task starts, and results touch the canvas only in the task's ``finished``.
"""
from __future__ import annotations

import os
from typing import List, Optional

from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsMapLayerProxyModel,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
    QgsSettings,
    QgsVectorLayer,
)
from qgis.PyQt import uic
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtWidgets import QDockWidget, QTableWidgetItem, QTreeWidgetItem, QWidget

from ..core import choices
from ..core.settings import PROJECT_SCOPE, ProjectKey, Setting
from .highlight import Highlighter, rank_colour
from .maptool import ClickMatchTool
from .tasks import CoreTask, start

UI_FILE = os.path.join(os.path.dirname(__file__), "dock.ui")
LEGENDS = list(choices.LEGEND_PRESETS.items()) + [("file", "Mapping file…")]


class CrossTimeDock(QDockWidget):
    def __init__(self, iface, missing: Optional[List[str]] = None, parent=None):
        super().__init__("CrossTime", parent or iface.mainWindow())
        self.setObjectName("CrossTimeDock")
        self.iface = iface
        self.canvas = iface.mapCanvas()
        form_cls, _ = uic.loadUiType(UI_FILE)
        self.w = form_cls()
        holder = QWidget(self)
        self.w.setupUi(holder)
        self.setWidget(holder)
        self.missing = list(missing or [])
        self.highlighter = Highlighter(self.canvas)
        self.tool = ClickMatchTool(self.canvas)
        self.tool.picked.connect(self.match_point)
        self.tool.deactivated.connect(lambda: self.w.pickButton.setChecked(False))
        self.request = 0                 # newest click; answers to older clicks are dropped
        self.last_result = None
        self.dropped = 0
        self._tasks = set()              # keep Python references while QGIS runs them
        self._build_task = None
        self._matcher = None
        self._matcher_key = None
        self._setup_widgets()
        self._load_settings()
        QgsProject.instance().readProject.connect(self._load_project_settings)
        QgsProject.instance().writeProject.connect(self._save_project_settings)
        QgsProject.instance().layersAdded.connect(self._refresh_vectors)
        QgsProject.instance().layersRemoved.connect(self._refresh_vectors)
        if self.missing:
            from ..core.dependencies import missing_message
            self.w.missingLabel.setText(missing_message(self.missing))
            self.w.missingLabel.setVisible(True)
            for b in (self.w.buildButton, self.w.pickButton, self.w.previewButton):
                b.setEnabled(False)

    # widgets -----------------------------------------------------------------------------------
    def _setup_widgets(self) -> None:
        w = self.w
        w.oldOrthoCombo.setFilters(QgsMapLayerProxyModel.RasterLayer)
        w.newOrthoCombo.setFilters(QgsMapLayerProxyModel.RasterLayer)
        for key, label in LEGENDS:
            w.legendCombo.addItem(label, key)
        for key, label in choices.SEMANTIC_MODES.items():
            w.semanticCombo.addItem(label, key)
        w.legendCombo.currentIndexChanged.connect(lambda _: w.mappingFile.setEnabled(w.legendCombo.currentData() == "file"))
        w.modelRadio.toggled.connect(w.modelFile.setEnabled)
        w.previewButton.clicked.connect(self.preview_legend)
        w.buildButton.clicked.connect(self.build_index)
        w.cancelButton.clicked.connect(self.cancel_build)
        w.pickButton.toggled.connect(self._toggle_tool)
        w.clearButton.clicked.connect(self.clear_results)
        w.resultsTable.itemSelectionChanged.connect(self._row_selected)
        w.addLayerButton.clicked.connect(self.add_results_layer)
        w.compareButton.clicked.connect(self.show_compare)
        w.resultsTable.horizontalHeader().setStretchLastSection(True)
        w.resultsTable.verticalHeader().setVisible(False)
        self._refresh_vectors()

    def _refresh_vectors(self, *_args) -> None:
        layers = [l for l in QgsProject.instance().mapLayers().values() if isinstance(l, QgsVectorLayer)]
        for combo in (self.w.oldVectorsCombo, self.w.newVectorsCombo):
            checked = set(self._checked_ids(combo))
            combo.blockSignals(True)
            combo.clear()
            for l in sorted(layers, key=lambda l: l.name().lower()):
                combo.addItemWithCheckState(l.name(), Qt.Checked if l.id() in checked else Qt.Unchecked, l.id())
            combo.blockSignals(False)

    @staticmethod
    def _checked_ids(combo) -> List[str]:
        return [str(v) for v in combo.checkedItemsData()]

    def _set_checked(self, combo, ids) -> None:
        for k in range(combo.count()):
            combo.setItemCheckState(k, Qt.Checked if combo.itemData(k) in ids else Qt.Unchecked)

    def status(self, text: str, level: str = "info") -> None:
        colour = {"info": "", "warning": "color: #8a6d00;", "error": "color: #b00020;", "ok": "color: #1b5e20;"}[level]
        self.w.statusLabel.setStyleSheet(f"QLabel {{ {colour} }}")
        self.w.statusLabel.setText(text)

    def push(self, text: str, level=Qgis.Info, duration: int = 6) -> None:
        self.iface.messageBar().pushMessage("CrossTime", text, level=level, duration=duration)

    # choices -----------------------------------------------------------------------------------
    def layers(self):
        w = self.w
        proj = QgsProject.instance()
        return {"old_ortho": w.oldOrthoCombo.currentLayer(), "new_ortho": w.newOrthoCombo.currentLayer(),
                "old_vectors": [proj.mapLayer(i) for i in self._checked_ids(w.oldVectorsCombo) if proj.mapLayer(i)],
                "new_vectors": [proj.mapLayer(i) for i in self._checked_ids(w.newVectorsCombo) if proj.mapLayer(i)]}

    def legend(self):
        from ..core.geo.legend import load_legend
        key = self.w.legendCombo.currentData()
        if key == "file":
            path = self.w.mappingFile.filePath()
            if not path:
                raise ValueError("choose a mapping file, or one of the legend presets")
            return load_legend(path)
        return load_legend(key)

    def model_choice(self) -> str:
        if self.w.baselineRadio.isChecked():
            return "baseline"
        path = self.w.modelFile.filePath()
        if not path:
            raise ValueError("choose a trained model file (.ctmodel), or the untrained baseline")
        return path

    # settings ----------------------------------------------------------------------------------
    def _load_settings(self) -> None:
        s = QgsSettings()
        w = self.w
        get = lambda setting, kind=None: s.value(setting.key, setting.default, **({"type": kind} if kind else {}))
        w.tileSizeSpin.setValue(float(get(Setting.TILE_SIZE)))
        w.pixelsSpin.setValue(int(get(Setting.PIXELS)))
        w.kSpin.setValue(int(get(Setting.K)))
        self._select_data(w.legendCombo, get(Setting.LEGEND))
        self._select_data(w.semanticCombo, get(Setting.SEMANTIC))
        w.modelFile.setFilePath(get(Setting.MODEL))
        w.mappingFile.setFilePath(get(Setting.MAPPING_FILE))
        (w.baselineRadio if get(Setting.USE_BASELINE, bool) else w.modelRadio).setChecked(True)

    def save_settings(self) -> None:
        s = QgsSettings()
        w = self.w
        for setting, value in ((Setting.TILE_SIZE, w.tileSizeSpin.value()), (Setting.PIXELS, w.pixelsSpin.value()),
                               (Setting.K, w.kSpin.value()), (Setting.LEGEND, w.legendCombo.currentData()),
                               (Setting.SEMANTIC, w.semanticCombo.currentData()),
                               (Setting.MODEL, w.modelFile.filePath()), (Setting.MAPPING_FILE, w.mappingFile.filePath()),
                               (Setting.USE_BASELINE, w.baselineRadio.isChecked())):
            s.setValue(setting.key, value)

    @staticmethod
    def _select_data(combo, value) -> None:
        k = combo.findData(value)
        if k >= 0:
            combo.setCurrentIndex(k)

    def _save_project_settings(self, *_args) -> None:
        p = QgsProject.instance()
        w = self.w
        lay = self.layers()
        put = lambda key, value: p.writeEntry(PROJECT_SCOPE, key.value, value)
        put(ProjectKey.OLD_ORTHO, lay["old_ortho"].id() if lay["old_ortho"] else "")
        put(ProjectKey.NEW_ORTHO, lay["new_ortho"].id() if lay["new_ortho"] else "")
        put(ProjectKey.OLD_VECTORS, self._checked_ids(w.oldVectorsCombo))
        put(ProjectKey.NEW_VECTORS, self._checked_ids(w.newVectorsCombo))
        put(ProjectKey.INDEX, p.writePath(w.indexFile.filePath()) if w.indexFile.filePath() else "")
        put(ProjectKey.MODEL, p.writePath(w.modelFile.filePath()) if w.modelFile.filePath() else "")
        put(ProjectKey.USE_BASELINE, w.baselineRadio.isChecked())
        put(ProjectKey.LEGEND, w.legendCombo.currentData())
        p.writeEntryDouble(PROJECT_SCOPE, ProjectKey.TILE_SIZE.value, w.tileSizeSpin.value())
        put(ProjectKey.PIXELS, w.pixelsSpin.value())
        put(ProjectKey.K, w.kSpin.value())

    def _load_project_settings(self, *_args) -> None:
        p = QgsProject.instance()
        w = self.w
        self._refresh_vectors()
        get = lambda key: p.readEntry(PROJECT_SCOPE, key.value, "")[0]
        for combo, key in ((w.oldOrthoCombo, ProjectKey.OLD_ORTHO), (w.newOrthoCombo, ProjectKey.NEW_ORTHO)):
            layer = p.mapLayer(get(key))
            if layer is not None:
                combo.setLayer(layer)
        self._set_checked(w.oldVectorsCombo, p.readListEntry(PROJECT_SCOPE, ProjectKey.OLD_VECTORS.value)[0])
        self._set_checked(w.newVectorsCombo, p.readListEntry(PROJECT_SCOPE, ProjectKey.NEW_VECTORS.value)[0])
        if get(ProjectKey.INDEX):
            w.indexFile.setFilePath(p.readPath(get(ProjectKey.INDEX)))
        if get(ProjectKey.MODEL):
            w.modelFile.setFilePath(p.readPath(get(ProjectKey.MODEL)))
        if get(ProjectKey.LEGEND):
            self._select_data(w.legendCombo, get(ProjectKey.LEGEND))
        if p.readBoolEntry(PROJECT_SCOPE, ProjectKey.USE_BASELINE.value, False)[0]:
            w.baselineRadio.setChecked(True)
        ts, ok = p.readDoubleEntry(PROJECT_SCOPE, ProjectKey.TILE_SIZE.value, 0.0)
        if ok and ts > 0:
            w.tileSizeSpin.setValue(ts)
        px, ok = p.readNumEntry(PROJECT_SCOPE, ProjectKey.PIXELS.value, 0)
        if ok and px > 0:
            w.pixelsSpin.setValue(px)
        k, ok = p.readNumEntry(PROJECT_SCOPE, ProjectKey.K.value, 0)
        if ok and k > 0:
            w.kSpin.setValue(k)

    # legend preview ----------------------------------------------------------------------------
    def preview_legend(self) -> None:
        from ..adapters.layers import attribute_samples, source_layer_name
        tree = self.w.legendTree
        tree.clear()
        try:
            legend = self.legend()
        except Exception as exc:
            self.status(str(exc), "error")
            return
        lay = self.layers()
        warnings = []
        for date, key in (("old date", "old_vectors"), ("new date", "new_vectors")):
            top = QTreeWidgetItem([date, ""])
            tree.addTopLevelItem(top)
            rep = legend.report((source_layer_name(l), attribute_samples(l)) for l in lay[key])
            for l in lay[key]:
                name = source_layer_name(l)
                total = sum(rep.mapped.get(name, {}).values())
                item = QTreeWidgetItem([f"{l.name()}  [{name}]", str(total)])
                top.addChild(item)
                for cat, n in sorted(rep.mapped.get(name, {}).items(), key=lambda kv: -kv[1]):
                    c = legend.category(cat)
                    child = QTreeWidgetItem([f"→ {c.label}", str(n)])
                    child.setBackground(0, QColor(*c.rgb, 90))
                    item.addChild(child)
                if name in rep.unmapped_layers:
                    item.setForeground(0, QColor("#b00020"))
                    item.addChild(QTreeWidgetItem(["maps to no category: not drawn", str(rep.unmapped_layers[name])]))
                for val, n in rep.unmapped_values.get(name, {}).items():
                    item.addChild(QTreeWidgetItem([f"unmapped {val}", str(n)]))
            warnings += [f"{date}: {m}" for m in rep.warnings()]
            top.setExpanded(True)
        tree.resizeColumnToContents(0)
        if warnings:
            self.status("\n".join(warnings), "warning")
        else:
            self.status(f"legend '{legend.name}': every chosen layer maps onto the categories", "ok")
        return warnings

    # index -------------------------------------------------------------------------------------
    def default_index_path(self) -> str:
        proj = QgsProject.instance().absolutePath()
        lay = self.layers()
        base = proj or (os.path.dirname(lay["old_ortho"].source()) if lay["old_ortho"] else os.path.expanduser("~"))
        return os.path.join(base, "crosstime_old.ctindex")

    def build_index(self) -> Optional[CoreTask]:
        """Describe every tile of the old ortho in a background task and write the index atomically."""
        from ..adapters.layers import raster_path, vector_layers_data
        from ..core import jobs
        from ..core.errors import CrossTimeError
        if self._build_task is not None:
            self.status("an index is already being built", "warning")
            return None
        self.save_settings()
        w = self.w
        lay = self.layers()
        try:
            old, new = raster_path(lay["old_ortho"], "old ortho"), raster_path(lay["new_ortho"], "new ortho")
            legend = self.legend()
            model = self.model_choice()
            crs = lay["new_ortho"].crs()
            grid_crs = crs.authid() if not crs.isGeographic() else None
            grid = jobs.grid_for_orthos(old, new, w.tileSizeSpin.value(), w.pixelsSpin.value(), crs=grid_crs)
            b = grid.bounds()
            extent_crs = QgsCoordinateReferenceSystem(grid.crs)
            old_layers = vector_layers_data(lay["old_vectors"], QgsRectangle(*b), extent_crs)
        except (CrossTimeError, ValueError, OSError) as exc:
            self.status(str(exc), "error")
            return None
        for l in old_layers:
            if not l.features:
                self.push(f"old vector layer '{l.name}' has no features in the tiled area", Qgis.Warning)
        path = w.indexFile.filePath() or self.default_index_path()
        w.indexFile.setFilePath(path)
        grid_spec, semantic = (w.tileSizeSpin.value(), w.pixelsSpin.value()), w.semanticCombo.currentData()

        def work(progress):
            idx, grid, warnings = jobs.build_index_from_layers(path, old, new, old_layers, legend, grid_spec[0],
                                                               grid_spec[1], model, grid_crs, semantic,
                                                               progress=progress)
            return {"path": path, "count": len(idx), "warnings": warnings, "grid": grid.summary()}

        task = CoreTask(f"CrossTime: index {len(grid)} old-date tiles", work, self._index_done)
        task.progressChanged.connect(lambda v: w.progressBar.setValue(int(v)))
        self._build_task = task
        self._tasks.add(task)
        w.buildButton.setEnabled(False)
        w.cancelButton.setEnabled(True)
        w.progressBar.setValue(0)
        self.status(f"building the index: {grid.summary()}")
        start(task)
        return task

    def cancel_build(self) -> None:
        if self._build_task is not None:
            self._build_task.cancel()

    def _index_done(self, status: str, result, error) -> None:
        w = self.w
        self._tasks.discard(self._build_task)
        self._build_task = None
        w.buildButton.setEnabled(not self.missing)
        w.cancelButton.setEnabled(False)
        if status == "ok":
            w.progressBar.setValue(100)
            self._matcher, self._matcher_key = None, None
            msg = f"index of {result['count']} tiles written to {result['path']} ({result['grid']})"
            if result["warnings"]:
                msg += "\n" + "\n".join(result["warnings"])
            self.status(msg, "warning" if result["warnings"] else "ok")
            self._save_project_settings()
        elif status == "cancelled":
            w.progressBar.setValue(0)
            self.status("index build cancelled; the previous index file, if any, is unchanged", "warning")
        else:
            self.status(f"the index could not be built: {error}", "error")

    # matching ----------------------------------------------------------------------------------
    def _toggle_tool(self, on: bool) -> None:
        if on:
            self.canvas.setMapTool(self.tool)
        elif self.canvas.mapTool() is self.tool:
            self.canvas.unsetMapTool(self.tool)

    def matcher(self):
        """The Matcher for the current index, model and layers (opened again when any of them changes)."""
        from ..adapters.layers import raster_path, vector_layers_data
        from ..core import jobs
        from ..core.geo.grid import TileGrid
        from ..core.retrieval.index import DescriptorIndex
        w = self.w
        path = w.indexFile.filePath()
        if not path or not os.path.exists(path):
            raise ValueError("build the index of the old date first (Index tab), or choose an existing index file")
        lay = self.layers()
        model = self.model_choice()
        key = (path, os.path.getmtime(path), model, lay["new_ortho"].id() if lay["new_ortho"] else None,
               lay["old_ortho"].id() if lay["old_ortho"] else None, tuple(l.id() for l in lay["new_vectors"]),
               tuple(l.id() for l in lay["old_vectors"]), w.legendCombo.currentData(), w.semanticCombo.currentData())
        if self._matcher is not None and key == self._matcher_key:
            return self._matcher
        grid = DescriptorIndex.load(path).grid or {}
        if grid and (abs(grid.get("tile_size", 0) - w.tileSizeSpin.value()) > 1e-6
                     or grid.get("pixels") != w.pixelsSpin.value()):
            self.push(f"the index was cut into tiles of {grid['tile_size']:g} m / {grid['pixels']} px, not the "
                      f"{w.tileSizeSpin.value():g} m / {w.pixelsSpin.value()} px set here: the index's grid is used",
                      Qgis.Warning)
        new = raster_path(lay["new_ortho"], "new ortho")
        area, area_crs = None, None
        if grid:
            area, area_crs = QgsRectangle(*TileGrid.from_dict(grid).bounds()), QgsCoordinateReferenceSystem(grid["crs"])
        new_layers = vector_layers_data(lay["new_vectors"], area, area_crs)
        old = raster_path(lay["old_ortho"], "old ortho") if lay["old_ortho"] else None
        # the old date's vectors too: the compare view shows the matches' semantic rasters
        old_layers = vector_layers_data(lay["old_vectors"], area, area_crs) if old else []
        if self._matcher is not None:
            self._matcher.close()
        self._matcher = jobs.open_matcher(path, model, self.legend(), new, new_layers, old, old_layers)
        self._matcher_key = key
        return self._matcher

    def match_point(self, point: QgsPointXY, crs: QgsCoordinateReferenceSystem) -> Optional[CoreTask]:
        """Describe and search the tile under ``point``; a newer click supersedes this one."""
        try:
            matcher = self.matcher()
        except Exception as exc:
            self.status(str(exc), "error")
            return None
        grid_crs = QgsCoordinateReferenceSystem(matcher.grid.crs)
        p = QgsPointXY(point)
        if crs.isValid() and crs != grid_crs:
            p = QgsCoordinateTransform(crs, grid_crs, QgsProject.instance()).transform(p)
        if matcher.tile_at(p.x(), p.y()) is None:
            self.status("this point lies outside the tiled area of the index", "warning")
            return None
        self.request += 1
        req = self.request
        k = self.w.kSpin.value()
        task = CoreTask("CrossTime: match a click", lambda progress: matcher.match(p.x(), p.y(), k, req, True),
                        lambda status, result, error: self._match_done(req, status, result, error), can_cancel=False)
        self._tasks.add(task)
        task.req = req
        self.status("matching…")
        start(task)
        return task

    def _match_done(self, req: int, status: str, result, error) -> None:
        self._tasks = {t for t in self._tasks if getattr(t, "req", None) != req}
        if req != self.request:
            self.dropped += 1        # an answer to an older click: never shown
            return
        if status != "ok":
            self.status(f"the click could not be matched: {error}", "error")
            return
        self.show_result(result)

    def show_result(self, result) -> None:
        self.last_result = result
        self.highlighter.show(result.query_footprint, result.footprints, result.crs)
        t = self.w.resultsTable
        t.setRowCount(len(result.ids))
        for r, (tid, score) in enumerate(zip(result.ids, result.scores)):
            rank = QTableWidgetItem(str(r + 1))
            rank.setBackground(rank_colour(r + 1))
            t.setItem(r, 0, rank)
            t.setItem(r, 1, QTableWidgetItem(f"{score:.3f}"))
            t.setItem(r, 2, QTableWidgetItem(tid))
        self.w.addLayerButton.setEnabled(True)
        self.w.compareButton.setEnabled("query" in result.images)
        self.w.tabs.setCurrentWidget(self.w.matchTab)
        note = "" if result.valid_fraction >= 0.999 else \
            f" (warning: {100 * (1 - result.valid_fraction):.0f}% of the query tile is nodata)"
        self.status(f"tile {result.query_id}: best match {result.ids[0]} (score {result.scores[0]:.3f}), "
                    f"{result.elapsed_ms:.0f} ms{note}", "ok" if not note else "warning")

    def _row_selected(self) -> None:
        rows = self.w.resultsTable.selectionModel().selectedRows()
        if rows and self.last_result is not None:
            r = rows[0].row()
            self.highlighter.flash(self.last_result.footprints[r], self.last_result.crs)

    def add_results_layer(self):
        from .results_layer import matches_layer
        if self.last_result is None:
            return None
        layer = matches_layer(self.last_result)
        QgsProject.instance().addMapLayer(layer)
        return layer

    def show_compare(self):
        from .compare import CompareDialog
        if self.last_result is None or "query" not in self.last_result.images:
            return None
        dlg = CompareDialog(self.last_result, self.legend(), self)
        dlg.show()
        self._compare = dlg
        return dlg

    def clear_results(self) -> None:
        self.highlighter.clear()
        self.w.resultsTable.setRowCount(0)
        self.last_result = None
        self.w.addLayerButton.setEnabled(False)
        self.w.compareButton.setEnabled(False)

    # teardown ----------------------------------------------------------------------------------
    def shutdown(self) -> None:
        """Called by the plugin's unload: stop tools and tasks, remove canvas items, disconnect."""
        self.save_settings()
        self.cancel_build()
        if self.canvas.mapTool() is self.tool:
            self.canvas.unsetMapTool(self.tool)
        self.highlighter.clear()
        for sig, slot in ((QgsProject.instance().readProject, self._load_project_settings),
                          (QgsProject.instance().writeProject, self._save_project_settings),
                          (QgsProject.instance().layersAdded, self._refresh_vectors),
                          (QgsProject.instance().layersRemoved, self._refresh_vectors)):
            try:
                sig.disconnect(slot)
            except TypeError:
                pass
        if self._matcher is not None:
            self._matcher.close()
