"""Global pooling layers: max (the paper's ResNet baseline), average, and GeM (Radenović et al.)."""
from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

from ..errors import InputError


class GeM(nn.Module):
    """Generalised mean pooling with a learnable exponent p (p=1: average, p->inf: max)."""

    def __init__(self, p: float = 3.0, eps: float = 1e-6, learnable: bool = True):
        super().__init__()
        self.p = nn.Parameter(torch.tensor(float(p))) if learnable else torch.tensor(float(p))
        self.eps = eps

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        p = self.p.clamp(min=1.0)
        return F.adaptive_avg_pool2d(x.clamp(min=self.eps).pow(p), 1).pow(1.0 / p).flatten(1)


class GlobalMax(nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.amax(x, dim=(2, 3))


class GlobalAvg(nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x.mean(dim=(2, 3))


def make_pool(name: str) -> nn.Module:
    pools = {"max": GlobalMax, "avg": GlobalAvg, "gem": GeM}
    if name not in pools:
        raise InputError("unknown pooling '{name}' ({pools})", name=name, pools=", ".join(pools))
    return pools[name]()
