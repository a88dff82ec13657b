"""Exported ONNX models: same descriptors as PyTorch, the same fingerprint (an index accepts either), refused
when tampered with, and indexing plus a click with torch absent (numpy, rasterio and onnxruntime only)."""
import json
import os
import subprocess
import sys

import numpy as np
import pytest

pytest.importorskip("onnxruntime")
pytest.importorskip("onnx")



from crosstime.core import jobs
from crosstime.core.geo.legend import load_legend
from crosstime.core.retrieval.index import DescriptorIndex, IndexFileError
from crosstime.core.retrieval.model_file import ModelFileError
from crosstime.core.retrieval.onnx_describer import OnnxDescriber, resize_batch
from crosstime.core.tiles.dates import NEW, OLD
from crosstime.core.tiles.selection import TileSet
from tests.no_torch import CLI_NO_TORCH


@pytest.fixture(scope="module")
def legend():
    return load_legend("bdtopo_v3")


def _random_model(path, **cfg):
    """A descriptor with random weights (and non-trivial batch-norm statistics) saved as a model file."""
    import torch

    from crosstime.core.nn.descriptor import DescriptorNet
    from crosstime.core.nn.model_config import ModelConfig
    from crosstime.core.retrieval.model_file import save_model
    torch.manual_seed(0)
    net = DescriptorNet(ModelConfig(**{"backbone": "resnet18", "weights": "none", "tile_pixels": 64, **cfg}))
    with torch.no_grad():
        for m in net.modules():
            if isinstance(m, torch.nn.BatchNorm2d):
                m.running_mean.uniform_(-0.1, 0.1)
                m.running_var.uniform_(0.5, 1.5)
        if net.map_thumbnail_needs_fit:
            net.fit_map_thumbnail(torch.rand(50, net.map_thumbnail_mean.numel()))
    save_model(path, net.eval())
    return path


@pytest.mark.parametrize("cfg", [
    {},                                                              # the tiny trained model: paper head
    {"head": "pooled", "dim": 32, "thumbnail": 4, "flip_average": True},
    {"head": "paper", "dim": 32, "head_channels": (32, 16, 16), "flip_average": True, "tile_pixels": 32},
    {"backbone": "efficientnet_lite0", "weights": "imagenet", "head": "pooled", "dim": 32, "thumbnail": 16,
     "thumbnail_semantic": True, "map_thumbnail_scaling": "training"},
], ids=["paper-head", "pooled-thumbnail-flip", "paper-flip-resized", "cpu-recipe"])
def test_onnx_gives_the_descriptors_of_torch(cfg, store, tiny_model, legend, tmp_path):
    from crosstime.core.retrieval.describer import ModelDescriber
    model = tiny_model if not cfg else _random_model(str(tmp_path / "m.ctmodel"), **cfg)
    out = str(tmp_path / "m.onnx")
    summary = jobs.export_onnx(model, out)
    # float32 rounding through a deep network: well under what separates two tiles' descriptors
    assert summary["max_difference"] < 5e-4 and os.path.getsize(out) == summary["bytes"]
    import onnx
    props = {p.key: p.value for p in onnx.load(out).metadata_props}
    torch_d = ModelDescriber(model, legend, device="cpu")
    assert props["fingerprint"] == torch_d.fingerprint == summary["fingerprint"]
    assert json.loads(props["config"]) == torch_d.config
    onnx_d = jobs.describer_for(out, legend)
    assert isinstance(onnx_d, OnnxDescriber) and onnx_d.fingerprint == torch_d.fingerprint
    assert onnx_d.pixels == torch_d.pixels and onnx_d.config == torch_d.config and "ONNX" in onnx_d.label
    tiles = TileSet([store], min_valid=0.0)
    gidx = np.arange(40)                  # batches of 32 and 8; a 32-px model resizes the store's 64-px tiles
    for date in (OLD, NEW):
        a, b = torch_d.describe(tiles, gidx, date), onnx_d.describe(tiles, gidx, date)
        assert a.shape == b.shape == (40, summary["out_dim"])
        # onnxruntime and PyTorch sum in other orders (and with other thread counts): float32 rounding (7 digits)
        # through ~50 layers, then a per-tile standardisation that divides by a flat tile's small spread, moves a
        # value by up to a few 1e-4 of the descriptor's length (3.4e-4 seen at worst); a wrong network is off by
        # ~1. So each descriptor is held to 1e-3 of its length, and its direction (what the cosine search sees)
        # to a cosine above 1 - 1e-6
        length = np.linalg.norm(a, axis=1)
        assert (np.linalg.norm(b - a, axis=1) / length).max() < 1e-3
        cos = (a * b).sum(1) / (length * np.linalg.norm(b, axis=1))
        assert cos.min() > 1 - 1e-6


@pytest.mark.parametrize("size", [32, 40, 96])
def test_resize_is_torchs(size):
    import torch
    import torch.nn.functional as F
    x = np.random.default_rng(0).random((2, 4, 64, 64), dtype=np.float32)
    ref = F.interpolate(torch.from_numpy(x), size=(size, size), mode="bilinear", align_corners=False,
                        antialias=64 > size).numpy()
    np.testing.assert_allclose(resize_batch(x, size), ref, atol=2e-5)


def test_index_accepts_the_onnx_model_of_the_same_model_and_refuses_others(store, tiny_model, legend, tmp_path):
    onnx_path = str(tmp_path / "tiny.onnx")
    jobs.export_onnx(tiny_model, onnx_path)
    index_path = str(tmp_path / "old.ctindex")
    torch_index = jobs.build_index_from_store(store.path, index_path, model=tiny_model, device="cpu")
    index = DescriptorIndex.load(index_path)
    d = jobs.describer_for_index(index, onnx_path, legend)
    assert isinstance(d, OnnxDescriber)
    # an index built with the ONNX file: the same descriptors, and the torch model accepts it too
    onnx_index = jobs.build_index_from_store(store.path, str(tmp_path / "onnx.ctindex"), model=onnx_path)
    np.testing.assert_allclose(onnx_index.descriptors, torch_index.descriptors, atol=1e-4)
    jobs.describer_for_index(DescriptorIndex.load(str(tmp_path / "onnx.ctindex")), tiny_model, legend, device="cpu")
    other = _random_model(str(tmp_path / "other.ctmodel"), dim=64, head_channels=(64, 32, 32))
    other_onnx = str(tmp_path / "other.onnx")
    jobs.export_onnx(other, other_onnx)
    with pytest.raises(IndexFileError, match="another model"):
        jobs.describer_for_index(index, other_onnx, legend)


def test_an_onnx_file_that_is_not_the_model_it_claims_is_refused(tiny_model, legend, tmp_path):
    import onnx
    a, b = str(tmp_path / "a.onnx"), str(tmp_path / "b.onnx")
    jobs.export_onnx(tiny_model, a)
    jobs.export_onnx(_random_model(str(tmp_path / "o.ctmodel"), dim=64, head_channels=(64, 32, 32)), b)
    forged = onnx.load(b)                          # b's network with a's configuration, fingerprint and check
    del forged.metadata_props[:]
    for p in onnx.load(a).metadata_props:
        forged.metadata_props.add(key=p.key, value=p.value)
    onnx.save(forged, str(tmp_path / "forged.onnx"))
    with pytest.raises(ModelFileError, match="does not give the descriptors"):
        OnnxDescriber(str(tmp_path / "forged.onnx"), legend)
    plain = onnx.load(b)
    del plain.metadata_props[:]
    onnx.save(plain, str(tmp_path / "plain.onnx"))
    with pytest.raises(ModelFileError, match="not an ONNX model exported by CrossTime"):
        jobs.describer_for(str(tmp_path / "plain.onnx"), legend)
    (tmp_path / "junk.onnx").write_bytes(b"not a model")
    with pytest.raises(ModelFileError, match="not a readable ONNX model"):
        OnnxDescriber(str(tmp_path / "junk.onnx"), legend)


NO_TORCH = r"""
import json, sys
class Hide:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("torch", "torchvision", "sklearn", "faiss"):
            raise ImportError(name + " is hidden by the test")
sys.meta_path.insert(0, Hide())
root, store, onnx_model, ctmodel, out, new_ortho, new_vectors = sys.argv[1:8]
sys.path.insert(0, root)
from crosstime.core import jobs
from crosstime.runtime import dependencies
from crosstime.core.geo.legend import load_legend
from crosstime.core.errors import CrossTimeError
assert dependencies.can_describe_without_torch() and "torch" in dependencies.missing()
idx = jobs.build_index_from_store(store, out, model=onnx_model)
legend = load_legend("bdtopo_v3")
# a .ctmodel without torch: its .onnx of the same name beside it is used; without one, a clear refusal
beside = jobs.describer_for(ctmodel, legend)
try:
    jobs.describer_for(ctmodel + ".missing.ctmodel", legend)
    refusal = ""
except CrossTimeError as exc:
    refusal = str(exc)
m = jobs.open_matcher(out, onnx_model, legend, new_ortho, new_vectors=jobs.read_vector_files([new_vectors]))
answers = []
for k in (0, 17, 60):
    x0, y0, x1, y1 = idx.footprints[k]
    r = m.match((x0 + x1) / 2, (y0 + y1) / 2, 5)
    answers.append({"query": r.query_id, "ids": r.ids, "scores": r.scores})
m.close()
print(json.dumps({"answers": answers, "fingerprint": idx.model_fingerprint, "beside": type(beside).__name__,
                  "refusal": refusal, "torch_loaded": any(n.split(".")[0] == "torch" for n in sys.modules)}))
"""


def test_index_and_click_with_torch_absent(store, land, tiny_model, legend, tmp_path, root):
    onnx_path = os.path.splitext(tiny_model)[0] + ".onnx"        # beside the model file, for the fallback
    jobs.export_onnx(tiny_model, onnx_path)
    index_path = str(tmp_path / "old.ctindex")
    r = subprocess.run([sys.executable, "-c", NO_TORCH, root, store.path, onnx_path, tiny_model, index_path,
                        land.new_ortho, land.new_vectors], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-3000:]
    got = json.loads(r.stdout.strip().splitlines()[-1])
    assert not got["torch_loaded"] and got["beside"] == "OnnxDescriber"
    assert "needs PyTorch" in got["refusal"] and "export" in got["refusal"]
    # the same answers as the PyTorch model gives on the same index
    matcher = jobs.open_matcher(index_path, tiny_model, legend, land.new_ortho,
                                new_vectors=jobs.read_vector_files([land.new_vectors]), device="cpu")
    idx = DescriptorIndex.load(index_path)
    try:
        for k, ans in zip((0, 17, 60), got["answers"]):
            x0, y0, x1, y1 = idx.footprints[k]
            res = matcher.match((x0 + x1) / 2, (y0 + y1) / 2, 5)
            assert ans["query"] == res.query_id
            np.testing.assert_allclose(ans["scores"], res.scores, atol=1e-4)
            assert ans["ids"][0] == res.ids[0]
    finally:
        matcher.close()


def test_command_line_export_then_index_without_torch(store, tiny_model, tmp_path, root, capsys):
    from crosstime import cli
    from crosstime.cli.command_line import _onnx_only as onnx_only
    out = str(tmp_path / "cli.onnx")
    assert cli.main(["export", tiny_model, "--out", out]) == 0
    assert "ONNX model: " in capsys.readouterr().out and os.path.exists(out)
    assert onnx_only(["index", "--store", "s", "--model", out]) and onnx_only(["match", f"--model={out}"])
    assert not onnx_only(["index", "--model", tiny_model]) and not onnx_only(["train", "--model", out])
    index = str(tmp_path / "cli.ctindex")
    r = subprocess.run([sys.executable, "-c", CLI_NO_TORCH, root, "index", "--store", store.path, "--model", out,
                        "--out", index], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    assert DescriptorIndex.load(index).model_fingerprint == jobs.describer_for(out, None).fingerprint
    # other commands still say what is missing, with ranges and no pins
    r = subprocess.run([sys.executable, "-c", CLI_NO_TORCH, root, "train", store.path, "--out", "x.ctmodel"],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 2 and "torch>=" in r.stderr and "==" not in r.stderr, r.stderr


def test_half_precision_weights_halve_the_file_and_keep_the_descriptors(store, legend, tmp_path):
    """The shipped model's export: float16 weights cast to float32 where used; the file about halves, each
    descriptor keeps its direction (what the cosine search sees), and the check refuses a network that is not it."""
    import onnx
    import torch

    from crosstime.core.nn.descriptor import DescriptorNet
    from crosstime.core.retrieval.describer import ModelDescriber
    from crosstime.core.retrieval.model_file import save_model
    from crosstime.core.train.recipes import recipe
    # the CPU recipe's network as it starts training (ImageNet weights and batch-norm statistics); random
    # statistics on pretrained weights make a chaotic network that no rounding survives, unlike a trained one
    torch.manual_seed(0)
    net = DescriptorNet(recipe("infonce", tile_pixels=64, seed=0)[0]).eval()
    net.fit_map_thumbnail(torch.rand(50, net.map_thumbnail_mean.numel()))
    model = str(tmp_path / "m.ctmodel")
    save_model(model, net)
    full, half = str(tmp_path / "full.onnx"), str(tmp_path / "half.onnx")
    jobs.export_onnx(model, full)
    summary = jobs.export_onnx(model, half, half=True)
    assert summary["weights"] == "float16" and 0.45 < summary["bytes"] / os.path.getsize(full) < 0.6
    kinds = {i.data_type for i in onnx.load(half).graph.initializer}
    assert onnx.TensorProto.FLOAT16 in kinds
    onnx_d = OnnxDescriber(half, legend)
    assert onnx_d.weights == "float16" and onnx_d.check_difference < 2e-2
    tiles = TileSet([store], min_valid=0.0)
    gidx = np.arange(24)
    a, b = ModelDescriber(model, legend, device="cpu").describe(tiles, gidx, OLD), onnx_d.describe(tiles, gidx, OLD)
    cos = (a * b).sum(1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))
    assert cos.min() > 0.999
    # a file cannot loosen its own check beyond what half precision needs
    forged = onnx.load(half)
    props = {p.key: p for p in forged.metadata_props}
    props["check_rtol"].value = "10"
    props["check_output"].value = json.dumps((np.asarray(json.loads(props["check_output"].value)) * 1.5).tolist())
    onnx.save(forged, str(tmp_path / "forged.onnx"))
    with pytest.raises(ModelFileError, match="damaged"):
        OnnxDescriber(str(tmp_path / "forged.onnx"), legend)
