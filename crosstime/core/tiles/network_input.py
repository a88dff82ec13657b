"""Turn tile images and semantic code rasters into network input tensors."""
from __future__ import annotations

from typing import Sequence

import numpy as np

from ..geo.legend import Legend


def stack_input_u8(images: np.ndarray, codes: np.ndarray, legend: Legend, modality: str = "fusion",
                   semantic_mode: str = "rgb") -> np.ndarray:
    """(B, H, W, 3) uint8 images and (B, H, W) codes -> (B, H, W, C) uint8, channels last.

    Channel order: image RGB, then the semantic image (RGB or grey), as the eq. 4 stem expects.
    """
    parts = []
    if modality in ("fusion", "visual"):
        parts.append(np.asarray(images, np.uint8))
    if modality in ("fusion", "semantic"):
        if semantic_mode == "rgb":
            parts.append(legend.rgb_lut()[codes])
        else:
            parts.append(legend.grey_lut()[codes][..., None])
    return np.concatenate(parts, axis=-1) if len(parts) > 1 else np.ascontiguousarray(parts[0])


def stack_input(images: np.ndarray, codes: np.ndarray, legend: Legend, modality: str = "fusion",
                semantic_mode: str = "rgb") -> np.ndarray:
    """Like :func:`stack_input_u8`, as (B, C, H, W) float32 in [0, 1]."""
    x = stack_input_u8(images, codes, legend, modality, semantic_mode)
    return np.ascontiguousarray(x.transpose(0, 3, 1, 2), dtype=np.float32) * np.float32(1 / 255.0)


def read_network_input(tiles, indices: Sequence[int], date: str, legend: Legend, modality: str = "fusion",
                       semantic_mode: str = "rgb", as_uint8: bool = True) -> np.ndarray:
    """Tiles ``indices`` of a :class:`~.source.TileSource` at ``date`` as network input: (B, H, W, C) uint8
    (the cheapest form to hand over to torch) or, with ``as_uint8=False``, (B, C, H, W) float32 in [0, 1]."""
    batch = tiles.read(indices, date)
    stack = stack_input_u8 if as_uint8 else stack_input
    return stack(batch.images, batch.codes, legend, modality, semantic_mode)
