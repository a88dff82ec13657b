"""Training checkpoints: written atomically every epoch, read back without executing code."""
from __future__ import annotations

import os
from typing import Optional

import torch

from ..atomic import atomic_write

NAME = "last.ckpt"


def save_checkpoint(folder: str, state: dict) -> str:
    return atomic_write(os.path.join(folder, NAME), lambda f: torch.save(state, f), ".ckpt")


def load_checkpoint(folder: Optional[str]) -> Optional[dict]:
    if not folder:
        return None
    path = os.path.join(folder, NAME)
    if not os.path.exists(path):
        return None
    try:
        return torch.load(path, map_location="cpu", weights_only=True)
    except Exception as exc:
        raise RuntimeError(f"{path}: cannot resume from this checkpoint ({type(exc).__name__}: {exc}); "
                           "delete it to start over") from exc
