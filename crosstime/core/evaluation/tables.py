"""The results table: its columns, one row, and the table written as Markdown and CSV (the HTML report reuses them)."""
from __future__ import annotations

import csv
from typing import Optional, Sequence

import numpy as np

from .. import metrics

# every column of a row, in the CSV's order
COLUMNS = ("descriptor", "modality", "fusion", "normalisation", "distance", "neighbourhood", "R", "input_px", "map@5",
           "recall@1", "recall@5", "queries", "note")
# the columns shown to people (Markdown and HTML), in the paper's order
SHOWN_COLUMNS = ("descriptor", "modality", "normalisation", "fusion", "distance", "neighbourhood", "R", "input_px",
                 "map@5", "recall@1", "recall@5", "note")


def score_row(label: str, modality: str, fusion: str, norm: str, distance: str, dim: int, input_px: int,
              ranks: Optional[np.ndarray], n: int = 5, note: str = "") -> dict:
    """One table row: the settings and map@n, recall@1, recall@5 of ``ranks`` (None: not run)."""
    r = {"descriptor": label, "modality": modality, "fusion": fusion, "normalisation": norm, "distance": distance,
         "neighbourhood": "1x1", "R": int(dim), "input_px": input_px}
    r.update(metrics.summary(ranks, n) if ranks is not None else {f"map@{n}": None, "recall@1": None,
                                                                   "recall@5": None, "queries": 0})
    r["note"] = note
    return r




def cell_text(v) -> str:
    if v is None:
        return "n/a"
    if isinstance(v, float):
        return f"{v:.3f}"
    return str(v)


def write_markdown(path: str, rows: Sequence[dict], ds: dict) -> None:
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"Dataset: {ds['name']}, {ds['queries']} queries (new date) against as many old-date tiles, "
                f"tiles of {ds['tile_px']} px covering {ds['footprint']}, semantics {ds['semantic_mode']}; "
                f"baseline normalisation and distance {ds.get('baseline_settings', 'fixed a priori')}.\n\n")
        f.write("| " + " | ".join(SHOWN_COLUMNS) + " |\n|" + "|".join("---" for _ in SHOWN_COLUMNS) + "|\n")
        for r in rows:
            f.write("| " + " | ".join(cell_text(r.get(c)) for c in SHOWN_COLUMNS) + " |\n")


def write_csv(path: str, rows: Sequence[dict]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(COLUMNS) + ["kind"], extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
