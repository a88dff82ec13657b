"""The layers the paper adds after the backbone: C1-C3 (3x3 conv, batch norm, tanh) and a fully connected layer.

No pooling: the fully connected layer sees the whole spatial map, which keeps the layout of the
landscape that tells two similar-looking places apart (paper, section 5).
"""
from __future__ import annotations

from typing import Sequence

import torch
from torch import nn

from .pooling import make_pool


class ConvHead(nn.Module):
    def __init__(self, in_channels: int, channels: Sequence[int] = (1024, 512, 256), batchnorm: bool = True,
                 activation: str = "tanh"):
        super().__init__()
        layers = []
        c = in_channels
        for out in channels:
            layers.append(nn.Conv2d(c, out, 3, padding=1, bias=not batchnorm))
            if batchnorm:
                layers.append(nn.BatchNorm2d(out))
            layers.append(nn.Tanh() if activation == "tanh" else nn.ReLU(inplace=True))
            c = out
        self.layers = nn.Sequential(*layers)
        self.out_channels = c

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.layers(x)


class SpatialFC(nn.Module):
    """Flatten the (C, h, w) map and project it to the descriptor of R dimensions."""

    def __init__(self, channels: int, spatial: int, dim: int):
        super().__init__()
        self.fc = nn.Linear(channels * spatial * spatial, dim)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(x.flatten(1))


class PooledFC(nn.Module):
    """Global pooling then a linear projection: input-size independent, used by the alternative recipes."""

    def __init__(self, channels: int, dim: int, pool: str = "gem"):
        super().__init__()
        self.pool = make_pool(pool)
        self.fc = nn.Linear(channels, dim)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(self.pool(x))
