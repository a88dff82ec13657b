"""Training the joint descriptor: the map thumbnail's scaling (fitted on the training tiles, saved with the weights),
the mixing angle held or learnt, the learnt part's own loss."""
import numpy as np
import torch
import torch.nn.functional as F

from crosstime.core.nn.descriptor import DescriptorNet
from crosstime.core.nn.model_config import ModelConfig
from crosstime.core.retrieval.describer import describe_tiles
from crosstime.core.retrieval.model_file import load_model, read_model_file, save_model
from crosstime.core.tiles.dates import NEW, OLD
from crosstime.core.tiles.network_input import read_network_input
from crosstime.core.tiles.selection import TileSet
from crosstime.core.train.map_thumbnail import fit_map_thumbnail
from crosstime.core.train.recipes import recipe

COMMON = dict(backbone="resnet18", weights="none", tile_pixels=64, dim=16, head="pooled", thumbnail=4,
              thumbnail_semantic=True)


def fitted_net(store) -> DescriptorNet:
    torch.manual_seed(0)
    net = DescriptorNet(ModelConfig(**COMMON, map_thumbnail_scaling="training")).eval()
    assert fit_map_thumbnail(net, TileSet([store]), store.legend())
    return net


def test_each_value_of_the_map_thumbnail_is_scaled_by_its_training_mean_and_spread(store):
    net = fitted_net(store)
    tiles = TileSet([store])
    # by hand: block means of the map's channels over both dates of every tile, then their mean and spread
    x = np.concatenate([read_network_input(tiles, np.arange(len(tiles)), d, store.legend(), as_uint8=False)
                        for d in (NEW, OLD)])
    values = F.adaptive_avg_pool2d(torch.from_numpy(x[:, 3:]), 4).flatten(1)
    assert torch.allclose(net.map_thumbnail_mean, values.mean(0), atol=1e-5)
    assert torch.allclose(net.map_thumbnail_spread, values.std(0).clamp_min(0.02), atol=1e-5)
    assert net.map_thumbnail_mean.abs().sum() > 0        # the store has vector data: the fit changed something

    d = describe_tiles(net, tiles, np.arange(8), NEW, store.legend())
    expected = F.normalize((values[:8] - values.mean(0)) / values.std(0).clamp_min(0.02), dim=1)
    assert np.allclose(d[:, -48:], expected.numpy() * np.sin(float(net.mix.detach())), atol=1e-4)
    # not what the per-tile standardisation of the first versions gives
    per_tile = DescriptorNet(ModelConfig(**COMMON)).eval()
    per_tile.load_state_dict({k: v for k, v in net.state_dict().items() if not k.startswith("map_thumbnail")})
    assert not np.allclose(describe_tiles(per_tile, tiles, np.arange(8), NEW, store.legend())[:, -48:], d[:, -48:],
                           atol=1e-2)


def test_fitted_on_image_only_data_the_map_part_is_zeros():
    torch.manual_seed(0)
    net = DescriptorNet(ModelConfig(**COMMON, map_thumbnail_scaling="training")).eval()
    image_only = DescriptorNet(ModelConfig(**{**COMMON, "thumbnail_semantic": False})).eval()
    image_only.load_state_dict({k: v for k, v in net.state_dict().items() if not k.startswith("map_thumbnail")})
    x = torch.rand(3, 6, 64, 64)
    x[:, 3:] = 0                                          # no vector layer anywhere
    net.fit_map_thumbnail(net.block_means(x[:, 3:]))
    with torch.no_grad():
        a, b = net(x), image_only(x)
    assert torch.allclose(a[:, :b.shape[1]], b, atol=1e-6) and torch.all(a[:, b.shape[1]:] == 0)


def test_the_scaling_travels_with_the_weights_and_older_files_keep_theirs(store, tmp_path):
    from crosstime.core.retrieval.model_file import fingerprint
    from crosstime.core.torch_files import safe_torch_load
    net = fitted_net(store)
    path = str(tmp_path / "scaled.ctmodel")
    save_model(path, net)
    again, info = load_model(path)
    assert info.config["map_thumbnail_scaling"] == "training"
    assert torch.equal(again.map_thumbnail_mean, net.map_thumbnail_mean)
    x = torch.rand(2, 6, 64, 64)
    with torch.no_grad():
        assert torch.allclose(again(x), net(x), atol=1e-5)
    # a file written before the setting existed: no such key, no such buffers; it loads with the per-tile scaling,
    # and a file that does not use the setting is written as before (same fingerprint, readable by older versions)
    per_tile = DescriptorNet(ModelConfig(**COMMON)).eval()
    save_model(str(tmp_path / "per_tile.ctmodel"), per_tile)
    payload = safe_torch_load(str(tmp_path / "per_tile.ctmodel"))
    assert "map_thumbnail_scaling" not in payload["config"]
    assert payload["fingerprint"] == fingerprint(payload["config"], payload["state_dict"])
    old, old_info = load_model(str(tmp_path / "per_tile.ctmodel"))
    assert old.cfg.map_thumbnail_scaling == "tile" and not hasattr(old, "map_thumbnail_mean")
    with torch.no_grad():
        assert torch.allclose(old(x), per_tile(x), atol=1e-6)


def test_training_fits_the_scaling_before_its_first_step(store, tmp_path, monkeypatch):
    from crosstime.core.train import loop, make_trainer
    from crosstime.core.train.contrastive_trainer import ContrastiveTrainer
    m, t = recipe("infonce", backbone="resnet18", weights="none", tile_pixels=64, dim=16, thumbnail=4, batch_pairs=8,
                  epochs=1, batches_per_epoch=1, seed=0)
    assert m.map_thumbnail_scaling == "training"          # the CPU recipe's default
    events = []
    fit, step, rank = loop.fit_map_thumbnail, ContrastiveTrainer.train_step, ContrastiveTrainer.rank_tiles
    monkeypatch.setattr(loop, "fit_map_thumbnail", lambda *a, **k: events.append("fit") or fit(*a, **k))
    monkeypatch.setattr(ContrastiveTrainer, "train_step", lambda self, *a: events.append("step") or step(self, *a))
    monkeypatch.setattr(ContrastiveTrainer, "rank_tiles", lambda self, *a: events.append("validate") or rank(self, *a))
    out = str(tmp_path / "trained.ctmodel")
    make_trainer(m, t, TileSet([store]), TileSet([store]), out, store.legend()).run()
    assert events == ["fit", "validate", "step", "validate"]    # the untrained score already has the scaling
    _, state = read_model_file(out)
    reference = fitted_net(store)
    assert torch.allclose(state["map_thumbnail_mean"], reference.map_thumbnail_mean, atol=1e-6)
    assert torch.allclose(state["map_thumbnail_spread"], reference.map_thumbnail_spread, atol=1e-6)


def joint_trainer(store, tmp_path, **overrides):
    from crosstime.core.train import make_trainer
    m, t = recipe("infonce", backbone="resnet18", weights="none", tile_pixels=64, dim=16, thumbnail=4, batch_pairs=8,
                  seed=0, **overrides)
    tr = make_trainer(m, t, TileSet([store]), None, str(tmp_path / "joint.ctmodel"), store.legend())
    tr.before_epoch(0)
    return tr


def test_the_mixing_angle_is_held_or_learnt_as_asked(store, tmp_path):
    held = joint_trainer(store, tmp_path, learn_mix=False)
    learnt = joint_trainer(store, tmp_path, learn_mix=True)
    for tr in (held, learnt):
        for b in range(2):
            tr.train_step(0, b)
    assert not held.net.mix.requires_grad and float(held.net.mix.detach()) == float(torch.tensor(0.7854))
    assert learnt.net.mix.requires_grad and float(learnt.net.mix.detach()) != float(torch.tensor(0.7854))


def test_the_learnt_part_gets_its_own_loss_when_asked(store, tmp_path, monkeypatch):
    from crosstime.core.train import contrastive_trainer
    original, widths = contrastive_trainer.info_nce, []

    def counting(q, k, temperature=0.07):
        widths.append(q.shape[1])
        return original(q, k, temperature)

    for weight, expected in ((0.0, 1), (1.0, 2)):
        tr = joint_trainer(store, tmp_path, learnt_part_loss=weight)
        widths.clear()
        monkeypatch.setattr(contrastive_trainer, "info_nce", counting)
        assert np.isfinite(tr.train_step(0, 0))
        monkeypatch.undo()
        assert len(widths) == expected and widths[0] == tr.net.out_dim
        if weight:
            assert widths[1] == tr.net.learnt_dim == 16          # the learnt part alone
