"""Benchmark: what loading CrossTime adds to QGIS's start, with torch installed (goal < 150 ms).

Each measure runs in a fresh Python (imports are cached within one): QGIS is started first (not timed), then the
plugin is loaded as QGIS loads it (``classFactory`` and ``initGui`` with a headless interface) and timed, and the
heavy packages it imported are listed. The baseline, measured in the same run and the same way: importing torch,
torchvision and scikit-learn, what the start paid when dependencies were checked by importing them. Means over
``--repeat`` fresh processes."""
import argparse
import json
import os
import statistics
import subprocess
import sys

from common import ROOT, header

RERUN = "QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_load.py"
HEAVY = ("torch", "torchvision", "sklearn", "scipy", "onnxruntime", "rasterio", "matplotlib")

_CHILD = r"""
import json, os, sys, time
sys.path.insert(0, {root!r})
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from qgis.core import QgsApplication
app = QgsApplication([], True)
app.initQgis()
from crosstime.adapters.headless import HeadlessIface
iface = HeadlessIface()
before = set(sys.modules)
t = time.perf_counter()
if {what!r} == "plugin":
    import crosstime
    plugin = crosstime.classFactory(iface)
    plugin.initGui()
else:
    import torch, torchvision, sklearn
ms = 1000 * (time.perf_counter() - t)
heavy = sorted(m for m in {heavy!r} if m in sys.modules and m not in before)
if {what!r} == "plugin":
    plugin.unload()
print(json.dumps({{"ms": ms, "heavy": heavy}}))
"""


def measure(what: str) -> dict:
    code = _CHILD.format(root=ROOT, what=what, heavy=HEAVY)
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                       env={**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")})
    if r.returncode != 0:
        raise SystemExit(f"the {what} run failed:\n{r.stderr[-3000:]}")
    return json.loads(r.stdout.strip().splitlines()[-1])


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args()
    header("what loading the plugin adds to QGIS's start", RERUN)
    runs = {w: [measure(w) for _ in range(a.repeat)] for w in ("plugin", "baseline")}
    for what, label in (("plugin", "load CrossTime (classFactory + initGui)"),
                        ("baseline", "baseline: import torch, torchvision, scikit-learn")):
        ms = [r["ms"] for r in runs[what]]
        sd = statistics.stdev(ms) if len(ms) > 1 else 0.0
        print(f"   {label:52s}: {statistics.mean(ms):7.1f} +- {sd:5.1f} ms over {len(ms)} fresh processes")
    heavy = sorted({m for r in runs["plugin"] for m in r["heavy"]})
    mean = statistics.mean(r["ms"] for r in runs["plugin"])
    print(f"   heavy packages imported by the plugin's load: {', '.join(heavy) or 'none'}")
    print(f"   goal < 150 ms: {'met' if mean < 150 else 'NOT met'}; rerun: {RERUN}")
    sys.exit(0 if mean < 150 and not heavy else 2)


if __name__ == "__main__":
    main()
