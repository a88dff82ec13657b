"""Benchmark: does the map help on real pairs that carry one per date? Fusion against image alone (the paper's
Table 3 question) on a real source kept out of training.

The held-out source's scenes (default: xBD Joplin, building polygons per date) are the test tiles; training uses
every other real-pairs source plus the synthetic training landscape (the only maps the trainer sees), validation the
synthetic validation landscape. Per seed, the CPU recipe is trained twice with the same tiles, epochs and seed: once
seeing image and map (fusion), once the image alone (visual). Rows, on the held-out tiles, single-tile and 3x3:
both trained models, the same networks untrained, and the untrained thumbnails (image alone; image and map merged
late). Prints mean +- sd over the seeds.

    bench/bench_semantic_pairs.py --seeds 3 --epochs 5
    bench/bench_semantic_pairs.py --root ../publicpairs --holdout second   # pairs from scripts/public_pairs.py
"""
import argparse
import os
import time

import numpy as np
from bench_quality import REALPAIRS, scored_rows, synthetic_sets, thumbnail_similarity
from common import CACHE, header


def stores(root: str, holdout: str, pixels: int):
    """(training tiles of every other source, the held-out source's tiles), cut once."""
    from crosstime.core.samples.realpairs import build_realpairs_store, find_scenes
    from crosstime.core.tiles.selection import TileSet
    from crosstime.core.tiles.store import TileStore
    sources = sorted({s.source for s in find_scenes(root)})
    if holdout not in sources:
        raise SystemExit(f"no source {holdout} under {root} (sources: {', '.join(sources)})")
    paths = {}
    for name, chosen in (("train", [s for s in sources if s != holdout]), ("test", [holdout])):
        paths[name] = os.path.join(CACHE, f"semantic_{os.path.basename(os.path.abspath(root))}_{holdout}_{name}_"
                                          f"{pixels}.ctstore")
        if not os.path.exists(paths[name]):
            build_realpairs_store(root, paths[name], pixels, sources=chosen)
    return TileSet([TileStore(paths["train"])]), TileSet([TileStore(paths["test"])])


def net_similarity(net, tiles, legend):
    from crosstime.core.retrieval.describer import describe_tiles
    from crosstime.core.similarity import cosine_similarity
    from crosstime.core.tiles.dates import NEW, OLD
    g = np.arange(len(tiles))
    return cosine_similarity(describe_tiles(net, tiles, g, NEW, legend), describe_tiles(net, tiles, g, OLD, legend))


def map_thumbnail_similarity(tiles, legend):
    """The untrained thumbnails of image and map, their answer lists merged (the evaluation's late fusion)."""
    from crosstime.core.evaluation.baselines import BaselineSpec, extract, late_fusion, normalise
    from crosstime.core.similarity import cosine_similarity
    from crosstime.core.tiles.dates import NEW, OLD
    spec = BaselineSpec("thumbnail", "flat", 0)
    sims = [cosine_similarity(*normalise(extract(spec, tiles, NEW, legend, mod), extract(spec, tiles, OLD, legend, mod),
                                         "tile")) for mod in ("visual", "semantic")]
    return late_fusion(sims)


def one_seed(a, seed: int, train, val, test) -> dict:
    import torch

    from crosstime.core.nn.descriptor import DescriptorNet
    from crosstime.core.nn.model_config import ModelConfig
    from crosstime.core.retrieval.model_file import load_model
    from crosstime.core.train import make_trainer
    from crosstime.core.train.map_thumbnail import fit_map_thumbnail
    from crosstime.core.train.recipes import recipe
    legend = test.stores[0].legend()
    rows, walls = {}, {}
    for modality in ("fusion", "visual"):
        m, t = recipe("infonce", tile_pixels=a.pixels, seed=seed, modality=modality, epochs=a.epochs)
        out = os.path.join(CACHE, f"semantic_{a.holdout}_{modality}_seed{seed}.ctmodel")
        t0 = time.time()
        make_trainer(m, t, train, val, out, legend).run()
        walls[modality] = (time.time() - t0) / 60
        net, _ = load_model(out)
        rows.update(scored_rows(f"trained, {modality}", net_similarity(net, test, legend), test, "trimmed"))
        torch.manual_seed(seed)
        untrained = DescriptorNet(ModelConfig.from_dict(m.to_dict())).eval()
        fit_map_thumbnail(untrained, train, legend, seed=seed)
        rows.update(scored_rows(f"same network untrained, {modality}", net_similarity(untrained, test, legend), test,
                                "trimmed"))
    rows.update(scored_rows("thumbnail 16x16, image alone (Quick mode)", thumbnail_similarity(test, legend), test,
                            "trimmed"))
    rows.update(scored_rows("thumbnails 16x16 of image and map, answer lists merged",
                            map_thumbnail_similarity(test, legend), test, "trimmed"))
    return {"rows": rows, "walls": walls}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--root", default=REALPAIRS, help="folder of real pairs (realpairs layout)")
    ap.add_argument("--holdout", default="xbd_joplin", help="the source kept out of training and scored")
    ap.add_argument("--pixels", type=int, default=128)
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--seeds", type=int, default=3)
    a = ap.parse_args()
    header(f"fusion against image alone on real pairs with a map per date ({a.holdout} held out)",
           f"bench/bench_semantic_pairs.py --root {a.root} --holdout {a.holdout} --seeds {a.seeds} --epochs {a.epochs}")
    from crosstime.core.tiles.dates import NEW, OLD
    from crosstime.core.tiles.selection import TileSet
    real, test = stores(a.root, a.holdout, a.pixels)
    synthetic = synthetic_sets(a.pixels, 0)
    train = TileSet(real.stores + synthetic["train"].stores, [*real.sel, *synthetic["train"].sel])
    print(f"   tiles: train {len(train)} ({len(real)} real of the other sources + {len(synthetic['train'])} synthetic), "
          f"validation {len(synthetic['val'])} synthetic, test {len(test)} of {a.holdout} "
          f"({'maps on both dates' if all(s.has_map(d) for s in test.stores for d in (OLD, NEW)) else 'NOT mapped'})")
    runs = [one_seed(a, seed, train, synthetic["val"], test) for seed in range(a.seeds)]
    print("   training minutes per seed: " + "; ".join(
        ", ".join(f"{k} {v:.1f}" for k, v in r["walls"].items()) for r in runs))
    print(f"   | row ({a.holdout}, {len(runs)} seed(s)) | map@5 mean +- sd | recall@1 |")
    print("   |---|---|---|")
    for name in runs[0]["rows"]:
        if "5x5" in name:
            continue
        vals = np.array([r["rows"][name]["map@5"] for r in runs])
        r1 = np.mean([r["rows"][name]["recall@1"] for r in runs])
        print(f"   | {name} | {vals.mean():.3f} +- {vals.std():.3f} | {r1:.3f} |")


if __name__ == "__main__":
    main()
