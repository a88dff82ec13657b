"""Progress reporting and cancellation shared by every long job.

Core functions take a :class:`Progress`; a QgsTask, a QgsProcessingFeedback or a terminal progress
bar plug into it through two callables, so the core never knows which one is listening.
"""
from __future__ import annotations

from typing import Callable, Optional


class Cancelled(Exception):
    """The user cancelled the job; whatever it was writing has been discarded."""


class Progress:
    def __init__(self, report: Optional[Callable[[float, str], None]] = None,
                 is_cancelled: Optional[Callable[[], bool]] = None, log: Optional[Callable[[str], None]] = None):
        self._report = report
        self._is_cancelled = is_cancelled
        self._log = log

    def update(self, fraction: float, message: str = "") -> None:
        """``fraction`` in [0, 1]; also checks for cancellation."""
        if self._report is not None:
            self._report(max(0.0, min(1.0, float(fraction))), message)
        self.check()

    def info(self, message: str) -> None:
        if self._log is not None:
            self._log(message)

    def check(self) -> None:
        if self._is_cancelled is not None and self._is_cancelled():
            raise Cancelled("cancelled by the user")

    def sub(self, start: float, end: float) -> Progress:
        """A Progress for one stage that maps its [0, 1] onto [start, end] of this one."""
        def report(f: float, msg: str) -> None:
            if self._report is not None:
                self._report(start + (end - start) * f, msg)
        return Progress(report, self._is_cancelled, self._log)


SILENT = Progress()


class TerminalProgress(Progress):
    """A tqdm bar on the command line (plain lines when tqdm is missing or stderr is not a terminal)."""

    def __init__(self, desc: str = "", total: int = 1000):
        import sys
        self._total = total
        self._desc = desc
        self._bar = None
        if sys.stderr.isatty():
            try:
                from tqdm import tqdm
                self._bar = tqdm(total=total, desc=desc, unit="‰", leave=True, dynamic_ncols=True,
                                 bar_format="{desc} {percentage:3.0f}%|{bar}| {elapsed}<{remaining} {postfix}")
            except ImportError:
                pass
        self._last = 0
        super().__init__(self._show, None, self._print)

    def _show(self, fraction: float, message: str) -> None:
        n = int(fraction * self._total)
        if self._bar is not None:
            if n > self._last:
                self._bar.update(n - self._last)
                self._last = n
            if message:
                self._bar.set_postfix_str(message[:60], refresh=False)
        elif n - self._last >= self._total // 10 or (n >= self._total > self._last):
            # not a terminal (CI logs, files): a plain line every 10 %
            print(f"{self._desc}: {100 * fraction:3.0f}% {message}", flush=True)
            self._last = n

    def _print(self, message: str) -> None:
        if self._bar is not None:
            self._bar.write(message)
        else:
            print(message, flush=True)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
