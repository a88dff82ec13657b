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
info = {"plugin_loaded": False}
state = {}


def shot(name):
    QApplication.primaryScreen().grabWindow(0).save(os.path.join(OUT, name))


def finish():
    with open(os.path.join(OUT, "result.json"), "w") as f:
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
    info["index"] = dock.w.indexFile.filePath()
    info["layers_restored"] = bool(dock.layers()["new_ortho"])
    shot("dock.png")
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
    if dock.last_result is None and time.time() - state["t0"] < 60:
        QTimer.singleShot(100, wait)
        return
    res = dock.last_result
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
    QTimer.singleShot(3000, lambda: (shot("matches.png"), finish()))


QTimer.singleShot(5000, start)
