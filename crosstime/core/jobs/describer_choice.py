"""Which describer turns tiles into descriptors: a model file, the untrained baseline, or Quick mode."""
from __future__ import annotations

import os
from typing import Optional, Tuple

from ..choices import DEFAULT_PIXELS, DEFAULT_TILE_SIZE, DESCRIBER_QUICK
from ..errors import CrossTimeError
from ..geo.legend import Legend
from ..progress import Progress

QUICK = DESCRIBER_QUICK      # the describer that needs no model and no torch: a per-tile standardised thumbnail


def describer_for(model: Optional[str], legend: Legend, *, pixels: int = DEFAULT_PIXELS, semantic_mode: str = "rgb",
                  device: str = "auto"):
    """A model file's describer; 'quick' for the thumbnail describer (numpy only, no training); the untrained
    CNN baseline when ``model`` is empty or 'baseline'.

    A model brings its own input size and semantic mode; ``pixels`` and ``semantic_mode`` apply to the baselines.
    """
    from ..retrieval.describer import BaselineDescriber, ThumbnailDescriber
    if model == QUICK:
        return ThumbnailDescriber(pixels)
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
        raise CrossTimeError(f"{model}: this model file needs PyTorch, which is not installed. Install it (QGIS: "
                             "Plugins > CrossTime > Dependencies), or export the model to ONNX where PyTorch is "
                             "(python -m crosstime export MODEL --out MODEL.onnx) and use the .onnx file")
    return ModelDescriber(model, legend, device)


def describer_for_index(index, model: Optional[str], legend: Legend, *, device: str = "auto",
                        what: str = "the index"):
    """The describer that made ``index``: the model file given, or the baseline with the index's own settings.

    Refuses (IndexFileError) a describer whose fingerprint differs from the index's.
    """
    cfg = index.model_config or {}
    pixels = int((index.grid or {}).get("pixels") or cfg.get("tile_pixels") or DEFAULT_PIXELS)
    if not model and cfg.get("baseline") == "thumbnail":
        model = QUICK
    describer = describer_for(model, legend, pixels=pixels, semantic_mode=cfg.get("semantic_mode", "rgb"),
                              device=device)
    index.check_model(describer.fingerprint, what)
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
        trained = f"{float(m_size):g} ground units" if m_size else "tiles of an unrecorded size"
        progress.info(f"the model {model} was trained on tiles of {trained} at {m_px} px; this index uses tiles of "
                      f"{size:g} at {px} px as asked (leave the tile size and pixels unset to use the model's)")
    return size, px


def warn_if_trained_elsewhere(describer, legend: Legend, progress: Progress) -> None:
    """A model drawn with another legend reads the semantic images differently: it still runs, and says so."""
    trained = (getattr(describer, "config", None) or {}).get("legend")
    modality = (describer.config or {}).get("modality", "fusion")
    if trained and legend is not None and trained != legend.name and modality != "visual":
        progress.info(f"warning: the model was trained on vectors drawn with the legend '{trained}', and is applied "
                      f"to vectors drawn with '{legend.name}'; choose the legend it was trained with if you can")


def index_bytes(tiles: int, describer) -> Optional[int]:
    """About the size of an index file of ``tiles`` descriptors (None when the describer does not say its size)."""
    dim = (describer.config or {}).get("dim")
    return int(tiles * (4 * int(dim) + 160)) if dim else None
