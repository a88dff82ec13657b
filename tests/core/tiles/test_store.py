"""Tile stores: both dates from orthos and vectors, round trip, atomic writes, clear errors."""
import json
import os

import numpy as np
import pytest

from crosstime.core import jobs
from crosstime.core.geo.legend import load_legend
from crosstime.core.geo.vectors import read_vector_file
from crosstime.core.progress import Cancelled, Progress
from crosstime.core.tiles.build import TileStoreInputError, grid_for_orthos, write_tile_store
from crosstime.core.tiles.dates import NEW, OLD
from crosstime.core.tiles.network_input import read_network_input
from crosstime.core.tiles.selection import TileSet
from crosstime.core.tiles.store import TileStore, TileStoreError, TileStoreWriter


def test_store_from_synthetic_landscape(store, land):
    assert len(store) == 144 and store.pixels == 64
    assert store.image_a.shape == (144, 64, 64, 3) and store.sem_b.shape == (144, 64, 64)
    assert store.crs == "EPSG:2154" and store.grid.tile_size == 100
    assert len(store.usable()) == 144
    # semantics are there on both dates, and the old date has fewer buildings annotated
    b = load_legend("bdtopo_v3").category("building").code
    assert (np.asarray(store.sem_a) == b).sum() < (np.asarray(store.sem_b) == b).sum()
    # the footprint of every tile matches its id on the grid
    g = store.grid
    for tid, fp in zip(store.ids[:5], store.footprints[:5]):
        assert tuple(fp) == g.footprint_of(str(tid))


def test_tileset_reads_batches(store):
    ts = TileSet([store])
    x = read_network_input(ts, [3, 1, 2], NEW, store.legend(), "fusion", "rgb", as_uint8=False)
    assert x.shape == (3, 6, 64, 64) and x.dtype == np.float32 and 0 <= x.min() and x.max() <= 1
    u = read_network_input(ts, [3, 1, 2], NEW, store.legend(), "fusion", "rgb")
    assert u.shape == (3, 64, 64, 6) and u.dtype == np.uint8
    g = read_network_input(ts, [3], OLD, store.legend(), "fusion", "grey", as_uint8=False)
    assert g.shape == (1, 4, 64, 64)
    batch = ts.read([3, 1], OLD)
    assert (batch.images[0] == store.image_a[3]).all() and (batch.codes[1] == store.sem_a[1]).all()
    assert batch.valid[0] == store.valid[3, 0]


def test_cancelled_build_leaves_nothing_and_keeps_previous(land, tmp_path):
    out = str(tmp_path / "s.ctstore")
    legend = load_legend("bdtopo_v3")
    va, vb = read_vector_file(land.old_vectors), read_vector_file(land.new_vectors)
    first, _ = jobs.build_tile_store(out, land.old_ortho, land.new_ortho, va, vb, legend, tile_size=100.0, pixels=32)
    created = first.meta["created"]
    calls = {"n": 0}

    def cancel_soon():
        calls["n"] += 1
        return calls["n"] > 3
    with pytest.raises(Cancelled):
        jobs.build_tile_store(out, land.old_ortho, land.new_ortho, va, vb, legend, tile_size=100.0, pixels=32,
                              progress=Progress(is_cancelled=cancel_soon))
    assert TileStore(out).meta["created"] == created
    assert [p for p in os.listdir(tmp_path) if p.startswith(".tmp-")] == []


def test_damaged_and_foreign_stores_are_refused(store, tmp_path):
    with pytest.raises(TileStoreError, match="not a CrossTime tile store"):
        TileStore(str(tmp_path))
    fake = tmp_path / "fake.ctstore"
    fake.mkdir()
    (fake / "meta.json").write_text(json.dumps({"format": "something-else"}))
    with pytest.raises(TileStoreError, match="not a CrossTime tile store"):
        TileStore(str(fake))
    (fake / "meta.json").write_text("{broken")
    with pytest.raises(TileStoreError, match="damaged"):
        TileStore(str(fake))
    (fake / "meta.json").write_text(json.dumps({**store.meta}))
    with pytest.raises(TileStoreError, match="damaged"):
        TileStore(str(fake))


def test_full_disk_is_refused_before_writing(tmp_path, monkeypatch):
    import shutil
    from collections import namedtuple
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda p: usage(10 ** 9, 10 ** 9 - 1000, 1000))
    with pytest.raises(OSError, match="not enough disk space"):
        TileStoreWriter(str(tmp_path / "x.ctstore"), 1000, 256, {})
    assert os.listdir(tmp_path) == []


def test_geographic_grid_crs_is_refused(land):
    with pytest.raises(TileStoreInputError, match="geographic"):
        grid_for_orthos(land.old_ortho, land.new_ortho, 100, 32, crs="EPSG:4326")


def test_geotiff_in_lambert93_and_geojson_in_wgs84_meet_on_the_same_pixels(tmp_path):
    """A bright roof in a Lambert-93 GeoTIFF and its polygon in a WGS84 GeoJSON file end up on the same
    tile pixels, whichever CRS each came in."""
    import rasterio
    from rasterio.transform import from_origin
    from rasterio.warp import transform_geom

    from crosstime.core.geo.vectors import box_polygon
    x0, y0 = 652000.0, 6862000.0                          # top-left corner, metres in EPSG:2154
    img = np.zeros((3, 200, 200), np.uint8)
    img[:, 50:80, 120:170] = 255                          # the roof: rows 50-80, columns 120-170 at 1 m/px
    for name in ("old.tif", "new.tif"):
        with rasterio.open(tmp_path / name, "w", driver="GTiff", width=200, height=200, count=3, dtype="uint8",
                           crs="EPSG:2154", transform=from_origin(x0, y0, 1.0, 1.0)) as d:
            d.write(img)
    roof = box_polygon((x0 + 120, y0 - 80, x0 + 170, y0 - 50))
    gj = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"NATURE": "Indifférenciée"},
         "geometry": transform_geom("EPSG:2154", "EPSG:4326", roof)}]}
    path = tmp_path / "BATIMENT.geojson"
    path.write_text(json.dumps(gj))
    layers = read_vector_file(str(path))
    assert layers[0].crs == "EPSG:4326" or "4326" in layers[0].crs or "WGS" in layers[0].crs
    for l in layers:
        l.name = "BATIMENT"
    grid = grid_for_orthos(str(tmp_path / "old.tif"), str(tmp_path / "new.tif"), 100.0, 100, origin=(x0, y0 - 200))
    with jobs.layer_tiles(grid, load_legend("bdtopo_v3"), old_ortho=str(tmp_path / "old.tif"),
                          new_ortho=str(tmp_path / "new.tif"),
                          old_vectors=layers, new_vectors=layers) as tiles:
        st, summary = write_tile_store(str(tmp_path / "s.ctstore"), tiles)
    k = st.index_of()[grid.ids()[1]]                      # the north-east tile
    bright = st.image_b[k].mean(-1) > 128
    drawn = st.sem_b[k] == load_legend("bdtopo_v3").category("building").code
    assert bright.sum() > 1000 and drawn.sum() > 1000
    inter = (bright & drawn).sum() / (bright | drawn).sum()
    assert inter > 0.93, inter                           # pixel-accurate up to the reprojection's rounding
