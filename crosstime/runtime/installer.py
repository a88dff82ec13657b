"""Installs CrossTime's runtime packages with pip, into its private folder of the QGIS profile.

``python -m pip install --target <folder>`` with the Python that QGIS runs on (found beside qgis.exe on Windows and
OSGeo4W, inside the app bundle on macOS, sys.executable or /usr/bin/python3 on Linux): never ``--user``, never
``--break-system-packages``, nothing written outside the folder. pip installs into a fresh staging folder that replaces
the private folder only once complete, so a cancelled or failed install leaves the previous one as it was; where the
old folder's files are in use (Windows), the new one waits and replaces it at the next start of QGIS.

Every package the QGIS Python already has (numpy, GDAL, Qt, scipy, Pillow...) is pinned to its version for pip's
resolution and removed from the new folder afterwards, so that QGIS's own copies stay in use and no other plugin
finds a different one. Proxy, CA bundle, timeouts and a local wheel folder (offline) are passed to pip; a Python
without pip gets one from ``ensurepip``, in a scratch folder.
No QGIS import: the dependencies dialog runs :func:`install` in a QgsTask, the tests run it as it is.
"""
from __future__ import annotations

import json
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Sequence

from ..core.progress import SILENT, Progress
from . import dependencies
from .python_and_pip import (  # noqa: F401  (the installer's API: the dialog and the tests use them from here)
    InstallerError,
    PipNetwork,
    _child_env,
    _quiet_flags,
    bootstrap_pip,
    find_python,
    pip_ready,
    pip_version,
    proxy_url,
    python_candidates,
    python_version_of,
    shown_command,
)

PYTORCH_CPU_INDEX = "https://download.pytorch.org/whl/cpu"
PYTORCH_CUDA_INDEX = "https://download.pytorch.org/whl/cu126"
BUILDS = ("cpu", "cuda")
# distributions that must stay QGIS's own where it has them (linked to its GDAL and Qt, or the numpy ABI they need)
PROTECTED = ("numpy", "gdal", "rasterio", "pyqt5", "pyqt5-sip", "pyqt5-qt5", "sip")
MANIFEST = "crosstime-deps.json"


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


# what pip is asked ---------------------------------------------------------------------------------
def torch_index_args(build: str = "cpu", platform: Optional[str] = None) -> List[str]:
    """pip options that select the CPU (default) or CUDA build of torch and torchvision."""
    platform = platform or sys.platform
    if build not in BUILDS:
        raise InstallerError(f"unknown torch build '{build}' ({', '.join(BUILDS)})")
    if platform == "darwin":
        if build == "cuda":
            raise InstallerError("PyTorch has no CUDA build for macOS; choose the CPU build")
        return []                                    # PyPI's macOS wheels are the CPU (and Apple GPU) build
    if build == "cpu":
        return ["--extra-index-url", PYTORCH_CPU_INDEX]
    # CUDA: PyPI's Linux wheels are the CUDA build; Windows ones are CPU only
    return [] if platform.startswith("linux") else ["--extra-index-url", PYTORCH_CUDA_INDEX]


def qgis_versions(exclude: Optional[str] = None) -> Dict[str, str]:
    """Version of every distribution this Python has outside ``exclude`` (the private folder): QGIS's own packages,
    which an install must neither replace nor shadow."""
    from importlib import metadata
    paths = [p for p in sys.path if p and not dependencies.is_inside(p, exclude)]
    out: Dict[str, str] = {}
    for d in metadata.distributions(path=paths):
        name = _norm(d.metadata.get("Name") or "")
        if name and name not in out and d.version:
            out[name] = d.version
    return out


def constraint_lines(versions: Dict[str, str]) -> List[str]:
    """``name==version`` for pip, the local part dropped ('1.24.2+ds' -> '1.24.2'; pip cannot pin local builds);
    a version pip could not read (some distributions' own builds) is left unpinned rather than break the file."""
    out = []
    for name, v in sorted(versions.items()):
        release = re.match(r"[0-9][0-9A-Za-z.]*", v)
        if release and _valid_version(release.group(0).rstrip(".")):
            out.append(f"{name}=={release.group(0).rstrip('.')}")
    return out


def _valid_version(text: str) -> bool:
    try:
        from packaging.version import InvalidVersion, Version
    except ImportError:
        return bool(re.fullmatch(r"\d+(\.\d+)*", text))
    try:
        Version(text)
        return True
    except InvalidVersion:
        return False


def pip_command(python: str, target: str, requirements: Sequence[str], constraints: Optional[str] = None,
                find_links: Sequence[str] = (), no_index: bool = False, index_args: Sequence[str] = (),
                network: Optional[PipNetwork] = None) -> List[str]:
    cmd = [python, "-m", "pip", "install", "--target", target, "--no-input", "--progress-bar", "off",
           "--disable-pip-version-check", "--no-warn-script-location", "--prefer-binary"]
    if constraints:
        cmd += ["--constraint", constraints]
    for f in find_links:
        cmd += ["--find-links", f]
    if no_index:
        cmd.append("--no-index")
    else:
        cmd += list(index_args)
        cmd += (network or PipNetwork()).pip_args()
    return cmd + list(requirements)


# running pip ---------------------------------------------------------------------------------------
class _PipProgress:
    """A rough fraction of pip's work from its log lines: resolving and downloading, then installing."""

    def __init__(self):
        self.collected = 0
        self.fraction = 0.02

    def line(self, text: str) -> float:
        t = text.strip()
        if t.startswith("Collecting ") or t.startswith("Processing "):
            self.collected += 1
            self.fraction = max(self.fraction, 0.05 + 0.6 * (1 - 0.8 ** self.collected))
        elif t.startswith("Downloading ") or t.startswith("Using cached "):
            self.fraction = min(0.7, self.fraction + 0.01)
        elif t.startswith("Installing collected packages"):
            self.fraction = max(self.fraction, 0.75)
        elif t.startswith("Successfully installed"):
            self.fraction = max(self.fraction, 0.95)
        return self.fraction


def _stop(proc: subprocess.Popen) -> None:
    """Ends pip and what it started (a build of a source package), first gently."""
    try:
        if sys.platform.startswith("win"):
            proc.terminate()
        else:
            os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(10)
    except (OSError, subprocess.TimeoutExpired):
        try:
            if sys.platform.startswith("win"):
                proc.kill()
            else:
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)
        except (OSError, subprocess.TimeoutExpired):
            pass


def run_logged(cmd: Sequence[str], progress: Progress = SILENT, on_line: Optional[Callable[[str], float]] = None,
               env: Optional[Dict[str, str]] = None, poll_s: float = 0.2) -> List[str]:
    """Runs ``cmd``, handing each output line to ``progress.info`` as it comes (and the fraction ``on_line`` makes
    of it to ``progress.update``); cancelling stops the process within ``poll_s``. Returns the lines; InstallerError
    on a non-zero exit, Cancelled on a cancel."""
    kwargs = dict(_quiet_flags())
    if not sys.platform.startswith("win"):
        kwargs["start_new_session"] = True           # its own process group: a cancel also stops pip's children
    try:
        proc = subprocess.Popen(list(cmd), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                env=env or _child_env(), text=True, encoding="utf-8", errors="replace", bufsize=1,
                                **kwargs)
    except OSError as exc:
        raise InstallerError(f"{cmd[0]} could not start ({exc})") from None
    lines: queue.Queue[Optional[str]] = queue.Queue()

    def pump():
        for ln in proc.stdout:
            lines.put(ln.rstrip("\r\n"))
        lines.put(None)

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    out: List[str] = []
    try:
        while True:
            try:
                ln = lines.get(timeout=poll_s)
            except queue.Empty:
                progress.check()
                continue
            if ln is None:
                break
            out.append(ln)
            progress.info(ln)
            if on_line is not None:
                progress.update(on_line(ln), ln[:80])
            else:
                progress.check()
        rc = proc.wait()
    except BaseException:
        _stop(proc)
        raise
    finally:
        reader.join(5)
        if proc.stdout:
            proc.stdout.close()
    if rc != 0:
        last = [x for x in out if x.strip()][-3:]
        raise InstallerError(f"pip failed (exit code {rc}): {' / '.join(x.strip() for x in last) or 'no output'}")
    return out


# install and remove --------------------------------------------------------------------------------
@dataclass
class InstallResult:
    target: str
    python: str
    requirements: List[str]
    installed: List[str] = field(default_factory=list)     # 'name-version' as pip reported them
    kept_from_qgis: List[str] = field(default_factory=list)  # protected distributions left to QGIS's own copies
    pending: bool = False                                  # waits for the next start of QGIS to replace the folder
    log: List[str] = field(default_factory=list)


def _remove_distribution(folder: str, dist_info: str) -> None:
    """Deletes an installed distribution from a --target folder: the files its RECORD lists, then its dist-info."""
    record = os.path.join(folder, dist_info, "RECORD")
    dirs = set()
    if os.path.exists(record):
        with open(record, encoding="utf-8", errors="replace") as f:
            for row in f:
                rel = row.split(",")[0].strip()
                if not rel:
                    continue
                path = os.path.normpath(os.path.join(folder, rel))
                if not dependencies.is_inside(path, folder):
                    continue
                if os.path.isfile(path) or os.path.islink(path):
                    os.remove(path)
                dirs.add(os.path.dirname(path))
    shutil.rmtree(os.path.join(folder, dist_info), ignore_errors=True)
    for d in sorted(dirs, key=len, reverse=True):          # deepest first: empty package folders go too
        while dependencies.is_inside(d, folder) and os.path.realpath(d) != os.path.realpath(folder):
            try:
                pycache = os.path.join(d, "__pycache__")
                if os.path.isdir(pycache) and not [x for x in os.listdir(d) if x != "__pycache__"]:
                    shutil.rmtree(pycache)
                os.rmdir(d)
            except OSError:
                break
            d = os.path.dirname(d)


def _resolution_failed(text: str) -> bool:
    """pip could not satisfy the requirements together with the pins (not a network or index failure)."""
    return any(w in text for w in ("ResolutionImpossible", "conflicting dependencies", "Cannot install"))


def _version_of_dist_info(dist_info: str) -> str:
    m = re.fullmatch(r".+?-([^-]+)\.dist-info", dist_info)
    return m.group(1) if m else ""


def _release(version: str) -> str:
    m = re.match(r"[0-9][0-9A-Za-z.]*", version)
    return m.group(0).rstrip(".") if m else version


def installed_distributions(folder: str) -> Dict[str, str]:
    """{normalised name: 'dist-info folder'} of a --target folder."""
    out = {}
    if os.path.isdir(folder):
        for n in os.listdir(folder):
            m = re.fullmatch(r"(.+?)-([^-]+)\.dist-info", n)
            if m:
                out[_norm(m.group(1))] = n
    return out


def _swap(staging: str, target: str) -> bool:
    """Puts the finished ``staging`` folder in place of ``target``; False when the old folder is in use (it then
    waits, complete, to be swapped at the next start: :func:`dependencies.finish_pending`)."""
    pending = target + dependencies.PENDING_SUFFIX
    old = target + ".old"
    shutil.rmtree(old, ignore_errors=True)
    try:
        if os.path.isdir(target):
            os.rename(target, old)
    except OSError:
        if staging != pending:
            shutil.rmtree(pending, ignore_errors=True)
            os.rename(staging, pending)
        return False
    os.rename(staging, target)
    shutil.rmtree(old, ignore_errors=True)
    return True


def install(target: str, requirements: Sequence[str], python: Optional[str] = None, build: str = "cpu",
            find_links: Sequence[str] = (), no_index: bool = False, torch_index: Optional[bool] = None,
            activate: bool = True, progress: Progress = SILENT, network: Optional[PipNetwork] = None) -> InstallResult:
    """Installs ``requirements`` (pip requirement strings, e.g. ``torch>=1.13,<3``) into ``target``, the private
    folder (:func:`dependencies.private_dir`), which is rebuilt whole: what it held before is replaced.

    ``build``: 'cpu' or 'cuda' build of torch (``torch_index``: whether torch's index is needed; default: when a
    requirement is torch or torchvision). ``find_links`` and ``no_index``: install from a local wheel folder
    (offline). ``network``: proxy, CA bundle, timeout and retries (:class:`PipNetwork`). Every distribution QGIS's
    Python already has is pinned to its version for pip's resolution and dropped from the new folder afterwards
    (unless it is one of ``requirements``: an upgrade asked for), so QGIS's own copies stay in use and nothing of
    QGIS is shadowed. Progress, live log lines and cancel go through ``progress``. ``activate``: put the new folder on
    sys.path at once (a worker thread leaves that to the main thread: :func:`dependencies.use_private_packages`).
    """
    requirements = [r.strip() for r in requirements if r and r.strip()]
    if not requirements:
        raise InstallerError("nothing to install")
    target = os.path.abspath(target)
    progress.update(0.0, "finding the Python of QGIS")
    python = python or find_python()
    if torch_index is None:
        torch_index = any(re.match(r"torch(vision)?\b", r) for r in requirements)
    index_args = torch_index_args(build) if torch_index else []
    parent = os.path.dirname(target)
    os.makedirs(parent, exist_ok=True)
    staging = f"{target}.partial-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    bootstrap = f"{target}.pip-{os.getpid()}"
    asked = {_norm(m.group(0)) for m in (re.match(r"[A-Za-z0-9._-]+", r) for r in requirements) if m}
    qgis_has = {k: v for k, v in qgis_versions(exclude=target).items() if k not in asked}
    keep = dict(qgis_has)
    constraints = os.path.join(parent, f".constraints-{os.getpid()}.txt")
    with open(constraints, "w", encoding="utf-8") as f:
        f.write("\n".join(constraint_lines(keep)) + "\n")
    network = network or PipNetwork()
    cmd = pip_command(python, staging, requirements, constraints, find_links, no_index, index_args, network)
    loose = [k for k in keep if k not in PROTECTED]
    result = InstallResult(target, python, list(requirements))
    try:
        env = {**pip_ready(python, bootstrap, progress), **network.env()}
        progress.info("running: " + shown_command(cmd))
        try:
            result.log = run_logged(cmd, progress, _PipProgress().line, env=env)
        except InstallerError as exc:
            if not (loose and _resolution_failed(str(exc))):
                raise
            # what was asked needs newer copies of some of QGIS's packages (a distribution's older typing_extensions
            # or sympy for torch): pinned then are only those bound to QGIS's GDAL, Qt and numpy
            progress.info("pip cannot keep every package of QGIS's Python at its version; trying again with only "
                          "numpy, GDAL, rasterio and Qt pinned (newer copies of the others go to the private folder)")
            shutil.rmtree(staging, ignore_errors=True)
            keep = {k: v for k, v in keep.items() if k in PROTECTED}
            with open(constraints, "w", encoding="utf-8") as f:
                f.write("\n".join(constraint_lines(keep)) + "\n")
            result.log = run_logged(cmd, progress, _PipProgress().line, env=env)

        for ln in result.log:
            if ln.startswith("Successfully installed"):
                result.installed = ln.split()[2:]
        # QGIS's own packages stay in use: pip resolved against their versions, drop its copies
        # pip's copy of a package QGIS has is dropped when pinned, or at QGIS's very version; a newer one that what was
        # asked needs (after the retry above) stays, and is said in the log
        for name, dist_info in installed_distributions(staging).items():
            if name not in qgis_has:
                continue
            if name in keep or _version_of_dist_info(dist_info) == _release(qgis_has[name]):
                _remove_distribution(staging, dist_info)
                result.kept_from_qgis.append(f"{name} {qgis_has[name]}")
            else:
                progress.info(f"{name}: a newer copy than QGIS's {qgis_has[name]} is in the private folder")
        with open(os.path.join(staging, MANIFEST), "w", encoding="utf-8") as f:
            json.dump({"python": python, "python_version": dependencies.python_tag(), "requirements": requirements,
                       "build": build if torch_index else None, "installed": result.installed,
                       "kept_from_qgis": result.kept_from_qgis, "when": time.strftime("%Y-%m-%d %H:%M:%S")}, f,
                      indent=1)
        with open(os.path.join(staging, dependencies.COMPLETE_MARKER), "w", encoding="utf-8") as f:
            f.write("complete\n")
        progress.check()
        result.pending = not _swap(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(bootstrap, ignore_errors=True)
        try:
            os.remove(constraints)
        except OSError:
            pass
    if activate and not result.pending:
        dependencies.use_private_packages(folder=target)   # usable now, without a restart, when new
    progress.update(1.0, "installed" if not result.pending else "installed: restart QGIS to use it")
    return result


def remove(target: str) -> bool:
    """Deletes the private folder; False when its files are in use (Windows): it then goes at the next start."""
    target = os.path.abspath(target)
    for extra in (target + dependencies.PENDING_SUFFIX, target + ".old"):
        shutil.rmtree(extra, ignore_errors=True)
    sys.path[:] = [p for p in sys.path if not (p and dependencies.is_inside(p, target))]
    if not os.path.exists(target):
        return True
    try:
        shutil.rmtree(target)
        return True
    except OSError:
        with open(target + dependencies.REMOVE_MARKER, "w", encoding="utf-8") as f:
            f.write("remove at the next start\n")
        return False


def folder_listing(target: Optional[str], limit: int = 200) -> List[str]:
    """The private folder's distributions (name and version) and its manifest, for a bug report."""
    if not target or not os.path.isdir(target):
        return [f"{target}: (none)"]
    out = [f"{target}:"]
    for _name, dist_info in sorted(installed_distributions(target).items())[:limit]:
        out.append(f"  {dist_info[:-len('.dist-info')]}")
    manifest = os.path.join(target, MANIFEST)
    if os.path.exists(manifest):
        try:
            with open(manifest, encoding="utf-8") as f:
                m = json.load(f)
            out.append(f"  installed {m.get('when')} with {m.get('python')} (torch build {m.get('build')})")
        except (OSError, ValueError):
            out.append("  (unreadable manifest)")
    if os.path.exists(target + dependencies.PENDING_SUFFIX):
        out.append("  a newer install waits for the next start of QGIS")
    return out
