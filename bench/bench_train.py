"""Benchmark: training throughput (pairs/s) of CrossTime's siamese loop against a bare torch loop on the
same model and batch, in the same run. The loop's overhead (batch assembly from the tile store, label
draw, hard-anchor sampling) must stay under 10%."""
import argparse
import itertools
import os
import time

import numpy as np
import torch
from common import header, landscape, scratch_folder

from crosstime.core.tiles.dates import NEW, OLD


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--backbone", default="resnet18")
    ap.add_argument("--pixels", type=int, default=128)
    ap.add_argument("--pairs", type=int, default=12)
    ap.add_argument("--steps", type=int, default=12)
    a = ap.parse_args()
    header("training loop overhead", "make bench-train  (or: bench/bench_train.py --backbone resnet50 --pixels 256)")
    from crosstime.core import jobs
    from crosstime.core.geo.legend import load_legend
    from crosstime.core.geo.vectors import read_vector_file
    from crosstime.core.nn.pair_classifier import bce_loss
    from crosstime.core.tiles.selection import TileSet
    from crosstime.core.tiles.store import TileStore
    from crosstime.core.train.recipes import recipe
    from crosstime.core.train.siamese_trainer import SiameseTrainer
    land = landscape()
    path = os.path.join(os.path.dirname(land.folder), f"store_{a.pixels}.ctstore")
    if not os.path.exists(path):
        jobs.build_tile_store(path, land.old_ortho, land.new_ortho, read_vector_file(land.old_vectors),
                              read_vector_file(land.new_vectors), load_legend("bdtopo_v3"), tile_size=250.0, pixels=a.pixels)
    store = TileStore(path)
    m, t = recipe("siamese", backbone=a.backbone, weights="none", tile_pixels=a.pixels, batch_pairs=a.pairs, seed=0)
    tr = SiameseTrainer(m, t, TileSet([store]), None, os.path.join(scratch_folder(), "m.ctmodel"), store.legend())
    tr.hard = np.arange(0, len(tr.train), 3)          # a realistic hard list, so both anchor kinds are drawn
    tr.order = tr.rng.permutation(len(tr.train))
    tr.wrapped.train()
    # the bare loop: the same network, optimizer and batch size, on one batch prepared in advance
    x1 = tr.to_device(tr.inputs(np.arange(a.pairs), NEW))
    x2 = tr.to_device(tr.inputs(np.arange(a.pairs), OLD))
    y = torch.tensor([1.0, 0.0] * (a.pairs // 2))

    def bare_step():
        tr.backward_step(bce_loss(tr.wrapped(x1, x2), y))

    batch_numbers = itertools.count()

    def loop_step():
        tr.train_step(0, next(batch_numbers))
    for f in (bare_step, loop_step):          # warm up
        f()
    res = {}
    for name, f in (("bare", bare_step), ("loop", loop_step), ("bare2", bare_step), ("loop2", loop_step)):
        t0 = time.perf_counter()
        for _ in range(a.steps):
            f()
        res[name] = time.perf_counter() - t0
    bare = min(res["bare"], res["bare2"]) / a.steps
    loop = min(res["loop"], res["loop2"]) / a.steps
    print(f"   {a.backbone} at {a.pixels} px, {a.pairs} pairs per step (= {2 * a.pairs} images), {a.steps} steps x 2")
    print(f"   bare torch loop     : {a.pairs / bare:6.2f} pairs/s ({bare:.3f} s/step)")
    print(f"   CrossTime loop      : {a.pairs / loop:6.2f} pairs/s ({loop:.3f} s/step)")
    over = loop / bare - 1
    print(f"   overhead            : {100 * over:+.1f}%  (ratio loop/bare {bare / loop:.3f}; target < 10%: "
          f"{'met' if over < 0.10 else 'NOT met'})")


if __name__ == "__main__":
    main()
