"""Augmentations of (new, old) input pairs, on tensors (B, C, H, W) whose first 3 channels are the image.

Colour changes touch only the image channels (the semantic raster is a map, it has no season);
geometric changes move every channel. 'paper' augments each view independently (random rotations
and colour changes, as for the paper's NT-Xent run); 'cross-date' imitates what changes between two
dates: one rotation/flip shared by the pair (the place stays the same place), independent colour,
contrast, blur and grain per date, a grey old date now and then, and a small shift of the old date
(misregistration). 'archive' imitates a scanned archive photo against the modern ortho: the old view is
turned by any angle within +-45 degrees (archive windows are described at four right-angle rotations, so
that is what is left), rescaled by up to +-25 %, turned grey, and given film grain, blur and vignetting.
"""
from __future__ import annotations

import torch
import torch.nn.functional as F

from ..errors import InputError

MODES = ("none", "paper", "cross-date", "archive")


def _rot_flip(x: torch.Tensor, k: torch.Tensor, flip: torch.Tensor) -> torch.Tensor:
    out = torch.empty_like(x)
    for i in range(x.shape[0]):
        y = torch.rot90(x[i], int(k[i]), dims=(1, 2))
        out[i] = torch.flip(y, dims=(2,)) if bool(flip[i]) else y
    return out


def _colour(x: torch.Tensor, g: torch.Generator, strength: float, p_grey: float, p_blur: float,
            has_image: bool = True) -> torch.Tensor:
    if not has_image:
        return x
    img = x[:, :3]
    b = img.shape[0]
    r = lambda *s: torch.rand(*s, generator=g)
    bright = 1 + strength * 0.5 * (2 * r(b, 1, 1, 1) - 1)
    contrast = 1 + strength * 0.6 * (2 * r(b, 1, 1, 1) - 1)
    sat = 1 + strength * 0.8 * (2 * r(b, 1, 1, 1) - 1)
    gains = 1 + strength * 0.2 * (2 * r(b, 3, 1, 1) - 1)
    grey = (img * torch.tensor([0.299, 0.587, 0.114]).view(1, 3, 1, 1)).sum(1, keepdim=True)
    mean = grey.mean(dim=(2, 3), keepdim=True)
    img = grey + (img - grey) * sat
    img = mean + (img - mean) * contrast
    img = img * bright * gains
    to_grey = r(b) < p_grey
    if to_grey.any():
        gg = (img[to_grey] * torch.tensor([0.299, 0.587, 0.114]).view(1, 3, 1, 1)).sum(1, keepdim=True)
        img[to_grey] = gg.expand(-1, 3, -1, -1)
    blur = r(b) < p_blur
    if blur.any():
        k = torch.tensor([1.0, 2.0, 1.0])
        k = (k[:, None] * k[None, :]) / 16
        w = k.view(1, 1, 3, 3).repeat(3, 1, 1, 1)
        img[blur] = F.conv2d(F.pad(img[blur], (1, 1, 1, 1), mode="replicate"), w, groups=3)
    noise = strength * 0.02 * torch.randn(img.shape, generator=g)
    img = (img + noise).clamp(0, 1)
    return torch.cat([img, x[:, 3:]], 1)


def _shift(x: torch.Tensor, g: torch.Generator, max_shift: int) -> torch.Tensor:
    b, _, h, w = x.shape
    d = (torch.rand(b, 2, generator=g) * 2 - 1) * max_shift
    theta = torch.zeros(b, 2, 3)
    theta[:, 0, 0] = theta[:, 1, 1] = 1
    theta[:, 0, 2] = 2 * d[:, 0] / w
    theta[:, 1, 2] = 2 * d[:, 1] / h
    grid = F.affine_grid(theta, x.shape, align_corners=False)
    return F.grid_sample(x, grid, mode="bilinear", padding_mode="reflection", align_corners=False)


def _archive_look(x: torch.Tensor, g: torch.Generator, strength: float) -> torch.Tensor:
    """Rotation within +-45 degrees, scale within +-25 %, grey levels, film grain, blur and vignetting."""
    b, c, h, w = x.shape
    r = lambda *s: torch.rand(*s, generator=g)
    ang = (2 * r(b) - 1) * (torch.pi / 4) * min(1.0, strength)
    scale = torch.exp((2 * r(b) - 1) * 0.22 * min(1.0, strength))
    theta = torch.zeros(b, 2, 3)
    theta[:, 0, 0], theta[:, 0, 1] = torch.cos(ang) * scale, -torch.sin(ang) * scale
    theta[:, 1, 0], theta[:, 1, 1] = torch.sin(ang) * scale, torch.cos(ang) * scale
    grid = F.affine_grid(theta, x.shape, align_corners=False)
    x = F.grid_sample(x, grid, mode="bilinear", padding_mode="reflection", align_corners=False)
    img = x[:, :3]
    grey = (img * torch.tensor([0.299, 0.587, 0.114]).view(1, 3, 1, 1)).sum(1, keepdim=True)
    # film: a tone curve and contrast of its own, never the modern colours
    gamma = torch.exp((2 * r(b, 1, 1, 1) - 1) * 0.35 * strength)
    grey = grey.clamp(1e-4, 1) ** gamma
    mean = grey.mean(dim=(2, 3), keepdim=True)
    grey = mean + (grey - mean) * (1 + (2 * r(b, 1, 1, 1) - 1) * 0.4 * strength)
    sigma = 0.3 + 1.2 * r(b)                         # scanning and lens blur, per photo
    k = torch.arange(-3, 4, dtype=torch.float32)
    for i in range(b):
        ker = torch.exp(-k ** 2 / (2 * float(sigma[i]) ** 2))
        ker = ker / ker.sum()
        gi = F.pad(grey[i:i + 1], (3, 3, 3, 3), mode="replicate")
        gi = F.conv2d(gi, ker.view(1, 1, 1, 7))
        grey[i:i + 1] = F.conv2d(gi, ker.view(1, 1, 7, 1))
    yy, xx = torch.meshgrid(torch.linspace(-1, 1, h), torch.linspace(-1, 1, w), indexing="ij")
    off = (2 * r(b, 2) - 1) * 0.8                    # the window may sit anywhere in the photo's vignette
    rad2 = (xx[None] - off[:, 0, None, None]) ** 2 + (yy[None] - off[:, 1, None, None]) ** 2
    grey = grey * (1 - 0.15 * strength * r(b, 1, 1, 1) * rad2[:, None])
    grey = grey + strength * (0.02 + 0.04 * r(b, 1, 1, 1)) * torch.randn(grey.shape, generator=g)
    return torch.cat([grey.clamp(0, 1).expand(-1, 3, -1, -1), x[:, 3:]], 1)


class PairAugmenter:
    def __init__(self, mode: str = "none", max_shift: int = 0, strength: float = 1.0, has_image: bool = True):
        """``has_image``: False for semantic-only inputs, which get no colour changes."""
        if mode not in MODES:
            raise InputError("unknown augmentation '{mode}' ({modes})", mode=mode, modes=", ".join(MODES))
        self.mode, self.max_shift, self.strength = mode, int(max_shift), float(strength)
        self.has_image = has_image

    def __call__(self, new: torch.Tensor, old: torch.Tensor, g: torch.Generator):
        if self.mode == "none":
            return new, old
        b = new.shape[0]
        k1 = torch.randint(0, 4, (b,), generator=g)
        f1 = torch.rand(b, generator=g) < 0.5
        if self.mode == "paper":
            k2 = torch.randint(0, 4, (b,), generator=g)
            f2 = torch.rand(b, generator=g) < 0.5
            new = _colour(_rot_flip(new, k1, f1), g, self.strength, 0.0, 0.0, self.has_image)
            old = _colour(_rot_flip(old, k2, f2), g, self.strength, 0.0, 0.0, self.has_image)
            return new, old
        new = _colour(_rot_flip(new, k1, f1), g, self.strength, 0.0, 0.2, self.has_image)
        if self.mode == "archive" and self.has_image:
            return new, _archive_look(_rot_flip(old, k1, f1), g, self.strength)
        old = _colour(_rot_flip(old, k1, f1), g, self.strength, 0.2, 0.4, self.has_image)
        if self.max_shift > 0:
            old = _shift(old, g, self.max_shift)
        return new, old
