"""The plugin loads, unloads and reloads cleanly, and explains what is missing when torch is absent."""
import sys

from qgis.core import Qgis, QgsApplication
from qgis.PyQt.QtCore import QCoreApplication, QEvent
from qgis.PyQt.QtWidgets import QAction, QDockWidget, QToolBar


def _flush():
    QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    QCoreApplication.processEvents()


def _ours(iface):
    w = iface.mainWindow()
    found = []
    for cls in (QDockWidget, QToolBar, QAction):
        found += [o.objectName() for o in w.findChildren(cls) if o.objectName().startswith("CrossTime")]
    return found


def test_metadata_has_required_fields(root):
    import configparser
    import os
    cp = configparser.ConfigParser()
    cp.read(os.path.join(root, "crosstime", "metadata.txt"))
    g = cp["general"]
    for key in ("name", "qgisMinimumVersion", "description", "about", "version", "author", "tags", "category", "icon",
                "experimental", "hasProcessingProvider"):
        assert g.get(key), key
    # links lead somewhere real or are absent: the project has no public address yet (no placeholders)
    for key in ("email", "repository", "tracker", "homepage"):
        assert not g.get(key), key
    # not claimed until it runs on Qt6 (scoped enums, QMetaType) and is tested there
    assert g.get("supportsQt6", "False") != "True"
    assert g["name"] == "CrossTime" and g["qgisMinimumVersion"] == "3.22" and g["hasProcessingProvider"] == "yes"
    assert os.path.exists(os.path.join(root, "crosstime", g["icon"]))


def test_load_unload_reload_twice(qgis_iface):
    import crosstime
    registry = QgsApplication.processingRegistry()
    for _ in range(2):
        plugin = crosstime.classFactory(qgis_iface)
        plugin.initGui()
        assert registry.providerById("crosstime") is not None
        assert {a.name() for a in registry.providerById("crosstime").algorithms()} >= {
            "build_tile_dataset", "train_descriptor", "build_index", "match_tiles", "evaluate"}
        assert "CrossTimeDock" in _ours(qgis_iface) and "CrossTimeToolbar" in _ours(qgis_iface)
        plugin.unload()
        _flush()
        assert registry.providerById("crosstime") is None
        assert _ours(qgis_iface) == []
        tool = qgis_iface.mapCanvas().mapTool()
        assert tool is None or "ClickMatchTool" not in type(tool).__name__


def test_loads_without_torch_and_points_to_the_dependencies_dialog(qgis_iface, monkeypatch):
    import crosstime
    for name in ("torch", "torchvision"):
        monkeypatch.setitem(sys.modules, name, None)      # import torch -> ImportError
    qgis_iface.messageBar().clear_messages()
    plugin = crosstime.classFactory(qgis_iface)
    plugin.initGui()
    try:
        # the quick describer serves without torch: no sticky warning at start, the dock's banner says it
        assert qgis_iface.messageBar().get_messages(Qgis.Warning) == []
        dock = plugin.dock
        text = dock.w.missingLabel.text()
        assert dock.w.missingLabel.isVisibleTo(dock) and "torch" in text and "Dependencies" in text
        # no exact pins, no pip command for the system Python, no developer text: the dialog installs
        assert "==" not in text and "pip install" not in text and "make setup" not in text
        # the quick describer needs no torch: building and clicking stay available, learning does not
        assert dock.w.buildButton.isEnabled() and dock.w.pickButton.isEnabled() and not dock.w.learnButton.isEnabled()
        assert dock.w.describerCombo.currentData() == "quick"
        assert QgsApplication.processingRegistry().providerById("crosstime") is not None
    finally:
        plugin.unload()
        _flush()


def test_rasterio_uses_the_gdal_of_qgis(qgis_app):
    """Debian's rasterio (same libgdal as QGIS), never the PyPI wheel with its own GDAL."""
    import rasterio
    from osgeo import gdal
    assert rasterio.__gdal_version__ == gdal.__version__


def test_without_rasterio_the_start_warns_in_the_message_bar(qgis_iface, monkeypatch):
    import crosstime
    monkeypatch.setitem(sys.modules, "rasterio", None)
    qgis_iface.messageBar().clear_messages()
    plugin = crosstime.classFactory(qgis_iface)
    plugin.initGui()
    try:
        msgs = qgis_iface.messageBar().get_messages(Qgis.Warning)
        assert any("rasterio" in m and "Dependencies" in m for m in msgs), msgs
        assert not plugin.dock.w.buildButton.isEnabled()
    finally:
        plugin.unload()
        _flush()


_LOAD = """
import sys
sys.path.insert(0, {root!r})
from qgis.core import QgsApplication
app = QgsApplication([], True)
app.initQgis()
from crosstime.adapters.headless import HeadlessIface
iface = HeadlessIface()
import crosstime
plugin = crosstime.classFactory(iface)
plugin.initGui()
print(sorted(m for m in ("torch", "torchvision", "sklearn", "scipy", "onnxruntime", "matplotlib") if m in sys.modules))
plugin.unload()
"""


def test_loading_the_plugin_imports_no_heavy_package(root):
    """QGIS's start stays quick (bench/bench_load.py times it): torch and friends are found, not imported."""
    import os
    import subprocess
    r = subprocess.run([sys.executable, "-c", _LOAD.format(root=root)], capture_output=True, text=True, timeout=120,
                       env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert r.returncode == 0, r.stderr[-2000:]
    assert r.stdout.strip().splitlines()[-1] == "[]", r.stdout
