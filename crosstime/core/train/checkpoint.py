"""Training checkpoints: written atomically every epoch, read back without executing code."""
from __future__ import annotations

import os
from typing import Optional

import torch

from ..atomic import atomic_write, remove_stale_temporaries
from ..errors import CrossTimeError
from ..messages import Message

NAME = "last.ckpt"


class CheckpointError(CrossTimeError, RuntimeError):
    """A checkpoint that cannot be resumed from: damaged, from another version, or unsafe."""


def save_checkpoint(folder: str, state: dict) -> str:
    return atomic_write(os.path.join(folder, NAME), lambda f: torch.save(state, f), ".ckpt")


def load_checkpoint(folder: Optional[str]) -> Optional[dict]:
    """The last checkpoint of ``folder`` (None when there is none). Temporaries of killed runs are removed."""
    if not folder:
        return None
    path = os.path.join(folder, NAME)
    remove_stale_temporaries(path, ".ckpt")
    if not os.path.exists(path):
        return None
    from ..torch_files import load_plain_data
    return load_plain_data(path, CheckpointError, Message("a CrossTime checkpoint"),
                           Message("The file may be malicious: delete it (training then starts over) and check who "
                                   "could write to that folder"),
                           Message("cannot resume from this checkpoint"), Message("delete it to start over"))
