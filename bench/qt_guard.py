"""Shared by the QGIS benchmarks: fail on Qt's thread warnings, and tear Qt down in order.

"QBasicTimer can only be used with threads started with QThread" is printed when a Qt object starts a timer
in a thread without a Qt event loop: a worker thread, or the main thread once the application is gone (Qt
objects left for Python to destroy at exit). The benchmarks delete their widgets before the application and
exit non-zero if Qt printed any such warning."""
import sys

THREAD_WARNINGS = ("QBasicTimer can only be used with threads started with QThread",
                   "Timers cannot be started from another thread")
seen = []


def install():
    from qgis.PyQt.QtCore import qInstallMessageHandler

    def handler(mode, context, message):
        if any(w in message for w in THREAD_WARNINGS):
            seen.append(message)
        print(message, file=sys.stderr)
    install.handler = handler           # keep a reference for as long as Qt may call it
    qInstallMessageHandler(handler)


def teardown(app, *widgets):
    """Delete ``widgets`` (and their children) while the application still runs, then stop QGIS."""
    from qgis.PyQt import sip
    from qgis.PyQt.QtCore import QCoreApplication
    for w in widgets:
        if w is not None and not sip.isdeleted(w):
            sip.delete(w)
    QCoreApplication.processEvents()
    app.exitQgis()


def verdict() -> int:
    if seen:
        print(f"   FAILED: Qt printed {len(seen)} thread warning(s): {seen[0]}")
        return 1
    print("   Qt thread warnings (QBasicTimer...): none")
    return 0
