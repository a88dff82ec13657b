"""The shape of the package: which layer may import which, no import cycle, core free of QGIS and Qt, module names
that do not collide, one list per option, no file too long to read."""
import ast
import os
import subprocess
import sys
from collections import defaultdict

import pytest

from crosstime.core import choices

CORE = os.path.join(os.path.dirname(__file__), "..", "..", "crosstime", "core")
PACKAGE = os.path.abspath(os.path.join(CORE, ".."))

# Which part of the plugin may import which (CONTRIBUTING.md, "Import rules"). A part is a sub-package of core, the
# core's own modules ("core" : errors, progress, choices...), or a folder or module of crosstime/. Within a part
# anything goes; an import across parts must be listed here, and no import cycle may form, even through imports
# made inside functions.
CORE_BASE = "core"
MAY_IMPORT = {
    "core": set(),
    "core.geo": {"core"},
    "core.tiles": {"core", "core.geo"},
    "core.nn": {"core"},
    "core.retrieval": {"core", "core.geo", "core.tiles", "core.nn"},
    "core.archive": {"core", "core.geo", "core.tiles", "core.nn", "core.retrieval"},
    "core.evaluation": {"core", "core.geo", "core.tiles", "core.nn", "core.retrieval", "core.archive"},
    "core.train": {"core", "core.geo", "core.tiles", "core.nn", "core.retrieval", "core.evaluation"},
    "core.samples": {"core", "core.geo", "core.tiles"},
    "core.jobs": {"core", "core.geo", "core.tiles", "core.nn", "core.retrieval", "core.archive", "core.evaluation",
                  "core.train", "core.samples"},
    "runtime": {"core"},
    "translation": {"core", "core.geo", "runtime"},
    "adapters": {"core", "core.geo", "core.tiles", "core.archive", "translation"},
    "user_guide": set(),
    "compat_qt": set(),
    "toolbox": {"core", "core.geo", "core.tiles", "core.retrieval", "core.jobs", "runtime", "adapters", "translation",
                "user_guide", "compat_qt"},
    "ui": {"core", "core.geo", "core.tiles", "core.archive", "core.retrieval", "core.jobs", "runtime", "adapters",
           "translation", "user_guide", "compat_qt"},
    "cli": {"core", "core.geo", "core.tiles", "core.nn", "core.retrieval", "core.train", "core.samples", "core.jobs",
            "runtime", "adapters"},
    "plugin": {"core", "runtime", "toolbox", "ui", "translation", "compat_qt"},
    "__init__": {"runtime", "plugin"},
    "__main__": {"cli"},
}


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


def _modules(root: str = PACKAGE) -> dict:
    """Dotted name (crosstime.core.jobs.tiles) -> path, for every module of the package."""
    out = {}
    for base, _dirs, files in os.walk(root):
        for f in files:
            if f.endswith(".py"):
                rel = os.path.relpath(os.path.join(base, f), os.path.dirname(root))[:-3].replace(os.sep, ".")
                out[rel[:-len(".__init__")] if rel.endswith(".__init__") else rel] = os.path.join(base, f)
    return out


def import_graph(root: str = PACKAGE) -> dict:
    """Module -> the package's modules it imports, at the top of the file or inside functions alike."""
    mods = _modules(root)
    graph = defaultdict(set)
    for name, path in mods.items():
        package = name if path.endswith("__init__.py") else name.rsplit(".", 1)[0]
        for node in ast.walk(ast.parse(open(path, encoding="utf-8").read(), path)):
            targets = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = package.split(".")
                    base = ".".join(parts[:len(parts) - node.level + 1] + ([node.module] if node.module else []))
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in mods else base for a in node.names]
            for t in targets:
                while t not in mods and "." in t:
                    t = t.rsplit(".", 1)[0]
                if t in mods and t != name:
                    graph[name].add(t)
    return graph


def part_of(module: str) -> str:
    """The part of the plugin a module belongs to (the keys of MAY_IMPORT)."""
    parts = module.split(".")[1:] or ["__init__"]
    if parts[0] == "core":
        return f"core.{parts[1]}" if len(parts) > 2 or (len(parts) == 2 and os.path.isdir(
            os.path.join(CORE, parts[1]))) else CORE_BASE
    return parts[0]


def import_cycles(graph: dict) -> list:
    """Every group of modules that import one another in a circle (Tarjan's strongly connected components)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10000))
    for v in list(graph):
        if v not in index:
            visit(v)
    return found


def broken_rules(graph: dict) -> list:
    out = []
    for a, targets in sorted(graph.items()):
        for b in sorted(targets):
            pa, pb = part_of(a), part_of(b)
            if pa != pb and pb not in MAY_IMPORT.get(pa, set()):
                out.append(f"{a} imports {b}: {pa} may not import {pb}")
    return out


def test_no_import_cycle():
    cycles = import_cycles(import_graph())
    assert not cycles, "import cycles: " + "; ".join(" <-> ".join(c) for c in cycles)


def test_every_import_follows_the_layer_rules():
    assert set(part_of(m) for m in _modules()) <= set(MAY_IMPORT), "a part of the plugin missing from MAY_IMPORT"
    broken = broken_rules(import_graph())
    assert not broken, "\n".join(broken)


def test_the_layout_checks_fail_on_a_cycle_and_a_broken_rule(tmp_path):
    """The two checks above can fail: a small package with a cycle through a function-level import, and a core
    module importing the user interface."""
    pkg = tmp_path / "crosstime"
    for d in ("core/geo", "core/tiles", "ui"):
        (pkg / d).mkdir(parents=True)
        (pkg / d / "__init__.py").write_text("")
    (pkg / "__init__.py").write_text("")
    (pkg / "core" / "__init__.py").write_text("")
    (pkg / "core" / "geo" / "grid.py").write_text("def f():\n    from ..tiles import store\n")
    (pkg / "core" / "tiles" / "store.py").write_text("from ..geo.grid import f\nfrom ...ui import dock\n")
    (pkg / "ui" / "dock.py").write_text("")
    graph = import_graph(str(pkg))
    assert import_cycles(graph) == [["crosstime.core.geo.grid", "crosstime.core.tiles.store"]]
    assert set(broken_rules(graph)) == {
        "crosstime.core.geo.grid imports crosstime.core.tiles.store: core.geo may not import core.tiles",
        "crosstime.core.tiles.store imports crosstime.ui.dock: core.tiles may not import ui"}


def test_no_file_of_the_plugin_is_longer_than_500_lines():
    long = {os.path.relpath(p, PACKAGE): n for p in _modules().values()
            if (n := sum(1 for _ in open(p, encoding="utf-8"))) > 500}
    assert not long, long
