"""Command line: ``python -m crosstime <command> ...`` (no QGIS needed), with progress bars.

Commands: synth, build-tiles, realpairs, train, export (to ONNX), index, merge-index, match, evaluate, demo
(``pipeline``); archive search: archive-synth, modern-index, index-archive, locate, evaluate-archive (``archive``).
Multi-GPU training: ``torchrun --nproc-per-node N -m crosstime train ...``.
"""
from .command_line import build_parser, error_line, main

__all__ = ["build_parser", "error_line", "main"]
