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
import time
from dataclasses import dataclass
from typing import Optional, Tuple

from ..atomic import atomic_write
from ..errors import CrossTimeError
from ..messages import Detail, Message

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
            if t.numel():
                h.update(t.reshape(-1).view(torch.uint8).numpy())       # the tensor's own bytes, not a copy
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


def _plain(obj):
    """Only JSON-like data goes into a model file's metadata."""
    return json.loads(json.dumps(obj, default=str))


def read_model_file(path: str, verify: bool = True) -> Tuple[ModelFile, dict]:
    """(header, state_dict), refusing anything that is not a safe, intact CrossTime model file."""
    from ..torch_files import load_plain_data
    if not os.path.exists(path):
        raise ModelFileError("model file not found: {path}", path=path)
    payload = load_plain_data(path, ModelFileError, Message("a CrossTime model file"),
                              Message("The file may be malicious: do not open it by other means, and use a model file "
                                      "trained or exported by CrossTime"),
                              Message("not a readable model file"),
                              Message("it may be damaged or incomplete: train or copy it again"))
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise ModelFileError("{path}: not a CrossTime model file (a plain PyTorch checkpoint? "
                             "Train with CrossTime or export a model with its configuration)", path=path)
    if int(payload.get("version", 0)) > VERSION:
        raise ModelFileError("{path}: made by a newer CrossTime (model file version {version})",
                             path=path, version=payload["version"])
    for key in ("config", "state_dict", "fingerprint"):
        if key not in payload:
            raise ModelFileError("{path}: damaged model file (no {key})", path=path, key=key)
    sd = payload["state_dict"]
    if verify and fingerprint(payload["config"], sd) != payload["fingerprint"]:
        raise ModelFileError("{path}: damaged model file (the weights do not match their fingerprint)", path=path)
    return ModelFile(path, payload["config"], payload.get("meta", {}), payload["fingerprint"]), sd


def load_model(path: str, device: str = "cpu"):
    """(DescriptorNet in eval mode, ModelFile)."""
    from ..nn.descriptor import DescriptorNet
    from ..nn.model_config import ModelConfig
    info, sd = read_model_file(path)
    try:
        cfg = ModelConfig.from_dict(info.config)
        net = _net_holding(DescriptorNet, cfg, sd)
    except Exception as exc:
        raise ModelFileError("{path}: the weights do not fit the network the file describes ({exc})",
                             path=path, exc=Detail(str(exc))) from exc
    return net.to(device).eval(), info


def _net_holding(make, cfg, sd):
    """The network made for ``cfg`` holding the weights ``sd``. Made without memory (torch's meta device), the file's
    tensors then taken as they are: drawing random initial weights only to overwrite them was a fifth of the time a
    click waited for its matcher. Made the ordinary way where that cannot work (an older torch, a tensor the file
    does not hold)."""
    import torch
    try:
        with torch.device("meta"):
            net = make(cfg, weights="none")
        net.load_state_dict(sd, strict=True, assign=True)
        if not any(t.is_meta for t in list(net.parameters()) + list(net.buffers())):
            return net
    except (TypeError, AttributeError, NotImplementedError, RuntimeError):
        pass
    net = make(cfg, weights="none")
    net.load_state_dict(sd, strict=True)
    return net


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
