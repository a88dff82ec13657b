"""The paper's pairs are cross-time pairs: every pair is (new tile, old tile), negatives included."""
import numpy as np

from crosstime.core.tiles.dates import NEW, OLD
from crosstime.core.tiles.selection import TileSet
from crosstime.core.train.recipes import recipe
from crosstime.core.train.siamese_trainer import SiameseTrainer

SMALL = dict(backbone="resnet18", weights="none", dim=32, tile_pixels=64, head_channels=(32, 32, 32), batch_pairs=12)


def _trainer(store, tmp_path, **kw):
    m, t = recipe("siamese", **SMALL, seed=0, **kw)
    return SiameseTrainer(m, t, TileSet([store]), None, str(tmp_path / "m.ctmodel"), store.legend())


def test_negatives_never_share_the_anchor_date(store, tmp_path):
    tr = _trainer(store, tmp_path)
    tr.order = tr.rng.permutation(len(tr.train))
    calls = []
    real_inputs = tr.inputs

    def spy(indices, date):
        calls.append((np.asarray(indices).copy(), date))
        return real_inputs(indices, date)
    tr.inputs = spy
    for b in range(3):
        calls.clear()
        tr.train_step(0, b)
        anchors_call = [c for c in calls if c[1] == NEW]
        others_call = [c for c in calls if c[1] == OLD]
        # one read of the anchors at the new date, one of their partners (positives and negatives) at the old date
        assert len(anchors_call) == 1 and len(others_call) == 1 and len(calls) == 2
        anchors, others = anchors_call[0][0], others_call[0][0]
        assert len(anchors) == len(others) == 12
        negatives = anchors != others
        assert 0 < negatives.sum() < 12            # both kinds of pairs in every batch


def test_hard_negatives_are_the_old_tiles_ranked_above_the_truth(store, tmp_path):
    from crosstime.core.progress import SILENT
    tr = _trainer(store, tmp_path)
    tr.mine(SILENT)
    assert len(tr.hard) > 0                        # an untrained network gets most queries wrong
    q = tr.describe(tr.train, NEW)
    d = tr.describe(tr.train, OLD)
    from crosstime.core.similarity import cosine_similarity
    sim = cosine_similarity(q, d)
    for h in tr.hard[:10]:
        conf = set(tr.confusers[int(h)].tolist())
        assert conf == set(np.nonzero(sim[h] > sim[h, h])[0].tolist()) and int(h) not in conf
        assert all(tr._negative(int(h)) in conf for _ in range(5))


def test_batch_sampling_scores_every_new_old_pair_of_the_batch(store, tmp_path, monkeypatch):
    import torch

    from crosstime.core.nn import pair_classifier
    tr = _trainer(store, tmp_path)
    assert tr.cfg.pair_sampling == "batch"
    tr.order = tr.rng.permutation(len(tr.train))
    seen = {}
    real_inputs, real_loss = tr.inputs, pair_classifier.balanced_bce_loss

    def spy_inputs(indices, date):
        seen[date] = np.asarray(indices).copy()
        return real_inputs(indices, date)

    def spy_loss(logits, same):
        seen["logits"], seen["same"] = logits.detach(), same.cpu().numpy()
        return real_loss(logits, same)
    tr.inputs = spy_inputs
    monkeypatch.setattr("crosstime.core.train.siamese_trainer.balanced_bce_loss", spy_loss)
    loss = tr.train_step(0, 0)
    assert np.isfinite(loss)
    assert seen["logits"].shape == (12, 12) and torch.isfinite(seen["logits"]).all()
    # a pair is positive exactly when the new and the old tile show one place
    assert (seen["same"] == (seen[NEW][:, None] == seen[OLD][None, :])).all()
    assert seen["same"].sum() < 12 < (1 - seen["same"]).sum()


def test_paper_sampling_scores_only_the_drawn_pairs(store, tmp_path):
    tr = _trainer(store, tmp_path, pair_sampling="paper")
    tr.order = tr.rng.permutation(len(tr.train))
    assert np.isfinite(tr.train_step(0, 0))


def test_an_unknown_pair_sampling_is_refused(store, tmp_path):
    import pytest
    with pytest.raises(ValueError, match="pair sampling"):
        _trainer(store, tmp_path, pair_sampling="triplets")
