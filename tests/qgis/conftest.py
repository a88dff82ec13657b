"""Fixtures of the QGIS tests: every test fails if Qt warns that a timer was used outside a QThread (a Qt
object touched from a worker thread, or destroyed after the application: a crash risk in QGIS)."""
import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))     # tests/: ogc_server, qt_wait

QT_THREAD_WARNINGS = ("QBasicTimer can only be used with threads started with QThread",
                      "Timers cannot be started from another thread", "Cannot create children for a parent")
_seen = []


def _handler(mode, context, message):
    if any(w in message for w in QT_THREAD_WARNINGS):
        _seen.append(message)
    if _previous is not None:
        _previous(mode, context, message)
    else:
        import sys
        print(message, file=sys.stderr)


_previous = None


def pytest_configure(config):
    global _previous
    from qgis.PyQt.QtCore import qInstallMessageHandler
    _previous = qInstallMessageHandler(_handler)


@pytest.fixture(autouse=True)
def no_qt_thread_warnings():
    """Fails a test during which Qt printed a thread warning (QBasicTimer...)."""
    start = len(_seen)
    yield
    from qgis.PyQt.QtCore import QCoreApplication
    QCoreApplication.processEvents()
    new = _seen[start:]
    assert not new, f"Qt warned about threads during this test: {new}"


@pytest.fixture(scope="module")
def provider(qgis_processing):
    """CrossTime's Processing provider, registered for the tests of one module."""
    from qgis.core import QgsApplication

    from crosstime.toolbox.provider import CrossTimeProvider
    p = CrossTimeProvider()
    QgsApplication.processingRegistry().addProvider(p)
    yield p
    QgsApplication.processingRegistry().removeProvider(p)


@pytest.fixture(scope="module")
def geoplateforme(land, tmp_path_factory):
    """A Géoplateforme-like QGIS Server on 127.0.0.1 serving ``land`` (tests/ogc_server.py), one per test module."""
    import ogc_server
    assert ogc_server.server_binary(), "qgis_mapserver is missing: run make setup (Debian package qgis-server)"
    folder = tmp_path_factory.mktemp("geoplateforme")
    names = ogc_server.write_project(str(folder / "geoplateforme.qgs"), land)
    server = ogc_server.OgcServer(str(folder / "geoplateforme.qgs"), str(folder))
    yield server, names
    server.stop()


@pytest.fixture
def tile_cache(tmp_path):
    """A tile cache of this test's own (the QGIS setting the plugin reads), restored afterwards."""
    from qgis.core import QgsSettings

    from crosstime.adapters.tile_cache import SETTING_KEY
    s = QgsSettings()
    before = s.value(SETTING_KEY, "")
    s.setValue(SETTING_KEY, str(tmp_path / "tiles"))
    yield str(tmp_path / "tiles")
    s.setValue(SETTING_KEY, before)
