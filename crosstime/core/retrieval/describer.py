"""What turns tiles into descriptors for an index or a click: a trained model file, or an untrained baseline.

Both carry a fingerprint, so that an index always knows which describer made it and refuses to be
queried by another one. :func:`describe_tiles` is the batched, gradient-free forward pass they share
with training's validation.
"""
from __future__ import annotations

import hashlib
import json
from typing import Optional, Sequence

import numpy as np

from ..choices import DEFAULT_PIXELS
from ..messages import Message
from ..nn.tensors import resolve_device, u8_to_tensor
from ..progress import SILENT, Progress
from ..tiles.network_input import read_network_input


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
    """Descriptors (N, R) float32 of tiles ``gidx`` of a TileSource at ``date`` (OLD or NEW)."""
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
    prepare = lambda c: read_network_input(tiles, c, date, legend, cfg.modality, cfg.semantic_mode)
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
                t = u8_to_tensor(x, cfg.tile_pixels, device)
                y = net(t).float().cpu().numpy()
                if out is None:
                    out = np.empty((len(gidx), y.shape[1]), np.float32)
                out[start:start + len(chunk)] = y
                progress.update((start + len(chunk)) / len(gidx), Message("described {done}/{total}",
                                                                          done=start + len(chunk), total=len(gidx)))
    finally:
        net.train(was_training)
    if out is None:
        out = np.zeros((0, net.out_dim), np.float32)
    return out


class Describer:
    """Common interface: ``describe(tiles, gidx, date)``, ``fingerprint``, ``config``, ``pixels``."""
    fingerprint: str = ""
    config: dict = {}
    pixels: int = DEFAULT_PIXELS
    label: str = ""

    def describe(self, tiles, gidx: Sequence[int], date: str, progress: Progress = SILENT) -> np.ndarray:
        raise TypeError("use a ModelDescriber or a BaselineDescriber")   # invariant


class ModelDescriber(Describer):
    def __init__(self, path: str, legend, device: str = "auto", batch_size: int = 32):
        from .model_file import load_model, model_label
        self.device = resolve_device(device)
        self.net, self.info = load_model(path, self.device)
        self.fingerprint = self.info.fingerprint
        self.config = self.info.config
        self.pixels = self.net.cfg.tile_pixels
        self.legend = legend
        self.batch_size = batch_size
        self.label = model_label(self.info)
        self.path = path

    def describe(self, tiles, gidx, date, progress: Progress = SILENT) -> np.ndarray:
        return describe_tiles(self.net, tiles, gidx, date, self.legend, self.batch_size, self.device, progress=progress)


class BaselineDescriber(Describer):
    """An untrained CNN (ImageNet weights; EfficientNet-Lite0 works offline) with global max pooling,
    on the early-fused input (eq. 4), at the tile's own size."""

    def __init__(self, legend, backbone: str = "efficientnet_lite0", pool: str = "max", semantic_mode: str = "rgb",
                 pixels: int = DEFAULT_PIXELS, modality: str = "early", device: str = "auto", batch_size: int = 16):
        from .baseline_features import BaselineSpec, CNNExtractor
        self.spec = BaselineSpec(backbone, pool, pixels, "imagenet")
        self.device = resolve_device(device)
        self.extractor = CNNExtractor(self.spec, modality, semantic_mode, self.device)   # may raise WeightsUnavailable
        self.legend, self.semantic_mode, self.modality = legend, semantic_mode, modality
        self.pixels = pixels
        self.batch_size = batch_size
        self.config = {"baseline": backbone, "pool": pool, "semantic_mode": semantic_mode, "modality": modality,
                       "tile_pixels": pixels, "weights": "imagenet"}
        self.fingerprint = "baseline-" + hashlib.sha256(json.dumps(self.config, sort_keys=True).encode()).hexdigest()[:20]
        self.label = f"untrained {self.spec.label} ({modality} input)"

    def describe(self, tiles, gidx, date, progress: Progress = SILENT) -> np.ndarray:
        from .baseline_features import modality_input
        gidx = np.asarray(gidx, np.int64)
        out = []
        for s in range(0, len(gidx), self.batch_size):
            chunk = gidx[s:s + self.batch_size]
            out.append(self.extractor(modality_input(tiles, chunk, date, self.legend, self.modality, self.semantic_mode)))
            progress.update(min(len(gidx), s + self.batch_size) / max(1, len(gidx)))
        return np.concatenate(out) if out else np.zeros((0, 1), np.float32)


THUMBNAIL_CELLS = 16


class ThumbnailDescriber(Describer):
    """The quick mode, before any training: each tile's image as a small thumbnail, minus its own mean and over its
    own standard deviation (which cancels a brightness and contrast change between the dates). Needs numpy only."""

    def __init__(self, pixels: int = DEFAULT_PIXELS, cells: int = THUMBNAIL_CELLS, batch_size: int = 64):
        self.pixels, self.cells, self.batch_size = pixels, cells, batch_size
        self.config = {"baseline": "thumbnail", "cells": cells, "tile_pixels": pixels, "normalisation": "tile"}
        self.fingerprint = "thumbnail-" + hashlib.sha256(json.dumps(self.config, sort_keys=True).encode()).hexdigest()[:20]
        self.label = f"quick: {cells}x{cells} thumbnail, standardised per tile (no training)"

    def describe(self, tiles, gidx, date, progress: Progress = SILENT) -> np.ndarray:
        gidx = np.asarray(gidx, np.int64)
        out = np.zeros((len(gidx), 3 * self.cells ** 2), np.float32)
        for s in range(0, len(gidx), self.batch_size):
            chunk = gidx[s:s + self.batch_size]
            out[s:s + len(chunk)] = thumbnails(tiles.read(chunk, date).images, self.cells)
            progress.update(min(len(gidx), s + self.batch_size) / max(1, len(gidx)))
        return out



def thumbnails(images: np.ndarray, cells: int = THUMBNAIL_CELLS) -> np.ndarray:
    """(B, P, P, 3) uint8 -> (B, cells * cells * 3): block means, each row standardised on its own."""
    b, p = images.shape[0], images.shape[1]
    edges = np.linspace(0, p, cells + 1).round().astype(int)
    x = images.astype(np.float32)
    # block means along rows then columns (np.add.reduceat handles sides that cells do not divide)
    x = np.add.reduceat(x, edges[:-1], axis=1) / np.diff(edges)[None, :, None, None]
    x = np.add.reduceat(x, edges[:-1], axis=2) / np.diff(edges)[None, None, :, None]
    x = x.reshape(b, -1)
    return (x - x.mean(1, keepdims=True)) / (x.std(1, keepdims=True) + 1e-6)
