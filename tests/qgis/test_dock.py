"""The dock in QGIS (pytest-qgis): layer pickers, legend preview, index task, click-to-match, results."""
import os
import time

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

from crosstime.core.geo.vectors import list_layers
from crosstime.core.retrieval.index import DescriptorIndex
from crosstime.core.similarity import cosine_similarity, rank_of_truth


def wait_for(pred, timeout=120):
    t0 = time.time()
    while not pred():
        QCoreApplication.processEvents()
        time.sleep(0.01)
        assert time.time() - t0 < timeout, "timed out"
    QCoreApplication.processEvents()


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
    w.modelRadio.setChecked(True)
    w.modelFile.setFilePath(trained_model)
    w.indexFile.setFilePath(str(tmp_path / "old.ctindex"))
    yield d
    wait_for(lambda: not d._tasks and d._build_task is None)
    d.shutdown()
    d.deleteLater()


def build(d):
    task = d.build_index()
    assert task is not None, d.w.statusLabel.text()
    wait_for(lambda: d._build_task is None)
    return task


def test_combos_fill_from_the_project(dock, project):
    w = dock.w
    assert w.oldOrthoCombo.count() == 2 and w.newOrthoCombo.currentLayer() == project["new_ortho"]
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
    assert dock.w.resultsTable.rowCount() == len(res.ids) and dock.w.resultsTable.item(0, 2).text() == res.ids[0]
    # the answer is the core's answer: the true old tile first
    assert res.ids[0] == res.query_id
    # keep it as a layer, compare it, pan to a row
    layer = dock.add_results_layer()
    assert layer.featureCount() == len(res.ids) + 1 and layer.crs().authid() == "EPSG:2154"
    dlg = dock.show_compare()
    assert len(dlg.cells) == 2 * (len(res.ids) + 1)
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
    assert dock.match_point(QgsPointXY((x0 + x1) / 2, (y0 + y1) / 2), QgsCoordinateReferenceSystem("EPSG:2154")) is None
    assert "another model" in dock.w.statusLabel.text()


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
