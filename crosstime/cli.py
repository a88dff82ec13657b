"""Command line: ``python -m crosstime <command> ...`` (no QGIS needed), with progress bars.

Commands: synth, build-tiles, realpairs, train, index, merge-index, match, evaluate, demo.
Multi-GPU training: ``torchrun --nproc-per-node N -m crosstime train ...``.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from typing import List, Optional

from .core.errors import CrossTimeError
from .core.tiles.dates import NEW, OLD

DATE_OF = {"old": OLD, "new": NEW}


def _progress(desc: str):
    from .core.progress import TerminalProgress
    return TerminalProgress(desc)


def cmd_synth(a) -> None:
    from .core.samples.synthetic import SyntheticConfig, generate_landscape
    land = generate_landscape(a.out, SyntheticConfig(size_m=a.size, resolution=a.resolution, seed=a.seed,
                                                     old_grey=a.old_grey))
    print(json.dumps({"old_ortho": land.old_ortho, "new_ortho": land.new_ortho, "old_vectors": land.old_vectors,
                      "new_vectors": land.new_vectors, "changes": land.changes}, indent=1))


def cmd_build_tiles(a) -> None:
    from .core import jobs
    from .core.geo.legend import load_legend
    p = _progress("tiles")
    store, summary = jobs.build_tile_store(a.out, a.old_ortho, a.new_ortho, jobs.read_vector_files(a.old_vectors),
                                           jobs.read_vector_files(a.new_vectors), load_legend(a.legend), a.tile_size,
                                           a.pixels, a.crs, a.stride, tuple(a.extent) if a.extent else None, p)
    p.close()
    print(summary["grid"].summary())
    for w in summary["old_mapping"].warnings():
        print("warning (old date):", w)
    for w in summary["new_mapping"].warnings():
        print("warning (new date):", w)
    print(store.summary())


def cmd_realpairs(a) -> None:
    from .core.samples.realpairs import build_realpairs_store
    p = _progress("tiles")
    store = build_realpairs_store(a.root, a.out, a.tile_px, a.stride_px, a.sources, progress=p)
    p.close()
    print(store.summary())


def cmd_train(a) -> None:
    from .core import jobs
    overrides = {k: v for k, v in {
        "backbone": a.backbone, "weights": a.weights, "dim": a.dim, "semantic_mode": a.semantic,
        "modality": a.modality, "head": a.head, "epochs": a.epochs, "batch_pairs": a.batch, "lr": a.lr,
        "lr_backbone": a.lr_backbone, "hard_every": a.hard_every, "seed": a.seed, "device": a.device,
        "bf16": a.bf16 or None, "max_minutes": a.max_minutes, "early_stop": a.early_stop,
        "batches_per_epoch": a.batches_per_epoch, "augment": a.augment, "temperature": a.temperature,
        "tile_pixels": a.tile_pixels}.items() if v is not None}
    p = _progress("training")
    r = jobs.train_descriptor(a.stores, a.out, a.val or [], a.recipe, a.checkpoints, a.log, a.plot, a.val_fraction,
                              p, **overrides)
    p.close()
    best = r.best_val or {}
    print(f"model: {r.model_path}; best validation map@5 {best.get('map@5', float('nan')):.3f} at epoch "
          f"{r.best_epoch}; {r.stopped} after {r.wall_s / 60:.1f} min")


def cmd_index(a) -> None:
    from .core import jobs
    from .core.geo.legend import load_legend
    from .core.retrieval.index import parse_shard
    shard = parse_shard(a.shard) if a.shard else (0, 1)
    p = _progress("describe")
    if a.store:
        idx = jobs.build_index_from_store(a.store, a.out, a.model, DATE_OF[a.date], shard, a.device, p)
    else:
        if not (a.old_ortho and a.new_ortho):
            raise CrossTimeError("give --store, or --old-ortho and --new-ortho")
        idx, _grid, warnings = jobs.build_index_from_layers(
            a.out, a.old_ortho, a.new_ortho, jobs.read_vector_files(a.old_vectors), load_legend(a.legend),
            a.tile_size, a.pixels, a.model, a.crs, shard=shard, device=a.device, progress=p)
        for w in warnings:
            print("warning (old date):", w)
    p.close()
    print(f"{len(idx)} tiles indexed into {a.out} ({idx.meta.get('describer', '')})")


def cmd_merge_index(a) -> None:
    from .core import jobs
    m = jobs.merge_index_shards(a.parts, a.out)
    print(f"{len(m)} tiles merged into {a.out}")


def cmd_match(a) -> None:
    from .core import jobs
    from .core.geo.legend import load_legend
    p = _progress("match")
    bm, warnings = jobs.match_all_tiles(a.index, a.model, load_legend(a.legend), a.new_ortho,
                                        jobs.read_vector_files(a.new_vectors), a.k, a.out, a.device, p)
    p.close()
    for w in warnings:
        print("warning (new date):", w)
    s = bm.summary()
    print(f"{len(bm.query_ids)} tiles matched into {a.out}" +
          (f"; against the same-id truth map@5 {s['map@5']:.3f}, recall@1 {s['recall@1']:.3f}" if s else ""))


def cmd_evaluate(a) -> None:
    from .core import choices, jobs
    p = _progress("evaluate")
    baselines = list(choices.LIGHT_BASELINES) + (list(choices.PAPER_BASELINES) if a.paper_baselines else [])
    ev = jobs.evaluate_stores(a.stores, a.out, a.models or [], baselines, a.semantic, a.name or a.stores[0], a.device,
                              progress=p)
    p.close()
    print("\n".join(ev.headline()))
    print(f"tables and figure in {a.out}")


def cmd_demo(a) -> None:
    from .core.samples.demo import run_demo
    run_demo(a.out, minutes=a.minutes, seed=a.seed, quick=a.quick, project_writer=_demo_project_writer())


def _demo_project_writer():
    """The demo's QGIS project is written with PyQGIS when it is installed; without it, the rest still runs."""
    try:
        from .adapters.project import write_demo_project_standalone
    except ImportError:
        print("PyQGIS not found: no QGIS project will be written (the GeoPackage and report will be there)")
        return None
    return write_demo_project_standalone


def build_parser() -> argparse.ArgumentParser:
    from .core import choices
    legend_help = f"{', '.join(choices.LEGEND_PRESETS)} or a JSON mapping file"
    ap = argparse.ArgumentParser(prog="crosstime", description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)

    s = sub.add_parser("synth", help="generate a synthetic two-date landscape")
    s.add_argument("out")
    s.add_argument("--size", type=float, default=2000.0, help="side in metres")
    s.add_argument("--resolution", type=float, default=1.0, help="metres per pixel")
    s.add_argument("--seed", type=int, default=0)
    s.add_argument("--old-grey", action="store_true", help="old ortho in grey levels")
    s.set_defaults(fn=cmd_synth)

    s = sub.add_parser("build-tiles", help="cut two orthos and their vectors into a tile store")
    s.add_argument("--old-ortho", required=True)
    s.add_argument("--new-ortho", required=True)
    s.add_argument("--old-vectors", nargs="*", default=[])
    s.add_argument("--new-vectors", nargs="*", default=[])
    s.add_argument("--legend", default=choices.DEFAULT_LEGEND, help=legend_help)
    s.add_argument("--tile-size", type=float, default=1000.0)
    s.add_argument("--pixels", type=int, default=256)
    s.add_argument("--stride", type=float, default=0.0)
    s.add_argument("--crs", default=None)
    s.add_argument("--extent", type=float, nargs=4, default=None, metavar=("XMIN", "YMIN", "XMAX", "YMAX"))
    s.add_argument("--out", required=True)
    s.set_defaults(fn=cmd_build_tiles)

    s = sub.add_parser("realpairs", help="cut a folder of real image pairs into a tile store")
    s.add_argument("root")
    s.add_argument("--out", required=True)
    s.add_argument("--tile-px", type=int, default=128)
    s.add_argument("--stride-px", type=int, default=None)
    s.add_argument("--sources", nargs="*", default=None)
    s.set_defaults(fn=cmd_realpairs)

    s = sub.add_parser("train", help="train a descriptor on tile stores")
    s.add_argument("stores", nargs="+")
    s.add_argument("--val", nargs="*", default=None)
    s.add_argument("--val-fraction", type=float, default=0.2)
    s.add_argument("--out", required=True)
    s.add_argument("--recipe", default=choices.DEFAULT_RECIPE, choices=list(choices.RECIPES))
    s.add_argument("--backbone", default=None)
    s.add_argument("--weights", default=None, help="imagenet, none or a weights file")
    s.add_argument("--dim", type=int, default=None)
    s.add_argument("--semantic", default=None, choices=list(choices.SEMANTIC_MODES))
    s.add_argument("--modality", default=None, choices=list(choices.MODALITIES))
    s.add_argument("--head", default=None, choices=list(choices.HEADS))
    s.add_argument("--tile-pixels", type=int, default=None)
    s.add_argument("--epochs", type=int, default=None)
    s.add_argument("--batch", type=int, default=None)
    s.add_argument("--lr", type=float, default=None)
    s.add_argument("--lr-backbone", type=float, default=None)
    s.add_argument("--hard-every", type=int, default=None)
    s.add_argument("--augment", default=None, choices=list(choices.AUGMENTATIONS))
    s.add_argument("--temperature", type=float, default=None)
    s.add_argument("--batches-per-epoch", type=int, default=None)
    s.add_argument("--early-stop", type=int, default=None)
    s.add_argument("--max-minutes", type=float, default=None)
    s.add_argument("--seed", type=int, default=None)
    s.add_argument("--device", default=None)
    s.add_argument("--bf16", action="store_true")
    s.add_argument("--checkpoints", default=None, help="folder for per-epoch checkpoints (resumes from it)")
    s.add_argument("--log", default=None, help="CSV training log")
    s.add_argument("--plot", default=None, help="PNG of loss and map@5 per epoch")
    s.set_defaults(fn=cmd_train)

    s = sub.add_parser("index", help="describe old-date tiles into an index file")
    s.add_argument("--model", default=None, help="model file (omit for the untrained baseline)")
    s.add_argument("--store", default=None)
    s.add_argument("--date", default="old", choices=list(DATE_OF), help="which date of the store to index")
    s.add_argument("--old-ortho", default=None)
    s.add_argument("--new-ortho", default=None)
    s.add_argument("--old-vectors", nargs="*", default=[])
    s.add_argument("--legend", default=choices.DEFAULT_LEGEND, help=legend_help)
    s.add_argument("--tile-size", type=float, default=1000.0)
    s.add_argument("--pixels", type=int, default=256)
    s.add_argument("--crs", default=None)
    s.add_argument("--shard", default=None, help="i/n: describe only the i-th of n parts")
    s.add_argument("--device", default="auto")
    s.add_argument("--out", required=True)
    s.set_defaults(fn=cmd_index)

    s = sub.add_parser("merge-index", help="merge index shards")
    s.add_argument("parts", nargs="+")
    s.add_argument("--out", required=True)
    s.set_defaults(fn=cmd_merge_index)

    s = sub.add_parser("match", help="match every new-date tile against an index into a GeoPackage")
    s.add_argument("--index", required=True)
    s.add_argument("--model", default=None)
    s.add_argument("--new-ortho", required=True)
    s.add_argument("--new-vectors", nargs="*", default=[])
    s.add_argument("--legend", default=choices.DEFAULT_LEGEND, help=legend_help)
    s.add_argument("--k", type=int, default=5)
    s.add_argument("--device", default="auto")
    s.add_argument("--out", required=True)
    s.set_defaults(fn=cmd_match)

    s = sub.add_parser("evaluate", help="score models and baselines on tile stores")
    s.add_argument("stores", nargs="+")
    s.add_argument("--models", nargs="*", default=[])
    s.add_argument("--paper-baselines", action="store_true", help="also ResNet50 at 512 px and GeM at 1024 px")
    s.add_argument("--semantic", default="rgb", choices=list(choices.SEMANTIC_MODES))
    s.add_argument("--name", default=None)
    s.add_argument("--device", default="cpu")
    s.add_argument("--out", required=True)
    s.set_defaults(fn=cmd_evaluate)

    s = sub.add_parser("demo", help="the whole pipeline on the embedded synthetic landscape")
    s.add_argument("--out", default="build/demo")
    s.add_argument("--minutes", type=float, default=4.0, help="training time budget")
    s.add_argument("--seed", type=int, default=0)
    s.add_argument("--quick", action="store_true", help="a small landscape and one minute of training")
    s.set_defaults(fn=cmd_demo)
    return ap


def main(argv: Optional[List[str]] = None) -> int:
    # GDAL's block cache defaults to 5% of RAM; a batch job reading huge orthos needs far less
    os.environ.setdefault("GDAL_CACHEMAX", "256")
    from .core.dependencies import missing, missing_message
    gone = missing()
    if gone:
        print(missing_message(gone), file=sys.stderr)
        return 2
    a = build_parser().parse_args(argv)
    import torch
    torch.set_num_threads(max(1, min(torch.get_num_threads(), os.cpu_count() or 1)))
    try:
        a.fn(a)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except (CrossTimeError, ValueError, RuntimeError, OSError) as exc:
        if os.environ.get("CROSSTIME_DEBUG"):
            raise
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
