"""`make demo`: the whole CrossTime pipeline on the embedded synthetic landscapes, then a QGIS project."""
import argparse
import os
import sys


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", default="build/demo")
    ap.add_argument("--minutes", type=float, default=4.0, help="training time budget")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--quick", action="store_true", help="small landscapes and one minute of training")
    a = ap.parse_args()
    from crosstime.core.deps import missing, missing_message
    if missing():
        print(missing_message(missing()), file=sys.stderr)
        return 2
    import torch
    torch.set_num_threads(os.cpu_count() or 1)
    from crosstime.core.demo import run_demo
    run_demo(a.out, a.minutes, a.seed, a.quick, project_writer=write_project)
    return 0


def write_project(summary: dict):
    """The QGIS project, written with PyQGIS when it is installed (skipped, with a note, otherwise)."""
    try:
        from qgis.core import QgsApplication
    except ImportError:
        print("PyQGIS not found: no QGIS project written (the GeoPackage and report are there)")
        return None
    app = QgsApplication.instance()
    own = app is None
    if own:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QgsApplication([], False)
        app.initQgis()
    try:
        from crosstime.adapters.project import write_demo_project
        return write_demo_project(summary)
    finally:
        if own:
            from qgis.core import QgsProject
            QgsProject.instance().clear()
            app.exitQgis()


if __name__ == "__main__":
    sys.exit(main())
