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
