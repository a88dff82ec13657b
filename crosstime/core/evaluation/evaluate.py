"""Evaluation: trained models and untrained baselines on the same tiles, tables in the paper's shape
(modality x fusion x normalisation x distance x R -> map@5, recall@1, recall@5) as Markdown, CSV and
JSON, and a figure of example queries with their top-5 answers and the true match framed (Figure 4).
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import List, Optional, Sequence

import numpy as np

from ..messages import Message
from ..progress import SILENT, Progress
from ..similarity import cosine_similarity, rank_of_truth
from ..tiles.dates import NEW, OLD
from .baselines import LIGHT_BASELINES, BaselineSpec, baseline_rows, late_fusion, normalise
from .neighbourhood_rows import EVALUATED, neighbourhood_figure, neighbourhood_rows
from .tables import score_row, write_csv, write_markdown

THUMBNAIL_LABEL = "thumbnail 16x16 (Quick mode)"


@dataclass
class Evaluation:
    rows: List[dict]
    dataset: dict
    files: dict = field(default_factory=dict)
    model_descriptors: dict = field(default_factory=dict)   # label -> (queries, database) descriptors
    by_source: dict = field(default_factory=dict)            # source -> Evaluation of its tiles alone

    def headline(self) -> List[str]:
        out = []
        scored = [r for r in self.rows if r["map@5"] is not None]
        single = [r for r in scored if r.get("neighbourhood", "1x1") == "1x1"]
        trained = [r for r in single if r.get("kind") == "trained"]
        base = [r for r in single if r.get("kind") == "baseline"]
        for r in trained:
            out.append(Message("{descriptor}: map@5 {map:.3f}, recall@1 {recall:.3f}", descriptor=r["descriptor"],
                               map=r["map@5"], recall=r["recall@1"]))
        for r in scored:
            if r.get("neighbourhood") == EVALUATED[0].label and r.get("kind") in ("trained", "baseline"):
                out.append(Message("{descriptor}, candidates judged with their {neighbourhood} neighbourhood: map@5 "
                                   "{map:.3f}", descriptor=r["descriptor"], neighbourhood=r["neighbourhood"],
                                   map=r["map@5"]))
        if base:
            b = max(base, key=lambda r: r["map@5"])
            out.append(Message("best untrained baseline: {descriptor} ({modality}, {fusion}, {normalisation}, "
                               "{distance}): map@5 {map:.3f}", descriptor=b["descriptor"], modality=b["modality"],
                               fusion=b["fusion"], normalisation=b["normalisation"], distance=b["distance"],
                               map=b["map@5"]))
        return out


def model_rows(model_paths: Sequence[str], tiles, legend, device: str = "cpu", progress: Progress = SILENT,
               with_untrained: bool = True, thumb_sim: Optional[np.ndarray] = None, n: int = 5):
    """Rows for trained models, the same networks before training, and each model late-fused with a thumbnail
    (``thumb_sim``: the per-tile standardised thumbnails' similarities, computed once for every model)."""
    from ..nn.descriptor import DescriptorNet
    from ..nn.model_config import ModelConfig
    from ..retrieval.describer import describe_tiles
    from ..retrieval.model_file import load_model, model_label
    rows, descs = [], {}
    untrained_done = set()
    truth = np.arange(len(tiles))
    gidx = np.arange(len(tiles))
    for k, path in enumerate(model_paths):
        mp = progress.sub(k / len(model_paths), (k + 1) / len(model_paths))
        net, info = load_model(path, device)
        cfg = net.cfg
        label = f"{os.path.basename(path)} ({info.meta.get('recipe', 'trained')}, {cfg.backbone})"
        for w in model_fit_warnings(info, legend.name, tiles):
            progress.info(Message("{path}: {w}", path=os.path.basename(path), w=w))
        q = describe_tiles(net, tiles, gidx, NEW, legend, device=device, progress=mp.sub(0, .3))
        d = describe_tiles(net, tiles, gidx, OLD, legend, device=device, progress=mp.sub(.3, .6))
        descs[label] = (q, d)
        sim = cosine_similarity(q, d)
        mod = {"fusion": "visual+semantic", "visual": "visual", "semantic": "semantic"}[cfg.modality]
        fus = "early conv (eq. 4, trained)" if cfg.modality == "fusion" else "none"
        rows.append({**score_row(label, mod, fus, "none", "cosine", net.out_dim, cfg.tile_pixels,
                           rank_of_truth(sim, truth), n), "kind": "trained",
                     "note": model_label(info)})
        if thumb_sim is not None:
            rows.append({**score_row(label + " + thumbnail", mod, "late (trained + thumbnail)", "none", "cosine",
                               net.out_dim, cfg.tile_pixels, rank_of_truth(late_fusion([sim, thumb_sim]), truth), n),
                         "kind": "trained", "note": "late fusion of the trained descriptor and the 16x16 thumbnail"})
        architecture = json.dumps({k: v for k, v in info.config.items() if k not in ("tile_size", "legend")},
                                  sort_keys=True)
        if net.map_thumbnail_needs_fit:
            architecture += info.fingerprint        # its map scaling was fitted on this model's own training tiles
        if with_untrained and architecture not in untrained_done:
            untrained_done.add(architecture)
            init = ModelConfig.from_dict(info.config)
            try:
                import torch
                torch.manual_seed(0)
                raw = DescriptorNet(init).to(device)
                if raw.map_thumbnail_needs_fit:
                    # fitted on the training tiles, not learnt: the twin has it as training began
                    raw.fit_map_thumbnail_from(net)
                qu = describe_tiles(raw, tiles, gidx, NEW, legend, device=device, progress=mp.sub(.6, .8))
                du = describe_tiles(raw, tiles, gidx, OLD, legend, device=device, progress=mp.sub(.8, 1))
                rows.append({**score_row(f"{cfg.backbone} same network untrained ({init.weights} backbone)", mod,
                                         fus.replace("trained", "untrained"),
                                   "none", "cosine", raw.out_dim, cfg.tile_pixels,
                                   rank_of_truth(cosine_similarity(qu, du), truth), n),
                             "kind": "untrained", "note": "the trained model's architecture at its initial weights"})
            except Exception as exc:  # weights unavailable for the untrained twin: say so
                rows.append({**score_row(f"{cfg.backbone} same network untrained", mod, "-", "-", "-", 0, cfg.tile_pixels,
                                   None, n), "kind": "untrained", "note": f"not run: {exc}"})
    return rows, descs


def evaluate(tiles, legend, out_dir: str, model_paths: Sequence[str] = (),
             baselines: Sequence[BaselineSpec] = LIGHT_BASELINES, dataset_name: str = "dataset",
             semantic_mode: str = "rgb", device: str = "cpu", figure: bool = True,
             progress: Progress = SILENT, footprint: Optional[str] = None, validation=None, n: int = 5) -> Evaluation:
    """Score models and baselines on ``tiles`` (a TileSet whose new date queries its old date).

    ``validation``: disjoint tiles on which each baseline's normalisation and distance are chosen; without
    them the settings are fixed a priori. The test tiles are scored once per row.
    """
    from .baselines import extract
    os.makedirs(out_dir, exist_ok=True)
    thumb_spec = BaselineSpec("thumbnail", "flat", 0)
    thumb = (extract(thumb_spec, tiles, NEW, legend, "visual"), extract(thumb_spec, tiles, OLD, legend, "visual"))
    thumb_sim = cosine_similarity(*normalise(*thumb, "tile"))
    rows, descs = (model_rows(model_paths, tiles, legend, device, progress.sub(0, 0.5), thumb_sim=thumb_sim)
                   if model_paths else ([], {}))
    base, chosen_on = baseline_rows(tiles, legend, baselines, semantic_mode=semantic_mode, device=device,
                                    progress=progress.sub(0.5, 0.95), validation=validation)
    for r in base:
        r["kind"] = "baseline"
    thumb_row = {**score_row(THUMBNAIL_LABEL, "visual", "none", "tile", "cosine", thumb[0].shape[1], tiles.pixels,
                             rank_of_truth(thumb_sim, np.arange(len(tiles))), n), "kind": "baseline",
                 "note": "the Quick mode describer"}
    sims = {label: cosine_similarity(q, d) for label, (q, d) in descs.items()}
    sims[THUMBNAIL_LABEL] = thumb_sim
    singles = [r for r in rows if r["descriptor"] in sims] + [thumb_row]
    around = neighbourhood_rows(singles, sims, tiles, n=n)
    shown = rows + base + [thumb_row] + around
    ds = {"name": dataset_name, "queries": len(tiles), "tile_px": tiles.pixels,
          "footprint": footprint or "unknown", "semantic_mode": semantic_mode,
          "baseline_settings": f"chosen on {len(validation)} validation tiles" if validation is not None
          else "fixed a priori (per-tile standardisation + cosine for the thumbnail, L2 + cosine for CNNs)"}
    ev = Evaluation(shown, ds, model_descriptors=descs)
    ev.files["markdown"] = os.path.join(out_dir, "results.md")
    ev.files["csv"] = os.path.join(out_dir, "results.csv")
    ev.files["json"] = os.path.join(out_dir, "results.json")
    write_markdown(ev.files["markdown"], shown, ds)
    write_csv(ev.files["csv"], shown)
    if chosen_on:
        ev.files["csv_validation"] = os.path.join(out_dir, "baselines_validation.csv")
        write_csv(ev.files["csv_validation"], chosen_on)
    with open(ev.files["json"], "w", encoding="utf-8") as f:
        json.dump({"dataset": ds, "rows": shown, "validation_rows": chosen_on}, f, indent=1)
    if figure:
        for k, (label, (q, d)) in enumerate(descs.items()):
            ev.files[f"figure_{k}"] = example_figure(tiles, legend, q, d, os.path.join(out_dir, f"examples_{k + 1}.png"),
                                                     title=f"{label}: example queries and their top answers")
        if descs:
            ev.files["figure"] = ev.files["figure_0"]
        first = next(iter(sims))
        ev.files[f"figure_{len(descs)}"] = neighbourhood_figure(
            tiles, sims[first], os.path.join(out_dir, "neighbourhood.png"),
            title=first)
    progress.update(1.0, "evaluation written")
    return ev


def model_fit_warnings(info, legend_name: str, tiles) -> List[str]:
    """What differs between the tiles a model was trained on and the tiles it is applied to."""
    out = []
    trained_legend = info.config.get("legend")
    if trained_legend and legend_name and trained_legend != legend_name:
        out.append(Message("trained with the legend '{trained}', applied to tiles drawn with '{legend}'",
                           trained=trained_legend, legend=legend_name))
    trained_size = info.config.get("tile_size") or info.meta.get("tile_ground_size")
    grid = tiles.grid_dict() if hasattr(tiles, "grid_dict") else None
    size = (grid or {}).get("tile_size")
    if trained_size and size and abs(float(trained_size) - float(size)) > 0.05 * float(size):
        out.append(Message("trained on tiles of {trained:g} m, applied to tiles of {size:g} m",
                           trained=float(trained_size), size=float(size)))
    return out


def example_figure(tiles, legend, q: np.ndarray, d: np.ndarray, path: str, n_examples: int = 4, k: int = 5,
                   title: str = "") -> str:
    """Queries (new date) with their top-k old-date answers; the true match framed in blue (paper Fig. 4)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    sim = cosine_similarity(q, d)
    ranks = rank_of_truth(sim, np.arange(len(q)))
    good = np.nonzero(ranks == 1)[0]
    bad = np.nonzero(ranks > 1)[0]
    rng = np.random.default_rng(0)
    pick = list(rng.choice(good, min(len(good), n_examples // 2), replace=False)) if len(good) else []
    pick += list(rng.choice(bad, min(len(bad), n_examples - len(pick)), replace=False)) if len(bad) else []
    pick = pick[:n_examples] or [0]
    fig = Figure(figsize=(2.1 * (k + 1), 2.3 * len(pick)))
    FigureCanvasAgg(fig)
    axes = fig.subplots(len(pick), k + 1, squeeze=False)
    ids = tiles.ids()
    for r, qi in enumerate(pick):
        img = tiles.read([qi], NEW).images
        ax = axes[r, 0]
        ax.imshow(img[0])
        note = f"\ntrue match at rank {ranks[qi]}" if ranks[qi] > k else ""
        ax.set_title(f"query {ids[qi]} (new date){note}", fontsize=7, color="red" if note else "black")
        top = np.argsort(-sim[qi])[:k]
        imgs = tiles.read(top, OLD).images
        for c, (di, im) in enumerate(zip(top, imgs)):
            ax = axes[r, c + 1]
            ax.imshow(im)
            hit = di == qi
            ax.set_title(f"#{c + 1} {ids[di]}\nscore {sim[qi, di]:.2f}" + (" TRUE" if hit else ""), fontsize=7,
                         color="blue" if hit else "black")
            if hit:
                for s in ax.spines.values():
                    s.set_edgecolor("blue")
                    s.set_linewidth(4)
    for ax in axes.ravel():
        ax.set_xticks([])
        ax.set_yticks([])
    fig.suptitle(title or "example queries and their top answers (true match in blue)", fontsize=9)
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    return path
