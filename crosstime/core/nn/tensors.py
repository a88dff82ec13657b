"""Numpy batches to torch tensors on a device, resized to the network's tile size (no torch import at load)."""
from __future__ import annotations

import numpy as np


def resolve_device(device: str = "auto") -> str:
    import torch
    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    return device


def to_tensor(x: np.ndarray, pixels: int, device: str, channels_last: bool = True):
    """A float batch on ``device``, resized to the network's tile size when the store's differs."""
    import torch
    import torch.nn.functional as F
    t = torch.from_numpy(x)
    if t.shape[-1] != pixels:
        t = F.interpolate(t, size=(pixels, pixels), mode="bilinear", align_corners=False,
                          antialias=t.shape[-1] > pixels)
    t = t.to(device, non_blocking=True)
    if channels_last:
        t = t.contiguous(memory_format=torch.channels_last)
    return t


def u8_to_tensor(x: np.ndarray, pixels: int, device: str):
    """(B, H, W, C) uint8 -> float (B, C, H, W) in [0, 1] on ``device``, channels_last in memory."""
    import torch
    import torch.nn.functional as F
    t = torch.from_numpy(x).to(device, non_blocking=True).permute(0, 3, 1, 2).float().mul_(1 / 255.0)
    if t.shape[-1] != pixels:
        t = F.interpolate(t, size=(pixels, pixels), mode="bilinear", align_corners=False,
                          antialias=t.shape[-1] > pixels).contiguous(memory_format=torch.channels_last)
    return t
