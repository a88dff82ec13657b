"""End to end, as a user without a terminal gets it: the plugin folder in a fresh QGIS profile, its dependencies
installed by the installer's code path from a local wheel folder (offline) into the profile's private folder, then
QGIS's own Python (no torch, no onnxruntime of its own) loads the plugin, and its dock indexes the old ortho with an
exported ONNX model and answers clicks with packages from that folder only."""
import json
import os
import shutil
import subprocess
import sys

import pytest

from crosstime.core import jobs
from crosstime.core.geo.legend import load_legend
from crosstime.core.retrieval.index import DescriptorIndex
from crosstime.runtime import dependencies, installer

INSTALLED = r"""
import json, os, sys, time
profile, onnx_model, index_path, old_ortho, new_ortho, old_vectors, new_vectors, helpers = sys.argv[1:9]
from qgis.core import QgsApplication, QgsProject, QgsRasterLayer, QgsVectorLayer
from qgis.PyQt.QtCore import QCoreApplication
app = QgsApplication([], True, profile)
app.initQgis()
before = {name for name in ("torch", "onnxruntime") if __import__("importlib").util.find_spec(name)}
sys.path.insert(0, os.path.join(profile, "python", "plugins"))
import crosstime
from crosstime.adapters.headless import HeadlessIface
from crosstime.core.geo.vectors import list_layers
iface = HeadlessIface()
plugin = crosstime.classFactory(iface)
plugin.initGui()
import onnxruntime


def wait_for(pred, timeout=300):
    t0 = time.time()
    while not pred():
        QCoreApplication.processEvents()
        time.sleep(0.01)
        if time.time() - t0 > timeout:
            raise SystemExit("timed out: " + plugin.dock.w.statusLabel.text())


proj = QgsProject.instance()
old, new = QgsRasterLayer(old_ortho, "old ortho"), QgsRasterLayer(new_ortho, "new ortho")
proj.addMapLayers([old, new])
vectors = {}
for key, path in (("old", old_vectors), ("new", new_vectors)):
    vectors[key] = [QgsVectorLayer(f"{path}|layername={n}", f"{key} {n}", "ogr") for n in list_layers(path)]
    proj.addMapLayers(vectors[key])
d = plugin.dock
w = d.w
banner = w.missingLabel.text() if w.missingLabel.isVisibleTo(d) else ""
sys.path.append(helpers)                  # tests/qgis: the dock's choices shared with the other tests
from qt_wait import fill_dock
fill_dock(d, old, new, vectors["old"], vectors["new"], onnx_model, index_path)
task = d.index_panel.build_index()
assert task is not None, w.statusLabel.text()
wait_for(lambda: d.index_panel._build_task is None)
built = w.statusLabel.text()
d.match_panel.prepare_matcher()
wait_for(lambda: d.match_panel._prep_task is None)
assert d.match_panel._matcher is not None, w.statusLabel.text()
from crosstime.core.retrieval.index import DescriptorIndex
idx = DescriptorIndex.load(index_path)
answers = []
for k in range(0, len(idx), 12):
    x0, y0, x1, y1 = idx.footprints[k]
    r = d.match_panel._matcher.match((x0 + x1) / 2, (y0 + y1) / 2, 5)
    answers.append({"query": r.query_id, "ids": list(r.ids), "scores": [float(s) for s in r.scores]})
describer = type(d.match_panel._matcher.describer).__name__
plugin.unload()
print(json.dumps({"before": sorted(before), "onnxruntime": onnxruntime.__file__, "banner": banner, "built": built,
                  "describer": describer, "answers": answers,
                  "torch_loaded": any(n.split(".")[0] == "torch" for n in sys.modules)}))
"""


def _qgis_python():
    """The interpreter QGIS itself runs, without torch or onnxruntime (the development .venv is built on it)."""
    base = getattr(sys, "_base_executable", None) or sys.executable
    probe = ("import importlib.util, qgis.core, numpy, rasterio; "
             "assert not any(importlib.util.find_spec(n) for n in ('torch', 'onnxruntime'))")
    r = subprocess.run([base, "-s", "-c", probe], capture_output=True, timeout=120, env={**os.environ, "PYTHONPATH": ""})
    if r.returncode:
        pytest.skip(f"no QGIS Python without torch and onnxruntime here ({base})")
    return base


def test_installed_from_wheels_the_plugin_loads_indexes_and_answers(tmp_path, root, land, trained_model,
                                                                    onnxruntime_wheels):
    python = _qgis_python()
    profile = str(tmp_path / "profiles" / "default")
    shutil.copytree(os.path.join(root, "crosstime"), os.path.join(profile, "python", "plugins", "crosstime"),
                    ignore=shutil.ignore_patterns("__pycache__"))
    # what the dependencies dialog installs when torch cannot be had: the optional ONNX runtime, offline
    target = dependencies.private_dir(profile)
    by = {r.name: r for r in dependencies.REQUIREMENTS}
    result = installer.install(target, [by["onnxruntime"].line], python=python, find_links=[onnxruntime_wheels],
                               no_index=True)
    assert "onnxruntime-1" in " ".join(result.installed) and result.kept_from_qgis and not result.pending
    assert not os.path.exists(os.path.join(target, "numpy"))       # QGIS's numpy is never shadowed
    onnx_model = str(tmp_path / "descriptor.onnx")
    jobs.export_onnx(trained_model, onnx_model)
    index_path = str(tmp_path / "old.ctindex")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", dependencies.DEPS_DIR_ENV: "", "PYTHONPATH": "",
           "PYTHONNOUSERSITE": "1"}
    r = subprocess.run([python, "-c", INSTALLED, profile, onnx_model, index_path, land.old_ortho, land.new_ortho,
                        land.old_vectors, land.new_vectors, os.path.dirname(__file__)], capture_output=True, text=True,
                       timeout=900, env=env, cwd=str(tmp_path))
    assert r.returncode == 0, (r.stdout + r.stderr)[-4000:]
    got = json.loads(r.stdout.strip().splitlines()[-1])
    assert got["before"] == [], "QGIS's Python already had torch or onnxruntime: this test proves nothing there"
    assert got["onnxruntime"].startswith(target) and not got["torch_loaded"]
    assert "torch" in got["banner"] and got["describer"] == "OnnxDescriber"
    assert "144" in got["built"], got["built"]
    # the answers of the installed plugin are those of the PyTorch model on the same index
    idx = DescriptorIndex.load(index_path)
    assert len(idx) == 144
    matcher = jobs.open_matcher(index_path, trained_model, load_legend("bdtopo_v3"), land.new_ortho,
                                new_vectors=jobs.read_vector_files([land.new_vectors]), device="cpu")
    try:
        for k, ans in zip(range(0, len(idx), 12), got["answers"]):
            x0, y0, x1, y1 = idx.footprints[k]
            res = matcher.match((x0 + x1) / 2, (y0 + y1) / 2, 5)
            assert ans["query"] == res.query_id and ans["ids"][0] == res.ids[0]
            assert ans["scores"] == pytest.approx(list(res.scores), abs=1e-4)
    finally:
        matcher.close()
    hits = sum(a["query"] in a["ids"] for a in got["answers"])
    assert hits >= 3, got["answers"]            # chance: 12 clicks x 5 / 144 tiles = 0.4 true matches in the top 5
