"""Web layers everywhere, through the Géoplateforme-like QGIS Server of tests/ogc_server.py: Processing builds a tile
store and a modern index from WMTS/WFS source strings (on a Lambert-93 ground grid, the second run from the tile
cache), and the dock's Archive tab locates a synthetic scan on a WMTS ortho."""
import math

import numpy as np
import pytest
from ogc_server import NEW_LAYER, OLD_LAYER, forget_qgis_network_cache
from qgis.core import QgsCoordinateReferenceSystem, QgsProject, QgsRasterLayer, QgsRectangle
from qt_wait import wait_for

from crosstime.core.geo.vectors import list_layers


def extent_text(bounds, crs="EPSG:2154") -> str:
    x0, y0, x1, y1 = bounds
    return f"{x0},{x1},{y0},{y1} [{crs}]"


def test_processing_builds_a_tile_store_from_web_sources(provider, geoplateforme, tile_cache, land, store, tmp_path):
    """Layers given as source strings (``wms://``, ``wfs://``): the orthos read as WMTS in Web Mercator and
    Lambert-93, the new date's vectors as WFS, cut on a ground grid in Lambert-93; the same tiles as from the files,
    and a second run served by the tile cache (no tile asked of the server)."""
    from qgis import processing

    from crosstime.core.tiles.dates import NEW, OLD
    from crosstime.core.tiles.store import TileStore
    server, _ = geoplateforme
    params = {"OLD_ORTHO": "wms://" + server.wmts_uri(OLD_LAYER, "EPSG:3857"),
              "NEW_ORTHO": "wms://" + server.wmts_uri(NEW_LAYER, "EPSG:2154"),
              "OLD_VECTORS": [f"{land.old_vectors}|layername={n}" for n in list_layers(land.old_vectors)],
              "NEW_VECTORS": ["wfs://" + server.wfs_uri(n.lower()) for n in list_layers(land.new_vectors)],
              "TILE_SIZE": 100.0, "PIXELS": 64, "EXTENT": extent_text(land.bounds),
              "OUTPUT": str(tmp_path / "web.ctstore")}
    before = server.requests("GetTile")
    res = processing.run("crosstime:build_tile_dataset", params)
    asked = server.requests("GetTile") - before
    assert asked > 0 and server.requests("GetFeature") > 0
    web = TileStore(res["OUTPUT"])
    assert web.grid.crs == "EPSG:2154" and web.grid.tile_size == 100.0      # ground metres, not the 3857 of a tile
    assert list(web.ids) == list(store.ids)
    every = slice(None)
    for date in (OLD, NEW):
        a, b = web.images(date, every).astype(np.int16), store.images(date, every).astype(np.int16)
        # drawn by QGIS from the service's PNG tiles, not read from the GeoTIFF: about 5 grey levels apart through the
        # Web Mercator matrix set, 11 through the Lambert-93 one, whose tiles QGIS draws about a pixel east
        assert np.abs(a - b).mean() < 14, date
        assert (web.codes(date, every) == store.codes(date, every)).mean() > 0.97, date   # WFS drawn as the files'
    # the same run again: every tile from the cache
    forget_qgis_network_cache()
    params["OUTPUT"] = str(tmp_path / "again.ctstore")
    before = server.requests("GetTile")
    processing.run("crosstime:build_tile_dataset", params)
    assert server.requests("GetTile") == before


def test_processing_modern_index_of_a_web_layer_needs_an_extent(provider, geoplateforme, tile_cache, land, tmp_path):
    from qgis import processing
    from qgis.core import QgsProcessingException

    from crosstime.core.geo.grid import TileGrid
    from crosstime.core.retrieval.index import DescriptorIndex
    server, _ = geoplateforme
    params = {"NEW_ORTHO": "wms://" + server.wmts_uri(NEW_LAYER, "EPSG:3857"), "TILE_SIZE": 300.0, "STRIDE": 150.0,
              "PIXELS": 32, "OUTPUT": str(tmp_path / "modern.ctindex")}
    with pytest.raises(QgsProcessingException, match="web layer: give the extent"):
        processing.run("crosstime:build_modern_index", params)
    params["EXTENT"] = extent_text(land.bounds)
    res = processing.run("crosstime:build_modern_index", params)
    grid = TileGrid.from_dict(DescriptorIndex.load(res["OUTPUT"]).grid)
    assert grid.crs == "EPSG:2154" and grid.stride == 150.0 and res["COUNT"] == len(grid) > 20


def test_archive_tab_locates_a_scan_on_a_wmts_ortho(geoplateforme, tile_cache, land, qgis_iface, tmp_path):
    from crosstime.core import jobs
    from crosstime.core.evaluation.archive_scoring import footprint_iou
    from crosstime.ui.dock import CrossTimeDock
    server, _ = geoplateforme
    truth = jobs.synthetic_archive(land.old_ortho, str(tmp_path / "photos"), str(tmp_path / "truth.json"),
                                   n_photos=1, seed=2, photo_px=(260, 300))
    proj = QgsProject.instance()
    proj.clear()
    new = QgsRasterLayer(server.wmts_uri(NEW_LAYER, "EPSG:3857"), NEW_LAYER, "wms")
    assert new.isValid()
    proj.addMapLayer(new)
    canvas = qgis_iface.mapCanvas()
    canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:2154"))
    canvas.setExtent(QgsRectangle(*land.bounds))
    d = CrossTimeDock(qgis_iface)
    try:
        d.w.newOrthoCombo.setLayer(new)
        d.w.gridCrsWidget.setCrs(QgsCoordinateReferenceSystem())
        a = d.archive
        a.w.catalogueFile.setFilePath(truth["catalogue"])
        a.w.resultsFolder.setFilePath(str(tmp_path / "results"))
        a.w.archiveFolder.setFilePath(str(tmp_path / "photos"))
        wait_for(lambda: a.w.gallery.count() == 1 and not a._tasks)
        asked = server.requests("GetTile")
        assert a.index_archive() is not None, d.w.statusLabel.text()
        wait_for(lambda: a._task is None, 300)
        wait_for(lambda: not a._tasks and a.states and all(s.indexed for s in a.states))
        assert server.requests("GetTile") > asked and a.index_crs == "EPSG:2154"
        assert a.locate() is not None
        wait_for(lambda: a._task is None, 300)
        wait_for(lambda: not a._tasks)
        (state,) = a.states
        assert state.location is not None, d.w.statusLabel.text()
        (want,) = truth["photos"].values()
        # located as the archive check counts it: the centre within one tile, the footprints overlapping by half
        got = state.location
        assert math.dist(got.centre, want["centre"]) <= a.w.archiveTileSpin.value(), (got.centre, want["centre"])
        assert footprint_iou(got.footprint, want["footprint"]) >= 0.5
    finally:
        wait_for(lambda: not d.archive._tasks and d.archive._task is None, 300)
        d.shutdown()
        d.deleteLater()
        proj.clear()
