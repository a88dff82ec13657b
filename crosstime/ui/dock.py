"""The CrossTime dock: pick layers and a model, build the old-date index, click to match.

The widgets come from ``dock.ui`` (loaded at run time). Nothing heavy runs on the GUI thread: reading vector
features, reprojecting, loading the model and the index and preparing the matcher all run in QgsTasks; the
main thread only gathers the choices (layer readers, cloned providers) and shows the results in the task's
``finished``. A click made while the matcher is being prepared waits for it (the newest click wins).
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
from qgis.PyQt.QtCore import QSize, Qt
from qgis.PyQt.QtGui import QColor, QIcon
from qgis.PyQt.QtWidgets import QComboBox, QDockWidget, QHeaderView, QTableWidgetItem, QTreeWidgetItem, QWidget

from ..core import choices
from ..core.settings import PROJECT_SCOPE, ProjectKey, Setting
from .highlight import Highlighter, rank_colour
from .maptool import ClickMatchTool
from .tasks import CoreTask, start
from .translation import category_label, choice_labels, mapping_warnings, missing_message, tr

UI_FILE = os.path.join(os.path.dirname(__file__), "dock.ui")
THUMB = 44                     # pixels of the thumbnails in the results list
TIE = 0.0005                   # cosine margins below this are shown as ties


DESCRIBER_QUICK, DESCRIBER_REGION, DESCRIBER_FILE = choices.DESCRIBER_QUICK, choices.DESCRIBER_REGION, choices.DESCRIBER_FILE


def margins(scores, next_score=None):
    """Each answer's lead over the next one (the last one's over the first answer not shown, when known)."""
    s = list(scores) + ([next_score] if next_score is not None else [])
    return [s[k] - s[k + 1] if k + 1 < len(s) else None for k in range(len(scores))]


def lead_text(margin) -> str:
    if margin is None:
        return "–"
    return tr("tie") if margin < TIE else f"+{margin:.3f}"


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
        self.tool.deactivated.connect(self._tool_off)
        self.request = 0                 # newest click; answers to older clicks are dropped
        self.last_result = None
        self.dropped = 0
        self._tasks = set()              # keep Python references while QGIS runs them
        self._build_task = None
        self._prep_task = None           # preparing the matcher (vectors, model, index) in the background
        self._prep_key = None
        self._pending = None             # the newest click made while the matcher was being prepared
        self._matcher = None
        self._matcher_key = None
        self._chosen = {}                # ortho combo -> id of the layer chosen in it
        self.essential_missing = []      # what even the quick describer needs (numpy, rasterio)
        self._setup_widgets()
        self._load_settings()
        from .archive_panel import ArchivePanel
        self.archive = ArchivePanel(self)
        proj = QgsProject.instance()
        proj.readProject.connect(self._load_project_settings)
        proj.writeProject.connect(self._save_project_settings)
        proj.layersAdded.connect(self._refresh_vectors)
        proj.layersRemoved.connect(self._layers_removed)
        if self.missing:
            self.show_missing(self.missing)

    def show_missing(self, missing: List[str]) -> None:
        """The banner naming what is missing, with a link to the dialog that installs it. The quick describer needs
        numpy and rasterio only, so without torch the dock still indexes and answers clicks; learning needs torch."""
        import html

        w = self.w
        self.missing = list(missing)
        w.missingLabel.setTextFormat(Qt.TextFormat.RichText)
        w.missingLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        w.missingLabel.setText(html.escape(missing_message(self.missing)) + ' <a href="dependencies">'
                               + html.escape(tr("Install the missing packages…")) + "</a>")
        w.missingLabel.setVisible(bool(self.missing))
        self.essential_missing = [m for m in self.missing if m in ("numpy", "rasterio")]
        for b in (w.buildButton, w.pickButton, w.previewButton):
            b.setEnabled(not self.essential_missing)
        w.learnButton.setEnabled(not self.missing)
        for b in (self.archive.w.indexArchiveButton, self.archive.w.locateButton):    # its describer needs PyTorch
            b.setEnabled(not self.missing)
        if self.missing and w.describerCombo.currentData() != DESCRIBER_QUICK:
            self._select_data(w.describerCombo, DESCRIBER_QUICK)

    # widgets -----------------------------------------------------------------------------------
    def _setup_widgets(self) -> None:
        w = self.w
        for combo in (w.oldOrthoCombo, w.newOrthoCombo):
            combo.setFilters(QgsMapLayerProxyModel.Filter.RasterLayer)
            combo.setAllowEmptyLayer(True)           # "(none)" rather than silently another layer
            combo.setLayer(None)
            combo.layerChanged.connect(lambda layer, c=combo: self._ortho_changed(c, layer))
        for combo in (w.oldOrthoCombo, w.newOrthoCombo, w.oldVectorsCombo, w.newVectorsCombo, w.legendCombo,
                      w.semanticCombo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
        for key, label in zip(choices.keys(choices.LEGEND_PRESETS), choice_labels("LEGEND_PRESETS")):
            w.legendCombo.addItem(label, key)
        w.legendCombo.addItem(tr("Mapping file…"), "file")
        for key, label in zip(choices.keys(choices.SEMANTIC_MODES), choice_labels("SEMANTIC_MODES")):
            w.semanticCombo.addItem(label, key)
        w.legendCombo.currentIndexChanged.connect(lambda _: w.mappingFile.setEnabled(w.legendCombo.currentData() == "file"))
        for key, label in ((DESCRIBER_QUICK, tr("Quick (no training)")), (DESCRIBER_REGION, tr("Learnt on this region")),
                           (DESCRIBER_FILE, tr("Model file…"))):
            w.describerCombo.addItem(label, key)
        w.describerCombo.currentIndexChanged.connect(lambda _: self._describer_changed())
        w.learnButton.clicked.connect(self.learn_region)
        w.missingLabel.linkActivated.connect(lambda _: self.open_dependencies())
        w.previewButton.clicked.connect(self.preview_legend)
        w.buildButton.clicked.connect(self.build_index)
        w.cancelButton.clicked.connect(self.cancel_build)
        w.pickButton.toggled.connect(self._toggle_tool)
        w.clearButton.clicked.connect(self.clear_results)
        w.resultsTable.itemSelectionChanged.connect(self._row_selected)
        w.addLayerButton.clicked.connect(self.add_results_layer)
        w.compareButton.clicked.connect(self.show_compare)
        w.indexFile.fileChanged.connect(lambda _: self.invalidate_matcher())
        t = w.resultsTable
        t.setIconSize(QSize(THUMB, THUMB))
        t.verticalHeader().setVisible(False)
        t.verticalHeader().setDefaultSectionSize(THUMB + 6)
        t.horizontalHeader().setStretchLastSection(True)
        t.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        t.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        tree = w.legendTree.header()
        tree.setStretchLastSection(False)
        tree.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        tree.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        w.queryLabel.setVisible(False)
        w.mainLayout.setContentsMargins(3, 3, 3, 3)     # usable at 300 px of width
        self.setMinimumWidth(0)
        self._refresh_vectors()

    def _refresh_vectors(self, *_args) -> None:
        layers = [l for l in QgsProject.instance().mapLayers().values() if isinstance(l, QgsVectorLayer)]
        for combo in (self.w.oldVectorsCombo, self.w.newVectorsCombo):
            checked = set(self._checked_ids(combo))
            combo.blockSignals(True)
            combo.clear()
            for l in sorted(layers, key=lambda l: l.name().lower()):
                state = Qt.CheckState.Checked if l.id() in checked else Qt.CheckState.Unchecked
                combo.addItemWithCheckState(l.name(), state, l.id())
            combo.blockSignals(False)

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
        self.invalidate_matcher()
        msg = tr("the {} layer '{}' was removed from the project: choose another one").format(role, name)
        self.status(msg, "warning")
        self.push(msg, Qgis.MessageLevel.Warning)

    def _layers_removed(self, ids) -> None:
        self._refresh_vectors()
        for combo in (self.w.oldOrthoCombo, self.w.newOrthoCombo):
            if self._chosen.get(combo) in set(ids):
                self._chosen[combo] = None
                combo.setLayer(None)
                self._ortho_removed(combo, self._chosen.get(combo) or "")

    @staticmethod
    def _checked_ids(combo) -> List[str]:
        return [str(v) for v in combo.checkedItemsData()]

    def _set_checked(self, combo, ids) -> None:
        for k in range(combo.count()):
            combo.setItemCheckState(k, Qt.CheckState.Checked if combo.itemData(k) in ids else Qt.CheckState.Unchecked)

    def status(self, text: str, level: str = "info") -> None:
        colour = {"info": "", "warning": "color: #8a6d00;", "error": "color: #b00020;", "ok": "color: #1b5e20;"}[level]
        self.w.statusLabel.setStyleSheet(f"QLabel {{ {colour} }}")
        self.w.statusLabel.setText(text)

    def push(self, text: str, level=Qgis.MessageLevel.Info, duration: int = 6) -> None:
        self.iface.messageBar().pushMessage("CrossTime", text, level=level, duration=duration)

    # choices -----------------------------------------------------------------------------------
    def layers(self):
        w = self.w
        proj = QgsProject.instance()
        return {"old_ortho": w.oldOrthoCombo.currentLayer(), "new_ortho": w.newOrthoCombo.currentLayer(),
                "old_vectors": [proj.mapLayer(i) for i in self._checked_ids(w.oldVectorsCombo) if proj.mapLayer(i)],
                "new_vectors": [proj.mapLayer(i) for i in self._checked_ids(w.newVectorsCombo) if proj.mapLayer(i)]}

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

    def legend(self):
        from ..core.geo.legend import load_legend
        key = self.w.legendCombo.currentData()
        if key == "file":
            path = self.w.mappingFile.filePath()
            if not path:
                raise ValueError(tr("choose a mapping file, or one of the legend presets"))
            return load_legend(path)
        return load_legend(key)

    def model_choice(self) -> str:
        """What describes the tiles: 'quick' (no training), the model learnt on this region, or a chosen file."""
        from ..core.jobs import QUICK
        kind = self.w.describerCombo.currentData()
        if kind == DESCRIBER_QUICK:
            return QUICK
        if kind == DESCRIBER_REGION:
            path = self.region_model_path()
            if not os.path.exists(path):
                raise ValueError(tr("no model learnt on this region yet ({}): press Learn this region, or choose "
                                    "Quick").format(path))
            return path
        path = self.w.modelFile.filePath()
        if not path:
            raise ValueError(tr("choose a trained model file (.ctmodel or .onnx), or the Quick describer"))
        return path

    def _describer_changed(self) -> None:
        self.w.modelFile.setEnabled(self.w.describerCombo.currentData() == DESCRIBER_FILE)
        self.invalidate_matcher()

    def region_folder(self) -> str:
        """Where models learnt here are kept: beside the project (never a temporary folder)."""
        proj = QgsProject.instance().absolutePath()
        if proj:
            return os.path.join(proj, "crosstime")
        old = self.layers()["old_ortho"]
        folder = os.path.dirname(old.source()) if old is not None else ""
        return os.path.join(folder if folder and os.path.isdir(folder) else os.path.expanduser("~"), "crosstime")

    def region_model_path(self) -> str:
        from ..core.jobs import REGION_MODEL
        return os.path.join(self.region_folder(), REGION_MODEL)

    def open_dependencies(self):
        from ..core import dependencies
        from .dependencies_dialog import open_dependencies_dialog
        dialog = open_dependencies_dialog(self.iface, self)
        dialog.packages_changed.connect(lambda: self.show_missing(dependencies.missing()))
        return dialog

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
        self._select_data(w.describerCombo, get(Setting.DESCRIBER))
        self._describer_changed()

    def save_settings(self) -> None:
        s = QgsSettings()
        w = self.w
        for setting, value in ((Setting.TILE_SIZE, w.tileSizeSpin.value()), (Setting.PIXELS, w.pixelsSpin.value()),
                               (Setting.K, w.kSpin.value()), (Setting.LEGEND, w.legendCombo.currentData()),
                               (Setting.SEMANTIC, w.semanticCombo.currentData()),
                               (Setting.MODEL, w.modelFile.filePath()), (Setting.MAPPING_FILE, w.mappingFile.filePath()),
                               (Setting.DESCRIBER, w.describerCombo.currentData())):
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
        # relative to the project file when the project says so (writePath), read back with readPath
        put(ProjectKey.INDEX, p.writePath(w.indexFile.filePath()) if w.indexFile.filePath() else "")
        put(ProjectKey.MODEL, p.writePath(w.modelFile.filePath()) if w.modelFile.filePath() else "")
        put(ProjectKey.DESCRIBER, w.describerCombo.currentData())
        put(ProjectKey.LEGEND, w.legendCombo.currentData())
        p.writeEntryDouble(PROJECT_SCOPE, ProjectKey.TILE_SIZE.value, w.tileSizeSpin.value())
        put(ProjectKey.PIXELS, w.pixelsSpin.value())
        put(ProjectKey.K, w.kSpin.value())
        self.archive.save_project_settings()

    def _load_project_settings(self, *_args) -> None:
        p = QgsProject.instance()
        w = self.w
        self._refresh_vectors()
        get = lambda key: p.readEntry(PROJECT_SCOPE, key.value, "")[0]
        for combo, key in ((w.oldOrthoCombo, ProjectKey.OLD_ORTHO), (w.newOrthoCombo, ProjectKey.NEW_ORTHO)):
            combo.setLayer(p.mapLayer(get(key)) if get(key) else None)
        self._set_checked(w.oldVectorsCombo, p.readListEntry(PROJECT_SCOPE, ProjectKey.OLD_VECTORS.value)[0])
        self._set_checked(w.newVectorsCombo, p.readListEntry(PROJECT_SCOPE, ProjectKey.NEW_VECTORS.value)[0])
        if get(ProjectKey.INDEX):
            w.indexFile.setFilePath(p.readPath(get(ProjectKey.INDEX)))
        if get(ProjectKey.MODEL):
            w.modelFile.setFilePath(p.readPath(get(ProjectKey.MODEL)))
        if get(ProjectKey.LEGEND):
            self._select_data(w.legendCombo, get(ProjectKey.LEGEND))
        if get(ProjectKey.DESCRIBER):
            self._select_data(w.describerCombo, get(ProjectKey.DESCRIBER))
        ts, ok = p.readDoubleEntry(PROJECT_SCOPE, ProjectKey.TILE_SIZE.value, 0.0)
        if ok and ts > 0:
            w.tileSizeSpin.setValue(ts)
        px, ok = p.readNumEntry(PROJECT_SCOPE, ProjectKey.PIXELS.value, 0)
        if ok and px > 0:
            w.pixelsSpin.setValue(px)
        k, ok = p.readNumEntry(PROJECT_SCOPE, ProjectKey.K.value, 0)
        if ok and k > 0:
            w.kSpin.setValue(k)
        self.archive.load_project_settings()

    # legend preview ----------------------------------------------------------------------------
    def preview_legend(self):
        from ..adapters.layers import attribute_samples, source_layer_name
        tree = self.w.legendTree
        tree.clear()
        try:
            legend = self.legend()
        except Exception as exc:
            self.status(str(exc), "error")
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
            rep = legend.report((source_layer_name(l), attribute_samples(l)) for l in lay[key])
            for l in lay[key]:
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
            self.status("\n".join(warnings), "warning")
        else:
            self.status(tr("legend '{}': every chosen layer maps onto the categories").format(legend.name), "ok")
        return warnings

    # index -------------------------------------------------------------------------------------
    def default_index_path(self) -> str:
        proj = QgsProject.instance().absolutePath()
        lay = self.layers()
        folder = os.path.dirname(lay["old_ortho"].source()) if lay["old_ortho"] else ""
        base = proj or (folder if folder and os.path.isdir(folder) else os.path.expanduser("~"))
        return os.path.join(base, "crosstime_old.ctindex")

    def _grid_maker(self, old_layer, new_layer, old, new):
        """The area to read vectors over (QGIS extents, cheap) and a function making the tile grid over both orthos
        (files: their headers; other layers: their extents), to call in the task: it imports rasterio and reads
        headers, which would stall the GUI thread."""
        from ..adapters.layers import crs_string, layer_bounds_in
        from ..core.geo.grid import intersect_bounds
        w = self.w
        crs = new_layer.crs()
        grid_crs = crs_string(crs) if not crs.isGeographic() else None
        tile_size, pixels = w.tileSizeSpin.value(), w.pixelsSpin.value()
        if grid_crs is None and not (isinstance(old, str) and isinstance(new, str)):
            raise ValueError(tr("the new ortho '{}' is in a geographic CRS (degrees): tiles need a projected CRS in "
                                "metres; reproject it or use a projected layer as the new ortho").format(new_layer.name()))
        area_crs = grid_crs or crs_string(crs)
        new_b = layer_bounds_in(new_layer, area_crs)
        old_b = layer_bounds_in(old_layer, area_crs, within=new_b)
        common = intersect_bounds(new_b, old_b)
        if common is None:
            raise ValueError(tr("the two orthos do not overlap: '{}' and '{}' cover separate areas; choose the two "
                                "dates of one place").format(old_layer.name(), new_layer.name()))
        # the grid snaps to a global origin, so it may reach up to one tile beyond the overlap
        pad = tile_size if grid_crs else 0.0
        area = (common[0] - pad, common[1] - pad, common[2] + pad, common[3] + pad)

        def make_grid():
            from ..core import jobs
            if isinstance(old, str) and isinstance(new, str):
                return jobs.grid_for_orthos(old, new, tile_size, pixels, crs=grid_crs)
            return jobs.grid_for_bounds(old_b, new_b, grid_crs, tile_size, pixels)
        return area, area_crs, make_grid

    def _build_inputs(self, dates, with_model: bool) -> Optional[dict]:
        """The orthos, legend, grid (and model) chosen in the dock, and readers of the vector layers of ``dates``
        over the grid (read later, in the task); None, with the reason in the status line, when a choice is wrong."""
        from ..adapters.layers import ortho_source, vector_layer_readers
        from ..core.errors import CrossTimeError
        self.save_settings()
        lay = self.layers()
        try:
            old_layer, new_layer = self.orthos()
            old, new = ortho_source(old_layer, tr("old ortho")), ortho_source(new_layer, tr("new ortho"))
            legend = self.legend()
            model = self.model_choice() if with_model else None
            bounds, area_crs, make_grid = self._grid_maker(old_layer, new_layer, old, new)
            area, crs = QgsRectangle(*bounds), QgsCoordinateReferenceSystem(area_crs)
            readers = {d: vector_layer_readers(lay[f"{d}_vectors"], area, crs, legend) for d in dates}
        except (CrossTimeError, ValueError, OSError) as exc:
            self.status(str(exc), "error")
            return None
        return {"old": old, "new": new, "legend": legend, "make_grid": make_grid, "model": model, "readers": readers}

    def build_index(self) -> Optional[CoreTask]:
        """Read the old vectors and describe every tile of the old ortho in a background task; the index file is
        written atomically."""
        from ..core import jobs
        from ..core.geo.vectors import release_gradually
        if self._build_task is not None:
            self.status(tr("an index is already being built"), "warning")
            return None
        w = self.w
        chosen = self._build_inputs(("old",), with_model=True)
        if chosen is None:
            return None
        old, new, legend, make_grid, model = (chosen["old"], chosen["new"], chosen["legend"], chosen["make_grid"],
                                              chosen["model"])
        readers = chosen["readers"]["old"]
        path = w.saveIndexFile.filePath() or self.default_index_path()
        w.saveIndexFile.setFilePath(path)
        semantic = w.semanticCombo.currentData()

        def work(progress):
            grid = make_grid()
            progress.update(0.0, tr("reading the old-date vector layers"))
            layers = []
            for n, r in enumerate(readers):
                layers.append(r.read(progress))
                progress.update(0.05 * (n + 1) / len(readers))
            idx, grid_out, warnings = jobs.build_index_from_layers(path, old, new, layers, legend, grid.tile_size,
                                                                   grid.pixels, model, grid.crs, semantic,
                                                                   progress=progress.sub(0.05, 1.0), grid=grid)
            empty = [r.display_name for r, l in zip(readers, layers) if not l.features]
            for layer in layers:
                release_gradually(layer.features)
            return {"path": path, "count": len(idx), "warnings": warnings, "grid": grid_out.summary(), "empty": empty}

        return self._start_build(tr("CrossTime: index the old-date tiles"), work, self._index_done,
                                 tr("building the index of the old-date tiles..."))

    def _start_build(self, title: str, work, on_done, status: str) -> CoreTask:
        """Run ``work`` in the background as the dock's one build task (progress bar, Cancel button)."""
        w = self.w
        task = CoreTask(title, work, on_done)
        task.progressChanged.connect(lambda v: w.progressBar.setValue(int(v)))
        self._build_task = task
        self._tasks.add(task)
        w.buildButton.setEnabled(False)
        w.learnButton.setEnabled(False)
        w.cancelButton.setEnabled(True)
        w.progressBar.setValue(0)
        self.status(status)
        start(task)
        return task

    def learn_region(self) -> Optional[CoreTask]:
        """Train a descriptor on the chosen layers (CrossTime's CPU recipe, time budget), keep it beside the
        project, then build the index with it: all in one background task."""
        from ..core import jobs
        from ..core.geo.vectors import release_gradually
        if self._build_task is not None:
            self.status(tr("an index is already being built or a model learnt"), "warning")
            return None
        w = self.w
        chosen = self._build_inputs(("old", "new"), with_model=False)
        if chosen is None:
            return None
        old, new, legend, make_grid, readers = (chosen["old"], chosen["new"], chosen["legend"], chosen["make_grid"],
                                                chosen["readers"])
        folder = self.region_folder()
        index_path = w.saveIndexFile.filePath() or self.default_index_path()
        w.saveIndexFile.setFilePath(index_path)
        minutes = w.learnMinutesSpin.value()

        def work(progress):
            grid = make_grid()
            progress.update(0.0, tr("reading the vector layers"))
            vectors = {date: [r.read(progress) for r in rs] for date, rs in readers.items()}
            model, result, index = jobs.learn_region(folder, grid, old, new, vectors["old"], vectors["new"], legend,
                                                     minutes, index_path, progress=progress.sub(0.03, 1.0))
            for layer in vectors["old"] + vectors["new"]:
                release_gradually(layer.features)
            best = (result.best_val or {}).get("map@5")
            start = next((h.get("val_map@5") for h in result.history if h["epoch"] == 0), None)
            return {"path": index_path, "count": len(index), "warnings": [], "grid": grid.summary(), "empty": [],
                    "model": model, "best": best, "start": start, "epochs": result.best_epoch}

        return self._start_build(tr("CrossTime: learn this region ({} min)").format(minutes), work, self._learnt,
                                 tr("learning this region for up to {} min, then indexing; the model goes to {}").format(
                                     minutes, folder))

    def _learnt(self, status: str, result, error) -> None:
        if status == "ok":
            self._select_data(self.w.describerCombo, DESCRIBER_REGION)
        self._index_done(status, result, error)
        if status == "ok" and result.get("best") is not None:
            start_score = result["start"] if result["start"] is not None else float("nan")
            self.status(tr("model learnt on this region ({}): validation map@5 {:.3f} (untrained {:.3f}); index of {} "
                           "tiles written to {}").format(result["model"], result["best"], start_score, result["count"],
                                                         result["path"]),
                        "ok" if result["best"] > (result["start"] or 0) else "warning")

    def cancel_build(self) -> None:
        if self._build_task is not None:
            self._build_task.stop()

    def _index_done(self, status: str, result, error) -> None:
        w = self.w
        self._tasks.discard(self._build_task)
        self._build_task = None
        w.buildButton.setEnabled(not self.essential_missing)
        w.learnButton.setEnabled(not self.missing)
        for b in (self.archive.w.indexArchiveButton, self.archive.w.locateButton):    # its describer needs PyTorch
            b.setEnabled(not self.missing)
        w.cancelButton.setEnabled(False)
        if status == "ok":
            w.progressBar.setValue(100)
            for name in result["empty"]:
                self.push(tr("old vector layer '{}' has no features in the tiled area").format(name),
                          Qgis.MessageLevel.Warning)
            w.indexFile.setFilePath(result["path"])
            self.invalidate_matcher()
            msg = tr("index of {} tiles written to {} ({})").format(result["count"], result["path"], result["grid"])
            if result["warnings"]:
                msg += "\n" + "\n".join(result["warnings"])
            self.status(msg, "warning" if result["warnings"] else "ok")
            self._save_project_settings()
        elif status == "cancelled":
            w.progressBar.setValue(0)
            self.status(tr("index build cancelled; the previous index file, if any, is unchanged"), "warning")
        else:
            self.status(tr("the index could not be built: {}").format(error), "error")

    # matching ----------------------------------------------------------------------------------
    def _toggle_tool(self, on: bool) -> None:
        if on:
            self.canvas.setMapTool(self.tool)
            self._show_area()
            if self._matcher is None and self._prep_task is None:
                self.prepare_matcher()          # ready, or nearly, by the time the user clicks
        elif self.canvas.mapTool() is self.tool:
            self.canvas.unsetMapTool(self.tool)

    def _tool_off(self) -> None:
        self.w.pickButton.setChecked(False)
        self.highlighter.hide_area()

    def _show_area(self) -> None:
        if self._matcher is not None and self.canvas.mapTool() is self.tool:
            self.highlighter.show_area(self._matcher.grid.bounds(), self._matcher.grid.crs)

    def invalidate_matcher(self) -> None:
        """Forget the prepared matcher (inputs changed or went away); the next click prepares a new one."""
        if self._matcher is not None:
            self._matcher.close()
        self._matcher, self._matcher_key = None, None
        self.highlighter.hide_area()

    def _matcher_inputs(self):
        """Everything the matcher is made of, gathered on the main thread (cheap), and its cache key."""
        from ..adapters.layers import ortho_source, vector_layer_readers
        w = self.w
        old_layer, new_layer = self.orthos(need_old=False)
        path = w.indexFile.filePath()
        if not path or not os.path.exists(path):
            raise ValueError(tr("build the index of the old date first (Index tab), or choose an existing index file"))
        lay = self.layers()
        model = self.model_choice()
        legend = self.legend()
        key = (path, os.path.getmtime(path), model, new_layer.id(), old_layer.id() if old_layer else None,
               tuple(l.id() for l in lay["new_vectors"]), tuple(l.id() for l in lay["old_vectors"]),
               w.legendCombo.currentData(), w.semanticCombo.currentData())
        if key == self._matcher_key or key == self._prep_key:
            return key, None
        inputs = {"path": path, "model": model, "legend": legend,
                  "new": ortho_source(new_layer, tr("new ortho")),
                  "old": ortho_source(old_layer, tr("old ortho")) if old_layer else None,
                  "new_readers": vector_layer_readers(lay["new_vectors"], legend=legend),
                  # the old date's vectors too: the compare view shows the matches' semantic rasters
                  "old_readers": vector_layer_readers(lay["old_vectors"], legend=legend) if old_layer else [],
                  "tile_size": w.tileSizeSpin.value(), "pixels": w.pixelsSpin.value()}
        return key, inputs

    def prepare_matcher(self) -> Optional[CoreTask]:
        """Start preparing the matcher for the current choices in the background (None if ready or failing)."""
        try:
            key, inputs = self._matcher_inputs()
        except Exception as exc:
            self.status(str(exc), "error")
            return None
        if inputs is None:
            return self._prep_task
        from ..core import jobs

        def work(progress):
            from ..core.geo.grid import TileGrid
            from ..core.retrieval.index import DescriptorIndex
            grid = DescriptorIndex.load(inputs["path"]).grid or {}
            bounds, crs = (TileGrid.from_dict(grid).bounds(), grid["crs"]) if grid else (None, None)
            new_layers = [r.read(progress, bounds, crs) for r in inputs["new_readers"]]
            old_layers = [r.read(progress, bounds, crs) for r in inputs["old_readers"]]
            matcher = jobs.open_matcher(inputs["path"], inputs["model"], inputs["legend"], inputs["new"], new_layers,
                                        inputs["old"], old_layers)
            try:
                matcher.prepare()                  # vectors classified, reprojected and buffered now
            except Exception:
                matcher.close()
                raise
            return matcher, grid

        task = CoreTask(tr("CrossTime: prepare the matcher"), work,
                        lambda status, result, error: self._prepared(task, key, status, result, error))
        self._prep_task, self._prep_key = task, key
        self._tasks.add(task)
        self.status(tr("preparing the matcher (reading the vector layers, loading the model and the index)…"))
        start(task)
        return task

    def _prepared(self, task, key, status, result, error) -> None:
        self._tasks.discard(task)
        if task is not self._prep_task:           # superseded by newer choices
            if status == "ok":
                result[0].close()
            return
        self._prep_task, self._prep_key = None, None
        pending, self._pending = self._pending, None
        if status != "ok":
            self.status(tr("the matcher could not be prepared: {}").format(error) if status == "error"
                        else tr("preparing the matcher was cancelled"), "error" if status == "error" else "warning")
            return
        matcher, grid = result
        if self._matcher is not None:
            self._matcher.close()
        self._matcher, self._matcher_key = matcher, key
        w = self.w
        if grid and (abs(grid.get("tile_size", 0) - w.tileSizeSpin.value()) > 1e-6
                     or grid.get("pixels") != w.pixelsSpin.value()):
            self.push(tr("the index was cut into tiles of {:g} m / {} px, not the {:g} m / {} px set here: the index's "
                         "grid is used").format(grid["tile_size"], grid["pixels"], w.tileSizeSpin.value(),
                                                w.pixelsSpin.value()), Qgis.MessageLevel.Warning)
        self._show_area()
        self.status(tr("ready: click a place on the new ortho"), "ok")
        if pending is not None:
            self.match_point(*pending)

    def matcher(self):
        """The prepared Matcher for the current choices, or None while it is (being) prepared."""
        key, inputs = self._matcher_inputs()
        if inputs is None and key == self._matcher_key:
            return self._matcher
        return None

    def match_point(self, point: QgsPointXY, crs: QgsCoordinateReferenceSystem) -> Optional[CoreTask]:
        """Describe and search the tile under ``point``; a newer click supersedes this one. While the matcher
        is being prepared, the click waits for it (returns the preparation task)."""
        try:
            matcher = self.matcher()
        except Exception as exc:
            self.status(str(exc), "error")
            return None
        if matcher is None:
            self.request += 1                     # an answer to an older click would now be stale
            self._pending = (QgsPointXY(point), QgsCoordinateReferenceSystem(crs))
            task = self.prepare_matcher()
            if task is None:
                self._pending = None
                return None
            self.status(tr("preparing the matcher (reading the vector layers, loading the model and the index)…; "
                           "your click will be answered next"))
            return task
        grid_crs = QgsCoordinateReferenceSystem(matcher.grid.crs)
        p = QgsPointXY(point)
        if crs.isValid() and crs != grid_crs:
            p = QgsCoordinateTransform(crs, grid_crs, QgsProject.instance()).transform(p)
        if matcher.tile_at(p.x(), p.y()) is None:
            self.status(tr("this point lies outside the tiled area of the index (dotted outline)"), "warning")
            return None
        self.request += 1
        req = self.request
        k = self.w.kSpin.value()
        # one more than shown: the last answer's lead over the next one
        task = CoreTask(tr("CrossTime: match a click"), lambda progress: matcher.match(p.x(), p.y(), k + 1, req, True),
                        lambda status, result, error: self._match_done(req, k, status, result, error), can_cancel=False)
        self._tasks.add(task)
        task.req = req
        self.status(tr("matching…"))
        start(task)
        return task

    def _match_done(self, req: int, k: int, status: str, result, error) -> None:
        self._tasks = {t for t in self._tasks if getattr(t, "req", None) != req}
        if req != self.request:
            self.dropped += 1        # an answer to an older click: never shown
            return
        if status != "ok":
            self.status(tr("the click could not be matched: {}").format(error), "error")
            return
        result.next_score = result.scores[k] if len(result.scores) > k else None
        result.ids, result.scores, result.footprints = result.ids[:k], result.scores[:k], result.footprints[:k]
        if "matches" in result.images:
            result.images["matches"] = result.images["matches"][:k]
        self.show_result(result)

    def show_result(self, result) -> None:
        from .compare import to_pixmap
        self.last_result = result
        self.highlighter.show(result.query_footprint, result.footprints, result.crs)
        leads = margins(result.scores, getattr(result, "next_score", None))
        result.margins = leads
        t = self.w.resultsTable
        t.clearContents()
        t.setRowCount(len(result.ids))
        thumbs = result.images.get("matches", [])
        for r, (tid, score, lead) in enumerate(zip(result.ids, result.scores, leads)):
            rank = QTableWidgetItem(str(r + 1))
            rank.setBackground(rank_colour(r + 1))
            rank.setForeground(QColor("#000000" if r < 2 else "#ffffff"))
            if r < len(thumbs):
                rank.setIcon(QIcon(to_pixmap(thumbs[r][0], THUMB)))
            tip = tr("cosine similarity {:.4f}").format(score)
            if lead is not None:
                tip += "\n" + tr("{:.4f} above rank {}").format(lead, r + 2)
            lead_item = QTableWidgetItem(lead_text(lead))
            for item in (rank, lead_item):
                item.setToolTip(tip)
            t.setItem(r, 0, rank)
            t.setItem(r, 1, lead_item)
            tile = QTableWidgetItem(tid)
            tile.setToolTip(tip)
            t.setItem(r, 2, tile)
        if "query" in result.images:
            self.w.queryLabel.setPixmap(to_pixmap(result.images["query"][0], THUMB))
            self.w.queryLabel.setToolTip(tr("the clicked tile {} (new date)").format(result.query_id))
            self.w.queryLabel.setVisible(True)
        self.w.addLayerButton.setEnabled(True)
        self.w.compareButton.setEnabled("query" in result.images)
        self.w.tabs.setCurrentWidget(self.w.matchTab)
        note = "" if result.valid_fraction >= 0.999 else \
            tr(" (warning: {:.0f}% of the query tile is nodata)").format(100 * (1 - result.valid_fraction))
        lead = leads[0] if leads else None
        self.status(tr("tile {}: best match {}, {} ahead of the next (cosine {:.3f}), {:.0f} ms{}").format(
            result.query_id, result.ids[0], lead_text(lead), result.scores[0], result.elapsed_ms, note),
            "ok" if not note else "warning")

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
        self.w.queryLabel.setVisible(False)
        self.last_result = None
        self.w.addLayerButton.setEnabled(False)
        self.w.compareButton.setEnabled(False)

    # teardown ----------------------------------------------------------------------------------
    def shutdown(self) -> None:
        """Called by the plugin's unload: stop tools and tasks, remove canvas items, disconnect."""
        self.save_settings()
        self.cancel_build()
        self.archive.shutdown()
        if self._prep_task is not None:
            self._prep_task.stop()
        if self.canvas.mapTool() is self.tool:
            self.canvas.unsetMapTool(self.tool)
        self.highlighter.clear_all()
        for sig, slot in ((QgsProject.instance().readProject, self._load_project_settings),
                          (QgsProject.instance().writeProject, self._save_project_settings),
                          (QgsProject.instance().layersAdded, self._refresh_vectors),
                          (QgsProject.instance().layersRemoved, self._layers_removed)):
            try:
                sig.disconnect(slot)
            except TypeError:
                pass
        if self._matcher is not None:
            self._matcher.close()
            self._matcher = None
