"""Background work in a QgsTask: the core function gets a Progress wired to the task's progress and
cancel flag; ``finished`` runs on the main thread and is the only place that touches widgets or layers.

A cancelled task ends quietly: ``run()`` returns True and the task reports "cancelled" to its caller, which
says so in the plugin's own words (QGIS would otherwise add its "Task failed" notice).

Tasks leave Python's cycle collector as QGIS set it (thresholds, frozen objects: settings of the whole process, that
every plugin shares). The GUI stays free because what a task keeps is mostly out of the collector's sight (see
``core.geo.vectors.VectorLayerData``), so the full passes that would walk the whole session do not happen while it
runs: bench/bench_stall.py counts them and times one."""
from __future__ import annotations

import traceback
from typing import Any, Callable, Optional

from qgis.core import Qgis, QgsApplication, QgsMessageLog, QgsTask

from ..core.progress import Cancelled, Progress
from ..translation import translated

LOG_TAG = "CrossTime"


class CoreTask(QgsTask):
    def __init__(self, description: str, fn: Callable[[Progress], Any],
                 on_done: Callable[[str, Any, Optional[BaseException]], None], can_cancel: bool = True,
                 needs_torch: bool = False):
        """``needs_torch``: PyTorch is imported here, where tasks are made (the main thread), before the task runs,
        in the way that keeps QGIS standing (``runtime.dependencies.import_torch_here``)."""
        if needs_torch:
            from ..runtime.dependencies import import_torch_here
            import_torch_here()
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

    def run(self) -> bool:
        self._last_step = -1
        progress = Progress(self._report, self.stopping, self.messages.append)
        try:
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
        for m in self.messages:             # the core's log lines, in the user's language
            QgsMessageLog.logMessage(translated(m), LOG_TAG, Qgis.MessageLevel.Info)
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
