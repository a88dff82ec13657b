"""The tile grid's CRS keeps ground metres: the user's choice, a projected project CRS, Lambert-93 in France, else
UTM; never Web Mercator. A 1000 m tile cut in it is 1000 m on the ground, whatever CRS the imagery comes in."""
import pytest
from pyproj import Geod, Transformer

from crosstime.core.errors import InputError
from crosstime.core.geo.grid import TileGrid
from crosstime.core.geo.ground_crs import ground_crs, utm_crs


def test_the_choice_in_order():
    paris, quebec, sydney = (2.35, 48.85), (-71.2, 46.8), (151.2, -33.9)
    assert ground_crs(paris) == ("EPSG:2154", "lambert93")
    assert ground_crs((9.2, 42.1)) == ("EPSG:2154", "lambert93")            # Corsica
    assert ground_crs(quebec) == ("EPSG:32619", "utm")
    assert ground_crs(sydney) == ("EPSG:32756", "utm")
    assert ground_crs(paris, "EPSG:3857", True) == ("EPSG:2154", "lambert93")    # a web map's project: not kept
    assert ground_crs(paris, "EPSG:3949", True) == ("EPSG:3949", "project")     # CC49, projected in metres
    assert ground_crs(paris, "EPSG:4326", False) == ("EPSG:2154", "lambert93")
    assert ground_crs(paris, "EPSG:3949", True, "EPSG:32631") == ("EPSG:32631", "chosen")
    with pytest.raises(InputError, match="Web Mercator"):
        ground_crs(paris, chosen="EPSG:3857")
    assert utm_crs(-180.0, 0.0) == "EPSG:32601" and utm_crs(179.9, 10.0) == "EPSG:32660"
    with pytest.raises(InputError):
        utm_crs(float("nan"), 0.0)


@pytest.mark.parametrize("lon, lat", [(2.35, 48.85), (5.4, 43.3), (-71.2, 46.8)])
def test_a_1000_m_tile_is_1000_m_on_the_ground(lon, lat):
    """Web Mercator's "1000 m" at 46° N is about 690 m of ground; the grid's CRS is measured on the ellipsoid."""
    crs, _ = ground_crs((lon, lat), "EPSG:3857", True)
    to_crs = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
    x, y = to_crs.transform(lon, lat)
    grid = TileGrid.for_overlap((x - 3000, y - 3000, x + 3000, y + 3000), (x - 3000, y - 3000, x + 3000, y + 3000),
                                crs, 1000.0, 64)
    to_lonlat = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
    x0, y0, x1, y1 = grid.footprint(*grid.tile_at(x, y))
    geod = Geod(ellps="GRS80")
    (a, b), (c, d) = to_lonlat.transform(x0, y0), to_lonlat.transform(x1, y0)
    width = geod.inv(a, b, c, d)[2]
    assert width == pytest.approx(1000.0, rel=2e-3)
    mercator = Transformer.from_crs("EPSG:4326", "EPSG:3857", always_xy=True)
    mx, my = mercator.transform(lon, lat)
    back = Transformer.from_crs("EPSG:3857", "EPSG:4326", always_xy=True)
    (a, b), (c, d) = back.transform(mx, my), back.transform(mx + 1000.0, my)
    assert geod.inv(a, b, c, d)[2] < 800                              # what a Web Mercator grid would have cut


def test_the_services_setting():
    from crosstime.core.geo.geoplateforme import WebServices
    assert WebServices.from_json("") == WebServices() and "data.geopf.fr" in WebServices().wmts
    mirror = WebServices.from_json('{"wfs": "http://mirror/wfs", "unknown": 1}')
    assert mirror.wfs == "http://mirror/wfs" and mirror.wmts == WebServices().wmts
    assert WebServices.from_json(mirror.to_json()) == mirror
    assert "typename='BDTOPO_V3:batiment'" in WebServices().wfs_source("batiment", "EPSG:2154")
    assert "layers=ORTHOIMAGERY.ORTHOPHOTOS&" in WebServices().wmts_source("ORTHOIMAGERY.ORTHOPHOTOS")
    for bad in ("{", "[1]"):
        with pytest.raises(InputError, match="crosstime/web_services"):
            WebServices.from_json(bad)
