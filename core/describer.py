"""What turns tiles into descriptors for an index or a click: a trained model file, or an untrained baseline.

Both carry a fingerprint, so that an index always knows which describer made it and refuses to be
queried by another one.
"""
from __future__ import annotations

import hashlib
import json
from typing import Optional, Sequence

import numpy as np

from .progress import SILENT, Progress


class Describer:
    """Common interface: ``describe(tiles, gidx, date)``, ``fingerprint``, ``config``, ``pixels``."""
    fingerprint: str = ""
    config: dict = {}
    pixels: int = 256
    label: str = ""

    def describe(self, tiles, gidx: Sequence[int], date: str, progress: Progress = SILENT) -> np.ndarray:
        raise TypeError("use a ModelDescriber or a BaselineDescriber")


class ModelDescriber(Describer):
    def __init__(self, path: str, legend, device: str = "auto", batch_size: int = 32):
        from .describe import resolve_device
        from .modelio import describe_model, load_model
        self.device = resolve_device(device)
        self.net, self.info = load_model(path, self.device)
        self.fingerprint = self.info.fingerprint
        self.config = self.info.config
        self.pixels = self.net.cfg.tile_pixels
        self.legend = legend
        self.batch_size = batch_size
        self.label = describe_model(self.info)
        self.path = path

    def describe(self, tiles, gidx, date, progress: Progress = SILENT) -> np.ndarray:
        from .describe import describe_tiles
        return describe_tiles(self.net, tiles, gidx, date, self.legend, self.batch_size, self.device, progress=progress)


class BaselineDescriber(Describer):
    """An untrained CNN (ImageNet weights; EfficientNet-Lite0 works offline) with global max pooling,
    on the early-fused input (eq. 4), at the tile's own size."""

    def __init__(self, legend, backbone: str = "efficientnet_lite0", pool: str = "max", semantic_mode: str = "rgb",
                 pixels: int = 256, modality: str = "early", device: str = "auto", batch_size: int = 16):
        from .baselines import BaselineSpec, CNNExtractor
        from .describe import resolve_device
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
        from .baselines import modality_input
        gidx = np.asarray(gidx, np.int64)
        out = []
        for s in range(0, len(gidx), self.batch_size):
            chunk = gidx[s:s + self.batch_size]
            out.append(self.extractor(modality_input(tiles, chunk, date, self.legend, self.modality, self.semantic_mode)))
            progress.update(min(len(gidx), s + self.batch_size) / max(1, len(gidx)))
        return np.concatenate(out) if out else np.zeros((0, 1), np.float32)


def make_describer(model: Optional[str], legend, pixels: int = 256, semantic_mode: str = "rgb",
                   device: str = "auto") -> Describer:
    """A model file's describer, or the untrained baseline when ``model`` is empty or 'baseline'."""
    if model and model != "baseline":
        return ModelDescriber(model, legend, device)
    return BaselineDescriber(legend, semantic_mode=semantic_mode, pixels=pixels, device=device)
