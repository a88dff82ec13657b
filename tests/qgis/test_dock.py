"""The dock in QGIS (pytest-qgis): layer pickers, legend preview, index task, click-to-match, results."""
import os

import numpy as np
import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsPointXY,
    QgsProject,
    QgsRasterLayer,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.gui import QgsMapMouseEvent
from qgis.PyQt.QtCore import QCoreApplication, QEvent, QPoint, Qt
from qt_wait import fill_dock, wait_for

from crosstime.core.geo.vectors import list_layers
from crosstime.core.retrieval.index import DescriptorIndex
from crosstime.core.similarity import cosine_similarity, rank_of_truth


@pytest.fixture
def project(land, qgis_iface):
    proj = QgsProject.instance()
    proj.clear()
    layers = {"old_ortho": QgsRasterLayer(land.old_ortho, "old ortho"),
              "new_ortho": QgsRasterLayer(land.new_ortho, "new ortho"), "old": [], "new": []}
    proj.addMapLayers([layers["old_ortho"], layers["new_ortho"]])
    for key, path in (("old", land.old_vectors), ("new", land.new_vectors)):
        for name in list_layers(path):
            v = QgsVectorLayer(f"{path}|layername={name}", f"{key} {name}", "ogr")
            assert v.isValid()
            proj.addMapLayer(v)
            layers[key].append(v)
    canvas = qgis_iface.mapCanvas()
    canvas.resize(800, 800)
    canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:2154"))
    canvas.setExtent(QgsRectangle(*land.bounds))
    yield layers
    proj.clear()


@pytest.fixture
def dock(qgis_iface, project, trained_model, tmp_path):
    from crosstime.ui.dock import CrossTimeDock
    d = CrossTimeDock(qgis_iface)
    fill_dock(d, project["old_ortho"], project["new_ortho"], project["old"], project["new"], trained_model,
              str(tmp_path / "old.ctindex"))
    yield d
    wait_for(lambda: not d.index_panel._tasks and not d.match_panel._tasks and d.index_panel._build_task is None)
    d.shutdown()
    d.deleteLater()


def build(d):
    task = d.index_panel.build_index()
    assert task is not None, d.w.statusLabel.text()
    wait_for(lambda: d.index_panel._build_task is None)
    return task


def prepare(d):
    d.match_panel.prepare_matcher()
    wait_for(lambda: d.match_panel._prep_task is None)
    assert d.match_panel._matcher is not None, d.w.statusLabel.text()


def test_combos_fill_from_the_project(dock, project):
    w = dock.w
    assert w.oldOrthoCombo.count() == 3 and w.newOrthoCombo.currentLayer() == project["new_ortho"]   # and "(none)"
    assert w.oldVectorsCombo.count() == len(project["old"]) + len(project["new"])
    assert len(dock.layers_panel.layers()["new_vectors"]) == len(project["new"])
    extra = QgsVectorLayer("Point?crs=EPSG:2154&field=kind:string", "mystery points", "memory")
    QgsProject.instance().addMapLayer(extra)
    assert w.oldVectorsCombo.count() == len(project["old"]) + len(project["new"]) + 1
    dock.layers_panel.set_checked(w.newVectorsCombo, [l.id() for l in project["new"]] + [extra.id()])
    warnings = dock.layers_panel.preview_legend()
    assert any("mystery" in m for m in warnings)
    assert w.legendTree.topLevelItemCount() == 2


def test_build_index_then_click_lights_up_the_matches(dock, land, qgis_iface, store, trained_model):
    build(dock)
    path = dock.w.indexFile.filePath()
    idx = DescriptorIndex.load(path)
    assert len(idx) == 144 and "index of 144 tiles" in dock.w.statusLabel.text()
    # click the centre of a tile through the map tool, like a user
    canvas = qgis_iface.mapCanvas()
    from crosstime.core.geo.grid import TileGrid
    grid = TileGrid.from_dict(idx.grid)
    # the trained model ranks most true matches first (core, whole store); click one of those tiles
    from crosstime.core import metrics
    from crosstime.core.retrieval.describer import ModelDescriber
    from crosstime.core.tiles.selection import TileSet
    tiles = TileSet([store])
    d = ModelDescriber(trained_model, store.legend(), device="cpu")
    q, db = d.describe(tiles, range(len(tiles)), "b"), d.describe(tiles, range(len(tiles)), "a")
    ranks = rank_of_truth(cosine_similarity(q, db), np.arange(len(tiles)))
    assert metrics.recall_at_k(ranks, 1) > 0.25        # chance: 1 in 144
    first = [str(t) for t, r in zip(store.ids, ranks) if r == 1]
    i, j = (int(v) for v in first[len(first) // 2].split("_"))
    x0, y0, x1, y1 = grid.footprint(i, j)
    pix = canvas.getCoordinateTransform().transform(QgsPointXY((x0 + x1) / 2, (y0 + y1) / 2))
    match = dock.match_panel
    dock.w.pickButton.setChecked(True)
    assert canvas.mapTool() is match.tool
    ev = QgsMapMouseEvent(canvas, QEvent.MouseButtonRelease, QPoint(int(pix.x()), int(pix.y())), Qt.LeftButton)
    match.tool.canvasReleaseEvent(ev)
    wait_for(lambda: match.last_result is not None)
    res = match.last_result
    assert res.query_id == f"{i}_{j}"
    # the rubber bands are the k best old tiles, in rank order, where the window centred on the click lies in them:
    # the click's place in its tile (under a pixel from a centre here), the best answer fitted within half a tile
    drawn = [g.boundingBox() for g in dock.highlighter.geometries()]
    assert len(drawn) == dock.w.kSpin.value() == len(res.ids)
    pixel = canvas.mapUnitsPerPixel()
    for rank, (rect, tid) in enumerate(zip(drawn, res.ids)):
        fx0, fy0, fx1, fy1 = grid.footprint_of(tid)
        near = grid.tile_size / 2 if rank == 0 else pixel
        assert rect.xMinimum() == pytest.approx(fx0, abs=near) and rect.yMaximum() == pytest.approx(fy1, abs=near)
    assert res.neighbourhood == "3x3 trimmed" and dock.w.resultsTable.item(0, 3).text().startswith("3x3")
    assert "3x3" in dock.w.statusLabel.text()
    assert len(dock.highlighter.labels) == len(res.ids)
    # legible: the query outline above every match band, each rank label inside its own footprint
    assert min(b.zValue() for b in dock.highlighter.query_bands) > max(b.zValue() for b in dock.highlighter.bands)
    assert max(b.zValue() for b in dock.highlighter.labels) < dock.highlighter.query_band.zValue()
    for label, g in zip(dock.highlighter.labels, dock.highlighter.geometries()):
        p = label.anchor()
        bb = g.boundingBox()
        tl = canvas.getCoordinateTransform().transform(QgsPointXY(bb.xMinimum(), bb.yMaximum()))
        br = canvas.getCoordinateTransform().transform(QgsPointXY(bb.xMaximum(), bb.yMinimum()))
        assert tl.x() < p.x() < br.x() and tl.y() < p.y() < br.y()
    # scores that separate: each row's lead over the next, the raw cosine in the tooltip; thumbnails
    t = dock.w.resultsTable
    assert t.item(0, 1).text().startswith("+") or t.item(0, 1).text() == "tie"
    assert f"{res.scores[0]:.4f}" in t.item(0, 1).toolTip()
    assert res.margins[0] == pytest.approx(res.scores[0] - res.scores[1])
    assert res.margins[-1] is not None                 # one more answer was asked for than shown
    assert all(not t.item(r, 0).icon().isNull() for r in range(t.rowCount()))
    assert dock.w.queryLabel.isVisible() or not dock.isVisible()
    assert dock.w.queryLabel.pixmap() is not None and not dock.w.queryLabel.pixmap().isNull()
    assert dock.w.resultsTable.rowCount() == len(res.ids) and dock.w.resultsTable.item(0, 2).text() == res.ids[0]
    # the answer is the core's answer: the true old tile first
    assert res.ids[0] == res.query_id
    # keep it as a layer, compare it, pan to a row
    layer = match.add_results_layer()
    assert layer.featureCount() == len(res.ids) + 1 and layer.crs().authid() == "EPSG:2154"
    fmt = layer.labeling().settings().format()
    assert layer.labelsEnabled() and fmt.buffer().enabled() and fmt.buffer().size() > 0
    # the matches' map features are read after the answer is shown; the compare view waits for them
    wait_for(lambda: dock.w.compareButton.isEnabled())
    assert not res.semantics_pending
    dlg = match.show_compare()
    assert len(dlg.cells) == 2 * (len(res.ids) + 1)
    from crosstime.core.geo.legend import load_legend
    shown = {c.key for c, _ in dlg.legend_entries}
    codes = [c for _, c in res.images["matches"]] + [res.images["query"][1]]
    drawn = {c.key for c in load_legend("bdtopo_v3").categories if any((cod == c.code).any() for cod in codes)}
    assert shown == drawn and shown                     # a colour legend of exactly what the semantic row shows
    assert any(cod.any() for _, cod in res.images["matches"])     # old-date semantics drawn too
    dlg.close()
    dock.w.resultsTable.selectRow(2)
    c = canvas.center()
    fx0, fy0, fx1, fy1 = grid.footprint_of(res.ids[2])
    assert c.x() == pytest.approx((fx0 + fx1) / 2, abs=1 + pixel) and c.y() == pytest.approx((fy0 + fy1) / 2,
                                                                                        abs=1 + pixel)
    match.clear_results()
    assert dock.highlighter.geometries() == []


def test_clicks_in_another_crs_and_stale_answers(dock, land, qgis_iface):
    build(dock)
    idx = DescriptorIndex.load(dock.w.indexFile.filePath())
    from crosstime.core.geo.grid import TileGrid
    grid = TileGrid.from_dict(idx.grid)
    wgs = QgsCoordinateReferenceSystem("EPSG:4326")
    to_wgs = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:2154"), wgs, QgsProject.instance())
    tiles = list(grid.indices())
    first, second = tiles[10], tiles[100]
    prepare(dock)
    pts = []
    for i, j in (first, second):
        x0, y0, x1, y1 = grid.footprint(i, j)
        pts.append(to_wgs.transform(QgsPointXY((x0 + x1) / 2, (y0 + y1) / 2)))
    match = dock.match_panel
    t1 = match.match_point(pts[0], wgs)
    t2 = match.match_point(pts[1], wgs)                   # a newer click before the first answer is shown
    assert t1 is not None and t2 is not None
    wait_for(lambda: not match._tasks)
    assert match.last_result.query_id == f"{second[0]}_{second[1]}"
    assert match.dropped == 1
    outside = to_wgs.transform(QgsPointXY(land.bounds[0] - 500, land.bounds[1] - 500))
    assert match.match_point(outside, wgs) is None and "outside" in dock.w.statusLabel.text()


def test_cancel_keeps_the_previous_index(dock):
    build(dock)
    path = dock.w.indexFile.filePath()
    before = open(path, "rb").read()
    task = dock.index_panel.build_index()
    task.cancel()
    wait_for(lambda: dock.index_panel._build_task is None)
    assert "cancelled" in dock.w.statusLabel.text()
    assert open(path, "rb").read() == before
    assert [f for f in os.listdir(os.path.dirname(path)) if f.startswith(".tmp-")] == []


def test_bad_inputs_say_what_is_wrong(dock, project, tmp_path):
    import rasterio
    from rasterio.transform import from_origin
    far = tmp_path / "far.tif"
    with rasterio.open(far, "w", driver="GTiff", width=50, height=50, count=3, dtype="uint8", crs="EPSG:2154",
                       transform=from_origin(100000, 6000000, 2, 2)) as d:
        d.write(np.zeros((3, 50, 50), np.uint8))
    far_layer = QgsRasterLayer(str(far), "far away")
    QgsProject.instance().addMapLayer(far_layer)
    dock.w.oldOrthoCombo.setLayer(far_layer)
    assert dock.index_panel.build_index() is None and "do not overlap" in dock.w.statusLabel.text()
    dock.w.oldOrthoCombo.setLayer(project["old_ortho"])
    dock.w.modelFile.setFilePath(str(tmp_path / "missing.ctmodel"))
    assert dock.index_panel.build_index() is not None      # the model is loaded in the task, which then reports
    wait_for(lambda: dock.index_panel._build_task is None)
    assert "not found" in dock.w.statusLabel.text()


def test_index_of_another_model_is_refused_at_click(dock, tiny_model, land):
    build(dock)
    dock.w.modelFile.setFilePath(tiny_model)
    x0, y0, x1, y1 = land.bounds
    dock.match_panel.match_point(QgsPointXY((x0 + x1) / 2, (y0 + y1) / 2), QgsCoordinateReferenceSystem("EPSG:2154"))
    wait_for(lambda: dock.match_panel._prep_task is None)          # the model and the index are loaded in the background
    assert "another model" in dock.w.statusLabel.text() and dock.match_panel.last_result is None


def test_choices_persist_in_settings_and_project(dock, qgis_iface, project, tmp_path):
    from crosstime.ui.dock import CrossTimeDock
    dock.w.tileSizeSpin.setValue(123.0)
    dock.w.kSpin.setValue(7)
    dock.save_settings()
    other = CrossTimeDock(qgis_iface)
    assert other.w.tileSizeSpin.value() == 123.0 and other.w.kSpin.value() == 7
    other.shutdown()
    other.deleteLater()
    path = str(tmp_path / "p.qgs")
    QgsProject.instance().write(path)          # the dock writes its choices into the project
    dock.w.indexFile.setFilePath("")
    dock.w.newOrthoCombo.setLayer(project["old_ortho"])
    QgsProject.instance().read(path)
    assert dock.w.indexFile.filePath() == str(tmp_path / "old.ctindex")
    assert dock.w.newOrthoCombo.currentLayer().name() == "new ortho"
    assert len(dock.layers_panel.layers()["old_vectors"]) == len(project["old"])


def test_removed_ortho_empties_its_combo_and_invalidates_the_matcher(dock, project, qgis_iface):
    build(dock)
    prepare(dock)
    QgsProject.instance().removeMapLayer(project["new_ortho"].id())
    QCoreApplication.processEvents()
    assert dock.w.newOrthoCombo.currentLayer() is None                  # "(none)", not the old ortho
    assert dock.match_panel._matcher is None and "removed" in dock.w.statusLabel.text()
    assert dock.match_panel.match_point(QgsPointXY(0, 0), QgsCoordinateReferenceSystem("EPSG:2154")) is None
    assert "choose the new ortho" in dock.w.statusLabel.text()


def test_the_same_layer_for_both_dates_is_refused(dock, project):
    dock.w.newOrthoCombo.setLayer(project["old_ortho"])
    assert dock.index_panel.build_index() is None and "same layer" in dock.w.statusLabel.text()
    assert dock.match_panel.prepare_matcher() is None and "same layer" in dock.w.statusLabel.text()


def test_cancel_is_silent_and_says_so_itself(dock):
    from qgis.core import QgsTask
    statuses = []
    task = dock.index_panel.build_index()
    task.statusChanged.connect(statuses.append)
    dock.index_panel.cancel_build()                           # the Cancel button
    wait_for(lambda: dock.index_panel._build_task is None)
    assert "cancelled" in dock.w.statusLabel.text()
    assert QgsTask.TaskStatus.Terminated not in statuses      # QGIS shows "Task failed" for terminated tasks


def test_every_control_has_a_tooltip_and_the_dock_fits_300_px(dock):
    from qgis.gui import QgsFileWidget
    from qgis.PyQt.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QAbstractSpinBox,
        QComboBox,
        QProgressBar,
        QTabBar,
        QTabWidget,
        QWidget,
    )
    kinds = (QAbstractButton, QComboBox, QAbstractSpinBox, QgsFileWidget, QAbstractItemView, QProgressBar, QTabWidget)
    controls = [c for c in dock.widget().findChildren(QWidget) if isinstance(c, kinds) and c.objectName()
                and not c.objectName().startswith("qt_") and c.parent() is not None
                and not isinstance(c.parent(), (QgsFileWidget, QComboBox, QAbstractSpinBox, QTabBar))]
    missing = [c.objectName() for c in controls if not c.toolTip()]
    assert len(controls) >= 20 and not missing, missing
    assert dock.widget().minimumSizeHint().width() <= 300
    assert dock.w.indexFile.storageMode() == QgsFileWidget.StorageMode.GetFile
    assert dock.w.saveIndexFile.storageMode() == QgsFileWidget.StorageMode.SaveFile


def test_legend_preview_is_honest_without_layers(dock):
    dock.layers_panel.set_checked(dock.w.oldVectorsCombo, [])
    dock.layers_panel.set_checked(dock.w.newVectorsCombo, [])
    warnings = dock.layers_panel.preview_legend()
    assert len(warnings) == 2 and "every chosen layer maps" not in dock.w.statusLabel.text()
    from qgis.PyQt.QtWidgets import QHeaderView
    assert dock.w.legendTree.header().sectionResizeMode(1) == QHeaderView.ResizeMode.ResizeToContents


def test_project_paths_are_relative_when_the_project_says_so(dock, tmp_path):
    proj = QgsProject.instance()
    proj.writeEntryBool("Paths", "/Absolute", False)
    path = str(tmp_path / "rel.qgs")
    proj.write(path)
    from crosstime.core.settings import PROJECT_SCOPE, ProjectKey
    stored = proj.readEntry(PROJECT_SCOPE, ProjectKey.INDEX.value, "")[0]
    assert stored.startswith("./") and not os.path.isabs(stored)
    dock.w.indexFile.setFilePath("")
    proj.read(path)
    assert dock.w.indexFile.filePath() == str(tmp_path / "old.ctindex")


def test_the_settings_table_round_trips(dock, project, tmp_path):
    """Every row of the settings table: values set on the widgets, saved (QgsSettings and the project's entries),
    the widgets changed, then loaded back: the saved values again."""
    from crosstime.ui import dock_settings
    w, a = dock.w, dock.archive.w
    tables = ((w, dock_settings.DOCK), (a, dock_settings.ARCHIVE))
    values = lambda: [dock_settings.values(form, table) for form, table in tables]
    start = values()

    def choose(n: int) -> None:
        """Choice 0, or choice 1: another value in every row."""
        w.oldOrthoCombo.setLayer(project["new_ortho"] if n == 0 else None)
        w.newOrthoCombo.setLayer(project["old_ortho"] if n == 0 else None)
        dock.layers_panel.set_checked(w.oldVectorsCombo, [l.id() for l in project["old"][:2]] if n == 0 else [])
        dock.layers_panel.set_checked(w.newVectorsCombo, [project["new"][-1].id()] if n == 0 else [])
        w.legendCombo.setCurrentIndex(1 - n)
        w.semanticCombo.setCurrentIndex(1 - n)
        w.describerCombo.setCurrentIndex(w.describerCombo.findData(("quick", "file")[n]))
        w.neighbourhoodCombo.setCurrentIndex((2, 1)[n])
        w.gridCrsWidget.setCrs(QgsCoordinateReferenceSystem(("EPSG:32631", "")[n]))
        for spin, v in ((w.tileSizeSpin, (250.0, 500.0)), (w.pixelsSpin, (128, 32)), (w.kSpin, (9, 3)),
                        (a.archiveTileSpin, (150.0, 300.0))):
            spin.setValue(v[n])
        for widget, name in ((w.mappingFile, "mapping.json"), (w.modelFile, "m.ctmodel"), (w.indexFile, "i.ctindex"),
                             (a.resultsFolder, "results"), (a.catalogueFile, "catalogue.csv"), (a.archiveFolder, "scans")):
            widget.setFilePath(str(tmp_path / name) if n == 0 else "")

    def rows(table, got, which):
        return {b.widget: got[b.widget] for b in table if getattr(b, which) is not None}

    try:
        choose(0)
        saved = values()
        dock.save_settings()
        path = str(tmp_path / "table.qgs")
        QgsProject.instance().write(path)          # the dock writes its entries and the Archive tab's
        choose(1)
        assert all(got[k] != want[k] for got, want in zip(values(), saved) for k in want)    # every row changed
        dock.load_settings()
        assert rows(dock_settings.DOCK, values()[0], "setting") == rows(dock_settings.DOCK, saved[0], "setting")
        choose(1)
        QgsProject.instance().read(path)
        for (_, table), got, want in zip(tables, values(), saved):
            assert rows(table, got, "project") == rows(table, want, "project")
    finally:                                       # what the next docks find in QgsSettings is unchanged
        for (form, table), before in zip(tables, start):
            for b in table:
                b.kind.set(getattr(form, b.widget), before[b.widget])
        dock.save_settings()


def true_matches_of_12_clicks(dock, idx) -> int:
    """Clicks on the centres of 12 tiles spread over the index: how many find their own tile in the top 5."""
    hits = 0
    for k in range(0, len(idx), len(idx) // 12):
        x0, y0, x1, y1 = idx.footprints[k]
        res = dock.match_panel._matcher.match((x0 + x1) / 2, (y0 + y1) / 2, 5)
        hits += res.query_id in res.ids
    return hits


def test_quick_describer_answers_before_any_training(dock, land):
    """The plain list of describers; Quick needs no model (a thumbnail per tile) and finds places far above chance."""
    w = dock.w
    # the untrained network: its packages are here; the general model: shipped, but not above Quick at 3x3 on most
    # sources of its leave-one-source-out table, so offered after the describers that need no model
    assert [w.describerCombo.itemData(k) for k in range(w.describerCombo.count())] == [
        "quick", "untrained", "general", "region", "file"]
    w.describerCombo.setCurrentIndex(w.describerCombo.findData("quick"))
    assert not w.modelFile.isEnabled() and dock.index_panel.model_choice() == "quick"
    build(dock)
    idx = DescriptorIndex.load(dock.w.indexFile.filePath())
    assert idx.model_config.get("baseline") == "thumbnail" and len(idx) == 144
    prepare(dock)
    hits = true_matches_of_12_clicks(dock, idx)
    assert hits >= 2, hits          # chance: 12 clicks x 5 / 144 tiles = 0.4 true matches in the top 5
    # a model learnt on this region is looked for beside the project, and its absence is said
    w.describerCombo.setCurrentIndex(w.describerCombo.findData("region"))
    with pytest.raises(ValueError, match="Learn this region"):
        dock.index_panel.model_choice()
    assert dock.index_panel.region_model_path().endswith(os.path.join("crosstime", "region.ctmodel"))


def test_the_untrained_network_is_offered_with_its_measured_quality_and_answers(dock, land):
    """The CPU recipe's network before any training (0.632 map@5 on real pairs against 0.583 for Quick): its model
    file is made beside the index when the index is built, and the clicks use it."""
    from qgis.PyQt.QtCore import Qt
    w = dock.w
    at = w.describerCombo.findData("untrained")
    assert at == 1 and "0.632" in w.describerCombo.itemData(at, Qt.ItemDataRole.ToolTipRole)
    assert "0.583" in w.describerCombo.itemData(0, Qt.ItemDataRole.ToolTipRole)
    w.describerCombo.setCurrentIndex(at)
    assert not w.modelFile.isEnabled() and dock.index_panel.model_choice() == "untrained"
    build(dock)
    index_path = dock.w.indexFile.filePath()
    model = os.path.splitext(index_path)[0] + ".untrained.ctmodel"
    assert os.path.exists(model), dock.w.statusLabel.text()
    idx = DescriptorIndex.load(index_path)
    assert len(idx) == 144 and idx.model_config.get("backbone") == "efficientnet_lite0"
    prepare(dock)
    hits = true_matches_of_12_clicks(dock, idx)
    assert hits >= 2, hits          # chance: 0.4 true matches in the top 5 of 12 clicks


def test_the_shipped_general_model_is_offered_with_its_figures_and_answers_without_torch(dock, land):
    """The model in crosstime/models: its tooltip gives the leave-one-source-out means of its card; it builds an
    index (onnxruntime) that the clicks use, and it stays available when PyTorch is missing."""
    from qgis.PyQt.QtCore import Qt

    from crosstime.core.retrieval.general_model import general_model_available, general_model_card
    if not general_model_available():
        pytest.skip("this checkout carries no general model")
    w = dock.w
    at = w.describerCombo.findData("general")
    tip = w.describerCombo.itemData(at, Qt.ItemDataRole.ToolTipRole)
    table = general_model_card()["leave_one_source_out"]["sources"]
    mean = sum(r["trained, 3x3"] for r in table.values()) / len(table)
    assert at > 0 and f"{mean:.3f}" in tip and f"{len(table)} sources" in tip
    w.describerCombo.setCurrentIndex(at)
    assert not w.modelFile.isEnabled() and dock.index_panel.model_choice() == "general"
    dock.show_missing(["torch", "torchvision"])
    assert w.describerCombo.currentData() == "general"          # it needs no PyTorch
    dock.show_missing([])
    build(dock)
    idx = DescriptorIndex.load(dock.w.indexFile.filePath())
    assert len(idx) == 144 and idx.model_fingerprint == general_model_card()["fingerprint"]
    prepare(dock)
    hits = true_matches_of_12_clicks(dock, idx)
    assert hits >= 2, hits          # chance: 0.4 true matches in the top 5 of 12 clicks


def test_missing_packages_banner_links_to_the_installer_and_quick_mode_still_works(dock):
    dock.show_missing(["torch", "torchvision"])
    w = dock.w
    assert w.missingLabel.isVisibleTo(dock) and 'href="dependencies"' in w.missingLabel.text()
    assert w.buildButton.isEnabled() and w.pickButton.isEnabled() and not w.learnButton.isEnabled()
    assert w.describerCombo.currentData() == "quick"
    dock.show_missing(["rasterio"])
    assert not w.buildButton.isEnabled()


def test_a_build_holds_both_build_buttons_until_it_ends(dock):
    w = dock.w
    task = dock.index_panel.build_index()
    assert task is not None and not w.buildButton.isEnabled() and not w.learnButton.isEnabled()
    wait_for(lambda: dock.index_panel._build_task is None)
    assert w.buildButton.isEnabled() and w.learnButton.isEnabled()


@pytest.mark.slow
def test_learn_this_region_trains_keeps_the_model_beside_the_project_then_answers(dock, land, tmp_path, monkeypatch):
    """The Learn button, like a user: a time budget, a model kept beside the project, the index built with it.
    The job trains for 3 s instead of the spin box's minute (the budget itself is tested in test_jobs.py)."""
    from crosstime.core import jobs
    learn = jobs.learn_region
    monkeypatch.setattr(jobs, "learn_region", lambda *a, **kw: learn(*a, **{**kw, "minutes": 0.05}))
    proj = QgsProject.instance()
    proj.setFileName(str(tmp_path / "region.qgz"))
    assert proj.write()
    w = dock.w
    w.learnMinutesSpin.setValue(w.learnMinutesSpin.minimum())
    w.learnButton.click()
    assert dock.index_panel._build_task is not None and not w.learnButton.isEnabled() and w.cancelButton.isEnabled()
    wait_for(lambda: dock.index_panel._build_task is None, timeout=900)
    model = os.path.join(str(tmp_path), "crosstime", "region.ctmodel")
    assert dock.index_panel.region_model_path() == model and os.path.exists(model), w.statusLabel.text()
    assert w.describerCombo.currentData() == "region" and "validation map@5" in w.statusLabel.text()
    assert w.learnButton.isEnabled() and w.buildButton.isEnabled()
    idx = DescriptorIndex.load(w.indexFile.filePath())
    assert len(idx) == 144 and idx.model_fingerprint == jobs.describer_for(model, dock.layers_panel.legend()).fingerprint
    prepare(dock)
    x0, y0, x1, y1 = idx.footprints[30]
    res = dock.match_panel._matcher.match((x0 + x1) / 2, (y0 + y1) / 2, 5)
    assert res.query_id == idx.ids[30] and len(res.ids) == 5


def test_vectors_on_the_old_date_only_leave_the_map_out(dock, project):
    """Only the old date has vector layers: the index is built without the map (a map against an empty map would
    mislead the descriptor) and the status says so; the new date's layers checked afterwards are left out of the
    clicks too, in a message."""
    w = dock.w
    dock.layers_panel.set_checked(w.newVectorsCombo, [])
    build(dock)
    text = w.statusLabel.text()
    assert "only the old date has vector layers" in text, text
    idx = DescriptorIndex.load(w.indexFile.filePath())
    assert idx.meta["maps"] is False and len(idx) == 144
    dock.layers_panel.set_checked(w.newVectorsCombo, [l.id() for l in project["new"]])
    prepare(dock)
    assert dock.match_panel._matcher.notes and "left out" in str(dock.match_panel._matcher.notes[0])
