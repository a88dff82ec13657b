"""The quick mode answers before any training, with numpy alone (torch hidden)."""
import os
import subprocess
import sys

import numpy as np

from crosstime.core.retrieval.describer import thumbnails

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))


def test_thumbnails_are_block_means_standardised_per_tile():
    rng = np.random.default_rng(0)
    img = rng.integers(0, 256, size=(2, 48, 48, 3)).astype(np.uint8)
    t = thumbnails(img, 16)
    assert t.shape == (2, 16 * 16 * 3)
    blocks = img[0].astype(np.float32).reshape(16, 3, 16, 3, 3).mean(axis=(1, 3)).reshape(-1)
    expected = (blocks - blocks.mean()) / (blocks.std() + 1e-6)
    assert np.allclose(t[0], expected, atol=1e-4)
    darker = (img.astype(np.float32) * 0.5 + 30).astype(np.uint8)
    assert np.corrcoef(thumbnails(darker, 16)[0], t[0])[0, 1] > 0.999
    assert thumbnails(rng.integers(0, 256, size=(1, 50, 50, 3)).astype(np.uint8), 16).shape == (1, 768)


def test_quick_mode_indexes_and_answers_a_click_without_torch(store, land, tmp_path):
    code = f"""
import sys
class Hide:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('torch', 'torchvision', 'qgis', 'PyQt5'):
            raise ImportError('hidden ' + name)
sys.meta_path.insert(0, Hide())
sys.path.insert(0, {ROOT!r})
from crosstime.core import jobs
from crosstime.core.geo.legend import load_legend
idx = jobs.build_index_from_store({store.path!r}, {str(tmp_path / 'q.ctindex')!r}, model=jobs.QUICK)
matcher = jobs.open_matcher({str(tmp_path / 'q.ctindex')!r}, None, load_legend('bdtopo_v3'), {land.new_ortho!r})
found = 0
for k in range(0, len(idx), 7):
    x0, y0, x1, y1 = idx.footprints[k]
    res = matcher.match((x0 + x1) / 2, (y0 + y1) / 2, 5)
    found += res.query_id in res.ids
print('ANSWER', found, len(range(0, len(idx), 7)), len(idx), 'torch' in sys.modules)
"""
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-3000:]
    line = [x for x in r.stdout.splitlines() if x.startswith("ANSWER")][0].split()
    assert line[-1] == "False" and int(line[3]) == len(store)
    # a co-registered pair: the same tile is among the five best old-date matches for most clicks
    assert int(line[1]) >= 0.5 * int(line[2]), line
