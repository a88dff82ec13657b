"""Benchmark: quality of a trained descriptor against the same network untrained and the thumbnail
baselines, on the synthetic default and on ../shared/data/realpairs (scenes split between train,
validation and test, never a scene's tiles on both sides). Prints a table with backbone, input size,
epochs and wall time."""
import argparse
import os
import time

import numpy as np
from common import CACHE, ROOT, header

REALPAIRS = os.environ.get("CROSSTIME_REALPAIRS", os.path.join(ROOT, "..", "shared", "data", "realpairs"))


def synthetic_sets(pixels: int):
    from crosstime.core import jobs
    from crosstime.core.geo.legend import load_legend
    from crosstime.core.geo.vectors import read_vector_file
    from crosstime.core.samples.synthetic import SyntheticConfig, generate_landscape
    from crosstime.core.tiles.selection import TileSet
    from crosstime.core.tiles.store import TileStore
    sets = {}
    for role, size, seed in (("train", 4000, 101), ("val", 2400, 102), ("test", 4000, 103)):
        folder = os.path.join(CACHE, f"quality_{role}_{seed}")
        store = folder + f"_{pixels}.ctstore"
        if not os.path.exists(store):
            land = generate_landscape(folder, SyntheticConfig(size_m=size, resolution=1.5, seed=seed))
            jobs.build_tile_store(store, land.old_ortho, land.new_ortho, read_vector_file(land.old_vectors),
                                  read_vector_file(land.new_vectors), load_legend("bdtopo_v3"), 200.0, pixels)
        sets[role] = TileSet([TileStore(store)])
    return sets, "200 m x 200 m (1.56 m/px)"


def realpairs_sets(pixels: int, seed: int):
    from crosstime.core.samples.realpairs import build_realpairs_store
    from crosstime.core.tiles.selection import TileSet
    from crosstime.core.tiles.store import TileStore
    if not os.path.isdir(REALPAIRS):
        raise SystemExit(f"real pairs not found at {REALPAIRS}")
    path = os.path.join(CACHE, f"realpairs_{pixels}.ctstore")
    if not os.path.exists(path):
        build_realpairs_store(REALPAIRS, path, pixels)
    st = TileStore(path)
    tiles = TileSet([st])
    parts = tiles.split_by_scene([0.6, 0.2, 0.2], seed)
    gsd = [g for g in st.meta["scene_gsd"].values() if g]
    return dict(zip(("train", "val", "test"), parts)), \
        f"{pixels} native px: {min(gsd) * pixels:.0f} to {max(gsd) * pixels:.0f} m (median {np.median(gsd) * pixels:.0f} m)"


def score(net, tiles, legend):
    from crosstime.core.evaluation import metrics
    from crosstime.core.retrieval.describer import describe_tiles
    g = np.arange(len(tiles))
    q = describe_tiles(net, tiles, g, "b", legend)
    d = describe_tiles(net, tiles, g, "a", legend)
    return metrics.evaluate_descriptors(q, d)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--dataset", default="synthetic", choices=["synthetic", "realpairs"])
    ap.add_argument("--recipe", default="infonce", choices=["siamese", "infonce", "ntxent"])
    ap.add_argument("--backbone", default="resnet18")
    ap.add_argument("--weights", default="none")
    ap.add_argument("--pixels", type=int, default=128)
    ap.add_argument("--minutes", type=float, default=5.0)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    header(f"descriptor quality on {a.dataset}",
           f"bench/bench_quality.py --dataset {a.dataset} --recipe {a.recipe} --backbone {a.backbone} "
           f"--weights {a.weights} --minutes {a.minutes:g}")
    import torch

    from crosstime.core.evaluation.baselines import BaselineSpec, baseline_rows, best_rows
    from crosstime.core.nn.descriptor import DescriptorNet, ModelConfig
    from crosstime.core.retrieval.model_file import load_model
    from crosstime.core.train import make_trainer
    from crosstime.core.train.recipes import recipe
    sets, footprint = synthetic_sets(a.pixels) if a.dataset == "synthetic" else realpairs_sets(a.pixels, a.seed)
    legend = sets["train"].stores[0].legend()
    m, t = recipe(a.recipe, backbone=a.backbone, weights=a.weights, tile_pixels=a.pixels, epochs=500,
                  max_minutes=a.minutes, seed=a.seed)
    out = os.path.join(CACHE, f"quality_{a.dataset}_{a.recipe}_{a.backbone}_{a.weights}.ctmodel")
    t0 = time.time()
    tr = make_trainer(m, t, sets["train"], sets["val"], out, legend)
    r = tr.run()
    wall = time.time() - t0
    net, _ = load_model(out)
    trained = score(net, sets["test"], legend)
    torch.manual_seed(a.seed)
    untrained = score(DescriptorNet(ModelConfig.from_dict(m.to_dict())).eval(), sets["test"], legend)
    base = best_rows(baseline_rows(sets["test"], legend, [BaselineSpec("thumbnail", "flat", 0)]))
    print(f"   train {len(sets['train'])} / validation {len(sets['val'])} / test {len(sets['test'])} tiles; "
          f"tiles: {footprint}")
    print(f"   {a.recipe}, {a.backbone} ({a.weights} weights), {a.pixels} px input, {len(r.history)} epochs "
          f"(best {r.best_epoch}), {wall / 60:.1f} min wall")
    print("   | descriptor | test map@5 | test recall@1 | test recall@5 |")
    print("   |---|---|---|---|")
    print(f"   | trained ({a.recipe}) | {trained['map@5']:.3f} | {trained['recall@1']:.3f} | {trained['recall@5']:.3f} |")
    print(f"   | same network untrained | {untrained['map@5']:.3f} | {untrained['recall@1']:.3f} | "
          f"{untrained['recall@5']:.3f} |")
    for b in sorted(base, key=lambda b: -b["map@5"])[:3]:
        print(f"   | thumbnail 16x16, {b['modality']} ({b['fusion']}, {b['normalisation']}, {b['distance']}) | "
              f"{b['map@5']:.3f} | {b['recall@1']:.3f} | {b['recall@5']:.3f} |")


if __name__ == "__main__":
    main()
