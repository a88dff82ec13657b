"""Orthos that are not files: an XYZ layer of local file:// tiles and a GDAL WMS/TMS description file, read
through QGIS (adapters/raster_reader.py), offline; the dock builds an index on the XYZ layer and answers a click."""
import os

import numpy as np
import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsPointXY,
    QgsProject,
    QgsRasterLayer,
    QgsRectangle,
    QgsVectorLayer,
)
from qt_wait import assert_describes_as_the_files, fill_dock, wait_for

from crosstime.core.geo.vectors import list_layers

R = 20037508.342789244          # half the Web Mercator world, metres
ZOOM = 16                       # about 1.7 m per pixel at the synthetic landscape's latitude


def write_xyz_tiles(src_path, folder, z=ZOOM):
    """Web Mercator PNG tiles (with alpha: transparent outside the source) of a GeoTIFF, as {z}/{x}/{y}.png."""
    import rasterio
    from rasterio.transform import from_bounds
    from rasterio.warp import Resampling, reproject, transform_bounds
    size = 2 * R / 2 ** z
    with rasterio.open(src_path) as src:
        x0, y0, x1, y1 = transform_bounds(src.crs, "EPSG:3857", *src.bounds)
        rgb, ones = src.read([1, 2, 3]), np.full((src.height, src.width), 255, np.uint8)
        for tx in range(int((x0 + R) // size), int((x1 + R) // size) + 1):
            for ty in range(int((R - y1) // size), int((R - y0) // size) + 1):
                dst_t = from_bounds(-R + tx * size, R - (ty + 1) * size, -R + (tx + 1) * size, R - ty * size, 256, 256)
                out = np.zeros((4, 256, 256), np.uint8)
                reproject(rgb, out[:3], src_transform=src.transform, src_crs=src.crs, dst_transform=dst_t,
                          dst_crs="EPSG:3857", resampling=Resampling.bilinear)
                reproject(ones, out[3], src_transform=src.transform, src_crs=src.crs, dst_transform=dst_t,
                          dst_crs="EPSG:3857", resampling=Resampling.nearest, dst_nodata=0)
                os.makedirs(f"{folder}/{z}/{tx}", exist_ok=True)
                with rasterio.open(f"{folder}/{z}/{tx}/{ty}.png", "w", driver="PNG", width=256, height=256, count=4,
                                   dtype="uint8") as d:
                    d.write(out)
    return folder


@pytest.fixture(scope="module")
def old_tiles(land, tmp_path_factory):
    return write_xyz_tiles(land.old_ortho, str(tmp_path_factory.mktemp("xyz")))


def xyz_layer(folder, name="old ortho (XYZ)"):
    uri = f"type=xyz&url=file://{folder}/{{z}}/{{x}}/{{y}}.png&zmin={ZOOM}&zmax={ZOOM}"
    layer = QgsRasterLayer(uri, name, "wms")
    assert layer.isValid()
    return layer


def grid_of(land, tile=100.0, px=64):
    from crosstime.core.geo.grid import TileGrid
    return TileGrid.for_overlap(land.bounds, land.bounds, "EPSG:2154", tile, px)


def compare_with_file(reader, land, grid):
    from crosstime.core.geo.orthos import OrthoReader
    diffs = []
    with OrthoReader(land.old_ortho, grid) as ref:
        for ij in list(grid.indices())[::17]:
            a, b = reader.read(*ij), ref.read(*ij)
            assert a.valid_fraction > 0.99
            diffs.append(np.abs(a.rgb.astype(int) - b.rgb).mean())
    return float(np.mean(diffs))


def test_an_xyz_layer_of_file_tiles_reads_like_the_file(land, old_tiles, qgis_iface):
    from crosstime.adapters.layers import ortho_source
    layer = xyz_layer(old_tiles)
    factory = ortho_source(layer, "old ortho")
    assert callable(factory)                                  # not a file: read through QGIS
    grid = grid_of(land)
    reader = factory(grid)
    assert compare_with_file(reader, land, grid) < 6          # resampled twice (tiles, then the grid), same image
    # outside the tiles: transparent, hence invalid, never black "data"
    edge = reader.read_bounds((land.bounds[0] - 50, land.bounds[1], land.bounds[0] + 50, land.bounds[1] + 100))
    assert 0.3 < edge.valid_fraction < 0.7 and not edge.rgb[~edge.valid].any()
    reader.close()


def test_a_gdal_tms_description_file(land, old_tiles, tmp_path, qgis_iface):
    from crosstime.adapters.layers import ortho_source
    xml = tmp_path / "tms.xml"
    xml.write_text(f"""<GDAL_WMS>
  <Service name="TMS"><ServerUrl>file://{old_tiles}/${{z}}/${{x}}/${{y}}.png</ServerUrl></Service>
  <DataWindow><UpperLeftX>-{R}</UpperLeftX><UpperLeftY>{R}</UpperLeftY><LowerRightX>{R}</LowerRightX>
    <LowerRightY>-{R}</LowerRightY><TileLevel>{ZOOM}</TileLevel><TileCountX>1</TileCountX><TileCountY>1</TileCountY>
    <YOrigin>top</YOrigin></DataWindow>
  <Projection>EPSG:3857</Projection><BlockSizeX>256</BlockSizeX><BlockSizeY>256</BlockSizeY><BandsCount>4</BandsCount>
  <ZeroBlockHttpCodes>204,404</ZeroBlockHttpCodes><ZeroBlockOnServerException>true</ZeroBlockOnServerException>
  <Cache><Path>{tmp_path / "cache"}</Path></Cache>
</GDAL_WMS>""")
    layer = QgsRasterLayer(str(xml), "old ortho (TMS)", "gdal")
    assert layer.isValid()
    factory = ortho_source(layer, "old ortho")
    assert callable(factory)                                  # a web service description: not read with rasterio
    grid = grid_of(land)
    assert compare_with_file(factory(grid), land, grid) < 6


def test_the_dock_builds_and_matches_with_an_xyz_old_ortho(land, old_tiles, trained_model, qgis_iface, tmp_path):
    from crosstime.core.geo.grid import TileGrid
    from crosstime.core.retrieval.index import DescriptorIndex
    from crosstime.ui.dock import CrossTimeDock
    proj = QgsProject.instance()
    proj.clear()
    old, new = xyz_layer(old_tiles), QgsRasterLayer(land.new_ortho, "new ortho")
    proj.addMapLayers([old, new])
    vec = {}
    for key, path in (("old", land.old_vectors), ("new", land.new_vectors)):
        vec[key] = [QgsVectorLayer(f"{path}|layername={n}", f"{key} {n}", "ogr") for n in list_layers(path)]
        proj.addMapLayers(vec[key])
    d = CrossTimeDock(qgis_iface)
    try:
        w = d.w
        fill_dock(d, old, new, vec["old"], vec["new"], trained_model, str(tmp_path / "xyz.ctindex"))
        assert d.index_panel.build_index() is not None, w.statusLabel.text()
        wait_for(lambda: d.index_panel._build_task is None, 300)
        assert "index of 144 tiles" in w.statusLabel.text(), w.statusLabel.text()
        idx = DescriptorIndex.load(str(tmp_path / "xyz.ctindex"))
        grid = TileGrid.from_dict(idx.grid)
        i, j = list(grid.indices())[len(grid) // 2 + 6]
        x0, y0, x1, y1 = grid.footprint(i, j)
        d.match_panel.match_point(QgsPointXY((x0 + x1) / 2, (y0 + y1) / 2), QgsCoordinateReferenceSystem("EPSG:2154"))
        wait_for(lambda: d.match_panel.last_result is not None, 300)      # the click waited for the matcher, then answered
        res = d.match_panel.last_result
        assert res.query_id == f"{i}_{j}" and len(res.ids) == w.kSpin.value()
        assert len(res.images["matches"]) == len(res.ids)     # old-date pictures read through the XYZ layer too
        assert all(img.any() for img, _ in res.images["matches"])
        # the same tiles described from the files
        assert_describes_as_the_files(idx, grid, land, trained_model, str(tmp_path / "file.ctindex"))
    finally:
        wait_for(lambda: not d.index_panel._tasks and not d.match_panel._tasks and d.index_panel._build_task is None, 300)
        d.shutdown()
        d.deleteLater()
        proj.clear()


def test_web_mercator_orthos_are_tiled_in_ground_metres(land, old_tiles, tmp_path, qgis_iface):
    """A new ortho in Web Mercator (a file, or web tiles) gets a Lambert-93 grid in France: 1000 m tiles are 1000 m
    of ground, not 690; the CRS set in the dock wins; a Web Mercator choice is refused with the reason."""
    from osgeo import gdal

    from crosstime.core.geo.ground_crs import LAMBERT_93
    from crosstime.ui.dock import CrossTimeDock
    mercator = str(tmp_path / "new_3857.tif")
    gdal.Warp(mercator, land.new_ortho, dstSRS="EPSG:3857")
    proj = QgsProject.instance()
    proj.clear()
    new, web_old = QgsRasterLayer(mercator, "new ortho (3857)"), xyz_layer(old_tiles)
    proj.addMapLayers([new, web_old])
    proj.setCrs(QgsCoordinateReferenceSystem("EPSG:3857"))     # a web map's project: not a ground CRS
    d = CrossTimeDock(qgis_iface)
    try:
        w = d.w
        w.oldOrthoCombo.setLayer(web_old)
        w.newOrthoCombo.setLayer(new)
        w.tileSizeSpin.setValue(1000.0)
        w.gridCrsWidget.setCrs(QgsCoordinateReferenceSystem())       # automatic, whatever the user default
        canvas = qgis_iface.mapCanvas()               # web tiles cover the world: the grid covers the map's view
        canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:2154"))
        canvas.setExtent(QgsRectangle(*land.bounds))
        assert d.index_panel.grid_crs(new) == LAMBERT_93
        chosen = d.index_panel._build_inputs(("old",), with_model=False)
        assert chosen is not None, w.statusLabel.text()
        old_src, new_src = chosen["old"], mercator
        area, area_crs, make_grid = d.index_panel._grid_maker(web_old, new, old_src, new_src)
        grid = make_grid()
        assert grid.crs == LAMBERT_93 == area_crs and grid.tile_size == 1000.0
        x0, y0, x1, y1 = grid.footprint(*next(iter(grid.indices())))
        assert (x1 - x0, y1 - y0) == (1000.0, 1000.0)
        assert area[0] <= land.bounds[0] + 200 and area[2] >= land.bounds[2] - 200    # the synthetic place, in L93
        w.gridCrsWidget.setCrs(QgsCoordinateReferenceSystem("EPSG:32631"))
        assert d.index_panel.grid_crs(new) == "EPSG:32631"
        w.gridCrsWidget.setCrs(QgsCoordinateReferenceSystem("EPSG:3857"))
        with pytest.raises(Exception, match="Web Mercator"):
            d.index_panel.grid_crs(new)
        assert d.index_panel._build_inputs(("old",), with_model=False) is None
        assert "Web Mercator" in w.statusLabel.text()
    finally:
        d.w.gridCrsWidget.setCrs(QgsCoordinateReferenceSystem())      # the next docks find "automatic" again
        d.save_settings()
        d.shutdown()
        d.deleteLater()
        proj.clear()
