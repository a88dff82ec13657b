"""Files that are a NumPy ``.npz`` archive with a JSON ``header`` member (descriptor indexes, archive indexes):
reading one checks its format and version and turns any damage into an error that names the file."""
from __future__ import annotations

import json
import os
import zipfile
from dataclasses import dataclass
from typing import Callable, Dict, Tuple, Type

import numpy as np

from .messages import Detail, Message


@dataclass(frozen=True)
class HeadedFileKind:
    """What a kind of file is called in messages, and what a user does about each problem (each a
    :class:`~crosstime.core.messages.Message`, so that the interface translates it)."""
    format: str                    # the header's "format"
    version: int                   # the newest version this CrossTime reads
    error: Type[Exception]         # a CrossTimeError: called with a template and its values
    name: str                      # with its article: "a CrossTime descriptor index"
    not_found: str                 # a template of the value "path"
    version_label: str             # e.g. "index version"
    if_wrong: str = ""             # appended to "not ..."
    if_damaged: str = ""           # appended to "... or a damaged one (cause)"


def read_headed_npz(path: str, kind: HeadedFileKind,
                    arrays: Callable[[object, dict], Dict[str, np.ndarray]]) -> Tuple[dict, Dict[str, np.ndarray]]:
    """(header, the arrays that ``arrays(npz, header)`` reads) of the file at ``path``, or ``kind.error``."""
    if not os.path.isfile(path):
        raise kind.error(Message(kind.not_found, path=path))
    try:
        with np.load(path, allow_pickle=False) as z:
            header = json.loads(str(z["header"]))
            if header.get("format") != kind.format:
                raise kind.error(Message("{path}: not {kind}{if_wrong}", path=path, kind=kind.name,
                                         if_wrong=kind.if_wrong))
            read = arrays(z, header)
    except kind.error:
        raise
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, json.JSONDecodeError, EOFError) as exc:
        raise kind.error(Message("{path}: not {kind}, or a damaged one ({exc}){if_damaged}", path=path, kind=kind.name,
                                 exc=Detail(str(exc)), if_damaged=kind.if_damaged)) from exc
    if int(header.get("version", 0)) > kind.version:
        raise kind.error(Message("{path}: made by a newer CrossTime ({version_label} {version})", path=path,
                                 version_label=kind.version_label, version=header["version"]))
    return header, read
