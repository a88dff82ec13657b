"""Describe tiles with a network: batched, no gradients, channels_last."""
from __future__ import annotations

from typing import Optional, Sequence

import numpy as np

from .progress import SILENT, Progress


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


def describe_tiles(net, tiles, gidx: Sequence[int], date: str, legend, batch_size: int = 32,
                   device: Optional[str] = None, channels_last: bool = True, bf16: bool = False,
                   progress: Progress = SILENT) -> np.ndarray:
    """Descriptors (N, R) float32 of tiles ``gidx`` of a TileSet at ``date`` ('a' old, 'b' new)."""
    import torch
    cfg = net.cfg
    device = device or next(net.parameters()).device.type
    was_training = net.training
    net.eval()
    if channels_last:
        net.to(memory_format=torch.channels_last)
    gidx = np.asarray(gidx, np.int64)
    out = None
    try:
        with torch.inference_mode(), torch.autocast(device_type=device if device != "mps" else "cpu",
                                                    dtype=torch.bfloat16, enabled=bf16):
            for start in range(0, len(gidx), batch_size):
                chunk = gidx[start:start + batch_size]
                x = tiles.inputs(chunk, date, legend, cfg.modality, cfg.semantic_mode)
                y = net(to_tensor(x, cfg.tile_pixels, device, channels_last)).float().cpu().numpy()
                if out is None:
                    out = np.empty((len(gidx), y.shape[1]), np.float32)
                out[start:start + len(chunk)] = y
                progress.update((start + len(chunk)) / len(gidx), f"described {start + len(chunk)}/{len(gidx)}")
    finally:
        net.train(was_training)
    if out is None:
        out = np.zeros((0, cfg.dim), np.float32)
    return out
