"""Background tasks: what existed before a task is spared by the cycle collector while it runs (no GUI freezes
from full collections over QGIS's and PyTorch's objects), and given back to it when the last task ends."""
import gc
import time

from qgis.PyQt.QtCore import QCoreApplication

from crosstime.ui.tasks import CoreTask, start


def test_the_collector_spares_existing_objects_only_while_tasks_run():
    seen = {}
    results = []

    def work(progress):
        seen["frozen"] = gc.get_freeze_count()
        for k in range(1000):
            progress.update(k / 1000)
        return 7

    task = CoreTask("test task", work, lambda status, result, error: results.append((status, result, error)))
    start(task)
    t0 = time.time()
    while not results:
        QCoreApplication.processEvents()
        time.sleep(0.01)
        assert time.time() - t0 < 60
    assert results == [("ok", 7, None)]
    assert seen["frozen"] > 1000 and gc.get_freeze_count() == 0
