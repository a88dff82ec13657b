"""Benchmark: quality of a trained descriptor against the untrained baselines, on the synthetic default and on
a folder of real pairs (scenes split between train, validation and test, never a scene on two sides).

Per seed: a split (real pairs: by scene), a training run, then every row is scored once on the test tiles:
the trained model, the same network untrained, and the untrained baselines (thumbnail, EfficientNet-Lite0)
whose normalisation and distance are chosen on the validation tiles. The trained, untrained and thumbnail rows
come single-tile (the paper's protocol) and with 3x3 and 5x5 neighbourhoods, their aggregate (mean or trimmed)
chosen per seed on the validation tiles. Prints mean +- sd over the seeds, the
tile footprint, the training wall time and epochs.

    bench/bench_quality.py --dataset realpairs --recipe infonce --seeds 3 --minutes 15
    bench/bench_quality.py --table --seeds 3 --minutes 5  # docs/benchmarks.md table: both datasets, both recipes
"""
import argparse
import json
import os
import time

import numpy as np
from common import CACHE, ROOT, header

REALPAIRS = os.environ.get("CROSSTIME_REALPAIRS", os.path.join(ROOT, "..", "shared", "data", "realpairs"))
# real pairs with land cover per date, built outside the repository by scripts/public_pairs.py
SEMANTIC_PAIRS = os.environ.get("CROSSTIME_SEMANTIC_PAIRS", os.path.join(ROOT, "..", "publicpairs"))
PAIR_FOLDERS = {"realpairs": REALPAIRS, "semantic": SEMANTIC_PAIRS}
BASELINES = ("thumbnail", "efficientnet_lite0_max", "efficientnet_lite0_gem")


def synthetic_sets(pixels: int, seed: int, dense: bool = False):
    """Three landscapes (train, validation, test) made from seeds; the same for every training seed."""
    from crosstime.core import jobs
    from crosstime.core.geo.legend import load_legend
    from crosstime.core.geo.vectors import read_vector_file
    from crosstime.core.samples.synthetic import SyntheticConfig, generate_landscape
    from crosstime.core.tiles.selection import TileSet
    from crosstime.core.tiles.store import TileStore
    sets = {}
    for role, size, land_seed in (("train", 4000, 101), ("val", 2400, 102), ("test", 4000, 103)):
        folder = os.path.join(CACHE, f"quality_{role}_{land_seed}")
        stride = 100.0 if (dense and role == "train") else 0.0
        store = folder + f"_{pixels}{'_dense' if stride else ''}.ctstore"
        if not os.path.exists(store):
            land = generate_landscape(folder, SyntheticConfig(size_m=size, resolution=1.5, seed=land_seed))
            jobs.build_tile_store(store, land.old_ortho, land.new_ortho, read_vector_file(land.old_vectors),
                                  read_vector_file(land.new_vectors), load_legend("bdtopo_v3"), tile_size=200.0,
                                  pixels=pixels,
                                  stride=stride)
        sets[role] = TileSet([TileStore(store)])
    return sets


def realpairs_sets(pixels: int, seed: int, dense: bool = False, dataset: str = "realpairs"):
    """One tile store of every pair, split by scene (60/20/20 % of the tiles) with ``seed``."""
    from crosstime.core.samples.realpairs import build_realpairs_store
    from crosstime.core.tiles.selection import TileSet
    from crosstime.core.tiles.store import TileStore
    root = PAIR_FOLDERS[dataset]
    if not os.path.isdir(root):
        raise SystemExit(f"{dataset} pairs not found at {root} (set CROSSTIME_REALPAIRS or CROSSTIME_SEMANTIC_PAIRS; "
                         "scripts/public_pairs.py builds the semantic ones)")
    path = os.path.join(CACHE, f"{dataset}_{pixels}.ctstore")
    if not os.path.exists(path):
        build_realpairs_store(root, path, pixels)
    parts = TileSet([TileStore(path)]).split_by_scene([0.6, 0.2, 0.2], seed)
    sets = dict(zip(("train", "val", "test"), parts))
    if dense:
        # the same training scenes cut every half tile: four times the pairs, never a validation or test scene
        train_scenes = sorted(set(sets["train"].scene_keys()))
        dense_path = os.path.join(CACHE, f"{dataset}_{pixels}_dense_seed{seed}.ctstore")
        if not os.path.exists(dense_path):
            build_realpairs_store(root, dense_path, pixels, pixels // 2, scenes=train_scenes)
        sets["train"] = TileSet([TileStore(dense_path)])
    return sets


def mixed_with_synthetic(sets: dict, pixels: int):
    """The training tiles plus the synthetic training landscape (the categories' codes are shared by all legends)."""
    from crosstime.core.tiles.selection import TileSet
    synthetic = synthetic_sets(pixels, 0)["train"]
    return TileSet(sets["train"].stores + synthetic.stores, [*sets["train"].sel, *synthetic.sel])


def scored_rows(name: str, sim, tiles, chosen) -> dict:
    """The single-tile row and the neighbourhood rows of one similarity matrix (queries x database, same tiles)."""
    from crosstime.core import metrics
    from crosstime.core.evaluation.neighbourhood_rows import neighbourhood_ranks, tile_lattice
    from crosstime.core.retrieval.neighbourhood import Neighbourhood
    lattice = tile_lattice(tiles)
    rows = {name: metrics.summary(neighbourhood_ranks(sim, lattice, Neighbourhood(1)))}
    for size in (3, 5):
        nb = Neighbourhood(size, chosen)
        rows[f"{name}, {size}x{size} neighbourhood"] = {**metrics.summary(neighbourhood_ranks(sim, lattice, nb)),
                                                        "setting": chosen}
    return rows


def choose_aggregate(sim, tiles) -> str:
    """The neighbourhood aggregate (mean or trimmed) that scores best at 3x3 on validation tiles."""
    from crosstime.core import metrics
    from crosstime.core.evaluation.neighbourhood_rows import neighbourhood_ranks, tile_lattice
    from crosstime.core.retrieval.neighbourhood import AGGREGATES, Neighbourhood
    lattice = tile_lattice(tiles)
    return max(AGGREGATES, key=lambda agg: metrics.map_at_n(neighbourhood_ranks(sim, lattice, Neighbourhood(3, agg))))


def net_similarity(net, tiles, legend):
    from crosstime.core.retrieval.describer import describe_tiles
    from crosstime.core.similarity import cosine_similarity
    from crosstime.core.tiles.dates import NEW, OLD
    g = np.arange(len(tiles))
    return cosine_similarity(describe_tiles(net, tiles, g, NEW, legend), describe_tiles(net, tiles, g, OLD, legend))


def thumbnail_similarity(tiles, legend):
    from crosstime.core.evaluation.baselines import BaselineSpec, extract, normalise
    from crosstime.core.similarity import cosine_similarity
    from crosstime.core.tiles.dates import NEW, OLD
    spec = BaselineSpec("thumbnail", "flat", 0)
    return cosine_similarity(*normalise(extract(spec, tiles, NEW, legend, "visual"),
                                        extract(spec, tiles, OLD, legend, "visual"), "tile"))


def score(name: str, net, sets: dict, legend) -> dict:
    """``net`` on the test tiles, single-tile and with neighbourhoods (their aggregate chosen on validation)."""
    return scored_rows(name, net_similarity(net, sets["test"], legend), sets["test"],
                       choose_aggregate(net_similarity(net, sets["val"], legend), sets["val"]))


def one_seed(a, seed: int) -> dict:
    """Every row of one seed, scored on its test tiles."""
    import torch

    from crosstime.core.evaluation.baselines import baseline_rows, baseline_spec
    from crosstime.core.nn.descriptor import DescriptorNet
    from crosstime.core.nn.model_config import ModelConfig
    from crosstime.core.retrieval.model_file import load_model
    from crosstime.core.train import make_trainer
    from crosstime.core.train.map_thumbnail import fit_map_thumbnail
    from crosstime.core.train.recipes import recipe
    sets = synthetic_sets(a.pixels, seed, a.dense) if a.dataset == "synthetic" else \
        realpairs_sets(a.pixels, seed, a.dense, a.dataset)
    train = mixed_with_synthetic(sets, a.pixels) if a.mix_synthetic else sets["train"]
    legend = sets["test"].stores[0].legend()
    overrides = {k: v for k, v in {"backbone": a.backbone, "weights": a.weights, "lr": a.lr, "modality": a.modality,
                                   "thumbnail": a.thumbnail or None, "flip_average": a.flip_average or None,
                                   "thumbnail_semantic": a.thumbnail_semantic,
                                   "map_thumbnail_scaling": a.map_thumbnail_scaling,
                                   "learnt_part_loss": a.learnt_part_loss, "learn_mix": a.learn_mix,
                                   "same_scene_fraction": a.same_scene_fraction,
                                   "epochs": a.epochs or 1000, "max_minutes": None if a.epochs else a.minutes,
                                   "early_stop": a.early_stop or None, "pair_distance": a.pair_distance,
                                   "pair_sampling": a.pair_sampling}.items() if v is not None}
    m, t = recipe(a.recipe, tile_pixels=a.pixels, seed=seed, **overrides)
    rows, r, wall, curve = {}, None, 0.0, ""
    if not a.baselines_only:
        out = os.path.join(CACHE, f"quality_{a.dataset}_{a.recipe}{'_' + a.modality if a.modality else ''}"
                                  f"_seed{seed}.ctmodel")
        t0 = time.time()
        r = make_trainer(m, t, train, sets["val"], out, legend).run()
        wall = time.time() - t0
        from crosstime.core.evaluation.report import plot_history
        curve = plot_history(r.history, out.replace(".ctmodel", "_training.png"), f"{a.recipe} on {a.dataset}, seed {seed}")
        net, _ = load_model(out)
        rows.update(score(f"trained ({a.recipe})", net, sets, legend))
    torch.manual_seed(seed)
    untrained = DescriptorNet(ModelConfig.from_dict(m.to_dict())).eval()
    fit_map_thumbnail(untrained, train, legend, seed=seed)     # as the trainer does before its first step
    rows.update(score("same network untrained", untrained, sets, legend))
    rows.update(scored_rows("thumbnail 16x16 (Quick mode; per-tile standardised, cosine)",
                            thumbnail_similarity(sets["test"], legend), sets["test"],
                            choose_aggregate(thumbnail_similarity(sets["val"], legend), sets["val"])))
    specs = [] if a.no_baselines else [baseline_spec(k) for k in a.baselines]
    base, _ = baseline_rows(sets["test"], legend, specs, validation=sets["val"]) if specs else ([], [])
    for b in base:
        if b["map@5"] is None:
            continue
        key = f"{b['descriptor']}, {b['modality']}" + (f" ({b['fusion']})" if b["fusion"] != "none" else "")
        rows[key] = {"map@5": b["map@5"], "recall@1": b["recall@1"], "recall@5": b["recall@5"],
                     "setting": f"{b['normalisation']}, {b['distance']}"}
    history = r.history if r is not None else []
    start = next((h.get("val_map@5") for h in history if h["epoch"] == 0), None)
    return {"rows": rows, "wall_min": wall / 60, "epochs": len([h for h in history if h["epoch"] > 0]),
            "best_epoch": r.best_epoch if r else 0, "val_best": ((r.best_val if r else None) or {}).get("map@5"),
            "val_untrained": start, "tiles": {k: len(v) for k, v in {**sets, "train": train}.items()}, "curve": curve,
            "losses": [round(h["loss"], 4) for h in history if h["epoch"] > 0],
            "footprint": sets["test"].footprint_text()}


def report(a, runs) -> dict:
    names = list(runs[0]["rows"])
    summary = {}
    print(f"   tiles: train {runs[0]['tiles']['train']} / validation {runs[0]['tiles']['val']} / test "
          f"{runs[0]['tiles']['test']} (seed {a.seed0}); test tiles cover {runs[0]['footprint']}")
    print(f"   {a.recipe}, {a.backbone or 'recipe backbone'} ({a.weights or 'recipe weights'}), {a.pixels} px; per seed: "
          + "; ".join(f"{r['epochs']} epochs in {r['wall_min']:.1f} min (best {r['best_epoch']}, validation "
                      f"{r['val_untrained'] if r['val_untrained'] is not None else float('nan'):.3f} -> "
                      f"{r['val_best'] if r['val_best'] is not None else float('nan'):.3f})" for r in runs))
    if runs[0]["curve"]:
        print(f"   training loss per epoch (seed {a.seed0}): {runs[0]['losses']}; curves: "
              + ", ".join(r["curve"] for r in runs))
    print(f"   | row (test tiles, {len(runs)} seed(s)) | map@5 mean +- sd | recall@1 | recall@5 |")
    print("   |---|---|---|---|")
    for n in names:
        vals = np.array([r["rows"][n]["map@5"] for r in runs if n in r["rows"]])
        r1 = np.mean([r["rows"][n]["recall@1"] for r in runs if n in r["rows"]])
        r5 = np.mean([r["rows"][n]["recall@5"] for r in runs if n in r["rows"]])
        setting = ", ".join(sorted({r["rows"][n]["setting"] for r in runs if "setting" in r["rows"].get(n, {})}))
        label = n + (f" [{setting} chosen on validation]" if setting else "")
        print(f"   | {label} | {vals.mean():.3f} +- {vals.std():.3f} | {r1:.3f} | {r5:.3f} |")
        summary[n] = {"map@5_mean": float(vals.mean()), "map@5_sd": float(vals.std()), "recall@1": float(r1),
                      "recall@5": float(r5)}
    trained = [n for n in names if n.startswith("trained") and "neighbourhood" not in n]
    if not trained:
        return {"summary": summary, "runs": runs}
    trained = trained[0]
    best_untrained = max((n for n in names if not n.startswith("trained") and "neighbourhood" not in n),
                         key=lambda n: summary[n]["map@5_mean"])
    verdict = "above" if summary[trained]["map@5_mean"] > summary[best_untrained]["map@5_mean"] else "NOT above"
    print(f"   trained mean {summary[trained]['map@5_mean']:.3f} is {verdict} the best untrained row "
          f"({best_untrained}: {summary[best_untrained]['map@5_mean']:.3f})")
    return {"summary": summary, "runs": runs}


def flags_given(ap: argparse.ArgumentParser, a: argparse.Namespace, keys) -> str:
    """The options among ``keys`` that differ from their defaults, as they are typed (for the rerun line)."""
    out = []
    for k in keys:
        v = getattr(a, k)
        if v == ap.get_default(k):
            continue
        flag = "--" + k.replace("_", "-")
        if isinstance(v, bool):     # a store-true flag given, or a --[no-] flag either way
            out.append(flag if v else "--no-" + flag[2:])
        else:
            out.append(" ".join([flag, *map(str, v if isinstance(v, list) else [v])]))
    return " ".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dataset", default="synthetic", choices=["synthetic", "realpairs", "semantic"],
                    help="semantic: real pairs with land cover per date (scripts/public_pairs.py)")
    ap.add_argument("--modality", default=None, choices=["fusion", "visual", "semantic"],
                    help="what the network sees (default: the recipe's, fusion)")
    ap.add_argument("--recipe", default="infonce", choices=["siamese", "infonce", "ntxent"])
    ap.add_argument("--backbone", default=None, help="default: the recipe's")
    ap.add_argument("--weights", default=None, help="default: the recipe's")
    ap.add_argument("--lr", type=float, default=None)
    ap.add_argument("--pixels", type=int, default=128)
    ap.add_argument("--minutes", type=float, default=5.0, help="training budget per seed (wall clock)")
    ap.add_argument("--epochs", type=int, default=0, help="a fixed number of epochs instead of a time budget")
    ap.add_argument("--early-stop", type=int, default=0)
    from crosstime.core.choices import PAIR_DISTANCES, PAIR_SAMPLINGS
    ap.add_argument("--pair-distance", default=None, choices=list(PAIR_DISTANCES),
                    help="siamese recipe: the classifier's distance (default: unit)")
    ap.add_argument("--pair-sampling", default=None, choices=list(PAIR_SAMPLINGS),
                    help="siamese recipe: which pairs of a batch the BCE scores (default: batch)")
    ap.add_argument("--seeds", type=int, default=1)
    ap.add_argument("--seed0", type=int, default=0)
    ap.add_argument("--thumbnail", type=int, default=0, help="joint descriptor with a CELLSxCELLS thumbnail")
    ap.add_argument("--thumbnail-semantic", action=argparse.BooleanOptionalAction, default=None,
                    help="with fusion, a thumbnail of the rasterized map too (its own standardised part; default: the "
                         "recipe's)")
    from crosstime.core.choices import MAP_THUMBNAIL_SCALINGS
    ap.add_argument("--map-thumbnail-scaling", default=None, choices=list(MAP_THUMBNAIL_SCALINGS),
                    help="how the map's thumbnail is scaled (default: the recipe's)")
    ap.add_argument("--learnt-part-loss", type=float, default=None,
                    help="InfoNCE: weight of a second loss on the learnt part alone (default: the recipe's)")
    ap.add_argument("--same-scene-fraction", type=float, default=None,
                    help="contrastive recipes: share of each batch from one scene (default: the recipe's)")
    ap.add_argument("--learn-mix", action=argparse.BooleanOptionalAction, default=None,
                    help="train the joint descriptor's mixing angle (default: the recipe's)")
    ap.add_argument("--flip-average", action="store_true", help="test-time mirror averaging")
    ap.add_argument("--dense", action="store_true", help="training tiles every half tile")
    ap.add_argument("--mix-synthetic", action="store_true", help="add the synthetic training landscape")
    ap.add_argument("--table", action="store_true", help="both datasets and both recipes (the table of docs/benchmarks.md)")
    ap.add_argument("--no-baselines", action="store_true", help="skip the baseline rows (lever screening)")
    ap.add_argument("--baselines-only", action="store_true", help="no training: the untrained rows only")
    ap.add_argument("--baselines", nargs="*", default=list(BASELINES), help=f"default: {' '.join(BASELINES)}")
    ap.add_argument("--json", default=None, help="also write the results here")
    a = ap.parse_args()
    levers = flags_given(ap, a, ("modality", "backbone", "weights", "lr", "thumbnail", "thumbnail_semantic",
                                 "map_thumbnail_scaling", "learnt_part_loss", "same_scene_fraction", "learn_mix",
                                 "flip_average", "dense",
                                 "mix_synthetic", "epochs",
                                 "early_stop", "pair_distance", "pair_sampling", "no_baselines", "baselines_only",
                                 "baselines"))
    plan = [(d, r) for d in ("synthetic", "realpairs") for r in ("infonce", "siamese")] if a.table else \
        [(a.dataset, a.recipe)]
    results = {}
    for dataset, rec in plan:
        a.dataset, a.recipe = dataset, rec
        header(f"descriptor quality on {dataset}, recipe {rec}",
               f"bench/bench_quality.py --dataset {dataset} --recipe {rec} --seeds {a.seeds} --minutes {a.minutes:g}"
               + (f" {levers}" if levers else ""))
        runs = [one_seed(a, a.seed0 + s) for s in range(a.seeds)]
        results[f"{dataset}/{rec}"] = report(a, runs)
    if a.json:
        with open(a.json, "w") as f:
            json.dump(results, f, indent=1, default=float)


if __name__ == "__main__":
    main()
