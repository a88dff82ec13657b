"""Background work in a QgsTask: the core function gets a Progress wired to the task's progress and
cancel flag; ``finished`` runs on the main thread and is the only place that touches widgets or layers.

A cancelled task ends quietly: ``run()`` returns True and the task reports "cancelled" to its caller, which
says so in the plugin's own words (QGIS would otherwise add its "Task failed" notice)."""
from __future__ import annotations

import gc
import threading
import traceback
from contextlib import contextmanager
from typing import Any, Callable, Optional

from qgis.core import Qgis, QgsApplication, QgsMessageLog, QgsTask

from ..core.progress import Cancelled, Progress

LOG_TAG = "CrossTime"


_running = 0
_running_lock = threading.Lock()


_saved_threshold = None
# a full pass only when this many younger passes have run: never, in practice, while a task runs
NO_FULL_PASS = 10 ** 9


@contextmanager
def _collector_spares_what_exists():
    """While CrossTime's tasks run, Python's cycle collector makes no full pass, and what exists is left out of the
    full passes that follow.

    A task that reads 10^5 features made the collector run full passes over every object of the session (QGIS,
    PyTorch: several 10^5) and over the task's growing geometries, each holding the GIL, so QGIS's GUI thread froze
    for 0.1-1 s at a time. The young generations are still collected (short passes over new objects), so cycles a
    task makes and drops are freed. When the last task ends the thresholds come back, and what is alive then stays
    frozen (``gc.freeze``, made for long-lived objects): unfreezing would make the next full pass walk the whole
    session at once, the same freeze again. Frozen objects are still freed when no longer used; only cycles among
    them wait, until the plugin unloads (:func:`release_frozen`).
    """
    global _running, _saved_threshold
    with _running_lock:
        _running += 1
        if _running == 1:
            gc.freeze()
            _saved_threshold = gc.get_threshold()
            gc.set_threshold(_saved_threshold[0], _saved_threshold[1], NO_FULL_PASS)
    try:
        yield
    finally:
        with _running_lock:
            _running -= 1
            if _running == 0:
                gc.freeze()
                gc.set_threshold(*_saved_threshold)


def release_frozen() -> None:
    """Give the objects frozen by CrossTime's tasks back to the cycle collector (at unload)."""
    with _running_lock:
        if _running == 0:
            gc.unfreeze()


class CoreTask(QgsTask):
    def __init__(self, description: str, fn: Callable[[Progress], Any],
                 on_done: Callable[[str, Any, Optional[BaseException]], None], can_cancel: bool = True):
        flags = QgsTask.Flag.CanCancel if can_cancel else QgsTask.Flags()
        super().__init__(description, flags)
        self.fn, self.on_done = fn, on_done
        self.result: Any = None
        self.error: Optional[BaseException] = None
        self.cancelled = False
        self._stop = False
        self.details = ""
        self.messages = []

    def stop(self) -> None:
        """Ask the work to stop at its next check. Unlike ``cancel()`` on a task still queued, which QGIS marks
        "terminated" (and reports as failed), the task then completes normally and reports "cancelled"."""
        self._stop = True

    def stopping(self) -> bool:
        return self._stop or self.isCanceled()

    def _report(self, fraction: float, _message: str) -> None:
        # every setProgress is a signal queued to the GUI thread: a job that reports per feature or per tile would
        # flood its event queue (and starve its timers), so only steps of 0.5 % go out
        step = int(fraction * 200)
        if step != self._last_step:
            self._last_step = step
            self.setProgress(100.0 * fraction)
            gc.freeze()      # what the task has built so far is spared too (see _collector_spares_what_exists)

    def run(self) -> bool:
        self._last_step = -1
        progress = Progress(self._report, self.stopping, self.messages.append)
        try:
            with _collector_spares_what_exists():
                self.result = self.fn(progress)
            self.cancelled = self.stopping()
            return True
        except Cancelled:
            self.cancelled = True
            return True                      # not a failure: the caller says "cancelled" itself
        except Exception as exc:  # reported in finished(), on the main thread
            if self.stopping():              # an error caused by stopping half-way is a cancel
                self.cancelled = True
                return True
            self.error = exc
            self.details = traceback.format_exc()
            return False

    def finished(self, ok: bool) -> None:
        for m in self.messages:
            QgsMessageLog.logMessage(m, LOG_TAG, Qgis.MessageLevel.Info)
        if self.error is not None:
            QgsMessageLog.logMessage(self.details, LOG_TAG, Qgis.MessageLevel.Critical)
        if self.cancelled:
            status = "cancelled"
        elif ok and self.error is None:
            status = "ok"
        else:
            status = "error" if self.error is not None else "cancelled"
        try:
            self.on_done(status, self.result, self.error)
        except Exception:  # an exception escaping a Qt virtual would abort QGIS: log it instead
            QgsMessageLog.logMessage(traceback.format_exc(), LOG_TAG, Qgis.MessageLevel.Critical)


def start(task: QgsTask) -> None:
    QgsApplication.taskManager().addTask(task)
