"""What the plugin needs beyond QGIS, what is found, and where CrossTime's own packages live.

The needs are version ranges read from ``crosstime/runtime_requirements.txt`` (pip resolves them for the Python that
QGIS runs on, 3.9 to 3.13); the development environment's exact pins stay in the repository's requirements.txt.
Packages the user installs from the dependencies dialog go to a private folder of the QGIS profile, one per Python
version (``<profile>/python/crosstime-deps/py3.11``), put in front of ``sys.path`` when the plugin loads.

Nothing here imports a heavy package at module level: the checks try each import on demand.
"""
from __future__ import annotations

import importlib
import importlib.util
import os
import re
import shutil
import site
import sys
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

PLUGIN_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REQUIREMENTS_FILE = os.path.join(PLUGIN_DIR, "runtime_requirements.txt")
DEPS_FOLDER = "crosstime-deps"          # inside <profile>/python/
DEPS_DIR_ENV = "CROSSTIME_DEPS_DIR"     # overrides <profile>/python/crosstime-deps (shared installs, tests)
PENDING_SUFFIX = ".new"                 # a complete install waiting to replace the folder at the next start
REMOVE_MARKER = ".crosstime-remove"     # beside the folder: delete it at the next start (files were in use)
COMPLETE_MARKER = ".crosstime-complete"  # inside a finished install


@dataclass(frozen=True)
class Requirement:
    """One line of runtime_requirements.txt."""
    name: str                 # distribution name, as pip knows it
    spec: str                 # version range, e.g. ">=1.13,<3"
    module: str               # import name
    required: bool
    if_missing: bool = False  # only installed where the Python has none (GDAL- or ABI-bound: numpy, rasterio)
    torch_index: bool = False  # from the PyTorch wheel index of the chosen build (CPU or CUDA)

    @property
    def line(self) -> str:
        """The requirement as pip takes it: ``torch>=1.13,<3``."""
        return self.name + self.spec


def read_requirements(path: str = REQUIREMENTS_FILE) -> List[Requirement]:
    out = []
    with open(path, encoding="utf-8") as f:
        for raw in f:
            req, _, fields = raw.partition("#")
            req = req.strip()
            if not req:
                continue
            m = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)\s*(.*)", req)
            if not m:
                raise ValueError(f"{path}: cannot read the requirement '{req}'")
            opts = [x.strip() for x in fields.split(";") if x.strip()]
            module = next((o.split("=", 1)[1].strip() for o in opts if o.startswith("import=")), m.group(1))
            out.append(Requirement(m.group(1), m.group(2).replace(" ", ""), module, "required" in opts,
                                   "if-missing" in opts, "torch-index" in opts))
    return out


REQUIREMENTS: List[Requirement] = read_requirements()
REQUIRED: Dict[str, str] = {r.module: r.line for r in REQUIREMENTS if r.required}
OPTIONAL: Dict[str, str] = {r.module: r.line for r in REQUIREMENTS if not r.required}
# what the quick describer (a thumbnail of each tile) needs: without them CrossTime can do nothing
ESSENTIAL = ("numpy", "rasterio")
# what indexing and click matching with an exported ONNX model need (no torch)
INFERENCE: Dict[str, str] = {m: REQUIRED.get(m) or OPTIONAL[m] for m in ("numpy", "rasterio", "onnxruntime")}


def requirement_for(module: str) -> Optional[Requirement]:
    return next((r for r in REQUIREMENTS if r.module == module or r.name == module), None)


# versions -----------------------------------------------------------------------------------------
def parse_version(text: str) -> Tuple[int, ...]:
    """The release numbers of a version string: '2.14.1+cu130' -> (2, 14, 1); '' or garbage -> ()."""
    m = re.match(r"\s*v?(\d+(?:\.\d+)*)", str(text or ""))
    return tuple(int(x) for x in m.group(1).split(".")) if m else ()


def _cmp(a: Tuple[int, ...], b: Tuple[int, ...]) -> int:
    n = max(len(a), len(b))
    a, b = a + (0,) * (n - len(a)), b + (0,) * (n - len(b))
    return (a > b) - (a < b)


def satisfies(version: str, spec: str) -> bool:
    """Whether ``version`` lies in the range ``spec``: by ``packaging`` (PEP 440, as pip decides), which QGIS's Python
    nearly always has (pip and setuptools need it); else by the release numbers (comma-separated >=, >, <=, <, ==,
    !=, ~= clauses), local labels such as ``+cu130`` ignored."""
    try:
        from packaging.specifiers import InvalidSpecifier, SpecifierSet
        from packaging.version import InvalidVersion, Version
    except ImportError:
        return _satisfies_by_release(version, spec)
    try:
        return Version(str(version)) in SpecifierSet(spec, prereleases=True)
    except (InvalidVersion, InvalidSpecifier):
        return _satisfies_by_release(version, spec)


def _satisfies_by_release(version: str, spec: str) -> bool:
    v = parse_version(version)
    if not v:
        return False
    for clause in filter(None, (c.strip() for c in spec.split(","))):
        m = re.fullmatch(r"(>=|<=|==|!=|>|<|~=)\s*([0-9][0-9.]*)\*?", clause)
        if not m:
            raise ValueError(f"unsupported version clause '{clause}'")
        op, ref = m.group(1), parse_version(m.group(2))
        c = _cmp(v, ref)
        ok = {">=": c >= 0, ">": c > 0, "<=": c <= 0, "<": c < 0, "==": c == 0, "!=": c != 0,
              "~=": c >= 0 and v[:max(1, len(ref) - 1)] == ref[:max(1, len(ref) - 1)]}[op]
        if not ok:
            return False
    return True


# what is there ------------------------------------------------------------------------------------
def missing(modules: Optional[Dict[str, str]] = None) -> List[str]:
    """Import names not found on sys.path. Found, not imported: importing torch to check it took 3 s of QGIS's start
    (bench/bench_load.py); a package that is there but does not import is reported by the dependencies dialog
    (:func:`package_state`) and by the job that needs it."""
    out = []
    for name in (modules or REQUIRED):
        try:
            found = sys.modules[name] is not None if name in sys.modules else importlib.util.find_spec(name) is not None
        except (ImportError, ValueError):
            found = False
        if not found:
            out.append(name)
    return out


def import_torch_here() -> None:
    """Import PyTorch and torchvision, when they are installed and not imported yet, without triton.

    The interface calls it on QGIS's main thread just before the first background task that needs them (a one-off
    pause of a few seconds on that action, now that QGIS's start no longer imports them). torchvision loads
    torch._dynamo, which looks for triton (CUDA builds of PyTorch on Linux ship it) and loads its native library,
    which bundles LLVM: inside a running QGIS desktop, once an OpenGL context has brought Mesa's own LLVM, that load
    crashed QGIS (``make smoke`` showed it). CrossTime compiles nothing with triton: it is hidden while torch looks
    for it (torch remembers the answer), then visible again for anyone else."""
    wanted = [m for m in ("torch", "torchvision") if sys.modules.get(m) is None and not missing({m: ""})]
    if not wanted:
        return
    hide = "triton" not in sys.modules
    if hide:
        sys.modules["triton"] = None          # import triton -> ImportError: torch takes it as not installed
    try:
        for name in wanted:
            importlib.import_module(name)
    except Exception:      # the task that needs them says why, in its own words
        pass
    finally:
        if hide and "triton" in sys.modules and sys.modules["triton"] is None:
            del sys.modules["triton"]


def can_describe_without_torch() -> bool:
    """Whether an exported ONNX model can index and answer clicks here (numpy, rasterio and onnxruntime import)."""
    return not missing(INFERENCE)


@dataclass
class PackageState:
    requirement: Requirement
    version: Optional[str] = None     # the version found (None: not found)
    location: Optional[str] = None    # the folder the module is imported from
    private: bool = False             # found in CrossTime's private folder
    error: Optional[str] = None       # why it does not import, when it is there but broken

    @property
    def state(self) -> str:
        """'ok', 'missing', 'outside-range' (found, but not a version of the range) or 'broken' (does not import)."""
        if self.error is not None:
            return "broken"
        if self.version is None:
            return "missing"
        if self.version and not satisfies(self.version, self.requirement.spec):
            return "outside-range"
        return "ok"


def _version_of(req: Requirement, module) -> str:
    v = getattr(module, "__version__", None)
    if isinstance(v, str) and v:
        return v
    try:
        from importlib.metadata import version
        return version(req.name)
    except Exception:
        return ""


def is_inside(path: Optional[str], folder: Optional[str]) -> bool:
    if not path or not folder:
        return False
    try:
        return os.path.commonpath([os.path.realpath(path), os.path.realpath(folder)]) == os.path.realpath(folder)
    except ValueError:                     # other drives on Windows
        return False


def package_state(req: Requirement, private: Optional[str] = None) -> PackageState:
    """What is found of one requirement: version, where from, and whether it imports (it is imported)."""
    st = PackageState(req)
    try:
        spec = importlib.util.find_spec(req.module)
    except Exception as exc:
        spec, st.error = None, f"{type(exc).__name__}: {exc}"
    if spec is None and st.error is None:
        return st
    origin = (spec.origin if spec is not None else None) or ""
    st.location = os.path.dirname(os.path.dirname(origin)) if origin.endswith("__init__.py") else os.path.dirname(origin)
    st.private = is_inside(origin, private)
    try:
        module = importlib.import_module(req.module)
        st.version = _version_of(req, module)
    except Exception as exc:
        st.error = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
        st.version = ""
    return st


def package_states(private: Optional[str] = None) -> List[PackageState]:
    return [package_state(r, private) for r in REQUIREMENTS]


def install_plan(states: Sequence[PackageState], optional: Sequence[str] = ()) -> List[Requirement]:
    """The requirements an install brings into the private folder: every required package not satisfied outside it
    (rasterio and numpy only where the Python has none), plus the optional ones asked for (by module or name).

    The private folder is rebuilt whole at each install, so what it already holds is installed again.
    """
    plan = []
    for st in states:
        r = st.requirement
        if r.required:
            if r.if_missing:
                if st.version is None or (st.private and st.state != "ok"):
                    plan.append(r)
            elif st.state != "ok" or st.private:
                plan.append(r)
        elif r.module in optional or r.name in optional:
            plan.append(r)
    return plan


def rasterio_gdal_mismatch(qgis_gdal: Optional[str]) -> Optional[str]:
    """A warning when rasterio's own GDAL is not QGIS's (a PyPI wheel bundles another GDAL), else None."""
    try:
        import rasterio
    except Exception:
        return None
    theirs = getattr(rasterio, "__gdal_version__", "") or ""
    if qgis_gdal and theirs and parse_version(theirs)[:2] != parse_version(qgis_gdal)[:2]:
        return (f"rasterio is built on GDAL {theirs} while QGIS uses GDAL {qgis_gdal}: formats or projections may "
                "differ between CrossTime and QGIS")
    return None


# messages -----------------------------------------------------------------------------------------
def missing_message(names: List[str], command_line: bool = False) -> str:
    """What is missing and where to install it from (the dependencies dialog); no exact pins, no developer text.

    ``command_line``: also the pip command (version ranges) for the Python running the command line.
    """
    text = (f"CrossTime needs {', '.join(names)} (not found in the Python that QGIS uses). Install them from the "
            "menu Plugins > CrossTime > Dependencies (or the button in the CrossTime panel): they go to a private "
            "folder of your QGIS profile. Then restart QGIS.")
    if command_line:
        lines = [r.line for r in (requirement_for(n) for n in names) if r]
        pkgs = " ".join(f'"{x}"' for x in lines) or " ".join(names)
        text = (f"CrossTime needs {', '.join(names)} (not found in {sys.executable}). Install them into this Python, "
                f"for example in a virtual environment: {sys.executable} -m pip install {pkgs}")
    return text


# the private folder -------------------------------------------------------------------------------
def python_tag() -> str:
    return f"py{sys.version_info.major}.{sys.version_info.minor}"


def deps_base(profile_dir: Optional[str]) -> Optional[str]:
    """The folder holding CrossTime's private packages for every Python version: $CROSSTIME_DEPS_DIR, else
    ``<profile>/python/crosstime-deps`` (None when neither is known)."""
    env = os.environ.get(DEPS_DIR_ENV)
    if env:
        return os.path.abspath(env)
    if not profile_dir:
        return None
    return os.path.join(profile_dir, "python", DEPS_FOLDER)


def private_dir(profile_dir: Optional[str]) -> Optional[str]:
    """CrossTime's private packages for this Python version (e.g. ``.../crosstime-deps/py3.11``)."""
    base = deps_base(profile_dir)
    return os.path.join(base, python_tag()) if base else None


def finish_pending(target: str) -> None:
    """Applies what a previous session could not: a removal, or a finished install waiting to replace the folder
    (their files were in use). Errors leave things as they are, to be tried at the next start."""
    marker = target + REMOVE_MARKER
    if os.path.exists(marker):
        try:
            if os.path.isdir(target):
                shutil.rmtree(target)
            os.remove(marker)
        except OSError:
            return
    pending = target + PENDING_SUFFIX
    if os.path.exists(os.path.join(pending, COMPLETE_MARKER)):
        old = target + ".old"
        try:
            if os.path.isdir(old):
                shutil.rmtree(old)
            if os.path.isdir(target):
                os.rename(target, old)
            os.rename(pending, target)
        except OSError:
            return
        shutil.rmtree(old, ignore_errors=True)


def _front_of_path(folder: str) -> None:
    """``folder`` (and what its .pth files add) in front of sys.path, as PYTHONPATH would put them."""
    before = list(sys.path)
    site.addsitedir(folder)                 # also runs the folder's .pth files
    added = [x for x in sys.path if x not in before]
    sys.path[:] = added + before
    importlib.invalidate_caches()
    for p in added:
        sys.path_importer_cache.pop(p, None)


def use_private_packages(profile_dir: Optional[str] = None, folder: Optional[str] = None) -> Optional[str]:
    """Put CrossTime's private packages (``folder``, default: that of ``profile_dir``) in front of sys.path; returns
    the folder when it was added (None when it does not exist or is already there).

    In front, so that a package installed there because QGIS's own copy is missing or too old wins; numpy, GDAL,
    rasterio and Qt are never installed there while QGIS has them (see ``installer.PROTECTED``).
    """
    folder = folder or private_dir(profile_dir)
    if not folder:
        return None
    finish_pending(folder)
    if not os.path.isdir(folder) or os.path.abspath(folder) in (os.path.abspath(p) for p in sys.path if p):
        return None
    _front_of_path(folder)
    return folder


def dev_site_packages(plugin_dir: str) -> Optional[str]:
    """The site-packages of the repository's own .venv, when the plugin runs from a source checkout."""
    ver = f"python{sys.version_info.major}.{sys.version_info.minor}"
    for base in (plugin_dir, os.path.dirname(plugin_dir)):
        p = os.path.join(os.path.realpath(base), ".venv", "lib", ver, "site-packages")
        if os.path.isdir(p):
            return p
    return None


def use_dev_venv(plugin_dir: str) -> Optional[str]:
    """Put the checkout's .venv site-packages in front of sys.path, as PYTHONPATH would; returns it.

    In front, because torch needs its own newer sympy and friends rather than older system copies; the
    venv holds no numpy, GDAL or Qt of its own (it sees the system's), so nothing QGIS relies on is shadowed.
    """
    p = dev_site_packages(plugin_dir)
    if not p or p in sys.path:
        return None
    _front_of_path(p)
    return p
