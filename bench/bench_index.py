"""Benchmarks of the descriptor index:
1. describe throughput of the whole index build (tile store -> descriptors) against bare backbone inference
   on the same tiles in the same run (target: at least 0.9 of it);
2. query latency and memory for 10^4, 10^5, 10^6 random 256-d descriptors: exact scikit-learn, FAISS flat
   and IVF (when installed), next to a plain numpy matrix product as the reference."""
import argparse
import os
import resource
import tempfile
import time

import numpy as np
import torch
from common import header, landscape, timed


def describe_bench(backbone: str, pixels: int, limit: int):
    from crosstime.core import jobs
    from crosstime.core.geo.legend import load_legend
    from crosstime.core.geo.vectors import read_vector_file
    from crosstime.core.nn.descriptor import DescriptorNet, ModelConfig
    from crosstime.core.retrieval.describer import ModelDescriber
    from crosstime.core.retrieval.index import build_index
    from crosstime.core.retrieval.model_file import save_model
    from crosstime.core.tiles.dates import OLD
    from crosstime.core.tiles.network_input import read_network_input
    from crosstime.core.tiles.selection import TileSet
    from crosstime.core.tiles.store import TileStore
    land = landscape()
    path = os.path.join(os.path.dirname(land.folder), f"store_{pixels}.ctstore")
    if not os.path.exists(path):
        jobs.build_tile_store(path, land.old_ortho, land.new_ortho, read_vector_file(land.old_vectors),
                              read_vector_file(land.new_vectors), load_legend("bdtopo_v3"), 250.0, pixels)
    store = TileStore(path)
    tiles = TileSet([store]).subset(np.arange(min(limit, len(store))))
    model = os.path.join(tempfile.mkdtemp(), "m.ctmodel")
    save_model(model, DescriptorNet(ModelConfig(backbone=backbone, weights="none", tile_pixels=pixels)))
    d = ModelDescriber(model, store.legend(), device="cpu", batch_size=32)
    net = d.net
    x = torch.from_numpy(read_network_input(tiles, np.arange(32), OLD, store.legend(), "fusion", "rgb", as_uint8=False))
    x = x.contiguous(memory_format=torch.channels_last)
    net.to(memory_format=torch.channels_last)
    n = len(tiles)

    def bare():
        with torch.inference_mode():
            for s in range(0, n, 32):
                net(x[: min(32, n - s)])

    def full():
        return build_index(d, tiles, "a")
    timed(bare, 1)
    t_bare, _ = timed(bare, 2)
    t_full, idx = timed(full, 2)
    print(f"   describe {n} tiles, {backbone} at {pixels} px, batches of 32, channels_last, no grad")
    print(f"   bare backbone+head inference : {n / t_bare:7.1f} tiles/s")
    print(f"   CrossTime index build        : {n / t_full:7.1f} tiles/s  (ratio {t_bare / t_full:.2f}; "
          f"target >= 0.9: {'met' if t_bare / t_full >= 0.9 else 'NOT met'})")


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def query_bench(sizes, dim: int = 256, queries: int = 100, k: int = 5):
    from crosstime.core.retrieval.index import DescriptorIndex, faiss_available, make_searcher
    rng = np.random.default_rng(0)
    print(f"   {queries} queries, k={k}, {dim}-d float32 (clustered random data); latency per batch of queries, "
          f"build time, recall@k against the exact answer, process peak RSS")
    print(f"   {'N':>9} {'backend':<12} {'build s':>8} {'batch ms':>9} {'ms/query':>9} {'recall@k':>9} {'RSS MB':>8}")
    for n in sizes:
        # descriptors with some structure, as real ones have: 1,000 clusters of places that look alike
        centres = rng.normal(size=(1000, dim)).astype(np.float32)
        db = centres[rng.integers(0, 1000, n)] + 0.7 * rng.normal(size=(n, dim)).astype(np.float32)
        db /= np.linalg.norm(db, axis=1, keepdims=True)
        q = db[rng.choice(n, queries, replace=False)] + 0.05 * rng.normal(size=(queries, dim)).astype(np.float32)
        q /= np.linalg.norm(q, axis=1, keepdims=True)
        ref = None
        backends = [("numpy", 0), ("sklearn", 0)]
        if faiss_available():
            backends += [("faiss", 0), ("faiss", int(np.sqrt(n)))]
        for name, nlist in backends:
            t0 = time.perf_counter()
            searcher = make_searcher(name, db, nlist, nprobe=16)
            build = time.perf_counter() - t0
            t, (_, idx) = timed(lambda s=searcher, q=q: s.search(q, k), 3)
            if ref is None:
                ref = idx
            recall = np.mean([len(set(a) & set(b)) / k for a, b in zip(idx, ref)])
            label = name if not nlist else f"faiss IVF{nlist}"
            print(f"   {n:>9} {label:<12} {build:8.2f} {1000 * t:9.2f} {1000 * t / queries:9.3f} {recall:9.3f} "
                  f"{rss_mb():8.0f}")
            searcher = None
        # loading an index of this size from disk
        if n == 100_000:
            idx = DescriptorIndex(db, np.array([f"{i}_0" for i in range(n)]), np.zeros((n, 4)), "EPSG:2154", "x")
            path = os.path.join(tempfile.mkdtemp(), "big.ctindex")
            idx.save(path)
            t, _ = timed(lambda p=path: DescriptorIndex.load(p), 3)
            print(f"   loading a {n}-tile index file ({os.path.getsize(path) / 1e6:.0f} MB): {1000 * t:.0f} ms")
        del db


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--backbone", default="resnet18")
    ap.add_argument("--pixels", type=int, default=128)
    ap.add_argument("--tiles", type=int, default=256)
    ap.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000, 1_000_000])
    a = ap.parse_args()
    header("descriptor index", "make bench-index")
    describe_bench(a.backbone, a.pixels, a.tiles)
    query_bench(a.sizes)


if __name__ == "__main__":
    main()
