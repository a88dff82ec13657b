"""Neighbourhood rows of the evaluation: each descriptor scored single-tile (the paper's protocol) and with the
tiles around each query, side by side, and a figure of one query's neighbourhood and its answer's."""
from __future__ import annotations

from typing import Dict, List, Sequence

import numpy as np

from ..retrieval.neighbourhood import Lattice, Neighbourhood, lattice_positions, neighbourhood_similarity
from ..similarity import rank_of_truth
from ..tiles.dates import NEW, OLD
from .tables import score_row

# the rows the evaluation adds to each scored descriptor (the click's default first)
EVALUATED = (Neighbourhood(3, "trimmed"), Neighbourhood(3, "mean"), Neighbourhood(5, "trimmed"))


def tile_lattice(tiles) -> Lattice:
    """The tiles by position, each scene (of a tile set) apart."""
    scenes = tiles.scenes() if hasattr(tiles, "scenes") else None
    return Lattice(lattice_positions(tiles.footprints(), scenes))


def neighbourhood_ranks(sim: np.ndarray, lattice: Lattice, neighbourhood: Neighbourhood) -> np.ndarray:
    """Rank of each query's true match (the tile of the same position) once candidates are judged with
    their neighbourhoods; queries and database are the same tiles at the two dates."""
    if neighbourhood.single:
        return rank_of_truth(sim, np.arange(len(sim)))
    around = lattice.neighbour_rows(neighbourhood.offsets())
    return rank_of_truth(neighbourhood_similarity(sim, around, around, neighbourhood.aggregate), np.arange(len(sim)))


def neighbourhood_rows(single_rows: Sequence[dict], sims: Dict[str, np.ndarray], tiles,
                       neighbourhoods: Sequence[Neighbourhood] = EVALUATED, n: int = 5) -> List[dict]:
    """For each single-tile row whose descriptor has a similarity matrix in ``sims``, its rows with neighbourhoods."""
    lattice = tile_lattice(tiles)
    out = []
    for row in single_rows:
        sim = sims.get(row["descriptor"])
        if sim is None:
            continue
        for nb in neighbourhoods:
            ranks = neighbourhood_ranks(sim, lattice, nb)
            out.append({**score_row(row["descriptor"], row["modality"], row["fusion"], row["normalisation"],
                                    row["distance"], row["R"], row["input_px"], ranks, n,
                                    f"candidates judged with their {nb.label} neighbourhood"),
                        "kind": row.get("kind", ""), "neighbourhood": nb.label})
    return out


def neighbourhood_figure(tiles, sim: np.ndarray, path: str, neighbourhood: Neighbourhood = EVALUATED[0],
                         title: str = "") -> str:
    """One query's neighbourhood (new date) beside the neighbourhood of its best answer (old date), the
    query tile and its answer framed; a query with every neighbour present is chosen when there is one."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    lattice = tile_lattice(tiles)
    offsets = neighbourhood.offsets()
    around = lattice.neighbour_rows(offsets)
    scores = neighbourhood_similarity(sim, around, around, neighbourhood.aggregate)
    full = np.nonzero((around >= 0).all(1))[0]
    query = int(full[len(full) // 2]) if len(full) else 0
    answer = int(np.argmax(scores[query]))
    side = neighbourhood.size
    fig = Figure(figsize=(2 * side * 1.1 + 0.4, side * 1.1 + 0.8))
    FigureCanvasAgg(fig)
    axes = fig.subplots(side, 2 * side, squeeze=False)
    blank = np.full((tiles.pixels, tiles.pixels, 3), 255, np.uint8)
    r = side // 2
    for base, centre, date in ((0, query, NEW), (side, answer, OLD)):
        rows = around[centre]
        present = np.nonzero(rows >= 0)[0]
        images = dict(zip(present, tiles.read(rows[present], date).images))
        for k, (dx, dy) in enumerate(offsets):
            # footprints grow upwards in a projected CRS and downwards in pixel rows: draw them as the map does
            down = -dy if _y_up(tiles) else dy
            ax = axes[r + down, base + r + dx]
            ax.imshow(images.get(k, blank))
            if k == 0:
                for s in ax.spines.values():
                    s.set_edgecolor("blue" if centre == query or date == NEW else "red")
                    s.set_linewidth(3)
    for ax in axes.ravel():
        ax.set_xticks([])
        ax.set_yticks([])
    ids = tiles.ids()
    verdict = "true place" if answer == query else "not the true place"
    fig.suptitle((title + "\n" if title else "") + f"query {ids[query]} and its {neighbourhood.label} neighbourhood "
                 f"(new date, left);\nbest answer {ids[answer]}, score {scores[query, answer]:.2f}: {verdict} "
                 "(old date, right)", fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=80)
    return path


def _y_up(tiles) -> bool:
    """Whether footprints are in a map CRS (y grows northwards) rather than image pixels."""
    return bool(getattr(tiles, "crs", None))
