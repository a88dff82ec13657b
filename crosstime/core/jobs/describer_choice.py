"""Which describer turns tiles into descriptors: a model file, the untrained baseline, or Quick mode."""
from __future__ import annotations

import os
from typing import Optional, Tuple

from ..choices import DEFAULT_PIXELS, DEFAULT_TILE_SIZE, DESCRIBER_GENERAL, DESCRIBER_QUICK, DESCRIBER_UNTRAINED
from ..errors import CrossTimeError
from ..geo.legend import Legend
from ..messages import Message
from ..progress import Progress

QUICK = DESCRIBER_QUICK      # the describer that needs no model and no torch: a per-tile standardised thumbnail
UNTRAINED = DESCRIBER_UNTRAINED   # the CPU recipe's network untrained, its model file made beside the index
UNTRAINED_SEED = 0
GENERAL = DESCRIBER_GENERAL       # the model shipped with the plugin (crosstime/models/, ONNX)


def shipped_model(model: Optional[str]) -> Optional[str]:
    """``model`` with 'general' replaced by the shipped model's file (checked against its card)."""
    if model == GENERAL:
        from ..retrieval.general_model import checked_general_model
        return checked_general_model()
    return model


def untrained_model_path(index_path: str) -> str:
    """Where the untrained network of an index is kept: beside it (``old.ctindex`` -> ``old.untrained.ctmodel``)."""
    return os.path.splitext(index_path)[0] + ".untrained.ctmodel"


def model_for_index(model: Optional[str], index_path: str) -> Optional[str]:
    """The model file an index was made with, the untrained network's being the one beside it."""
    if model != UNTRAINED:
        return shipped_model(model)
    path = untrained_model_path(index_path)
    if not os.path.exists(path):
        raise CrossTimeError("{path}: the untrained network of the index {index} is missing; it is made when the "
                             "index is built with it: build the index again", path=path, index=index_path)
    return path


def write_untrained_model(path: str, tiles, legend: Legend, *, pixels: int, dates: Tuple[str, ...],
                          progress: Progress) -> str:
    """The CPU recipe's network without training (ImageNet EfficientNet-Lite0, random head drawn from a fixed seed,
    16x16 thumbnails of the image and of the map), its map thumbnail scaled on ``tiles`` as the trainer does before
    its first step, saved at ``path``. On the real-pairs test it measured map@5 0.632 +- 0.058 against 0.583 +- 0.070
    for the Quick thumbnail (docs/benchmarks.md); it needs PyTorch and the EfficientNet-Lite0 packages."""
    import torch

    from ..nn.descriptor import DescriptorNet
    from ..retrieval.model_file import save_model
    from ..train.map_thumbnail import fit_map_thumbnail
    from ..train.recipes import recipe
    model, _ = recipe("infonce", tile_pixels=pixels, seed=UNTRAINED_SEED)
    generator_state = torch.random.get_rng_state()
    try:
        torch.manual_seed(UNTRAINED_SEED)            # the same head for every index made this way
        net = DescriptorNet(model).eval()
    finally:
        torch.random.set_rng_state(generator_state)
    fit_map_thumbnail(net, tiles, legend, seed=UNTRAINED_SEED, progress=progress, dates=dates)
    save_model(path, net, {"untrained": True, "recipe": "infonce"})
    return path


def describer_for(model: Optional[str], legend: Legend, *, pixels: int = DEFAULT_PIXELS, semantic_mode: str = "rgb",
                  device: str = "auto"):
    """A model file's describer; 'quick' for the thumbnail describer (numpy only, no training); 'general' for the
    model shipped with the plugin; the untrained CNN baseline when ``model`` is empty or 'baseline'.

    A model brings its own input size and semantic mode; ``pixels`` and ``semantic_mode`` apply to the baselines.
    """
    from ..retrieval.describer import BaselineDescriber, ThumbnailDescriber
    if model == QUICK:
        return ThumbnailDescriber(pixels)
    if model == UNTRAINED:
        raise CrossTimeError("the untrained network is made when an index is built with it, beside the index: build "
                             "the index first")
    model = shipped_model(model)
    if model and model != "baseline":
        return model_describer(model, legend, device=device)
    return BaselineDescriber(legend, semantic_mode=semantic_mode, pixels=pixels, device=device)


def model_describer(model: str, legend: Legend, *, device: str = "auto"):
    """The describer of a model file: an exported ONNX model (``.onnx``) runs with onnxruntime; a ``.ctmodel`` runs
    with PyTorch, or, where PyTorch is absent, as the ONNX file of the same name beside it when there is one."""
    from ..retrieval.describer import ModelDescriber
    from ..retrieval.onnx_describer import OnnxDescriber, is_onnx_path, torch_available
    if is_onnx_path(model):
        return OnnxDescriber(model, legend, device)
    if not torch_available():
        beside = os.path.splitext(model)[0] + ".onnx"
        if os.path.exists(beside):
            return OnnxDescriber(beside, legend, device)
        raise CrossTimeError("{model}: this model file needs PyTorch, which is not installed. Install it (QGIS: "
                             "Plugins > CrossTime > Dependencies), or export the model to ONNX where PyTorch is "
                             "(python -m crosstime export MODEL --out MODEL.onnx) and use the .onnx file", model=model)
    return ModelDescriber(model, legend, device)


def describer_named_by_index(model_config: Optional[dict], fingerprint: Optional[str]) -> Optional[str]:
    """QUICK or GENERAL when an index's header (its model configuration and fingerprint) says one of them made it,
    else None (a model file, or the untrained baseline)."""
    if (model_config or {}).get("baseline") == "thumbnail":
        return QUICK
    from ..retrieval.general_model import general_model_card
    shipped = general_model_card().get("fingerprint")
    return GENERAL if shipped and shipped == fingerprint else None


def describer_for_index(index, model: Optional[str], legend: Legend, *, device: str = "auto",
                        what: Optional[str] = None):
    """The describer that made ``index``: the model file given; else Quick, the shipped general model or the
    baseline, whichever the index says made it.

    Refuses (IndexFileError) a describer whose fingerprint differs from the index's.
    """
    cfg = index.model_config or {}
    pixels = int((index.grid or {}).get("pixels") or cfg.get("tile_pixels") or DEFAULT_PIXELS)
    model = model or describer_named_by_index(cfg, index.model_fingerprint)
    describer = describer_for(model, legend, pixels=pixels, semantic_mode=cfg.get("semantic_mode", "rgb"),
                              device=device)
    index.check_model(describer.fingerprint, *([what] if what else []))
    return describer


def tile_settings(describer, model: Optional[str], tile_size: Optional[float], pixels: Optional[int],
                  progress: Progress) -> Tuple[float, int]:
    """The tile size and pixels of an index: the caller's, else the model's (what it was trained on), else the
    defaults. A model trained on other tiles than asked still works (tiles are resized) but is told about."""
    cfg = describer.config if model and model != "baseline" else {}
    m_size, m_px = cfg.get("tile_size"), cfg.get("tile_pixels")
    size = float(tile_size) if tile_size is not None else float(m_size or DEFAULT_TILE_SIZE)
    px = int(pixels) if pixels is not None else int(m_px or DEFAULT_PIXELS)
    if (m_size and abs(size - float(m_size)) > 1e-6 * float(m_size)) or (m_px and px != int(m_px)):
        trained = (Message("{size:g} ground units", size=float(m_size)) if m_size
                   else Message("an unrecorded size"))
        progress.info(Message("the model {model} was trained on tiles of {trained} at {m_px} px; this index uses tiles "
                              "of {size:g} at {px} px as asked (leave the tile size and pixels unset to use the "
                              "model's)", model=model, trained=trained, m_px=m_px, size=size, px=px))
    return size, px


def warn_if_trained_elsewhere(describer, legend: Legend, progress: Progress) -> None:
    """A model drawn with another legend reads the semantic images differently: it still runs, and says so."""
    trained = (getattr(describer, "config", None) or {}).get("legend")
    modality = (describer.config or {}).get("modality", "fusion")
    if trained and legend is not None and trained != legend.name and modality != "visual":
        progress.info(Message("warning: the model was trained on vectors drawn with the legend '{trained}', and is "
                              "applied to vectors drawn with '{legend}'; choose the legend it was trained with if you can",
                              trained=trained, legend=legend.name))


def index_bytes(tiles: int, describer) -> Optional[int]:
    """About the size of an index file of ``tiles`` descriptors (None when the describer does not say its size)."""
    dim = (describer.config or {}).get("dim")
    return int(tiles * (4 * int(dim) + 160)) if dim else None
