"""Outputs that are never lost nor half-written, and checked before a long job starts.

- :func:`atomic_write` fills a temporary file beside the target and renames it into place in one step;
  :func:`replace_folder` does the same for a folder (a tile store) so that a store is at its path at
  every moment (or, after a kill between two renames, :func:`recover_folder` puts the previous one back).
- Temporaries are named ``.tmp-<target name>-<writer pid>-<random><suffix>``: the next write to the same
  target removes those whose writer no longer runs (:func:`remove_stale_temporaries`), so a ``kill -9``
  leaves no debris for good.
- :func:`check_writable` finds an unwritable output or a full disk before any work is done.
"""
from __future__ import annotations

import errno
import os
import re
import shutil
import sys
import tempfile
from typing import Any, BinaryIO, Callable, List, Optional

from .errors import CrossTimeError
from .messages import Detail, Message

# SQLite (GeoPackage) and PyTorch's zip writer report a full disk in words, not with ENOSPC
_DISK_FULL_WORDS = ("no space left on device", "database or disk is full", "disk quota exceeded")
_SIDE_FILES = r"(?:-wal|-shm|-journal)?"        # SQLite's companions of a GeoPackage being written


class OutputError(CrossTimeError, OSError):
    """An output cannot be written: a folder that is missing and cannot be made, no permission, a full disk.

    ``OutputError("{path}: the disk is full", path, errno.ENOSPC, path=path)``: the template and its values as for
    any CrossTime error, then the output's path and the error number (``filename`` and ``errno``, as an OSError)."""

    def __init__(self, message: Any = "", path: Optional[str] = None, code: Optional[int] = None, /, **values: Any):
        super().__init__(message, **values)
        self.filename = path
        self.errno = code

    def __str__(self) -> str:          # OSError would print '[Errno n] None: path' once errno is set
        return str(self.args[0]) if self.args else ""

    def __reduce__(self):              # OSError keeps filename and errno outside __dict__
        return (_rebuild_output_error, (type(self), self.message.template, self.message.values, self.filename,
                                        self.errno, self.__dict__))


def _rebuild_output_error(cls: type, template: str, values: dict, path: Optional[str], code: Optional[int],
                          state: dict) -> OutputError:
    error = cls(template, path, code, **values)
    error.__dict__.update(state)
    return error


# sizes ------------------------------------------------------------------------------------------
def human_bytes(n: float) -> str:
    """'512 bytes', '12.3 kB', '340 MB', '1.23 GB' (decimal units, as disk tools show them)."""
    n = float(n)
    if n < 1000:
        return f"{int(n)} bytes"
    for unit, size in (("kB", 1e3), ("MB", 1e6), ("GB", 1e9), ("TB", 1e12)):
        v = n / size
        if v < 999.5 or unit == "TB":
            return f"{v:.3g} {unit}"
    return f"{n:.0f} bytes"


# errors -----------------------------------------------------------------------------------------
def is_disk_full(exc: BaseException) -> bool:
    """True when ``exc``, or an error it was raised from or while handling, says the disk is full."""
    seen = set()
    e: Optional[BaseException] = exc
    while e is not None and id(e) not in seen:
        seen.add(id(e))
        if isinstance(e, OSError) and e.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
            return True
        if any(w in str(e).lower() for w in _DISK_FULL_WORDS):
            return True
        e = e.__cause__ or e.__context__
    return False


def disk_full_error(path: str) -> OutputError:
    return OutputError("{path}: the disk is full; nothing was written and any previous {name} is unchanged. Free "
                       "some space or write the output to another disk", path, errno.ENOSPC, path=path,
                       name=os.path.basename(path))


# checks before a job ----------------------------------------------------------------------------
def _existing_folder(folder: str, path: str) -> str:
    """``folder`` or its nearest existing ancestor (where the missing folders would be made)."""
    base = folder
    while not os.path.isdir(base):
        if os.path.exists(base):
            raise OutputError("{path}: cannot make the folder {folder}: {base} is a file, not a folder; "
                              "choose another output path", path, errno.ENOTDIR, path=path, folder=folder, base=base)
        parent = os.path.dirname(base)
        if parent == base:
            break
        base = parent
    return base


def check_writable(path: str, needed_bytes: Optional[int] = None, folder: bool = False) -> None:
    """Raise :class:`OutputError`, naming ``path``, unless it can be written now.

    ``path`` is an output file, or with ``folder`` a folder that files are written into (missing folders
    must be creatable). ``needed_bytes``, when known, must be free on its disk. Nothing is left behind.
    """
    target = os.path.abspath(path)
    where = target if folder else os.path.dirname(target)
    base = _existing_folder(where, path)
    try:
        fd, probe = tempfile.mkstemp(prefix=f".tmp-probe-{os.getpid()}-", dir=base)
        os.close(fd)
        os.remove(probe)
    except OSError as exc:
        if is_disk_full(exc):
            raise disk_full_error(path) from None
        make = Message(" (the folder {folder} would be made there)", folder=where) if base != where else ""
        raise OutputError("{path}: cannot write in {base}{make}: {reason}; choose a folder you can write to", path,
                          exc.errno, path=path, base=base, make=make, reason=Detail(exc.strerror or str(exc))) from None
    if needed_bytes:
        free = shutil.disk_usage(base).free
        if needed_bytes > free:
            raise OutputError("{path}: not enough disk space: {needed} needed, {free} free in {base}; free some space "
                              "or choose another folder", path, errno.ENOSPC, path=path,
                              needed=human_bytes(needed_bytes), free=human_bytes(free), base=base)


# temporaries of killed writers -------------------------------------------------------------------
def pid_alive(pid: int) -> bool:
    """Whether process ``pid`` still runs (on this machine). Unknown counts as alive: nothing is removed."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        import ctypes
        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(0x1000, False, pid)          # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return kernel32.GetLastError() == 5                     # access denied: it exists
        try:
            code = ctypes.c_ulong()
            if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
                return True
            return code.value == 259                                # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True                                                 # another user's process
    return True


def _tag(path: str) -> str:
    return os.path.basename(os.path.abspath(path))[:100]           # a name field is at most 255 bytes


def temp_prefix(path: str) -> str:
    """Prefix of this process's temporaries for ``path``: '.tmp-<name>-<pid>-'."""
    return f".tmp-{_tag(path)}-{os.getpid()}-"


def _remove(p: str) -> None:
    if os.path.isdir(p) and not os.path.islink(p):
        shutil.rmtree(p, ignore_errors=True)
    else:
        try:
            os.remove(p)
        except FileNotFoundError:
            pass


def remove_stale_temporaries(path: str, suffix: str = "") -> List[str]:
    """Remove the temporaries of ``path`` left by writers that no longer run; returns what was removed."""
    parent = os.path.dirname(os.path.abspath(path)) or "."
    pattern = re.compile(re.escape(f".tmp-{_tag(path)}-") + r"(\d+)-[a-z0-9_]{8}" + re.escape(suffix) + _SIDE_FILES
                         + "$")
    try:
        entries = os.listdir(parent)
    except OSError:
        return []
    removed = []
    for entry in entries:
        m = pattern.match(entry)
        if m and not pid_alive(int(m.group(1))):
            _remove(os.path.join(parent, entry))
            removed.append(entry)
    return removed


# files ------------------------------------------------------------------------------------------
def atomic_write(path: str, write: Callable[[BinaryIO], None], suffix: str = "") -> str:
    """``write(f)`` fills a temporary file beside ``path``, which then replaces ``path`` in one rename.

    On any error (a full disk, a cancel) the temporary file is removed and ``path`` is left as it was; a full
    disk is reported as an :class:`OutputError` naming ``path``.
    """
    parent = os.path.dirname(os.path.abspath(path)) or "."
    os.makedirs(parent, exist_ok=True)
    remove_stale_temporaries(path, suffix)
    fd, tmp = tempfile.mkstemp(prefix=temp_prefix(path), suffix=suffix, dir=parent)
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        make_ordinary(tmp)
        os.replace(tmp, path)
    except BaseException as exc:
        _remove(tmp)
        if isinstance(exc, Exception) and is_disk_full(exc):
            raise disk_full_error(path) from exc
        raise
    return path


def make_ordinary(p: str) -> None:
    """mkstemp/mkdtemp make private entries; a result is an ordinary file or folder (umask applies)."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(p, (0o777 if os.path.isdir(p) else 0o666) & ~umask)


def fsync_tree(folder: str) -> None:
    """Flush every file of ``folder`` (and the folder itself where the system allows) to the disk."""
    for name in os.listdir(folder):
        p = os.path.join(folder, name)
        if os.path.isfile(p):
            with open(p, "rb+") as f:
                os.fsync(f.fileno())
    if os.name == "posix":
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


# folders ----------------------------------------------------------------------------------------
_OLD = ".old-"


def _exchange(a: str, b: str) -> bool:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE); False where the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EPERM, errno.EOPNOTSUPP):
        return False                                              # a file system without exchange: rename twice
    raise OSError(code, os.strerror(code), b)


def replace_folder(tmp: str, final: str) -> None:
    """Put the complete folder ``tmp`` at ``final``, replacing any previous one.

    Where the system can swap two paths, ``final`` holds a complete folder at every moment. Elsewhere the
    previous folder is renamed to ``final.old-<pid>`` and the new one in right after; a kill between the two
    leaves the previous one there, and :func:`recover_folder` (run by the next write) renames it back.
    """
    if not os.path.exists(final):
        os.replace(tmp, final)
        return
    if _exchange(tmp, final):
        _remove(tmp)                                                  # the previous folder, now at tmp
        return
    old = f"{final}{_OLD}{os.getpid()}"
    _remove(old)
    os.replace(final, old)
    try:
        os.replace(tmp, final)
    except BaseException:
        os.replace(old, final)
        raise
    _remove(old)


def recover_folder(path: str) -> List[str]:
    """Undo what a killed :func:`replace_folder` left: if ``path`` is missing, the newest ``path.old-<pid>`` of
    a writer that no longer runs is renamed back to ``path``; other such leftovers are removed. Returns notes."""
    parent = os.path.dirname(os.path.abspath(path)) or "."
    name = os.path.basename(os.path.abspath(path))
    pattern = re.compile(re.escape(name + _OLD) + r"(\d+)$")
    try:
        entries = os.listdir(parent)
    except OSError:
        return []
    stale = [os.path.join(parent, e) for e in entries
             if (m := pattern.match(e)) and not pid_alive(int(m.group(1)))]
    notes = []
    if stale and not os.path.exists(path):
        newest = max(stale, key=os.path.getmtime)
        os.replace(newest, path)
        stale.remove(newest)
        notes.append(Message("{path}: put back the previous version from {name} (a replacement was interrupted)",
                             path=path, name=os.path.basename(newest)))
    for p in stale:
        _remove(p)
        notes.append(Message("removed {leftover} (left by an interrupted replacement of {name})",
                             leftover=os.path.basename(p), name=name))
    return notes


def interrupted_replacement(path: str) -> Optional[str]:
    """The ``path.old-<pid>`` folder an interrupted replacement left, if any (to name it in an error)."""
    parent = os.path.dirname(os.path.abspath(path)) or "."
    name = os.path.basename(os.path.abspath(path))
    try:
        hits = [e for e in os.listdir(parent) if re.match(re.escape(name + _OLD) + r"\d+$", e)]
    except OSError:
        return None
    return os.path.join(parent, sorted(hits)[-1]) if hits else None
