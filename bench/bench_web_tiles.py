"""Benchmark: grid tiles read per second from a web service against the same tiles read from the GeoTIFF (baseline,
same run). The service is a real QGIS Server on 127.0.0.1 (tests/ogc_server.py) serving a synthetic landscape as the
Géoplateforme does (WMTS, Web Mercator and Lambert-93 matrix sets). Three web passes: cold (every tile asked of the
server), warm (CrossTime's disk cache; QGIS's own network cache emptied first) and the file. Goal: warm within 1.5x
of the file. Means over --repeats runs of each pass."""
import argparse
import os
import sys
import threading
import time

from common import ROOT, header, landscape, scratch_folder

sys.path.insert(0, os.path.join(ROOT, "tests"))
RERUN = "QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_web_tiles.py"


def timed_read(app, make_reader, cells):
    """Tiles per second reading ``cells`` in a worker thread (as the dock's tasks do), the main loop spinning."""
    out = {}

    def work():
        reader = make_reader()
        t = time.perf_counter()
        for i, j in cells:
            reader.read(i, j)
        out["rate"] = len(cells) / (time.perf_counter() - t)
        reader.close()
    th = threading.Thread(target=work)
    th.start()
    while th.is_alive():
        app.processEvents()
        time.sleep(0.002)
    return out["rate"]


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--tile-size", type=float, default=100.0)
    ap.add_argument("--pixels", type=int, default=128)
    ap.add_argument("--repeats", type=int, default=3)
    a = ap.parse_args()
    header("grid tiles read from a web service (WMTS, local QGIS Server) against the GeoTIFF", RERUN)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication
    app = QgsApplication([], False)
    app.initQgis()
    import numpy as np
    import ogc_server
    from qgis.core import QgsNetworkAccessManager, QgsRasterLayer

    from crosstime.adapters.raster_reader import RasterLayerReaderFactory
    from crosstime.core.geo.grid import TileGrid
    from crosstime.core.geo.orthos import OrthoReader
    land = landscape(2000.0, 2.0, 11)
    tmp = scratch_folder()
    ogc_server.write_project(os.path.join(tmp, "g.qgs"), land)
    server = ogc_server.OgcServer(os.path.join(tmp, "g.qgs"), tmp)
    try:
        b = land.bounds
        grid = TileGrid.for_overlap(b, b, "EPSG:2154", a.tile_size, a.pixels)
        cells = list(grid.indices())
        print(f"   {len(cells)} tiles of {a.tile_size:g} m / {a.pixels} px on a Lambert-93 grid")
        rows = {}
        for matrix_set in ("EPSG:3857", "EPSG:2154"):
            cold, warm, requests = [], [], []
            for r in range(a.repeats):
                cache = os.path.join(tmp, f"cache_{matrix_set[5:]}_{r}")
                # a format per run: URLs QGIS never fetched, so its own caches hold nothing of them
                layer = QgsRasterLayer(server.wmts_uri(ogc_server.OLD_LAYER, matrix_set,
                                                      ("image/png", "image/jpeg")[r % 2]), "old", "wms")
                QgsNetworkAccessManager.instance().cache().clear()
                factory = RasterLayerReaderFactory(layer, cache_folder=cache)
                before = server.requests("GetTile")
                cold.append(timed_read(app, lambda f=factory: f(grid), cells))
                requests.append(server.requests("GetTile") - before)
                QgsNetworkAccessManager.instance().cache().clear()
                before = server.requests("GetTile")
                warm.append(timed_read(app, lambda f=factory: f(grid), cells))
                assert server.requests("GetTile") == before, "the warm pass asked the server"
            rows[matrix_set] = (np.mean(cold), np.std(cold), np.mean(warm), np.std(warm), np.mean(requests))
        files = [timed_read(app, lambda: OrthoReader(land.old_ortho, grid), cells) for _ in range(a.repeats)]
        f_mean, f_sd = float(np.mean(files)), float(np.std(files))
        print(f"   GeoTIFF (baseline)             : {f_mean:7.0f} +- {f_sd:.0f} tiles/s")
        worst = 0.0
        for ms, (c, cs, w, ws, req) in rows.items():
            worst = max(worst, f_mean / w)
            print(f"   WMTS {ms}, cold ({req:.0f} GetTile): {c:7.0f} +- {cs:.0f} tiles/s")
            print(f"   WMTS {ms}, warm cache        : {w:7.0f} +- {ws:.0f} tiles/s, {f_mean / w:.2f}x the file's "
                  f"time (goal <= 1.5x: {'met' if f_mean / w <= 1.5 else 'NOT met'})")
        print(f"   rerun: {RERUN}")
    finally:
        server.stop()
    sys.exit(0 if worst <= 1.5 else 2)


if __name__ == "__main__":
    main()
