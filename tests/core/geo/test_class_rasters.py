"""Land-cover rasters as a date's map: mappings, reading onto tiles (mode, reprojection, edges), reports, stores."""
import json

import numpy as np
import pytest
import rasterio
from rasterio.transform import from_origin

from crosstime.core import jobs
from crosstime.core.geo.class_mapping import (
    ClassMapping,
    ClassMappingError,
    category_for_label,
    load_class_mapping,
    mapping_from_labels,
)
from crosstime.core.geo.class_rasters import ClassRasterData, ClassRasterError, ClassRasterSampler
from crosstime.core.geo.grid import TileGrid
from crosstime.core.geo.legend import load_legend
from crosstime.core.geo.vectors import VectorLayerData
from crosstime.core.retrieval.map_use import has_vector_data
from crosstime.core.tiles.dates import OLD

LEGEND = load_legend("bdtopo_v3")
CODE = {c.key: c.code for c in LEGEND.categories}
# value 1 building, 2 water, 3 forest, 4 crops (background), 9: not in the mapping
MAPPING = ClassMapping("test", {1: "building", 2: "water", 3: "vegetation", 4: None}, {3: "forest"})


def _classes(path, data, crs="EPSG:2154", x0=700000.0, y0=6600000.0, res=1.0, nodata=None):
    with rasterio.open(path, "w", driver="GTiff", width=data.shape[1], height=data.shape[0], count=1,
                       dtype=data.dtype, crs=crs, transform=from_origin(x0, y0, res, res), nodata=nodata) as d:
        d.write(data, 1)
    return str(path)


def _quadrants(side=200):
    """building top-left, water top-right, forest bottom-left, crops bottom-right."""
    a = np.full((side, side), 4, np.uint8)
    h = side // 2
    a[:h, :h], a[:h, h:], a[h:, :h] = 1, 2, 3
    return a


def test_labels_in_english_and_french_point_to_their_category():
    assert [category_for_label(t) for t in ("Bâtiment", "Eau", "Conifère", "Forêt de feuillus", "Voie ferrée",
                                            "Cimetière", "playground", "low vegetation")] == \
        ["building", "water", "vegetation", "vegetation", "railway", "cemetery", "sports", "vegetation"]
    # what says the opposite, or names no category, stays background
    assert [category_for_label(t) for t in ("non-vegetated ground surface", "Surface herbacée", "Terres labourées",
                                            "No data")] == [None] * 4
    assert mapping_from_labels({1: "Bâti", 2: "Sol nu"}, "cosia").classes == {1: "building", 2: None}


def test_mappings_come_from_presets_json_and_csv(tmp_path):
    assert load_class_mapping("worldcover").classes[50] == "building"
    assert load_class_mapping("flair").classes[13] == "water"
    js = tmp_path / "m.json"
    js.write_text(json.dumps({"name": "SECOND", "classes": {"1": "water", "2": None}, "labels": {"1": "water"}}))
    m = load_class_mapping(str(js))
    assert (m.name, m.classes, m.label(1)) == ("SECOND", {1: "water", 2: None}, "1 (water)")
    cs = tmp_path / "m.csv"
    cs.write_text("value,category,label\n5,building,bati\n6,,sol\n")
    assert load_class_mapping(str(cs)).classes == {5: "building", 6: None}


def test_a_bad_mapping_is_refused_with_its_name(tmp_path):
    with pytest.raises(ClassMappingError, match="neither a class mapping preset"):
        load_class_mapping(str(tmp_path / "missing.json"))
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"classes": {"1": "forest"}}))
    with pytest.raises(ClassMappingError, match="'forest', which is no category"):
        load_class_mapping(str(bad))
    broken = tmp_path / "broken.json"
    broken.write_text("{")
    with pytest.raises(ClassMappingError, match="broken.json: not a readable class mapping"):
        load_class_mapping(str(broken))


def test_classes_land_on_the_tiles_where_they_are(tmp_path):
    path = _classes(tmp_path / "lc.tif", _quadrants())
    read = ClassRasterSampler([ClassRasterData("lc", path, MAPPING)], LEGEND, "EPSG:2154", 1.0)
    tile = read.codes((700000, 6599800, 700200, 6600000), 50)
    q = tile[:25, :25], tile[:25, 25:], tile[25:, :25], tile[25:, 25:]
    assert [np.unique(x).tolist() for x in q] == [[CODE["building"]], [CODE["water"]], [CODE["vegetation"]], [0]]
    # half outside the raster: the outside is background, the inside still read
    edge = read.codes((700150, 6599900, 700250, 6600000), 20)
    assert (edge[:, 10:] == 0).all() and (edge[:, :10] == CODE["water"]).all()
    assert read.codes((800000, 6500000, 800100, 6500100), 10).max() == 0
    read.close()
    # read again after closing (the tiles were closed between two jobs)
    assert read.codes((700000, 6599900, 700100, 6600000), 4).max() == CODE["building"]


def test_a_coarse_tile_takes_the_most_frequent_class_not_a_blend(tmp_path):
    a = np.full((100, 100), 3, np.uint8)
    a[:, :30] = 1                           # 30 % building, 70 % forest in every 10 x 10 block's row pattern
    a[::2, ::2] = 2
    path = _classes(tmp_path / "fine.tif", a, res=0.1)
    read = ClassRasterSampler([ClassRasterData("lc", path, MAPPING)], LEGEND, "EPSG:2154", 5.0)
    codes = read.codes((700000, 6599990, 700010, 6600000), 2)
    assert set(np.unique(codes)) <= {CODE["building"], CODE["vegetation"]}
    assert (codes[:, 1] == CODE["vegetation"]).all()


def test_a_raster_in_another_crs_is_reprojected_onto_the_grid(tmp_path):
    from rasterio.warp import transform
    xs, ys = transform("EPSG:2154", "EPSG:32631", [700000], [6600000])
    path = _classes(tmp_path / "utm.tif", _quadrants(), crs="EPSG:32631", x0=xs[0], y0=ys[0])
    read = ClassRasterSampler([ClassRasterData("lc", path, MAPPING)], LEGEND, "EPSG:2154", 1.0)
    # the centre of the building quadrant, well inside despite the rotation between the two CRSs
    tile = read.codes((700020, 6599920, 700060, 6599960), 8)
    assert (tile == CODE["building"]).mean() > 0.9


def test_the_report_counts_categories_and_names_unknown_classes(tmp_path):
    a = _quadrants()
    a[:10, :10] = 9
    a[-5:, -5:] = 255
    path = _classes(tmp_path / "lc.tif", a, nodata=255)
    read = ClassRasterSampler([ClassRasterData("landcover", path, MAPPING)], LEGEND, "EPSG:2154", 1.0)
    assert set(read.report.mapped["landcover"]) == {"building", "water", "vegetation"}
    assert list(read.report.unmapped_classes["landcover"]) == ["9"]          # nodata and crops (null) say nothing
    (warning,) = read.report.warnings()
    assert "landcover" in warning and "classes 9" in warning and "left as background" in warning
    # over the tiled area only: the unknown class lies outside it, and the water quadrant alone is inside
    part = ClassRasterSampler([ClassRasterData("landcover", path, MAPPING)], LEGEND, "EPSG:2154", 1.0,
                              clip_to=(700120, 6599900, 700300, 6600000))
    assert set(part.report.mapped["landcover"]) == {"water"} and not part.report.warnings()


def test_bad_rasters_are_refused_with_their_path(tmp_path):
    with pytest.raises(ClassRasterError, match="missing.tif: cannot open the land-cover raster"):
        ClassRasterSampler([ClassRasterData("x", str(tmp_path / "missing.tif"), MAPPING)], LEGEND, "EPSG:2154")
    plain = tmp_path / "plain.tif"
    with rasterio.open(plain, "w", driver="GTiff", width=4, height=4, count=1, dtype="uint8") as d:
        d.write(np.ones((1, 4, 4), np.uint8))
    with pytest.raises(ClassRasterError, match="plain.tif: the land-cover raster has no coordinate"):
        ClassRasterSampler([ClassRasterData("x", str(plain), MAPPING)], LEGEND, "EPSG:2154")
    path = _classes(tmp_path / "lc.tif", _quadrants())
    with pytest.raises(ClassRasterError, match="band 2 is not a band"):
        ClassRasterSampler([ClassRasterData("x", path, MAPPING, band=2)], LEGEND, "EPSG:2154")


def test_a_tile_store_draws_vectors_over_the_land_cover(tmp_path):
    from tests.core.geo.test_orthos import _pattern, _write
    ortho = _write(tmp_path / "o.tif", _pattern(200, 200))
    lc = _classes(tmp_path / "lc.tif", _quadrants())
    road = VectorLayerData("troncon_de_route", "EPSG:2154", [({"type": "LineString", "coordinates": [
        (700000.0, 6599950.0), (700200.0, 6599950.0)]}, {"nature": "Route à 1 chaussée", "largeur_de_chaussee": 6})])
    old = [ClassRasterData("lc", lc, MAPPING), road]
    assert has_vector_data(old) and not has_vector_data([ClassRasterData("lc", lc, ClassMapping("none", {1: None}))])
    grid = TileGrid.covering((700000, 6599800, 700200, 6600000), "EPSG:2154", 100, 50)
    store, summary = jobs.build_tile_store(str(tmp_path / "s.ctstore"), ortho, ortho, old, [], LEGEND,
                                           tile_size=100, pixels=50, grid=grid)
    (k,) = np.nonzero((store.footprints[:, 0] == 700000) & (store.footprints[:, 3] == 6600000))[0]
    codes = store.codes(OLD, [k])[0]
    assert (codes[:5] == CODE["building"]).all()                # the raster's building quadrant
    assert (codes[23:27, 10] == CODE["road"]).all()             # the road drawn over it
    assert store.meta["maps"] == {"old": True, "new": False}
    assert store.meta["sources"]["old_layers"] == ["lc", "troncon_de_route"]
    assert summary["old_mapping"].mapped["lc"]["water"] > 0


def test_float_classes_with_a_nan_nodata_are_read(tmp_path):
    a = _quadrants().astype(np.float32)
    a[:20, :20] = np.nan
    path = _classes(tmp_path / "f.tif", a, nodata=float("nan"))
    read = ClassRasterSampler([ClassRasterData("lc", path, MAPPING)], LEGEND, "EPSG:2154", 1.0)
    tile = read.codes((700000, 6599900, 700100, 6600000), 10)
    assert (tile[:2, :2] == 0).all() and (tile[5:, 5:] == CODE["building"]).all()
    assert "building" in read.report.mapped["lc"] and not read.report.warnings()
