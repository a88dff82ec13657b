"""A real OGC server for the tests and the benchmark: QGIS Server's development server (``qgis_mapserver``, Debian's
``qgis-server``) on 127.0.0.1, serving a synthetic landscape as the IGN Géoplateforme serves France: the two orthos as
WMTS layers under the Géoplateforme's names, in Web Mercator and Lambert-93 tile matrix sets, and the vectors as WFS
feature types named like BD TOPO's (``batiment``, ``troncon_de_route``...; the Géoplateforme prefixes them with
``BDTOPO_V3:``). Every request the server answers is counted from its log, so tests can tell a cache hit from a read.
"""
from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from typing import Dict, Optional

OLD_LAYER = "ORTHOIMAGERY.ORTHOPHOTOS2000-2005"
NEW_LAYER = "ORTHOIMAGERY.ORTHOPHOTOS"
# the CRSs the WMTS offers: the Géoplateforme's PM (Web Mercator) and a Lambert-93 matrix set
GRIDS = {"EPSG:3857": "EPSG:3857,20037508.3427892,-20037508.3427892,559082264.0287178,19",
         "EPSG:2154": "EPSG:2154,7300000,-400000,25000000,16"}      # top, left, coarsest scale, last level


def server_binary() -> Optional[str]:
    return shutil.which("qgis_mapserver")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write_project(path: str, land, vectors_date: str = "new") -> Dict[str, str]:
    """A QGIS project at ``path`` publishing ``land`` (a SyntheticLandscape); returns {layer role: published name}.
    Made with a QgsProject of its own (never the test's QgsProject.instance())."""
    from qgis.core import QgsCoordinateReferenceSystem, QgsProject, QgsRasterLayer, QgsVectorLayer

    from crosstime.core.geo.vectors import list_layers
    proj = QgsProject()
    proj.setCrs(QgsCoordinateReferenceSystem("EPSG:2154"))
    proj.setTitle("CrossTime test Géoplateforme")
    names, raster_ids, vector_ids = {}, [], []
    for role, file, name in (("old", land.old_ortho, OLD_LAYER), ("new", land.new_ortho, NEW_LAYER)):
        layer = QgsRasterLayer(file, name)
        assert layer.isValid(), file
        layer.setShortName(name)
        proj.addMapLayer(layer)
        raster_ids.append(layer.id())
        names[role] = name
    vector_file = land.new_vectors if vectors_date == "new" else land.old_vectors
    for table in list_layers(vector_file):
        layer = QgsVectorLayer(f"{vector_file}|layername={table}", table.lower(), "ogr")
        assert layer.isValid(), table
        layer.setShortName(table.lower())
        proj.addMapLayer(layer)
        vector_ids.append(layer.id())
        names[table] = table.lower()
    x0, y0, x1, y1 = land.bounds
    proj.writeEntry("WMSExtent", "/", [str(v) for v in (x0 - 500, y0 - 500, x1 + 500, y1 + 500)])
    proj.writeEntry("WMSCrsList", "/", list(GRIDS))
    proj.writeEntry("WMTSLayers", "Layer", raster_ids)
    proj.writeEntry("WMTSPngLayers", "Layer", raster_ids)
    proj.writeEntry("WMTSJpegLayers", "Layer", raster_ids)
    proj.writeEntry("WMTSGrids", "CRS", list(GRIDS))
    proj.writeEntry("WMTSGrids", "Config", list(GRIDS.values()))
    proj.writeEntry("WFSLayers", "/", vector_ids)
    for lid in vector_ids:
        proj.writeEntry("WFSLayersPrecision", "/" + lid, 3)
    assert proj.write(path), path
    return names


class OgcServer:
    """``qgis_mapserver`` serving ``project`` on 127.0.0.1; ``requests(kind)`` counts the WMTS GetTile (or WFS
    GetFeature) requests it answered; ``stop()`` ends it (the halfway-failure test stops it mid-build)."""

    def __init__(self, project: str, log_dir: str):
        self.project, self.port = project, free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log = os.path.join(log_dir, f"qgis_mapserver_{self.port}.log")
        env = {**os.environ, "QGIS_SERVER_LOG_LEVEL": "0", "QGIS_SERVER_LOG_STDERR": "1", "QT_QPA_PLATFORM":
               "offscreen", "QGIS_SERVER_PARALLEL_RENDERING": "0", "QGIS_SERVER_IGNORE_BAD_LAYERS": "0"}
        env.pop("QGIS_PROJECT_FILE", None)
        self._out = open(self.log, "w")
        self.proc = subprocess.Popen([server_binary(), "-p", project, f"127.0.0.1:{self.port}"], stdout=self._out,
                                     stderr=subprocess.STDOUT, env=env)
        deadline = time.time() + 60
        while True:
            try:
                with urllib.request.urlopen(self.url + "?SERVICE=WMTS&REQUEST=GetCapabilities", timeout=5) as r:
                    if b"TileMatrixSet" in r.read():
                        break
            except OSError:
                pass
            if self.proc.poll() is not None or time.time() > deadline:
                self.stop()
                raise RuntimeError(f"qgis_mapserver did not start; its log: {open(self.log).read()[-2000:]}")
            time.sleep(0.3)

    def requests(self, kind: str = "GetTile") -> int:
        """Requests of ``kind`` the server logged (its access lines name the request in the query string)."""
        self._out.flush()
        text = open(self.log, errors="replace").read()
        return len(re.findall(rf"REQUEST={kind}\b", text, flags=re.IGNORECASE))

    def services(self, matrix_set: str = "EPSG:3857"):
        """This server as the plugin's web services (its WFS types have no namespace prefix)."""
        from crosstime.core.geo.geoplateforme import WebServices
        return WebServices(wmts=self.url + "?SERVICE=WMTS&REQUEST=GetCapabilities", matrix_set=matrix_set,
                           style="default", wfs=self.url, wfs_prefix="")

    def wmts_uri(self, layer: str, matrix_set: str = "EPSG:3857", fmt: str = "image/png") -> str:
        """The data source of a QGIS WMTS layer of this server, as the plugin writes it."""
        return self.services(matrix_set).wmts_source(layer, fmt)

    def wfs_uri(self, typename: str) -> str:
        return self.services().wfs_source(typename, "EPSG:2154")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._out.close()


def forget_qgis_network_cache() -> None:
    """QGIS keeps web tiles in its own network cache too; emptied, every request reaches the server or ours."""
    from qgis.core import QgsNetworkAccessManager
    cache = QgsNetworkAccessManager.instance().cache()
    if cache is not None:
        cache.clear()


def service_layers(server: OgcServer, names, land):
    """The layers a user adds from the Géoplateforme: old ortho in Web Mercator tiles, new in Lambert-93 tiles, the
    new date's BD TOPO themes over WFS; the old date's vectors from files (the Géoplateforme has today's only)."""
    from qgis.core import QgsRasterLayer, QgsVectorLayer

    from crosstime.core.geo.vectors import list_layers
    old = QgsRasterLayer(server.wmts_uri(OLD_LAYER, "EPSG:3857"), OLD_LAYER, "wms")
    new = QgsRasterLayer(server.wmts_uri(NEW_LAYER, "EPSG:2154"), NEW_LAYER, "wms")
    assert old.isValid() and new.isValid(), (old.error().message(), new.error().message())
    wfs = [QgsVectorLayer(server.wfs_uri(t.lower()), f"BDTOPO_V3:{t.lower()}", "WFS") for t in list_layers(
        land.new_vectors)]
    assert all(v.isValid() for v in wfs)
    files = [QgsVectorLayer(f"{land.old_vectors}|layername={n}", f"old {n}", "ogr") for n in list_layers(
        land.old_vectors)]
    return old, new, wfs, files
