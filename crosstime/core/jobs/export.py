"""Exporting a trained model to ONNX, for describing tiles without PyTorch."""
from __future__ import annotations

from typing import Optional

from ..atomic import check_writable


def export_onnx(model_path: str, out_path: str, *, opset: Optional[int] = None, half: bool = False) -> dict:
    """Export a trained model file (.ctmodel) to ONNX at ``out_path``, for describing tiles without PyTorch
    (onnxruntime). The file carries the model's configuration and fingerprint: an index built with either accepts
    the other. ``half`` stores the weights in float16 (half the file, float32 arithmetic). Returns a summary (path,
    fingerprint, out_dim, pixels, bytes, max_difference from PyTorch, weights)."""
    from ..retrieval.onnx_describer import OPSET
    from ..retrieval.onnx_describer import export_onnx as _export
    check_writable(out_path)
    return _export(model_path, out_path, opset or OPSET, half=half)
