"""The user guide's copy-paste qgis_process example (docs/user-guide.md, "Headless, on the synthetic data") runs as
written (paths redirected to a temporary folder)."""
import os
import re
import shutil
import subprocess

import pytest

from crosstime.core.retrieval.index import DescriptorIndex


@pytest.mark.slow
def test_readme_qgis_process_example(root, tmp_path):
    if not shutil.which("qgis_process.bin") and not os.path.exists("/usr/bin/qgis_process.bin"):
        pytest.skip("qgis_process.bin not installed")
    text = open(os.path.join(root, "docs", "user-guide.md"), encoding="utf-8").read()
    block = re.search(r"Headless, on the synthetic data.*?```bash\n(.*?)```", text, re.S).group(1)
    assert "qgis_process.bin run crosstime:build_tile_dataset" in block and "crosstime:match_tiles" in block
    script = block.replace("make setup\n", "")          # the test session is already set up
    for path in ("synth", "qp"):
        script = script.replace(f"$PWD/build/{path}", str(tmp_path / path)).replace(f"build/{path}", str(tmp_path / path))
    r = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=root, capture_output=True, text=True,
                       timeout=900, env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"})
    assert r.returncode == 0, (r.stdout + r.stderr)[-4000:]
    idx = DescriptorIndex.load(str(tmp_path / "synth" / "old.ctindex"))
    assert len(idx) == 36
    assert os.path.exists(tmp_path / "synth" / "matches.gpkg") and os.path.exists(tmp_path / "synth" / "lines.gpkg")
