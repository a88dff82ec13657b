"""The real QGIS desktop under Xvfb (make smoke): plugin enabled in a fresh profile, demo project open,
a tile clicked through the map tool, screenshots written."""
import json
import os
import shutil
import subprocess

import pytest


@pytest.mark.slow
def test_desktop_smoke(root, tmp_path):
    if not shutil.which("xvfb-run") or not shutil.which("qgis"):
        pytest.skip("the QGIS desktop or xvfb-run is not installed")
    demo = os.path.join(root, "build", "smoke-demo")
    # English only, on a demo trained for a few seconds: the French desktop is `make smoke`'s (and test_i18n's)
    env = {**os.environ, "SMOKE_OUT": str(tmp_path / "smoke"), "SMOKE_DEMO": demo, "SMOKE_LANGUAGES": "en",
           "SMOKE_DEMO_MINUTES": "0.1"}
    env.pop("PYTHONPATH", None)
    r = subprocess.run(["bash", os.path.join(root, "scripts", "smoke.sh")], env=env, capture_output=True, text=True,
                       timeout=900, cwd=root)
    assert r.returncode == 0, (r.stdout + r.stderr)[-4000:]
    res = json.load(open(tmp_path / "smoke" / "result.json"))
    assert res["plugin_loaded"] and res["dock_visible"] and not res["missing"] and res["layers_restored"]
    assert res["matched"] and res["query"] == res["expected_query"] and res["rubber_bands"] == 5
    for shot in ("dock.png", "matches.png"):
        assert os.path.getsize(tmp_path / "smoke" / shot) > 20_000
