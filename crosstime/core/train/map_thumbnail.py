"""Fitting the scaling of the map's thumbnail on the training tiles, before the first training step."""
from __future__ import annotations

from typing import Sequence

import numpy as np

from ..geo.legend import Legend
from ..nn.tensors import to_tensor
from ..progress import SILENT, Progress
from ..tiles.dates import NEW, OLD
from ..tiles.network_input import read_network_input


def fit_map_thumbnail(net, tiles, legend: Legend, max_tiles: int = 2048, batch: int = 64, seed: int = 0,
                      progress: Progress = SILENT, dates: Sequence[str] = (NEW, OLD)) -> bool:
    """Set ``net``'s map thumbnail mean and spread from (a sample of) ``tiles`` at both dates.

    ``dates``: those whose vector layers were read (an index reads the old date's only). Returns False, touching
    nothing, when the network has no such scaling. A sample of a couple of thousand
    tiles estimates a mean and a spread well; a country-wide training set need not be read twice."""
    if not net.map_thumbnail_needs_fit:
        return False
    n = len(tiles)
    picked = np.arange(n) if n <= max_tiles else np.sort(np.random.default_rng(seed).choice(n, max_tiles, False))
    cfg, rows = net.cfg, []
    steps = [(date, picked[s:s + batch]) for date in dates for s in range(0, len(picked), batch)]
    for k, (date, gidx) in enumerate(steps):
        progress.check()
        x = read_network_input(tiles, gidx, date, legend, cfg.modality, cfg.semantic_mode, as_uint8=False)
        # at the network's tile size, as the descriptor sees it
        rows.append(net.block_means(to_tensor(x, cfg.tile_pixels, "cpu", False)[:, 3:]))
        progress.update((k + 1) / len(steps), "scaling the map's thumbnail")
    import torch
    values = torch.cat(rows)
    net.fit_map_thumbnail(values.to(net.map_thumbnail_mean.device))
    return True
