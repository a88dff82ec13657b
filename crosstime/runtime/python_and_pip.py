"""Finding the Python that QGIS runs on and its pip (from ``ensurepip`` when it has none), and how pip reaches the
package index (QGIS's proxy, a CA bundle, timeouts). Used by ``installer``; no QGIS import."""
from __future__ import annotations

import ntpath
import os
import posixpath
import re
import subprocess
import sys
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence

from ..core.errors import CrossTimeError
from ..core.progress import SILENT, Progress


class InstallerError(CrossTimeError, RuntimeError):
    """The Python of QGIS or its pip cannot be found, or pip failed."""


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
        """The options on pip's command line: never the proxy, whose password other users could read there."""
        args = ["--timeout", str(int(self.timeout_s)), "--retries", str(int(self.retries))]
        if self.ca_bundle:
            args += ["--cert", self.ca_bundle]
        return args

    def env(self) -> Dict[str, str]:
        """The proxy in pip's environment, where its exclusions apply too (with ``--proxy`` they would not)."""
        out: Dict[str, str] = {}
        if self.proxy:
            for key in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"):
                out[key] = self.proxy
        hosts = ",".join(h.strip() for h in self.no_proxy if h.strip())
        if hosts:
            out.update({"NO_PROXY": hosts, "no_proxy": hosts})
        return out


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
