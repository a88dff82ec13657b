"""The general model that ships with the plugin: an ONNX descriptor (run by onnxruntime, no PyTorch) trained on
every usable real pair and the synthetic landscape by ``scripts/train_general_model.py``, with its card.

The card (``crosstime-general-v1.json`` beside the model) holds the model file's SHA-256, the data, the recipe and
the leave-one-source-out figures (``bench/bench_general_model.py``): each source scored by a model of the same
recipe trained without it. The model is offered first only where that table puts it above Quick mode on most
sources (``docs/model-card.md``).
"""
from __future__ import annotations

import hashlib
import json
import os
from typing import Optional

from ..errors import CrossTimeError

MODELS_FOLDER = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "models")
GENERAL_MODEL = "crosstime-general-v1.onnx"
GENERAL_CARD = "crosstime-general-v1.json"


def general_model_path(folder: str = MODELS_FOLDER) -> str:
    return os.path.join(folder, GENERAL_MODEL)


def general_model_card(folder: str = MODELS_FOLDER) -> dict:
    """The card of the shipped model ({} when the plugin carries none, or an unreadable one)."""
    try:
        with open(os.path.join(folder, GENERAL_CARD), encoding="utf-8") as f:
            card = json.load(f)
    except (OSError, ValueError):
        return {}
    return card if isinstance(card, dict) else {}


def general_model_available(folder: str = MODELS_FOLDER) -> bool:
    return os.path.exists(general_model_path(folder)) and bool(general_model_card(folder))


def sha256_of(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def checked_general_model(folder: str = MODELS_FOLDER) -> str:
    """The shipped model's path, its SHA-256 checked against its card; a clear error when it is missing or altered."""
    path = general_model_path(folder)
    card = general_model_card(folder)
    if not os.path.exists(path) or not card:
        raise CrossTimeError("the general model is not in this installation ({path} and its card): reinstall the "
                             "plugin, or choose Quick or a model file", path=path)
    if sha256_of(path) != card.get("sha256"):
        raise CrossTimeError("{path}: the general model differs from the one its card describes (SHA-256): reinstall "
                             "the plugin", path=path)
    return path


def general_model_is_default(card: Optional[dict] = None) -> bool:
    """Whether the shipped model is offered first: above Quick mode, at the 3x3 neighbourhood the dock uses by default,
    on more than half of the sources of its leave-one-source-out table."""
    card = general_model_card() if card is None else card
    table = (card.get("leave_one_source_out") or {}).get("sources") or {}
    wins = sum(1 for row in table.values() if row.get("trained, 3x3", -1) > row.get("Quick thumbnail, 3x3", 1))
    return bool(table) and wins * 2 > len(table)
