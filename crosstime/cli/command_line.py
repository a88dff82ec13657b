"""The command line's parser, error lines and entry point; the commands live in ``pipeline`` and ``archive``."""
from __future__ import annotations

import argparse
import os
import sys
from typing import List, Optional

from ..core.choices import DESCRIBER_GENERAL
from ..core.errors import CrossTimeError

DESCRIPTION = "Command line: ``python -m crosstime <command> ...`` (no QGIS needed), with progress bars."


def build_parser() -> argparse.ArgumentParser:
    from . import archive, pipeline
    ap = argparse.ArgumentParser(prog="crosstime", description=DESCRIPTION)
    sub = ap.add_subparsers(dest="cmd", required=True)
    pipeline.add_commands(sub)
    archive.add_commands(sub)
    return ap


def error_line(exc: BaseException) -> str:
    """One line for the user: CrossTime's own message, or one naming the file at fault."""
    from ..core.atomic import is_disk_full
    if isinstance(exc, CrossTimeError):
        text = str(exc)
    elif is_disk_full(exc):
        text = f"{_filename_of(exc) or 'an output file'}: the disk is full; free some space or write the output to " \
               "another disk"
    elif isinstance(exc, OSError) and exc.filename:
        text = f"{exc.filename}: {exc.strerror or exc}"
    elif isinstance(exc, (ValueError, RuntimeError, OSError)):
        text = str(exc) or type(exc).__name__
    else:
        text = (f"unexpected {type(exc).__name__}: {exc} (a bug in CrossTime: rerun with --debug and report the "
                "traceback)")
    return " ".join(text.split())


def _filename_of(exc: BaseException) -> Optional[str]:
    seen = set()
    e: Optional[BaseException] = exc
    while e is not None and id(e) not in seen:
        seen.add(id(e))
        if isinstance(e, OSError) and e.filename:
            return str(e.filename)
        e = e.__cause__ or e.__context__
    return None


def _onnx_only(args: List[str]) -> bool:
    """Whether the command line describes with an exported ONNX model (index, match): torch is then not needed."""
    if not args or args[0] not in ("index", "match"):
        return False
    for n, x in enumerate(args):
        value = x.split("=", 1)[1] if x.startswith("--model=") else (args[n + 1] if x == "--model" and n + 1 < len(args)
                                                                     else None)
        if value and (value.lower().endswith(".onnx") or value == DESCRIBER_GENERAL):
            return True
    return False


def main(argv: Optional[List[str]] = None) -> int:
    # GDAL's block cache defaults to 5% of RAM; a batch job reading huge orthos needs far less
    os.environ.setdefault("GDAL_CACHEMAX", "256")
    args = list(sys.argv[1:] if argv is None else argv)
    # --debug is taken anywhere on the line, before or after the command (not after a '--')
    end = args.index("--") if "--" in args else len(args)
    debug = "--debug" in args[:end] or bool(os.environ.get("CROSSTIME_DEBUG"))
    args = [x for n, x in enumerate(args) if not (x == "--debug" and n < end)]
    from ..runtime.dependencies import INFERENCE, missing, missing_message
    gone = missing(INFERENCE if _onnx_only(args) else None)
    if gone:
        print(missing_message(gone, command_line=True), file=sys.stderr)
        return 2
    parser = build_parser()
    parser.add_argument("--debug", action="store_true",
                        help="on an error, show the full traceback (also CROSSTIME_DEBUG=1)")
    a = parser.parse_args(args)
    try:
        import torch
        torch.set_num_threads(max(1, min(torch.get_num_threads(), os.cpu_count() or 1)))
    except ImportError:                      # describing with an ONNX model needs no torch
        pass
    try:
        a.fn(a)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        if debug:
            raise
        print(f"error: {error_line(exc)}", file=sys.stderr)
        return 1
    return 0
