"""The untrained descriptors offered beside trained models: which extractor (a thumbnail, or an ImageNet CNN cut
after its last conv block with global pooling) on which input (visual, semantic, or early-fused as in eq. 4).

The describer (``describer.BaselineDescriber``) and the paper's baseline tables (``evaluation.baselines``) share them.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Tuple

import numpy as np

from .. import choices
from ..errors import InputError


@dataclass(frozen=True)
class BaselineSpec:
    extractor: str = "resnet50"      # thumbnail, or a backbone name (resnet50, resnet101, efficientnet_lite0, ...)
    pool: str = "max"                # max, gem, avg (CNNs); flat (thumbnail)
    input_px: int = 512              # the paper: 512 for ResNet50, 1024 for GeM
    weights: str = "imagenet"
    thumb: int = 16

    @property
    def label(self) -> str:
        return self.label_at(self.input_px)

    def label_at(self, pixels: int) -> str:
        """The label with the input size really used (``input_px`` 0 means the tile's own size)."""
        if self.extractor == "thumbnail":
            return f"thumbnail {self.thumb}x{self.thumb}"
        w = {"imagenet": "ImageNet", "none": "random init"}.get(self.weights, self.weights)
        size = f" @{pixels}px" if pixels else " at the tile's size"
        return f"{self.extractor} {w} + {self.pool.upper() if self.pool == 'gem' else self.pool} pool{size}"

    @property
    def a_priori_setting(self) -> Tuple[str, str]:
        """(normalisation, distance) used when no validation tiles are given to choose them."""
        return ("tile", "cosine") if self.extractor == "thumbnail" else ("l2", "cosine")


def baseline_spec(key: str) -> BaselineSpec:
    """The spec of one of the untrained baselines offered to users (``choices.BASELINES``)."""
    if key not in choices.BASELINES:
        raise InputError("unknown baseline '{key}' (available: {baselines})",
                         key=key, baselines=", ".join(choices.BASELINES))
    extractor, pool, px, _label = choices.BASELINES[key]
    return BaselineSpec(extractor, pool, px)


def modality_input(tiles, gidx, date, legend, modality, semantic_mode) -> np.ndarray:
    from ..tiles.network_input import read_network_input
    if modality == "early":
        return read_network_input(tiles, gidx, date, legend, "fusion", semantic_mode, as_uint8=False)
    x = read_network_input(tiles, gidx, date, legend, modality, semantic_mode, as_uint8=False)
    return np.repeat(x, 3, axis=1) if x.shape[1] == 1 else x


class CNNExtractor:
    """An untrained descriptor: [eq. 4 stem for early fusion] -> backbone -> global pooling."""

    def __init__(self, spec: BaselineSpec, modality: str, semantic_mode: str = "rgb", device: str = "cpu"):
        import torch
        from torch import nn

        from ..nn.backbones import build_backbone
        from ..nn.model_config import IMAGENET_MEAN, IMAGENET_STD
        from ..nn.pooling import make_pool
        from ..nn.stem import FusionStem
        self.backbone = build_backbone(spec.extractor, spec.weights)   # may raise WeightsUnavailable
        self.stem = FusionStem.for_modality("fusion", semantic_mode) if modality == "early" else nn.Identity()
        self.pool = make_pool(spec.pool)
        self.mean = torch.tensor(IMAGENET_MEAN).view(1, 3, 1, 1)
        self.std = torch.tensor(IMAGENET_STD).view(1, 3, 1, 1)
        self.spec, self.device = spec, device
        for m in (self.backbone, self.stem, self.pool):
            m.eval().to(device)
        self.backbone.to(memory_format=torch.channels_last)

    def __call__(self, x: np.ndarray) -> np.ndarray:
        import torch

        from ..nn.tensors import to_tensor
        px = self.spec.input_px or x.shape[-1]
        with torch.inference_mode():
            t = self.stem(to_tensor(x, px, self.device, False))
            t = ((t - self.mean.to(t.device)) / self.std.to(t.device)).contiguous(memory_format=torch.channels_last)
            return self.pool(self.backbone(t)).float().cpu().numpy()
