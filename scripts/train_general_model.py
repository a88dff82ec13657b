#!/usr/bin/env python3
"""Train the general model that ships with the plugin (``crosstime/models/``), and export it to ONNX.

Data: every real pair of ``--realpairs`` (80 % of the scenes train, 20 % choose the best epoch and check the
export) and the synthetic training landscape (made from a seed). Recipe: the CPU recipe (``infonce``: ImageNet
EfficientNet-Lite0, thumbnails), the epochs given, the best one on validation kept. The ONNX file is written in
half precision (weights stored as float16, computed in float32) when its validation map@5 is within 0.002 of the
float32 one, else in float32; either way it is refused above the plugin's size limit.

Prints the validation figures of the model, its untrained twin and Quick mode, the export's size and difference,
and writes ``<work>/general_summary.json`` (read by docs/model-card.md's figures). The leave-one-source-out table
of the same recipe is ``bench/bench_general_model.py``.

    .venv/bin/python scripts/train_general_model.py --epochs 5
"""
import argparse
import json
import os
import sys
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

GENERAL_RECIPE = "infonce"
GENERAL_PIXELS = 128
REALPAIRS = os.environ.get("CROSSTIME_REALPAIRS", os.path.join(ROOT, "..", "shared", "data", "realpairs"))
WORK = os.path.join(ROOT, "build", "general")
SHIPPED = os.path.join(ROOT, "crosstime", "models", "crosstime-general-v1.onnx")
HALF_SAME = 0.002
SIZE_LIMIT = 15 * 1024 * 1024           # the plugin zip carries the model only under this size
SYNTHETIC = {"size_m": 4000, "resolution": 1.5, "seed": 101, "tile_size": 200.0}


def realpairs_tiles(root: str, pixels: int, work: str = WORK):
    """Every tile of the real pairs under ``root`` (one tile store, cut once and cached in ``work``)."""
    from crosstime.core.samples.realpairs import build_realpairs_store
    from crosstime.core.tiles.selection import TileSet
    from crosstime.core.tiles.store import TileStore
    if not os.path.isdir(root):
        raise SystemExit(f"real pairs not found at {root} (set CROSSTIME_REALPAIRS)")
    os.makedirs(work, exist_ok=True)
    path = os.path.join(work, f"realpairs_{pixels}.ctstore")
    if not os.path.exists(path):
        build_realpairs_store(root, path, pixels)
    return TileSet([TileStore(path)])


def synthetic_tiles(pixels: int, work: str = WORK):
    """The synthetic training landscape (always the same seed) as a tile set."""
    from crosstime.core import jobs
    from crosstime.core.geo.legend import load_legend
    from crosstime.core.geo.vectors import read_vector_file
    from crosstime.core.samples.synthetic import SyntheticConfig, generate_landscape
    from crosstime.core.tiles.selection import TileSet
    from crosstime.core.tiles.store import TileStore
    folder = os.path.join(work, f"synthetic_{SYNTHETIC['seed']}")
    store = folder + f"_{pixels}.ctstore"
    if not os.path.exists(store):
        land = generate_landscape(folder, SyntheticConfig(size_m=SYNTHETIC["size_m"], resolution=SYNTHETIC["resolution"],
                                                          seed=SYNTHETIC["seed"]))
        jobs.build_tile_store(store, land.old_ortho, land.new_ortho, read_vector_file(land.old_vectors),
                              read_vector_file(land.new_vectors), load_legend("bdtopo_v3"),
                              tile_size=SYNTHETIC["tile_size"], pixels=pixels)
    return TileSet([TileStore(store)])


def with_synthetic(train, pixels: int, work: str = WORK):
    from crosstime.core.tiles.selection import TileSet
    extra = synthetic_tiles(pixels, work)
    return TileSet(train.stores + extra.stores, [*train.sel, *extra.sel])


def validation_map5(describe, tiles) -> float:
    """map@5 of new-date queries (``describe(tile numbers, date)``) against the old-date tiles, single tile."""
    from crosstime.core.metrics import evaluate_descriptors
    from crosstime.core.tiles.dates import NEW, OLD
    g = np.arange(len(tiles))
    return float(evaluate_descriptors(describe(g, NEW), describe(g, OLD))["map@5"])


def data_sources(root: str) -> list:
    """Each source of the real pairs with its scene count and licence terms (from its scenes.csv)."""
    import csv
    rows = {}
    with open(os.path.join(root, "scenes.csv"), newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            entry = rows.setdefault(r["source"], {"source": r["source"], "scenes": 0, "licence": set()})
            entry["scenes"] += 1
            entry["licence"].add(r["license"])
    return [{**e, "licence": "; ".join(sorted(e["licence"]))} for e in rows.values()]


def write_card(work: str, loso_json: str, model: str, realpairs: str) -> str:
    """The card beside the shipped model: its SHA-256, data, recipe, validation and leave-one-source-out figures."""
    import datetime

    from crosstime.core.atomic import atomic_write
    from crosstime.core.retrieval.general_model import GENERAL_CARD, sha256_of
    with open(os.path.join(work, "general_summary.json")) as f:
        summary = json.load(f)
    with open(loso_json) as f:
        loso = json.load(f)
    args = loso["args"]
    card = {
        "name": "CrossTime general model", "version": 1, "file": os.path.basename(model), "sha256": sha256_of(model),
        "fingerprint": summary["exports"]["fp32"]["fingerprint"],
        "bytes": os.path.getsize(model), "weights": {"fp16": "float16", "fp32": "float32"}[summary["shipped"]["precision"]],
        "recipe": summary["recipe"], "backbone": "efficientnet_lite0 (ImageNet)", "pixels": GENERAL_PIXELS,
        "epochs": summary["epochs"], "best_epoch": summary["best_epoch"], "training_minutes": summary["minutes"],
        "tiles": summary["tiles"],
        "data": data_sources(realpairs) + [{"source": "synthetic", "scenes": 1,
                                            "licence": "made by CrossTime (GPL-2.0-or-later)",
                                            "note": f"landscape of seed {SYNTHETIC['seed']}, {SYNTHETIC['size_m']} m"}],
        "validation_map@5": summary["validation_map@5"],
        "untrained_validation_map@5": summary["untrained_validation_map@5"],
        "leave_one_source_out": {
            "seeds": args["seeds"], "epochs": args["epochs"],
            "command": f"bench/bench_general_model.py --seeds {args['seeds']} --epochs {args['epochs']}",
            "sources": {src: {**{k: round(v["mean"], 4) for k, v in rows.items()},
                              **{k + " sd": round(v["sd"], 4) for k, v in rows.items()}}
                        for src, rows in loso["summary"].items()}},
        "created": datetime.date.today().isoformat(),
    }
    out = os.path.join(os.path.dirname(os.path.abspath(model)), GENERAL_CARD)
    text = json.dumps(card, indent=1, ensure_ascii=False) + "\n"
    atomic_write(out, lambda f: f.write(text.encode("utf-8")), ".json")
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--realpairs", default=REALPAIRS)
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--work", default=WORK, help="tile stores, the .ctmodel and both ONNX exports")
    ap.add_argument("--out", default=SHIPPED, help="the ONNX file that ships (default: in the plugin)")
    ap.add_argument("--card", default=None, metavar="LOSO_JSON",
                    help="only write the card beside --out, from the last training's summary and this "
                         "bench/bench_general_model.py --json file")
    a = ap.parse_args()
    if a.card:
        print(f"card: {write_card(a.work, a.card, a.out, a.realpairs)}")
        return
    from crosstime.core.evaluation.baselines import BaselineSpec, extract, normalise
    from crosstime.core.jobs.export import export_onnx
    from crosstime.core.retrieval.describer import describe_tiles
    from crosstime.core.retrieval.model_file import load_model
    from crosstime.core.retrieval.onnx_describer import OnnxDescriber
    from crosstime.core.tiles.dates import NEW, OLD
    from crosstime.core.train import make_trainer
    from crosstime.core.train.recipes import recipe
    tiles = realpairs_tiles(a.realpairs, GENERAL_PIXELS, a.work)
    train, val = tiles.split_by_scene([0.8, 0.2], a.seed)
    train = with_synthetic(train, GENERAL_PIXELS, a.work)
    legend = val.stores[0].legend()
    m, t = recipe(GENERAL_RECIPE, tile_pixels=GENERAL_PIXELS, seed=a.seed, epochs=a.epochs)
    model_path = os.path.join(a.work, "crosstime-general-v1.ctmodel")
    t0 = time.time()
    r = make_trainer(m, t, train, val, model_path, legend).run()
    minutes = (time.time() - t0) / 60
    net, _ = load_model(model_path)
    figures = {"trained": validation_map5(lambda g, d: describe_tiles(net, val, g, d, legend), val)}
    spec = BaselineSpec("thumbnail", "flat", 0)
    thumbs = {d: normalise(*[extract(spec, val, d, legend, "visual")] * 2, "tile")[0] for d in (NEW, OLD)}
    figures["Quick thumbnail"] = validation_map5(lambda g, d: thumbs[d][g], val)
    exports = {}
    for half in (False, True):
        path = os.path.join(a.work, f"general_{'fp16' if half else 'fp32'}.onnx")
        info = export_onnx(model_path, path, half=half)
        onnx_net = OnnxDescriber(path, legend)
        exports["fp16" if half else "fp32"] = {**info, "val_map@5": validation_map5(
            lambda g, d, described=onnx_net: described.describe(val, g, d), val)}
    # "the same": within 0.002 map@5 (one query in 500 moving one rank), either way
    half_same = abs(exports["fp16"]["val_map@5"] - exports["fp32"]["val_map@5"]) <= HALF_SAME
    chosen = exports["fp16" if half_same else "fp32"]
    if chosen["bytes"] > SIZE_LIMIT:
        raise SystemExit(f"{chosen['path']}: {chosen['bytes'] / 2**20:.1f} MiB, above the plugin's "
                         f"{SIZE_LIMIT / 2**20:.0f} MiB: ship it as a download instead")
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(chosen["path"], "rb") as src:
        data = src.read()
    from crosstime.core.atomic import atomic_write
    atomic_write(a.out, lambda f: f.write(data), ".onnx")
    summary = {"recipe": GENERAL_RECIPE, "epochs": a.epochs, "best_epoch": r.best_epoch, "minutes": minutes,
               "tiles": {"train": len(train), "validation": len(val)}, "validation_map@5": figures,
               "untrained_validation_map@5": next((h.get("val_map@5") for h in r.history if h["epoch"] == 0), None),
               "exports": exports, "shipped": {"path": os.path.relpath(a.out, ROOT), "precision":
                                               "fp16" if half_same else "fp32", "bytes": len(data)}}
    with open(os.path.join(a.work, "general_summary.json"), "w") as f:
        json.dump(summary, f, indent=1, default=str)
    print(f"trained {a.epochs} epochs in {minutes:.1f} min (best epoch {r.best_epoch}); validation map@5: "
          + ", ".join(f"{k} {v:.3f}" for k, v in figures.items())
          + f", untrained twin {summary['untrained_validation_map@5'] or float('nan'):.3f}")
    for k, e in exports.items():
        print(f"ONNX {k}: {e['bytes'] / 2**20:.2f} MiB, difference from PyTorch {e['max_difference']:.2g}, "
              f"validation map@5 {e['val_map@5']:.3f}")
    print(f"shipped: {a.out} ({summary['shipped']['precision']}, {len(data) / 2**20:.2f} MiB)")


if __name__ == "__main__":
    main()
