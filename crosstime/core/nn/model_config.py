"""The settings that rebuild a descriptor network, saved with its weights (no torch needed to read them)."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Optional, Tuple

from ..choices import DEFAULT_LEGEND, DEFAULT_PIXELS
from ..errors import InputError

IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)


# settings added after the first model files, with the value a file without them means
ADDED_LATER = {"map_thumbnail_scaling": "tile"}


@dataclass
class ModelConfig:
    """Everything needed to rebuild a descriptor network; saved with its weights."""
    backbone: str = "resnet50"
    weights: str = "imagenet"            # what the backbone started from: imagenet, none, or a file
    dim: int = 256                       # R
    modality: str = "fusion"             # fusion (image + semantics), visual, semantic
    semantic_mode: str = "rgb"           # rgb (6 input channels) or grey (4)
    head: str = "paper"                  # paper: C1-C3 + fully connected on the map; pooled: GeM + linear
    head_channels: Tuple[int, ...] = (1024, 512, 256)
    head_batchnorm: bool = True
    head_activation: str = "tanh"
    pool: str = "gem"                    # pooling of the 'pooled' head
    tile_pixels: int = DEFAULT_PIXELS
    tile_size: Optional[float] = None    # ground units covered by one tile, for information and checks
    legend: str = DEFAULT_LEGEND
    mean: Tuple[float, float, float] = IMAGENET_MEAN
    std: Tuple[float, float, float] = IMAGENET_STD
    # joint descriptor: the learnt part and a per-tile standardised thumbnail of the image (side in cells, 0: none),
    # each of unit length, weighted by the cosine and sine of a mixing angle (45 degrees unless training learns it);
    # cosine similarity then adds the parts' similarities
    thumbnail: int = 0
    thumbnail_semantic: bool = False     # with fusion: a thumbnail of the rasterized map too, as its own part
    map_thumbnail_scaling: str = "tile"  # tile: standardised per tile; training: per value, by the training tiles
    flip_average: bool = False           # describe each tile and its mirror image, and add the two (test time)

    def to_dict(self) -> dict:
        d = asdict(self)
        for k in ("head_channels", "mean", "std"):
            d[k] = list(d[k])
        # a setting added later is written only where it differs from what its absence means: files that do not use
        # it stay readable by older versions, and their fingerprints (which indexes check) do not change
        for k, absent in ADDED_LATER.items():
            if d[k] == absent:
                del d[k]
        return d

    @classmethod
    def from_dict(cls, d: dict) -> ModelConfig:
        known = {f for f in cls.__dataclass_fields__}
        unknown = set(d) - known
        if unknown:
            raise InputError("unknown model settings {unknown} (made by a newer CrossTime?)", unknown=sorted(unknown))
        d = dict(d)
        for k in ("head_channels", "mean", "std"):
            if k in d:
                d[k] = tuple(d[k])
        return cls(**d)

    @property
    def in_channels(self) -> int:
        sem = 3 if self.semantic_mode == "rgb" else 1
        return {"fusion": 3 + sem, "visual": 3, "semantic": sem}[self.modality]
