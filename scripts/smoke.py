"""Runs inside the real QGIS desktop (qgis --code): check the plugin, click a tile, take screenshots, quit."""
import json
import os
import time

from qgis.core import QgsPointXY, QgsProject, QgsRectangle
from qgis.PyQt.QtCore import QPoint, Qt, QTimer
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QApplication
from qgis.utils import iface, plugins

OUT = os.environ["SMOKE_OUT"]
SUFFIX = os.environ.get("SMOKE_SUFFIX", "")          # "_fr": the French run (its profile sets the locale)
info = {"plugin_loaded": False}
state = {}


def name_of(name):
    base, ext = os.path.splitext(name)
    return os.path.join(OUT, f"{base}{SUFFIX}{ext}")


def shot(name):
    QApplication.primaryScreen().grabWindow(0).save(name_of(name))


def finish():
    with open(name_of("result.json"), "w") as f:
        json.dump(info, f, indent=1)
    # quit politely; should QGIS block on the way out (a dialog), end the process
    QTimer.singleShot(8000, lambda: os._exit(0))
    QgsProject.instance().setDirty(False)
    iface.actionExit().trigger()


def guard(fn):
    def run():
        try:
            fn()
        except Exception:  # report, never hang
            import traceback
            info["error"] = traceback.format_exc()
            finish()
    return run


@guard
def start():
    p = plugins.get("crosstime")
    info["plugin_loaded"] = p is not None
    if p is None:
        return finish()
    dock = p.dock
    state["dock"] = dock
    info["missing"] = p.missing
    dock.show()
    dock.raise_()
    info["dock_visible"] = dock.isVisible()
    from qgis.core import QgsSettings
    from qgis.PyQt.QtWidgets import QTabWidget
    info["locale"] = str(QgsSettings().value("locale/userLocale", ""))
    info["translator"] = getattr(p, "translator", None) is not None
    tabs = dock.findChildren(QTabWidget)
    info["tabs"] = [tabs[0].tabText(k) for k in range(tabs[0].count())] if tabs else []
    info["index"] = dock.w.indexFile.filePath()
    info["layers_restored"] = bool(dock.layers_panel.layers()["new_ortho"])
    combo = dock.w.describerCombo
    info["describers"] = [combo.itemData(k) for k in range(combo.count())]
    shot("dock.png")
    if SUFFIX and tabs:                  # the dock alone, readable: each of its tabs
        for k, tab in enumerate(("layers", "index", "match", "archive")[:tabs[0].count()]):
            tabs[0].setCurrentIndex(k)
            dock.widget().grab().save(name_of(f"dock_{tab}.png"))
        tabs[0].setCurrentIndex(0)
    from crosstime.core.geo.grid import TileGrid
    from crosstime.core.retrieval.index import DescriptorIndex
    idx = DescriptorIndex.load(dock.w.indexFile.filePath())
    grid = TileGrid.from_dict(idx.grid)
    tiles = list(grid.indices())
    i, j = tiles[len(tiles) // 2 + grid.shape[1] // 2]
    x0, y0, x1, y1 = grid.footprint(i, j)
    state["target"] = f"{i}_{j}"
    state["centre"] = QgsPointXY((x0 + x1) / 2, (y0 + y1) / 2)
    canvas = iface.mapCanvas()
    canvas.setExtent(QgsRectangle(*grid.bounds()))
    canvas.refresh()
    dock.w.pickButton.setChecked(True)
    QTimer.singleShot(2500, click)


@guard
def click():
    canvas = iface.mapCanvas()
    pix = canvas.getCoordinateTransform().transform(state["centre"])
    QTest.mouseClick(canvas.viewport(), Qt.LeftButton, Qt.NoModifier, QPoint(int(pix.x()), int(pix.y())))
    state["t0"] = time.time()
    QTimer.singleShot(100, wait)


@guard
def wait():
    dock = state["dock"]
    if dock.match_panel.last_result is None and time.time() - state["t0"] < 60:
        QTimer.singleShot(100, wait)
        return
    res = dock.match_panel.last_result
    info["matched"] = res is not None
    if res is not None:
        info.update({"query": res.query_id, "expected_query": state["target"], "matches": res.ids,
                     "scores": [round(s, 3) for s in res.scores], "ms": round(res.elapsed_ms),
                     "rubber_bands": len(dock.highlighter.geometries()), "true_match_rank":
                     (res.ids.index(res.query_id) + 1) if res.query_id in res.ids else None})
    info["status"] = dock.w.statusLabel.text()
    if res is not None:
        fps = [res.query_footprint] + list(res.footprints)
        r = QgsRectangle(min(f[0] for f in fps), min(f[1] for f in fps), max(f[2] for f in fps), max(f[3] for f in fps))
        r.grow(0.3 * max(r.width(), r.height()))
        iface.mapCanvas().setExtent(r)
        iface.mapCanvas().refresh()
    QTimer.singleShot(3000, after_matches)


@guard
def after_matches():
    shot("matches.png")                  # the map: rank colours, labels inside footprints, query outline on top
    dock = state["dock"]
    t = dock.w.resultsTable
    info["results_rows"] = t.rowCount()
    info["thumbnails"] = sum(1 for r in range(t.rowCount()) if not t.item(r, 0).icon().isNull())
    info["leads"] = [t.item(r, 1).text() for r in range(t.rowCount())]
    info["area_outline"] = dock.highlighter.area_band is not None
    dock.widget().grab().save(name_of("results.png"))      # the dock alone: list with thumbnails
    if dock.match_panel.last_result is not None:
        open_compare()
    else:
        finish()


@guard
def open_compare():
    """The compare button, once the matches' map features are read (a click reads them after its answer)."""
    dock = state["dock"]
    state["compare_tries"] = state.get("compare_tries", 0) + 1
    if not dock.w.compareButton.isEnabled() and state["compare_tries"] < 60:
        QTimer.singleShot(500, open_compare)
        return
    dlg = dock.match_panel.show_compare()
    state["compare"] = dlg
    info["compare_legend"] = [c.label for c, _ in dlg.legend_entries] if dlg else []
    QTimer.singleShot(1500, compare_shot)


@guard
def compare_shot():
    dlg = state.get("compare")
    if dlg is not None:
        dlg.grab().save(name_of("compare.png"))
        shot("compare_screen.png")
        dlg.close()
    archive_start()


def archive_start():
    """The Archive tab of the demo project: its gallery, the located photos over the new ortho, then a click
    answered with the photos showing that place."""
    dock = state["dock"]
    from qgis.PyQt.QtWidgets import QTabWidget
    tabs = dock.findChildren(QTabWidget)[0]
    tabs.setCurrentIndex(tabs.count() - 1)
    dock.highlighter.clear()
    state["t0"] = time.time()
    QTimer.singleShot(200, archive_wait_gallery)


@guard
def archive_wait_gallery():
    a = state["dock"].archive
    if not (a.states and not a._tasks) and time.time() - state["t0"] < 60:
        QTimer.singleShot(200, archive_wait_gallery)
        return
    located = [s for s in a.states if s.location is not None]
    info["archive_photos"] = len(a.states)
    info["archive_located"] = len(located)
    info["archive_thumbnails"] = sum(1 for k in range(a.w.gallery.count()) if not a.w.gallery.item(k).icon().isNull())
    if not located:
        return finish()
    xs = [x for s in located for x, _ in s.location.footprint]
    ys = [y for s in located for _, y in s.location.footprint]
    r = QgsRectangle(min(xs), min(ys), max(xs), max(ys))
    r.grow(0.15 * max(r.width(), r.height()))
    canvas = iface.mapCanvas()
    canvas.setExtent(r)
    canvas.refresh()
    state["archive_centre"] = QgsPointXY(*located[0].location.centre)
    QTimer.singleShot(3000, archive_click)


@guard
def archive_click():
    shot("archive_located.png")          # the located photos, half transparent, over the new ortho
    dock = state["dock"]
    a = dock.archive
    a.w.placeButton.setChecked(True)
    canvas = iface.mapCanvas()
    pix = canvas.getCoordinateTransform().transform(state["archive_centre"])
    QTest.mouseClick(canvas.viewport(), Qt.LeftButton, Qt.NoModifier, QPoint(int(pix.x()), int(pix.y())))
    state["t0"] = time.time()
    QTimer.singleShot(200, archive_wait_place)


@guard
def archive_wait_place():
    a = state["dock"].archive
    if a.place is None and time.time() - state["t0"] < 60:
        QTimer.singleShot(200, archive_wait_place)
        return
    info["archive_place_matches"] = len(a.place[1]) if a.place else 0
    info["archive_place_first"] = a.w.gallery.item(0).text() if a.place else ""
    info["archive_status"] = state["dock"].w.statusLabel.text()
    QTimer.singleShot(1500, archive_shots)


@guard
def archive_shots():
    shot("archive_place.png")            # the map and the gallery answering the click
    state["dock"].widget().grab().save(name_of("archive_gallery.png"))
    error_start()


@guard
def error_start():
    """A mistake a user makes: a file that is not a model chosen as the describer. The status line must say it in
    the user's language, core's message included (the French run checks it has no English sentence)."""
    from crosstime.ui.dock_settings import select_data
    dock = state["dock"]
    dock.w.tabs.setCurrentIndex(1)
    select_data(dock.w.describerCombo, "file")
    dock.w.modelFile.setFilePath(dock.w.indexFile.filePath())      # an index file, not a model
    state["error_task"] = dock.index_panel.build_index()
    state["t0"] = time.time()
    QTimer.singleShot(200, error_wait)


@guard
def error_wait():
    dock = state["dock"]
    if dock.index_panel._build_task is not None and time.time() - state["t0"] < 60:
        QTimer.singleShot(200, error_wait)
        return
    info["error_status"] = dock.w.statusLabel.text()
    dock.widget().grab().save(name_of("error.png"))
    ign_start()


@guard
def ign_start():
    """*Add IGN layers…* pointed at a Géoplateforme-like QGIS Server on 127.0.0.1 (tests/ogc_server.py) serving a
    small synthetic landscape: the dialog, then the dock with the Géoplateforme's layer names chosen."""
    import sys

    from qgis.core import QgsSettings

    from crosstime.core.samples.synthetic import SyntheticConfig, generate_landscape
    from crosstime.ui.ign_layers import SETTING_KEY, IgnLayersDialog
    sys.path.insert(0, os.path.join(os.environ["QGIS_PLUGINPATH"], "tests"))      # the repository (smoke.sh)
    import ogc_server
    folder = os.path.join(OUT, f"geoplateforme{SUFFIX}")
    land = generate_landscape(os.path.join(folder, "land"), SyntheticConfig(size_m=1200, resolution=2.0, seed=7))
    ogc_server.write_project(os.path.join(folder, "geoplateforme.qgs"), land)
    server = ogc_server.OgcServer(os.path.join(folder, "geoplateforme.qgs"), folder)
    state["server"], state["land"] = server, land
    QgsSettings().setValue(SETTING_KEY, server.services().to_json())
    dock = state["dock"]
    dock.w.tabs.setCurrentIndex(0)
    dlg = IgnLayersDialog(dock)
    dlg.show()
    state["ign_dialog"] = dlg
    QTimer.singleShot(1000, ign_add)


@guard
def ign_add():
    dlg, dock = state.pop("ign_dialog"), state["dock"]
    dlg.grab().save(name_of("ign_dialog.png"))
    choice = dlg.choice()
    dlg.close()
    layers = dock.layers_panel.add_ign_layers(choice)
    info["ign_layers"] = [layer.name() for layer in layers or []]
    info["ign_chosen"] = [dock.w.oldOrthoCombo.currentLayer().name(), dock.w.newOrthoCombo.currentLayer().name()]
    info["ign_unmapped"] = dock.layers_panel.unmapped_layers()
    iface.mapCanvas().setExtent(QgsRectangle(*state["land"].bounds))
    iface.mapCanvas().refresh()
    QTimer.singleShot(4000, ign_shots)


@guard
def ign_shots():
    shot("ign_layers.png")               # the layer tree's IGN Géoplateforme group, the map drawn from the server
    state["dock"].widget().grab().save(name_of("dock_ign.png"))
    info["ign_tiles_served"] = state["server"].requests("GetTile")
    state.pop("server").stop()
    land_cover()


@guard
def land_cover():
    """A land-cover raster styled Paletted/Unique values with French class names (as a CoSIA style is), checked for
    the old date: the legend preview lists its classes and the category each becomes."""
    from land_cover import land_cover_of
    from qgis.core import QgsPalettedRasterRenderer, QgsRasterLayer
    from qgis.PyQt.QtGui import QColor

    from crosstime.core.geo.legend import load_legend
    land, dock = state["land"], state["dock"]
    path = land_cover_of(land.old_vectors, land.old_ortho, os.path.join(OUT, f"landcover{SUFFIX}.tif"))
    layer = QgsRasterLayer(path, "occupation du sol 1950")
    names = {"road": "Route", "building": "Bâti", "water": "Eau", "vegetation": "Forêt de feuillus"}
    layer.setRenderer(QgsPalettedRasterRenderer(layer.dataProvider(), 1, [
        QgsPalettedRasterRenderer.Class(c.code, QColor(*c.rgb), names.get(c.key, "")) for c in load_legend(
            "bdtopo_v3").categories]))
    QgsProject.instance().addMapLayer(layer)
    dock.layers_panel.set_checked(dock.w.oldVectorsCombo, [layer.id()])
    dock.w.tabs.setCurrentIndex(0)
    info["land_cover_warnings"] = dock.layers_panel.preview_legend()
    tree = dock.w.legendTree.topLevelItem(0).child(0)
    info["land_cover_rows"] = [tree.child(k).text(0) for k in range(tree.childCount())]
    QTimer.singleShot(500, lambda: (dock.widget().grab().save(name_of("dock_landcover.png")), finish()))


QTimer.singleShot(5000, start)
