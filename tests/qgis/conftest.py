"""Fixtures of the QGIS tests: every test fails if Qt warns that a timer was used outside a QThread (a Qt
object touched from a worker thread, or destroyed after the application: a crash risk in QGIS)."""
import pytest

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
