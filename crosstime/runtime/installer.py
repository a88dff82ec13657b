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
import ntpath
import os
import posixpath
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

from ..core.errors import CrossTimeError
from ..core.progress import SILENT, Progress
from . import dependencies

PYTORCH_CPU_INDEX = "https://download.pytorch.org/whl/cpu"
PYTORCH_CUDA_INDEX = "https://download.pytorch.org/whl/cu126"
BUILDS = ("cpu", "cuda")
# distributions that must stay QGIS's own where it has them (linked to its GDAL and Qt, or the numpy ABI they need)
PROTECTED = ("numpy", "gdal", "rasterio", "pyqt5", "pyqt5-sip", "pyqt5-qt5", "sip")
MANIFEST = "crosstime-deps.json"


class InstallerError(CrossTimeError, RuntimeError):
    """The Python of QGIS or its pip cannot be found, or pip failed."""


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


# the Python that QGIS runs on ---------------------------------------------------------------------
def python_candidates(executable: Optional[str] = None, prefix: Optional[str] = None,
                      exec_prefix: Optional[str] = None, platform: Optional[str] = None,
                      version: Optional[Sequence[int]] = None) -> List[str]:
    """Where the Python interpreter of this process may be, best first.

    Inside QGIS, ``sys.executable`` is often QGIS itself (qgis.exe, QGIS.app/Contents/MacOS/QGIS, /usr/bin/qgis):
    the interpreter is then looked for beside it and in ``sys.prefix``.
    """
    exe = sys.executable if executable is None else executable
    prefix = sys.prefix if prefix is None else prefix
    exec_prefix = sys.exec_prefix if exec_prefix is None else exec_prefix
    platform = platform or sys.platform
    major, minor = (version or sys.version_info)[:2]
    windows = platform.startswith("win")
    pm = ntpath if windows else posixpath
    out: List[str] = []

    def add(p: Optional[str]) -> None:
        if p:
            p = pm.normpath(p)
            if p not in out:
                out.append(p)

    if exe and re.fullmatch(r"python(\d+(\.\d+)?)?[mw]?(\.exe)?", pm.basename(exe).lower()):
        add(exe)
    here = pm.dirname(exe) if exe else ""
    if windows:
        # OSGeo4W and the standalone installers: <root>/bin/qgis*.exe, <root>/apps/PythonXY/python.exe = sys.prefix
        for d in (prefix, exec_prefix, here, pm.join(here, "..", "apps", f"Python{major}{minor}")):
            if d:
                add(pm.join(d, "python.exe"))
                add(pm.join(d, "python3.exe"))
    elif platform == "darwin":
        # QGIS.app/Contents/MacOS/QGIS -> QGIS.app/Contents/MacOS/python (the official bundle), .../MacOS/bin/python3
        # (older builds), or the Python.framework inside the bundle
        for d in (here, prefix, exec_prefix):
            if d:
                add(pm.join(d, "python"))
                add(pm.join(d, f"python{major}.{minor}"))
                add(pm.join(d, "python3"))
                add(pm.join(d, "bin", f"python{major}.{minor}"))
                add(pm.join(d, "bin", "python3"))
        if here:
            add(pm.join(here, "..", "Frameworks", "Python.framework", "Versions", f"{major}.{minor}", "bin",
                        f"python{major}.{minor}"))
    else:
        for d in (prefix, exec_prefix):
            if d:
                add(pm.join(d, "bin", f"python{major}.{minor}"))
                add(pm.join(d, "bin", "python3"))
        add(f"/usr/bin/python{major}.{minor}")
        add("/usr/bin/python3")
    return out


def _quiet_flags() -> dict:
    """No console window flashing up on Windows for each child process."""
    return {"creationflags": 0x08000000} if sys.platform.startswith("win") else {}


def python_version_of(python: str, timeout: float = 60) -> Optional[str]:
    """'3.11' for a working interpreter, None otherwise."""
    try:
        r = subprocess.run([python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"], capture_output=True,
                           text=True, timeout=timeout, env=_child_env(), **_quiet_flags())
    except (OSError, subprocess.SubprocessError):
        return None
    return r.stdout.strip() if r.returncode == 0 else None


def find_python(candidates: Optional[Sequence[str]] = None) -> str:
    """The interpreter of this very Python version (packages must fit its ABI); InstallerError when none is found."""
    want = f"{sys.version_info.major}.{sys.version_info.minor}"
    tried = []
    for c in (python_candidates() if candidates is None else candidates):
        if not (os.path.isfile(c) and os.access(c, os.X_OK)):
            tried.append(f"{c} (not found)")
            continue
        got = python_version_of(c)
        if got == want:
            return c
        tried.append(f"{c} ({'Python ' + got if got else 'does not run'})")
    raise InstallerError(f"the Python {want} interpreter that QGIS runs on was not found; tried: {'; '.join(tried)}")


def pip_version(python: str, env: Optional[Dict[str, str]] = None) -> str:
    """pip's version for ``python`` (run with ``env``); InstallerError when it has no pip."""
    try:
        r = subprocess.run([python, "-m", "pip", "--version"], capture_output=True, text=True, timeout=120,
                           env=env or _child_env(), **_quiet_flags())
    except (OSError, subprocess.SubprocessError) as exc:
        raise InstallerError("{python} -m pip could not run ({reason})", python=python, reason=str(exc)) from None
    m = re.match(r"pip (\S+)", r.stdout)
    if r.returncode != 0 or not m:
        hint = " (on Debian or Ubuntu: sudo apt-get install python3-pip)" if sys.platform.startswith("linux") else ""
        raise InstallerError("pip is not available for {python}{hint}", python=python, hint=hint)
    return m.group(1)


def bootstrap_pip(python: str, folder: str) -> str:
    """pip for a Python that has none (some QGIS bundles ship without it): ``ensurepip`` installs the pip that comes
    with Python into ``folder`` (an alternate root, nothing written to the Python itself); returns the folder that
    holds the ``pip`` package, to put on PYTHONPATH for the pip runs."""
    try:
        r = subprocess.run([python, "-m", "ensurepip", "--root", folder, "--default-pip"], capture_output=True,
                           text=True, timeout=600, env=_child_env(), **_quiet_flags())
    except (OSError, subprocess.SubprocessError) as exc:
        raise InstallerError("{python} has no pip, and ensurepip could not run ({reason})", python=python,
                             reason=str(exc)) from None
    for base, dirs, _files in os.walk(folder):
        if "pip" in dirs and os.path.exists(os.path.join(base, "pip", "__init__.py")):
            return base
    hint = " (on Debian or Ubuntu: sudo apt-get install python3-pip)" if sys.platform.startswith("linux") else ""
    last = " ".join((r.stderr or r.stdout).split())[-300:]
    raise InstallerError("{python} has no pip, and ensurepip could not provide one ({reason}){hint}", python=python,
                         reason=last or "no output", hint=hint)


def pip_ready(python: str, scratch: str, progress: Progress = SILENT) -> Dict[str, str]:
    """The environment in which ``python -m pip`` runs: the child environment, plus a pip of its own from ensurepip
    (in ``scratch``) when the Python has none."""
    env = _child_env()
    try:
        progress.info(f"Python: {python} (pip {pip_version(python, env)})")
        return env
    except InstallerError as first:
        progress.info(str(first) + "; trying ensurepip")
    site_dir = bootstrap_pip(python, scratch)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [site_dir, env.get("PYTHONPATH", "")]))
    progress.info(f"Python: {python} (pip {pip_version(python, env)}, from ensurepip)")
    return env


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


def protected_versions(exclude: Optional[str] = None) -> Dict[str, str]:
    """Version of each PROTECTED distribution (GDAL-, Qt- or numpy-ABI-bound) this Python has outside ``exclude``."""
    return {k: v for k, v in qgis_versions(exclude).items() if k in PROTECTED}


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


@dataclass
class PipNetwork:
    """How pip reaches the package index: QGIS's proxy (Settings > Options > Network) and its exclusions, a CA bundle
    for a network that inspects TLS, and patience for slow links. Empty: pip's own defaults and environment."""
    proxy: str = ""                    # scheme://[user:password@]host:port
    no_proxy: Sequence[str] = ()       # hosts reached directly
    ca_bundle: str = ""                # a PEM file of the certificate authorities to trust
    timeout_s: int = 60
    retries: int = 5

    def pip_args(self) -> List[str]:
        args = ["--timeout", str(int(self.timeout_s)), "--retries", str(int(self.retries))]
        if self.proxy:
            args += ["--proxy", self.proxy]
        if self.ca_bundle:
            args += ["--cert", self.ca_bundle]
        return args

    def env(self) -> Dict[str, str]:
        if not self.no_proxy:
            return {}
        hosts = ",".join(h.strip() for h in self.no_proxy if h.strip())
        return {"NO_PROXY": hosts, "no_proxy": hosts}


def proxy_url(host: str, port: Optional[int] = None, user: str = "", password: str = "", scheme: str = "http") -> str:
    """``http://user:password@host:port`` for pip, with user and password quoted (an @ or : in a password)."""
    from urllib.parse import quote
    host = host.strip()
    if not host:
        return ""
    if "://" in host:
        scheme, host = host.split("://", 1)
    auth = f"{quote(user, safe='')}:{quote(password, safe='')}@" if user else ""
    return f"{scheme}://{auth}{host.rstrip('/')}" + (f":{int(port)}" if port else "")


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


def shown_command(cmd: Sequence[str]) -> str:
    """The command as the log shows it: a proxy's password hidden."""
    return re.sub(r"(://[^:/@\s]+:)[^@\s]+@", r"\1***@", " ".join(cmd))


def _child_env() -> Dict[str, str]:
    env = dict(os.environ)
    for k in ("PIP_USER", "PIP_TARGET", "PIP_PREFIX", "PIP_ROOT", "PIP_BREAK_SYSTEM_PACKAGES"):
        env.pop(k, None)
    env["PIP_REQUIRE_VIRTUALENV"] = "0"      # a user setting that would refuse any install outside a venv
    env["PYTHONIOENCODING"] = "utf-8"
    env["PYTHONUNBUFFERED"] = "1"
    return env


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
    asked = {_norm(re.match(r"[A-Za-z0-9._-]+", r).group(0)) for r in requirements}
    keep = {k: v for k, v in qgis_versions(exclude=target).items() if k not in asked}
    constraints = os.path.join(parent, f".constraints-{os.getpid()}.txt")
    with open(constraints, "w", encoding="utf-8") as f:
        f.write("\n".join(constraint_lines(keep)) + "\n")
    network = network or PipNetwork()
    cmd = pip_command(python, staging, requirements, constraints, find_links, no_index, index_args, network)
    result = InstallResult(target, python, list(requirements))
    try:
        env = {**pip_ready(python, bootstrap, progress), **network.env()}
        progress.info("running: " + shown_command(cmd))
        result.log = run_logged(cmd, progress, _PipProgress().line, env=env)
        for ln in result.log:
            if ln.startswith("Successfully installed"):
                result.installed = ln.split()[2:]
        # QGIS's own packages stay in use: pip resolved against their versions, drop its copies
        for name, dist_info in installed_distributions(staging).items():
            if name in keep:
                _remove_distribution(staging, dist_info)
                result.kept_from_qgis.append(f"{name} {keep[name]}")
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
