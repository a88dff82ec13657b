"""The visual-only descriptor of archive windows and modern tiles.

Archives have no vector layers, so the descriptor is the visual variant of the recipe (``modality='visual'``):
a model file trained with the 'archive' augmentation, or, when none is given, an untrained network with fixed
weights: EfficientNet-Lite0 from its ImageNet weights (GeM, a fixed random projection) joined with a 16 x 16
standardised thumbnail, which sees the modern tiles in grey as the scans are. The same describer
makes the modern index and the archive windows: an index refuses windows described by another.
"""
from __future__ import annotations

from typing import Optional, Sequence

import numpy as np

from ..messages import Message
from ..progress import SILENT, Progress
from .catalogue import ArchiveError

FALLBACK_DIM = 256
FALLBACK_BACKBONE = "efficientnet_lite0"
FALLBACK_THUMBNAIL = 16


def grey_levels(images: np.ndarray) -> np.ndarray:
    """(..., 3) uint8 colour -> (...) uint8 grey (ITU-R 601 luma, as the scans' grey levels are read)."""
    return (images.astype(np.float32) @ np.array([0.299, 0.587, 0.114], np.float32)).round().clip(0, 255).astype(np.uint8)


class ArchiveDescriber:
    """``describe_grey`` for windows of scans, ``describe_rgb`` and ``describe`` (the Describer interface, for
    :func:`~crosstime.core.retrieval.index.build_index`) for modern tiles."""

    def __init__(self, model: Optional[str] = None, pixels: int = 64, device: str = "cpu", batch_size: int = 64):
        import torch

        from ..nn.descriptor import DescriptorNet
        from ..nn.model_config import ModelConfig
        from ..nn.tensors import resolve_device
        from ..retrieval.model_file import fingerprint, load_model, model_label
        self.device = resolve_device(device)
        self.batch_size = batch_size
        # the untrained describer sees modern tiles in grey, as the scans are; a trained model as it was trained
        self.grey_tiles = False
        if model and model != "baseline":
            self.net, info = load_model(model, self.device)
            if self.net.cfg.modality != "visual":
                raise ArchiveError("{model} is a '{modality}' model: archive photos have no vector "
                                   "layers, so archive search needs a visual-only one (train it with modality "
                                   "'visual' and augmentation 'archive', e.g. `crosstime train STORE --modality visual "
                                   "--augment archive`)", model=model, modality=self.net.cfg.modality)
            self.fingerprint, self.label, self.path = info.fingerprint, model_label(info), model
        else:
            # fixed weights, so that an index and windows described in two sessions agree
            state = torch.random.get_rng_state()
            torch.manual_seed(0)
            cfg = ModelConfig(backbone=FALLBACK_BACKBONE, weights="imagenet", modality="visual", head="pooled",
                              pool="gem", dim=FALLBACK_DIM, tile_pixels=pixels, thumbnail=FALLBACK_THUMBNAIL)
            self.net = DescriptorNet(cfg).to(self.device).eval()
            torch.random.set_rng_state(state)
            self.fingerprint = "archive-untrained-" + fingerprint(cfg.to_dict(), self.net.state_dict())[:16]
            self.label, self.path = "untrained visual network (ImageNet EfficientNet-Lite0 + grey thumbnail)", ""
            self.grey_tiles = True
        self.pixels = int(self.net.cfg.tile_pixels)
        self.config = dict(self.net.cfg.to_dict())
        self.dim = int(self.net.out_dim)
        self.learnt_dim = int(self.net.learnt_dim)

    def describe_rgb(self, images: np.ndarray, progress: Progress = SILENT) -> np.ndarray:
        """(N, P, P, 3) uint8 -> (N, R) float32 rows of unit length."""
        import torch

        from ..nn.tensors import u8_to_tensor
        out = np.empty((len(images), self.dim), np.float32)
        with torch.inference_mode():
            for s in range(0, len(images), self.batch_size):
                t = u8_to_tensor(np.ascontiguousarray(images[s:s + self.batch_size]), self.pixels, self.device)
                y = self.net(t).float().cpu().numpy()
                out[s:s + len(y)] = y / np.maximum(np.linalg.norm(y, axis=1, keepdims=True), 1e-12)
                progress.update(min(len(images), s + self.batch_size) / max(1, len(images)))
        return out

    def describe_grey(self, patches: np.ndarray, progress: Progress = SILENT) -> np.ndarray:
        """(N, P, P) uint8 grey windows -> (N, R) float32 rows of unit length."""
        out = np.empty((len(patches), self.dim), np.float32)
        for s in range(0, len(patches), 1024):       # grey -> RGB copies a block at a time, not the whole set
            chunk = patches[s:s + 1024]
            out[s:s + len(chunk)] = self.describe_rgb(np.repeat(chunk[..., None], 3, axis=-1))
            progress.update(min(len(patches), s + 1024) / max(1, len(patches)))
        return out

    def describe(self, tiles, gidx: Sequence[int], date: str, progress: Progress = SILENT) -> np.ndarray:
        gidx = np.asarray(gidx, np.int64)
        out = np.empty((len(gidx), self.dim), np.float32)
        step = 4 * self.batch_size
        for s in range(0, len(gidx), step):
            chunk = gidx[s:s + step]
            images = tiles.read(chunk, date).images
            if self.grey_tiles:
                images = np.repeat(grey_levels(images)[..., None], 3, axis=-1)
            out[s:s + len(chunk)] = self.describe_rgb(images)
            progress.update(min(len(gidx), s + step) / max(1, len(gidx)), Message("described {done}/{total}",
                                                                                  done=s + len(chunk), total=len(gidx)))
        return out
