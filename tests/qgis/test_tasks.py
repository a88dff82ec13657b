"""Background tasks leave Python's cycle collector as they found it: its thresholds, its frozen objects and its
switch are settings of the whole QGIS process, shared by every plugin."""
import gc
import time

from qgis.PyQt.QtCore import QCoreApplication

from crosstime.ui.tasks import CoreTask, start


def test_a_task_leaves_the_collector_as_it_found_it():
    seen = {}
    results = []

    def work(progress):
        seen["during"] = (gc.isenabled(), gc.get_threshold(), gc.get_freeze_count())
        for k in range(1000):
            progress.update(k / 1000)
        return 7

    before = (gc.isenabled(), gc.get_threshold(), gc.get_freeze_count())
    task = CoreTask("test task", work, lambda status, result, error: results.append((status, result, error)))
    start(task)
    t0 = time.time()
    while not results:
        QCoreApplication.processEvents()
        time.sleep(0.01)
        assert time.time() - t0 < 60
    assert results == [("ok", 7, None)]
    assert seen["during"] == before
    assert (gc.isenabled(), gc.get_threshold(), gc.get_freeze_count()) == before


def test_what_a_task_keeps_of_a_layer_is_out_of_the_collectors_sight():
    """Per-feature objects the collector kept watching (a pair holding a dict, nested tuples) reached its oldest
    generation by the 10^5 and set off full passes over the whole session, each freezing the GUI 0.2 s."""
    from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer

    from crosstime.adapters.layers import VectorLayerReader
    from crosstime.core.geo.legend import load_legend
    from crosstime.core.geo.rasterize import SemanticRasterizer
    layer = QgsVectorLayer("Polygon?crs=EPSG:2154&field=NATURE:string&field=ID:string", "BATIMENT", "memory")
    feats = []
    for k in range(200):
        f = QgsFeature(layer.fields())
        f.setAttributes(["Indifférenciée", f"B{k}"])
        x = 700000 + 10 * k
        f.setGeometry(QgsGeometry.fromWkt(f"POLYGON(({x} 6600000,{x + 5} 6600000,{x + 5} 6600005,{x} 6600000))"))
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    data = VectorLayerReader(layer, fields=["NATURE", "ID"]).read()
    rasterizer = SemanticRasterizer([data], load_legend("bdtopo_v3"), "EPSG:2154", 1.0)
    for _ in range(3):          # a tuple leaves the collector's sight on a pass after its items have
        gc.collect()
    assert len(data.features) == 200 and not any(gc.is_tracked(f) for f in data.features)
    assert len(rasterizer) == 200 and not any(gc.is_tracked(g) for g in rasterizer._geoms)
    assert not any(gc.is_tracked(o) for o in rasterizer._origins)
    assert next(iter(data.records()))[1] == {"NATURE": "Indifférenciée", "ID": "B0"}
