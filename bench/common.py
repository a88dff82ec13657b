"""Helpers shared by the benchmarks: timing and a cached synthetic landscape."""
import atexit
import os
import shutil
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
CACHE = os.path.join(ROOT, "build", "bench")


def landscape(size_m: float = 4000.0, resolution: float = 1.0, seed: int = 42):
    """A synthetic landscape generated once and reused by later benchmark runs."""
    from crosstime.core.samples.synthetic import SyntheticConfig, generate_landscape
    folder = os.path.join(CACHE, f"land_{int(size_m)}_{resolution:g}_{seed}")
    cfg = SyntheticConfig(size_m=size_m, resolution=resolution, seed=seed)
    if not os.path.exists(os.path.join(folder, "synthetic.json")):
        generate_landscape(folder, cfg)
    import json

    from crosstime.core.samples.synthetic import SyntheticLandscape
    d = json.load(open(os.path.join(folder, "synthetic.json")))
    d.pop("note", None)
    return SyntheticLandscape(**d)


def scratch_folder() -> str:
    """A private folder removed when the benchmark exits: models and indexes of a run are 100 MB each."""
    os.makedirs(CACHE, exist_ok=True)
    folder = tempfile.mkdtemp(prefix="scratch-", dir=CACHE)
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def timed(fn, repeat: int = 3):
    """Best wall time of ``repeat`` runs (and the last result)."""
    best, out = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return best, out


def header(title: str, cmd: str) -> None:
    import platform

    import torch
    print(f"== {title}")
    print(f"   rerun: {cmd}")
    print(f"   machine: {os.cpu_count()} cores, torch {torch.__version__}, {torch.get_num_threads()} threads, "
          f"python {platform.python_version()}")
