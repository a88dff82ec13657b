"""The main job on the embedded synthetic default: data, training, index, matching, evaluation, report.

Three synthetic landscapes stand for three regions (train, validate, test), as the paper used three
départements. Everything is written under one folder and summarised at the end.
"""
from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from typing import Callable, Dict, Optional

from .progress import TerminalProgress

TILE_M, TILE_PX = 200.0, 128


@dataclass
class DemoPlan:
    sizes: Dict[str, float] = field(default_factory=lambda: {"train": 5600.0, "val": 2400.0, "test": 4000.0})
    resolution: float = 1.5
    minutes: float = 4.0
    recipe: str = "infonce"
    backbone: str = "resnet18"


def _stage(name: str) -> TerminalProgress:
    return TerminalProgress(name)


def run_demo(out: str, minutes: float = 4.0, seed: int = 0, quick: bool = False,
             project_writer: Optional[Callable[[dict], Optional[str]]] = None) -> dict:
    """Run everything; returns the summary (also written to ``summary.json``)."""
    from .baselines import LIGHT_BASELINES, PAPER_BASELINES
    from .batchmatch import match_tiles, write_matches_gpkg
    from .dataset import build_tile_store, grid_for_orthos
    from .describer import ModelDescriber
    from .evaluate import evaluate
    from .index import build_index
    from .legend import load_legend
    from .livetiles import LiveTiles
    from .rasterize import SemanticRasterizer
    from .report import html_report, plot_history
    from .synthetic import SyntheticConfig, generate_landscape
    from .tileset import TileSet
    from .train.run import train
    from .vectors import read_vector_file
    t0 = time.time()
    plan = DemoPlan(minutes=minutes)
    if quick:
        plan.sizes = {"train": 1600.0, "val": 1200.0, "test": 1600.0}
        plan.minutes = min(minutes, 1.0)
    os.makedirs(out, exist_ok=True)
    out = os.path.abspath(out)
    legend = load_legend("bdtopo_v3")
    lands, stores = {}, {}
    print(f"CrossTime demo on synthetic landscapes (not real data), writing to {os.path.abspath(out)}")
    p = _stage("1/5 synthetic landscapes and tile stores")
    for k, (role, size) in enumerate(plan.sizes.items()):
        land = generate_landscape(os.path.join(out, "data", role),
                                  SyntheticConfig(size_m=size, resolution=plan.resolution, seed=seed * 10 + k + 1))
        grid = grid_for_orthos(land.old_ortho, land.new_ortho, TILE_M, TILE_PX)
        store, _ = build_tile_store(os.path.join(out, "data", f"{role}.ctstore"), land.old_ortho, land.new_ortho,
                                    read_vector_file(land.old_vectors), read_vector_file(land.new_vectors), grid, legend)
        lands[role], stores[role] = land, store
        p.update((k + 1) / len(plan.sizes), f"{role}: {len(store)} tiles")
    p.close()
    model = os.path.join(out, "model.ctmodel")
    p = _stage(f"2/5 training ({plan.recipe}, {plan.backbone}, {plan.minutes:g} min budget)")
    result = train([stores["train"].path], model, [stores["val"].path], plan.recipe, backbone=plan.backbone,
                   weights="none", epochs=200, max_minutes=plan.minutes, seed=seed,
                   checkpoint_dir=os.path.join(out, "checkpoints"), log_csv=os.path.join(out, "training_log.csv"),
                   progress=p)
    p.close()
    plot_history(result.history, os.path.join(out, "training.png"), f"{plan.recipe}, {plan.backbone} (synthetic)")
    test = lands["test"]
    grid = stores["test"].grid
    describer = ModelDescriber(model, legend)
    p = _stage("3/5 old-date index and matching of every new-date tile")
    sem_a = SemanticRasterizer(read_vector_file(test.old_vectors), legend, grid.crs, grid.resolution, clip_to=grid.bounds())
    sem_b = SemanticRasterizer(read_vector_file(test.new_vectors), legend, grid.crs, grid.resolution, clip_to=grid.bounds())
    index_path = os.path.join(out, "old_index.ctindex")
    with LiveTiles(grid, {"a": test.old_ortho, "b": test.new_ortho}, {"a": sem_a, "b": sem_b}) as tiles:
        idx = build_index(describer, tiles, "a", progress=p.sub(0, 0.5), meta={"old_ortho": test.old_ortho})
        idx.save(index_path)
        bm = match_tiles(describer, idx, tiles, 5, progress=p.sub(0.5, 1))
    p.close()
    report = os.path.join(out, "report")
    os.makedirs(report, exist_ok=True)
    gpkg = write_matches_gpkg(os.path.join(report, "matches.gpkg"), bm, grid.crs)
    p = _stage("4/5 evaluation against the untrained baselines")
    test_tiles = TileSet([stores["test"]])
    ev = evaluate(test_tiles, legend, report, [model], list(LIGHT_BASELINES) + list(PAPER_BASELINES),
                  dataset_name="synthetic test landscape", progress=p, footprint=f"{TILE_M:g} m x {TILE_M:g} m")
    p.close()
    html_report(ev.rows, ev.dataset, os.path.join(report, "report.html"), ev.files.get("figure", ""),
                "CrossTime demo (synthetic data)")
    summary = {
        "output": os.path.abspath(out), "report": os.path.abspath(report), "model": model, "index": index_path,
        "matches": gpkg, "tile": f"{TILE_M:g} m x {TILE_M:g} m, {TILE_PX} px", "tiles": {k: len(s) for k, s in stores.items()},
        "training": {"recipe": plan.recipe, "backbone": plan.backbone, "epochs": len(result.history),
                     "best_epoch": result.best_epoch, "best_val": result.best_val, "minutes": round(result.wall_s / 60, 2),
                     "stopped": result.stopped},
        "test_batch_match": bm.summary(), "headline": ev.headline(), "rows": ev.rows,
        "landscapes": {k: {"folder": v.folder, "changes": v.changes} for k, v in lands.items()},
        "test_data": {"old_ortho": test.old_ortho, "new_ortho": test.new_ortho, "old_vectors": test.old_vectors,
                      "new_vectors": test.new_vectors},
    }
    p = _stage("5/5 QGIS project")
    if project_writer is not None:
        summary["project"] = project_writer(summary)
    p.update(1.0)
    p.close()
    summary["wall_minutes"] = round((time.time() - t0) / 60, 2)
    with open(os.path.join(out, "summary.json"), "w", encoding="utf-8") as f:
        json.dump(summary, f, indent=1, default=str)
    _print_summary(summary)
    return summary


def _print_summary(s: dict) -> None:
    print("\n=== CrossTime demo (synthetic data) ===")
    print(f"report:   {s['report']}/report.html  (tables: results.md, figure: examples.png)")
    print(f"matches:  {s['matches']}")
    if s.get("project"):
        print(f"QGIS:     {s['project']}")
    t = s["training"]
    bv = (t["best_val"] or {}).get("map@5")
    print(f"training: {t['recipe']} {t['backbone']}, {t['epochs']} epochs in {t['minutes']} min, best validation "
          f"map@5 {bv:.3f}" if bv is not None else "")
    print(f"tiles:    {s['tile']}; " + ", ".join(f"{k} {v}" for k, v in s["tiles"].items()))
    for line in s["headline"]:
        print("  " + line)
    print(f"total {s['wall_minutes']} min")
