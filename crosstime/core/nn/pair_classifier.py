"""The siamese head of the paper: p = sigmoid(w . |G(x1) - G(x2)| + b), trained with binary cross-entropy."""
from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn


class SiameseNet(nn.Module):
    """Two copies of one branch (shared weights) and the L1-distance classifier (eqs. 1-3)."""

    def __init__(self, branch: nn.Module, dim: int, classifier: nn.Module = None):
        super().__init__()
        self.branch = branch
        self.classifier = classifier if classifier is not None else nn.Linear(dim, 1)

    def forward(self, x1: torch.Tensor, x2: torch.Tensor) -> torch.Tensor:
        """Logits of 'same place' for each pair (apply a sigmoid for p)."""
        # one pass over both members: the same weights, and batch norm sees the whole batch
        g = self.branch(torch.cat([x1, x2], 0))
        d = (g[: x1.shape[0]] - g[x1.shape[0]:]).abs()
        return self.classifier(d).squeeze(1)


def bce_loss(logits: torch.Tensor, same: torch.Tensor) -> torch.Tensor:
    """Eq. 1 and 3 on logits (the numerically stable form of sigmoid followed by BCE)."""
    return F.binary_cross_entropy_with_logits(logits, same.float())
