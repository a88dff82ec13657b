"""Benchmark: the general model's recipe, leave one source out: each source of the real pairs is scored by a model
trained without it (the other sources' scenes and the synthetic training landscape), against the same network
untrained and Quick mode's thumbnail, single-tile (the paper's protocol) and with the 3x3 neighbourhood (its
aggregate chosen on the validation scenes, which are other sources' scenes, never the scored one).

Per source and seed: validation = 20 % of the other sources' scenes (by scene, seeded), training = the rest plus the
synthetic landscape, test = every tile of the held-out source. Prints mean +- sd over the seeds per source and
row, how many sources the trained model wins, the training time, and the rerun command. The recipe is the one
scripts/train_general_model.py trains the shipped model with (docs/model-card.md).

    bench/bench_general_model.py --seeds 3 --epochs 5 --json build/bench/general_loso.json
"""
import argparse
import json
import os
import sys
import time

import numpy as np
from bench_quality import REALPAIRS, choose_aggregate, net_similarity, scored_rows, thumbnail_similarity
from common import CACHE, header

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts"))
from train_general_model import GENERAL_RECIPE, realpairs_tiles, with_synthetic  # noqa: E402

ROWS = ("trained", "untrained twin", "Quick thumbnail")


def loso_sets(tiles, source: str, seed: int, pixels: int, synthetic: bool) -> dict:
    """Training, validation (other sources, by scene) and test (the held-out source) tile sets."""
    sources = np.array([k.split("/")[0] for k in tiles.scene_keys()])
    test = tiles.subset(np.nonzero(sources == source)[0])
    train, val = tiles.subset(np.nonzero(sources != source)[0]).split_by_scene([0.8, 0.2], seed)
    if synthetic:
        train = with_synthetic(train, pixels, CACHE)
    return {"train": train, "val": val, "test": test}


def one_run(a, tiles, source: str, seed: int) -> dict:
    import torch

    from crosstime.core.nn.descriptor import DescriptorNet
    from crosstime.core.nn.model_config import ModelConfig
    from crosstime.core.retrieval.model_file import load_model
    from crosstime.core.train import make_trainer
    from crosstime.core.train.map_thumbnail import fit_map_thumbnail
    from crosstime.core.train.recipes import recipe
    sets = loso_sets(tiles, source, seed, a.pixels, not a.no_synthetic)
    legend = sets["test"].stores[0].legend()
    m, t = recipe(GENERAL_RECIPE, tile_pixels=a.pixels, seed=seed, epochs=a.epochs)
    out = os.path.join(CACHE, f"general_loso_{source}_seed{seed}.ctmodel")
    t0 = time.time()
    r = make_trainer(m, t, sets["train"], sets["val"], out, legend).run()
    wall = time.time() - t0
    net, _ = load_model(out)
    rows = {}

    def add(name, sim_test, sim_val):
        got = scored_rows(name, sim_test, sets["test"], choose_aggregate(sim_val, sets["val"]))
        rows[name] = got[name]["map@5"]
        rows[name + ", 3x3"] = got[f"{name}, 3x3 neighbourhood"]["map@5"]

    add("trained", net_similarity(net, sets["test"], legend), net_similarity(net, sets["val"], legend))
    torch.manual_seed(seed)
    twin = DescriptorNet(ModelConfig.from_dict(m.to_dict())).eval()
    fit_map_thumbnail(twin, sets["train"], legend, seed=seed)
    add("untrained twin", net_similarity(twin, sets["test"], legend), net_similarity(twin, sets["val"], legend))
    add("Quick thumbnail", thumbnail_similarity(sets["test"], legend), thumbnail_similarity(sets["val"], legend))
    return {"rows": rows, "wall_min": wall / 60, "best_epoch": r.best_epoch,
            "tiles": {k: len(v) for k, v in sets.items()}, "footprint": sets["test"].footprint_text()}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", type=int, default=3)
    ap.add_argument("--seed0", type=int, default=0)
    ap.add_argument("--epochs", type=int, default=5, help="the best epoch on validation is kept")
    ap.add_argument("--pixels", type=int, default=128)
    ap.add_argument("--sources", nargs="*", default=None, help="default: every source of the real pairs")
    ap.add_argument("--no-synthetic", action="store_true", help="train on the real pairs alone")
    ap.add_argument("--json", default=None)
    a = ap.parse_args()
    rerun = (f"bench/bench_general_model.py --seeds {a.seeds} --epochs {a.epochs}" + (" --no-synthetic" if a.no_synthetic
             else "") + (f" --sources {' '.join(a.sources)}" if a.sources else ""))
    header("general model, leave one source out", rerun)
    tiles = realpairs_tiles(REALPAIRS, a.pixels, CACHE)
    sources = a.sources or sorted({k.split("/")[0] for k in tiles.scene_keys()})
    results = {}
    for source in sources:
        runs = [one_run(a, tiles, source, seed) for seed in range(a.seed0, a.seed0 + a.seeds)]
        results[source] = runs
        minutes = ", ".join(format(r_["wall_min"], ".1f") for r_ in runs)
        print(f"   {source}: {runs[0]['tiles']['test']} test tiles ({runs[0]['footprint']}), training "
              f"{runs[0]['tiles']['train']} tiles; per seed {minutes} min, best epoch "
              f"{[r_['best_epoch'] for r_ in runs]}", flush=True)
    names = [n for row in ROWS for n in (row, row + ", 3x3")]
    print(f"\n   | held-out source (map@5, mean +- sd of {a.seeds} seeds) | " + " | ".join(names) + " |")
    print("   |---|" + "---|" * len(names))
    summary = {}
    for source, runs in results.items():
        cells, summary[source] = [], {}
        for n in names:
            v = np.array([r["rows"][n] for r in runs])
            summary[source][n] = {"mean": float(v.mean()), "sd": float(v.std())}
            cells.append(f"{v.mean():.3f} +- {v.std():.3f}")
        print(f"   | {source} | " + " | ".join(cells) + " |")
    for suffix in ("", ", 3x3"):
        above_quick = sum(s["trained" + suffix]["mean"] > s["Quick thumbnail" + suffix]["mean"] for s in summary.values())
        above_twin = sum(s["trained" + suffix]["mean"] > s["untrained twin" + suffix]["mean"] for s in summary.values())
        mean = {n: np.mean([s[n + suffix]["mean"] for s in summary.values()]) for n in ROWS}
        print(f"   {'single tile' if not suffix else '3x3 neighbourhood'}: trained above Quick on {above_quick}/"
              f"{len(summary)} sources, above its untrained twin on {above_twin}/{len(summary)}; mean over sources "
              + ", ".join(f"{n} {v:.3f}" for n, v in mean.items()))
    print(f"   rerun: {rerun}")
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"summary": summary, "runs": results, "args": vars(a)}, f, indent=1)


if __name__ == "__main__":
    main()
