"""The synthetic landscape: real files with real CRSs, deterministic, and the changes the paper is about."""
import hashlib
import json

import numpy as np
import rasterio

from crosstime.core.geo.vectors import list_layers, read_vector_file
from crosstime.core.samples.synthetic import SyntheticConfig, generate_landscape


def _digest(path):
    with rasterio.open(path) as d:
        return hashlib.sha256(d.read().tobytes()).hexdigest()


def test_files_crs_layers_and_changes(land):
    with rasterio.open(land.old_ortho) as a, rasterio.open(land.new_ortho) as b:
        assert a.crs.to_epsg() == 2154 and b.crs.to_epsg() == 2154
        assert a.count == 3 and a.dtypes[0] == "uint8" and a.bounds == b.bounds
        assert a.tags()["CROSSTIME_SYNTHETIC"] == "yes"
        ia, ib = a.read().astype(float), b.read().astype(float)
    assert np.abs(ia - ib).mean() > 10                  # season, crops and light differ a lot
    layers = set(list_layers(land.new_vectors))
    assert {"BATIMENT", "TRONCON_DE_ROUTE", "SURFACE_HYDROGRAPHIQUE", "ZONE_DE_VEGETATION", "TERRAIN_DE_SPORT",
            "CIMETIERE"} <= layers
    new = {l.name: l for l in read_vector_file(land.new_vectors)}
    old = {l.name: l for l in read_vector_file(land.old_vectors)}
    assert any(p.get("NATURE") == "Eglise" for p in new["BATIMENT"].properties())
    assert len(old["BATIMENT"]) < len(new["BATIMENT"])   # sparser old annotation
    c = land.changes
    assert c["forest_grown_m2"] > 0 and c["forest_cleared_m2"] > 0 and c["parcels_merged"] > 0
    meta = json.load(open(land.folder + "/synthetic.json"))
    assert "synthetic" in meta["note"]


def test_deterministic_from_seed(tmp_path):
    cfg = SyntheticConfig(size_m=600, resolution=2.0, seed=3)
    a = generate_landscape(str(tmp_path / "a"), cfg)
    b = generate_landscape(str(tmp_path / "b"), cfg)
    c = generate_landscape(str(tmp_path / "c"), SyntheticConfig(size_m=600, resolution=2.0, seed=4))
    assert _digest(a.new_ortho) == _digest(b.new_ortho) and _digest(a.old_ortho) == _digest(b.old_ortho)
    assert _digest(a.new_ortho) != _digest(c.new_ortho)
