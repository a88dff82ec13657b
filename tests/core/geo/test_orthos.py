"""Ortho reading: right pixels in the grid CRS, edges, nodata, reprojection, band layouts, bounded memory."""
import json
import os
import subprocess
import sys

import numpy as np
import pytest
import rasterio
from rasterio.transform import from_origin

from crosstime.core.geo.grid import TileGrid
from crosstime.core.geo.orthos import ImageryError, OrthoReader, raster_bounds_in


def _write(path, data, crs="EPSG:2154", x0=700000.0, y0=6600000.0, res=1.0, nodata=None, **kw):
    count = data.shape[0]
    with rasterio.open(path, "w", driver="GTiff", width=data.shape[2], height=data.shape[1], count=count,
                       dtype=data.dtype, crs=crs, transform=from_origin(x0, y0, res, res), nodata=nodata, **kw) as d:
        d.write(data)
    return str(path)


def _pattern(h=400, w=400):
    """A quadrant pattern: red top-left, green top-right, blue bottom-left, white bottom-right."""
    a = np.zeros((3, h, w), np.uint8)
    a[0, : h // 2, : w // 2] = 255
    a[1, : h // 2, w // 2:] = 255
    a[2, h // 2:, : w // 2] = 255
    a[:, h // 2:, w // 2:] = 255
    return a


def test_tiles_come_out_where_they_are(tmp_path):
    path = _write(tmp_path / "q.tif", _pattern())              # covers x 700000..700400, y 6599600..6600000
    grid = TileGrid.covering(raster_bounds_in(path, "EPSG:2154"), "EPSG:2154", 200, 50)
    with OrthoReader(path, grid) as r:
        tl = r.read_bounds((700000, 6599800, 700200, 6600000))
        br = r.read_bounds((700200, 6599600, 700400, 6599800))
    assert tl.rgb.shape == (50, 50, 3) and tl.rgb.dtype == np.uint8
    assert (tl.rgb[..., 0] == 255).all() and (tl.rgb[..., 1:] == 0).all()
    assert (br.rgb == 255).all() and tl.valid_fraction == 1.0


def test_reprojects_when_the_raster_crs_differs(tmp_path):
    """A raster in UTM 31N read on a Lambert-93 grid keeps its content in place."""
    from rasterio.warp import transform
    # put the quadrant pattern in EPSG:32631 around a Lambert-93 point
    x, y = 650000.0, 6860000.0
    (ux,), (uy,) = transform("EPSG:2154", "EPSG:32631", [x], [y])
    path = _write(tmp_path / "utm.tif", _pattern(), crs="EPSG:32631", x0=ux - 200, y0=uy + 200)
    grid = TileGrid.covering((x - 150, y - 150, x + 150, y + 150), "EPSG:2154", 100, 20, origin=(x - 150, y - 150))
    with OrthoReader(path, grid) as r:
        nw = r.read_bounds((x - 150, y + 50, x - 50, y + 150))
        se = r.read_bounds((x + 50, y - 150, x + 150, y - 50))
    assert nw.valid_fraction == 1.0
    # the grid is rotated by ~1 degree against UTM, so look at the tile centres
    assert tuple(nw.rgb[10, 10]) == (255, 0, 0)
    assert tuple(se.rgb[10, 10]) == (255, 255, 255)


def test_edge_tile_and_nodata_are_reported(tmp_path):
    data = _pattern()
    data[:, :100, :100] = 7                                     # a nodata block in the corner
    path = _write(tmp_path / "nd.tif", data, nodata=7)
    grid = TileGrid.covering((699900, 6599500, 700500, 6600100), "EPSG:2154", 200, 40)
    with OrthoReader(path, grid) as r:
        corner = r.read_bounds((700000, 6599800, 700200, 6600000))   # quarter of it nodata
        outside = r.read_bounds((699900, 6599800, 700100, 6600000))  # half outside the raster, rest nodata
        inside = r.read_bounds((700200, 6599600, 700400, 6599800))
    assert corner.valid_fraction == pytest.approx(0.75, abs=0.03)
    assert not corner.valid[:10, :10].any() and (corner.rgb[:10, :10] == 0).all()
    assert outside.valid_fraction < 0.3
    assert inside.valid_fraction == 1.0


def test_alpha_grey_palette_and_16_bit(tmp_path):
    grid = TileGrid.covering((700000, 6599600, 700400, 6600000), "EPSG:2154", 400, 32, origin=(700000, 6599600))
    grey = _write(tmp_path / "g.tif", np.full((1, 400, 400), 90, np.uint8))
    with OrthoReader(grey, grid) as r:
        t = r.read(0, 0)
    assert (t.rgb == 90).all()
    rgba = np.concatenate([_pattern(), np.full((1, 400, 400), 255, np.uint8)])
    rgba[3, :200, :] = 0
    path = _write(tmp_path / "a.tif", rgba, photometric="RGB", alpha="YES")
    with OrthoReader(path, grid) as r:
        t = r.read(0, 0)
    assert t.valid_fraction == pytest.approx(0.5, abs=0.05)
    pal = _write(tmp_path / "p.tif", np.ones((1, 400, 400), np.uint8))
    with rasterio.open(pal, "r+") as d:
        d.write_colormap(1, {0: (0, 0, 0, 255), 1: (10, 200, 30, 255)})
    with OrthoReader(pal, grid) as r:
        assert tuple(r.read(0, 0).rgb[5, 5]) == (10, 200, 30)
    ramp = np.broadcast_to(np.linspace(0, 4000, 400, dtype=np.float32), (3, 400, 400)).astype(np.uint16)
    wide = _write(tmp_path / "u16.tif", np.ascontiguousarray(ramp))
    with OrthoReader(wide, grid) as r:
        t = r.read(0, 0)
    assert t.rgb.dtype == np.uint8 and (t.rgb[:, 0] < 20).all() and (t.rgb[:, -1] > 235).all()


def test_raster_without_crs_is_refused(tmp_path):
    path = tmp_path / "nocrs.tif"
    with rasterio.open(path, "w", driver="GTiff", width=10, height=10, count=3, dtype="uint8") as d:
        d.write(np.zeros((3, 10, 10), np.uint8))
    with pytest.raises(ImageryError, match="no coordinate reference system"):
        raster_bounds_in(str(path), "EPSG:2154")


@pytest.mark.slow
def test_huge_raster_is_read_tile_by_tile_in_bounded_memory(tmp_path):
    """20,000 x 20,000 RGB (1.2 GB raw) read tile by tile: the process grows by far less than the raster."""
    path = tmp_path / "huge.tif"
    with rasterio.open(path, "w", driver="GTiff", width=20000, height=20000, count=3, dtype="uint8",
                       crs="EPSG:2154", transform=from_origin(600000, 6700000, 0.5, 0.5), tiled=True,
                       blockxsize=512, blockysize=512, compress="deflate", sparse_ok=True) as d:
        d.write(np.full((3, 512, 512), 200, np.uint8), window=rasterio.windows.Window(0, 0, 512, 512))
    assert os.path.getsize(path) < 50_000_000
    script = f"""
import resource, sys, json
sys.path.insert(0, {os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))!r})
from crosstime.core.geo.grid import TileGrid
from crosstime.core.geo.orthos import OrthoReader
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
grid = TileGrid.covering((600000, 6690000, 610000, 6700000), "EPSG:2154", 500, 256)
n = 0
with OrthoReader({str(path)!r}, grid) as r:
    for k, (i, j) in enumerate(grid.indices()):
        if k % 7 == 0:
            t = r.read(i, j); n += 1
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({{"tiles": n, "grew_mb": (after - before) / 1024}}))
"""
    # GDAL's block cache is the only thing that grows with reads; bound it as a batch job would
    env = {**os.environ, "GDAL_CACHEMAX": "64"}
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300, env=env)
    assert out.returncode == 0, out.stderr
    res = json.loads(out.stdout.strip().splitlines()[-1])
    assert res["tiles"] > 50
    assert res["grew_mb"] < 300, res      # the whole raster would be 1200 MB
