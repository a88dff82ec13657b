"""The descriptor branch G_W: fusion stem -> backbone (no pooling) -> head -> R-dimensional descriptor."""
from __future__ import annotations

from typing import Optional

import torch
import torch.nn.functional as F
from torch import nn

from ..choices import MAP_THUMBNAIL_SCALINGS
from ..errors import InputError
from .backbones import build_backbone
from .head import ConvHead, PooledFC, SpatialFC
from .model_config import ModelConfig
from .pooling import make_pool
from .stem import FusionStem


class DescriptorNet(nn.Module):
    """One branch of the siamese network; at inference it alone makes the descriptor."""

    def __init__(self, cfg: ModelConfig, weights: Optional[str] = None):
        super().__init__()
        if cfg.tile_pixels % 32:
            raise InputError("tile pixels must be a multiple of 32 (got {tile_pixels})", tile_pixels=cfg.tile_pixels)
        self.cfg = cfg
        self.stem = FusionStem.for_modality(cfg.modality, cfg.semantic_mode)
        # on the CPU even when the network is made on torch's meta device to be filled from a file (model_file):
        # the file does not hold these, made from the config
        self.register_buffer("mean", torch.tensor(cfg.mean, device="cpu").view(1, 3, 1, 1), persistent=False)
        self.register_buffer("std", torch.tensor(cfg.std, device="cpu").view(1, 3, 1, 1), persistent=False)
        self.backbone = build_backbone(cfg.backbone, cfg.weights if weights is None else weights)
        c = self.backbone.out_channels
        if cfg.head == "paper":
            self.head = ConvHead(c, cfg.head_channels, cfg.head_batchnorm, cfg.head_activation)
            self.fc = SpatialFC(self.head.out_channels, cfg.tile_pixels // self.backbone.stride, cfg.dim)
        elif cfg.head == "pooled":
            # dim 0: the pooled backbone features are the descriptor (as SimCLR uses them)
            self.head = nn.Identity()
            self.fc = PooledFC(c, cfg.dim, cfg.pool) if cfg.dim else make_pool(cfg.pool)
        else:
            raise InputError("unknown head '{head}' (paper, pooled)", head=cfg.head)

        if cfg.thumbnail and cfg.modality == "semantic":
            raise InputError("a thumbnail branch needs the image: choose the visual or fusion modality")
        # the mixing angle starts at 45 degrees: the learnt part and each thumbnail weigh the same
        self.mix = nn.Parameter(torch.tensor(0.7854)) if cfg.thumbnail else None
        if cfg.map_thumbnail_scaling not in MAP_THUMBNAIL_SCALINGS:
            raise InputError("unknown map thumbnail scaling '{scaling}' ({scalings})",
                             scaling=cfg.map_thumbnail_scaling, scalings=", ".join(MAP_THUMBNAIL_SCALINGS))
        if self.map_thumbnail_needs_fit:
            # saved with the weights; zero and one until fitted on the training tiles (fit_map_thumbnail)
            n = self.thumbnail_channels - 3
            self.register_buffer("map_thumbnail_mean", torch.zeros(n * cfg.thumbnail ** 2))
            self.register_buffer("map_thumbnail_spread", torch.ones(n * cfg.thumbnail ** 2))

    @property
    def learnt_dim(self) -> int:
        return self.cfg.dim or self.backbone.out_channels

    @property
    def thumbnail_channels(self) -> int:
        """Input channels the thumbnail covers: the image's, and the map's with ``thumbnail_semantic``."""
        if not self.cfg.thumbnail:
            return 0
        semantic = self.cfg.in_channels - 3 if self.cfg.thumbnail_semantic and self.cfg.modality == "fusion" else 0
        return 3 + semantic

    @property
    def map_thumbnail_needs_fit(self) -> bool:
        return self.thumbnail_channels > 3 and self.cfg.map_thumbnail_scaling == "training"

    @property
    def out_dim(self) -> int:
        return self.learnt_dim + self.thumbnail_channels * self.cfg.thumbnail ** 2

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if self.cfg.flip_average and not self.training:
            return self.describe(x) + self.describe(torch.flip(x, dims=(-1,)))
        return self.describe(x)

    def describe(self, x: torch.Tensor) -> torch.Tensor:
        z = self.fc(self.head(self.backbone((self.stem(x) - self.mean) / self.std)))
        if not self.cfg.thumbnail:
            return z
        parts = [F.normalize(z.float(), dim=1) * torch.cos(self.mix), self._thumbnail(x[:, :3]) * torch.sin(self.mix)]
        if self.thumbnail_channels > 3:
            parts.append(self._map_thumbnail(x[:, 3:]) * torch.sin(self.mix))
        return torch.cat(parts, 1)

    def block_means(self, x: torch.Tensor) -> torch.Tensor:
        """Block means of each channel of ``x``, one row per tile: what a thumbnail is made of."""
        return F.adaptive_avg_pool2d(x.float(), self.cfg.thumbnail).flatten(1)

    @torch.no_grad()
    def fit_map_thumbnail(self, values: torch.Tensor, min_spread: float = 0.02) -> None:
        """Mean and spread of each value of the map's thumbnail, from the training tiles' ``values``.

        Each value is a cell's mean of one colour channel of the rendered map: a cell colour that is rare in training
        weighs more than a common one. The floor on the spread bounds how much a value that hardly changed in
        training (a cell nearly always of one colour) can weigh on new data: 50 times a unit change at most."""
        self.map_thumbnail_mean.copy_(values.float().mean(0))
        self.map_thumbnail_spread.copy_(values.float().std(0).clamp_min(min_spread))

    @torch.no_grad()
    def fit_map_thumbnail_from(self, other: DescriptorNet) -> None:
        """The map thumbnail's scaling of another network of the same configuration."""
        self.map_thumbnail_mean.copy_(other.map_thumbnail_mean)
        self.map_thumbnail_spread.copy_(other.map_thumbnail_spread)

    def _map_thumbnail(self, semantic: torch.Tensor) -> torch.Tensor:
        """The map's part. Fitted on image-only data (mean zero) it is zeros; a model fitted on maps gives
        every tile without one the same vector: among such tiles it adds the same to every similarity."""
        if not self.map_thumbnail_needs_fit:
            return self._thumbnail(semantic)
        t = (self.block_means(semantic) - self.map_thumbnail_mean) / self.map_thumbnail_spread
        return F.normalize(t, dim=1)

    def _thumbnail(self, x: torch.Tensor) -> torch.Tensor:
        """Block means of ``x``, standardised per tile, of unit length (zeros when the tile is uniform)."""
        t = self.block_means(x)
        t = (t - t.mean(1, keepdim=True)) / (t.std(1, keepdim=True) + 1e-6)
        return F.normalize(t, dim=1)

    def param_groups(self, lr: float, lr_backbone: float) -> list:
        """Per-layer learning rates: the pretrained backbone learns slower than the new layers."""
        backbone = list(self.backbone.parameters())
        ids = {id(p) for p in backbone}
        rest = [p for p in self.parameters() if id(p) not in ids]
        return [{"params": backbone, "lr": lr_backbone, "name": "backbone"},
                {"params": rest, "lr": lr, "name": "new layers"}]
