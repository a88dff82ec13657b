"""The command line, end to end on a small synthetic landscape: tiles, training, index, match, evaluate (the first
command through ``python -m crosstime``, the others through the same ``main`` in this process)."""
import json
import os
import subprocess
import sys

import pytest

from crosstime.core.geo.vectors import list_layers


def _run(root, *args, timeout=900):
    env = {**os.environ, "PYTHONPATH": root}
    r = subprocess.run([sys.executable, "-m", "crosstime", *args], env=env, capture_output=True, text=True,
                       timeout=timeout)
    assert r.returncode == 0, (r.stdout + r.stderr)[-3000:]
    return r.stdout


def _main(capsys, *args):
    from crosstime import cli
    code = cli.main(list(args))
    text = capsys.readouterr()
    assert code == 0, (text.out + text.err)[-3000:]
    return text.out


@pytest.mark.slow
def test_command_line_pipeline(root, tmp_path, capsys):
    land = tmp_path / "land"
    out = json.loads(_run(root, "synth", str(land), "--size", "800", "--resolution", "2", "--seed", "11"))
    assert os.path.exists(out["old_ortho"])
    store = str(tmp_path / "s.ctstore")
    text = _main(capsys, "build-tiles", "--old-ortho", out["old_ortho"], "--new-ortho", out["new_ortho"],
                   "--old-vectors", out["old_vectors"], "--new-vectors", out["new_vectors"], "--tile-size", "100",
                   "--pixels", "64", "--out", store)
    assert "64 tiles of 64 px" in text
    model = str(tmp_path / "m.ctmodel")
    text = _main(capsys, "train", store, "--out", model, "--recipe", "infonce", "--backbone", "resnet18", "--weights",
                   "none", "--epochs", "1", "--batch", "8", "--batches-per-epoch", "2", "--log", str(tmp_path / "log.csv"),
                   "--plot", str(tmp_path / "plot.png"))
    assert "best validation map@5" in text and os.path.exists(tmp_path / "plot.png")
    index = str(tmp_path / "old.ctindex")
    text = _main(capsys, "index", "--model", model, "--old-ortho", out["old_ortho"], "--new-ortho", out["new_ortho"],
                   "--old-vectors", out["old_vectors"], "--tile-size", "100", "--pixels", "64", "--out", index)
    assert "64 tiles indexed" in text
    gpkg = str(tmp_path / "matches.gpkg")
    text = _main(capsys, "match", "--index", index, "--model", model, "--new-ortho", out["new_ortho"], "--new-vectors",
                out["new_vectors"], "--out", gpkg)
    assert "64 tiles matched" in text and "map@5" in text and "3x3 trimmed neighbourhood" in text
    assert set(list_layers(gpkg)) == {"queries", "matches", "links"}
    # one place, as a click: off the grid (a third of the way into a tile), near the south-west corner
    import rasterio
    with rasterio.open(out["new_ortho"]) as src:
        west, south = src.bounds.left, src.bounds.bottom
    text = _main(capsys, "match", "--index", index, "--model", model, "--new-ortho", out["new_ortho"], "--at",
                 str(west + 130), str(south + 30), "--old-ortho", out["old_ortho"], "--k", "3", "--neighbourhood", "5")
    assert "judged with its 5x5 trimmed neighbourhood" in text and text.count(" score ") == 3
    assert "of 25 tiles with data" in text and "(9 of 25" not in text      # a corner: fewer neighbours, said
    text = _main(capsys, "evaluate", store, "--models", model, "--out", str(tmp_path / "eval"))
    assert "best untrained baseline" in text
    assert os.path.exists(tmp_path / "eval" / "report.html") and os.path.exists(tmp_path / "eval" / "examples_1.png")


def test_train_flags_are_made_from_the_training_settings(monkeypatch):
    """Each TrainOption is a flag named, typed and defaulted from its TrainConfig/ModelConfig field; an unset flag
    keeps the recipe's value, a set one reaches the job under the field's name."""
    from dataclasses import fields

    from crosstime import cli
    from crosstime.core import jobs
    from crosstime.core.nn.model_config import ModelConfig
    from crosstime.core.train.recipes import TRAIN_OPTIONS, TrainConfig
    known = {f.name for f in fields(TrainConfig)} | {f.name for f in fields(ModelConfig)}
    assert {o.name for o in TRAIN_OPTIONS} <= known
    assert len({o.cli_flag for o in TRAIN_OPTIONS}) == len(TRAIN_OPTIONS)
    seen = {}

    class Result:
        best_val, model_path, best_epoch, stopped, wall_s = {"map@5": 0.5}, "m.ctmodel", 1, "finished", 1.0

    def train(stores, out, **kwargs):
        seen.update(kwargs, stores=stores, out=out)
        return Result()
    monkeypatch.setattr(jobs, "train_descriptor", train)
    monkeypatch.setattr("crosstime.runtime.dependencies.missing", lambda *a: [])
    assert cli.main(["train", "s.ctstore", "--out", "m.ctmodel", "--batch", "7", "--no-learn-mix", "--lr", "0.01",
                     "--semantic", "grey", "--bf16"]) == 0
    settings = {k: v for k, v in seen.items() if k in known - {"recipe"}}
    assert settings == {"batch_pairs": 7, "learn_mix": False, "lr": 0.01, "semantic_mode": "grey", "bf16": True}
    assert isinstance(settings["batch_pairs"], int) and seen["stores"] == ["s.ctstore"] and seen["recipe"] == "infonce"
    with pytest.raises(SystemExit):
        cli.build_parser().parse_args(["train", "s", "--out", "m", "--augment", "sideways"])


def test_land_cover_rasters_give_the_map_the_vectors_give(land, tmp_path, capsys):
    import numpy as np

    from crosstime.core.tiles.dates import NEW, OLD
    from crosstime.core.tiles.store import TileStore
    from tests.land_cover import land_cover_of as _land_cover_of
    old = _land_cover_of(land.old_vectors, land.old_ortho, str(tmp_path / "old_lc.tif"), "qml")
    new = _land_cover_of(land.new_vectors, land.new_ortho, str(tmp_path / "new_lc.tif"), "csv")
    args = ("--old-ortho", land.old_ortho, "--new-ortho", land.new_ortho, "--tile-size", "200", "--pixels", "50")
    _main(capsys, "build-tiles", *args, "--old-vectors", land.old_vectors, "--new-vectors", land.new_vectors,
          "--out", str(tmp_path / "vectors.ctstore"))
    text = _main(capsys, "build-tiles", *args, "--old-classes", old, "--new-classes", new,
                 "--out", str(tmp_path / "classes.ctstore"))
    assert "36 tiles of 50 px" in text and "warning" not in text
    drawn, read = TileStore(str(tmp_path / "vectors.ctstore")), TileStore(str(tmp_path / "classes.ctstore"))
    assert read.meta["maps"] == {"old": True, "new": True}
    for date in (OLD, NEW):
        a, b = np.asarray(drawn.codes(date, slice(None))), np.asarray(read.codes(date, slice(None)))
        assert (a > 0).mean() > 0.2 and (a == b).mean() > 0.9, date
    # a raster whose classes nothing names is refused, with what to do
    bare = str(tmp_path / "bare.tif")
    os.replace(new, bare)
    from crosstime import cli
    assert cli.main(["build-tiles", *args, "--new-classes", bare, "--out", str(tmp_path / "x.ctstore")]) != 0
    err = capsys.readouterr().err
    assert "bare.tif: no class mapping" in err and "bare.classes.json" in err
