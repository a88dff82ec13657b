"""Figures and HTML for people: the training curve and the evaluation report."""
from __future__ import annotations

import base64
import html
import os
from typing import Sequence, Union


def plot_history(history: Sequence[dict], path: str, title: str = "") -> str:
    """Loss and validation map@5 per epoch, as a PNG."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    ep = [h["epoch"] for h in history]
    fig = Figure(figsize=(6, 3.5))
    FigureCanvasAgg(fig)
    ax = fig.subplots()
    ax.plot(ep, [h["loss"] for h in history], "o-", color="tab:red", label="training loss")
    ax.set_xlabel("epoch")
    ax.set_ylabel("loss", color="tab:red")
    vals = [(h["epoch"], h["val_map@5"]) for h in history if h.get("val_map@5") is not None]
    if vals:
        ax2 = ax.twinx()
        ax2.plot(*zip(*vals), "s-", color="tab:blue", label="validation map@5")
        ax2.set_ylabel("validation map@5", color="tab:blue")
        ax2.set_ylim(0, 1)
    ax.set_title(title or "training")
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    return path


def embedded_png(path: str) -> str:
    """An <img> element carrying the PNG file itself, so that the HTML report stands alone."""
    with open(path, "rb") as f:
        return f'<img src="data:image/png;base64,{base64.b64encode(f.read()).decode()}">'


def html_report(md_rows: Sequence[dict], dataset: dict, path: str, figures: Union[str, Sequence[str]] = (),
                title: str = "CrossTime evaluation") -> str:
    """The evaluation table and its example figures (embedded) as one HTML file."""
    from .tables import SHOWN_COLUMNS, cell_text
    cols = SHOWN_COLUMNS
    fmt = lambda v: html.escape(cell_text(v))
    rows = "\n".join("<tr>" + "".join(f"<td>{fmt(r.get(c))}</td>" for c in cols) + "</tr>" for r in md_rows)
    img = ""
    for figure in [figures] if isinstance(figures, str) else list(figures):
        if figure and os.path.exists(figure):
            img += "<h2>Example queries</h2>" + embedded_png(figure)
    doc = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>body{{font-family:sans-serif;margin:1.5em}} table{{border-collapse:collapse}}
td,th{{border:1px solid #ccc;padding:3px 6px;font-size:13px}} th{{background:#eee}}</style>
</head><body><h1>{html.escape(title)}</h1>
<p>Dataset <b>{html.escape(str(dataset.get('name')))}</b>: {dataset.get('queries')} queries (new date) against as many
old-date tiles; tiles of {dataset.get('tile_px')} px covering {html.escape(str(dataset.get('footprint')))}.
map@5 is the reciprocal rank of the true match, 0 past rank 5. Baseline normalisation and distance:
{html.escape(str(dataset.get('baseline_settings', '')))}.</p>
<table><tr>{''.join(f'<th>{c}</th>' for c in cols)}</tr>
{rows}</table>{img}</body></html>"""
    with open(path, "w", encoding="utf-8") as f:
        f.write(doc)
    return path
