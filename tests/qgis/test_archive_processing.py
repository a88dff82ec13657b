"""The archive algorithms through processing.run: modern index, archive index, located footprints and VRTs."""
import os

from qgis.core import QgsRasterLayer


def test_archive_algorithms_end_to_end(provider, land, tmp_path):
    from qgis import processing

    from crosstime.core import jobs
    from crosstime.core.geo.vectors import read_vector_file
    jobs.synthetic_archive(land.old_ortho, str(tmp_path / "archive"), str(tmp_path / "truth.json"), n_photos=2, seed=1,
                           photo_px=(240, 260))
    res = processing.run("crosstime:build_modern_index", {"NEW_ORTHO": land.new_ortho, "TILE_SIZE": 300.0, "STRIDE": 150.0,
                                                          "PIXELS": 32, "OUTPUT": str(tmp_path / "modern.ctindex")})
    assert res["COUNT"] > 0
    res = processing.run("crosstime:index_archive", {"FOLDER": str(tmp_path / "archive"),
                                                     "CATALOGUE": str(tmp_path / "archive.csv"),
                                                     "MODERN_INDEX": str(tmp_path / "modern.ctindex"),
                                                     "OUTPUT": str(tmp_path / "a.ctarchive")})
    assert res["COUNT"] == 2
    params = {"MODERN_INDEX": str(tmp_path / "modern.ctindex"), "ARCHIVE_INDEX": str(tmp_path / "a.ctarchive"), "K": 5,
              "OUTPUT": str(tmp_path / "fp.gpkg"), "VRT_FOLDER": str(tmp_path / "vrt"), "JSON": str(tmp_path / "loc.json")}
    res = processing.run("crosstime:locate_archive", params)
    assert res["COUNT"] == 2 and os.path.exists(res["JSON"])
    (layer,) = read_vector_file(str(tmp_path / "fp.gpkg"))
    vrts = [f[1]["vrt"] for f in layer.features if f[1]["rank"] == 1]
    # each located photo opens in QGIS as a georeferenced raster (the layer the dock lays over the ortho)
    assert len(vrts) == 2
    for v in vrts:
        rl = QgsRasterLayer(v, "photo")
        assert rl.isValid() and rl.width() > 0 and rl.crs().authid() == "EPSG:2154", v
