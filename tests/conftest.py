"""Shared fixtures: the repository root on sys.path (so `import crosstime` works), small synthetic data,
the real pairs folder."""
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLUGIN_DIR = os.path.join(ROOT, "crosstime")
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)


class _NoQgis:
    """`make test-core` runs with QGIS and Qt made unimportable, as on a machine without them."""

    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("qgis", "PyQt5", "PyQt6", "sip"):
            raise ImportError(f"{name} is hidden: CROSSTIME_WITHOUT_QGIS is set")
        return None


if os.environ.get("CROSSTIME_WITHOUT_QGIS"):
    sys.meta_path.insert(0, _NoQgis())

import pytest

REALPAIRS = os.environ.get("CROSSTIME_REALPAIRS", os.path.join(ROOT, "..", "shared", "data", "realpairs"))


@pytest.fixture(autouse=True)
def same_random_state():
    """Every test starts from the same random state, whatever ran before it: random weights, random inputs and
    sampled batches are the same on every run (no test depends on luck)."""
    import random

    import numpy as np
    random.seed(0)
    np.random.seed(0)
    torch = sys.modules.get("torch")        # imported by the tests that use it; a fresh import starts seeded
    if torch is not None:
        torch.manual_seed(0)


@pytest.fixture(scope="session")
def root():
    """The repository root (holding the plugin folder crosstime/)."""
    return ROOT


@pytest.fixture(scope="session")
def realpairs_root():
    if not os.path.isdir(REALPAIRS) or not os.path.exists(os.path.join(REALPAIRS, "scenes.csv")):
        pytest.skip(f"real pairs folder not found at {REALPAIRS} (set CROSSTIME_REALPAIRS to use another)")
    return REALPAIRS


@pytest.fixture(scope="session")
def land(tmp_path_factory):
    """A small synthetic two-date landscape (1.2 km, 2 m/px), shared by the whole session."""
    from crosstime.core.samples.synthetic import SyntheticConfig, generate_landscape
    return generate_landscape(str(tmp_path_factory.mktemp("land")), SyntheticConfig(size_m=1200, resolution=2.0, seed=7))


@pytest.fixture(scope="session")
def store(land, tmp_path_factory):
    """Its tile store: 100 m tiles of 64 px (144 tiles)."""
    from crosstime.core import jobs
    from crosstime.core.geo.legend import load_legend
    st, _ = jobs.build_tile_store(str(tmp_path_factory.mktemp("stores") / "small.ctstore"), land.old_ortho,
                                  land.new_ortho, jobs.read_vector_files([land.old_vectors]),
                                  jobs.read_vector_files([land.new_vectors]), load_legend("bdtopo_v3"),
                                  tile_size=100.0, pixels=64)
    return st


@pytest.fixture(scope="session")
def tiny_model(store, tmp_path_factory):
    """A ResNet18 descriptor trained for a few steps on the small store (64 px tiles)."""
    from crosstime.core.train.run import train
    out = str(tmp_path_factory.mktemp("models") / "tiny.ctmodel")
    train([store.path], out, recipe_name="siamese", backbone="resnet18", weights="none", dim=64, epochs=1,
          batches_per_epoch=2, tile_pixels=64, head_channels=(64, 32, 32), seed=0)
    return out


@pytest.fixture(scope="session")
def trained_model(store, tmp_path_factory):
    """A descriptor trained for a few epochs on the small store, good enough to rank most true matches first."""
    from crosstime.core.train.run import train
    out = str(tmp_path_factory.mktemp("models") / "trained.ctmodel")
    train([store.path], out, val_stores=[store.path], recipe_name="infonce", backbone="resnet18", weights="none",
              epochs=6, batch_pairs=24, tile_pixels=64, seed=0)
    return out


def make_wheel(folder, name, version, files, requires=()):
    """A pure-Python wheel built by hand (zip, METADATA, WHEEL, RECORD with hashes): no network, no setuptools."""
    import base64
    import hashlib
    import zipfile
    dist = f"{name.replace('-', '_')}-{version}"
    info = f"{dist}.dist-info"
    entries = dict(files)
    entries[f"{info}/METADATA"] = (f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"
                                   + "".join(f"Requires-Dist: {r}\n" for r in requires))
    entries[f"{info}/WHEEL"] = "Wheel-Version: 1.0\nGenerator: crosstime-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    record = []
    for path, text in entries.items():
        data = text.encode()
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append(f"{path},sha256={digest},{len(data)}")
    record.append(f"{info}/RECORD,,")
    entries[f"{info}/RECORD"] = "\n".join(record) + "\n"
    path = os.path.join(str(folder), f"{dist}-py3-none-any.whl")
    with zipfile.ZipFile(path, "w") as z:
        for p, text in entries.items():
            z.writestr(p, text)
    return path


def wheel_from_installed(folder, name):
    """The wheel of a distribution installed in this Python, rebuilt from the files its RECORD lists (binary
    packages included, with their own platform tag): a real package for pip --find-links, offline."""
    import base64
    import hashlib
    import importlib.metadata
    import zipfile
    dist = importlib.metadata.distribution(name)
    info = next(str(f).split("/")[0] for f in dist.files if str(f).split("/")[0].endswith(".dist-info"))
    tags = [ln.split(":", 1)[1].strip() for ln in dist.read_text("WHEEL").splitlines() if ln.startswith("Tag:")]
    base = dist.locate_file("")
    tag = "-".join(".".join(dict.fromkeys(t.split("-")[k] for t in tags)) for k in range(3))   # py2.py3-none-any
    record, out = [], os.path.join(str(folder), f"{info[:-len('.dist-info')]}-{tag}.whl")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for f in dist.files:
            rel = str(f)
            if rel.startswith("..") or "__pycache__" in rel or rel.endswith("RECORD") or \
                    rel.split("/")[-1] in ("INSTALLER", "REQUESTED", "direct_url.json"):
                continue
            data = open(os.path.join(str(base), rel), "rb").read()
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            record.append(f"{rel},sha256={digest},{len(data)}")
            z.writestr(rel, data)
        record.append(f"{info}/RECORD,,")
        z.writestr(f"{info}/RECORD", "\n".join(record) + "\n")
    return out


@pytest.fixture()
def local_wheels(tmp_path):
    """A local wheel folder (for pip --find-links, offline): ctdummy 1.2 (needs ctdummydep and numpy),
    ctdummydep 0.3, and a fake numpy of the version this Python has, which the installer must keep out of
    CrossTime's private folder (importing it fails)."""
    import numpy
    folder = tmp_path / "wheels"
    folder.mkdir()
    make_wheel(folder, "ctdummy", "1.2", {"ctdummy/__init__.py": "from ctdummydep import VALUE\n__version__ = '1.2'\n"},
               requires=["ctdummydep>=0.2", "numpy"])
    make_wheel(folder, "ctdummydep", "0.3", {"ctdummydep/__init__.py": "VALUE = 42\n"})
    make_wheel(folder, "numpy", numpy.__version__.split("+")[0],
               {"numpy/__init__.py": "raise ImportError('the fake numpy was imported')\n"})
    return str(folder)


@pytest.fixture()
def onnxruntime_wheels(local_wheels):
    """The local wheel folder plus onnxruntime and what it needs, rebuilt from this Python's own copies."""
    for name in ("onnxruntime", "flatbuffers", "packaging", "protobuf"):
        wheel_from_installed(local_wheels, name)
    return local_wheels
