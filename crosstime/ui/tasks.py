"""Background work in a QgsTask: the core function gets a Progress wired to the task's progress and
cancel flag; ``finished`` runs on the main thread and is the only place that touches widgets or layers."""
from __future__ import annotations

import traceback
from typing import Any, Callable, Optional

from qgis.core import Qgis, QgsApplication, QgsMessageLog, QgsTask

from ..core.progress import Cancelled, Progress

LOG_TAG = "CrossTime"


class CoreTask(QgsTask):
    def __init__(self, description: str, fn: Callable[[Progress], Any],
                 on_done: Callable[[str, Any, Optional[BaseException]], None], can_cancel: bool = True):
        flags = QgsTask.CanCancel if can_cancel else QgsTask.Flags()
        super().__init__(description, flags)
        self.fn, self.on_done = fn, on_done
        self.result: Any = None
        self.error: Optional[BaseException] = None
        self.details = ""
        self.messages = []

    def run(self) -> bool:
        progress = Progress(lambda f, _m: self.setProgress(100.0 * f), self.isCanceled, self.messages.append)
        try:
            self.result = self.fn(progress)
            return not self.isCanceled()
        except Cancelled:
            return False
        except Exception as exc:  # reported in finished(), on the main thread
            self.error = exc
            self.details = traceback.format_exc()
            return False

    def finished(self, ok: bool) -> None:
        for m in self.messages:
            QgsMessageLog.logMessage(m, LOG_TAG, Qgis.Info)
        if self.error is not None:
            QgsMessageLog.logMessage(self.details, LOG_TAG, Qgis.Critical)
        status = "ok" if ok else ("error" if self.error is not None else "cancelled")
        try:
            self.on_done(status, self.result, self.error)
        except Exception:  # an exception escaping a Qt virtual would abort QGIS: log it instead
            QgsMessageLog.logMessage(traceback.format_exc(), LOG_TAG, Qgis.Critical)


def start(task: QgsTask) -> None:
    QgsApplication.taskManager().addTask(task)
