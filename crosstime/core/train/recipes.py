"""Training settings, with the paper's values as defaults, and the named recipes."""
from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from typing import Optional, Tuple

from ..choices import (
    AUGMENTATIONS,
    BACKBONES,
    DEFAULT_BACKBONE,
    DEFAULT_MAP_THUMBNAIL_SCALING,
    DEFAULT_THUMBNAIL,
    DEFAULT_THUMBNAIL_SEMANTIC,
    DEFAULT_WEIGHTS,
    HEADS,
    MAP_THUMBNAIL_SCALINGS,
    MODALITIES,
    PAIR_DISTANCES,
    PAIR_SAMPLINGS,
    RECIPES,
    SEMANTIC_MODES,
)
from ..errors import InputError
from ..nn.model_config import ModelConfig


@dataclass
class TrainConfig:
    recipe: str = "siamese"
    epochs: int = 100
    batch_pairs: int = 12                # pairs per batch (paper: 12 for the siamese net, 26 for NT-Xent)
    lr: float = 1e-4                     # new layers (stem, head, classifier)
    lr_backbone: Optional[float] = None  # default: lr / 10 for a pretrained backbone, lr when from scratch
    weight_decay: float = 0.0
    # siamese recipe (paper section 4)
    hard_fraction: float = 0.5           # half of each batch from the hard queries
    positive_fraction: float = 0.5       # share of positive pairs
    hard_every: int = 5                  # epochs between two hard-mining passes over the training set
    hard_threshold: float = 0.5          # a query is hard when its map@5 is below this (true match not 1st or 2nd)
    hard_negatives: str = "confusers"    # confusers (the old tiles ranked above the truth) or random
    pair_distance: str = "unit"          # unit: |G1 - G2| of unit-length descriptors, positive weights; paper: as is
    pair_sampling: str = "batch"         # batch: BCE on every (new, old) pair of the batch; paper: the drawn pairs
    # contrastive recipes
    temperature: float = 0.07
    normalize: bool = True
    projection_dim: int = 0              # NT-Xent projection head output (0: loss on the descriptor itself)
    augment: str = "none"                # none, paper, cross-date
    max_shift: int = 0                   # pixels of random shift of the old date (cross-date augmentation)
    learnt_part_loss: float = 0.0        # InfoNCE: weight of a second loss on the learnt part of a joint descriptor
    same_scene_fraction: float = 0.0     # contrastive recipes: share of each batch drawn from one scene (negatives
                                         # that look alike, as the candidates of a search in one ortho do)
    learn_mix: bool = True               # joint descriptor: train the mixing angle (False: held at 45 degrees)
    # common
    batches_per_epoch: Optional[int] = None   # default: one pass over the training queries
    val_every: int = 1
    early_stop: int = 0                  # epochs without validation progress before stopping (0: never)
    map_n: int = 5
    seed: int = 0
    device: str = "auto"
    channels_last: bool = True
    bf16: bool = False
    describe_batch: int = 32
    max_minutes: Optional[float] = None  # stop after the epoch that crosses this wall-clock budget

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> TrainConfig:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in d.items() if k in known})

    def backbone_lr(self, pretrained: bool) -> float:
        if self.lr_backbone is not None:
            return self.lr_backbone
        return self.lr / 10 if pretrained else self.lr


def recipe(name: str, model: Optional[ModelConfig] = None, **overrides) -> Tuple[ModelConfig, TrainConfig]:
    """Model and training settings of a named recipe; ``overrides`` go to whichever of the two has the field."""
    if name not in RECIPES:
        raise InputError("unknown recipe '{name}' ({recipes})", name=name, recipes=", ".join(RECIPES))
    m = model or ModelConfig()
    if name == "siamese":
        t = TrainConfig(recipe="siamese")
    elif name == "ntxent":
        # paper: ResNet50 + average pooling, batches of 26 pairs, tau = 100 without normalisation,
        # Adam lr 1e-3 and decay 1e-6, random rotations and colour changes of the pairs
        m = replace(m, head="pooled", pool="avg", dim=0)
        t = TrainConfig(recipe="ntxent", batch_pairs=26, lr=1e-3, lr_backbone=1e-3, weight_decay=1e-6,
                        temperature=100.0, normalize=False, projection_dim=128, augment="paper")
    else:
        if model is None:       # CrossTime's CPU recipe: a light pretrained backbone plus the image's thumbnail
            m = replace(m, backbone=DEFAULT_BACKBONE, weights=DEFAULT_WEIGHTS, thumbnail=DEFAULT_THUMBNAIL,
                        thumbnail_semantic=DEFAULT_THUMBNAIL_SEMANTIC,
                        map_thumbnail_scaling=DEFAULT_MAP_THUMBNAIL_SCALING)
        m = replace(m, head="pooled", pool="gem", dim=m.dim or 256)
        # with a thumbnail: the learnt part also matches places on its own, and the mixing angle stays at 45 degrees
        t = TrainConfig(recipe="infonce", batch_pairs=32, lr=3e-4, temperature=0.07, normalize=True,
                        augment="cross-date", max_shift=8, epochs=30, learnt_part_loss=1.0, learn_mix=False)
    mk = {f.name for f in fields(ModelConfig)}
    tk = {f.name for f in fields(TrainConfig)}
    for k, v in overrides.items():
        if v is None:
            continue
        if k in tk:
            t = replace(t, **{k: v})
        elif k in mk:
            m = replace(m, **{k: v})
        else:
            raise InputError("unknown setting '{k}'", k=k)
    if m.modality == "semantic" and overrides.get("thumbnail") is None:
        m = replace(m, thumbnail=0)         # a thumbnail needs the image
    return m, t


@dataclass(frozen=True)
class TrainOption:
    """A training or model setting a user may change, as the command line offers it; its type and default come from
    the ``TrainConfig`` or ``ModelConfig`` field of the same name (an option left unset keeps the recipe's value)."""
    name: str                            # a TrainConfig or ModelConfig field
    help: str = ""
    flag: str = ""                       # the command-line flag, when it is not the field's name with dashes
    choices: Tuple[str, ...] = ()
    metavar: Optional[str] = None

    @property
    def cli_flag(self) -> str:
        return "--" + (self.flag or self.name.replace("_", "-"))

    @property
    def kind(self) -> str:
        """'bool', 'int', 'float' or 'str', from the field's annotation."""
        annotation = str(_FIELD_TYPES[self.name])
        for kind in ("bool", "int", "float"):
            if kind in annotation:
                return kind
        return "str"

    @property
    def field_default(self):
        return _FIELD_DEFAULTS[self.name]


_FIELD_TYPES = {f.name: f.type for cfg in (ModelConfig, TrainConfig) for f in fields(cfg)}
_FIELD_DEFAULTS = {f.name: f.default for cfg in (ModelConfig, TrainConfig) for f in fields(cfg)}


def _pairs(options: dict) -> str:
    return "; ".join(f"{k}: {v}" for k, v in options.items())


# the settings of TrainConfig and ModelConfig a user may set on the command line (the Processing algorithm offers
# the most used of them); help written once, here
TRAIN_OPTIONS: Tuple[TrainOption, ...] = (
    TrainOption("backbone", f"default: the recipe's ({DEFAULT_BACKBONE} for the CPU recipe)", choices=BACKBONES),
    TrainOption("weights", "imagenet, none or a weights file (default: the recipe's)"),
    TrainOption("dim", "descriptor size R"),
    TrainOption("semantic_mode", "how the rasterized map enters the network", flag="semantic",
                choices=tuple(SEMANTIC_MODES)),
    TrainOption("modality", "image and map (fusion), image alone or map alone", choices=MODALITIES),
    TrainOption("head", "paper: convolutions and a fully connected layer; pooled: GeM and a linear layer",
                choices=HEADS),
    TrainOption("tile_pixels", "tiles are resized to this side before the network"),
    TrainOption("thumbnail", "joint descriptor: add a per-tile standardised CELLSxCELLS thumbnail beside the learnt "
                "part", metavar="CELLS"),
    TrainOption("thumbnail_semantic", "with fusion, a thumbnail of the rasterized map beside the image's (CPU recipe "
                "default: on)"),
    TrainOption("map_thumbnail_scaling", "how the map's thumbnail is scaled: " + _pairs(MAP_THUMBNAIL_SCALINGS)
                + " (CPU recipe default: training)", choices=tuple(MAP_THUMBNAIL_SCALINGS)),
    TrainOption("learnt_part_loss", "InfoNCE with a thumbnail: weight of a second loss on the learnt part alone",
                metavar="WEIGHT"),
    TrainOption("same_scene_fraction", "contrastive recipes: share of each batch drawn from one scene",
                metavar="FRACTION"),
    TrainOption("learn_mix", "train the angle that mixes the learnt part and the thumbnails (CPU recipe default: "
                "held at 45 degrees)"),
    TrainOption("flip_average", "describe each tile and its mirror image (test time)"),
    TrainOption("epochs", "number of epochs (the reproducible budget)"),
    TrainOption("batch_pairs", "pairs per batch", flag="batch"),
    TrainOption("lr", "learning rate of the new layers"),
    TrainOption("lr_backbone", "learning rate of the backbone (default: lr / 10 when pretrained)"),
    TrainOption("hard_every", "siamese recipe: epochs between two hard-mining passes"),
    TrainOption("pair_distance", "siamese recipe: " + _pairs(PAIR_DISTANCES), choices=tuple(PAIR_DISTANCES)),
    TrainOption("pair_sampling", "siamese recipe: " + _pairs(PAIR_SAMPLINGS), choices=tuple(PAIR_SAMPLINGS)),
    TrainOption("augment", "augmentations of the training pairs", choices=AUGMENTATIONS),
    TrainOption("temperature", "contrastive recipes: softmax temperature"),
    TrainOption("batches_per_epoch", "default: one pass over the training queries"),
    TrainOption("early_stop", "epochs without validation progress before stopping (0: never)"),
    TrainOption("max_minutes", "stop after the epoch that crosses this wall-clock budget (depends on the machine's "
                "load)"),
    TrainOption("seed", "random seed of the split, the batches and the new layers"),
    TrainOption("device", "auto, cpu or cuda"),
    TrainOption("bf16", "bfloat16 autocast (faster on recent CPUs and GPUs)"),
)
