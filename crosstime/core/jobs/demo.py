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

from ..choices import ARCHIVE_PIXELS
from ..messages import Message
from ..progress import TerminalProgress

TILE_M, TILE_PX = 200.0, 128
# the training budget: with the rest of the demo, about 5 minutes on 2 cores
DEMO_MINUTES = 2.0


@dataclass
class DemoPlan:
    sizes: Dict[str, float] = field(default_factory=lambda: {"train": 4800.0, "val": 2400.0, "test": 4000.0})
    resolution: float = 1.5
    minutes: float = DEMO_MINUTES
    recipe: str = "infonce"
    backbone: str = "resnet18"


def run_demo(out: str, minutes: float = DEMO_MINUTES, seed: int = 0, quick: bool = False,
             project_writer: Optional[Callable[[dict], Optional[str]]] = None) -> dict:
    """Run everything; returns the summary (also written to ``summary.json``)."""
    from .. import choices, jobs
    from ..geo.legend import load_legend
    from ..samples.synthetic import SyntheticConfig, generate_landscape
    t0 = time.time()
    plan = DemoPlan(minutes=minutes)
    if quick:
        plan.sizes = {"train": 1600.0, "val": 1200.0, "test": 1600.0}
        plan.minutes = min(minutes, 1.0)
    os.makedirs(out, exist_ok=True)
    out = os.path.abspath(out)
    legend = load_legend(choices.DEFAULT_LEGEND)
    lands, stores = {}, {}
    print(f"CrossTime demo on synthetic landscapes (not real data), writing to {os.path.abspath(out)}")
    p = TerminalProgress("1/6 synthetic landscapes and tile stores")
    for k, (role, size) in enumerate(plan.sizes.items()):
        land = generate_landscape(os.path.join(out, "data", role),
                                  SyntheticConfig(size_m=size, resolution=plan.resolution, seed=seed * 10 + k + 1))
        store, _ = jobs.build_tile_store(os.path.join(out, "data", f"{role}.ctstore"), land.old_ortho, land.new_ortho,
                                         jobs.read_vector_files([land.old_vectors]),
                                         jobs.read_vector_files([land.new_vectors]), legend,
                                         tile_size=TILE_M, pixels=TILE_PX)
        lands[role], stores[role] = land, store
        p.update((k + 1) / len(plan.sizes), Message("{role}: {n_store} tiles", role=role, n_store=len(store)))
    p.close()
    model = os.path.join(out, "model.ctmodel")
    p = TerminalProgress(f"2/6 training ({plan.recipe}, {plan.backbone}, {plan.minutes:g} min budget)")
    result = jobs.train_descriptor([stores["train"].path], model, val_stores=[stores["val"].path], recipe=plan.recipe,
                                   checkpoints=os.path.join(out, "checkpoints"),
                                   log_csv=os.path.join(out, "training_log.csv"),
                                   plot=os.path.join(out, "training.png"), progress=p, backbone=plan.backbone,
                                   weights="none", epochs=200, max_minutes=plan.minutes, seed=seed)
    p.close()
    test = lands["test"]
    p = TerminalProgress("3/6 old-date index and matching of every new-date tile")
    index_path = os.path.join(out, "old_index.ctindex")
    _idx, grid, _w = jobs.build_index_from_layers(index_path, test.old_ortho, test.new_ortho,
                                                  jobs.read_vector_files([test.old_vectors]), legend,
                                                  jobs.IndexSettings(model=model, tile_size=TILE_M, pixels=TILE_PX),
                                                  progress=p.sub(0, 0.5))
    report = os.path.join(out, "report")
    os.makedirs(report, exist_ok=True)
    gpkg = os.path.join(report, "matches.gpkg")
    bm, _w = jobs.match_all_tiles(index_path, model, legend, test.new_ortho,
                                  new_vectors=jobs.read_vector_files([test.new_vectors]), k=5, out_gpkg=gpkg,
                                  progress=p.sub(0.5, 1))
    p.close()
    p = TerminalProgress("4/6 evaluation against the untrained baselines")
    ev = jobs.evaluate_stores([stores["test"].path], report, jobs.EvaluationRequest(
        models=[model], baselines=list(choices.LIGHT_BASELINES) + list(choices.PAPER_BASELINES),
        name="synthetic test landscape", title="CrossTime demo (synthetic data)"), progress=p)
    p.close()
    p = TerminalProgress("5/6 archive search: synthetic scans of the old date located on the new ortho")
    archive = locate_demo_archive(out, report, test.old_ortho, test.new_ortho, quick, seed, p)
    p.close()
    summary = {
        "archive": archive,
        "output": os.path.abspath(out), "report": os.path.abspath(report), "model": model, "index": index_path,
        "matches": gpkg, "tile": f"{TILE_M:g} m x {TILE_M:g} m, {TILE_PX} px", "tile_size": TILE_M, "tile_pixels": TILE_PX,
        "tiles": {k: len(s) for k, s in stores.items()},
        "training": {"recipe": plan.recipe, "backbone": plan.backbone, "epochs": len(result.history),
                     "best_epoch": result.best_epoch, "best_val": result.best_val, "minutes": round(result.wall_s / 60, 2),
                     "stopped": result.stopped},
        "test_batch_match": bm.summary(), "headline": ev.headline(), "rows": ev.rows,
        "landscapes": {k: {"folder": v.folder, "changes": v.changes} for k, v in lands.items()},
        "test_data": {"old_ortho": test.old_ortho, "new_ortho": test.new_ortho, "old_vectors": test.old_vectors,
                      "new_vectors": test.new_vectors},
    }
    p = TerminalProgress("6/6 QGIS project")
    if project_writer is not None:
        summary["project"] = project_writer(summary)
    p.update(1.0)
    p.close()
    summary["wall_minutes"] = round((time.time() - t0) / 60, 2)
    with open(os.path.join(out, "summary.json"), "w", encoding="utf-8") as f:
        json.dump(summary, f, indent=1, default=str)
    _print_summary(summary)
    return summary


def locate_demo_archive(out: str, report: str, old_ortho: str, new_ortho: str, quick: bool, seed: int,
                        progress) -> dict:
    """Synthetic scans of the old ortho (their true poses aside), indexed and located on the new ortho with the
    untrained archive describer, as the dock's Archive tab does; scored, drawn, and added to the report."""
    from .. import jobs
    from ..archive.workspace import ArchiveWorkspace
    from ..evaluation.archive_report import append_to_report, archive_section, plot_footprints
    from ..evaluation.archive_scoring import load_truth, score_locations
    folder = os.path.join(out, "archive", "photos")
    truth_path = os.path.join(out, "archive", "truth.json")
    n, footprint = (3, (800.0, 1100.0)) if quick else (5, (1500.0, 2500.0))
    truth = jobs.synthetic_archive(old_ortho, folder, truth_path, n_photos=n, seed=seed, photo_px=(500, 700),
                                   footprint_m=footprint)
    ws = ArchiveWorkspace(os.path.join(out, "archive", "results"))
    jobs.index_archive_for_ortho(folder, ws.folder, new_ortho, catalogue=truth["catalogue"], tile_size=TILE_M,
                                 pixels=ARCHIVE_PIXELS, device="cpu", progress=progress.sub(0.0, 0.3))
    locs = jobs.locate_archive_photos(
        ws.modern_index, jobs.ArchiveOptions(device="cpu"), archive_index=ws.archive_index,
        outputs=jobs.LocateOutputs(gpkg=ws.footprints, vrt_folder=ws.vrt_folder, json=ws.locations),
        progress=progress.sub(0.3, 1.0))
    ev = score_locations(locs, load_truth(truth_path), TILE_M, "demo archive")
    summary = ev.summary()
    ev.write(os.path.join(report, "archive"))
    figure = plot_footprints(new_ortho, locs, truth, {p.photo: p.located for p in ev.photos},
                             os.path.join(report, "archive.png"))
    append_to_report(os.path.join(report, "report.html"),
                     archive_section(summary, [vars(p) for p in ev.photos], figure))
    return {"folder": folder, "catalogue": truth["catalogue"], "truth": truth_path, "results": ws.folder,
            "tile_size": TILE_M, "figure": figure, "summary": summary}


def _print_summary(s: dict) -> None:
    print("\n=== CrossTime demo (synthetic data) ===")
    print(f"report:   {s['report']}/report.html  (tables: results.md, figure: examples_1.png)")
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
    a = (s.get("archive") or {}).get("summary") or {}
    if a.get("photos"):
        print(f"archive:  {a['photos']} synthetic scans located: {100 * a['success_rate']:.0f} % within one tile, "
              f"median error {a['median_centre_error_m']:.0f} m, {a['seconds_per_photo']:.1f} s per photo "
              f"(figure: archive.png)")
    print(f"total {s['wall_minutes']} min")
