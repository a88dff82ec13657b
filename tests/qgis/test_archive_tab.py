"""The dock's Archive tab in QGIS (pytest-qgis): index a folder of scans, locate them (photos added over the map,
footprints layer), and a click answered with the photos showing that place, their windows outlined."""
import os

import pytest
from qgis.core import QgsCoordinateReferenceSystem, QgsPointXY, QgsProject, QgsRasterLayer, QgsRectangle
from qt_wait import wait_for


@pytest.fixture
def archive(land, tmp_path_factory):
    from crosstime.core import jobs
    folder = tmp_path_factory.mktemp("archive_tab")
    truth = jobs.synthetic_archive(land.old_ortho, str(folder / "photos"), str(folder / "truth.json"), n_photos=3, seed=2,
                                   photo_px=(260, 300))
    return folder, truth


@pytest.fixture
def dock(qgis_iface, land, archive):
    from crosstime.ui.dock import CrossTimeDock
    proj = QgsProject.instance()
    proj.clear()
    new = QgsRasterLayer(land.new_ortho, "new ortho")
    proj.addMapLayer(new)
    canvas = qgis_iface.mapCanvas()
    canvas.resize(800, 800)
    canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:2154"))
    canvas.setExtent(QgsRectangle(*land.bounds))
    d = CrossTimeDock(qgis_iface)
    d.w.newOrthoCombo.setLayer(new)
    yield d
    wait_for(lambda: not d.archive._tasks and d.archive._task is None, 300)
    d.shutdown()
    d.deleteLater()
    proj.clear()


def test_archive_tab_indexes_locates_and_answers_a_click(dock, archive, land):
    folder, truth = archive
    a = dock.archive
    tabs = [dock.w.tabs.tabText(k) for k in range(dock.w.tabs.count())]
    assert tabs[-1] == "Archive"
    # no folder yet: the buttons say what is missing instead of failing
    assert a.index_archive() is None and "folder" in dock.w.statusLabel.text()
    a.w.catalogueFile.setFilePath(truth["catalogue"])
    a.w.resultsFolder.setFilePath(str(folder / "results"))
    a.w.archiveFolder.setFilePath(str(folder / "photos"))
    wait_for(lambda: a.w.gallery.count() == 3 and not a._tasks)
    assert [a.w.gallery.item(k).text().split("\n")[1] for k in range(3)] == ["not indexed"] * 3
    assert all(not a.w.gallery.item(k).icon().isNull() for k in range(3))       # thumbnails

    assert a.index_archive() is not None
    assert not a.w.indexArchiveButton.isEnabled() and a.w.archiveCancelButton.isEnabled()
    wait_for(lambda: a._task is None, 300)
    wait_for(lambda: not a._tasks and a.states and all(s.indexed for s in a.states))
    assert os.path.exists(str(folder / "results" / "modern.ctindex"))
    assert a.index_crs == "EPSG:2154"

    # locate one selected photo, then the others: the first location is kept
    a.w.gallery.item(0).setSelected(True)
    assert a.locate() is not None
    wait_for(lambda: a._task is None, 300)
    wait_for(lambda: not a._tasks)
    assert [s.location is not None for s in a.states] == [True, False, False]
    a.w.gallery.clearSelection()
    a.locate()
    wait_for(lambda: a._task is None, 300)
    wait_for(lambda: not a._tasks)
    assert all(s.location is not None for s in a.states)
    assert "located" in a.w.gallery.item(0).text()
    group = QgsProject.instance().layerTreeRoot().findGroup("CrossTime archive")
    rasters = [n.layer() for n in group.findLayers() if isinstance(n.layer(), QgsRasterLayer)]
    assert len(rasters) == 3                         # one per photo: locating again replaced the first one's layer
    assert all(r.isValid() and r.crs().authid() == "EPSG:2154" and r.renderer().opacity() == pytest.approx(0.6)
               for r in rasters)
    fps = [n.layer() for n in group.findLayers() if n.layer().name() == "archive footprints"]
    assert len(fps) == 1 and fps[0].featureCount() >= 3

    # which photos show this place? the centre of the first photo's true footprint
    cx, cy = truth["photos"][a.states[0].name]["centre"]
    a.w.placeButton.setChecked(True)
    assert dock.canvas.mapTool() is a.tool
    task = a.which_photos(QgsPointXY(cx, cy), QgsCoordinateReferenceSystem("EPSG:2154"))
    assert task is not None
    wait_for(lambda: a.place is not None and not a._tasks)
    tile, matches = a.place
    assert tile[0] <= cx <= tile[2] and tile[1] <= cy <= tile[3]
    assert a.w.gallery.count() == len(matches) == 3
    assert a.w.gallery.item(0).text().startswith("1. ")
    assert all(m.footprint for m in matches)        # all located: each drawn on the map in its rank colour
    assert len(dock.highlighter.geometries()) == 3 and dock.highlighter.query_band is not None
    # a click outside the indexed area is refused with a message
    a.which_photos(QgsPointXY(cx + 1e5, cy), QgsCoordinateReferenceSystem("EPSG:2154"))
    wait_for(lambda: not a._tasks)
    assert "outside" in dock.w.statusLabel.text()
    a.w.placeButton.setChecked(False)
    assert dock.canvas.mapTool() is not a.tool
