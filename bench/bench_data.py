"""Benchmark: tiles per second of ortho read + vector rasterization at 256 px (target >= 200 tiles/s),
next to a bare windowed rasterio read of the same tiles (the floor), measured in the same run."""
import argparse

from common import header, landscape, timed


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--tile", type=float, default=250.0, help="tile size in metres")
    ap.add_argument("--pixels", type=int, default=256)
    a = ap.parse_args()
    header("tile reading + rasterization", "make bench-data")
    import rasterio
    from rasterio.windows import from_bounds

    from crosstime.core.geo.legend import load_legend
    from crosstime.core.geo.orthos import OrthoReader
    from crosstime.core.geo.rasterize import SemanticRasterizer
    from crosstime.core.geo.vectors import read_vector_file
    from crosstime.core.tiles.build import grid_for_orthos
    land = landscape()
    grid = grid_for_orthos(land.old_ortho, land.new_ortho, a.tile, a.pixels)
    tiles = list(grid.indices())
    legend = load_legend("bdtopo_v3")
    layers = read_vector_file(land.new_vectors)
    t_prep, sem = timed(lambda: SemanticRasterizer(layers, legend, grid.crs, grid.resolution, clip_to=grid.bounds()), 1)
    n_feat = len(sem)

    from rasterio.enums import Resampling

    def bare():
        # the same resampling the reader picks for this ratio of resolutions
        rs = Resampling.average if grid.resolution > 1.5 * land.config["resolution"] else Resampling.bilinear
        with rasterio.open(land.new_ortho) as src:
            for i, j in tiles:
                src.read((1, 2, 3), window=from_bounds(*grid.footprint(i, j), transform=src.transform),
                         out_shape=(3, a.pixels, a.pixels), resampling=rs)

    def ours():
        with OrthoReader(land.new_ortho, grid) as r:
            for i, j in tiles:
                fp = grid.footprint(i, j)
                r.read_bounds(fp)
                sem.codes(fp, a.pixels)

    def raster_only():
        for i, j in tiles:
            sem.codes(grid.footprint(i, j), a.pixels)

    t_bare, _ = timed(bare)
    t_ours, _ = timed(ours)
    t_sem, _ = timed(raster_only)
    n = len(tiles)
    print(f"   {n} tiles of {a.tile:g} m at {a.pixels} px from a {land.config['size_m']:g} m synthetic ortho "
          f"({land.config['resolution']} m/px), {n_feat} vector features (prepared once in {t_prep:.2f} s)")
    print(f"   bare rasterio windowed read : {n / t_bare:8.1f} tiles/s")
    print(f"   rasterization alone         : {n / t_sem:8.1f} tiles/s")
    print(f"   CrossTime read + rasterize  : {n / t_ours:8.1f} tiles/s  (ratio to bare read {t_bare / t_ours:.2f}; "
          f"target >= 200 tiles/s: {'met' if n / t_ours >= 200 else 'NOT met'})")


if __name__ == "__main__":
    main()
