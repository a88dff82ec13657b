"""Benchmark: a fusion model where only the old date has vector data. On a tile store of an unseen landscape whose
new date is read without its map (as when the new date has no vector layers), map@5 of:

- both dates with their map (the paper's setting, for reference);
- the old date's map against an empty new map (what CrossTime did before core/retrieval/map_use.py);
- the map left out of both dates (what it does now);
- the Quick thumbnail (the baseline, same run).

Mean +- sd over the models given (one per training seed, e.g. those bench_quality.py trains).

    .venv/bin/python bench/bench_one_date_maps.py \
        --models build/bench/quality_synthetic_infonce_seed{0,1,2}.ctmodel --store build/bench/quality_test_103_128.ctstore
"""
import argparse
import os

import numpy as np
from common import header


class NewDateWithoutMap:
    """The store's tiles, the new date's map empty: a new date without vector layers."""

    def __init__(self, tiles):
        self.tiles = tiles

    def __len__(self):
        return len(self.tiles)

    def __getattr__(self, name):
        return getattr(self.tiles, name)

    def read(self, indices, date):
        from crosstime.core.tiles.dates import NEW
        from crosstime.core.tiles.source import TileBatch
        batch = self.tiles.read(indices, date)
        return TileBatch(batch.images, np.zeros_like(batch.codes) if date == NEW else batch.codes, batch.valid)


def map_at_5(describe, tiles) -> float:
    from crosstime.core.metrics import map_at_n
    from crosstime.core.similarity import cosine_similarity, rank_of_truth
    from crosstime.core.tiles.dates import NEW, OLD
    gidx = np.arange(len(tiles))
    sim = cosine_similarity(describe(tiles, gidx, NEW), describe(tiles, gidx, OLD))
    return map_at_n(rank_of_truth(sim, gidx), 5)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--models", nargs="+", required=True, help="fusion model files, one per training seed")
    ap.add_argument("--store", required=True, help="a tile store of a place none of the models was trained on")
    a = ap.parse_args()
    header("one date with vector data", "python bench/bench_one_date_maps.py --models " + " ".join(a.models)
           + f" --store {a.store}")
    from crosstime.core.retrieval.describer import ThumbnailDescriber, describe_tiles
    from crosstime.core.retrieval.map_use import TilesWithoutMaps
    from crosstime.core.retrieval.model_file import load_model
    from crosstime.core.tiles.selection import TileSet
    from crosstime.core.tiles.store import TileStore
    store = TileStore(a.store)
    tiles = TileSet([store])
    legend = store.legend()
    cases = {"both dates with their map": tiles,
             "old map against an empty new map (before)": NewDateWithoutMap(tiles),
             "map left out of both dates (now)": TilesWithoutMaps(NewDateWithoutMap(tiles))}
    rows = {c: [] for c in cases}
    for path in a.models:
        net, _ = load_model(path, "cpu")
        for case, source in cases.items():
            rows[case].append(map_at_5(lambda t, g, d, n=net: describe_tiles(n, t, g, d, legend, device="cpu"), source))
        print(f"   {os.path.basename(path)}: " + ", ".join(f"{v[-1]:.3f}" for v in rows.values()))
    quick = ThumbnailDescriber(store.pixels)
    baseline = map_at_5(quick.describe, tiles)
    print(f"   {len(tiles)} tiles of {store.pixels} px ({os.path.basename(a.store.rstrip('/'))}), map@5:")
    for case, values in rows.items():
        print(f"   {case:<45} {np.mean(values):.3f} +- {np.std(values):.3f} over {len(values)} model(s)")
    print(f"   {'Quick thumbnail (baseline, same run)':<45} {baseline:.3f}")


if __name__ == "__main__":
    main()
