"""The dock's Match tab: the click tool, the matcher prepared in the background, each click's answer in the results
table and on the map, the compare view and the results layer.

Reading vector features, reprojecting, loading the model and the index and preparing the matcher all run in a
QgsTask; the main thread only gathers the choices and shows the results in the task's ``finished``. A click made
while the matcher is being prepared waits for it, and a newer click supersedes an older one (the newest wins).
"""
from __future__ import annotations

import os
from typing import Optional

from qgis.core import Qgis, QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsPointXY, QgsProject
from qgis.PyQt.QtCore import QObject, QSize
from qgis.PyQt.QtGui import QColor, QIcon
from qgis.PyQt.QtWidgets import QComboBox, QHeaderView, QTableWidgetItem

from ..translation import tr, translated
from .highlight import rank_colour
from .index_panel import model_needs_torch
from .maptool import ClickMatchTool
from .tasks import CoreTask, start

THUMB = 44                     # pixels of the thumbnails in the results list
TIE = 0.0005                   # cosine margins below this are shown as ties


def margins(scores, next_score=None):
    """Each answer's lead over the next one (the last one's over the first answer not shown, when known)."""
    s = list(scores) + ([next_score] if next_score is not None else [])
    return [s[k] - s[k + 1] if k + 1 < len(s) else None for k in range(len(scores))]


def lead_text(margin) -> str:
    if margin is None:
        return "–"
    return tr("tie") if margin < TIE else f"+{margin:.3f}"


class MatchPanel(QObject):
    def __init__(self, dock):
        super().__init__(dock)
        self.dock = dock
        self.w = w = dock.w
        self.canvas = dock.canvas
        self.highlighter = dock.highlighter
        self.tool = ClickMatchTool(self.canvas)
        self.tool.picked.connect(self.match_point)
        self.tool.deactivated.connect(self._tool_off)
        self.request = 0                 # newest click; answers to older clicks are dropped
        self.last_result = None
        self.dropped = 0
        self._tasks = set()              # keep Python references while QGIS runs them
        self._prep_task = None           # preparing the matcher (model, index) in the background
        self._read_task = None           # then reading every vector feature for quicker clicks
        self._prep_key = None
        self._pending = None             # the newest click made while the matcher was being prepared
        self._matcher = None
        self._matcher_key = None
        self._compare_wanted = False     # the compare view asked for while the matches' map features are read
        self._read_all_later = None      # (matcher, grid, inputs): every feature to read once the first answer is in
        w.pickButton.toggled.connect(self._toggle_tool)
        w.clearButton.clicked.connect(self.clear_results)
        w.resultsTable.itemSelectionChanged.connect(self._row_selected)
        w.addLayerButton.clicked.connect(self.add_results_layer)
        w.compareButton.clicked.connect(self.show_compare)
        t = w.resultsTable
        t.setIconSize(QSize(THUMB, THUMB))
        t.verticalHeader().setVisible(False)
        t.verticalHeader().setDefaultSectionSize(THUMB + 6)
        t.horizontalHeader().setStretchLastSection(True)
        t.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        t.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        w.queryLabel.setVisible(False)
        # short as the dock is narrow: the long labels show whole in the open list
        w.neighbourhoodCombo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        w.neighbourhoodCombo.setMinimumContentsLength(8)
        for size, label in (("3", tr("its 3x3 neighbourhood")), ("1", tr("its own tile only (the paper's protocol)")),
                            ("5", tr("its 5x5 neighbourhood"))):
            w.neighbourhoodCombo.addItem(label, size)

    # the click tool ----------------------------------------------------------------------------
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

    # the matcher -------------------------------------------------------------------------------
    def invalidate_matcher(self) -> None:
        """Forget the prepared matcher (inputs changed or went away); the next click prepares a new one."""
        self._stop_reading_all()
        if self._matcher is not None:
            self._matcher.close()
        self._matcher, self._matcher_key = None, None
        self.highlighter.hide_area()

    def _matcher_inputs(self):
        """Everything the matcher is made of, gathered on the main thread (cheap), and its cache key."""
        from ..adapters.layers import ortho_source, vector_layer_readers
        w = self.w
        layers = self.dock.layers_panel
        old_layer, new_layer = layers.orthos(need_old=False)
        path = w.indexFile.filePath()
        if not path or not os.path.exists(path):
            raise ValueError(tr("build the index of the old date first (Index tab), or choose an existing index file"))
        lay = layers.layers()
        model = self.dock.index_panel.model_choice()
        legend = layers.legend()
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
                  # others for reading every feature in the background while clicks read around themselves
                  "all_new_readers": vector_layer_readers(lay["new_vectors"], legend=legend),
                  "all_old_readers": vector_layer_readers(lay["old_vectors"], legend=legend) if old_layer else [],
                  "tile_size": w.tileSizeSpin.value(), "pixels": w.pixelsSpin.value()}
        return key, inputs

    def prepare_matcher(self, quietly: bool = False) -> Optional[CoreTask]:
        """Start preparing the matcher for the current choices in the background (None if ready or failing).
        ``quietly``: the status line keeps what it says (the message of the index just built), unless it fails."""
        try:
            key, inputs = self._matcher_inputs()
        except Exception as exc:
            if not quietly:
                self.dock.status(translated(exc), "error")
            return None
        if inputs is None:
            return self._prep_task
        from ..core import jobs

        def work(progress):
            from ..core.tiles.dates import NEW, OLD
            readers = {NEW: inputs["new_readers"], OLD: inputs["old_readers"]}

            def vectors_near(date, bounds):
                # a spatial request per click (the provider's spatial index): the first answer does not wait for
                # a whole layer (10^5 buildings took 28 s); readers are used by one click at a time (Matcher's lock)
                return [r.read(None, bounds, matcher.grid.crs) for r in readers[date]]

            matcher = jobs.open_matcher(inputs["path"], inputs["model"], inputs["legend"], inputs["new"],
                                        old_ortho=inputs["old"], vectors_near=vectors_near,
                                        new_has_vectors=bool(inputs["new_readers"]))
            try:
                matcher.prepare()                  # the model, the index and the orthos' readers ready now
            except Exception:
                matcher.close()
                raise
            return matcher, matcher.index.grid, inputs      # the index loaded once, by the matcher

        task = CoreTask(tr("CrossTime: prepare the matcher"), work,
                        lambda status, result, error: self._prepared(task, key, status, result, error),
                        needs_torch=model_needs_torch(inputs["model"]))
        self._prep_task, self._prep_key = task, key
        task.quietly = quietly
        self._tasks.add(task)
        if not quietly:
            self.dock.status(tr("preparing the matcher (loading the model and the index)…"))
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
            self.dock.status(tr("the matcher could not be prepared: {}").format(translated(error)) if status == "error"
                             else tr("preparing the matcher was cancelled"), "error" if status == "error" else "warning")
            return
        matcher, grid, inputs = result
        if self._matcher is not None:
            self._matcher.close()
        self._matcher, self._matcher_key = matcher, key
        # every feature read in the background for quicker later clicks; after the waiting click's answer, else
        # the two share the GIL and the first answer, the one the user waits for, comes twice as late
        self._read_all_later = (matcher, grid, inputs) if pending is not None else None
        if pending is None:
            self._read_all_layers(matcher, grid, inputs)
        w = self.w
        if grid and (abs(grid.get("tile_size", 0) - w.tileSizeSpin.value()) > 1e-6
                     or grid.get("pixels") != w.pixelsSpin.value()):
            self.dock.push(tr("the index was cut into tiles of {:g} m / {} px, not the {:g} m / {} px set here: the "
                              "index's grid is used").format(grid["tile_size"], grid["pixels"], w.tileSizeSpin.value(),
                                                             w.pixelsSpin.value()), Qgis.MessageLevel.Warning)
        for note in matcher.notes:                # the map's part (core.retrieval.map_use)
            self.dock.push(translated(note), Qgis.MessageLevel.Warning)
        self._show_area()
        if pending is not None or not task.quietly:
            self.dock.status(tr("ready: click a place on the new ortho"), "ok")
        if pending is not None:
            self.match_point(*pending)

    def _read_all_layers(self, matcher, grid: dict, inputs: dict) -> None:
        """Every feature of the vector layers read and prepared in the background, then handed to the matcher: the
        first clicks read the few features around themselves (a second or so), the later ones none (a fifth)."""
        from ..core import jobs
        from ..core.geo.grid import TileGrid
        from ..core.geo.vectors import release_gradually
        if not grid or not matcher.reads_around_clicks:
            return

        def work(progress):
            g = TileGrid.from_dict(grid)
            bounds, crs = g.bounds(), grid["crs"]
            new_layers = [r.read(progress, bounds, crs) for r in inputs["all_new_readers"]]
            old_layers = [r.read(progress, bounds, crs) for r in inputs["all_old_readers"]]
            progress.check()
            tiles = jobs.layer_tiles(g, inputs["legend"], old_ortho=inputs["old"], new_ortho=inputs["new"],
                                     old_vectors=old_layers if inputs["old"] else (), new_vectors=new_layers)
            for layer in new_layers + old_layers:
                release_gradually(getattr(layer, "features", []))
            return matcher.adopt_tiles(tiles)

        def done(status, result, error):
            self._tasks.discard(task)
            if self._read_task is task:
                self._read_task = None
        task = CoreTask(tr("CrossTime: read the vector layers for quicker clicks"), work, done)
        self._stop_reading_all()
        self._read_task = task
        self._tasks.add(task)
        start(task)

    def _stop_reading_all(self) -> None:
        if self._read_task is not None:
            self._read_task.stop()
            self._read_task = None

    def matcher(self):
        """The prepared Matcher for the current choices, or None while it is (being) prepared."""
        key, inputs = self._matcher_inputs()
        if inputs is None and key == self._matcher_key:
            return self._matcher
        return None

    # clicks ------------------------------------------------------------------------------------
    def match_point(self, point: QgsPointXY, crs: QgsCoordinateReferenceSystem) -> Optional[CoreTask]:
        """Describe and search the tile under ``point``; a newer click supersedes this one. While the matcher
        is being prepared, the click waits for it (returns the preparation task)."""
        try:
            matcher = self.matcher()
        except Exception as exc:
            self.dock.status(translated(exc), "error")
            return None
        if matcher is None:
            self.request += 1                     # an answer to an older click would now be stale
            self._pending = (QgsPointXY(point), QgsCoordinateReferenceSystem(crs))
            task = self.prepare_matcher()
            if task is None:
                self._pending = None
                return None
            self.dock.status(tr("preparing the matcher (loading the model and the index)…; "
                                "your click will be answered next"))
            return task
        grid_crs = QgsCoordinateReferenceSystem(matcher.grid.crs)
        p = QgsPointXY(point)
        if crs.isValid() and crs != grid_crs:
            p = QgsCoordinateTransform(crs, grid_crs, QgsProject.instance()).transform(p)
        if matcher.tile_at(p.x(), p.y()) is None:
            self.dock.status(tr("this point lies outside the tiled area of the index (dotted outline)"), "warning")
            return None
        self.request += 1
        req = self.request
        k = self.w.kSpin.value()
        neighbourhood = self.neighbourhood()
        # one more than shown: the last answer's lead over the next one
        task = CoreTask(tr("CrossTime: match a click"),
                        lambda progress: matcher.match(p.x(), p.y(), k + 1, req, True, neighbourhood),
                        lambda status, result, error: self._match_done(req, k, status, result, error), can_cancel=False)
        self._tasks.add(task)
        task.req = req
        self.dock.status(tr("matching…"))
        start(task)
        return task

    def neighbourhood(self):
        from ..core.retrieval.neighbourhood import Neighbourhood
        try:
            size = int(self.w.neighbourhoodCombo.currentData() or 3)
        except ValueError:
            size = 3
        return Neighbourhood(size, Neighbourhood.default().aggregate) if size in (1, 3, 5) else Neighbourhood.default()

    def _match_done(self, req: int, k: int, status: str, result, error) -> None:
        self._tasks = {t for t in self._tasks if getattr(t, "req", None) != req}
        if req != self.request:
            self.dropped += 1        # an answer to an older click: never shown
            return
        if status != "ok":
            self.dock.status(tr("the click could not be matched: {}").format(translated(error)), "error")
            self._start_read_all_later()
            return
        result.next_score = result.scores[k] if len(result.scores) > k else None
        result.ids, result.scores, result.footprints = result.ids[:k], result.scores[:k], result.footprints[:k]
        if "matches" in result.images:
            result.images["matches"] = result.images["matches"][:k]
        # through the attribute: bench/bench_click.py wraps show_result to time each answer
        self.show_result(result)
        if result.semantics_pending and self._matcher is not None:
            self._read_match_semantics(self._matcher, req, result)
        self._start_read_all_later()

    def _start_read_all_later(self) -> None:
        later, self._read_all_later = self._read_all_later, None
        if later is not None and later[0] is self._matcher:
            self._read_all_layers(*later)

    def _read_match_semantics(self, matcher, req: int, result) -> None:
        """The matches' map features, read after the answer is shown (the compare view needs them, the map not)."""
        def done(status, _result, error):
            self._tasks.discard(task)
            if req == self.request and status == "ok" and result is self.last_result:
                self.w.compareButton.setEnabled(True)
                if self._compare_wanted:
                    self.show_compare()
        task = CoreTask(tr("CrossTime: read the map features of the matches"),
                        lambda progress: matcher.match_semantics(result), done, can_cancel=False)
        task.req = req
        self._tasks.add(task)
        start(task)

    # the answer --------------------------------------------------------------------------------
    def show_result(self, result) -> None:
        """The answer on the map (footprints in rank colours) and in the results table (leads, thumbnails)."""
        from .compare import to_pixmap
        self.last_result = result
        self.highlighter.show(result.query_footprint, result.footprints, result.crs)
        leads = margins(result.scores, getattr(result, "next_score", None))
        result.margins = leads
        w = self.w
        t = w.resultsTable
        t.clearContents()
        t.setRowCount(len(result.ids))
        thumbs = result.images.get("matches", [])
        size = result.neighbourhood.split(" ")[0]
        judged = tr("{} ({} of {} tiles)").format(size, result.neighbours, int(size[0]) ** 2) \
            if size != "1x1" else tr("its own tile")
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
            t.setItem(r, 3, QTableWidgetItem(judged))
        if "query" in result.images:
            w.queryLabel.setPixmap(to_pixmap(result.images["query"][0], THUMB))
            w.queryLabel.setToolTip(
                tr("the window centred on the clicked point, in tile {} (new date)").format(result.query_id))
            w.queryLabel.setVisible(True)
        w.addLayerButton.setEnabled(True)
        w.compareButton.setEnabled("query" in result.images and not result.semantics_pending)
        w.tabs.setCurrentWidget(w.matchTab)
        note = "" if result.valid_fraction >= 0.999 else \
            tr(" (warning: {:.0f}% of the query tile is nodata)").format(100 * (1 - result.valid_fraction))
        if size != "1x1" and result.neighbours < int(size[0]) ** 2:
            note += tr(" ({} of the {} tiles around the point have data: an edge of the ortho or nodata)").format(
                result.neighbours, int(size[0]) ** 2)
        lead = leads[0] if leads else None
        self.dock.status(tr("tile {}: best match {} judged with {}, {} ahead of the next (score {:.3f}), "
                            "{:.0f} ms{}").format(result.query_id, result.ids[0], judged, lead_text(lead),
                                                  result.scores[0], result.elapsed_ms, note),
                         "ok" if not note else "warning")

    def _row_selected(self) -> None:
        rows = self.w.resultsTable.selectionModel().selectedRows()
        if rows and self.last_result is not None:
            r = rows[0].row()
            self.highlighter.flash(self.last_result.footprints[r], self.last_result.crs)

    def add_results_layer(self):
        """The last answer as a layer of the project (query and matches, labelled by rank)."""
        from .results_layer import matches_layer
        if self.last_result is None:
            return None
        layer = matches_layer(self.last_result)
        QgsProject.instance().addMapLayer(layer)
        return layer

    def show_compare(self):
        """The compare view of the last answer: the clicked tile beside its matches, image and semantics."""
        from .compare import CompareDialog
        if self.last_result is None or "query" not in self.last_result.images:
            return None
        # asked for before the matches' map features were read (a click reads them after showing its answer)
        self._compare_wanted = self.last_result.semantics_pending
        if self._compare_wanted:
            self.dock.status(tr("reading the map features of the matches; the comparison opens when they are read"))
            return None
        dlg = CompareDialog(self.last_result, self.dock.layers_panel.legend(), self.dock)
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

    def shutdown(self) -> None:
        """Stop preparing, put the map tool away and close the matcher."""
        self._stop_reading_all()
        if self._prep_task is not None:
            self._prep_task.stop()
        if self.canvas.mapTool() is self.tool:
            self.canvas.unsetMapTool(self.tool)
        if self._matcher is not None:
            self._matcher.close()
            self._matcher = None
