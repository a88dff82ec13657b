"""The network of the paper, its training, and safe model files."""
import os
import pickle

import numpy as np
import pytest
import torch

from crosstime.core.nn.descriptor import DescriptorNet
from crosstime.core.nn.model_config import ModelConfig
from crosstime.core.nn.stem import FusionStem, eq4_weights
from crosstime.core.retrieval.model_file import ModelFileError, load_model, read_model_file, save_model
from crosstime.core.tiles.dates import NEW, OLD
from crosstime.core.tiles.selection import TileSet
from crosstime.core.train.recipes import recipe
from crosstime.core.train.siamese_trainer import SiameseTrainer

SMALL = dict(backbone="resnet18", weights="none", tile_pixels=64, dim=32, head_channels=(64, 32, 32))


def test_eq4_initial_weights():
    rgb = eq4_weights(3)
    assert torch.equal(rgb, torch.tensor([[.5, 0, 0, .5, 0, 0], [0, .5, 0, 0, .5, 0], [0, 0, .5, 0, 0, .5]]))
    grey = eq4_weights(1)
    assert torch.equal(grey, torch.tensor([[.5, 0, 0, .5], [0, .5, 0, .5], [0, 0, .5, .5]]))
    stem = FusionStem.for_modality("fusion", "rgb")
    x = torch.rand(2, 6, 8, 8)
    assert torch.allclose(stem(x), 0.5 * x[:, :3] + 0.5 * x[:, 3:], atol=1e-6)
    assert stem.conv.weight.requires_grad                       # trained with the network


@pytest.mark.parametrize("semantic,modality,channels", [("rgb", "fusion", 6), ("grey", "fusion", 4),
                                                        ("rgb", "visual", 3), ("grey", "semantic", 1)])
def test_shapes(semantic, modality, channels):
    net = DescriptorNet(ModelConfig(**SMALL, semantic_mode=semantic, modality=modality)).eval()
    assert net.cfg.in_channels == channels
    with torch.no_grad():
        assert net(torch.rand(3, channels, 64, 64)).shape == (3, 32)


def test_paper_defaults():
    m, t = recipe("siamese")
    assert (m.backbone, m.dim, m.head_channels, m.head_activation, m.head_batchnorm) == \
        ("resnet50", 256, (1024, 512, 256), "tanh", True)
    assert (t.batch_pairs, t.hard_fraction, t.hard_every, t.hard_threshold, t.epochs) == (12, 0.5, 5, 0.5, 100)
    net = DescriptorNet(ModelConfig(weights="none"))
    head = [type(l).__name__ for l in net.head.layers]
    assert head == ["Conv2d", "BatchNorm2d", "Tanh"] * 3
    assert [l.out_channels for l in net.head.layers if isinstance(l, torch.nn.Conv2d)] == [1024, 512, 256]
    assert [l.kernel_size for l in net.head.layers if isinstance(l, torch.nn.Conv2d)] == [(3, 3)] * 3
    assert net.fc.fc.in_features == 256 * 8 * 8 and net.fc.fc.out_features == 256   # no pooling before the FC
    groups = net.param_groups(1e-4, 1e-5)
    assert [g["lr"] for g in groups] == [1e-5, 1e-4]
    _, nt = recipe("ntxent")
    assert (nt.batch_pairs, nt.temperature, nt.normalize, nt.lr, nt.weight_decay) == (26, 100.0, False, 1e-3, 1e-6)


def _trainer(store, tmp_path, **kw):
    m, t = recipe("siamese", **SMALL, seed=0, **kw)
    ts = TileSet([store])
    return SiameseTrainer(m, t, ts, None, str(tmp_path / "m.ctmodel"), store.legend())


def test_training_steps_reduce_the_loss(store, tmp_path):
    tr = _trainer(store, tmp_path, lr=1e-3)
    from crosstime.core.nn.pair_classifier import bce_loss
    rng = np.random.default_rng(0)
    anchors = rng.choice(len(tr.train), 12, replace=False)
    others = np.roll(anchors, 1)
    same = torch.tensor([1.0] * 6 + [0.0] * 6)
    x1 = tr.to_device(tr.inputs(anchors, NEW))
    x2 = torch.cat([tr.inputs(anchors[:6], OLD), tr.inputs(others[6:], NEW)])
    x2 = tr.to_device(x2)
    tr.wrapped.train()
    losses = [tr.backward_step(bce_loss(tr.wrapped(x1, x2), same)) for _ in range(12)]
    assert losses[-1] < 0.5 * losses[0], losses
    # and whole recipe steps run end to end, with hard-mining batches
    tr.before_epoch(0)
    assert all(np.isfinite(tr.train_step(0, b)) for b in range(2))


def test_hard_mining_picks_queries_whose_match_is_not_first_or_second(store, tmp_path):
    tr = _trainer(store, tmp_path)
    n = len(tr.train)
    rng = np.random.default_rng(1)
    # constructed rankings: query 2 finds its match third (hard), query 5 second (map@5 = 0.5, not hard),
    # query 7 seventh (hard); every other query finds its match first
    truth_rank = {2: 3, 5: 2, 7: 7}
    base = rng.normal(size=(n, 16)).astype(np.float32)
    base /= np.linalg.norm(base, axis=1, keepdims=True)
    qd = base.copy()
    dd = base.copy()
    for qi, rank in truth_rank.items():
        # put rank-1 decoys exactly on the query, and the true match slightly off it
        others = [(qi + 1 + k) % n for k in range(rank - 1)]
        for k, o in enumerate(others):
            dd[o] = qd[qi] + 1e-3 * (k + 1) * base[(qi + 50) % n]
        dd[qi] = qd[qi] + 0.2 * base[(qi + 60) % n]
    tr.describe = lambda tiles, date, progress=None: qd if date == "b" else dd
    from crosstime.core.progress import SILENT
    tr.mine(SILENT)
    assert 2 in tr.hard and 7 in tr.hard and 5 not in tr.hard
    sims = (qd / np.linalg.norm(qd, axis=1, keepdims=True)) @ (dd / np.linalg.norm(dd, axis=1, keepdims=True)).T
    ranks = 1 + (sims > sims[np.arange(n), np.arange(n)][:, None]).sum(1)
    assert set(tr.hard) == set(np.nonzero(ranks > 2)[0])


def test_model_file_roundtrip_and_refusals(tmp_path):
    net = DescriptorNet(ModelConfig(**SMALL)).eval()
    path = str(tmp_path / "m.ctmodel")
    fp = save_model(path, net, {"recipe": "siamese", "note": "test"})
    loaded, info = load_model(path)
    assert info.fingerprint == fp and info.config["backbone"] == "resnet18" and info.meta["recipe"] == "siamese"
    assert info.meta["libraries"]["torch"] == torch.__version__
    x = torch.rand(2, 6, 64, 64)
    with torch.no_grad():
        assert torch.allclose(net(x), loaded(x), atol=1e-6)
    # a plain PyTorch checkpoint is foreign
    torch.save(net.state_dict(), tmp_path / "plain.pt")
    with pytest.raises(ModelFileError, match="not a CrossTime model file"):
        read_model_file(str(tmp_path / "plain.pt"))
    # a damaged file
    data = open(path, "rb").read()
    open(tmp_path / "cut.ctmodel", "wb").write(data[: len(data) // 2])
    with pytest.raises(ModelFileError):
        read_model_file(str(tmp_path / "cut.ctmodel"))
    # weights changed behind the fingerprint's back
    payload = torch.load(path, weights_only=True)
    payload["state_dict"]["fc.fc.bias"] += 1
    torch.save(payload, tmp_path / "tampered.ctmodel")
    with pytest.raises(ModelFileError, match="fingerprint"):
        read_model_file(str(tmp_path / "tampered.ctmodel"))


class _Evil:
    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def test_malicious_pickle_is_refused_and_never_runs(tmp_path):
    marker = tmp_path / "pwned"
    path = tmp_path / "evil.ctmodel"
    with open(path, "wb") as f:
        pickle.dump({"format": "crosstime-model", "version": 1, "payload": _Evil(marker)}, f)
    with pytest.raises(ModelFileError, match="refused"):
        read_model_file(str(path))
    torch.save({"format": "crosstime-model", "version": 1, "config": {}, "fingerprint": "",
                "state_dict": {}, "meta": _Evil(marker)}, tmp_path / "evil2.ctmodel")
    with pytest.raises(ModelFileError, match="refused"):
        load_model(str(tmp_path / "evil2.ctmodel"))
    assert not marker.exists()


def test_contrastive_recipes_take_real_steps(store, tmp_path):
    from crosstime.core.train import make_trainer
    for name in ("ntxent", "infonce"):
        m, t = recipe(name, **{k: v for k, v in SMALL.items() if k not in ("dim", "head_channels")},
                      batch_pairs=8, seed=0)
        tr = make_trainer(m, t, TileSet([store]), None, str(tmp_path / f"{name}.ctmodel"), store.legend())
        tr.before_epoch(0)
        losses = [tr.train_step(0, b) for b in range(3)]
        assert all(np.isfinite(losses))
    # the learnt part, the image's thumbnail and the map's (fusion: 3 image and 3 map channels)
    assert m.thumbnail == 16 and m.thumbnail_semantic and tr.net.out_dim == m.dim + 6 * 16 ** 2


def test_pretrained_weights_sources(tmp_path):
    import torchvision

    from crosstime.core.nn.backbones import WeightsUnavailable, build_backbone, imagenet_available
    # a local weights file (an offline workstation's copy of the ImageNet file, say)
    ref = torchvision.models.resnet18(weights=None)
    torch.nn.init.constant_(ref.conv1.weight, 0.25)
    path = tmp_path / "resnet18-local.pth"
    torch.save(ref.state_dict(), path)
    bb = build_backbone("resnet18", str(path))
    assert torch.all(bb.body[0].weight == 0.25)
    # no weights at all
    assert not torch.all(build_backbone("resnet18", "none").body[0].weight == 0.25)
    # ImageNet weights: used when cached, else a clear message (these machines are offline)
    have, where = imagenet_available("resnet18")
    if have:
        build_backbone("resnet18", "imagenet")
    else:
        with pytest.raises(WeightsUnavailable, match="could not be downloaded.*copy that file to"):
            build_backbone("resnet18", "imagenet")
    # the offline-pretrained light backbone ships with its package
    assert imagenet_available("efficientnet_lite0")[0]
    eff = build_backbone("efficientnet_lite0", "imagenet")
    assert eff.out_channels == 1280
    # the larger Lite1 and Lite2 too, each its own weights (a stem of another width would not load)
    for variant, stem in ((1, 32), (2, 32)):
        assert imagenet_available(f"efficientnet_lite{variant}")[0]
        lite = build_backbone(f"efficientnet_lite{variant}", "imagenet")
        assert lite(torch.zeros(1, 3, 64, 64)).shape == (1, 1280, 2, 2)
        assert not torch.equal(lite.body.net._conv_stem.weight[:stem], eff.body.net._conv_stem.weight[:stem])
    with pytest.raises(WeightsUnavailable, match="not found"):
        build_backbone("resnet18", str(tmp_path / "missing.pth"))
    torch.save({"something": torch.zeros(3)}, tmp_path / "wrong.pth")
    with pytest.raises(WeightsUnavailable, match="do not fit"):
        build_backbone("resnet18", str(tmp_path / "wrong.pth"))


def test_joint_thumbnail_descriptor_and_mirror_averaging(tmp_path):
    cfg = ModelConfig(backbone="resnet18", weights="none", tile_pixels=64, dim=32, head="pooled", thumbnail=4,
                      modality="visual")
    net = DescriptorNet(cfg).eval()
    x = torch.rand(3, 3, 64, 64)
    with torch.no_grad():
        z = net(x)
        assert z.shape == (3, 32 + 3 * 16) and net.out_dim == 32 + 48
        assert torch.allclose(z.norm(dim=1), torch.ones(3), atol=1e-5)      # two unit parts at cos/sin of one angle
        # the thumbnail part ignores a brightness and contrast change of the tile
        t1, t2 = net(x)[:, 32:], net(x * 0.5 + 0.2)[:, 32:]
        assert torch.allclose(t1, t2, atol=1e-4)
    assert net.mix.requires_grad
    path = str(tmp_path / "joint.ctmodel")
    save_model(path, net)
    again, info = load_model(path)
    assert info.config["thumbnail"] == 4
    with torch.no_grad():
        assert torch.allclose(again(x), z, atol=1e-5)
    flipped = DescriptorNet(ModelConfig(**{**cfg.__dict__, "flip_average": True})).eval()
    flipped.load_state_dict(net.state_dict())
    with torch.no_grad():
        assert torch.allclose(flipped(x), flipped(torch.flip(x, dims=(-1,))), atol=1e-4)


def test_the_thumbnail_of_the_map_adds_nothing_where_the_map_is_uniform():
    """With fusion, the map gets its own standardised thumbnail; on image-only data (a uniform map) it is zeros, so
    the descriptor's cosine is that of the image-only joint descriptor."""
    common = dict(backbone="resnet18", weights="none", tile_pixels=64, dim=16, head="pooled", thumbnail=4)
    torch.manual_seed(0)
    both = DescriptorNet(ModelConfig(**common, thumbnail_semantic=True)).eval()
    image_only = DescriptorNet(ModelConfig(**common)).eval()
    image_only.load_state_dict(both.state_dict())
    assert both.out_dim == 16 + 6 * 16 and image_only.out_dim == 16 + 3 * 16
    x = torch.rand(2, 6, 64, 64)
    with torch.no_grad():
        a, b = both(x), image_only(x)
        assert torch.allclose(a[:, :b.shape[1]], b, atol=1e-6) and a[:, b.shape[1]:].abs().sum() > 1
        x[:, 3:] = 0.25                                  # no vector layer: a uniform map
        a, b = both(x), image_only(x)
        assert torch.allclose(a[:, :b.shape[1]], b, atol=1e-6) and torch.all(a[:, b.shape[1]:] == 0)
