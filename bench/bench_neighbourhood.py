"""Benchmark: the search of a click and of a bulk match judged with a 3x3 neighbourhood, against the single-tile
search in the same run, on indexes of 256-d descriptors laid out on a square grid (clustered random data, as in
bench_index.py). A click: 10^5 tiles with exact numpy (target < 300 ms), 10^6 with FAISS when installed (the
neighbours' single-tile hits shortlisted, then rescored; target < 300 ms). Bulk: every tile of a 10^5-tile area
against a 10^5-tile index (target < 10 min on 2 cores). Also the agreement of the shortlisted search with the
exact one. The describing of the 9 tiles is timed by bench_click.py (the whole click, in the dock).

    .venv/bin/python bench/bench_neighbourhood.py [--sizes 100000 1000000] [--bulk 100000]
"""
import argparse
import time

import numpy as np
from bench_index import _database
from common import header, timed


def grid_index(n: int, dim: int):
    from crosstime.core.retrieval.index import DescriptorIndex, unit_rows
    side = int(np.ceil(np.sqrt(n)))
    k = np.arange(n)
    x0, y0 = 600_000.0 + (k % side) * 250.0, 6_800_000.0 + (k // side) * 250.0
    fps = np.stack([x0, y0, x0 + 250.0, y0 + 250.0], 1)
    return DescriptorIndex(unit_rows(_database(n, dim), in_place=True), np.array([str(i) for i in k]), fps,
                           "EPSG:2154", "x")


def queries_at(index, rows, nb, rng):
    """The descriptors of each query's neighbourhood: the index's own, changed a little (another date)."""
    around = index.neighbourhood_search(nb).around[rows]
    q = index.descriptors[np.maximum(around, 0)] + 0.08 * rng.standard_normal((*around.shape, index.dim), np.float32)
    return q, around >= 0


def click_rows(sizes, dim: int, clicks: int):
    print(f"   {'N':>9} {'search':<44} {'click ms':>9} {'single ms':>10} {'same best':>10} {'top-5 kept':>11}")
    for n in sizes:
        clicks_on(grid_index(n, dim), clicks)


def clicks_on(index, clicks: int):
    from crosstime.core.retrieval.index import faiss_available
    from crosstime.core.retrieval.neighbourhood import EXACT_LIMIT, Neighbourhood, search_around
    nb = Neighbourhood.default()
    rng = np.random.default_rng(0)
    n = len(index)
    q, present = queries_at(index, rng.choice(n, clicks, replace=False), nb, rng)
    plans = [("numpy", "exact: every tile scored")] if n <= EXACT_LIMIT else []
    if faiss_available():
        plans.append(("faiss", "FAISS flat: 9 x 32 hits shortlisted, rescored"))
    exact = None
    for backend, label in plans:
        index.query(q[0, :1], 5, backend=backend)             # builds the searcher (FAISS: once per index)
        search_around(index, q[0], present[0], nb, 5, backend=backend)

        def single(b=backend):
            return [index.query(q[c, :1], 5, backend=b) for c in range(clicks)]

        def around(b=backend):
            return [search_around(index, q[c], present[c], nb, 5, backend=b)[1] for c in range(clicks)]
        t_single, _ = timed(single, 3)
        t_nb, answers = timed(around, 3)
        exact = answers if exact is None else exact
        # against the first plan's answers (the exact search where it runs): the same best answer, and the share
        # of its top 5 found (the tail of a top 5 is noise a shortlist may miss: tiles near no neighbour's hit)
        same = np.mean([a[0] == b[0] for a, b in zip(answers, exact)])
        kept = np.mean([len(set(a) & set(b)) / len(b) for a, b in zip(answers, exact)])
        print(f"   {n:>9} {label:<44} {1000 * t_nb / clicks:9.1f} {1000 * t_single / clicks:10.1f} {same:10.3f} "
              f"{kept:11.3f}", flush=True)


def bulk_row(n: int, dim: int):
    from crosstime.core.retrieval.neighbourhood import Neighbourhood, search_all
    nb = Neighbourhood.default()
    index = grid_index(n, dim)
    rng = np.random.default_rng(1)
    queries = index.descriptors + 0.08 * rng.standard_normal(index.descriptors.shape, np.float32)
    around = index.neighbourhood_search(nb).around
    t0 = time.perf_counter()
    index.query(queries, 5, backend="numpy")
    t_single = time.perf_counter() - t0
    t0 = time.perf_counter()
    _, rows, ranks = search_all(index, queries, around, nb, 5, truth=np.arange(n), backend="numpy")
    t_nb = time.perf_counter() - t0
    print(f"   bulk, {n} query tiles against {n} (exact numpy single-tile search, then 3x3 rescoring): "
          f"{t_nb:.1f} s ({t_nb / 60:.2f} min; target < 10 min); single-tile bulk search alone {t_single:.1f} s; "
          f"true tile first for {np.mean(ranks == 1):.3f} of the queries")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[100_000, 1_000_000])
    ap.add_argument("--bulk", type=int, default=100_000, help="tiles of the bulk match (0: none)")
    ap.add_argument("--dim", type=int, default=256)
    ap.add_argument("--clicks", type=int, default=20)
    a = ap.parse_args()
    header("neighbourhood search: click and bulk, 3x3 trimmed against single tiles",
           "bench/bench_neighbourhood.py " + " ".join(["--sizes", *map(str, a.sizes), "--bulk", str(a.bulk)]))
    click_rows(a.sizes, a.dim, a.clicks)
    if a.bulk:
        bulk_row(a.bulk, a.dim)


if __name__ == "__main__":
    main()
