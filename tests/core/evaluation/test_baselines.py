"""The paper's untrained baselines, end to end on a tiny set, and the evaluation tables and figure."""
import json
import os

import numpy as np
import pytest

from crosstime.core.evaluation.baselines import (
    DISTANCES,
    NORMALISATIONS,
    VARIANTS,
    BaselineSpec,
    baseline_rows,
    late_fusion,
    normalise,
    similarity,
)
from crosstime.core.evaluation.evaluate import evaluate
from crosstime.core.nn.backbones import imagenet_available
from crosstime.core.similarity import rank_of_truth
from crosstime.core.tiles.selection import TileSet


def test_normalisations_distances_and_late_fusion():
    rng = np.random.default_rng(0)
    q, d = rng.normal(size=(5, 8)), rng.normal(size=(7, 8))
    for how in NORMALISATIONS:
        a, b = normalise(q, d, how)
        assert a.shape == q.shape and b.shape == d.shape
    assert np.allclose(np.abs(normalise(q, d, "l1")[0]).sum(1), 1)
    assert np.allclose(np.linalg.norm(normalise(q, d, "l2")[0], axis=1), 1)
    e = similarity(q, d, "euclidean")
    assert np.allclose(-e[0, 0], np.linalg.norm(q[0] - d[0]), atol=1e-5)
    s1 = np.array([[1.0, 0.0, 0.5]])
    s2 = np.array([[0.0, 1.0, 0.9]])
    assert late_fusion([s1, s2]).argmax() == 2                  # good in both lists beats best in one


def test_per_tile_standardisation_cancels_a_brightness_and_contrast_change():
    rng = np.random.default_rng(1)
    old = rng.uniform(0, 255, size=(40, 48))
    new = old * 0.6 + 70 + rng.normal(0, 2, size=old.shape)      # the same places, darker and flatter, a little noise
    ranks_tile = rank_of_truth(similarity(*normalise(new, old, "tile"), "cosine"), np.arange(40))
    assert (ranks_tile == 1).all()
    a, _ = normalise(new, old, "tile")
    assert np.allclose(a.mean(1), 0, atol=1e-4) and np.allclose(a.std(1), 1, atol=1e-3)


@pytest.mark.slow
def test_baseline_table_end_to_end(store):
    tiles = TileSet([store])
    specs = [BaselineSpec("thumbnail", "flat", 0), BaselineSpec("efficientnet_lite0", "max", 0),
             BaselineSpec("resnet50", "max", 64)]
    rows, chosen_on = baseline_rows(tiles, store.legend(), specs)
    assert chosen_on == []                                      # no validation tiles: settings fixed a priori
    thumb = [r for r in rows if r["descriptor"].startswith("thumbnail")]
    assert [(r["modality"], r["fusion"]) for r in thumb] == list(VARIANTS)
    assert all(0 <= r["map@5"] <= 1 and r["queries"] == len(tiles) for r in thumb)
    assert all((r["normalisation"], r["distance"]) == ("tile", "cosine") and "a priori" in r["note"] for r in thumb)
    eff = [r for r in rows if r["descriptor"].startswith("efficientnet")]
    assert len(eff) == 5 and all(r["map@5"] is not None and r["normalisation"] == "l2" for r in eff)
    assert all("@64px" in r["descriptor"] for r in eff)          # the input size really used, never "@0px"
    res = [r for r in rows if r["descriptor"].startswith("resnet50")]
    if imagenet_available("resnet50")[0]:
        assert all(r["map@5"] is not None for r in res)
    else:   # said in the table, never silently replaced by random weights
        assert len(res) == 1 and res[0]["map@5"] is None and "unavailable" in res[0]["note"]


@pytest.mark.slow
def test_settings_are_chosen_on_validation_tiles_and_the_test_tiles_scored_once(store):
    tiles = TileSet([store])
    half = len(tiles) // 2
    test, val = tiles.subset(np.arange(half)), tiles.subset(np.arange(half, len(tiles)))
    spec = BaselineSpec("thumbnail", "flat", 0)
    rows, chosen_on = baseline_rows(test, store.legend(), [spec], validation=val)
    assert len(rows) == len(VARIANTS)                            # one row per variant, not one per setting
    assert len(chosen_on) == len(VARIANTS) * len(NORMALISATIONS) * len(DISTANCES)
    assert all(r["queries"] == len(val) for r in chosen_on) and all(r["queries"] == len(test) for r in rows)
    for r in rows:
        candidates = [c for c in chosen_on if (c["modality"], c["fusion"]) == (r["modality"], r["fusion"])]
        best = max(candidates, key=lambda c: c["map@5"])
        assert (r["normalisation"], r["distance"]) == (best["normalisation"], best["distance"])
        assert "validation" in r["note"]


@pytest.mark.slow
def test_evaluate_writes_tables_and_one_figure_per_model(store, tiny_model, trained_model, tmp_path):
    tiles = TileSet([store])
    ev = evaluate(tiles, store.legend(), str(tmp_path), [tiny_model, trained_model], [BaselineSpec("thumbnail", "flat", 0)],
                  dataset_name="synthetic test", footprint="100 m")
    md = open(ev.files["markdown"]).read()
    assert "| descriptor | modality | normalisation | fusion | distance | neighbourhood | R |" in md
    assert "fixed a priori" in md
    assert "tiny.ctmodel" in md and "thumbnail 16x16" in md and "same network untrained" in md
    data = json.load(open(ev.files["json"]))
    assert data["dataset"]["queries"] == len(tiles) and data["validation_rows"] == []
    for k in (0, 1, 2):        # one figure per model, then a query's neighbourhood beside its answer's
        assert os.path.getsize(ev.files[f"figure_{k}"]) > 10_000
    assert ev.files["figure_2"].endswith("neighbourhood.png")
    # every scored descriptor side by side: single tile (the paper's protocol) and with its neighbourhoods
    models = {r["descriptor"] for r in ev.rows if r.get("kind") == "trained" and "late" not in r["fusion"]}
    assert len(models) == 2
    for label in models | {"thumbnail 16x16 (Quick mode)"}:
        assert {r["neighbourhood"] for r in ev.rows if r["descriptor"] == label} >= {"1x1", "3x3 trimmed", "5x5 trimmed"}
    thumb = {r["neighbourhood"]: r["map@5"] for r in ev.rows if r["descriptor"] == "thumbnail 16x16 (Quick mode)"}
    assert thumb["3x3 trimmed"] > thumb["1x1"] + 0.05
    assert any("3x3 trimmed neighbourhood" in line for line in ev.headline())
    assert open(ev.files["csv"]).readline().startswith("descriptor,modality,fusion")
    assert any("map@5" in line for line in ev.headline())
    # one untrained row per architecture: both models share theirs only when their configurations match
    untrained = [r for r in ev.rows if r.get("kind") == "untrained"]
    assert 1 <= len(untrained) <= 2
