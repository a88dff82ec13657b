"""Legend: the paper's Table 1, the presets for BD TOPO v2/v3 and OSM, mapping files, unmapped reports."""
import json

import pytest

from crosstime.core.geo.legend import CATEGORIES, LegendError, grey_level, load_legend, write_mapping_file


def test_table_1_colours_and_grey_variant():
    rgb = {c.key: c.rgb for c in CATEGORIES}
    assert len(CATEGORIES) == 12
    assert rgb["road"] == (255, 165, 0) and rgb["church"] == (255, 255, 0) and rgb["tower"] == (165, 42, 42)
    assert rgb["fort"] == (128, 128, 128) and rgb["castle"] == (0, 0, 0) and rgb["building"] == (255, 0, 0)
    assert rgb["water"] == (0, 0, 255) and rgb["sports"] == (138, 43, 226) and rgb["cemetery"] == (75, 0, 130)
    assert rgb["vegetation"] == (0, 255, 0) and rgb["airport"] == (95, 2, 31) and rgb["railway"] == (255, 0, 255)
    lut = load_legend("bdtopo_v3").grey_lut()
    assert lut[0] == 0 and all(lut[c.code] > 0 for c in CATEGORIES)     # every feature brighter than background
    assert grey_level((255, 0, 0)) == 76


@pytest.mark.parametrize("layer,props,expected", [
    ("BATI_REMARQUABLE", {"NATURE": "Eglise"}, "church"),
    ("BATI_REMARQUABLE", {"NATURE": "Chapelle"}, "church"),
    ("BATI_REMARQUABLE", {"NATURE": "Tour, donjon, moulin"}, "tower"),
    ("BATI_REMARQUABLE", {"NATURE": "Fort, blockhaus, casemate"}, "fort"),
    ("BATI_REMARQUABLE", {"NATURE": "Château"}, "castle"),
    ("BATI_REMARQUABLE", {"NATURE": "Mairie"}, "building"),
    ("BATI_INDIFFERENCIE", {}, "building"),
    ("ROUTE", {"NATURE": "Route à 1 chaussée", "LARGEUR": 5.5}, "road"),
    ("SURFACE_EAU", {}, "water"), ("ZONE_VEGETATION", {"NATURE": "Bois"}, "vegetation"),
    ("TERRAIN_SPORT", {}, "sports"), ("CIMETIERE", {}, "cemetery"),
    ("TRONCON_VOIE_FERREE", {}, "railway"), ("PISTE_AERODROME", {}, "airport"),
])
def test_bdtopo_v2(layer, props, expected):
    cat, _ = load_legend("bdtopo_v2").classify(layer, props)
    assert cat.key == expected


@pytest.mark.parametrize("layer,props,expected", [
    ("BATIMENT", {"NATURE": "Église"}, "church"), ("batiment", {"nature": "CHAPELLE"}, "church"),
    ("BATIMENT", {"NATURE": "Tour, donjon"}, "tower"), ("BATIMENT", {"NATURE": "Fort, blockhaus, casemate"}, "fort"),
    ("BATIMENT", {"NATURE": "Château"}, "castle"), ("BATIMENT", {"NATURE": "Indifférenciée"}, "building"),
    ("BATIMENT", {"NATURE": "Industriel, agricole ou commercial"}, "building"),
    ("TRONCON_DE_ROUTE", {"LARGEUR_DE_CHAUSSEE": 7}, "road"), ("SURFACE_HYDROGRAPHIQUE", {}, "water"),
    ("ZONE_DE_VEGETATION", {}, "vegetation"), ("TERRAIN_DE_SPORT", {}, "sports"), ("CIMETIERE", {}, "cemetery"),
    ("TRONCON_DE_VOIE_FERREE", {}, "railway"), ("AERODROME", {}, "airport"),
])
def test_bdtopo_v3(layer, props, expected):
    cat, _ = load_legend("bdtopo_v3").classify(layer, props)
    assert cat.key == expected


@pytest.mark.parametrize("props,expected", [
    ({"building": "yes"}, "building"), ({"building": "church"}, "church"), ({"amenity": "place_of_worship"}, "church"),
    ({"highway": "residential"}, "road"), ({"natural": "water"}, "water"), ({"waterway": "riverbank"}, "water"),
    ({"landuse": "forest"}, "vegetation"), ({"leisure": "pitch"}, "sports"), ({"amenity": "grave_yard"}, "cemetery"),
    ({"railway": "rail"}, "railway"), ({"aeroway": "aerodrome"}, "airport"), ({"historic": "castle"}, "castle"),
])
def test_osm(props, expected):
    cat, _ = load_legend("osm").classify("multipolygons", props)
    assert cat.key == expected


def test_road_width_from_attributes():
    leg = load_legend("bdtopo_v3")
    assert leg.classify("TRONCON_DE_ROUTE", {"LARGEUR_DE_CHAUSSEE": "6,5"})[1] == 6.5
    assert leg.classify("TRONCON_DE_ROUTE", {})[1] is None          # default width applies when drawing
    assert load_legend("osm").classify("lines", {"building": "no"}) is None


def test_unmapped_layers_and_values_are_reported():
    leg = load_legend("bdtopo_v3")
    rep = leg.report([("BATIMENT", [{"NATURE": "Eglise"}, {"NATURE": "Indifférenciée"}]),
                      ("LIEU_DIT_NON_HABITE", [{"NOM": "x"}] * 3),
                      ("EQUIPEMENT_DE_TRANSPORT", [{"NATURE": "Gare"}]),
                      ("CIMETIERE", [])])
    assert rep.mapped["BATIMENT"] == {"church": 1, "building": 1}
    assert rep.unmapped_layers == {"LIEU_DIT_NON_HABITE": 3}
    assert rep.unmapped_values["EQUIPEMENT_DE_TRANSPORT"] == {"NATURE=Gare": 1}
    assert rep.empty_layers == ["CIMETIERE"]
    text = " ".join(rep.warnings())
    assert "LIEU_DIT_NON_HABITE" in text and "Gare" in text and "no features" in text


def test_mapping_file_roundtrip_and_errors(tmp_path):
    path = tmp_path / "mine.json"
    write_mapping_file(load_legend("bdtopo_v2"), str(path))
    again = load_legend(str(path))
    assert again.classify("BATI_REMARQUABLE", {"NATURE": "Eglise"})[0].key == "church"
    custom = tmp_path / "c.json"
    custom.write_text(json.dumps({"name": "c", "rules": [{"category": "building", "layer": "bati*"}]}))
    assert load_legend(str(custom)).classify("BATI_X", {})[0].key == "building"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"rules": [{"category": "swimming pool"}]}))
    with pytest.raises(LegendError, match="unknown category"):
        load_legend(str(bad))
    (tmp_path / "broken.json").write_text("{not json")
    with pytest.raises(LegendError, match="not a readable JSON"):
        load_legend(str(tmp_path / "broken.json"))
    with pytest.raises(LegendError, match="neither a legend preset"):
        load_legend("no_such_preset")


def test_service_layer_names_match_the_presets():
    """WFS typenames carry a namespace and come in lower case (the Géoplateforme's ``BDTOPO_V3:batiment``)."""
    from crosstime.core.geo.legend import load_legend
    legend = load_legend("bdtopo_v3")
    for name in ("BATIMENT", "batiment", "BDTOPO_V3:batiment", "bdtopo_v3:BATIMENT"):
        assert [r.category for r in legend.rules_for_layer(name)][-1] == "building", name
    assert legend.rules_for_layer("BDTOPO_V3:troncon_de_route")
    assert not legend.rules_for_layer("BDTOPO_V3:commune") and not legend.rules_for_layer("batiment_x")
    hit = legend.classify("BDTOPO_V3:batiment", {"nature": "Eglise"})
    assert hit is not None and hit[0].key == "church"
