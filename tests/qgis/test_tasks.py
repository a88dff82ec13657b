"""Background tasks: while they run the cycle collector makes no full pass and leaves what existed before alone (no
GUI freezes from full collections over QGIS's and PyTorch's objects); after the last one, its thresholds are back,
what is alive stays out of later full passes, and unloading the plugin gives it back."""
import gc
import time

from qgis.PyQt.QtCore import QCoreApplication

from crosstime.ui.tasks import NO_FULL_PASS, CoreTask, release_frozen, start


def test_the_collector_makes_no_full_pass_while_tasks_run_and_spares_what_lives_after():
    seen = {}
    results = []

    def work(progress):
        seen["frozen"] = gc.get_freeze_count()
        seen["threshold"] = gc.get_threshold()
        for k in range(1000):
            progress.update(k / 1000)
        return 7

    release_frozen()
    before = gc.get_threshold()
    task = CoreTask("test task", work, lambda status, result, error: results.append((status, result, error)))
    start(task)
    t0 = time.time()
    while not results:
        QCoreApplication.processEvents()
        time.sleep(0.01)
        assert time.time() - t0 < 60
    assert results == [("ok", 7, None)]
    assert seen["frozen"] > 1000 and seen["threshold"][2] == NO_FULL_PASS
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() > 1000           # no full pass over the whole session right after the task
    release_frozen()
    assert gc.get_freeze_count() == 0
