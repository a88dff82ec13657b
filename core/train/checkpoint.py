"""Training checkpoints: written atomically every epoch, read back without executing code."""
from __future__ import annotations

import os
import tempfile
from typing import Optional

import torch

NAME = "last.ckpt"


def save_checkpoint(folder: str, state: dict) -> str:
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, NAME)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".ckpt", dir=folder)
    os.close(fd)
    try:
        torch.save(state, tmp)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise
    return path


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
