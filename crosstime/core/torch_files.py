"""Reading files written with ``torch.save`` (model files, checkpoints, weights) without ever running code from them.

``torch.load(weights_only=True)`` accepts plain data only; a refusal becomes an error of the caller's kind whose
message names the file, says what it tried to load, and never repeats PyTorch's advice on how to force it.
"""
from __future__ import annotations

import re
from typing import Type

from .messages import Detail, Message


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
        return Message("it asks to run or build the Python object '{name}'", name=m.group(1))
    m = re.search(r"Unsupported operand (\S+)", str(exc))
    if m:
        return Message("it holds a pickle instruction ({operand}) that plain data never needs", operand=m.group(1))
    return Message("it holds Python objects or code, not plain data")


def load_failure(exc: BaseException) -> str:
    """``exc`` of a failed torch.load in one line, without any advice to load the file unsafely."""
    text = " ".join(str(exc).split())
    cut = re.search(r"weights.only|trust the source", text, re.IGNORECASE)
    if cut:
        text = text[:cut.start()].rstrip(" .,;:(")
    return f"{type(exc).__name__}: {text[:300]}" if text else type(exc).__name__


def load_plain_data(path: str, error: Type[Exception], what: str, if_refused: str, unreadable: str,
                    if_unreadable: str = ""):
    """The plain data of the torch file at ``path``; raises ``error`` (a CrossTime error) naming the file when it
    holds code or objects ("refused, not loaded: ...; <what> never holds such things. <if_refused>") or cannot be
    read ("<unreadable> (<cause>); <if_unreadable>"). The words are :class:`Message` s, ``what`` with its article."""
    import pickle
    try:
        return safe_torch_load(path)
    except pickle.UnpicklingError as exc:
        raise error(Message("{path}: refused, not loaded: {content}; {what} never holds such things. {if_refused}",
                            path=path, content=unsafe_content(exc), what=what, if_refused=if_refused)) from None
    except Exception as exc:
        if if_unreadable:
            raise error(Message("{path}: {unreadable} ({cause}); {if_unreadable}", path=path, unreadable=unreadable,
                                cause=Detail(load_failure(exc)), if_unreadable=if_unreadable)) from None
        raise error(Message("{path}: {unreadable} ({cause})", path=path, unreadable=unreadable,
                            cause=Detail(load_failure(exc)))) from None
