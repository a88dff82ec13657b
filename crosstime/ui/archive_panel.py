"""The dock's Archive tab: index a folder of scanned photos, locate them on the new ortho, and answer "which
archive photos show this place?" from a click.

Everything slow (reading scans, describing, locating, the place query) runs in QgsTasks through core's job layer;
``finished`` fills the gallery and adds the located photos (VRTs, half transparent) and their footprints to the
project. A click made while an earlier one is still answered supersedes it (the newest click wins).
"""
from __future__ import annotations

import os
from typing import Dict, List, Optional

from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsPointXY,
    QgsProject,
    QgsRasterLayer,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.PyQt import uic
from qgis.PyQt.QtCore import QObject, QPointF, QSize, Qt
from qgis.PyQt.QtGui import QColor, QIcon, QImage, QPainter, QPen, QPixmap, QPolygonF
from qgis.PyQt.QtWidgets import QListView, QListWidgetItem, QWidget

from ..adapters.archive_layers import add_to_group, footprints_layer, photo_layer
from ..translation import tr, translated
from . import dock_settings
from .highlight import polygon_geometry, rank_colour
from .maptool import ClickMatchTool
from .tasks import CoreTask, start

UI_FILE = os.path.join(os.path.dirname(__file__), "archive_tab.ui")
THUMB = 96                      # pixels of the gallery's thumbnails
NAME_ROLE = Qt.ItemDataRole.UserRole


def grey_image(a) -> QImage:
    """A QImage owning a copy of a uint8 (H, W) array."""
    import numpy as np
    a = np.ascontiguousarray(a, dtype=np.uint8)
    h, w = a.shape
    return QImage(a.data, w, h, w, QImage.Format.Format_Grayscale8).copy()


def window_corners(centre, side: float, rotation: int):
    """The corners of a square window of the photo (pixels), turned ``rotation`` degrees as it was described."""
    import math
    c, s = math.cos(math.radians(rotation)), math.sin(math.radians(rotation))
    h = side / 2
    return [(centre[0] + c * dx - s * dy, centre[1] + s * dx + c * dy) for dx, dy in ((-h, -h), (h, -h), (h, h), (-h, h))]


class ArchivePanel(QObject):
    def __init__(self, dock):
        super().__init__(dock)
        self.dock = dock
        self.canvas = dock.canvas
        form_cls, _ = uic.loadUiType(UI_FILE)
        self.w = form_cls()
        self.widget = QWidget()
        self.w.setupUi(self.widget)
        dock.w.tabs.addTab(self.widget, tr("Archive"))
        self.tool = ClickMatchTool(self.canvas)
        self.tool.picked.connect(self.which_photos)
        self.tool.deactivated.connect(lambda: self.w.placeButton.setChecked(False))
        self.states = []                       # core PhotoState per photo, archive order
        self.thumbs: Dict[str, object] = {}    # photo name -> uint8 thumbnail (its longer side THUMB px)
        self.index_crs = ""                    # CRS of the modern index (where clicks are answered)
        self.place = None                      # the last place answer: (tile footprint, matches)
        self.request = 0                       # newest place click; answers to older ones are dropped
        self._refreshes = 0                    # newest reading of the archive
        self._thumbs_folder = ""
        self._task: Optional[CoreTask] = None  # the one index / locate task
        self._tasks = set()
        w = self.w
        g = w.gallery
        g.setViewMode(QListView.ViewMode.IconMode)
        g.setIconSize(QSize(THUMB, THUMB))
        g.setResizeMode(QListView.ResizeMode.Adjust)
        g.setMovement(QListView.Movement.Static)
        g.setWordWrap(True)
        g.setGridSize(QSize(THUMB + 34, THUMB + 46))
        w.archiveFolder.fileChanged.connect(lambda _: self.refresh())
        w.catalogueFile.fileChanged.connect(lambda _: self.refresh())
        w.resultsFolder.fileChanged.connect(lambda _: self.refresh())
        w.indexArchiveButton.clicked.connect(self.index_archive)
        w.locateButton.clicked.connect(self.locate)
        w.archiveCancelButton.clicked.connect(self.cancel)
        w.placeButton.toggled.connect(self._toggle_tool)
        g.itemDoubleClicked.connect(self._zoom_to)

    # paths and state ---------------------------------------------------------------------------
    def workspace(self):
        from ..core.archive.workspace import ArchiveWorkspace
        folder = self.w.resultsFolder.filePath()
        if not folder:
            photos = self.w.archiveFolder.filePath()
            folder = ArchiveWorkspace.default_folder(photos, QgsProject.instance().absolutePath()) if photos else ""
        return ArchiveWorkspace(folder) if folder else None

    def inputs(self) -> dict:
        """The chosen folder, catalogue and workspace; ValueError naming what is missing."""
        folder = self.w.archiveFolder.filePath()
        if not folder or not os.path.isdir(folder):
            raise ValueError(tr("choose the folder of scanned archive photos (Archive tab)") if not folder else
                             tr("the archive folder {} does not exist; choose the folder of the scans").format(folder))
        cat = self.w.catalogueFile.filePath() or None
        return {"folder": folder, "catalogue": cat, "workspace": self.workspace()}

    def refresh(self) -> Optional[CoreTask]:
        """Read the archive's photos, their state and thumbnails in the background, then fill the gallery."""
        try:
            chosen = self.inputs()
        except ValueError:
            self.states = []
            self.w.gallery.clear()
            return None
        # thumbnails already read are kept while the folder stays the same (names are only unique within it)
        have = dict(self.thumbs) if chosen["folder"] == self._thumbs_folder else {}
        self._refreshes += 1
        req = self._refreshes

        def work(progress):
            from ..core.archive.workspace import archive_states, photo_thumbnail
            from ..core.retrieval.index import DescriptorIndex
            states = archive_states(chosen["folder"], chosen["workspace"], chosen["catalogue"])
            thumbs = {}
            for n, s in enumerate(states):
                progress.update(n / len(states), s.name)
                thumbs[s.name] = have.get(s.name)
                if thumbs[s.name] is None:
                    thumbs[s.name] = photo_thumbnail(s.photo, THUMB)
            crs = ""
            if os.path.exists(chosen["workspace"].modern_index):
                crs = DescriptorIndex.load(chosen["workspace"].modern_index, mmap=True).crs or ""
            return states, thumbs, crs

        task = CoreTask(tr("CrossTime: read the archive"), work,
                        lambda st, res, err: self._refreshed(task, req, chosen["folder"], st, res, err))
        self._tasks.add(task)
        start(task)
        return task

    def _refreshed(self, task, req: int, folder: str, status, result, error) -> None:
        self._tasks.discard(task)
        if req != self._refreshes:
            return                                   # the choices changed since: a newer reading is under way
        if status != "ok":
            if status == "error":
                self.dock.status(tr("the archive could not be read: {}").format(translated(error)), "error")
            return
        self.states, self.thumbs, self.index_crs = result
        self._thumbs_folder = folder
        self.place = None
        self.fill_gallery()
        located = sum(1 for s in self.states if s.location is not None)
        indexed = sum(1 for s in self.states if s.indexed)
        self.dock.status(tr("archive: {} photos, {} indexed, {} located").format(len(self.states), indexed, located), "ok")

    def state_text(self, s, long: bool = False) -> str:
        if s.location is not None:
            if not long:
                return tr("located · {:.2f}").format(s.location.confidence)
            text = tr("located · confidence {:.2f}").format(s.location.confidence)
            return text + ("" if s.location.scale_known else " · " + tr("scale searched"))
        return tr("indexed") if s.indexed else tr("not indexed")

    def _icon(self, name: str, outline=None) -> QIcon:
        thumb = self.thumbs.get(name)
        if thumb is None:
            return QIcon()
        pix = QPixmap.fromImage(grey_image(thumb))
        if outline is not None:
            painter = QPainter(pix)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(QColor("#ff7f00"), 2))
            painter.drawPolygon(QPolygonF([QPointF(x, y) for x, y in outline]))
            painter.end()
        return QIcon(pix)

    def fill_gallery(self) -> None:
        g = self.w.gallery
        g.clear()
        for s in self.states:
            item = QListWidgetItem(self._icon(s.name), f"{s.name}\n{self.state_text(s)}")
            item.setData(NAME_ROLE, s.name)
            item.setToolTip(f"{s.photo.path}\n{s.photo.width} x {s.photo.height} px\n{self.state_text(s, True)}")
            g.addItem(item)

    def selected_names(self) -> List[str]:
        return [it.data(NAME_ROLE) for it in self.w.gallery.selectedItems()]

    # background work ---------------------------------------------------------------------------
    def _start(self, title: str, work, on_done, status: str) -> CoreTask:
        w = self.w
        def done(status, result, error):
            self._ended(task)
            on_done(status, result, error)
        task = CoreTask(title, work, done, needs_torch=True)         # indexing and locating describe with PyTorch
        task.progressChanged.connect(lambda v: w.archiveProgress.setValue(int(v)))
        self._task = task
        self._tasks.add(task)
        for b in (w.indexArchiveButton, w.locateButton):
            b.setEnabled(False)
        w.archiveCancelButton.setEnabled(True)
        w.archiveProgress.setValue(0)
        self.dock.status(status)
        start(task)
        return task

    def _ended(self, task) -> None:
        w = self.w
        self._tasks.discard(task)
        self._task = None
        for b in (w.indexArchiveButton, w.locateButton):
            b.setEnabled(True)
        w.archiveCancelButton.setEnabled(False)

    def cancel(self) -> None:
        if self._task is not None:
            self._task.stop()

    def index_archive(self) -> Optional[CoreTask]:
        """Describe the new ortho's tiles (when not done yet for this ortho and tile size) and every window of every
        photo, into the results folder."""
        from ..adapters.layers import ortho_source
        from ..core import jobs
        if self._task is not None:
            self.dock.status(tr("the archive is already being worked on"), "warning")
            return None
        try:
            chosen = self.inputs()
            _old, new_layer = self.dock.layers_panel.orthos(need_old=False)
            new = ortho_source(new_layer, tr("new ortho"))
            tile = self.w.archiveTileSpin.value()
            make_grid = None if isinstance(new, str) else self._web_grid(new_layer, new, tile)
        except Exception as exc:
            self.dock.status(translated(exc), "error")
            return None
        ws = chosen["workspace"]
        self.w.resultsFolder.setFilePath(ws.folder)
        self.save_project_settings()

        def work(progress):
            return jobs.index_archive_for_ortho(chosen["folder"], ws.folder, new, catalogue=chosen["catalogue"],
                                                tile_size=tile, grid=make_grid() if make_grid else None,
                                                progress=progress)

        return self._start(tr("CrossTime: index the archive"), work, self._indexed,
                           tr("indexing the archive (the new ortho's tiles, then every photo's windows)…"))

    def _web_grid(self, new_layer, new, tile: float):
        """A web layer's modern tiles: over the map's extent, in the dock's ground CRS, every half tile."""
        from ..adapters.layer_grid import plan_grid
        from ..core.choices import ARCHIVE_PIXELS
        panel = self.dock.index_panel
        crs = panel.grid_crs(new_layer, files=False)
        return plan_grid(None, new_layer, None, new, crs, tile, ARCHIVE_PIXELS, within=panel.view_bounds(crs),
                         stride=tile / 2)[1]

    def _indexed(self, status, result, error) -> None:
        if status == "ok":
            self.dock.status(tr("archive indexed: {} photos, {} windows").format(result["photos"], result["windows"]),
                             "ok")
            self.refresh()
        elif status == "cancelled":
            self.dock.status(tr("archive indexing cancelled"), "warning")
        else:
            self.dock.status(tr("the archive could not be indexed: {}").format(translated(error)), "error")

    def _indexed_workspace(self):
        """The workspace when the archive is chosen and indexed; None, with the reason in the status line, if not."""
        try:
            ws = self.inputs()["workspace"]
        except ValueError as exc:
            self.dock.status(translated(exc), "error")
            return None
        if not (os.path.exists(ws.modern_index) and os.path.exists(ws.archive_index)):
            self.dock.status(tr("index the archive first (Index archive)"), "error")
            return None
        return ws

    def locate(self) -> Optional[CoreTask]:
        """Locate the selected photos (all when none is selected) on the new ortho; earlier locations of the others
        are kept."""
        from ..core import jobs
        if self._task is not None:
            self.dock.status(tr("the archive is already being worked on"), "warning")
            return None
        ws = self._indexed_workspace()
        if ws is None:
            return None
        names = self.selected_names() or [s.name for s in self.states] or None

        def work(progress):
            return jobs.locate_archive_photos(
                ws.modern_index, jobs.ArchiveOptions(photos=names), archive_index=ws.archive_index,
                outputs=jobs.LocateOutputs(gpkg=ws.footprints, vrt_folder=ws.vrt_folder, json=ws.locations),
                keep_others=True, progress=progress)

        count = len(names) if names else 0
        return self._start(tr("CrossTime: locate archive photos"), work, self._located,
                           tr("locating {} archive photo(s) on the new ortho…").format(count))

    def _located(self, status, result, error) -> None:
        if status == "cancelled":
            self.dock.status(tr("locating cancelled; the photos located before are kept"), "warning")
            return
        if status != "ok":
            self.dock.status(tr("the photos could not be located: {}").format(translated(error)), "error")
            return
        ws = self.workspace()
        from ..core.archive.location import WEAK_CONFIDENCE
        from ..core.archive.workspace import vrt_path
        weak = [loc.photo for loc in result if loc.confidence < WEAK_CONFIDENCE]
        for loc in result:
            self.add_photo_layer(vrt_path(ws.vrt_folder, loc.photo), loc)
        self.add_footprints_layer(ws.footprints)
        text = tr("{} photo(s) located and added over the map").format(len(result))
        if weak:
            text += "; " + tr("weak answers (confidence under 0.1, maybe wrong): {}").format(", ".join(weak))
        self.dock.status(text, "warning" if weak else "ok")
        self.refresh()

    # layers ------------------------------------------------------------------------------------
    def add_photo_layer(self, vrt: str, loc) -> Optional[QgsRasterLayer]:
        """The located photo over the map, half transparent; a layer of the same file is replaced."""
        if not os.path.exists(vrt):
            return None
        proj = QgsProject.instance()
        for old in list(proj.mapLayers().values()):
            if os.path.normpath(old.source()) == os.path.normpath(vrt):
                proj.removeMapLayer(old.id())
        layer = photo_layer(vrt, tr("{} (located, confidence {:.2f})").format(loc.photo, loc.confidence))
        if layer is None:
            self.dock.push(tr("the located photo {} could not be opened: {}").format(loc.photo, vrt),
                           Qgis.MessageLevel.Warning)
            return None
        add_to_group(proj, layer)
        return layer

    def add_footprints_layer(self, gpkg: str) -> Optional[QgsVectorLayer]:
        """The footprints GeoPackage as a layer (reloaded when it is already in the project)."""
        if not os.path.exists(gpkg):
            return None
        proj = QgsProject.instance()
        for old in list(proj.mapLayers().values()):
            if old.source() == f"{gpkg}|layername=footprints":
                old.reload()
                old.triggerRepaint()
                return old
        layer = footprints_layer(gpkg, tr("archive footprints"), tr("located photo"), tr("runner-up"))
        if layer is not None:
            add_to_group(proj, layer)
        return layer

    def _zoom_to(self, item) -> None:
        name = item.data(NAME_ROLE)
        loc = next((s.location for s in self.states if s.name == name and s.location is not None), None)
        if loc is None or not self.index_crs:
            return
        g = polygon_geometry(loc.footprint)
        dest = self.canvas.mapSettings().destinationCrs()
        src = QgsCoordinateReferenceSystem(self.index_crs)
        if src.isValid() and dest.isValid() and src != dest:
            g.transform(QgsCoordinateTransform(src, dest, QgsProject.instance()))
        r = QgsRectangle(g.boundingBox())
        r.grow(0.1 * max(r.width(), r.height()))
        self.canvas.setExtent(r)
        self.canvas.refresh()

    # which photos show this place? -------------------------------------------------------------
    def _toggle_tool(self, on: bool) -> None:
        if on:
            self.canvas.setMapTool(self.tool)
            self.dock.status(tr("click a place on the map: the archive photos showing it are listed best first"))
        elif self.canvas.mapTool() is self.tool:
            self.canvas.unsetMapTool(self.tool)

    def which_photos(self, point: QgsPointXY, crs: QgsCoordinateReferenceSystem) -> Optional[CoreTask]:
        """Rank the archive's photos by their window most like the modern tile under ``point``."""
        from ..core import jobs
        ws = self._indexed_workspace()
        if ws is None or not self.index_crs:
            if ws is not None:
                self.dock.status(tr("index the archive first (Index archive)"), "error")
            return None
        p = QgsPointXY(point)
        dest = QgsCoordinateReferenceSystem(self.index_crs)
        if crs.isValid() and dest.isValid() and crs != dest:
            p = QgsCoordinateTransform(crs, dest, QgsProject.instance()).transform(p)
        self.request += 1
        req = self.request
        locations = ws.locations if os.path.exists(ws.locations) else None

        def work(progress):
            from ..core.retrieval.index import DescriptorIndex
            index = DescriptorIndex.load(ws.modern_index, mmap=True)
            tile = [float(v) for v in index.footprints[jobs.modern_tile_at(index, p.x(), p.y())]]
            return tile, jobs.photos_showing_place(ws.archive_index, ws.modern_index, p.x(), p.y(), n=10,
                                                    locations=locations)

        task = CoreTask(tr("CrossTime: archive photos showing a place"), work,
                        lambda st, res, err: self._place_done(task, req, st, res, err), can_cancel=False)
        self._tasks.add(task)
        self.dock.status(tr("searching the archive for this place…"))
        start(task)
        return task

    def _place_done(self, task, req: int, status, result, error) -> None:
        self._tasks.discard(task)
        if req != self.request:
            return                                   # an older click: never shown
        if status != "ok":
            self.dock.status(tr("the archive could not answer this click: {}").format(translated(error)), "error")
            return
        tile, matches = result
        self.place = (tile, matches)
        g = self.w.gallery
        g.clear()
        for rank, m in enumerate(matches, start=1):
            thumb = self.thumbs.get(m.photo)
            outline = None
            if thumb is not None:
                f = thumb.shape[1] / max(1, next((s.photo.width for s in self.states if s.name == m.photo), 1))
                outline = [(x * f, y * f) for x, y in window_corners(m.window_centre, m.window_px, m.rotation)]
            where = tr("located") if m.footprint else tr("not located")
            item = QListWidgetItem(self._icon(m.photo, outline), f"{rank}. {m.photo}\n{m.score:.2f} · {where}")
            item.setData(NAME_ROLE, m.photo)
            item.setForeground(rank_colour(rank) if m.footprint else QColor("#555555"))
            item.setToolTip(tr("best window similarity {:.3f}; the window is outlined in orange").format(m.score))
            g.addItem(item)
        self.dock.highlighter.show_geometries(tile, [polygon_geometry(m.footprint) if m.footprint else None
                                                     for m in matches], self.index_crs)
        self.dock.status(tr("{} archive photos ranked for this place (best first); located ones are outlined on the "
                            "map in their rank colour").format(len(matches)), "ok")

    # project settings and teardown -------------------------------------------------------------
    def save_project_settings(self) -> None:
        dock_settings.write_project(self.w, dock_settings.ARCHIVE)

    def load_project_settings(self) -> None:
        dock_settings.read_project(self.w, dock_settings.ARCHIVE)

    def shutdown(self) -> None:
        self.cancel()
        if self.canvas.mapTool() is self.tool:
            self.canvas.unsetMapTool(self.tool)
