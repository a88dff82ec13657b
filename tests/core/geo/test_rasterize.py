"""Rasterization: features in any CRS land on the right pixels of the grid, in draw order, with widths."""
import numpy as np
from rasterio.warp import transform_geom

from crosstime.core.geo.legend import load_legend
from crosstime.core.geo.rasterize import SemanticRasterizer, codes_to_grey, codes_to_rgb
from crosstime.core.geo.vectors import VectorLayerData, box_polygon

L93 = "EPSG:2154"
X0, Y0 = 700000.0, 6600000.0      # a 200 m tile: [X0, X0 + 200] x [Y0, Y0 + 200]
TILE = (X0, Y0, X0 + 200, Y0 + 200)


def _in_wgs84(geom):
    return transform_geom(L93, "EPSG:4326", geom)


def test_wgs84_polygon_lands_on_the_right_pixels():
    legend = load_legend("bdtopo_v3")
    # a 50 x 50 m building in the north-west quarter, given in lon/lat
    b = _in_wgs84(box_polygon((X0 + 20, Y0 + 130, X0 + 70, Y0 + 180)))
    r = SemanticRasterizer([VectorLayerData("BATIMENT", "EPSG:4326", [(b, {"NATURE": "Indifférenciée"})])], legend, L93)
    codes = r.codes(TILE, 100)                         # 2 m per pixel
    ys, xs = np.nonzero(codes == legend.category("building").code)
    assert abs(xs.min() - 10) <= 1 and abs(xs.max() - 34) <= 1          # x 20..70 m -> px 10..35
    assert abs(ys.min() - 10) <= 1 and abs(ys.max() - 34) <= 1          # y 180..130 m from the top -> rows 10..35
    assert codes.sum() and (codes[60:, :] == 0).all()


def test_draw_order_width_and_points():
    legend = load_legend("bdtopo_v3")
    road = {"type": "LineString", "coordinates": [[X0, Y0 + 100], [X0 + 200, Y0 + 100]]}
    wood = box_polygon(TILE)
    church = box_polygon((X0 + 90, Y0 + 90, X0 + 110, Y0 + 110))
    point = {"type": "Point", "coordinates": [X0 + 20, Y0 + 20]}
    layers = [VectorLayerData("BATIMENT", L93, [(church, {"NATURE": "Eglise"})]),
              VectorLayerData("TRONCON_DE_ROUTE", L93, [(road, {"LARGEUR_DE_CHAUSSEE": 10.0})]),
              VectorLayerData("ZONE_DE_VEGETATION", L93, [(wood, {})]),
              VectorLayerData("CONSTRUCTION_PONCTUELLE", L93, [(point, {"NATURE": "Clocher"})])]
    codes = SemanticRasterizer(layers, legend, L93, min_width=2.0).codes(TILE, 100)
    c = {k: legend.category(k).code for k in ("road", "church", "vegetation")}
    assert codes[50, 10] == c["road"]                 # the road is drawn over the wood
    assert codes[50, 50] == c["church"]               # the church over the road
    assert codes[5, 5] == c["vegetation"]
    road_rows = np.nonzero(codes[:, 10] == c["road"])[0]
    assert 4 <= len(road_rows) <= 6                   # 10 m wide at 2 m per pixel
    assert codes[90, 10] == c["church"]               # the bell tower point, buffered
    rgb, grey = codes_to_rgb(codes, legend), codes_to_grey(codes, legend)
    assert rgb.shape == (100, 100, 3) and tuple(rgb[50, 10]) == (255, 165, 0)
    assert grey.shape == (100, 100) and grey[5, 5] > 0


def test_unknown_layer_is_reported_not_drawn():
    legend = load_legend("bdtopo_v3")
    layers = [VectorLayerData("MYSTERY", L93, [(box_polygon(TILE), {"kind": "?"})]),
              VectorLayerData("BATIMENT", L93, [])]
    r = SemanticRasterizer(layers, legend, L93)
    assert (r.codes(TILE, 32) == 0).all()
    assert r.report.unmapped_layers == {"MYSTERY": 1} and r.report.empty_layers == ["BATIMENT"]


def test_geometries_read_leave_the_cycle_collectors_watch():
    """Coordinates become tuples (the collector stops walking them), and nothing else changes."""
    import gc
    import json

    from crosstime.core.geo.vectors import geometry_from_json
    poly = {"type": "Polygon", "coordinates": [[[0, 0], [4, 0], [4, 4], [0, 0]]]}
    g = geometry_from_json(json.dumps(poly))
    assert g["type"] == "Polygon" and json.loads(json.dumps(g)) == poly
    for _ in range(4):              # a collection untracks one level of nesting (the depth of a multipolygon: 4)
        gc.collect()
    assert not gc.is_tracked(g["coordinates"]) and not gc.is_tracked(g["coordinates"][0][0])
    coll = geometry_from_json(json.dumps({"type": "GeometryCollection", "geometries": [poly]}))
    assert coll["geometries"][0]["coordinates"] == g["coordinates"]


def test_many_features_keep_their_boxes_and_are_released_gradually():
    from crosstime.core.geo.vectors import release_gradually
    legend = load_legend("bdtopo_v3")
    feats = [(box_polygon((X0 + k % 100, Y0 + k // 100, X0 + k % 100 + 1, Y0 + k // 100 + 1)),
              {"NATURE": "Indifférenciée"}) for k in range(10_000)]          # more than one slice of boxes
    r = SemanticRasterizer([VectorLayerData("BATIMENT", L93, list(feats))], legend, L93)
    assert len(r) == 10_000 and r._boxes.shape == (10_000, 4)
    assert np.allclose(np.sort(r._boxes[:, 0]), np.sort([X0 + k % 100 for k in range(10_000)]))
    assert (r.codes(TILE, 100) == legend.category("building").code).sum() > 0
    r.release()
    assert len(r) == 0
    items = list(range(5000))
    release_gradually(items, step=64)
    assert items == []


def test_features_read_as_text_are_drawn_as_those_read_as_mappings(land):
    """QGIS layers come as (JSON text, values): polygons already in the grid's CRS are drawn as given (no round trip
    through GDAL), the rest through GDAL as before; the codes must not differ from the mappings' path."""
    import json

    from crosstime.core import jobs
    from crosstime.core.geo.rasterize import SemanticRasterizer
    from crosstime.core.geo.vectors import VectorLayerData
    legend = load_legend("bdtopo_v3")
    layers = jobs.read_vector_files([land.new_vectors])
    as_text = []
    for layer in layers:
        names = sorted({k for _, p in layer.features for k in p})
        rows = [(json.dumps(g), tuple(p.get(k) for k in names)) for g, p in layer.features]
        as_text.append(VectorLayerData(layer.name, layer.crs, rows, layer.source, fields=names))
    x0, y0, x1, y1 = land.bounds
    box = (x0 + 50, y0 + 50, x1 - 50, y1 - 50)
    a = SemanticRasterizer(layers, legend, "EPSG:2154", 2.0, clip_to=box)
    b = SemanticRasterizer(as_text, legend, "EPSG:2154", 2.0, clip_to=box)
    assert len(a) == len(b) > 50
    for k in range(6):
        tile = (box[0] + 170 * k, box[1] + 170 * k, box[0] + 170 * k + 300, box[1] + 170 * k + 300)
        np.testing.assert_array_equal(a.codes(tile, 128), b.codes(tile, 128))
    assert (a.codes(box, 256) > 0).mean() > 0.05
