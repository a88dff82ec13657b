"""The shape of the package: core free of QGIS and Qt, module names that do not collide, one list per option."""
import ast
import os
import subprocess
import sys

import pytest

from crosstime.core import choices

CORE = os.path.join(os.path.dirname(__file__), "..", "..", "crosstime", "core")


def _core_modules():
    for base, _dirs, files in os.walk(CORE):
        for f in files:
            if f.endswith(".py"):
                yield os.path.join(base, f)


def test_nothing_in_core_imports_qgis_or_qt():
    offenders = []
    for path in _core_modules():
        tree = ast.parse(open(path, encoding="utf-8").read(), path)
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for n in names:
                if n.split(".")[0] in ("qgis", "PyQt5", "PyQt6", "PySide2", "PySide6", "sip"):
                    offenders.append(f"{os.path.relpath(path, CORE)}: import {n}")
    assert not offenders, offenders


def test_every_core_module_imports_with_qgis_hidden():
    code = (
        "import sys, importlib, pkgutil\n"
        "class Hide:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('qgis', 'PyQt5', 'sip'):\n"
        "            raise ImportError('hidden ' + name)\n"
        "sys.meta_path.insert(0, Hide())\n"
        "import crosstime.core as c\n"
        "for m in pkgutil.walk_packages(c.__path__, 'crosstime.core.'):\n"
        "    importlib.import_module(m.name)\n"
        "import crosstime.cli\n"
        "print('imported', len(sys.modules))\n")
    root = os.path.abspath(os.path.join(CORE, "..", ".."))
    r = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "qgis" not in r.stdout


def test_no_two_core_modules_share_a_name_or_differ_by_a_suffix():
    names = [os.path.splitext(os.path.basename(p))[0] for p in _core_modules() if not p.endswith("__init__.py")]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)
    for a in names:
        for b in names:
            if a != b and b.startswith(a) and len(b) - len(a) <= 2:
                pytest.fail(f"module names {a} and {b} differ only by a suffix")


def test_option_lists_match_what_core_implements():
    from crosstime.core.evaluation.baselines import baseline_spec
    from crosstime.core.geo.legend import PRESETS
    from crosstime.core.nn.backbones import BACKBONES
    from crosstime.core.train.recipes import recipe
    assert set(choices.LEGEND_PRESETS) == set(PRESETS) and choices.DEFAULT_LEGEND in PRESETS
    assert set(choices.BACKBONES) <= set(BACKBONES)
    for name in choices.RECIPES:
        model_cfg, train_cfg = recipe(name, backbone="resnet18", weights="none")
        assert train_cfg.recipe == name
    for key in choices.BASELINES:
        assert baseline_spec(key).extractor == choices.BASELINES[key][0]
    assert set(choices.LIGHT_BASELINES + choices.PAPER_BASELINES) <= set(choices.BASELINES)


def test_both_tile_sources_offer_what_the_describer_reads(store, land):
    from crosstime.core import jobs
    from crosstime.core.geo.legend import load_legend
    from crosstime.core.tiles.source import TileSource
    wanted = [n for n in vars(TileSource) if not n.startswith("_")] + list(TileSource.__annotations__) + ["__len__"]
    grid = store.grid
    with jobs.layer_tiles(grid, load_legend("bdtopo_v3"), old_ortho=land.old_ortho) as live:
        for source in (jobs.open_tile_set([store.path]), live):
            missing = [n for n in wanted if not hasattr(source, n)]
            assert not missing, (type(source).__name__, missing)
