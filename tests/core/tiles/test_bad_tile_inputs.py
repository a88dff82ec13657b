"""Inputs that cannot make good tiles are said so, naming the input: empty or broken vector layers, a new ortho in
degrees, a GeoPackage GDAL fails to write without a word."""
from __future__ import annotations

import os

import numpy as np
import pytest

from crosstime.core import jobs
from crosstime.core.geo import vectors
from crosstime.core.geo.legend import load_legend
from crosstime.core.geo.vectors import VectorLayerData
from crosstime.core.progress import Progress
from crosstime.core.tiles.build import TileStoreInputError


def test_empty_and_broken_only_layers_are_reported(land, tmp_path):
    unclosed = {"type": "Polygon", "coordinates": [[[0.0, 0.0], [10.0, 0.0], [10.0, 10.0], [0.0, 10.0]]]}
    empty = VectorLayerData("CIMETIERE", "EPSG:2154", [])
    broken = VectorLayerData("BATIMENT", "EPSG:2154", [(unclosed, {"NATURE": "Indifférenciée"})])
    told = []
    _, summary = jobs.build_tile_store(str(tmp_path / "s.ctstore"), land.old_ortho, land.new_ortho,
                                       jobs.read_vector_files([land.old_vectors]), [empty, broken],
                                       load_legend("bdtopo_v3"), tile_size=300.0, pixels=32,
                                       progress=Progress(log=told.append))
    report = summary["new_mapping"]
    assert report.empty_layers == ["CIMETIERE"] and len(report.bad_features["BATIMENT"]) == 1
    text = " ".join(told)
    assert "new date: layer 'CIMETIERE' has no features" in text
    assert "new date: layer 'BATIMENT': 1 feature(s) with a broken geometry skipped" in text


def _ortho_in_degrees(path: str) -> str:
    import rasterio
    from rasterio.transform import from_origin
    with rasterio.open(path, "w", driver="GTiff", width=32, height=32, count=3, dtype="uint8", crs="EPSG:4326",
                       transform=from_origin(2.35, 48.86, 1e-4, 1e-4)) as ds:
        ds.write(np.full((3, 32, 32), 120, np.uint8))
    return path


def test_a_new_ortho_in_degrees_is_named_with_the_way_out(land, tmp_path):
    new = _ortho_in_degrees(str(tmp_path / "new_wgs84.tif"))
    with pytest.raises(TileStoreInputError) as err:
        jobs.grid_for_orthos(land.old_ortho, new, 100.0, 64)
    text = str(err.value)
    assert text.startswith(f"{new}: the new ortho is in EPSG:4326") and "takes its CRS from the new ortho" in text
    assert "--crs" in text
    assert err.value.message.values["path"] == new                   # the template keeps the file for translation
    with pytest.raises(TileStoreInputError, match="the grid CRS EPSG:4326 is geographic"):
        jobs.grid_for_orthos(land.old_ortho, land.new_ortho, 100.0, 64, crs="EPSG:4326")


@pytest.mark.parametrize("free, says", [(64 * 1024, "the disk is full"),
                                        (50 * 10 ** 9, "GDAL could not write the GeoPackage and gave no reason")])
def test_a_geopackage_gdal_fails_to_write_in_silence(tmp_path, monkeypatch, free, says):
    """GDAL's GeoPackage driver fails without a word when SQLite cannot grow its journal on a full disk (seen on a
    1 MB tmpfs with 4-64 kB left); with room left the message says there is room and what else to check."""
    path = str(tmp_path / "m.gpkg")
    vectors.write_geopackage(path, "a", "EPSG:2154", [(vectors.box_polygon((0, 0, 1, 1)), {"n": 1})],
                                   [("n", "int")])
    before = os.path.getsize(path)

    def silent_failure(*_a, **_kw):
        raise RuntimeError("")
    monkeypatch.setattr(vectors, "_write_layer", silent_failure)
    monkeypatch.setattr(vectors, "_free_bytes", lambda folder: free)
    with pytest.raises((OSError, vectors.VectorError)) as err:
        vectors.write_geopackage(path, "a", "EPSG:2154", [], [("n", "int")], overwrite_file=True)
    assert str(err.value).startswith(f"{path}: {says}") and "()" not in str(err.value)
    assert sorted(os.listdir(tmp_path)) == ["m.gpkg"] and os.path.getsize(path) == before
