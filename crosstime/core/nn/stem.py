"""The fusion stem of the paper (eq. 4): a trainable 1x1 convolution from [image, semantics] to 3 channels."""
from __future__ import annotations

import torch
from torch import nn

from ..errors import InputError


def eq4_weights(semantic_channels: int) -> torch.Tensor:
    """(3, 3 + semantic_channels) matrix: out_c = 0.5 * image_c + 0.5 * semantic_c (or the grey level)."""
    if semantic_channels not in (1, 3):
        raise InputError("semantic images have 3 (RGB) or 1 (grey) channels")
    w = torch.zeros(3, 3 + semantic_channels)
    for c in range(3):
        w[c, c] = 0.5
        w[c, 3 + (c if semantic_channels == 3 else 0)] = 0.5
    return w


def identity_weights(in_channels: int) -> torch.Tensor:
    """(3, in_channels): RGB passes through; a single channel is copied to the three outputs."""
    w = torch.zeros(3, in_channels)
    for c in range(3):
        w[c, c if in_channels == 3 else 0] = 1.0
    return w


class FusionStem(nn.Module):
    """1x1 conv to 3 channels, initialised with fixed weights and then trained with the network."""

    def __init__(self, in_channels: int, init: torch.Tensor):
        super().__init__()
        if init.shape != (3, in_channels):
            raise InputError("initial weights must be (3, {in_channels}), got {shape}",
                             in_channels=in_channels, shape=tuple(init.shape))
        self.conv = nn.Conv2d(in_channels, 3, kernel_size=1, bias=True)
        with torch.no_grad():
            self.conv.weight.copy_(init.view(3, in_channels, 1, 1))
            self.conv.bias.zero_()

    @classmethod
    def for_modality(cls, modality: str, semantic_mode: str) -> FusionStem:
        sem_c = 3 if semantic_mode == "rgb" else 1
        if modality == "fusion":
            return cls(3 + sem_c, eq4_weights(sem_c))
        if modality == "visual":
            return cls(3, identity_weights(3))
        if modality == "semantic":
            return cls(sem_c, identity_weights(sem_c))
        raise InputError("unknown modality '{modality}' (fusion, visual, semantic)", modality=modality)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.conv(x)
