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
from qt_wait import wait_for

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
    w = d.w
    w.oldOrthoCombo.setLayer(project["old_ortho"])
    w.newOrthoCombo.setLayer(project["new_ortho"])
    d._set_checked(w.oldVectorsCombo, [l.id() for l in project["old"]])
    d._set_checked(w.newVectorsCombo, [l.id() for l in project["new"]])
    w.tileSizeSpin.setValue(100.0)
    w.pixelsSpin.setValue(64)
    w.describerCombo.setCurrentIndex(w.describerCombo.findData("file"))
    w.modelFile.setFilePath(trained_model)
    w.indexFile.setFilePath(str(tmp_path / "old.ctindex"))
    w.saveIndexFile.setFilePath(str(tmp_path / "old.ctindex"))
    yield d
    wait_for(lambda: not d._tasks and d._build_task is None)
    d.shutdown()
    d.deleteLater()


def build(d):
    task = d.build_index()
    assert task is not None, d.w.statusLabel.text()
    wait_for(lambda: d._build_task is None)
    return task


def prepare(d):
    d.prepare_matcher()
    wait_for(lambda: d._prep_task is None)
    assert d._matcher is not None, d.w.statusLabel.text()


def test_combos_fill_from_the_project(dock, project):
    w = dock.w
    assert w.oldOrthoCombo.count() == 3 and w.newOrthoCombo.currentLayer() == project["new_ortho"]   # and "(none)"
    assert w.oldVectorsCombo.count() == len(project["old"]) + len(project["new"])
    assert len(dock.layers()["new_vectors"]) == len(project["new"])
    extra = QgsVectorLayer("Point?crs=EPSG:2154&field=kind:string", "mystery points", "memory")
    QgsProject.instance().addMapLayer(extra)
    assert w.oldVectorsCombo.count() == len(project["old"]) + len(project["new"]) + 1
    dock._set_checked(w.newVectorsCombo, [l.id() for l in project["new"]] + [extra.id()])
    warnings = dock.preview_legend()
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
    from crosstime.core.evaluation import metrics
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
    dock.w.pickButton.setChecked(True)
    assert canvas.mapTool() is dock.tool
    ev = QgsMapMouseEvent(canvas, QEvent.MouseButtonRelease, QPoint(int(pix.x()), int(pix.y())), Qt.LeftButton)
    dock.tool.canvasReleaseEvent(ev)
    wait_for(lambda: dock.last_result is not None)
    res = dock.last_result
    assert res.query_id == f"{i}_{j}"
    # the rubber bands are the footprints of the k best old tiles, in rank order
    drawn = [g.boundingBox() for g in dock.highlighter.geometries()]
    assert len(drawn) == dock.w.kSpin.value() == len(res.ids)
    for rect, tid in zip(drawn, res.ids):
        fx0, fy0, fx1, fy1 = grid.footprint_of(tid)
        assert rect.xMinimum() == pytest.approx(fx0) and rect.yMaximum() == pytest.approx(fy1)
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
    layer = dock.add_results_layer()
    assert layer.featureCount() == len(res.ids) + 1 and layer.crs().authid() == "EPSG:2154"
    fmt = layer.labeling().settings().format()
    assert layer.labelsEnabled() and fmt.buffer().enabled() and fmt.buffer().size() > 0
    dlg = dock.show_compare()
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
    assert c.x() == pytest.approx((fx0 + fx1) / 2, abs=1) and c.y() == pytest.approx((fy0 + fy1) / 2, abs=1)
    dock.clear_results()
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
    t1 = dock.match_point(pts[0], wgs)
    t2 = dock.match_point(pts[1], wgs)                    # a newer click before the first answer is shown
    assert t1 is not None and t2 is not None
    wait_for(lambda: not dock._tasks)
    assert dock.last_result.query_id == f"{second[0]}_{second[1]}"
    assert dock.dropped == 1
    outside = to_wgs.transform(QgsPointXY(land.bounds[0] - 500, land.bounds[1] - 500))
    assert dock.match_point(outside, wgs) is None and "outside" in dock.w.statusLabel.text()


def test_cancel_keeps_the_previous_index(dock):
    build(dock)
    path = dock.w.indexFile.filePath()
    before = open(path, "rb").read()
    task = dock.build_index()
    task.cancel()
    wait_for(lambda: dock._build_task is None)
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
    assert dock.build_index() is None and "do not overlap" in dock.w.statusLabel.text()
    dock.w.oldOrthoCombo.setLayer(project["old_ortho"])
    dock.w.modelFile.setFilePath(str(tmp_path / "missing.ctmodel"))
    assert dock.build_index() is not None      # the model is loaded in the task, which then reports
    wait_for(lambda: dock._build_task is None)
    assert "not found" in dock.w.statusLabel.text()


def test_index_of_another_model_is_refused_at_click(dock, tiny_model, land):
    build(dock)
    dock.w.modelFile.setFilePath(tiny_model)
    x0, y0, x1, y1 = land.bounds
    dock.match_point(QgsPointXY((x0 + x1) / 2, (y0 + y1) / 2), QgsCoordinateReferenceSystem("EPSG:2154"))
    wait_for(lambda: dock._prep_task is None)          # the model and the index are loaded in the background
    assert "another model" in dock.w.statusLabel.text() and dock.last_result is None


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
    assert len(dock.layers()["old_vectors"]) == len(project["old"])


def test_removed_ortho_empties_its_combo_and_invalidates_the_matcher(dock, project, qgis_iface):
    build(dock)
    prepare(dock)
    QgsProject.instance().removeMapLayer(project["new_ortho"].id())
    QCoreApplication.processEvents()
    assert dock.w.newOrthoCombo.currentLayer() is None                  # "(none)", not the old ortho
    assert dock._matcher is None and "removed" in dock.w.statusLabel.text()
    assert dock.match_point(QgsPointXY(0, 0), QgsCoordinateReferenceSystem("EPSG:2154")) is None
    assert "choose the new ortho" in dock.w.statusLabel.text()


def test_the_same_layer_for_both_dates_is_refused(dock, project):
    dock.w.newOrthoCombo.setLayer(project["old_ortho"])
    assert dock.build_index() is None and "same layer" in dock.w.statusLabel.text()
    assert dock.prepare_matcher() is None and "same layer" in dock.w.statusLabel.text()


def test_cancel_is_silent_and_says_so_itself(dock):
    from qgis.core import QgsTask
    statuses = []
    task = dock.build_index()
    task.statusChanged.connect(statuses.append)
    dock.cancel_build()                                       # the Cancel button
    wait_for(lambda: dock._build_task is None)
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
    dock._set_checked(dock.w.oldVectorsCombo, [])
    dock._set_checked(dock.w.newVectorsCombo, [])
    warnings = dock.preview_legend()
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


def test_quick_describer_answers_before_any_training(dock, land):
    """The plain list of describers; Quick needs no model (a thumbnail per tile) and finds places far above chance."""
    w = dock.w
    assert [w.describerCombo.itemData(k) for k in range(w.describerCombo.count())] == ["quick", "region", "file"]
    w.describerCombo.setCurrentIndex(w.describerCombo.findData("quick"))
    assert not w.modelFile.isEnabled() and dock.model_choice() == "quick"
    build(dock)
    idx = DescriptorIndex.load(dock.w.indexFile.filePath())
    assert idx.model_config.get("baseline") == "thumbnail" and len(idx) == 144
    prepare(dock)
    hits = 0
    for k in range(0, 144, 12):
        x0, y0, x1, y1 = idx.footprints[k]
        res = dock._matcher.match((x0 + x1) / 2, (y0 + y1) / 2, 5)
        hits += res.query_id in res.ids
    assert hits >= 2, hits          # chance: 12 clicks x 5 / 144 tiles = 0.4 true matches in the top 5
    # a model learnt on this region is looked for beside the project, and its absence is said
    w.describerCombo.setCurrentIndex(w.describerCombo.findData("region"))
    with pytest.raises(ValueError, match="Learn this region"):
        dock.model_choice()
    assert dock.region_model_path().endswith(os.path.join("crosstime", "region.ctmodel"))


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
    task = dock.build_index()
    assert task is not None and not w.buildButton.isEnabled() and not w.learnButton.isEnabled()
    wait_for(lambda: dock._build_task is None)
    assert w.buildButton.isEnabled() and w.learnButton.isEnabled()


@pytest.mark.slow
def test_learn_this_region_trains_keeps_the_model_beside_the_project_then_answers(dock, land, tmp_path):
    """The Learn button, like a user: a time budget, a model kept beside the project, the index built with it."""
    from crosstime.core import jobs
    proj = QgsProject.instance()
    proj.setFileName(str(tmp_path / "region.qgz"))
    assert proj.write()
    w = dock.w
    w.learnMinutesSpin.setValue(w.learnMinutesSpin.minimum())
    w.learnButton.click()
    assert dock._build_task is not None and not w.learnButton.isEnabled() and w.cancelButton.isEnabled()
    wait_for(lambda: dock._build_task is None, timeout=900)
    model = os.path.join(str(tmp_path), "crosstime", "region.ctmodel")
    assert dock.region_model_path() == model and os.path.exists(model), w.statusLabel.text()
    assert w.describerCombo.currentData() == "region" and "validation map@5" in w.statusLabel.text()
    assert w.learnButton.isEnabled() and w.buildButton.isEnabled()
    idx = DescriptorIndex.load(w.indexFile.filePath())
    assert len(idx) == 144 and idx.model_fingerprint == jobs.describer_for(model, dock.legend()).fingerprint
    prepare(dock)
    x0, y0, x1, y1 = idx.footprints[30]
    res = dock._matcher.match((x0 + x1) / 2, (y0 + y1) / 2, 5)
    assert res.query_id == idx.ids[30] and len(res.ids) == 5
