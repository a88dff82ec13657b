"""Describing tiles with PyTorch and with the same model exported to ONNX (onnxruntime), in the same run, on the
same tiles: tiles/s of a whole describe (what an index build spends its time on), the latency of one tile (a click),
and the largest difference between the two (relative to the largest descriptor value).

Rerun: .venv/bin/python bench/bench_onnx.py   (options: --backbone, --pixels, --tiles, --head, --threads)
"""
import argparse
import os
import statistics
import time

import numpy as np
from common import header, landscape, scratch_folder, timed


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--backbone", default="resnet18")
    ap.add_argument("--pixels", type=int, default=128)
    ap.add_argument("--tiles", type=int, default=256)
    ap.add_argument("--head", default="paper", choices=["paper", "pooled"])
    ap.add_argument("--threads", type=int, default=0, help="threads of both runtimes (0: their defaults)")
    a = ap.parse_args()
    cmd = (f".venv/bin/python bench/bench_onnx.py --backbone {a.backbone} --pixels {a.pixels} --tiles {a.tiles} "
           f"--head {a.head}" + (f" --threads {a.threads}" if a.threads else ""))
    header("describe: PyTorch vs ONNX (onnxruntime)", cmd)
    import onnxruntime
    import torch

    from crosstime.core import jobs
    from crosstime.core.geo.legend import load_legend
    from crosstime.core.geo.vectors import read_vector_file
    from crosstime.core.nn.descriptor import DescriptorNet
    from crosstime.core.nn.model_config import ModelConfig
    from crosstime.core.retrieval.describer import ModelDescriber
    from crosstime.core.retrieval.model_file import save_model
    from crosstime.core.retrieval.onnx_describer import OnnxDescriber
    from crosstime.core.tiles.dates import OLD
    from crosstime.core.tiles.selection import TileSet
    from crosstime.core.tiles.store import TileStore
    if a.threads:
        torch.set_num_threads(a.threads)
    print(f"   onnxruntime {onnxruntime.__version__}")
    land = landscape()
    path = os.path.join(os.path.dirname(land.folder), f"store_{a.pixels}.ctstore")
    if not os.path.exists(path):
        jobs.build_tile_store(path, land.old_ortho, land.new_ortho, read_vector_file(land.old_vectors),
                              read_vector_file(land.new_vectors), load_legend("bdtopo_v3"), tile_size=250.0, pixels=a.pixels)
    store = TileStore(path)
    tiles = TileSet([store]).subset(np.arange(min(a.tiles, len(store))))
    n = len(tiles)
    tmp = scratch_folder()
    model, onnx_path = os.path.join(tmp, "m.ctmodel"), os.path.join(tmp, "m.onnx")
    torch.manual_seed(0)
    save_model(model, DescriptorNet(ModelConfig(backbone=a.backbone, weights="none", tile_pixels=a.pixels, head=a.head)))
    t = time.perf_counter()
    summary = jobs.export_onnx(model, onnx_path)
    print(f"   export: {time.perf_counter() - t:.1f} s, {summary['bytes'] / 1e6:.1f} MB")
    legend = store.legend()
    torch_d = ModelDescriber(model, legend, device="cpu", batch_size=32)
    onnx_d = OnnxDescriber(onnx_path, legend, device="cpu", batch_size=32, threads=a.threads)
    idx = np.arange(n)
    torch_d.describe(tiles, idx[:32], OLD)                       # warm both up
    onnx_d.describe(tiles, idx[:32], OLD)
    t_torch, a_torch = timed(lambda: torch_d.describe(tiles, idx, OLD), 3)
    t_onnx, a_onnx = timed(lambda: onnx_d.describe(tiles, idx, OLD), 3)
    diff = float(np.max(np.abs(a_onnx - a_torch)) / np.max(np.abs(a_torch)))

    def click(d):
        times = []
        for k in range(20):
            t0 = time.perf_counter()
            d.describe(tiles, [k], OLD)
            times.append((time.perf_counter() - t0) * 1000)
        return statistics.median(times)
    c_torch, c_onnx = click(torch_d), click(onnx_d)
    print(f"   {n} tiles of {a.pixels} px, {a.backbone}, {a.head} head, batches of 32, {os.cpu_count()} cores")
    print(f"   torch        : {n / t_torch:7.1f} tiles/s   one tile {c_torch:6.1f} ms (median of 20)")
    print(f"   onnxruntime  : {n / t_onnx:7.1f} tiles/s   one tile {c_onnx:6.1f} ms (median of 20)")
    print(f"   ratio onnxruntime / torch: {t_torch / t_onnx:.2f} (describe), {c_torch / c_onnx:.2f} (one tile); "
          f"largest difference {diff:.1e} of the largest value")


if __name__ == "__main__":
    main()
