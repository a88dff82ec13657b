"""Benchmark: the longest stall of the QGIS event loop (GUI thread) while the dock builds an index and answers
its first click, with a vector layer of 10^5 features (goal < 100 ms). A 2 ms timer on the GUI thread records
every gap between its ticks; the longest gap, less the interval, is the stall a user would feel. Also compares
the two ways of reading a layer's features (OGR straight from the file, QgsVectorLayer iterator) and checks that
they give the same features. Fails (exit 1) on Qt thread warnings (QBasicTimer...).

The first click reads only the features around its 3x3 neighbourhood with a spatial request (the matches' map
features are read after the answer is shown), then every feature of the tiled area is read in the background for
the later clicks: the bench times the first answer, the second, the background read and a click after it (goal for
the first answer: < 1 s). Sizes: 10^5 buildings over the 4 km^2 ortho (25,000 per km^2, denser than any real town),
and 10^6 at the same density over a 40 km^2 area around it (a department's BD TOPO holds about 10^6 buildings; the
ortho is a small part of it). The baseline, measured in the same run: one full pass of Python's cycle collector over
the whole session (QGIS, PyTorch, the layer), timed on the GUI thread. That is the freeze each full pass costs;
CrossTime's tasks keep what they build out of the collector's sight, so no full pass should run during them (counted
per step), without touching the collector's settings, which are the whole process's."""
import argparse
import os
import sys
import time

import numpy as np
from common import header, landscape, scratch_folder

RERUN = "QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_stall.py"


DENSITY = 25_000            # buildings per km^2: 10^5 over the bench's 2 km x 2 km ortho


def spread_bounds(bounds, n):
    """``bounds`` widened about their centre to hold ``n`` buildings at DENSITY (never narrowed)."""
    side = max(bounds[2] - bounds[0], (n / DENSITY) ** 0.5 * 1000.0)
    cx, cy = (bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2
    return cx - side / 2, cy - side / 2, cx + side / 2, cy + side / 2


def write_buildings(path, bounds, n, seed=0):
    """``n`` small square buildings (BD TOPO v3 BATIMENT) spread over ``bounds``, EPSG:2154."""
    from osgeo import ogr, osr
    ogr.UseExceptions()
    rng = np.random.default_rng(seed)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(2154)
    lyr = ds.CreateLayer("BATIMENT", srs, ogr.wkbPolygon)
    for name in ("NATURE", "USAGE_1", "HAUTEUR", "COMMENT"):
        lyr.CreateField(ogr.FieldDefn(name, ogr.OFTString))
    x = rng.uniform(bounds[0], bounds[2] - 8, n)
    y = rng.uniform(bounds[1], bounds[3] - 8, n)
    s = rng.uniform(2, 8, n)
    lyr.StartTransaction()
    defn = lyr.GetLayerDefn()
    for k in range(n):
        f = ogr.Feature(defn)
        f.SetField("NATURE", "Indifférenciée")
        f.SetField("USAGE_1", "Résidentiel")
        f.SetField("HAUTEUR", str(round(float(s[k]), 1)))
        f.SetField("COMMENT", "x" * 40)
        a, b, c = x[k], y[k], s[k]
        f.SetGeometry(ogr.CreateGeometryFromWkt(f"POLYGON(({a} {b},{a + c} {b},{a + c} {b + c},{a} {b + c},{a} {b}))"))
        lyr.CreateFeature(f)
    lyr.CommitTransaction()
    ds = None


def same_features(a, b) -> bool:
    """Same attributes (the GeoPackage fid is a field for QGIS, not for OGR) and the same coordinates up to the
    last digit of their JSON text (GDAL and QGIS format numbers each their own way)."""
    def flat(c):
        return [v for x in c for v in flat(x)] if isinstance(c, (list, tuple)) else [c]
    if len(a) != len(b):
        return False
    from crosstime.core.geo.vectors import geometry_of
    for (ga, pa), (gb, pb) in zip(a, b):
        ga, gb = geometry_of(ga), geometry_of(gb)
        if {k: v for k, v in pa.items() if k != "fid"} != {k: v for k, v in pb.items() if k != "fid"}:
            return False
        if ga["type"] != gb["type"] or not np.allclose(flat(ga["coordinates"]), flat(gb["coordinates"]), rtol=1e-12):
            return False
    return True


class FullPassCounter:
    """Counts the cycle collector's full passes (generation 2) and their longest duration."""

    def __init__(self):
        import gc
        self.count, self.longest, self._t = 0, 0.0, 0.0
        gc.callbacks.append(self._seen)

    def _seen(self, phase, info):
        if info["generation"] != 2:
            return
        if phase == "start":
            self._t = time.perf_counter()
        else:
            self.count += 1
            self.longest = max(self.longest, 1000 * (time.perf_counter() - self._t))

    def reset(self):
        self.count, self.longest = 0, 0.0


class StallMeter:
    def __init__(self, interval_ms=2):
        from qgis.PyQt.QtCore import QTimer
        self.interval = interval_ms / 1000
        self.timer = QTimer()
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.tick)
        self.gaps, self.last = [], None

    def tick(self):
        now = time.perf_counter()
        if self.last is not None:
            self.gaps.append(now - self.last)
        self.last = now

    def start(self):
        self.gaps, self.last = [], time.perf_counter()
        self.timer.start()

    def stop(self):
        self.timer.stop()
        return 1000 * max(0.0, max(self.gaps, default=0.0) - self.interval)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--features", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--tile-size", type=float, default=250.0)
    ap.add_argument("--pixels", type=int, default=64)
    a = ap.parse_args()
    header("GUI event-loop stall during build and first click", RERUN)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import qt_guard
    qt_guard.install()
    from qgis.core import QgsApplication
    app = QgsApplication([], True)
    app.initQgis()
    import gc

    from crosstime.core.nn.descriptor import DescriptorNet
    from crosstime.core.nn.model_config import ModelConfig
    from crosstime.core.retrieval.model_file import save_model
    land = landscape(2000.0, 2.0, 11)
    tmp = scratch_folder()
    model = os.path.join(tmp, "r18.ctmodel")
    save_model(model, DescriptorNet(ModelConfig(backbone="resnet18", weights="none", tile_pixels=a.pixels)))
    settings = (gc.isenabled(), gc.get_threshold(), gc.get_freeze_count())
    stalls, firsts, widgets = [], {}, []
    for n in a.features:
        print(f"-- {n:,} buildings")
        stall, firsts[n], made = one_size(a, n, land, tmp, model)
        stalls.append(stall)
        widgets += made
    qt_guard.teardown(app, *widgets)
    same_settings = settings == (gc.isenabled(), gc.get_threshold(), gc.get_freeze_count())
    print(f"   collector settings after the tasks as before: {'yes' if same_settings else 'NO'}")
    print("   first answer after the index is built: " + ", ".join(
        f"{v:.2f} s at {k:,} buildings ({'met' if v < 1 else 'NOT met'})" for k, v in firsts.items())
        + " (goal < 1 s)")
    print(f"   longest stall: {max(stalls):.1f} ms (goal < 100 ms); rerun: {RERUN}")
    sys.exit(qt_guard.verdict() or (0 if max(stalls) < 100 and same_settings else 2))


def one_size(a, n, land, tmp, model):
    """Build, first click, second click, background read, later click with a layer of ``n`` buildings; returns the
    longest stall, the first answer's time and (dock, main window) for the final teardown."""
    import gc

    from qgis.core import QgsCoordinateReferenceSystem, QgsPointXY, QgsProject, QgsRasterLayer, QgsVectorLayer
    from qgis.PyQt.QtCore import QCoreApplication

    from crosstime.adapters.headless import HeadlessIface
    from crosstime.adapters.layers import VectorLayerReader, needed_fields
    from crosstime.core.geo.legend import load_legend
    from crosstime.ui.dock import CrossTimeDock
    gpkg = os.path.join(tmp, f"buildings_{n}.gpkg")
    t = time.perf_counter()
    area = spread_bounds(land.bounds, n)
    write_buildings(gpkg, area, n)
    print(f"   layer of {n:,} buildings over {(area[2] - area[0]) / 1000:.1f} x {(area[3] - area[1]) / 1000:.1f} km "
          f"written in {time.perf_counter() - t:.1f} s (the ortho: {(land.bounds[2] - land.bounds[0]) / 1000:.1f} km "
          "square in its middle)")
    proj = QgsProject.instance()
    old, new = QgsRasterLayer(land.old_ortho, "old"), QgsRasterLayer(land.new_ortho, "new")
    vec = QgsVectorLayer(f"{gpkg}|layername=BATIMENT", "BATIMENT", "ogr")
    proj.addMapLayers([old, new, vec])

    # the two feature paths, in this thread, over the ortho's area, timed, and compared
    legend = load_legend("bdtopo_v3")
    fields = needed_fields(vec, legend)
    rates = {}
    data = {}
    for name, ogr in (("OGR from the file", True), ("QgsVectorLayer iterator", False)):
        r = VectorLayerReader(vec, fields=fields, ogr=ogr)
        t = time.perf_counter()
        data[name] = r.read(None, land.bounds, "EPSG:2154")
        rates[name] = len(data[name].features) / (time.perf_counter() - t)
    same = same_features(list(data["OGR from the file"].records()), list(data["QgsVectorLayer iterator"].records()))
    print(f"   reading the features over the ortho (attributes the legend needs: {', '.join(fields)}): "
          + ", ".join(f"{k} {v:,.0f}/s" for k, v in rates.items())
          + f"; same features and attributes: {'yes' if same else 'NO'}")

    del data              # what QGIS holds during a build is the layer, not two Python copies of it
    iface = HeadlessIface()
    dock = CrossTimeDock(iface)
    w = dock.w
    w.oldOrthoCombo.setLayer(old)
    w.newOrthoCombo.setLayer(new)
    dock.layers_panel.set_checked(w.oldVectorsCombo, [vec.id()])
    dock.layers_panel.set_checked(w.newVectorsCombo, [vec.id()])
    w.describerCombo.setCurrentIndex(w.describerCombo.findData("file"))
    w.modelFile.setFilePath(model)
    w.tileSizeSpin.setValue(a.tile_size)
    w.pixelsSpin.setValue(a.pixels)
    w.saveIndexFile.setFilePath(os.path.join(tmp, f"old_{n}.ctindex"))
    meter = StallMeter()
    passes = FullPassCounter()
    t = time.perf_counter()
    gc.collect()
    baseline = 1000 * (time.perf_counter() - t)
    print(f"   baseline: one full pass of the cycle collector over this session ({len(gc.get_objects()):,} objects "
          f"watched) holds the GUI thread {baseline:.1f} ms")

    def run(label, go, done):
        meter.start()
        passes.reset()
        t0 = time.perf_counter()
        go()
        handler = 1000 * (time.perf_counter() - t0)
        while not done():
            QCoreApplication.processEvents()
            time.sleep(0.001)
        stall = meter.stop()
        took = time.perf_counter() - t0
        print(f"   {label:38s}: {took:6.2f} s, longest GUI stall {stall:6.1f} ms "
              f"(the handler itself, on the GUI thread: {handler:5.1f} ms) "
              f"(goal < 100 ms: {'met' if stall < 100 else 'NOT met'}); full collector passes meanwhile: "
              f"{passes.count}" + (f" (longest {passes.longest:.0f} ms)" if passes.count else ""))
        return stall, took

    index, match, crs = dock.index_panel, dock.match_panel, QgsCoordinateReferenceSystem("EPSG:2154")
    s1, _ = run("build the index (vectors read in task)", index.build_index, lambda: index._build_task is None)
    print(f"   {w.statusLabel.text().splitlines()[0]}")
    b = land.bounds
    pt = QgsPointXY((b[0] + b[2]) / 2 + 1, (b[1] + b[3]) / 2 + 1)
    s2, first = run("first answer (prepare matcher + match)", lambda: match.match_point(pt, crs),
                    lambda: match.last_result is not None)
    t = time.perf_counter()
    while not w.compareButton.isEnabled():       # the matches' map features, read after the answer
        QCoreApplication.processEvents()
        time.sleep(0.001)
    print(f"   the matches' map features read after it : {time.perf_counter() - t:6.2f} s more (compare view ready)")
    match.last_result = None
    s3, _ = run("second answer", lambda: match.match_point(pt, crs), lambda: match.last_result is not None)
    t = time.perf_counter()
    meter.start()
    while match._read_task is not None:          # every feature read in the background, handed to the matcher
        QCoreApplication.processEvents()
        time.sleep(0.001)
    s4 = meter.stop()
    print(f"   every feature read in the background    : {time.perf_counter() - t:6.2f} s more, longest GUI stall "
          f"{s4:6.1f} ms; the matcher reads around clicks: {match._matcher.reads_around_clicks}")
    match.last_result = None
    s5, _ = run("an answer after that", lambda: match.match_point(pt, crs), lambda: match.last_result is not None)
    dock.shutdown()
    while index._tasks or match._tasks:
        QCoreApplication.processEvents()
    proj.removeAllMapLayers()
    print(f"   longest stall: {max(s1, s2, s3, s4, s5):.1f} ms against {baseline:.1f} ms for one full collector pass "
          "(baseline)")
    return max(s1, s2, s3, s4, s5), first, (dock, iface.win)


if __name__ == "__main__":
    main()
