"""The contrastive recipes' batches: shuffled, or grouped so that part of each batch comes from one scene."""
import numpy as np

from crosstime.core.train.contrastive_trainer import scene_grouped_order


def test_scene_grouped_batches_hold_one_scenes_share_and_others():
    scenes = np.repeat([0, 1, 2, 3, 4], [40, 30, 20, 6, 4])
    order = scene_grouped_order(scenes, 16, 25, 0.5, np.random.default_rng(0))
    batches = order.reshape(25, 16)
    for b in batches:
        assert len(set(b)) == 16                                    # no tile twice in a batch
        counts = np.bincount(scenes[b], minlength=5)
        anchor_scene = scenes[b[0]]
        # half the batch from the anchor's scene, or all of it when the scene is smaller
        assert counts[anchor_scene] == min(8, np.sum(scenes == anchor_scene))
    # every scene is an anchor's, the larger ones more often
    anchor_scenes = np.bincount(scenes[batches[:, 0]], minlength=5)
    assert anchor_scenes[0] > anchor_scenes[4] and anchor_scenes.sum() == 25


def test_scene_grouped_batches_of_a_single_scene_fill_from_it():
    order = scene_grouped_order(np.zeros(10, int), 8, 3, 0.25, np.random.default_rng(1)).reshape(3, 8)
    assert all(len(set(b)) == 8 for b in order)


def test_a_contrastive_trainer_steps_on_scene_grouped_batches(store, tmp_path, monkeypatch):
    from crosstime.core.tiles.selection import TileSet
    from crosstime.core.train import make_trainer
    from crosstime.core.train.recipes import recipe
    m, t = recipe("infonce", backbone="resnet18", weights="none", tile_pixels=64, dim=16, thumbnail=4, batch_pairs=8,
                  seed=0, same_scene_fraction=0.5)
    tiles = TileSet([store])
    tr = make_trainer(m, t, tiles, None, str(tmp_path / "grouped.ctmodel"), store.legend())
    seen = []
    inputs = tr.inputs
    monkeypatch.setattr(tr, "inputs", lambda idx, date: seen.append(np.array(idx)) or inputs(idx, date))
    tr.before_epoch(0)
    assert len(tr.order) == 8 * tr.batches_in_epoch()
    loss = tr.train_step(0, 0)
    assert np.isfinite(loss)
    scenes = tiles.scenes()[seen[0]]
    assert np.sum(scenes == scenes[0]) >= min(4, np.sum(tiles.scenes() == scenes[0]))
