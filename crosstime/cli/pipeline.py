"""The pipeline's commands: synthetic data, tile stores, training, export, index, match, evaluate, demo."""
from __future__ import annotations

import argparse
import json
import os

from ..core import choices
from ..core.errors import CrossTimeError
from ..core.tiles.dates import NEW, OLD

DATE_OF = {"old": OLD, "new": NEW}
LEGEND_HELP = f"{', '.join(choices.LEGEND_PRESETS)} or a JSON mapping file"


CLASSES_HELP = ("land-cover rasters of this date (GeoTIFF...), their classes drawn as categories under the vectors "
                "(see --class-mapping)")
MAPPING_HELP = ("how land-cover classes become categories: worldcover, flair, or a JSON / CSV file of value,category "
                "(default: a <raster>.classes.json beside each raster, else its class names)")


def map_layers(a, date: str) -> list:
    """A date's map layers from the command line: its vector files, then its land-cover rasters."""
    from ..core import jobs
    return jobs.read_vector_files(getattr(a, f"{date}_vectors")) + \
        jobs.read_class_rasters(getattr(a, f"{date}_classes", None), getattr(a, "class_mapping", None))


def add_map_arguments(s, dates=("old", "new")) -> None:
    for date in dates:
        s.add_argument(f"--{date}-vectors", nargs="*", default=[])
        s.add_argument(f"--{date}-classes", nargs="*", default=[], help=CLASSES_HELP)
    s.add_argument("--class-mapping", default=None, help=MAPPING_HELP)


def terminal_progress(desc: str):
    from ..core.progress import TerminalProgress
    return TerminalProgress(desc)


def cmd_synth(a) -> None:
    from ..core.samples.synthetic import SyntheticConfig, generate_landscape
    land = generate_landscape(a.out, SyntheticConfig(size_m=a.size, resolution=a.resolution, seed=a.seed,
                                                     old_grey=a.old_grey))
    print(json.dumps({"old_ortho": land.old_ortho, "new_ortho": land.new_ortho, "old_vectors": land.old_vectors,
                      "new_vectors": land.new_vectors, "changes": land.changes}, indent=1))


def cmd_build_tiles(a) -> None:
    from ..core import jobs
    from ..core.geo.legend import load_legend
    p = terminal_progress("tiles")
    store, summary = jobs.build_tile_store(
        a.out, a.old_ortho, a.new_ortho, map_layers(a, "old"), map_layers(a, "new"), load_legend(a.legend),
        tile_size=a.tile_size, pixels=a.pixels, crs=a.crs, stride=a.stride,
        extent=tuple(a.extent) if a.extent else None, progress=p)
    p.close()
    print(summary["grid"].summary())
    for w in summary["old_mapping"].warnings():
        print("warning (old date):", w)
    for w in summary["new_mapping"].warnings():
        print("warning (new date):", w)
    print(store.summary())


def cmd_realpairs(a) -> None:
    from ..core.samples.realpairs import build_realpairs_store
    if os.path.exists(a.out):
        print(f"note: replacing the existing tile store {a.out} (the old one is kept until the new one is complete)")
    p = terminal_progress("tiles")
    store = build_realpairs_store(a.root, a.out, a.tile_px, a.stride_px, a.sources, progress=p)
    p.close()
    print(store.summary())


def cmd_train(a) -> None:
    from ..core import jobs
    from ..core.nn.backbones import WeightsUnavailable
    from ..core.train.recipes import TRAIN_OPTIONS
    settings = {o.name: getattr(a, o.name) for o in TRAIN_OPTIONS if getattr(a, o.name) is not None}
    p = terminal_progress("training")
    try:
        r = jobs.train_descriptor(a.stores, a.out, val_stores=a.val or [], recipe=a.recipe, checkpoints=a.checkpoints,
                                  log_csv=a.log, plot=a.plot, val_fraction=a.val_fraction, progress=p, **settings)
    except WeightsUnavailable as exc:
        raise CrossTimeError(f"{exc} On the command line: --weights none trains from scratch, --weights FILE "
                             "starts from a local weights file.") from None
    finally:
        p.close()
    best = r.best_val or {}
    print(f"model: {r.model_path}; best validation map@5 {best.get('map@5', float('nan')):.3f} at epoch "
          f"{r.best_epoch}; {r.stopped} after {r.wall_s / 60:.1f} min")


def cmd_index(a) -> None:
    from ..core import jobs
    from ..core.geo.legend import load_legend
    from ..core.retrieval.index import parse_shard
    shard = parse_shard(a.shard) if a.shard else (0, 1)
    p = terminal_progress("describe")
    if a.store:
        idx = jobs.build_index_from_store(a.store, a.out, model=a.model, date=DATE_OF[a.date], shard=shard,
                                          device=a.device, progress=p)
    else:
        if not (a.old_ortho and a.new_ortho):
            raise CrossTimeError("give --store, or --old-ortho and --new-ortho")
        idx, _grid, warnings = jobs.build_index_from_layers(
            a.out, a.old_ortho, a.new_ortho, map_layers(a, "old"), load_legend(a.legend),
            jobs.IndexSettings(model=a.model, tile_size=a.tile_size, pixels=a.pixels, crs=a.crs, shard=shard,
                               device=a.device, new_has_vectors=False if a.no_new_vectors else None), progress=p)
        for w in warnings:
            print("warning (old date):", w)
    p.close()
    print(f"{len(idx)} tiles indexed into {a.out} ({idx.meta.get('describer', '')})")


def cmd_merge_index(a) -> None:
    from ..core import jobs
    m = jobs.merge_index_shards(a.parts, a.out)
    print(f"{len(m)} tiles merged into {a.out}")


def cmd_match(a) -> None:
    from ..core import jobs
    from ..core.geo.legend import load_legend
    from ..core.retrieval.neighbourhood import Neighbourhood
    neighbourhood = Neighbourhood(a.neighbourhood, a.aggregate)
    if a.at is not None:
        match_point(a, neighbourhood)
        return
    if not a.out:
        raise SystemExit("match: give --out (a GeoPackage for every tile) or --at X Y (one place)")
    p = terminal_progress("match")
    bm, warnings = jobs.match_all_tiles(a.index, a.model, load_legend(a.legend), a.new_ortho,
                                        new_vectors=map_layers(a, "new"), k=a.k, out_gpkg=a.out,
                                        device=a.device, progress=p, neighbourhood=neighbourhood)
    p.close()
    for w in warnings:
        print("warning (new date):", w)
    s = bm.summary()
    print(f"{len(bm.query_ids)} tiles matched into {a.out}, each candidate judged with its {bm.neighbourhood} "
          "neighbourhood" + (f"; against the same-id truth map@5 {s['map@5']:.3f}, recall@1 {s['recall@1']:.3f}"
                             if s else ""))


def match_point(a, neighbourhood) -> None:
    """One place, as a click in the dock: the window centred on it and its neighbours against the index."""
    from ..core import jobs
    from ..core.geo.legend import load_legend
    matcher = jobs.open_matcher(a.index, a.model, load_legend(a.legend), a.new_ortho,
                                new_vectors=map_layers(a, "new"), old_ortho=a.old_ortho,
                                device=a.device)
    try:
        res = matcher.match(a.at[0], a.at[1], a.k, neighbourhood=neighbourhood)
    finally:
        matcher.close()
    size = int(res.neighbourhood[0]) ** 2
    print(f"point {a.at[0]:g}, {a.at[1]:g} (tile {res.query_id}) judged with its {res.neighbourhood} neighbourhood "
          f"({res.neighbours} of {size} tiles with data), {res.elapsed_ms:.0f} ms:")
    print("  (footprints: where the window centred on the point lies in each answer"
          + (", the best one fitted to the old ortho)" if a.old_ortho else ")"))
    for rank, (tid, score, fp) in enumerate(zip(res.ids, res.scores, res.footprints), 1):
        print(f"  {rank}. {tid}  score {score:.4f}  footprint {', '.join(f'{v:.1f}' for v in fp)}")


def cmd_evaluate(a) -> None:
    from ..core import jobs
    p = terminal_progress("evaluate")
    baselines = list(a.baselines) if a.baselines is not None else list(choices.LIGHT_BASELINES)
    if a.paper_baselines:
        baselines += [k for k in choices.PAPER_BASELINES if k not in baselines]
    ev = jobs.evaluate_stores(a.stores, a.out, jobs.EvaluationRequest(
        models=a.models or [], baselines=baselines, semantic_mode=a.semantic, name=a.name, device=a.device,
        validation_stores=a.val or [], by_source=a.by == "source"), progress=p)
    p.close()
    print(f"baseline normalisation and distance: {ev.dataset['baseline_settings']}")
    print("\n".join(ev.headline()))
    for source, sub_ev in ev.by_source.items():
        print(f"source {source}:")
        print("\n".join("  " + line for line in sub_ev.headline()))
    print(f"tables, figures and report.html in {a.out}")


def cmd_demo(a) -> None:
    from ..core.jobs.demo import run_demo
    run_demo(a.out, minutes=a.minutes, seed=a.seed, quick=a.quick, project_writer=_demo_project_writer())


def _demo_project_writer():
    """The demo's QGIS project is written with PyQGIS when it is installed; without it, the rest still runs."""
    try:
        from ..adapters.project import write_demo_project_standalone
    except ImportError:
        print("PyQGIS not found: no QGIS project will be written (the GeoPackage and report will be there)")
        return None
    return write_demo_project_standalone


def cmd_export(a) -> None:
    from ..core import jobs
    r = jobs.export_onnx(a.model, a.out, opset=a.opset, half=a.half)
    diff = r["max_difference"]
    print(f"ONNX model: {r['path']} ({r['bytes'] / 1e6:.1f} MB, {r['out_dim']}-d descriptors of {r['pixels']} px tiles, "
          f"fingerprint {r['fingerprint'][:12]}, {r['weights']} weights)" + ("" if diff is None else
                                                     f"; largest difference from PyTorch {diff:.1e}"))


def add_train_options(s: argparse.ArgumentParser) -> None:
    """One flag per ``TRAIN_OPTIONS`` entry; unset, each keeps the recipe's value."""
    from ..core.train.recipes import TRAIN_OPTIONS
    for o in TRAIN_OPTIONS:
        extra = {"choices": list(o.choices)} if o.choices else {}
        if o.metavar:
            extra["metavar"] = o.metavar
        if o.kind == "bool":
            s.add_argument(o.cli_flag, dest=o.name, action=argparse.BooleanOptionalAction, default=None, help=o.help)
        else:
            s.add_argument(o.cli_flag, dest=o.name, type={"int": int, "float": float}.get(o.kind, str), default=None,
                           help=o.help, **extra)


def add_commands(sub) -> None:
    from ..core.jobs.demo import DEMO_MINUTES
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
    add_map_arguments(s)
    s.add_argument("--legend", default=choices.DEFAULT_LEGEND, help=LEGEND_HELP)
    s.add_argument("--tile-size", type=float, default=choices.DEFAULT_TILE_SIZE)
    s.add_argument("--pixels", type=int, default=choices.DEFAULT_PIXELS)
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
    add_train_options(s)
    s.add_argument("--checkpoints", default=None, help="folder for per-epoch checkpoints (resumes from it)")
    s.add_argument("--log", default=None, help="CSV training log")
    s.add_argument("--plot", default=None, help="PNG of loss and map@5 per epoch")
    s.set_defaults(fn=cmd_train)

    s = sub.add_parser("index", help="describe old-date tiles into an index file")
    s.add_argument("--model", default=None, help="model file, quick (a thumbnail: no training, no torch), or general "
                   "(the model shipped with CrossTime: onnxruntime, no torch); omit for the untrained CNN baseline")
    s.add_argument("--store", default=None)
    s.add_argument("--date", default="old", choices=list(DATE_OF), help="which date of the store to index")
    s.add_argument("--old-ortho", default=None)
    s.add_argument("--new-ortho", default=None)
    add_map_arguments(s, ("old",))
    s.add_argument("--no-new-vectors", action="store_true",
                   help="the new date has no vector layers: the map is left out of both dates (a descriptor would "
                        "otherwise compare a map with an empty map)")
    s.add_argument("--legend", default=choices.DEFAULT_LEGEND, help=LEGEND_HELP)
    s.add_argument("--tile-size", type=float, default=None,
                   help=f"ground units per tile (default: the model's, else {choices.DEFAULT_TILE_SIZE:g})")
    s.add_argument("--pixels", type=int, default=None,
                   help=f"pixels per tile side (default: the model's, else {choices.DEFAULT_PIXELS})")
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
    add_map_arguments(s, ("new",))
    s.add_argument("--legend", default=choices.DEFAULT_LEGEND, help=LEGEND_HELP)
    s.add_argument("--k", type=int, default=5)
    s.add_argument("--device", default="auto")
    s.add_argument("--out", default=None, help="GeoPackage of every tile's matches")
    s.add_argument("--at", type=float, nargs=2, default=None, metavar=("X", "Y"),
                   help="match one place instead (a click, in the index's CRS) and print its answers")
    s.add_argument("--old-ortho", default=None, help="with --at: the old ortho, to place the best answer inside its tile")
    s.add_argument("--neighbourhood", type=int, default=3, choices=[1, 3, 5],
                   help="tiles a side around each place judged with it (1: single tiles, the paper's protocol)")
    s.add_argument("--aggregate", default="trimmed", choices=["trimmed", "mean"],
                   help="how the neighbours' similarities combine (trimmed: the lowest quarter left out)")
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
    s.add_argument("--minutes", type=float, default=DEMO_MINUTES, help="training time budget in minutes")
    s.add_argument("--seed", type=int, default=0)
    s.add_argument("--quick", action="store_true", help="a small landscape and one minute of training")
    s.set_defaults(fn=cmd_demo)

    s = sub.add_parser("export", help="export a trained model to ONNX, to describe tiles without PyTorch")
    s.add_argument("model", help="model file (.ctmodel)")
    s.add_argument("--out", required=True, help="ONNX file to write (.onnx)")
    s.add_argument("--opset", type=int, default=None, help="ONNX opset (default 17)")
    s.add_argument("--half", action="store_true",
                   help="weights stored in half precision (half the file; the arithmetic stays float32)")
    s.set_defaults(fn=cmd_export)
