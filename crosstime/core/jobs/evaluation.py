"""Scoring models and untrained baselines on tile stores (the paper's map@5 protocol)."""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Optional, Sequence

from ..atomic import check_writable
from ..errors import CrossTimeError
from ..progress import SILENT, Progress
from .tiles import open_tile_set


@dataclass
class EvaluationRequest:
    """What to score and how to present it. ``baselines``: keys of ``choices.BASELINES`` (None: the light ones);
    their normalisation and distance are chosen on ``validation_stores`` when given (fixed a priori otherwise).
    ``html``: the report's path (default ``out_dir/report.html``); ``by_source``: one report per source too."""
    models: Sequence[str] = ()
    baselines: Optional[Sequence[str]] = None
    semantic_mode: str = "rgb"
    name: Optional[str] = None
    title: str = "CrossTime evaluation"
    html: Optional[str] = None
    validation_stores: Sequence[str] = ()
    by_source: bool = False
    device: str = "cpu"


def evaluate_stores(store_paths: Sequence[str], out_dir: str, request: Optional[EvaluationRequest] = None, *,
                    progress: Progress = SILENT):
    """Score models and untrained baselines on tile stores; writes the tables, figures and an HTML report (with
    ``by_source``, also one report per source of the tiles in ``out_dir/<source>/``). Returns the Evaluation."""
    from .. import choices
    from ..evaluation.baselines import baseline_spec
    from ..evaluation.evaluate import evaluate
    from ..evaluation.report import html_report
    req = request or EvaluationRequest()
    check_writable(out_dir, folder=True)
    if req.html:
        check_writable(req.html)
    tiles = open_tile_set(store_paths)
    validation = open_tile_set(req.validation_stores) if req.validation_stores else None
    from ..retrieval.map_use import tell_stores_without_maps
    tell_stores_without_maps(tiles, progress)
    first = tiles.stores[0]
    keys = choices.LIGHT_BASELINES if req.baselines is None else req.baselines
    unknown = [k for k in keys if k not in choices.BASELINES]
    if unknown:
        raise CrossTimeError("unknown baseline(s) {unknown}: choose among {baselines}",
                             unknown=", ".join(unknown), baselines=", ".join(choices.BASELINES))
    specs = [baseline_spec(k) for k in keys]
    parts = [(None, tiles, out_dir)]
    if req.by_source:
        parts += [(src, part, os.path.join(out_dir, src.replace(os.sep, "_"))) for src, part in tiles.by_source().items()]
    result = None
    for k, (source, part, folder) in enumerate(parts):
        label = req.name or os.path.basename(first.path)
        ev = evaluate(part, first.legend(), folder, list(req.models), specs,
                      dataset_name=label if source is None else f"{label}, source {source}",
                      semantic_mode=req.semantic_mode, device=req.device,
                      progress=progress.sub(k / len(parts), (k + 1) / len(parts)),
                      footprint=part.footprint_text(), validation=validation)
        figures = [ev.files[f] for f in sorted(ev.files) if f.startswith("figure_")]
        page = req.html if (req.html and source is None) else os.path.join(folder, "report.html")
        ev.files["html"] = html_report(ev.rows, ev.dataset, page, figures,
                                       req.title if source is None else f"{req.title}: source {source}")
        if result is None:
            result = ev
        else:
            result.files[f"html_{source}"] = ev.files["html"]
            result.by_source[source] = ev
    return result
