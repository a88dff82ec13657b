"""Command line: ``python -m crosstime <command> ...`` (no QGIS needed), with progress bars.

Commands: synth, build-tiles, realpairs, train, export (to ONNX), index, merge-index, match, evaluate, demo;
archive search: archive-synth, modern-index, index-archive, locate, evaluate-archive.
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
    if os.path.exists(a.out):
        print(f"note: replacing the existing tile store {a.out} (the old one is kept until the new one is complete)")
    p = _progress("tiles")
    store = build_realpairs_store(a.root, a.out, a.tile_px, a.stride_px, a.sources, progress=p)
    p.close()
    print(store.summary())


def cmd_train(a) -> None:
    from .core import jobs
    overrides = {k: v for k, v in {
        "backbone": a.backbone, "weights": a.weights, "dim": a.dim, "semantic_mode": a.semantic,
        "modality": a.modality, "head": a.head, "epochs": a.epochs, "batch_pairs": a.batch, "lr": a.lr,
        "lr_backbone": a.lr_backbone, "hard_every": a.hard_every, "pair_distance": a.pair_distance,
        "pair_sampling": a.pair_sampling, "seed": a.seed, "device": a.device,
        "bf16": a.bf16 or None, "max_minutes": a.max_minutes, "early_stop": a.early_stop,
        "batches_per_epoch": a.batches_per_epoch, "augment": a.augment, "temperature": a.temperature,
        "tile_pixels": a.tile_pixels, "thumbnail": a.thumbnail, "thumbnail_semantic": a.thumbnail_semantic,
        "map_thumbnail_scaling": a.map_thumbnail_scaling, "learnt_part_loss": a.learnt_part_loss,
        "learn_mix": a.learn_mix, "flip_average": a.flip_average or None}.items()
        if v is not None}
    from .core.nn.backbones import WeightsUnavailable
    p = _progress("training")
    try:
        r = jobs.train_descriptor(a.stores, a.out, a.val or [], a.recipe, a.checkpoints, a.log, a.plot,
                                  a.val_fraction, p, **overrides)
    except WeightsUnavailable as exc:
        raise CrossTimeError(f"{exc} On the command line: --weights none trains from scratch, --weights FILE "
                             "starts from a local weights file.") from None
    finally:
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
    baselines = list(a.baselines) if a.baselines is not None else list(choices.LIGHT_BASELINES)
    if a.paper_baselines:
        baselines += [k for k in choices.PAPER_BASELINES if k not in baselines]
    ev = jobs.evaluate_stores(a.stores, a.out, a.models or [], baselines, a.semantic, a.name, a.device,
                              validation_stores=a.val or [], by_source=a.by == "source", progress=p)
    p.close()
    print(f"baseline normalisation and distance: {ev.dataset['baseline_settings']}")
    print("\n".join(ev.headline()))
    for source, sub_ev in ev.by_source.items():
        print(f"source {source}:")
        print("\n".join("  " + line for line in sub_ev.headline()))
    print(f"tables, figures and report.html in {a.out}")


def cmd_demo(a) -> None:
    from .core.samples.demo import run_demo
    run_demo(a.out, minutes=a.minutes, seed=a.seed, quick=a.quick, project_writer=_demo_project_writer())


def cmd_archive_synth(a) -> None:
    from .core import jobs
    old = a.old_ortho
    if not old:
        from .core.samples.synthetic import SyntheticConfig, generate_landscape
        land = generate_landscape(os.path.join(a.out, "landscape"),
                                  SyntheticConfig(size_m=a.size, resolution=a.resolution, seed=a.seed))
        old = land.old_ortho
        print(f"synthetic landscape: {land.folder} (old {land.old_ortho}, new {land.new_ortho})")
    truth = a.truth or os.path.join(a.out, "truth.json")
    doc = jobs.synthetic_archive(old, os.path.join(a.out, "archive"), truth, a.photos, a.seed,
                                 (a.photo_px[0], a.photo_px[1]))
    print(f"archive: {doc['archive']} ({len(doc['photos'])} synthetic photos), catalogue {doc['catalogue']}, "
          f"true poses {truth}")


def cmd_modern_index(a) -> None:
    from .core import jobs
    p = _progress("modern index")
    idx = jobs.build_modern_index(a.out, a.new_ortho, a.tile_size, a.pixels, a.model, a.stride, a.crs, None,
                                  a.device, p)
    p.close()
    print(f"modern index: {a.out} ({len(idx)} tiles of {a.tile_size:g} m)")


def _footprint_range(text):
    if not text:
        return None
    try:
        lo, hi = (float(x) for x in text.split(","))
    except ValueError:
        raise CrossTimeError(f"--footprint-range {text}: give two sizes in metres, e.g. 1000,4000") from None
    return lo, hi


def cmd_index_archive(a) -> None:
    from .core import jobs
    p = _progress("archive index")
    arch = jobs.index_archive(a.folder, a.out, a.index, a.model, a.catalogue, not a.unknown_scale,
                              _footprint_range(a.footprint_range), a.scale_step, a.overlap, a.photo or None, a.device, p)
    p.close()
    print(f"archive index: {a.out} ({len(arch.photos)} photos, {len(arch.descriptors)} windows)")


def cmd_locate(a) -> None:
    from .core import jobs
    if a.place:
        matches = jobs.photos_showing_place(a.archive_index, a.index, a.place[0], a.place[1], a.k, a.locations)
        for r, m in enumerate(matches, start=1):
            print(f"{r}. {m.photo}: score {m.score:.3f}, window at col {m.window_centre[0]:.0f} row "
                  f"{m.window_centre[1]:.0f} ({m.window_px:.0f} px, turned {m.rotation} deg)"
                  + (", located" if m.footprint else ""))
        return
    p = _progress("locating")
    locs = jobs.locate_archive_photos(a.index, a.archive_index, a.folder, a.catalogue, a.model, a.out, a.vrt, a.json,
                                      a.k, not a.unknown_scale, a.photo or None, _footprint_range(a.footprint_range),
                                      a.device, p)
    p.close()
    for loc in locs:
        print(f"{loc.photo}: centre {loc.centre[0]:.1f} {loc.centre[1]:.1f}, scale {loc.scale:.3f} m/px, rotation "
              f"{loc.rotation:.1f} deg, confidence {loc.confidence:.2f}, {loc.agreeing_windows} windows compared, "
              f"{loc.seconds:.1f} s")


def cmd_evaluate_archive(a) -> None:
    from .core import jobs
    s = jobs.evaluate_archive(a.locations, a.truth, a.out, a.tile_size)
    print(json.dumps(s, indent=1, default=str))


def cmd_export(a) -> None:
    from .core import jobs
    r = jobs.export_onnx(a.model, a.out, a.opset)
    diff = r["max_difference"]
    print(f"ONNX model: {r['path']} ({r['bytes'] / 1e6:.1f} MB, {r['out_dim']}-d descriptors of {r['pixels']} px tiles, "
          f"fingerprint {r['fingerprint'][:12]})" + ("" if diff is None else
                                                     f"; largest difference from PyTorch {diff:.1e}"))


def _onnx_only(args: List[str]) -> bool:
    """Whether the command line describes with an exported ONNX model (index, match): torch is then not needed."""
    if not args or args[0] not in ("index", "match"):
        return False
    for n, x in enumerate(args):
        value = x.split("=", 1)[1] if x.startswith("--model=") else (args[n + 1] if x == "--model" and n + 1 < len(args)
                                                                     else None)
        if value and value.lower().endswith(".onnx"):
            return True
    return False


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
    s.add_argument("--tile-px", type=int, default=128, help="tile side in native pixels of each image")
    s.add_argument("--stride-px", type=int, default=None, help="distance between tiles (default: the tile side)")
    s.add_argument("--sources", nargs="*", default=None, help="only these sources (sub-folders of ROOT)")
    s.set_defaults(fn=cmd_realpairs)

    s = sub.add_parser("train", help="train a descriptor on tile stores")
    s.add_argument("stores", nargs="+")
    s.add_argument("--val", nargs="*", default=None)
    s.add_argument("--val-fraction", type=float, default=0.2)
    s.add_argument("--out", required=True)
    s.add_argument("--recipe", default=choices.DEFAULT_RECIPE, choices=list(choices.RECIPES))
    s.add_argument("--backbone", default=None, choices=list(choices.BACKBONES),
                   help=f"default: the recipe's ({choices.DEFAULT_BACKBONE} for {choices.DEFAULT_RECIPE})")
    s.add_argument("--weights", default=None, help="imagenet, none or a weights file (default: the recipe's)")
    s.add_argument("--dim", type=int, default=None)
    s.add_argument("--semantic", default=None, choices=list(choices.SEMANTIC_MODES))
    s.add_argument("--modality", default=None, choices=list(choices.MODALITIES))
    s.add_argument("--head", default=None, choices=list(choices.HEADS))
    s.add_argument("--tile-pixels", type=int, default=None)
    s.add_argument("--thumbnail", type=int, default=None, metavar="CELLS",
                   help="joint descriptor: add a per-tile standardised CELLSxCELLS thumbnail beside the learnt part")
    s.add_argument("--thumbnail-semantic", action=argparse.BooleanOptionalAction, default=None,
                   help="with fusion, a thumbnail of the rasterized map beside the image's (CPU recipe default: on)")
    s.add_argument("--map-thumbnail-scaling", default=None, choices=list(choices.MAP_THUMBNAIL_SCALINGS),
                   help="how the map's thumbnail is scaled: " + "; ".join(f"{k}: {v}" for k, v in
                                                                        choices.MAP_THUMBNAIL_SCALINGS.items())
                   + " (CPU recipe default: training)")
    s.add_argument("--learnt-part-loss", type=float, default=None, metavar="WEIGHT",
                   help="InfoNCE with a thumbnail: weight of a second loss on the learnt part alone")
    s.add_argument("--learn-mix", action=argparse.BooleanOptionalAction, default=None,
                   help="train the angle that mixes the learnt part and the thumbnails (CPU recipe default: held at "
                        "45 degrees)")
    s.add_argument("--flip-average", action="store_true", help="describe each tile and its mirror image (test time)")
    s.add_argument("--epochs", type=int, default=None, help="number of epochs (the reproducible budget)")
    s.add_argument("--batch", type=int, default=None)
    s.add_argument("--lr", type=float, default=None)
    s.add_argument("--lr-backbone", type=float, default=None)
    s.add_argument("--hard-every", type=int, default=None)
    s.add_argument("--pair-distance", default=None, choices=list(choices.PAIR_DISTANCES),
                   help="siamese recipe: " + "; ".join(f"{k}: {v}" for k, v in choices.PAIR_DISTANCES.items()))
    s.add_argument("--pair-sampling", default=None, choices=list(choices.PAIR_SAMPLINGS),
                   help="siamese recipe: " + "; ".join(f"{k}: {v}" for k, v in choices.PAIR_SAMPLINGS.items()))
    s.add_argument("--augment", default=None, choices=list(choices.AUGMENTATIONS))
    s.add_argument("--temperature", type=float, default=None)
    s.add_argument("--batches-per-epoch", type=int, default=None)
    s.add_argument("--early-stop", type=int, default=None)
    s.add_argument("--max-minutes", type=float, default=None,
                   help="stop after the epoch that crosses this wall-clock budget (depends on the machine's load)")
    s.add_argument("--seed", type=int, default=None)
    s.add_argument("--device", default=None)
    s.add_argument("--bf16", action="store_true")
    s.add_argument("--checkpoints", default=None, help="folder for per-epoch checkpoints (resumes from it)")
    s.add_argument("--log", default=None, help="CSV training log")
    s.add_argument("--plot", default=None, help="PNG of loss and map@5 per epoch")
    s.set_defaults(fn=cmd_train)

    s = sub.add_parser("index", help="describe old-date tiles into an index file")
    s.add_argument("--model", default=None, help="model file, or quick (a thumbnail: no training, no torch); omit for "
                   "the untrained CNN baseline")
    s.add_argument("--store", default=None)
    s.add_argument("--date", default="old", choices=list(DATE_OF), help="which date of the store to index")
    s.add_argument("--old-ortho", default=None)
    s.add_argument("--new-ortho", default=None)
    s.add_argument("--old-vectors", nargs="*", default=[])
    s.add_argument("--legend", default=choices.DEFAULT_LEGEND, help=legend_help)
    s.add_argument("--tile-size", type=float, default=None,
                   help="ground units per tile (default: the model's, else 1000)")
    s.add_argument("--pixels", type=int, default=None, help="pixels per tile side (default: the model's, else 256)")
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
    s.add_argument("--baselines", nargs="*", default=None, choices=list(choices.BASELINES), metavar="BASELINE",
                   help=f"untrained baselines to score (default: {' '.join(choices.LIGHT_BASELINES)}; "
                        f"available: {', '.join(choices.BASELINES)})")
    s.add_argument("--paper-baselines", action="store_true", help="also ResNet50 at 512 px and GeM at 1024 px")
    s.add_argument("--val", nargs="*", default=None, metavar="STORE",
                   help="tile stores (disjoint from the evaluated ones) on which each baseline's normalisation and "
                        "distance are chosen; without them the settings are fixed a priori")
    s.add_argument("--by", default=None, choices=["source"], help="also one report per source of the tiles")
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

    s = sub.add_parser("archive-synth", help="synthetic scanned archive photos of a synthetic old ortho, true poses aside")
    s.add_argument("out", help="folder: archive/, archive.csv, truth.json (and landscape/ when no --old-ortho)")
    s.add_argument("--old-ortho", default=None, help="the old ortho to photograph (default: a new synthetic landscape)")
    s.add_argument("--size", type=float, default=6000.0, help="side of the generated landscape, metres")
    s.add_argument("--resolution", type=float, default=1.5)
    s.add_argument("--photos", type=int, default=50)
    s.add_argument("--photo-px", type=int, nargs=2, default=[1000, 1400], metavar=("MIN", "MAX"))
    s.add_argument("--truth", default=None, help="where to write the true poses (outside the archive folder)")
    s.add_argument("--seed", type=int, default=0)
    s.set_defaults(fn=cmd_archive_synth)

    s = sub.add_parser("modern-index", help="describe the modern ortho's tiles (visual only) for archive search")
    s.add_argument("new_ortho")
    s.add_argument("--out", required=True)
    s.add_argument("--model", default=None, help="visual model file (omit for the untrained fallback)")
    s.add_argument("--tile-size", type=float, default=200.0)
    s.add_argument("--pixels", type=int, default=64)
    s.add_argument("--stride", type=float, default=0.0, help="ground units between tiles (default: the tile size)")
    s.add_argument("--crs", default=None)
    s.add_argument("--device", default="auto")
    s.set_defaults(fn=cmd_modern_index)

    s = sub.add_parser("index-archive", help="describe every window of an archive's photos into an archive index")
    s.add_argument("folder", help="folder of scanned photos")
    s.add_argument("--index", required=True, help="the modern index (modern-index)")
    s.add_argument("--out", required=True)
    s.add_argument("--model", default=None)
    s.add_argument("--catalogue", default=None, help="CSV: photo, scale_m_per_px or flight_scale+scan_dpi, centre...")
    s.add_argument("--unknown-scale", action="store_true", help="ignore the catalogue's scales and search a range")
    s.add_argument("--footprint-range", default=None, help="ground side of a photo when its scale is unknown, metres: "
                   "MIN,MAX (default 1000,4000)")
    s.add_argument("--scale-step", type=float, default=None)
    s.add_argument("--overlap", type=float, default=0.5)
    s.add_argument("--photo", action="append", default=[], help="only this photo (repeatable)")
    s.add_argument("--device", default="auto")
    s.set_defaults(fn=cmd_index_archive)

    s = sub.add_parser("locate", help="locate archive photos in the modern index, or list the photos showing a place")
    s.add_argument("--index", required=True, help="the modern index (modern-index)")
    s.add_argument("--archive-index", default=None, help="archive index (index-archive)")
    s.add_argument("--folder", default=None, help="or the archive folder itself (described on the fly)")
    s.add_argument("--catalogue", default=None)
    s.add_argument("--model", default=None)
    s.add_argument("--out", default=None, help="GeoPackage of the located footprints")
    s.add_argument("--vrt", default=None, help="folder for one georeferenced VRT per photo")
    s.add_argument("--json", default=None, help="locations JSON (for evaluate-archive and the place query)")
    s.add_argument("-k", type=int, default=5, help="matches per window (or photos listed with --place)")
    s.add_argument("--unknown-scale", action="store_true")
    s.add_argument("--footprint-range", default=None)
    s.add_argument("--photo", action="append", default=[])
    s.add_argument("--place", type=float, nargs=2, default=None, metavar=("X", "Y"),
                   help="list the archive photos that show this place instead (needs --archive-index)")
    s.add_argument("--locations", default=None, help="with --place: locations JSON, to add the located footprints")
    s.add_argument("--device", default="auto")
    s.set_defaults(fn=cmd_locate)

    s = sub.add_parser("evaluate-archive", help="score located photos against their true poses")
    s.add_argument("locations", help="locations JSON (locate --json)")
    s.add_argument("truth", help="true poses JSON (archive-synth)")
    s.add_argument("--out", default=None, help="folder for the per-photo CSV and the summary JSON")
    s.add_argument("--tile-size", type=float, default=None)
    s.set_defaults(fn=cmd_evaluate_archive)
    s = sub.add_parser("export", help="export a trained model to ONNX, to describe tiles without PyTorch")
    s.add_argument("model", help="model file (.ctmodel)")
    s.add_argument("--out", required=True, help="ONNX file to write (.onnx)")
    s.add_argument("--opset", type=int, default=None, help="ONNX opset (default 17)")
    s.set_defaults(fn=cmd_export)
    return ap


def error_line(exc: BaseException) -> str:
    """One line for the user: CrossTime's own message, or one naming the file at fault."""
    from .core.atomic import is_disk_full
    if isinstance(exc, CrossTimeError):
        text = str(exc)
    elif is_disk_full(exc):
        text = f"{_filename_of(exc) or 'an output file'}: the disk is full; free some space or write the output to " \
               "another disk"
    elif isinstance(exc, OSError) and exc.filename:
        text = f"{exc.filename}: {exc.strerror or exc}"
    elif isinstance(exc, (ValueError, RuntimeError, OSError)):
        text = str(exc) or type(exc).__name__
    else:
        text = (f"unexpected {type(exc).__name__}: {exc} (a bug in CrossTime: rerun with --debug and report the "
                "traceback)")
    return " ".join(text.split())


def _filename_of(exc: BaseException) -> Optional[str]:
    seen = set()
    e: Optional[BaseException] = exc
    while e is not None and id(e) not in seen:
        seen.add(id(e))
        if isinstance(e, OSError) and e.filename:
            return str(e.filename)
        e = e.__cause__ or e.__context__
    return None


def main(argv: Optional[List[str]] = None) -> int:
    # GDAL's block cache defaults to 5% of RAM; a batch job reading huge orthos needs far less
    os.environ.setdefault("GDAL_CACHEMAX", "256")
    args = list(sys.argv[1:] if argv is None else argv)
    # --debug is taken anywhere on the line, before or after the command (not after a '--')
    end = args.index("--") if "--" in args else len(args)
    debug = "--debug" in args[:end] or bool(os.environ.get("CROSSTIME_DEBUG"))
    args = [x for n, x in enumerate(args) if not (x == "--debug" and n < end)]
    from .core.dependencies import INFERENCE, missing, missing_message
    gone = missing(INFERENCE if _onnx_only(args) else None)
    if gone:
        print(missing_message(gone, command_line=True), file=sys.stderr)
        return 2
    parser = build_parser()
    parser.add_argument("--debug", action="store_true",
                        help="on an error, show the full traceback (also CROSSTIME_DEBUG=1)")
    a = parser.parse_args(args)
    try:
        import torch
        torch.set_num_threads(max(1, min(torch.get_num_threads(), os.cpu_count() or 1)))
    except ImportError:                      # describing with an ONNX model needs no torch
        pass
    try:
        a.fn(a)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        if debug:
            raise
        print(f"error: {error_line(exc)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
