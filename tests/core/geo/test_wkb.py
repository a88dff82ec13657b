"""Geometries read as WKB (how QGIS and OGR hand them over): 2-D polygons viewed by numpy as they are, anything else
through OGR; drawn exactly as the GeoJSON mappings, and bad rings reported per feature as before."""
import json
import struct

import numpy as np
import pytest
from osgeo import ogr

from crosstime.core.geo.legend import load_legend
from crosstime.core.geo.rasterize import SemanticRasterizer
from crosstime.core.geo.vectors import VectorLayerData, geometry_of
from crosstime.core.geo.wkb import WkbProblem, polygon_from_wkb

L93 = "EPSG:2154"
X0, Y0 = 700000.0, 6600000.0


def wkb(geojson: dict, order=ogr.wkbNDR) -> bytes:
    return ogr.CreateGeometryFromJson(json.dumps(geojson)).ExportToIsoWkb(order)


SQUARE = {"type": "Polygon", "coordinates": [[[X0 + 10, Y0 + 10], [X0 + 60, Y0 + 10], [X0 + 60, Y0 + 70],
                                              [X0 + 10, Y0 + 70], [X0 + 10, Y0 + 10]],
                                             [[X0 + 20, Y0 + 20], [X0 + 30, Y0 + 20], [X0 + 30, Y0 + 30],
                                              [X0 + 20, Y0 + 20]]]}
TWO = {"type": "MultiPolygon", "coordinates": [SQUARE["coordinates"],
                                               [[[X0 + 100, Y0 + 5], [X0 + 150, Y0 + 5], [X0 + 150, Y0 + 190],
                                                 [X0 + 100, Y0 + 5]]]]}


@pytest.mark.parametrize("order", [ogr.wkbNDR, ogr.wkbXDR])
def test_polygons_come_out_as_their_coordinates_and_box(order):
    kind, rings, box = polygon_from_wkb(wkb(SQUARE, order))
    assert kind == "Polygon" and len(rings) == 2
    np.testing.assert_array_equal(rings[0], np.array(SQUARE["coordinates"][0]))
    assert box == (X0 + 10, Y0 + 10, X0 + 60, Y0 + 70)
    kind, polygons, box = polygon_from_wkb(wkb(TWO, order))
    assert kind == "MultiPolygon" and [len(p) for p in polygons] == [2, 1]
    assert box == (X0 + 10, Y0 + 5, X0 + 150, Y0 + 190)


def test_other_geometries_are_left_to_ogr():
    line = {"type": "LineString", "coordinates": [[X0, Y0], [X0 + 5, Y0 + 5]]}
    assert polygon_from_wkb(wkb(line)) is None
    with_z = ogr.CreateGeometryFromWkt(f"POLYGON Z (({X0} {Y0} 1,{X0 + 9} {Y0} 1,{X0 + 9} {Y0 + 9} 1,{X0} {Y0} 1))")
    assert polygon_from_wkb(with_z.ExportToIsoWkb()) is None
    curved = ogr.CreateGeometryFromWkt(f"CURVEPOLYGON(CIRCULARSTRING({X0} {Y0},{X0 + 10} {Y0 + 10},{X0} {Y0}))")
    assert geometry_of(curved.ExportToIsoWkb())["type"] == "Polygon"      # made straight segments, as QGIS does
    assert geometry_of(wkb(line)) == {"type": "LineString", "coordinates": ((X0, Y0), (X0 + 5, Y0 + 5))}


def test_rings_rasterio_would_refuse_are_named():
    open_ring = bytearray(wkb(SQUARE))
    struct.pack_into("<d", open_ring, 13 + 16 * 4, X0 + 11)            # the outer ring's last x
    with pytest.raises(WkbProblem, match="ring 1 is not closed"):
        polygon_from_wkb(bytes(open_ring))


def test_wkb_features_draw_as_mappings_and_bad_ones_are_reported():
    """Every form a reader gives (mapping, JSON text, WKB) draws the same codes; a truncated or open ring is one bad
    feature in the report, never a failed job."""
    legend = load_legend("bdtopo_v3")
    line = {"type": "LineString", "coordinates": [[X0, Y0 + 100], [X0 + 200, Y0 + 120]]}
    feats = [(SQUARE, {"NATURE": "Indifférenciée"}), (TWO, {"NATURE": "Indifférenciée"})]
    roads = [(line, {"NATURE": "Route à 1 chaussée", "LARGEUR": 6.0})]
    as_dicts = [VectorLayerData("BATIMENT", L93, feats), VectorLayerData("TRONCON_DE_ROUTE", L93, roads)]
    as_wkb = [VectorLayerData(v.name, L93, [(wkb(g), tuple(p.values())) for g, p in v.features], fields=list(
        v.features[0][1])) for v in as_dicts]
    tile = (X0, Y0, X0 + 200, Y0 + 200)
    a = SemanticRasterizer(as_dicts, legend, L93, 1.0).codes(tile, 100)
    b = SemanticRasterizer(as_wkb, legend, L93, 1.0).codes(tile, 100)
    assert (a > 0).mean() > 0.1 and len(np.unique(a)) == 3
    np.testing.assert_array_equal(a, b)
    # the same square in WGS 84: reprojected through OGR from its WKB
    from rasterio.warp import transform_geom
    wgs = VectorLayerData("BATIMENT", "EPSG:4326", [(wkb(transform_geom(L93, "EPSG:4326", SQUARE)), ("x",))],
                          fields=["NATURE"])
    wgs.features = [(g, ("Indifférenciée",)) for g, _ in wgs.features]
    c = SemanticRasterizer([wgs], legend, L93, 1.0).codes(tile, 100)
    square = SemanticRasterizer([VectorLayerData("BATIMENT", L93, feats[:1])], legend, L93, 1.0).codes(tile, 100)
    assert (square > 0).sum() > 500 and (c != square).sum() < 40
    broken = [(wkb(SQUARE)[:30], ("Indifférenciée",)), (wkb(TWO), ("Indifférenciée",))]
    r = SemanticRasterizer([VectorLayerData("BATIMENT", L93, broken, fields=["NATURE"])], legend, L93)
    assert len(r) == 1 and len(r.report.bad_features["BATIMENT"]) == 1
