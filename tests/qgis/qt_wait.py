"""Waiting in the QGIS tests: spin Qt's event loop (tasks report through it) until a condition holds."""
import time

from qgis.PyQt.QtCore import QCoreApplication


def wait_for(pred, timeout=120):
    t0 = time.time()
    while not pred():
        QCoreApplication.processEvents()
        time.sleep(0.01)
        assert time.time() - t0 < timeout, "timed out"
    QCoreApplication.processEvents()
