"""The siamese head of the paper: p = sigmoid(w . |G(x1) - G(x2)| + b), trained with binary cross-entropy.

The paper retrieves with cosine k-NN but trains a free linear layer on |G1 - G2|: the two need not agree (a
descriptor may grow in directions the layer weighs positively, which cosine then counts as likeness). The
``unit`` distance makes them agree: |G1 - G2| of unit-length descriptors, as cosine sees them, and weights kept
positive (w = softplus(v)), so that a larger difference always means "less likely the same place".
"""
from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

from ..choices import PAIR_DISTANCES
from ..errors import InputError


class DistanceClassifier(nn.Module):
    """The probability (as a logit) that two descriptors show the same place, from their L1 difference."""

    def __init__(self, dim: int, distance: str = "unit"):
        super().__init__()
        if distance not in PAIR_DISTANCES:
            raise InputError("unknown pair distance '{distance}' ({pair_distances})",
                             distance=distance, pair_distances=", ".join(PAIR_DISTANCES))
        self.distance = distance
        self.linear = nn.Linear(dim, 1)
        if distance == "unit":
            # softplus(0) * dim weighs every component alike at the start; the bias sets p = 1/2 at a typical distance
            nn.init.zeros_(self.linear.weight)
            nn.init.constant_(self.linear.bias, float(dim) ** 0.5 * 0.7)

    def forward(self, g1: torch.Tensor, g2: torch.Tensor) -> torch.Tensor:
        """Logits of the pairs (g1[i], g2[i])."""
        return self.every_pair(g1.unsqueeze(1), g2.unsqueeze(1)).squeeze(1)

    def every_pair(self, g1: torch.Tensor, g2: torch.Tensor) -> torch.Tensor:
        """Logits of every pair (g1[i], g2[j]): a [len(g1), len(g2)] matrix (inputs [n, d] or [n, 1, d])."""
        if g1.dim() == 2:
            g1, g2 = g1.unsqueeze(1), g2.unsqueeze(0)
        if self.distance == "paper":
            return self.linear((g1 - g2).abs()).squeeze(-1)
        d = (F.normalize(g1.float(), dim=-1) - F.normalize(g2.float(), dim=-1)).abs()
        return self.linear.bias - d @ F.softplus(self.linear.weight).squeeze(0)


class SiameseNet(nn.Module):
    """Two copies of one branch (shared weights) and the L1-distance classifier (eqs. 1-3)."""

    def __init__(self, branch: nn.Module, classifier: DistanceClassifier):
        super().__init__()
        self.branch = branch
        self.classifier = classifier

    def forward(self, x1: torch.Tensor, x2: torch.Tensor, every_pair: bool = False) -> torch.Tensor:
        """Logits of 'same place' for each pair (x1[i], x2[i]), or for every pair (x1[i], x2[j]) as a matrix."""
        # one pass over both members: the same weights, and batch norm sees the whole batch
        g = self.branch(torch.cat([x1, x2], 0))
        g1, g2 = g[: x1.shape[0]], g[x1.shape[0]:]
        return self.classifier.every_pair(g1, g2) if every_pair else self.classifier(g1, g2)


def bce_loss(logits: torch.Tensor, same: torch.Tensor) -> torch.Tensor:
    """Eq. 1 and 3 on logits (the numerically stable form of sigmoid followed by BCE)."""
    return F.binary_cross_entropy_with_logits(logits, same.float())


def balanced_bce_loss(logits: torch.Tensor, same: torch.Tensor) -> torch.Tensor:
    """BCE with the positives and the negatives weighing half each, however many of each there are."""
    same = same.float()
    losses = F.binary_cross_entropy_with_logits(logits, same, reduction="none")
    n_pos = same.sum().clamp(min=1)
    n_neg = (1 - same).sum().clamp(min=1)
    return 0.5 * (losses * same).sum() / n_pos + 0.5 * (losses * (1 - same)).sum() / n_neg
