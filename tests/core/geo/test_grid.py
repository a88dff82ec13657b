import pytest

from crosstime.core.geo.grid import GridError, TileGrid, parse_tile_id, tile_id


def test_grid_covers_overlap_with_stable_ids():
    g = TileGrid.for_overlap((100, 100, 1350, 1100), (0, 0, 1200, 2000), "EPSG:2154", 250, 128)
    assert g.shape == (3, 3)       # overlap x 100..1200, y 100..1100: whole tiles from 250 to 1000
    assert g.footprint(*parse_tile_id(g.ids()[0]))[0] == 250.0
    # the same tile gets the same id on another extent
    g2 = TileGrid.covering((0, 0, 5000, 5000), "EPSG:2154", 250, 128)
    assert set(g.ids()) <= set(g2.ids())
    for tid in g.ids():
        assert g.footprint_of(tid) == g2.footprint_of(tid)


def test_tile_at_and_footprint():
    g = TileGrid.covering((0, 0, 1000, 1000), "EPSG:2154", 250, 256)
    assert g.resolution == pytest.approx(250 / 256)
    assert g.tile_at(10, 10) == (0, 0)
    assert g.tile_at(260, 990) == (1, 3)
    assert g.tile_at(-5, 10) is None and g.tile_at(1010, 10) is None
    i, j = g.tile_at(600, 400)
    x0, y0, x1, y1 = g.footprint(i, j)
    assert x0 <= 600 <= x1 and y0 <= 400 <= y1


def test_overlapping_tiles_pick_nearest_centre():
    g = TileGrid.covering((0, 0, 1000, 1000), "EPSG:2154", 200, 64, stride=100)
    assert g.shape == (9, 9)
    i, j = g.tile_at(349, 349)
    cx, cy = (g.footprint(i, j)[0] + 100, g.footprint(i, j)[1] + 100)
    assert abs(cx - 349) <= 50 and abs(cy - 349) <= 50


def test_rows_from_north_west_and_roundtrip():
    g = TileGrid.covering((0, 0, 600, 400), "EPSG:32631", 200, 32)
    ids = g.ids()
    assert ids[0] == tile_id(0, 1) and ids[-1] == tile_id(2, 0)
    assert TileGrid.from_dict(g.to_dict()) == g
    assert g.same_layout(TileGrid.covering((0, 0, 2000, 2000), "EPSG:32631", 200, 32))


def test_clear_errors():
    with pytest.raises(GridError, match="do not overlap"):
        TileGrid.for_overlap((0, 0, 10, 10), (20, 20, 30, 30), "EPSG:2154", 5, 8)
    with pytest.raises(GridError, match="smaller than one tile"):
        TileGrid.covering((0, 0, 100, 100), "EPSG:2154", 250, 64)
    with pytest.raises(GridError, match="stride"):
        TileGrid.covering((0, 0, 1000, 1000), "EPSG:2154", 250, 64, stride=300)
