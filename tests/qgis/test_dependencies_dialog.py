"""The dependencies dialog (table, Install in a QgsTask with live log, progress and cancel, Remove, diagnostics) and
the plugin loading its packages from CrossTime's private folder of a temporary profile, all offline."""
import os
import sys
import time

import pytest
from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QCoreApplication, QEvent
from qgis.PyQt.QtWidgets import QAction, QApplication

from crosstime.runtime import dependencies, installer


def _flush():
    QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    QCoreApplication.processEvents()


def _wait(cond, timeout=180):
    end = time.monotonic() + timeout
    while not cond():
        assert time.monotonic() < end, "timed out"
        QCoreApplication.processEvents()
        time.sleep(0.02)


@pytest.fixture()
def clean_imports(monkeypatch):
    """sys.path and the dummy packages as they were before the test."""
    monkeypatch.setattr(sys, "path", list(sys.path))
    yield
    for name in ("ctdummy", "ctdummydep"):
        sys.modules.pop(name, None)


@pytest.fixture()
def profile(tmp_path, monkeypatch):
    """A fresh QGIS profile folder, as QgsApplication reports it."""
    folder = str(tmp_path / "profiles" / "default")
    os.makedirs(folder)
    monkeypatch.delenv(dependencies.DEPS_DIR_ENV, raising=False)
    monkeypatch.setattr(QgsApplication, "qgisSettingsDirPath", staticmethod(lambda: folder))
    assert QgsApplication.qgisSettingsDirPath() == folder
    return folder


def test_menu_opens_the_dialog_with_the_table_and_diagnostics(qgis_iface, profile):
    import crosstime
    plugin = crosstime.classFactory(qgis_iface)
    plugin.initGui()
    try:
        actions = qgis_iface.mainWindow().findChildren(QAction, "CrossTimeDependenciesAction")
        assert len(actions) == 1
        actions[0].trigger()
        from crosstime.ui.dependencies_dialog import open_dependencies_dialog
        dlg = open_dependencies_dialog(qgis_iface, None)          # the one already open, raised
        assert dlg.isVisible() and dlg.objectName() == "CrossTimeDependenciesDialog"
        assert dlg.target == os.path.join(profile, "python", "crosstime-deps", dependencies.python_tag())
        rows = {dlg.table.item(r, 0).text(): [dlg.table.item(r, c).text() for c in range(5)]
                for r in range(dlg.table.rowCount())}
        assert set(rows) == {r.name for r in dependencies.REQUIREMENTS}
        import torch
        assert rows["torch"][1].startswith("required") and rows["torch"][2] == ">=1.13,<3"
        assert rows["torch"][3] == torch.__version__ and rows["torch"][4] == "installed"
        assert rows["onnxruntime"][1].startswith("optional")
        assert not dlg.warningLabel.isVisibleTo(dlg)                # Debian's rasterio: QGIS's own GDAL
        text = dlg.copy_diagnostics()
        assert QApplication.clipboard().text() == text
        for key in ("QGIS: 3.", "Python: 3.", "GDAL (QGIS): ", "GDAL (rasterio): ", "torch: ", "CUDA build",
                    "CPU threads: ", "CrossTime folder:", f"{dlg.target}: (none)"):
            assert key in text, key
        from osgeo import gdal
        assert f"GDAL (QGIS): {gdal.__version__}" in text
        # everything required is there: the plan holds only the optional packages ticked
        assert dlg.plan() == []
        dlg.set_optional(["onnxruntime", "faiss-cpu"])
        assert dlg.plan() == [dependencies.OPTIONAL["onnxruntime"], dependencies.OPTIONAL["faiss"]]
    finally:
        plugin.unload()
        _flush()
    assert not qgis_iface.mainWindow().findChildren(QAction, "CrossTimeDependenciesAction")


def test_install_in_a_task_with_live_log_then_remove(qgis_iface, profile, local_wheels, clean_imports):
    from crosstime.ui.dependencies_dialog import DependenciesDialog
    dlg = DependenciesDialog(qgis_iface)
    seen = []
    dlg.wheelsFolder.setFilePath(local_wheels)          # offline: the folder field of the dialog
    task = dlg.start_install(["ctdummy>=1.0,<2"], confirm=False)
    assert task is not None and not dlg.installButton.isEnabled() and dlg.cancelButton.isEnabled()
    task.progressChanged.connect(seen.append)
    _wait(lambda: dlg.task is None)
    log = dlg.log.toPlainText()
    assert dlg.status == "ok", log
    assert "Successfully installed" in log and "ctdummy-1.2" in log and "Kept QGIS's own: numpy" in log
    assert f"--find-links {local_wheels} --no-index" in log
    assert dlg.progressBar.value() == 100 and seen and max(seen) == 100
    assert dlg.installButton.isEnabled() and not dlg.cancelButton.isEnabled()
    # usable at once: the folder went on sys.path on the main thread
    assert sys.path[0] == dlg.target
    import ctdummy
    assert ctdummy.__file__.startswith(dlg.target) and ctdummy.VALUE == 42
    assert "ctdummy-1.2" in dlg.diagnostics()
    assert dlg.remove_packages(confirm=False) is True
    assert not os.path.exists(dlg.target) and dlg.target not in sys.path
    dlg.close()


@pytest.mark.skipif(sys.platform.startswith("win"), reason="a POSIX shell script stands in for the Python")
def test_cancel_from_the_dialog(qgis_iface, profile, tmp_path):
    from crosstime.ui.dependencies_dialog import DependenciesDialog
    slow = tmp_path / "slowpython"
    slow.write_text("#!/bin/sh\ncase \"$*\" in *--version*) echo 'pip 99.0 from x'; exit 0;; esac\n"
                    "echo 'Collecting torch'\nexec sleep 600\n")
    slow.chmod(0o755)
    dlg = DependenciesDialog(qgis_iface)
    dlg.start_install(["torch>=1.13,<3"], confirm=False, python=str(slow))
    _wait(lambda: "Collecting torch" in dlg.log.toPlainText(), 60)
    t0 = time.monotonic()
    dlg.cancelButton.click()
    _wait(lambda: dlg.task is None, 60)
    assert time.monotonic() - t0 < 15 and dlg.status == "cancelled"
    assert "Install cancelled" in dlg.log.toPlainText()
    assert not os.path.exists(dlg.target)
    parent = os.path.dirname(dlg.target)
    assert not os.path.exists(parent) or os.listdir(parent) == []          # no staging folder, no constraints file
    dlg.close()


def test_plugin_loads_its_packages_from_the_private_folder_of_the_profile(qgis_iface, profile, local_wheels,
                                                                           clean_imports):
    target = dependencies.private_dir(profile)
    installer.install(target, ["ctdummy"], find_links=[local_wheels], no_index=True, activate=False)
    assert target not in sys.path
    with pytest.raises(ImportError):
        import ctdummy  # noqa: F401
    import crosstime
    plugin = crosstime.classFactory(qgis_iface)
    try:
        assert target in sys.path
        # in front of the system's folders (a private copy wins over an older one of QGIS)
        system = [p for p in sys.path if p.endswith("dist-packages")]
        assert sys.path.index(target) < sys.path.index(system[0])
        import ctdummy
        assert ctdummy.__file__.startswith(target) and ctdummy.VALUE == 42
        import numpy
        assert not numpy.__file__.startswith(target)
        plugin.initGui()
        assert QgsApplication.processingRegistry().providerById("crosstime") is not None
    finally:
        plugin.unload()
        _flush()


def test_pip_goes_through_the_proxy_set_in_qgis(qgis_iface, profile):
    from qgis.core import QgsSettings

    from crosstime.ui.dependencies_dialog import DependenciesDialog
    from crosstime.ui.qgis_proxy import qgis_pip_network
    s = QgsSettings()
    keys = ("proxy/proxyEnabled", "proxy/proxyType", "proxy/proxyHost", "proxy/proxyPort", "proxy/proxyUser",
            "proxy/proxyPassword", "proxy/proxyExcludedUrls")
    saved = {k: s.value(k) for k in keys}
    try:
        for k, v in zip(keys, (True, "HttpProxy", "proxy.ministere.fr", "3128", "agent", "s3cr:t",
                               ["https://intranet.ministere.fr/", "http://10.1.2.3"])):
            s.setValue(k, v)
        net = qgis_pip_network("/etc/ssl/ministere.pem")
        assert net.proxy == "http://agent:s3cr%3At@proxy.ministere.fr:3128"
        assert net.no_proxy == ["intranet.ministere.fr", "10.1.2.3"] and net.ca_bundle == "/etc/ssl/ministere.pem"
        dlg = DependenciesDialog(qgis_iface)
        shown = dlg.proxyLabel.text()
        assert "proxy.ministere.fr:3128" in shown and "s3cr" not in shown and "intranet.ministere.fr" in shown
        dlg.close()
        s.setValue("proxy/proxyType", "DefaultProxy")          # the system's proxy: pip finds it by itself
        assert qgis_pip_network().proxy == ""
    finally:
        for k, v in saved.items():
            if v is None:
                s.remove(k)
            else:
                s.setValue(k, v)
