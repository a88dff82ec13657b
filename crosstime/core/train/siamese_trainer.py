"""The paper's recipe: siamese BCE on positive/negative pairs, half random and half hard queries.

Every ``hard_every`` epochs the whole training set is described and ranked; a query is hard when its
map@5 is below ``hard_threshold`` (0.5: the true old-date tile is neither first nor second). Each batch
takes half of its anchors from a pass over all training tiles and half at random from the hard ones
(reused at random when there are too few; random anchors stand in while there are none). A positive
pair is (new, old) of the same tile; a negative pair is a new tile against an old tile of another place
(never two tiles of one date: "the dates differ" would then predict the label and nothing about place
would be learnt). Hard anchors take their negatives among the old tiles the mining pass ranked above
their true match (``hard_negatives='confusers'``), the others at random.

``pair_sampling='batch'`` (default) scores every (new, old) pair of the batch, not only the drawn ones: the
same images described, each anchor also against the other anchors' partners, the positives and negatives
weighing half each. ``'paper'`` scores the drawn pairs alone, as printed.
"""
from __future__ import annotations

import numpy as np
import torch
from torch import nn

from ..choices import PAIR_SAMPLINGS
from ..errors import InputError
from ..messages import Message
from ..nn.pair_classifier import DistanceClassifier, SiameseNet, balanced_bce_loss, bce_loss
from ..similarity import cosine_similarity, rank_of_truth
from ..tiles.dates import NEW, OLD
from .augment import PairAugmenter
from .loop import Trainer, batches_for


class SiameseTrainer(Trainer):
    recipe = "siamese"

    def make_extra(self) -> nn.Module:
        return DistanceClassifier(self.net.out_dim, self.cfg.pair_distance)

    def make_trainable(self) -> nn.Module:
        if self.cfg.pair_sampling not in PAIR_SAMPLINGS:
            raise InputError("unknown pair sampling '{pair_sampling}' ({pair_samplings})",
                             pair_sampling=self.cfg.pair_sampling, pair_samplings=", ".join(PAIR_SAMPLINGS))
        self.hard = np.zeros(0, np.int64)
        self.confusers = {}
        self.order = np.zeros(0, np.int64)
        self.aug = PairAugmenter(self.cfg.augment, self.cfg.max_shift, has_image=self.mcfg.modality != "semantic")
        return SiameseNet(self.net, self.extra)

    def _anchor_counts(self):
        n_hard = int(round(self.cfg.batch_pairs * self.cfg.hard_fraction))
        return self.cfg.batch_pairs - n_hard, n_hard

    def batches_in_epoch(self) -> int:
        n_rand, _ = self._anchor_counts()
        return batches_for(len(self.train), n_rand, self.cfg.batches_per_epoch)

    def before_epoch(self, epoch: int) -> None:
        if self.cfg.hard_fraction > 0 and epoch % max(1, self.cfg.hard_every) == 0:
            self.mine(self._epoch_progress)
        self.order = self.rng.permutation(len(self.train))

    def mine(self, progress) -> None:
        """Rank the training set and keep the queries whose map@N is below the threshold."""
        q = self.describe(self.train, NEW, progress.sub(0, 0.5))
        d = self.describe(self.train, OLD, progress.sub(0.5, 1))
        from .. import metrics
        sim = cosine_similarity(q, d)
        ranks = rank_of_truth(sim, np.arange(len(q)))
        per_query = metrics.reciprocal_rank_at(ranks, self.cfg.map_n)
        self.hard = np.nonzero(per_query < self.cfg.hard_threshold)[0]
        self.train_map = float(per_query.mean())
        if self.cfg.hard_negatives == "confusers":
            # the old tiles ranked above the true match: the mistakes this query makes now
            truth = sim[np.arange(len(q)), np.arange(len(q))]
            self.confusers = {int(h): np.nonzero(sim[h] > truth[h])[0] for h in self.hard}
        self.progress.info(Message("hard mining: {n_hard} of {n_queries} training queries are hard "
                                   "(train map@{map_n} {train_map:.3f})",
                                   n_hard=len(self.hard), n_queries=len(q), map_n=self.cfg.map_n, train_map=self.train_map))

    def epoch_stats(self) -> dict:
        out = {"hard_queries": int(len(self.hard))}
        if hasattr(self, "train_map"):
            out[f"train_map@{self.cfg.map_n}"] = self.train_map
        return out

    def _anchors(self, batch: int) -> np.ndarray:
        n_rand, n_hard = self._anchor_counts()
        start = (batch * n_rand) % max(1, len(self.order))
        rand = np.take(self.order, np.arange(start, start + n_rand), mode="wrap")
        if len(self.hard):
            hard = self.rng.choice(self.hard, size=n_hard, replace=len(self.hard) < n_hard)
        else:
            hard = self.rng.integers(0, len(self.train), n_hard)
        return np.concatenate([rand, hard]).astype(np.int64)

    def _negative(self, i: int) -> int:
        conf = self.confusers.get(int(i))
        if conf is not None and len(conf):
            return int(self.rng.choice(conf))
        j = int(self.rng.integers(0, len(self.train) - 1))
        return j + 1 if j >= i else j

    def train_step(self, epoch: int, batch: int) -> float:
        anchors = self._anchors(batch)
        b = len(anchors)
        n_pos = int(round(b * self.cfg.positive_fraction))
        same = np.zeros(b, np.float32)
        same[self.rng.permutation(b)[:n_pos]] = 1
        others = np.array([a if s else self._negative(a) for a, s in zip(anchors, same)], np.int64)
        x1 = self.inputs(anchors, NEW)
        x2 = self.inputs(others, OLD)       # positives and negatives alike: the other date
        x1, x2 = self.aug(x1, x2, self.gen)
        every_pair = self.cfg.pair_sampling == "batch"
        with self.autocast():
            logits = self.wrapped(self.to_device(x1), self.to_device(x2), every_pair)
        if every_pair:
            # anchor i against every old tile of the batch: a pair is positive when both show the same place
            same = anchors[:, None] == others[None, :]
            return self.backward_step(balanced_bce_loss(logits.float(), torch.from_numpy(same).to(logits.device)))
        return self.backward_step(bce_loss(logits.float(), torch.from_numpy(same).to(logits.device)))

    def recipe_state(self) -> dict:
        return {"hard": torch.from_numpy(self.hard.astype(np.int64)),
                "train_map": getattr(self, "train_map", -1.0),
                "confusers": {str(k): torch.from_numpy(v.astype(np.int64)) for k, v in self.confusers.items()}}

    def load_recipe_state(self, state: dict) -> None:
        if "hard" in state:
            self.hard = state["hard"].numpy().astype(np.int64)
        if state.get("train_map", -1.0) >= 0:
            self.train_map = float(state["train_map"])
        if "confusers" in state:
            self.confusers = {int(k): v.numpy().astype(np.int64) for k, v in state["confusers"].items()}
