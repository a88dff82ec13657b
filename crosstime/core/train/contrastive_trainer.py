"""Contrastive recipes: the paper's NT-Xent comparison (section 5) and CrossTime's InfoNCE recipe.

Each batch holds ``batch_pairs`` places seen at both dates; every other place in the batch is a
negative. NT-Xent (SimCLR) trains a projection head on top of the pooled backbone and keeps the
pooled features as the descriptor; InfoNCE trains the descriptor directly, in both directions.
"""
from __future__ import annotations

import numpy as np
import torch
from torch import nn

from ..nn.losses import info_nce, nt_xent
from ..tiles.dates import NEW, OLD
from .augment import PairAugmenter
from .loop import Trainer, batches_for


class _Views(nn.Module):
    def __init__(self, net: nn.Module, projection: nn.Module):
        super().__init__()
        self.net, self.projection = net, projection

    def forward(self, x1: torch.Tensor, x2: torch.Tensor):
        z = self.projection(self.net(torch.cat([x1, x2], 0)))
        return z[: x1.shape[0]], z[x1.shape[0]:]


def scene_grouped_order(scenes: np.ndarray, batch: int, batches: int, fraction: float,
                        rng: np.random.Generator) -> np.ndarray:
    """Tile indices for ``batches`` batches of ``batch``, each holding ``fraction`` of its tiles from one scene (as
    many as that scene has) and the rest from the others, no tile twice in a batch; the scenes' anchors follow one
    shuffled pass over the tiles, so every scene is drawn in proportion to its size."""
    scenes = np.asarray(scenes)
    members = {s: np.flatnonzero(scenes == s) for s in np.unique(scenes)}
    anchors = rng.permutation(len(scenes))
    out = np.empty((batches, batch), np.int64)
    for b in range(batches):
        anchor = anchors[b % len(anchors)]
        mates = members[scenes[anchor]]
        take = min(len(mates), max(1, int(round(fraction * batch))))
        same = np.concatenate([[anchor], rng.choice(mates[mates != anchor], take - 1, replace=False)])
        others = np.flatnonzero(scenes != scenes[anchor])
        if len(others) >= batch - take:
            rest = rng.choice(others, batch - take, replace=False)
        else:   # one scene, or almost: the batch is completed from the anchor's own scene
            pool = np.setdiff1d(np.arange(len(scenes)), same)
            rest = rng.choice(pool, batch - take, replace=False)
        out[b] = np.concatenate([same, rest])
    return out.ravel()


class ContrastiveTrainer(Trainer):
    recipe = "contrastive"

    def make_extra(self) -> nn.Module:
        p = self.cfg.projection_dim
        if not p:
            return nn.Identity()
        d = self.net.out_dim
        return nn.Sequential(nn.Linear(d, 512), nn.ReLU(inplace=True), nn.Linear(512, p))

    def make_trainable(self) -> nn.Module:
        self.recipe = self.cfg.recipe
        self.aug = PairAugmenter(self.cfg.augment, self.cfg.max_shift, has_image=self.mcfg.modality != "semantic")
        self.order = np.zeros(0, np.int64)
        return _Views(self.net, self.extra)

    def batches_in_epoch(self) -> int:
        return batches_for(len(self.train), self.cfg.batch_pairs, self.cfg.batches_per_epoch)

    def before_epoch(self, epoch: int) -> None:
        if self.cfg.same_scene_fraction > 0:
            self.order = scene_grouped_order(self.train.scenes(), min(self.cfg.batch_pairs, len(self.train)),
                                             self.batches_in_epoch(), self.cfg.same_scene_fraction, self.rng)
        else:
            self.order = self.rng.permutation(len(self.train))

    def train_step(self, epoch: int, batch: int) -> float:
        b = min(self.cfg.batch_pairs, len(self.train))
        start = (batch * b) % max(1, len(self.order))
        idx = np.take(self.order, np.arange(start, start + b), mode="wrap")
        new, old = self.aug(self.inputs(idx, NEW), self.inputs(idx, OLD), self.gen)
        with self.autocast():
            zq, zk = self.wrapped(self.to_device(new), self.to_device(old))
        if self.cfg.recipe == "ntxent":
            loss = nt_xent(zq, zk, self.cfg.temperature, self.cfg.normalize)
        else:
            loss = info_nce(zq, zk, self.cfg.temperature)
            if self.cfg.learnt_part_loss and self.net.cfg.thumbnail and not self.cfg.projection_dim:
                # the learnt part must also match places on its own, not only fill in what the thumbnails miss
                n = self.net.learnt_dim
                loss = loss + self.cfg.learnt_part_loss * info_nce(zq[:, :n], zk[:, :n], self.cfg.temperature)
        return self.backward_step(loss)
