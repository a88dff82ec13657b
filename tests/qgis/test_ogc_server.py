"""The IGN Géoplateforme's way of serving France, played by a real QGIS Server on 127.0.0.1 (tests/ogc_server.py): the
two orthos as WMTS (Web Mercator and Lambert-93 matrix sets, the Géoplateforme's layer names), the new date's vectors
as WFS. Through it the dock builds an index on a Lambert-93 grid that describes the tiles as the files do, answers a
click as the files do, reads a second build from its tile cache, and a server stopped mid-build stops the build with
the server's error and keeps the previous index."""
import os
import sys

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsPointXY,
    QgsProject,
    QgsRasterLayer,
    QgsRectangle,
    QgsSettings,
)
from qt_wait import assert_describes_as_the_files, fill_dock, wait_for

sys.path.insert(0, os.path.dirname(os.path.dirname(__file__)))
import ogc_server  # noqa: E402
from ogc_server import service_layers  # noqa: E402


@pytest.fixture
def services_setting():
    from crosstime.ui.ign_layers import SETTING_KEY
    s = QgsSettings()
    before = s.value(SETTING_KEY, "")
    yield lambda value: s.setValue(SETTING_KEY, value)
    s.setValue(SETTING_KEY, before)


def test_add_ign_layers_from_the_services_setting(geoplateforme, services_setting, qgis_iface):
    """*Add IGN layers…* with the services setting pointed at the local server: the Géoplateforme's layer names
    added in their group, chosen in the dock, every theme known to the legend; an unreachable service is named."""
    from crosstime.core.geo.geoplateforme import BDTOPO_THEMES, WebServices
    from crosstime.ui.dock import CrossTimeDock
    from crosstime.ui.ign_layers import GROUP, IgnLayersDialog
    server, _ = geoplateforme
    services_setting(server.services().to_json())
    proj = QgsProject.instance()
    proj.clear()
    d = CrossTimeDock(qgis_iface)
    try:
        dlg = IgnLayersDialog(d)
        old, new, themes = dlg.choice()
        assert (old, new) == (ogc_server.OLD_LAYER, ogc_server.NEW_LAYER) and themes == list(BDTOPO_THEMES)
        dlg.close()
        themes = [t for t in themes if t != "troncon_de_voie_ferree"] + ["troncon_de_voie_ferree"]
        layers = d.layers_panel.add_ign_layers((old, new, themes))
        assert layers and all(layer.isValid() for layer in layers), d.w.statusLabel.text()
        assert d.w.oldOrthoCombo.currentLayer().name() == ogc_server.OLD_LAYER
        assert d.w.newOrthoCombo.currentLayer().name() == ogc_server.NEW_LAYER
        assert len(d.layers_panel.layers()["new_vectors"]) == len(themes)
        assert d.layers_panel.unmapped_layers() == []
        assert len(proj.layerTreeRoot().findGroup(GROUP).findLayers()) == len(layers)
        services_setting(WebServices(wmts="http://127.0.0.1:9/wmts?SERVICE=WMTS&REQUEST=GetCapabilities").to_json())
        assert d.layers_panel.add_ign_layers((old, new, themes)) is None
        assert ogc_server.OLD_LAYER in d.w.statusLabel.text() and "127.0.0.1:9" in d.w.statusLabel.text()
    finally:
        d.shutdown()
        d.deleteLater()
        proj.clear()


def test_the_dock_through_a_geoplateforme_like_server(geoplateforme, tile_cache, land, trained_model, qgis_iface,
                                                       tmp_path):
    from crosstime.core import jobs
    from crosstime.core.geo.grid import TileGrid
    from crosstime.core.geo.legend import load_legend
    from crosstime.core.retrieval.index import DescriptorIndex
    from crosstime.ui.dock import CrossTimeDock
    server, names = geoplateforme
    proj = QgsProject.instance()
    proj.clear()
    old, new, wfs, files = service_layers(server, names, land)
    proj.addMapLayers([old, new] + wfs + files)
    proj.setCrs(QgsCoordinateReferenceSystem("EPSG:3857"))        # as after adding web tiles first
    canvas = qgis_iface.mapCanvas()
    canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:2154"))
    canvas.setExtent(QgsRectangle(*land.bounds))
    d = CrossTimeDock(qgis_iface)
    index = str(tmp_path / "web.ctindex")
    try:
        w = d.w
        fill_dock(d, old, new, files, wfs, trained_model, index)
        w.gridCrsWidget.setCrs(QgsCoordinateReferenceSystem())
        assert d.layers_panel.unmapped_layers() == []            # BDTOPO_V3:batiment... all known to the legend
        assert d.index_panel.build_index() is not None, w.statusLabel.text()
        wait_for(lambda: d.index_panel._build_task is None, 300)
        assert "index of" in w.statusLabel.text(), w.statusLabel.text()
        first = server.requests("GetTile")
        assert first > 0
        idx = DescriptorIndex.load(index)
        grid = TileGrid.from_dict(idx.grid)
        assert grid.crs == "EPSG:2154" and grid.tile_size == 100.0      # ground metres, not the service's 3857
        # the same tiles described from the files
        assert_describes_as_the_files(idx, grid, land, trained_model, str(tmp_path / "file.ctindex"))
        # a click answered as the files answer it (the new date read through WMTS and WFS)
        i, j = list(grid.indices())[len(grid) // 2 + 5]
        x0, y0, x1, y1 = grid.footprint(i, j)
        x, y = (x0 + x1) / 2, (y0 + y1) / 2
        d.match_panel.match_point(QgsPointXY(x, y), QgsCoordinateReferenceSystem("EPSG:2154"))
        wait_for(lambda: d.match_panel.last_result is not None, 300)
        res = d.match_panel.last_result
        m = jobs.open_matcher(str(tmp_path / "file.ctindex"), trained_model, load_legend("bdtopo_v3"), land.new_ortho,
                              new_vectors=jobs.read_vector_files([land.new_vectors]), old_ortho=land.old_ortho,
                              old_vectors=jobs.read_vector_files([land.old_vectors]), device="cpu")
        try:
            want = m.match(x, y, w.kSpin.value() + 1)
        finally:
            m.close()
        assert res.query_id == want.query_id and res.ids[0] == want.ids[0] == res.query_id
        assert res.scores[0] == pytest.approx(want.scores[0], abs=0.05)     # stated tolerance: web tiles are PNG
        d.match_panel.invalidate_matcher()
        # the old ortho's tiles are in CrossTime's cache, one file each
        cached = [f for _, _, fs in os.walk(tile_cache) for f in fs if f.endswith(".npy")]
        assert len(cached) >= len(grid)
        # a build cut short (here: over the south-west corner of the map) leaves its tiles in the cache; with the server
        # gone, the next build reads those from the cache and stops at the first tile it would need the server for,
        # with the server's error, keeping the previous index. JPEG layers: tiles QGIS itself never fetched
        d.match_panel.invalidate_matcher()
        jpeg_old = QgsRasterLayer(server.wmts_uri(ogc_server.OLD_LAYER, "EPSG:3857", "image/jpeg"), "old jpeg", "wms")
        jpeg_new = QgsRasterLayer(server.wmts_uri(ogc_server.NEW_LAYER, "EPSG:2154", "image/jpeg"), "new jpeg", "wms")
        proj.addMapLayers([jpeg_old, jpeg_new])
        w.oldOrthoCombo.setLayer(jpeg_old)
        w.newOrthoCombo.setLayer(jpeg_new)
        x0, y0, x1, y1 = land.bounds
        canvas.setExtent(QgsRectangle(x0, y0, x0 + 250, y0 + 250))      # the map's aspect may widen it
        w.saveIndexFile.setFilePath(str(tmp_path / "west.ctindex"))
        assert d.index_panel.build_index() is not None
        wait_for(lambda: d.index_panel._build_task is None, 300)
        west = DescriptorIndex.load(str(tmp_path / "west.ctindex"))
        assert len(west) < len(grid) / 4, w.statusLabel.text()
        with open(index, "rb") as f:
            kept = f.read()
        server.stop()
        canvas.setExtent(QgsRectangle(*land.bounds))
        w.saveIndexFile.setFilePath(index)
        assert d.index_panel.build_index() is not None
        wait_for(lambda: d.index_panel._build_task is None, 300)
        text = w.statusLabel.text()
        assert "did not send the tile" in text and "Connection refused" in text, text
        east = float(text.split("did not send the tile at ")[1].split(",")[0])
        assert east > x0 + 150 or float(text.split("did not send the tile at ")[1].split(",")[1]) > y0 + 150
        with open(index, "rb") as f:
            assert f.read() == kept
    finally:
        d.shutdown()
        d.deleteLater()
        proj.clear()
