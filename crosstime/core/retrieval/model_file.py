"""Model files: weights plus everything needed to rebuild and use the network, loaded without running code.

A model file is a ``torch.save`` of plain data (strings, numbers, lists, dicts, tensors) read back with
``torch.load(weights_only=True)``: a file that tries to smuggle in code or arbitrary objects is refused.
A fingerprint over the configuration and the weights ties descriptor indexes to the model that made them.
"""
from __future__ import annotations

import hashlib
import json
import os
import platform
import re
import time
from dataclasses import dataclass
from typing import Optional, Tuple

from ..atomic import atomic_write
from ..errors import CrossTimeError

FORMAT = "crosstime-model"
VERSION = 1


class ModelFileError(CrossTimeError, RuntimeError):
    """Not a CrossTime model file, a damaged one, or one that is unsafe to load."""


def fingerprint(config: dict, state_dict: dict) -> str:
    import torch
    h = hashlib.sha256(json.dumps(config, sort_keys=True).encode())
    for k in sorted(state_dict):
        t = state_dict[k]
        h.update(k.encode())
        if isinstance(t, torch.Tensor):
            t = t.detach().cpu().contiguous()
            h.update(str(t.dtype).encode() + str(tuple(t.shape)).encode())
            h.update(t.reshape(-1).view(torch.uint8).numpy().tobytes() if t.numel() else b"")
    return h.hexdigest()[:32]


def library_versions() -> dict:
    import numpy
    import torch
    v = {"python": platform.python_version(), "torch": torch.__version__, "numpy": numpy.__version__}
    try:
        import torchvision
        v["torchvision"] = torchvision.__version__
    except ImportError:
        pass
    return v


@dataclass
class ModelFile:
    path: str
    config: dict
    meta: dict
    fingerprint: str


def save_model(path: str, net, meta: Optional[dict] = None) -> str:
    """Write ``net`` (a DescriptorNet) atomically; returns its fingerprint."""
    import torch
    cfg = net.cfg.to_dict()
    sd = {k: v.detach().cpu().clone() for k, v in net.state_dict().items()}
    fp = fingerprint(cfg, sd)
    meta = dict(meta or {})
    meta.setdefault("created", time.strftime("%Y-%m-%dT%H:%M:%S"))
    meta.setdefault("libraries", library_versions())
    payload = {"format": FORMAT, "version": VERSION, "config": cfg, "meta": _plain(meta), "fingerprint": fp,
               "state_dict": sd}
    atomic_write(path, lambda f: torch.save(payload, f), ".ctmodel")
    return fp


def safe_torch_load(path: str):
    """torch.load of plain data only (never runs code), without PyTorch's warnings about the file's pickle
    protocol: a refusal is reported by the caller, in its own words."""
    import warnings

    import torch
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=UserWarning, module=r"torch\.")
        return torch.load(path, map_location="cpu", weights_only=True)


def unsafe_content(exc: BaseException) -> str:
    """What a refused file tried to load, in a few words (never PyTorch's advice on how to force it)."""
    m = re.search(r"(?:Unsupported global: |unsupported )GLOBAL ([\w.]+)", str(exc))
    if m:
        return f"it asks to run or build the Python object '{m.group(1)}'"
    m = re.search(r"Unsupported operand (\S+)", str(exc))
    if m:
        return f"it holds a pickle instruction ({m.group(1)}) that plain data never needs"
    return "it holds Python objects or code, not plain data"


def load_failure(exc: BaseException) -> str:
    """``exc`` of a failed torch.load in one line, without any advice to load the file unsafely."""
    text = " ".join(str(exc).split())
    cut = re.search(r"weights.only|trust the source", text, re.IGNORECASE)
    if cut:
        text = text[:cut.start()].rstrip(" .,;:(")
    return f"{type(exc).__name__}: {text[:300]}" if text else type(exc).__name__


def _plain(obj):
    """Only JSON-like data goes into a model file's metadata."""
    return json.loads(json.dumps(obj, default=str))


def read_model_file(path: str, verify: bool = True) -> Tuple[ModelFile, dict]:
    """(header, state_dict), refusing anything that is not a safe, intact CrossTime model file."""
    import pickle
    if not os.path.exists(path):
        raise ModelFileError(f"model file not found: {path}")
    try:
        payload = safe_torch_load(path)
    except pickle.UnpicklingError as exc:
        raise ModelFileError(f"{path}: refused, not loaded: {unsafe_content(exc)}; a CrossTime model file never holds such "
                             "things. The file may be malicious: do not open it by other means, and use a model file "
                             "trained or exported by CrossTime") from None
    except Exception as exc:
        raise ModelFileError(f"{path}: not a readable model file ({load_failure(exc)}); it may be damaged or "
                             "incomplete: train or copy it again") from None
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise ModelFileError(f"{path}: not a CrossTime model file (a plain PyTorch checkpoint? "
                             "Train with CrossTime or export a model with its configuration)")
    if int(payload.get("version", 0)) > VERSION:
        raise ModelFileError(f"{path}: made by a newer CrossTime (model file version {payload['version']})")
    for key in ("config", "state_dict", "fingerprint"):
        if key not in payload:
            raise ModelFileError(f"{path}: damaged model file (no {key})")
    sd = payload["state_dict"]
    if verify and fingerprint(payload["config"], sd) != payload["fingerprint"]:
        raise ModelFileError(f"{path}: damaged model file (the weights do not match their fingerprint)")
    return ModelFile(path, payload["config"], payload.get("meta", {}), payload["fingerprint"]), sd


def load_model(path: str, device: str = "cpu"):
    """(DescriptorNet in eval mode, ModelFile)."""
    from ..nn.descriptor import DescriptorNet, ModelConfig
    info, sd = read_model_file(path)
    try:
        cfg = ModelConfig.from_dict(info.config)
        net = DescriptorNet(cfg, weights="none")
        net.load_state_dict(sd, strict=True)
    except Exception as exc:
        raise ModelFileError(f"{path}: the weights do not fit the network the file describes ({exc})") from exc
    return net.to(device).eval(), info


def model_label(info: ModelFile) -> str:
    c = info.config
    m = info.meta
    parts = [f"{c['backbone']} -> R={c['dim']}, {c['modality']}"
             + (f" ({c['semantic_mode']} semantics)" if c['modality'] != 'visual' else ""),
             f"{c['tile_pixels']} px tiles" + (f" of {c['tile_size']:g} m" if c.get("tile_size") else "")]
    if m.get("recipe"):
        parts.append(f"recipe {m['recipe']}")
    best = m.get("best_val_map5")
    if best is not None:
        parts.append(f"validation map@5 {best:.3f}")
    return ", ".join(parts)


def update_model_meta(path: str, **updates) -> None:
    """Rewrite a model file's metadata (e.g. the whole training history), keeping its weights and fingerprint."""
    import torch
    info, sd = read_model_file(path)
    payload = {"format": FORMAT, "version": VERSION, "config": info.config, "meta": _plain({**info.meta, **updates}),
               "fingerprint": info.fingerprint, "state_dict": sd}
    atomic_write(path, lambda f: torch.save(payload, f), ".ctmodel")
