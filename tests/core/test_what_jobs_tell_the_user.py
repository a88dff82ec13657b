"""What the command line and the jobs tell the user: CPU defaults, early progress, honest warnings, clear refusals."""
import os

import numpy as np
import pytest

from crosstime import cli
from crosstime.core import choices, jobs
from crosstime.core.errors import CrossTimeError
from crosstime.core.progress import Progress
from crosstime.core.retrieval.model_file import read_model_file
from crosstime.core.samples.realpairs import build_realpairs_store
from crosstime.core.tiles.store import ground_size_text


def _write_png(path, img):
    import rasterio
    with rasterio.open(path, "w", driver="PNG", width=img.shape[1], height=img.shape[0], count=3, dtype="uint8") as d:
        d.write(np.moveaxis(img, -1, 0))


@pytest.fixture(scope="module")
def pairs_root(tmp_path_factory):
    """Two sources of two image-only scenes each (96 x 96 px), the new date brighter than the old."""
    root = tmp_path_factory.mktemp("pairs")
    rng = np.random.default_rng(3)
    rows = ["path,gsd_m"]
    for source, gsd in (("aerial", 0.5), ("satellite", 2.0)):
        for scene in ("s1", "s2"):
            folder = root / source / scene
            folder.mkdir(parents=True)
            old = rng.integers(0, 200, size=(96, 96, 3)).astype(np.uint8)
            _write_png(folder / "a.png", old)
            _write_png(folder / "b.png", np.clip(old.astype(int) + 40, 0, 255).astype(np.uint8))
            rows.append(f"{source}/{scene},{gsd}")
    (root / "scenes.csv").write_text("\n".join(rows) + "\n")
    return str(root)


def test_the_cpu_recipe_is_the_default_everywhere():
    a = cli.build_parser().parse_args(["train", "s.ctstore", "--out", "m.ctmodel"])
    assert a.recipe == choices.DEFAULT_RECIPE == "infonce"
    from crosstime.core.train.recipes import recipe
    m, t = recipe(a.recipe)
    assert (m.backbone, m.weights, m.thumbnail) == (choices.DEFAULT_BACKBONE, choices.DEFAULT_WEIGHTS,
                                                    choices.DEFAULT_THUMBNAIL) == ("efficientnet_lite0", "imagenet", 16)
    assert recipe(a.recipe, modality="semantic")[0].thumbnail == 0          # a thumbnail needs the image
    assert m.thumbnail_semantic is choices.DEFAULT_THUMBNAIL_SEMANTIC is True    # the map's thumbnail too
    assert recipe(a.recipe, thumbnail_semantic=False)[0].thumbnail_semantic is False
    m, _ = recipe("siamese")
    assert (m.backbone, m.weights) == ("resnet50", "imagenet")          # the paper's recipe is unchanged


def test_missing_pretrained_weights_name_the_option_that_avoids_them(monkeypatch, capsys):
    from crosstime.core.nn.backbones import WeightsUnavailable

    def offline(*_a, **_k):
        raise WeightsUnavailable("the ImageNet weights of resnet50 are not on this machine.")
    monkeypatch.setattr(jobs, "train_descriptor", offline)
    monkeypatch.setattr("crosstime.runtime.dependencies.missing", lambda *a: [])
    assert cli.main(["train", "s.ctstore", "--out", "m.ctmodel", "--weights", "imagenet"]) == 1
    assert "--weights none" in capsys.readouterr().err


@pytest.mark.slow
def test_training_says_what_it_runs_reports_early_and_keeps_every_epoch(store, tmp_path):
    lines = []
    out = str(tmp_path / "m.ctmodel")
    r = jobs.train_descriptor([store.path], out, val_stores=[store.path], progress=Progress(log=lines.append), epochs=2,
                              batch_pairs=8, batches_per_epoch=2, tile_pixels=64, seed=0)
    assert lines[0].startswith("recipe infonce") and "backbone efficientnet_lite0" in lines[0]
    assert "weights imagenet" in lines[0]
    assert any(line.startswith("before training: validation map@5") for line in lines)
    assert any(line.startswith("epoch 1/2: batch 1/2") and "pairs/s" in line for line in lines)
    info, _ = read_model_file(out)
    assert [h["epoch"] for h in info.meta["history"]] == [0, 1, 2]        # every epoch, not only up to the best
    assert r.history[0]["epoch"] == 0 and "val_map@5" in r.history[0]


@pytest.mark.slow
def test_a_run_that_does_not_beat_the_untrained_network_says_so(store, tmp_path):
    lines = []
    jobs.train_descriptor([store.path], str(tmp_path / "m.ctmodel"), val_stores=[store.path],
                          progress=Progress(log=lines.append),
                          epochs=1, batch_pairs=8, batches_per_epoch=1, tile_pixels=64, lr=0.0, seed=0)
    assert any(line.startswith("warning: the trained model") and "untrained" in line for line in lines)


def test_real_pairs_refusals_name_what_was_found(pairs_root, tmp_path):
    with pytest.raises(CrossTimeError, match="the sources there are: aerial, satellite"):
        build_realpairs_store(pairs_root, str(tmp_path / "x.ctstore"), sources=["aerail"])
    with pytest.raises(CrossTimeError, match="no such folder"):
        build_realpairs_store(str(tmp_path / "nowhere"), str(tmp_path / "x.ctstore"))
    with pytest.raises(CrossTimeError, match="smaller than a tile of 512 px"):
        build_realpairs_store(pairs_root, str(tmp_path / "x.ctstore"), tile_px=512)
    assert not os.path.exists(tmp_path / "x.ctstore")


def test_replacing_a_store_is_said(pairs_root, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("crosstime.runtime.dependencies.missing", lambda *a: [])
    out = str(tmp_path / "p.ctstore")
    assert cli.main(["realpairs", pairs_root, "--out", out, "--tile-px", "32"]) == 0
    assert "replacing" not in capsys.readouterr().out
    assert cli.main(["realpairs", pairs_root, "--out", out, "--tile-px", "32"]) == 0
    assert "replacing the existing tile store" in capsys.readouterr().out


def test_mixed_footprints_are_reported_as_a_range(pairs_root, tmp_path):
    store = build_realpairs_store(pairs_root, str(tmp_path / "p.ctstore"), tile_px=32)
    assert "16-64 m (median 40 m)" in store.summary()
    assert ground_size_text(np.array([200.0, 200.0])) == "200 m"
    assert ground_size_text(np.array([np.nan])) == "an unknown ground size"


@pytest.mark.slow
def test_evaluate_by_source_with_chosen_baselines_and_no_vector_data(pairs_root, tmp_path):
    store = build_realpairs_store(pairs_root, str(tmp_path / "p.ctstore"), tile_px=32)
    ev = jobs.evaluate_stores([store.path], str(tmp_path / "eval"),
                              jobs.EvaluationRequest(baselines=["thumbnail"], by_source=True))
    assert {r["descriptor"] for r in ev.rows} == {"thumbnail 16x16", "thumbnail 16x16 (Quick mode)"}
    # the Quick mode thumbnail also judged with its neighbourhoods, per source too
    for e in (ev, *ev.by_source.values()):
        assert {r["neighbourhood"] for r in e.rows if "Quick" in r["descriptor"]} == {"1x1", "3x3 trimmed", "3x3 mean",
                                                                                     "5x5 trimmed"}
    semantic = [r for r in ev.rows if r["modality"] != "visual"]
    assert semantic and all(r["map@5"] is None and r["note"].startswith("n/a") for r in semantic)
    visual = [r for r in ev.rows if r["modality"] == "visual"][0]
    assert visual["descriptor"] == "thumbnail 16x16"
    assert visual["map@5"] == 1.0                   # a brightness change only: per-tile standardisation sees through it
    assert set(ev.by_source) == {"aerial", "satellite"}
    assert all(sub.dataset["queries"] == 18 for sub in ev.by_source.values())
    assert os.path.exists(tmp_path / "eval" / "aerial" / "report.html")
    assert "n/a" in open(ev.files["markdown"]).read()
    with pytest.raises(CrossTimeError, match="unknown baseline"):
        jobs.evaluate_stores([store.path], str(tmp_path / "e2"), jobs.EvaluationRequest(baselines=["thumbnial"]))


def test_a_model_trained_elsewhere_is_flagged(store, tiny_model):
    from crosstime.core.evaluation.evaluate import model_fit_warnings
    from crosstime.core.tiles.selection import TileSet
    info, _ = read_model_file(tiny_model)
    assert model_fit_warnings(info, info.config["legend"], TileSet([store])) == []
    info.config["legend"], info.config["tile_size"] = "osm", 1000.0
    warnings = model_fit_warnings(info, "bdtopo_v3", TileSet([store]))
    assert any("legend 'osm'" in w for w in warnings) and any("1000 m" in w for w in warnings)


def test_indexing_with_a_model_of_another_legend_says_so(store, tiny_model, tmp_path):
    from crosstime.core.geo.legend import load_legend
    lines = []
    describer = jobs.describer_for(tiny_model, load_legend("osm"), device="cpu")
    jobs.warn_if_trained_elsewhere(describer, load_legend("osm"), Progress(log=lines.append))
    assert lines and "legend 'bdtopo_v3'" in lines[0] and "'osm'" in lines[0]
    lines.clear()
    jobs.warn_if_trained_elsewhere(describer, load_legend("bdtopo_v3"), Progress(log=lines.append))
    assert lines == []
