"""Land-cover rasters in QGIS: Processing reads them as each date's map (class names from the layer's paletted
style, or a mapping file), and the dock lists them beside the vector layers, previews their classes and indexes
with them."""
import json

import numpy as np
import pytest
from qgis.core import QgsPalettedRasterRenderer, QgsProcessingException, QgsProject, QgsRasterLayer
from qgis.PyQt.QtGui import QColor

from crosstime.core.geo.legend import load_legend
from crosstime.core.retrieval.index import DescriptorIndex
from crosstime.core.tiles.dates import NEW, OLD
from crosstime.core.tiles.store import TileStore
from tests.land_cover import land_cover_of
from tests.qgis.test_dock import dock, project  # noqa: F401 - the dock's fixtures, on a synthetic project


def styled(path, name, labels=True):
    """The raster as a layer styled Paletted/Unique values, its classes labelled with the legend's French names
    (as a user's CoSIA-like style would be) or not labelled at all."""
    layer = QgsRasterLayer(path, name)
    assert layer.isValid()
    french = {"road": "Route", "building": "Bâtiment", "water": "Surface en eau", "vegetation": "Forêt",
              "railway": "Voie ferrée"}
    classes = [QgsPalettedRasterRenderer.Class(c.code, QColor(*c.rgb), french.get(c.key, "") if labels else "")
               for c in load_legend("bdtopo_v3").categories]
    layer.setRenderer(QgsPalettedRasterRenderer(layer.dataProvider(), 1, classes))
    # the project owns it: a layer Python still holds when QGIS exits crashes the interpreter's last steps
    QgsProject.instance().addMapLayer(layer)
    return layer


@pytest.fixture(scope="module")
def covers(land, tmp_path_factory):
    folder = tmp_path_factory.mktemp("landcover")
    return {date: land_cover_of(vectors, ortho, str(folder / f"{date}_lc.tif"))
            for date, vectors, ortho in (("old", land.old_vectors, land.old_ortho),
                                         ("new", land.new_vectors, land.new_ortho))}


@pytest.fixture
def clean_project():
    QgsProject.instance().removeAllMapLayers()
    yield
    QgsProject.instance().removeAllMapLayers()


def test_processing_reads_land_cover_by_its_style_or_a_mapping_file(provider, land, covers, tmp_path, clean_project):
    from qgis import processing
    drawn = processing.run("crosstime:build_tile_dataset", {
        "OLD_ORTHO": land.old_ortho, "NEW_ORTHO": land.new_ortho,
        "OLD_VECTORS": [f"{land.old_vectors}|layername={n}" for n in ("batiment", "troncon_de_route")],
        "NEW_VECTORS": [], "TILE_SIZE": 200.0, "PIXELS": 50, "OUTPUT": str(tmp_path / "drawn.ctstore")})
    res = processing.run("crosstime:build_tile_dataset", {
        "OLD_ORTHO": land.old_ortho, "NEW_ORTHO": land.new_ortho, "OLD_CLASSES": [styled(covers["old"], "old lc")],
        "NEW_CLASSES": [styled(covers["new"], "new lc")], "TILE_SIZE": 200.0, "PIXELS": 50,
        "OUTPUT": str(tmp_path / "styled.ctstore")})
    read = TileStore(res["OUTPUT"])
    assert read.meta["maps"] == {"old": True, "new": True} and read.meta["sources"]["old_layers"] == ["old lc"]
    old = np.asarray(read.codes(OLD, slice(None)))
    # the style names buildings, roads, water, woods and railways: those classes are drawn, the others not
    named = {load_legend("bdtopo_v3").category(k).code for k in ("road", "building", "water", "vegetation", "railway")}
    assert set(np.unique(old)) - {0} <= named and (old > 0).mean() > 0.2
    # the buildings and roads drawn from the raster are where the vector layers put them
    ref = np.asarray(TileStore(drawn["OUTPUT"]).codes(OLD, slice(None)))
    both = np.isin(ref, [1, 6])
    assert (old[both] == ref[both]).mean() > 0.85        # thin roads lose a few pixels to the most frequent class
    assert "unmapped" not in res["WARNINGS"]

    # no class names in the style: a mapping file says them; without one, the layer is named in the error
    plain = styled(covers["new"], "plain lc", labels=False)
    mapping = tmp_path / "classes.json"
    mapping.write_text(json.dumps({"name": "test", "classes": {"6": "building"}}))
    res = processing.run("crosstime:build_tile_dataset", {
        "OLD_ORTHO": land.old_ortho, "NEW_ORTHO": land.new_ortho, "NEW_CLASSES": [plain],
        "CLASS_MAPPING_FILE": str(mapping), "TILE_SIZE": 200.0, "PIXELS": 50, "OUTPUT": str(tmp_path / "m.ctstore")})
    new = np.asarray(TileStore(res["OUTPUT"]).codes(NEW, slice(None)))
    assert set(np.unique(new)) == {0, 6}
    with pytest.raises(QgsProcessingException, match="new_lc.tif: no class mapping"):
        processing.run("crosstime:build_tile_dataset", {
            "OLD_ORTHO": land.old_ortho, "NEW_ORTHO": land.new_ortho, "NEW_CLASSES": [plain], "TILE_SIZE": 200.0,
            "PIXELS": 50, "OUTPUT": str(tmp_path / "x.ctstore")})


def test_the_dock_lists_previews_and_indexes_with_land_cover(dock, covers):  # noqa: F811
    from tests.qgis.qt_wait import wait_for
    w = dock.w
    old_lc, new_lc = styled(covers["old"], "old land cover"), styled(covers["new"], "new land cover")
    listed = [w.oldVectorsCombo.itemText(k) for k in range(w.oldVectorsCombo.count())]
    # land-cover rasters beside the vector layers, never the orthos
    assert "old land cover" in listed and "new land cover" in listed and "old ortho" not in listed
    dock.layers_panel.set_checked(w.oldVectorsCombo, [old_lc.id()])
    dock.layers_panel.set_checked(w.newVectorsCombo, [new_lc.id()])
    assert dock.layers_panel.preview_legend() == []
    top = w.legendTree.topLevelItem(0)
    rows = [top.child(0).child(k).text(0) for k in range(top.child(0).childCount())]
    assert "6 (Bâtiment) → undifferentiated building" in rows and "5 → background" in rows
    task = dock.index_panel.build_index()
    wait_for(lambda: dock.index_panel._build_task is None, timeout=180)
    assert task is not None and "error" not in w.statusLabel.text().lower(), w.statusLabel.text()
    idx = DescriptorIndex.load(w.indexFile.filePath())
    assert idx.meta["maps"] is True and len(idx) == 144
