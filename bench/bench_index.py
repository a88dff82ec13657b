"""Benchmarks of the descriptor index:
1. describe throughput of the whole index build (tile store -> descriptors) against bare backbone inference
   on the same tiles in the same run (target: at least 0.9 of it);
2. search at 10^4, 10^5, 10^6 random 256-d descriptors: latency of one click (one query) and of a batch of 100,
   build time, recall@k, and memory held and at peak as a multiple of the raw descriptors, for every backend:
   exact numpy (the default without FAISS), scikit-learn, FAISS flat and IVF (when installed), a memory-mapped
   index file, and the baseline measured in the same run: the index as it was before (raw descriptors kept, a
   normalised copy, scikit-learn's cosine search re-normalising the database on every query). Target: exact
   search of 10^6 x 256 under 300 ms per click without FAISS."""
import argparse
import gc
import os
import sys
import time

import numpy as np
import torch
from common import header, landscape, scratch_folder, timed


def describe_bench(backbone: str, pixels: int, limit: int):
    from crosstime.core import jobs
    from crosstime.core.geo.legend import load_legend
    from crosstime.core.geo.vectors import read_vector_file
    from crosstime.core.nn.descriptor import DescriptorNet
    from crosstime.core.nn.model_config import ModelConfig
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
                              read_vector_file(land.new_vectors), load_legend("bdtopo_v3"), tile_size=250.0, pixels=pixels)
    store = TileStore(path)
    tiles = TileSet([store]).subset(np.arange(min(limit, len(store))))
    model = os.path.join(scratch_folder(), "m.ctmodel")
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


def _status_kb(key: str) -> int:
    """A line of /proc/self/status in kB (0 where there is no such file: the memory columns then read 0)."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _reset_peak() -> bool:
    """Start a new peak RSS measurement (Linux: writing 5 to clear_refs resets VmHWM)."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def _database(n: int, dim: int, seed: int = 0) -> np.ndarray:
    """Raw descriptors with some structure, as real ones have: 1,000 clusters of places that look alike, and
    lengths that vary (a network's raw output is not normalised)."""
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((1000, dim), dtype=np.float32)
    db = rng.standard_normal((n, dim), dtype=np.float32)
    db *= 0.7
    for s in range(0, n, 65536):
        db[s:s + 65536] += centres[rng.integers(0, 1000, min(65536, n - s))]
        db[s:s + 65536] *= rng.uniform(0.5, 3.0, (min(65536, n - s), 1)).astype(np.float32)
    return db


class _BaselineBefore:
    """The index as it was before issue 15: the raw descriptors, a normalised copy, and scikit-learn's cosine
    search fitted on it (which normalises the database again on every query)."""

    def __init__(self, raw: np.ndarray):
        from sklearn.neighbors import NearestNeighbors

        from crosstime.core.similarity import l2_normalise
        self.raw = raw
        self.normed = l2_normalise(raw)
        self.nn = NearestNeighbors(metric="cosine", algorithm="brute").fit(self.normed)

    def query(self, q: np.ndarray, k: int):
        from crosstime.core.similarity import l2_normalise
        dist, idx = self.nn.kneighbors(l2_normalise(q), n_neighbors=k)
        return (1.0 - dist).astype(np.float32), idx.astype(np.int64)


def query_bench(sizes, dim: int = 256, queries: int = 100, k: int = 5, mmap_up_to: int = 10 ** 6):
    from crosstime.core.retrieval.index import DescriptorIndex, faiss_available, unit_rows
    print(f"   {dim}-d float32 descriptors (clustered random data), k={k}; 'click' = one query, 'batch' = {queries} "
          "queries at once (best of 5 and 3 runs); recall@k against the exact answer; memory held by the index "
          "and peak while building and searching, both as multiples of the raw descriptors (anonymous memory; "
          "the memory-mapped index is file-backed: reclaimable page cache, shared between processes)")
    print(f"   {'N':>9} {'backend':<26} {'build s':>8} {'click ms':>9} {'batch ms':>9} {'recall@k':>9} "
          f"{'held x':>7} {'peak x':>7}")
    backends = [("before (baseline)", None), ("numpy exact (default)", "numpy"), ("sklearn", "sklearn")]
    if faiss_available():
        backends += [("faiss flat", "faiss"), ("faiss IVF", "faiss-ivf")]
    summary = {}
    for n in sizes:
        raw_bytes = n * dim * 4
        rows = list(backends) + ([("numpy, memory-mapped file", "mmap")] if n <= mmap_up_to else [])
        q = None
        ref = None
        folder = scratch_folder()
        for label, backend in rows:
            gc.collect()
            raw = _database(n, dim)
            if q is None:
                rng = np.random.default_rng(1)
                q = raw[rng.choice(n, queries, replace=False)] + 0.05 * rng.standard_normal((queries, dim),
                                                                                                dtype=np.float32)
            base_anon = _status_kb("RssAnon")
            peak_ok = _reset_peak()
            base_hwm = _status_kb("VmHWM")
            t0 = time.perf_counter()
            if backend is None:
                held = _BaselineBefore(raw)
                search = held.query
            else:
                ids, fps = np.array([f"{i}_0" for i in range(n)]), np.zeros((n, 4))
                if backend == "mmap":
                    path = os.path.join(folder, "big.ctindex")
                    DescriptorIndex(raw, ids, fps, "EPSG:2154", "x").save(path)
                    del raw
                    gc.collect()
                    base_anon = _status_kb("RssAnon")
                    peak_ok = _reset_peak()
                    base_hwm = _status_kb("VmHWM")
                    t0 = time.perf_counter()
                    held = DescriptorIndex.load(path, mmap=True)
                    name, nlist = "numpy", 0
                else:
                    # normalised in place and handed over, as build_index and DescriptorIndex.load do
                    held = DescriptorIndex(unit_rows(raw, in_place=True), ids, fps, "EPSG:2154", "x")
                    del raw
                    name, nlist = ("faiss", int(np.sqrt(n))) if backend == "faiss-ivf" else (backend, 0)
                search = (lambda v, kk, h=held, b=name, nl=nlist: h.query(v, kk, backend=b, nlist=nl, nprobe=16))
            search(q[:1], k)                                  # builds the searcher
            build = time.perf_counter() - t0
            t_click, _ = timed(lambda f=search, v=q[:1]: f(v, k), 5)
            t_batch, (_, idx) = timed(lambda f=search, v=q: f(v, k), 3)
            if ref is None:
                ref = idx
            recall = np.mean([len(set(a) & set(b)) / k for a, b in zip(idx, ref)])
            # the raw descriptors were in memory when the measure started (except for the mapped file, read
            # from the disk): they count in what is held and in the peak
            before = 0.0 if backend == "mmap" else 1.0
            held_x = max(0.0, (_status_kb("RssAnon") - base_anon) * 1024 / raw_bytes + before)
            peak_x = (_status_kb("VmHWM") - base_hwm) * 1024 / raw_bytes + before if peak_ok else float("nan")
            label_n = label if backend != "faiss-ivf" else f"faiss IVF{int(np.sqrt(n))}"
            print(f"   {n:>9} {label_n:<26} {build:8.2f} {1000 * t_click:9.1f} {1000 * t_batch:9.1f} {recall:9.3f} "
                  f"{held_x:7.2f} {peak_x:7.2f}", flush=True)
            summary[(n, backend)] = 1000 * t_click
            del held, search
            raw = None
        if n >= 100_000:
            # loading an index of this size from disk, read into memory or memory-mapped
            path = os.path.join(folder, "load.ctindex")
            DescriptorIndex(_database(n, dim), np.array([f"{i}_0" for i in range(n)]), np.zeros((n, 4)),
                            "EPSG:2154", "x").save(path)
            gc.collect()
            t_read, _ = timed(lambda p=path: DescriptorIndex.load(p), 2)
            t_map, _ = timed(lambda p=path: DescriptorIndex.load(p, mmap=True), 2)
            print(f"   loading a {n}-tile index file ({os.path.getsize(path) / 1e6:.0f} MB): {1000 * t_read:.0f} ms "
                  f"read, {1000 * t_map:.0f} ms memory-mapped")
        # float16 storage was considered and not offered: numpy has no fast half-precision product, and
        # converting the rows back to float32 for every click costs this much
        db16 = np.ascontiguousarray(_database(min(n, 200_000), dim).astype(np.float16))
        t16, _ = timed(lambda d=db16, v=q[:1]: [v @ d[s:s + 65536].astype(np.float32).T for s in range(0, len(d), 65536)], 2)
        print(f"   float16 storage (not offered): one click would cost {1000 * t16 * n / len(db16):.0f} ms at N={n} "
              "(half the memory, but rows converted back to float32 on every search)")
        del db16
        for f in os.listdir(folder):
            os.remove(os.path.join(folder, f))
        os.rmdir(folder)
    for n in sizes:
        if n >= 10 ** 6 and (n, "numpy") in summary:
            t = summary[(n, "numpy")]
            print(f"   exact search without FAISS at N={n}: {t:.0f} ms per click (target < 300 ms: "
                  f"{'met' if t < 300 else 'NOT met'}; before: {summary[(n, None)]:.0f} ms)")


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--backbone", default="resnet18")
    ap.add_argument("--pixels", type=int, default=128)
    ap.add_argument("--tiles", type=int, default=256)
    ap.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--no-describe", action="store_true", help="only the search part")
    a = ap.parse_args()
    header("descriptor index", " ".join([".venv/bin/python", "bench/bench_index.py"] + sys.argv[1:]))
    if not a.no_describe:
        describe_bench(a.backbone, a.pixels, a.tiles)
    query_bench(a.sizes)


if __name__ == "__main__":
    main()
