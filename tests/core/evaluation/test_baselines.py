"""The paper's untrained baselines, end to end on a tiny set, and the evaluation tables and figure."""
import json
import os

import numpy as np
import pytest

from crosstime.core.evaluation.baselines import (
    BaselineSpec,
    baseline_rows,
    best_rows,
    late_fusion,
    normalise,
    similarity,
)
from crosstime.core.evaluation.evaluate import evaluate
from crosstime.core.nn.backbones import imagenet_available
from crosstime.core.tiles.selection import TileSet


def test_normalisations_distances_and_late_fusion():
    rng = np.random.default_rng(0)
    q, d = rng.normal(size=(5, 8)), rng.normal(size=(7, 8))
    for how in ("none", "l1", "l2", "std"):
        a, b = normalise(q, d, how)
        assert a.shape == q.shape and b.shape == d.shape
    assert np.allclose(np.abs(normalise(q, d, "l1")[0]).sum(1), 1)
    assert np.allclose(np.linalg.norm(normalise(q, d, "l2")[0], axis=1), 1)
    e = similarity(q, d, "euclidean")
    assert np.allclose(-e[0, 0], np.linalg.norm(q[0] - d[0]), atol=1e-5)
    s1 = np.array([[1.0, 0.0, 0.5]])
    s2 = np.array([[0.0, 1.0, 0.9]])
    assert late_fusion([s1, s2]).argmax() == 2                  # good in both lists beats best in one


@pytest.mark.slow
def test_baseline_table_end_to_end(store):
    tiles = TileSet([store])
    specs = [BaselineSpec("thumbnail", "flat", 0), BaselineSpec("efficientnet_lite0", "max", 0),
             BaselineSpec("resnet50", "max", 64)]
    rows = baseline_rows(tiles, store.legend(), specs, normalisations=("none", "std"), distances=("cosine",))
    thumb = [r for r in rows if r["descriptor"].startswith("thumbnail")]
    assert {(r["modality"], r["fusion"]) for r in thumb} == {
        ("visual", "none"), ("semantic", "none"), ("visual+semantic", "early conv (eq. 4, untrained)"),
        ("visual+semantic", "concat (mean/std)"), ("visual+semantic", "late (answer lists merged)")}
    assert all(0 <= r["map@5"] <= 1 and r["queries"] == len(tiles) for r in thumb)
    eff = [r for r in rows if r["descriptor"].startswith("efficientnet")]
    assert len(eff) == 10 and all(r["map@5"] is not None for r in eff)
    res = [r for r in rows if r["descriptor"].startswith("resnet50")]
    if imagenet_available("resnet50")[0]:
        assert all(r["map@5"] is not None for r in res)
    else:   # said in the table, never silently replaced by random weights
        assert len(res) == 1 and res[0]["map@5"] is None and "unavailable" in res[0]["note"]
    best = best_rows(rows)
    assert len(best) == 5 + 5 + len(res[:1] if res[0]["map@5"] is None else res[:5])


@pytest.mark.slow
def test_evaluate_writes_tables_and_figure(store, tiny_model, tmp_path):
    tiles = TileSet([store])
    ev = evaluate(tiles, store.legend(), str(tmp_path), [tiny_model], [BaselineSpec("thumbnail", "flat", 0)],
                  dataset_name="synthetic test", footprint="100 m")
    md = open(ev.files["markdown"]).read()
    assert "| descriptor | modality | normalisation | fusion | distance | R |" in md
    assert "tiny.ctmodel" in md and "thumbnail 16x16" in md and "same network untrained" in md
    data = json.load(open(ev.files["json"]))
    assert data["dataset"]["queries"] == len(tiles) and len(data["all_baseline_rows"]) == 5 * 4 * 2
    assert os.path.getsize(ev.files["figure"]) > 10_000
    assert open(ev.files["csv"]).readline().startswith("descriptor,modality,fusion")
    assert any("map@5" in line for line in ev.headline())
