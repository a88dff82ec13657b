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

from ..progress import SILENT, Progress
from ..similarity import cosine_similarity, rank_of_truth
from ..tiles.dates import NEW, OLD
from .baselines import LIGHT_BASELINES, BaselineSpec, baseline_rows, best_rows, late_fusion, normalise
from .tables import score_row, write_csv, write_markdown


@dataclass
class Evaluation:
    rows: List[dict]
    dataset: dict
    files: dict = field(default_factory=dict)
    model_descriptors: dict = field(default_factory=dict)   # label -> (queries, database) descriptors

    def headline(self) -> List[str]:
        out = []
        trained = [r for r in self.rows if r.get("kind") == "trained" and r["map@5"] is not None]
        base = [r for r in self.rows if r.get("kind") == "baseline" and r["map@5"] is not None]
        for r in trained:
            out.append(f"{r['descriptor']}: map@5 {r['map@5']:.3f}, recall@1 {r['recall@1']:.3f}")
        if base:
            b = max(base, key=lambda r: r["map@5"])
            out.append(f"best untrained baseline: {b['descriptor']} ({b['modality']}, {b['fusion']}, "
                       f"{b['normalisation']}, {b['distance']}): map@5 {b['map@5']:.3f}")
        return out


def model_rows(model_paths: Sequence[str], tiles, legend, device: str = "cpu", progress: Progress = SILENT,
               with_untrained: bool = True, thumb: Optional[tuple] = None, n: int = 5):
    """Rows for trained models, the same networks before training, and each model late-fused with a thumbnail."""
    from ..nn.descriptor import DescriptorNet, ModelConfig
    from ..retrieval.describer import describe_tiles
    from ..retrieval.model_file import load_model, model_label
    rows, descs = [], {}
    truth = np.arange(len(tiles))
    gidx = np.arange(len(tiles))
    for k, path in enumerate(model_paths):
        mp = progress.sub(k / len(model_paths), (k + 1) / len(model_paths))
        net, info = load_model(path, device)
        cfg = net.cfg
        label = f"{os.path.basename(path)} ({info.meta.get('recipe', 'trained')}, {cfg.backbone})"
        q = describe_tiles(net, tiles, gidx, NEW, legend, device=device, progress=mp.sub(0, .3))
        d = describe_tiles(net, tiles, gidx, OLD, legend, device=device, progress=mp.sub(.3, .6))
        descs[label] = (q, d)
        sim = cosine_similarity(q, d)
        mod = {"fusion": "visual+semantic", "visual": "visual", "semantic": "semantic"}[cfg.modality]
        fus = "early conv (eq. 4, trained)" if cfg.modality == "fusion" else "none"
        rows.append({**score_row(label, mod, fus, "none", "cosine", net.out_dim, cfg.tile_pixels,
                           rank_of_truth(sim, truth), n), "kind": "trained",
                     "note": model_label(info)})
        if thumb is not None:
            tq, td = thumb
            ts = cosine_similarity(*normalise(tq, td, "std"))
            rows.append({**score_row(label + " + thumbnail", mod, "late (trained + thumbnail)", "none", "cosine",
                               net.out_dim, cfg.tile_pixels, rank_of_truth(late_fusion([sim, ts]), truth), n),
                         "kind": "trained", "note": "late fusion of the trained descriptor and the 16x16 thumbnail"})
        if with_untrained:
            init = ModelConfig.from_dict(info.config)
            try:
                import torch
                torch.manual_seed(0)
                raw = DescriptorNet(init).to(device)
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
             progress: Progress = SILENT, footprint: Optional[str] = None) -> Evaluation:
    """Score models and baselines on ``tiles`` (a TileSet whose new date queries its old date)."""
    from .baselines import extract
    os.makedirs(out_dir, exist_ok=True)
    thumb_spec = BaselineSpec("thumbnail", "flat", 0)
    thumb = (extract(thumb_spec, tiles, NEW, legend, "visual"), extract(thumb_spec, tiles, OLD, legend, "visual"))
    rows, descs = model_rows(model_paths, tiles, legend, device, progress.sub(0, 0.5), thumb=thumb) if model_paths \
        else ([], {})
    base = baseline_rows(tiles, legend, baselines, semantic_mode=semantic_mode, device=device,
                         progress=progress.sub(0.5, 0.95))
    for r in base:
        r["kind"] = "baseline"
    shown = rows + sorted(best_rows(base), key=lambda r: (r["descriptor"], r["modality"], r["fusion"]))
    ds = {"name": dataset_name, "queries": len(tiles), "tile_px": tiles.pixels,
          "footprint": footprint or "unknown", "semantic_mode": semantic_mode}
    ev = Evaluation(shown, ds, model_descriptors=descs)
    ev.files["markdown"] = os.path.join(out_dir, "results.md")
    ev.files["csv"] = os.path.join(out_dir, "results.csv")
    ev.files["csv_all"] = os.path.join(out_dir, "baselines_all.csv")
    ev.files["json"] = os.path.join(out_dir, "results.json")
    write_markdown(ev.files["markdown"], shown, ds)
    write_csv(ev.files["csv"], shown)
    write_csv(ev.files["csv_all"], base)
    with open(ev.files["json"], "w", encoding="utf-8") as f:
        json.dump({"dataset": ds, "rows": shown, "all_baseline_rows": base}, f, indent=1)
    if figure and descs:
        label, (q, d) = next(iter(descs.items()))
        ev.files["figure"] = os.path.join(out_dir, "examples.png")
        example_figure(tiles, legend, q, d, ev.files["figure"], title=label)
    progress.update(1.0, "evaluation written")
    return ev


def example_figure(tiles, legend, q: np.ndarray, d: np.ndarray, path: str, n_examples: int = 4, k: int = 5,
                   title: str = "") -> str:
    """Queries (new date) with their top-k old-date answers; the true match framed in blue (paper Fig. 4)."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    sim = cosine_similarity(q, d)
    ranks = rank_of_truth(sim, np.arange(len(q)))
    good = np.nonzero(ranks == 1)[0]
    bad = np.nonzero(ranks > 1)[0]
    rng = np.random.default_rng(0)
    pick = list(rng.choice(good, min(len(good), n_examples // 2), replace=False)) if len(good) else []
    pick += list(rng.choice(bad, min(len(bad), n_examples - len(pick)), replace=False)) if len(bad) else []
    pick = pick[:n_examples] or [0]
    fig, axes = plt.subplots(len(pick), k + 1, figsize=(2.1 * (k + 1), 2.3 * len(pick)), squeeze=False)
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
    plt.close(fig)
    return path
