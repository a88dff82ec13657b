"""Every option list a user chooses from, with its labels, in one place.

The command line, the Processing algorithms and the dock are built from these lists; nothing here
imports a heavy package, so the plugin can show them before torch is installed.
"""
from __future__ import annotations

from typing import Dict, List, Tuple

# training recipes: key -> label
RECIPES: Dict[str, str] = {
    "siamese": "paper: siamese network, |G(x1)-G(x2)| + sigmoid, BCE, hard mining",
    "infonce": "CrossTime CPU recipe: in-batch InfoNCE both ways, cross-date augmentations",
    "ntxent": "paper section 5 comparison: NT-Xent contrastive (SimCLR-style)",
}
# the recommended recipe on an ordinary computer (no GPU); the paper's stays one choice away
DEFAULT_RECIPE = "infonce"
# its network: a light ImageNet backbone fine-tuned slowly, joined with a 16x16 thumbnail of the image (measured
# against the alternatives in bench/bench_quality.py; see docs/benchmarks.md, lever table)
DEFAULT_BACKBONE = "efficientnet_lite0"
DEFAULT_WEIGHTS = "imagenet"
DEFAULT_THUMBNAIL = 16
# and, with topographic vectors (fusion), a thumbnail of the rasterized map beside the image's: on the synthetic
# landscapes it lifts the trained map@5 from 0.538 to 0.655 (1 seed, 5 min)
DEFAULT_THUMBNAIL_SEMANTIC = True
# how the map's thumbnail is scaled: each value by its mean and spread over the training tiles (a rare category
# weighs more than a common one, and a tile's share of each category counts), or each tile on its own (the first
# versions: a tile with a little of a category looked like one full of it). Measured on the synthetic landscapes
# (docs/benchmarks.md, lever table)
MAP_THUMBNAIL_SCALINGS: Dict[str, str] = {
    "training": "each value by its mean and spread over the training tiles",
    "tile": "each tile standardised on its own",
}
DEFAULT_MAP_THUMBNAIL_SCALING = "training"

# tiles when neither the user nor the model says: the paper's 1 km tiles at 256 px (ground units of the grid's CRS)
DEFAULT_TILE_SIZE = 1000.0
DEFAULT_PIXELS = 256
# archive search's modern tiles: 200 m described at 64 px (a scanned photo covers a few of them)
ARCHIVE_TILE_SIZE = 200.0
ARCHIVE_PIXELS = 64

# what describes tiles in the dock: no training, the model learnt on this region, or a chosen model file
DESCRIBER_QUICK, DESCRIBER_REGION, DESCRIBER_FILE = "quick", "region", "file"
# the CPU recipe's network, untrained (ImageNet EfficientNet-Lite0, seeded random head, thumbnails): made beside the
# index it describes, when the index is built (jobs.describer_choice.write_untrained_model)
DESCRIBER_UNTRAINED = "untrained"
# the general model shipped inside the plugin (crosstime/models/, ONNX: onnxruntime, no PyTorch)
DESCRIBER_GENERAL = "general"
# what Processing's index building describes tiles with, besides a model file: key -> label
INDEX_DESCRIBERS: Dict[str, str] = {
    "file": "the model file above (empty: the untrained baseline)",
    DESCRIBER_QUICK: "Quick: a 16x16 thumbnail (no training, no PyTorch)",
    DESCRIBER_GENERAL: "the general model shipped with CrossTime (onnxruntime, no PyTorch)",
}

# backbones offered to users (more can be registered in core.nn.backbones)
BACKBONES: Tuple[str, ...] = ("resnet50", "resnet34", "resnet18", "resnet101", "efficientnet_lite0",
                              "efficientnet_lite1", "efficientnet_lite2")
WEIGHTS: Dict[str, str] = {
    "imagenet": "ImageNet (downloaded once when online; EfficientNet-Lite0 ships with its package)",
    "none": "none (train from scratch)",
}
DESCRIPTOR_SIZES: Tuple[int, ...] = (128, 256, 512)
DEVICES: Tuple[str, ...] = ("auto", "cpu", "cuda")
SEMANTIC_MODES: Dict[str, str] = {"rgb": "RGB (6 input channels)", "grey": "grey (4 input channels)"}
MODALITIES: Tuple[str, ...] = ("fusion", "visual", "semantic")
HEADS: Tuple[str, ...] = ("paper", "pooled")
AUGMENTATIONS: Tuple[str, ...] = ("none", "paper", "cross-date", "archive")
# the siamese recipe's classifier: on unit-length descriptors with positive weights (agrees with the cosine k-NN
# that retrieves), or the paper's free linear layer on |G1 - G2| as printed
PAIR_DISTANCES: Dict[str, str] = {
    "unit": "|G1-G2| of unit-length descriptors, positive weights (agrees with cosine retrieval)",
    "paper": "|G1-G2| as printed, free linear layer",
}
# which pairs of a batch the siamese recipe's BCE scores: every (new, old) pair of the batch (each anchor against
# the other anchors' old tiles as well: 23 times more negatives for the same images described), or the drawn pairs
# alone, as printed
PAIR_SAMPLINGS: Dict[str, str] = {
    "batch": "every (new, old) pair of the batch, positives and negatives weighing half each",
    "paper": "only the drawn pairs (one partner per anchor), as printed",
}

# legend presets: key -> label (the presets themselves live in core.geo.legend)
# how the classes of a land-cover raster become categories (core.geo.class_mapping); "auto": a mapping file beside
# the raster, else its class names
CLASS_MAPPINGS: Dict[str, str] = {
    "auto": "automatic: a mapping file beside the raster, else its class names",
    "worldcover": "ESA WorldCover",
    "flair": "IGN FLAIR / CoSIA",
}

LEGEND_PRESETS: Dict[str, str] = {
    "bdtopo_v3": "IGN BD TOPO v3",
    "bdtopo_v2": "IGN BD TOPO v2 (2004-era shapefiles)",
    "osm": "OpenStreetMap tags",
}
DEFAULT_LEGEND = "bdtopo_v3"

# untrained baselines: key -> (extractor, pooling, input pixels (0: the tile's own), label)
BASELINES: Dict[str, Tuple[str, str, int, str]] = {
    "thumbnail": ("thumbnail", "flat", 0, "16x16 thumbnail"),
    "efficientnet_lite0_max": ("efficientnet_lite0", "max", 0, "EfficientNet-Lite0 ImageNet + max pool (offline)"),
    "efficientnet_lite0_gem": ("efficientnet_lite0", "gem", 0, "EfficientNet-Lite0 ImageNet + GeM"),
    "resnet50_max_512": ("resnet50", "max", 512, "ResNet50 ImageNet + max pool at 512 px (paper Table 3)"),
    "resnet50_gem_1024": ("resnet50", "gem", 1024, "ResNet50 ImageNet + GeM at 1024 px (paper Table 4)"),
}
LIGHT_BASELINES: Tuple[str, ...] = ("thumbnail", "efficientnet_lite0_max", "efficientnet_lite0_gem")
PAPER_BASELINES: Tuple[str, ...] = ("resnet50_max_512", "resnet50_gem_1024")

# the fields of the bulk-match GeoPackage layers: (name, type) with type in str, int, float
QUERY_FIELDS: List[Tuple[str, str]] = [
    ("query_id", "str"), ("best_id", "str"), ("best_score", "float"), ("match_ids", "str"), ("scores", "str"),
    ("same_id_rank", "int"), ("correct", "int"), ("neighbourhood", "str"), ("neighbours", "int")]
MATCH_FIELDS: List[Tuple[str, str]] = [("query_id", "str"), ("rank", "int"), ("match_id", "str"), ("score", "float")]
LINK_FIELDS: List[Tuple[str, str]] = [("query_id", "str"), ("match_id", "str"), ("score", "float"), ("correct", "int")]


def keys(options) -> List[str]:
    return list(options)


def labels(options) -> List[str]:
    """The labels of a key -> label dict (or the keys themselves for a plain tuple)."""
    if isinstance(options, dict):
        return [v[-1] if isinstance(v, tuple) else v for v in options.values()]
    return [str(o) for o in options]
