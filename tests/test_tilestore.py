"""Tile stores: both dates from orthos and vectors, round trip, atomic writes, clear errors."""
import json
import os

import numpy as np
import pytest

from crosstime.core.dataset import DatasetError, build_tile_store, grid_for_orthos
from crosstime.core.legend import load_legend
from crosstime.core.progress import Cancelled, Progress
from crosstime.core.tilestore import TileStore, TileStoreError, TileStoreWriter
from crosstime.core.tileset import TileSet
from crosstime.core.vectors import read_vector_file


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
    x = ts.inputs([3, 1, 2], "b", store.legend(), "fusion", "rgb")
    assert x.shape == (3, 6, 64, 64) and x.dtype == np.float32 and 0 <= x.min() and x.max() <= 1
    g = ts.inputs([3], "a", store.legend(), "fusion", "grey")
    assert g.shape == (1, 4, 64, 64)
    img, _ = ts.raw([3, 1], "a")
    assert (img[0] == store.image_a[3]).all()


def test_cancelled_build_leaves_nothing_and_keeps_previous(land, tmp_path):
    grid = grid_for_orthos(land.old_ortho, land.new_ortho, 100.0, 32)
    out = str(tmp_path / "s.ctstore")
    legend = load_legend("bdtopo_v3")
    va, vb = read_vector_file(land.old_vectors), read_vector_file(land.new_vectors)
    first, _ = build_tile_store(out, land.old_ortho, land.new_ortho, va, vb, grid, legend)
    created = first.meta["created"]
    calls = {"n": 0}

    def cancel_soon():
        calls["n"] += 1
        return calls["n"] > 3
    with pytest.raises(Cancelled):
        build_tile_store(out, land.old_ortho, land.new_ortho, va, vb, grid, legend, Progress(is_cancelled=cancel_soon))
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
    with pytest.raises(DatasetError, match="geographic"):
        grid_for_orthos(land.old_ortho, land.new_ortho, 100, 32, crs="EPSG:4326")
