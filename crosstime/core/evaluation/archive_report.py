"""The archive search for people: true and found footprints over the modern ortho, and the report's section."""
from __future__ import annotations

import html
import os
from typing import Dict, Sequence

import numpy as np

from ..archive.location import Location


def plot_footprints(ortho: str, locations: Sequence[Location], truth: dict, located: Dict[str, bool], path: str,
                    max_side: int = 900) -> str:
    """The modern ortho (reduced) with each photo's true footprint (dashed) and found footprint (green when its
    centre lies within one tile of the truth, red otherwise, as scored), labelled with the photo's number."""
    import rasterio
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    with rasterio.open(ortho) as src:
        f = max(1.0, max(src.width, src.height) / max_side)
        shape = (min(3, src.count), max(1, int(src.height / f)), max(1, int(src.width / f)))
        img = src.read(list(range(1, shape[0] + 1)), out_shape=shape)
        x0, y0, x1, y1 = src.bounds
    img = np.moveaxis(img, 0, -1).squeeze()
    fig = Figure(figsize=(7, 7 * (y1 - y0) / max(1e-9, x1 - x0)))
    FigureCanvasAgg(fig)
    ax = fig.subplots()
    ax.imshow(img, extent=(x0, x1, y0, y1), cmap="gray" if img.ndim == 2 else None)
    photos = truth.get("photos", truth)
    for n, loc in enumerate(locations):
        true = photos.get(loc.photo)
        colour = "#9e9e9e"
        if true is not None:
            t = np.array(true["footprint"] + true["footprint"][:1])
            ax.plot(t[:, 0], t[:, 1], "--", color="white", lw=1.2)
            colour = "#1b9e77" if located.get(loc.photo) else "#e41a1c"
        fp = np.array(list(loc.footprint) + [loc.footprint[0]])
        ax.plot(fp[:, 0], fp[:, 1], "-", color=colour, lw=2)
        ax.text(loc.centre[0], loc.centre[1], str(n + 1), color="white", ha="center", va="center", fontsize=9,
                bbox={"boxstyle": "circle", "fc": colour, "ec": "none"})
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_title("archive photos: true footprint (dashed), found (green: within one tile, red: wrong)", fontsize=9)
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    return path


def archive_section(summary: dict, rows: Sequence[dict], figure: str = "") -> str:
    """The report's HTML section: the figures of the evaluation, one row per photo, the figure."""
    def pct(v):
        return "n/a" if v is None else f"{100 * v:.0f} %"

    def num(v, fmt="{:.0f}"):
        return "n/a" if v is None else fmt.format(v)
    head = (f"<h2>Archive search (synthetic scans, not real data)</h2><p>{summary.get('photos')} scanned photos of "
            f"the test landscape's old date (any rotation, catalogue scale up to 20 % off, grain, scratches, "
            f"vignetting) located on the new ortho by the untrained describer: <b>{pct(summary.get('success_rate'))}"
            f"</b> located (centre within one tile), {pct(summary.get('success_rate_iou'))} with footprint IoU "
            f"&ge; 0.5, median centre error {num(summary.get('median_centre_error_m'))} m, "
            f"{num(summary.get('seconds_per_photo'), '{:.1f}')} s per photo.</p>")
    cols = ("photo", "located", "centre_error_m", "iou", "confidence", "rotation_error", "scale_error", "seconds")
    fmt = {"centre_error_m": "{:.0f}", "iou": "{:.2f}", "confidence": "{:.2f}", "rotation_error": "{:.1f}",
           "scale_error": "{:.1%}", "seconds": "{:.1f}"}
    body = "\n".join("<tr>" + "".join(
        f"<td>{html.escape(fmt[c].format(r[c]) if c in fmt and r.get(c) is not None else str(r.get(c)))}</td>"
        for c in cols) + "</tr>" for r in rows)
    table = f"<table><tr>{''.join(f'<th>{c}</th>' for c in cols)}</tr>\n{body}</table>"
    img = ""
    if figure and os.path.exists(figure):
        from .report import embedded_png
        img = embedded_png(figure)
    return head + table + img


def append_to_report(report_html: str, section: str) -> None:
    """Insert ``section`` at the end of an HTML report's body."""
    with open(report_html, encoding="utf-8") as f:
        doc = f.read()
    doc = doc.replace("</body>", section + "</body>") if "</body>" in doc else doc + section
    with open(report_html, "w", encoding="utf-8") as f:
        f.write(doc)
