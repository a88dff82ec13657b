"""Write a QGIS project that opens the demo's layers, styled: orthos, vectors in legend colours, matches."""
from __future__ import annotations

import os
from typing import Optional

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsFillSymbol,
    QgsLineSymbol,
    QgsProject,
    QgsRasterLayer,
    QgsRendererCategory,
    QgsSingleSymbolRenderer,
    QgsVectorLayer,
)

from ..core.choices import ARCHIVE_TILE_SIZE, DEFAULT_LEGEND, DESCRIBER_FILE
from ..core.geo.legend import load_legend
from ..core.palette import RANK_COLOURS
from ..core.settings import PROJECT_SCOPE, ProjectKey
from ..translation import tr


def _gpkg_layer(path: str, name: str, label: str) -> QgsVectorLayer:
    layer = QgsVectorLayer(f"{path}|layername={name}", label, "ogr")
    if not layer.isValid():
        raise RuntimeError(f"cannot open {name} in {path}")
    return layer


def _legend_style(layer: QgsVectorLayer, legend, source_name: str) -> None:
    rules = legend.rules_for_layer(source_name)
    if not rules:
        return
    r, g, b = legend.category(rules[-1].category).rgb
    colour = f"{r},{g},{b}"
    if layer.geometryType() == 1:   # lines
        sym = QgsLineSymbol.createSimple({"color": colour, "width": "0.6"})
    else:
        sym = QgsFillSymbol.createSimple({"color": colour + ",110", "outline_color": colour, "outline_width": "0.3"})
    layer.setRenderer(QgsSingleSymbolRenderer(sym))


def write_demo_project(summary: dict, path: Optional[str] = None) -> str:
    """Needs a running QgsApplication. Returns the project path. The layers' names and legends are in the language of
    the translator installed (``translation.install_translator``), English without one; the GeoPackages' own layer
    names do not change."""
    path = path or os.path.join(summary["report"], "crosstime_demo.qgs")
    proj = QgsProject.instance()
    proj.clear()
    proj.setFileName(path)
    legend = load_legend(DEFAULT_LEGEND)
    data = summary["test_data"]
    new_label = tr("new ortho (synthetic)")
    for key, label in ((ProjectKey.OLD_ORTHO.value, tr("old ortho (synthetic)")), (ProjectKey.NEW_ORTHO.value, new_label)):
        r = QgsRasterLayer(data[key], label)
        if not r.isValid():
            raise RuntimeError(f"cannot open {data[key]}")
        proj.addMapLayer(r)
        proj.setCrs(r.crs())
        proj.writeEntry(PROJECT_SCOPE, key, r.id())
    from ..core.geo.vectors import list_layers
    for key, date, label in ((ProjectKey.OLD_VECTORS.value, "old", tr("old {}")),
                             (ProjectKey.NEW_VECTORS.value, "new", tr("new {}"))):
        ids = []
        for name in list_layers(data[key]):
            layer = _gpkg_layer(data[key], name, label.format(name))
            _legend_style(layer, legend, name)
            proj.addMapLayer(layer)
            proj.layerTreeRoot().findLayer(layer.id()).setItemVisibilityChecked(date == "new")
            ids.append(layer.id())
        proj.writeEntry(PROJECT_SCOPE, key, ids)
    gpkg = summary["matches"]
    matches = _gpkg_layer(gpkg, "matches", tr("top-5 matches"))
    cats = []
    for rank, colour in enumerate(RANK_COLOURS, start=1):
        cats.append(QgsRendererCategory(rank, QgsFillSymbol.createSimple(
            {"color": "0,0,0,0", "outline_color": colour, "outline_width": "0.5"}), tr("rank {}").format(rank)))
    matches.setRenderer(QgsCategorizedSymbolRenderer("rank", cats))
    proj.addMapLayer(matches)
    proj.layerTreeRoot().findLayer(matches.id()).setItemVisibilityChecked(False)
    queries = _gpkg_layer(gpkg, "queries", tr("matched tiles (green: best match is the true one)"))
    queries.setRenderer(QgsCategorizedSymbolRenderer("correct", [
        QgsRendererCategory(1, QgsFillSymbol.createSimple({"color": "0,0,0,0", "outline_color": "#1b9e77",
                                                            "outline_width": "0.6"}), tr("correct")),
        QgsRendererCategory(0, QgsFillSymbol.createSimple({"color": "228,26,28,60", "outline_color": "#e41a1c",
                                                            "outline_width": "0.6"}), tr("wrong"))]))
    proj.addMapLayer(queries)
    proj.layerTreeRoot().findLayer(queries.id()).setItemVisibilityChecked(False)
    links = _gpkg_layer(gpkg, "links", tr("query to best match"))
    links.setRenderer(QgsCategorizedSymbolRenderer("correct", [
        QgsRendererCategory(0, QgsLineSymbol.createSimple({"color": "#e41a1c", "width": "0.5"}), tr("wrong match"))]))
    proj.addMapLayer(links)
    proj.layerTreeRoot().findLayer(links.id()).setItemVisibilityChecked(False)
    from qgis.core import QgsReferencedRectangle
    first = proj.mapLayersByName(new_label)[0]
    proj.viewSettings().setDefaultViewExtent(QgsReferencedRectangle(first.extent(), first.crs()))
    proj.writeEntry(PROJECT_SCOPE, ProjectKey.INDEX.value, proj.writePath(summary["index"]))
    proj.writeEntry(PROJECT_SCOPE, ProjectKey.MODEL.value, proj.writePath(summary["model"]))
    proj.writeEntry(PROJECT_SCOPE, ProjectKey.DESCRIBER.value, DESCRIBER_FILE)      # the demo's trained model
    proj.writeEntryDouble(PROJECT_SCOPE, ProjectKey.TILE_SIZE.value, summary["tile_size"])
    proj.writeEntry(PROJECT_SCOPE, ProjectKey.PIXELS.value, summary["tile_pixels"])
    if summary.get("archive"):
        _add_archive(proj, summary["archive"])
    ok = proj.write()
    if not ok:
        raise RuntimeError(f"could not write the QGIS project {path}")
    return path


def _add_archive(proj: QgsProject, archive: dict) -> None:
    """The demo's located archive photos (half transparent) and footprints, and the Archive tab's choices."""
    import glob

    from ..core.archive.workspace import ArchiveWorkspace
    from .archive_layers import add_to_group, footprints_layer, photo_layer
    ws = ArchiveWorkspace(archive["results"])
    for vrt in sorted(glob.glob(os.path.join(ws.vrt_folder, "*.vrt"))):
        layer = photo_layer(vrt, tr("{} (located archive photo, synthetic)").format(
            os.path.splitext(os.path.basename(vrt))[0]))
        if layer is not None:
            add_to_group(proj, layer, top=False)
    fps = footprints_layer(ws.footprints, tr("archive footprints"), tr("located photo"), tr("runner-up"))
    if fps is not None:
        add_to_group(proj, fps)
    for key, value in ((ProjectKey.ARCHIVE_FOLDER, archive["folder"]), (ProjectKey.ARCHIVE_CATALOGUE, archive["catalogue"]),
                       (ProjectKey.ARCHIVE_RESULTS, ws.folder)):
        proj.writeEntry(PROJECT_SCOPE, key.value, proj.writePath(value))
    proj.writeEntryDouble(PROJECT_SCOPE, ProjectKey.ARCHIVE_TILE_SIZE.value, archive.get("tile_size", ARCHIVE_TILE_SIZE))


def write_demo_project_standalone(summary: dict) -> str:
    """The demo's project from a plain Python process: starts (and stops) a headless QgsApplication if none runs.
    Its layers are named in the system's language (``LANG``, ``LC_ALL``: ``fr_FR.UTF-8`` gives French names), as
    the plugin names those it adds in QGIS's."""
    from qgis.core import QgsApplication
    from qgis.PyQt.QtCore import QLocale

    from ..translation import install_translator, remove_translator
    app = QgsApplication.instance()
    own = app is None
    if own:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QgsApplication([], False)
        app.initQgis()
    translator = install_translator(QLocale.system().name()) if own else None
    try:
        return write_demo_project(summary)
    finally:
        remove_translator(translator)
        if own:
            QgsProject.instance().clear()
            app.exitQgis()
