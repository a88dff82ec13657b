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


def u8_to_tensor(x: np.ndarray, pixels: int, device: str):
    """(B, H, W, C) uint8 -> float (B, C, H, W) in [0, 1] on ``device``, channels_last in memory."""
    import torch
    import torch.nn.functional as F
    t = torch.from_numpy(x).to(device, non_blocking=True).permute(0, 3, 1, 2).float().mul_(1 / 255.0)
    if t.shape[-1] != pixels:
        t = F.interpolate(t, size=(pixels, pixels), mode="bilinear", align_corners=False,
                          antialias=t.shape[-1] > pixels).contiguous(memory_format=torch.channels_last)
    return t


class _Inline:
    """A stand-in for a one-worker pool that runs the work at once, in the calling thread."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def submit(self, fn, *args):
        from concurrent.futures import Future
        f = Future()
        f.set_result(fn(*args))
        return f


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
    starts = list(range(0, len(gidx), batch_size))
    prepare = (lambda c: tiles.inputs_u8(c, date, legend, cfg.modality, cfg.semantic_mode)) \
        if hasattr(tiles, "inputs_u8") else (lambda c: tiles.inputs(c, date, legend, cfg.modality, cfg.semantic_mode))
    from concurrent.futures import ThreadPoolExecutor
    try:
        # the next batch is read and stacked while the network describes this one (a single batch, as for
        # a click, needs no second thread)
        with (ThreadPoolExecutor(max_workers=1) if len(starts) > 1 else _Inline()) as pool, torch.inference_mode(), \
                torch.autocast(device_type="cuda" if device.startswith("cuda") else "cpu", dtype=torch.bfloat16,
                               enabled=bf16):
            pending = pool.submit(prepare, gidx[starts[0]:starts[0] + batch_size]) if starts else None
            for n, start in enumerate(starts):
                chunk = gidx[start:start + batch_size]
                x = pending.result()
                if n + 1 < len(starts):
                    pending = pool.submit(prepare, gidx[starts[n + 1]:starts[n + 1] + batch_size])
                t = u8_to_tensor(x, cfg.tile_pixels, device) if x.dtype == np.uint8 else \
                    to_tensor(x, cfg.tile_pixels, device, channels_last)
                y = net(t).float().cpu().numpy()
                if out is None:
                    out = np.empty((len(gidx), y.shape[1]), np.float32)
                out[start:start + len(chunk)] = y
                progress.update((start + len(chunk)) / len(gidx), f"described {start + len(chunk)}/{len(gidx)}")
    finally:
        net.train(was_training)
    if out is None:
        out = np.zeros((0, cfg.dim), np.float32)
    return out
