"""Every Processing algorithm through processing.run on synthetic layers, and one headless qgis_process run."""
import csv
import os
import shutil
import subprocess

import numpy as np
import pytest
from qgis.core import QgsApplication, QgsProcessingException, QgsVectorLayer

from crosstime.core.geo.vectors import list_layers
from crosstime.core.retrieval.model_file import load_model
from crosstime.core.tiles.store import TileStore


def _layers(path):
    return [f"{path}|layername={n}" for n in list_layers(path)]


def test_algorithms_are_documented(provider):
    algs = {a.name(): a for a in provider.algorithms()}
    assert set(algs) == {"build_tile_dataset", "train_descriptor", "build_index", "match_tiles", "evaluate",
                         "build_modern_index", "index_archive", "locate_archive"}
    for a in algs.values():
        assert a.displayName() and a.group() and len(a.shortHelpString()) > 80 and a.helpUrl().endswith("#" + a.name())
    # one group id per group, so that the toolbox shows four groups, not one
    groups = {a.groupId(): a.group() for a in algs.values()}
    assert groups == {"data": "1. Data", "descriptor": "2. Descriptor", "matching": "3. Matching",
                      "archive": "4. Archive"}
    assert algs["build_tile_dataset"].groupId() == "data" and algs["match_tiles"].groupId() == "matching"


@pytest.mark.slow
def test_every_algorithm_end_to_end(provider, land, tmp_path):
    from qgis import processing
    store_path = str(tmp_path / "tiles.ctstore")
    res = processing.run("crosstime:build_tile_dataset", {
        "OLD_ORTHO": land.old_ortho, "NEW_ORTHO": land.new_ortho, "OLD_VECTORS": _layers(land.old_vectors),
        "NEW_VECTORS": _layers(land.new_vectors), "LEGEND": 0, "TILE_SIZE": 150.0, "PIXELS": 64, "OUTPUT": store_path})
    assert res["TILES"] == 49 and res["USABLE"] == 49       # 7 x 7 whole tiles of 150 m on the global grid
    st = TileStore(res["OUTPUT"])
    assert st.crs == "EPSG:2154" and st.pixels == 64 and st.meta["legend"] == "bdtopo_v3"

    model = str(tmp_path / "m.ctmodel")
    res = processing.run("crosstime:train_descriptor", {
        "TRAIN_STORE": store_path, "RECIPE": 1, "BACKBONE": 2, "WEIGHTS": 1, "EPOCHS": 2, "BATCH": 8, "SEED": 0,
        "OUTPUT_MODEL": model, "OUTPUT_LOG": str(tmp_path / "log.csv"), "OUTPUT_PLOT": str(tmp_path / "plot.png")})
    net, info = load_model(res["OUTPUT_MODEL"])
    assert info.config["backbone"] == "resnet18" and info.meta["recipe"] == "infonce"
    rows = list(csv.DictReader(open(res["OUTPUT_LOG"])))
    # the untrained network (epoch 0), then every epoch
    assert [r["epoch"] for r in rows] == ["0", "1", "2"] and {"epoch", "loss", "val_map@5"} <= set(rows[0])
    assert os.path.getsize(res["OUTPUT_PLOT"]) > 5000 and 0 <= res["BEST_MAP5"] <= 1

    index = str(tmp_path / "old.ctindex")
    res = processing.run("crosstime:build_index", {
        "MODEL": model, "OLD_ORTHO": land.old_ortho, "NEW_ORTHO": land.new_ortho,
        "OLD_VECTORS": _layers(land.old_vectors), "TILE_SIZE": 150.0, "PIXELS": 64, "OUTPUT": index})
    assert res["COUNT"] == 49 and os.path.exists(index)

    res = processing.run("crosstime:match_tiles", {
        "INDEX": index, "MODEL": model, "NEW_ORTHO": land.new_ortho, "NEW_VECTORS": _layers(land.new_vectors),
        "K": 3, "OUTPUT": str(tmp_path / "matches.gpkg"), "LINES": str(tmp_path / "lines.gpkg")})
    q = QgsVectorLayer(res["OUTPUT"], "q", "ogr")
    assert q.isValid() and q.featureCount() == 49 and q.crs().authid() == "EPSG:2154"
    assert {"query_id", "best_id", "best_score", "match_ids", "scores", "same_id_rank", "correct"} <= set(q.fields().names())
    f = next(q.getFeatures())
    assert len(f["match_ids"].split(",")) == 3 and f["same_id_rank"] >= 1
    # each candidate judged with its 3x3 neighbourhood by default: a corner tile has 4 of its 9 tiles
    assert {g["neighbourhood"] for g in q.getFeatures()} == {"3x3 trimmed"}
    assert sorted({g["neighbours"] for g in q.getFeatures()}) == [4, 6, 9]
    single = processing.run("crosstime:match_tiles", {
        "INDEX": index, "MODEL": model, "NEW_ORTHO": land.new_ortho, "K": 3, "NEIGHBOURHOOD": 1,
        "OUTPUT": str(tmp_path / "single.gpkg")})
    assert {g["neighbourhood"] for g in QgsVectorLayer(single["OUTPUT"], "s", "ogr").getFeatures()} == {"1x1"}
    lines = QgsVectorLayer(res["LINES"], "l", "ogr")
    assert lines.featureCount() == 49 and lines.geometryType() == 1
    assert 0 <= res["MAP5"] <= 1

    res = processing.run("crosstime:evaluate", {
        "TILE_STORE": store_path, "MODEL": model, "BASELINES": [0], "OUTPUT_HTML": str(tmp_path / "r.html"),
        "OUTPUT_CSV": str(tmp_path / "r.csv")})
    html = open(res["OUTPUT_HTML"]).read()
    assert "<table>" in html and "m.ctmodel" in html and "thumbnail 16x16" in html and "data:image/png" in html
    assert os.path.exists(res["OUTPUT_CSV"])


def test_index_with_the_shipped_general_model_then_match_without_naming_it(provider, land, tmp_path):
    """The Describer choice of Build descriptor index: the model that ships with the plugin (onnxruntime); matching
    that index with no model file finds the model that made it."""
    from qgis import processing

    from crosstime.core.retrieval.general_model import general_model_available
    if not general_model_available():
        pytest.skip("this checkout carries no general model")
    pytest.importorskip("onnxruntime")
    index = str(tmp_path / "general.ctindex")
    res = processing.run("crosstime:build_index", {
        "DESCRIBER": 2, "OLD_ORTHO": land.old_ortho, "NEW_ORTHO": land.new_ortho,
        "OLD_VECTORS": _layers(land.old_vectors), "TILE_SIZE": 150.0, "PIXELS": 64, "OUTPUT": index})
    assert res["COUNT"] == 49
    res = processing.run("crosstime:match_tiles", {
        "INDEX": index, "NEW_ORTHO": land.new_ortho, "NEW_VECTORS": _layers(land.new_vectors), "K": 5,
        "OUTPUT": str(tmp_path / "matches.gpkg")})
    # it needs onnxruntime, not PyTorch
    match = QgsApplication.processingRegistry().algorithmById("crosstime:match_tiles")
    assert "torch" not in match.needs({"INDEX": index}, None)
    q = QgsVectorLayer(res["OUTPUT"], "q", "ogr")
    ranks = [f["same_id_rank"] for f in q.getFeatures()]
    # chance puts the truth in the top 5 for 5 of 49 queries
    assert len(ranks) == 49 and sum(1 <= r <= 5 for r in ranks) >= 15, ranks


def test_errors_a_gis_user_understands(provider, land, tmp_path):
    import rasterio
    from qgis import processing
    from rasterio.transform import from_origin
    far = str(tmp_path / "far.tif")
    with rasterio.open(far, "w", driver="GTiff", width=50, height=50, count=3, dtype="uint8", crs="EPSG:2154",
                       transform=from_origin(100000, 6000000, 2, 2)) as d:
        d.write(np.zeros((3, 50, 50), np.uint8))
    with pytest.raises(QgsProcessingException, match="do not overlap"):
        processing.run("crosstime:build_tile_dataset", {"OLD_ORTHO": far, "NEW_ORTHO": land.new_ortho,
                                                        "TILE_SIZE": 100.0, "PIXELS": 64,
                                                        "OUTPUT": str(tmp_path / "x.ctstore")})
    bad = tmp_path / "foreign.ctmodel"
    bad.write_bytes(b"not a model")
    with pytest.raises(QgsProcessingException, match="model file"):
        processing.run("crosstime:build_index", {"MODEL": str(bad), "OLD_ORTHO": land.old_ortho,
                                                 "NEW_ORTHO": land.new_ortho, "TILE_SIZE": 100.0, "PIXELS": 64,
                                                 "OUTPUT": str(tmp_path / "x.ctindex")})
    assert not os.path.exists(tmp_path / "x.ctindex")


@pytest.mark.slow
def test_qgis_process_headless(land, tmp_path, root):
    exe = shutil.which("qgis_process.bin") or "/usr/bin/qgis_process.bin"
    if not os.path.exists(exe):
        pytest.skip("qgis_process.bin not installed")
    prof = tmp_path / "profiles" / "default" / "QGIS"
    prof.mkdir(parents=True)
    (prof / "QGIS3.ini").write_text("[PythonPlugins]\ncrosstime=true\n")
    site = os.path.join(root, ".venv", "lib", "python3.11", "site-packages")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QGIS_PLUGINPATH": root,
           "QGIS_CUSTOM_CONFIG_PATH": str(tmp_path), "PYTHONPATH": site}
    out = str(tmp_path / "qp.ctstore")
    args = [exe, "run", "crosstime:build_tile_dataset", "--", f"OLD_ORTHO={land.old_ortho}",
            f"NEW_ORTHO={land.new_ortho}", "TILE_SIZE=200", "PIXELS=64", f"OUTPUT={out}"]
    args += [f"OLD_VECTORS={l}" for l in _layers(land.old_vectors)] + [f"NEW_VECTORS={l}" for l in _layers(land.new_vectors)]
    r = subprocess.run(args, env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, (r.stdout + r.stderr)[-3000:]
    assert "TILES:\t36" in r.stdout
    st = TileStore(out)
    assert len(st) == 36 and np.asarray(st.sem_b).any()


def test_train_warns_when_its_model_would_be_temporary(tmp_path):
    import tempfile

    from crosstime.toolbox.train import is_temporary
    assert is_temporary(os.path.join(tempfile.gettempdir(), "processing_x", "model.ctmodel"))
    assert not is_temporary(os.path.join(os.path.expanduser("~"), "projects", "region", "model.ctmodel"))
