"""`make zip`: the plugin as a zip that the Plugin Manager's "Install from ZIP" accepts.

One top folder ``crosstime/`` holding the package; no tests, scripts, caches, virtual environment or data.
"""
import argparse
import os
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
INCLUDE_DIRS = ("core", "ui", "toolbox", "adapters", "resources")
INCLUDE_FILES = ("__init__.py", "plugin.py", "metadata.txt", "LICENSE", "README.md", "requirements.txt",
                 "constraints.txt")
SKIP_SUFFIXES = (".pyc", ".pyo")


def files():
    for f in INCLUDE_FILES:
        if os.path.exists(os.path.join(ROOT, f)):
            yield f
    for d in INCLUDE_DIRS:
        for base, dirs, names in os.walk(os.path.join(ROOT, d)):
            dirs[:] = sorted(x for x in dirs if x != "__pycache__" and not x.startswith("."))
            for n in sorted(names):
                if n.endswith(SKIP_SUFFIXES) or n.startswith("."):
                    continue
                yield os.path.relpath(os.path.join(base, n), ROOT)


def build(out: str) -> str:
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for rel in files():
            z.write(os.path.join(ROOT, rel), os.path.join("crosstime", rel))
    return out


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    path = build(a.out)
    with zipfile.ZipFile(path) as z:
        n = len(z.namelist())
    print(f"{path}: {n} files, {os.path.getsize(path) / 1024:.0f} KiB")
