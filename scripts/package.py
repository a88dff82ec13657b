"""`make zip`: the plugin as a zip that the Plugin Manager's "Install from ZIP" accepts.

One top folder ``crosstime/`` holding the package; no tests, scripts, caches, virtual environment or data. The
compiled translations (``i18n/*.qm``, built from the ``.ts`` by lrelease) go in; the ``.ts`` sources stay out.
"""
import argparse
import os
import sys
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLUGIN = os.path.join(ROOT, "crosstime")
EXTRA_FILES = ("LICENSE",)          # from the repository root into the plugin folder
SKIP_SUFFIXES = (".pyc", ".pyo", ".ts")


def files():
    """(path on disk, path in the zip): the plugin folder as it is, plus the licence."""
    for base, dirs, names in os.walk(PLUGIN):
        dirs[:] = sorted(x for x in dirs if x != "__pycache__" and not x.startswith("."))
        for n in sorted(names):
            if n.endswith(SKIP_SUFFIXES) or n.startswith("."):
                continue
            full = os.path.join(base, n)
            yield full, os.path.join("crosstime", os.path.relpath(full, PLUGIN))
    for f in EXTRA_FILES:
        yield os.path.join(ROOT, f), os.path.join("crosstime", f)


def build(out: str) -> str:
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import i18n  # scripts/i18n.py, beside this script
    for ts in sorted(os.listdir(i18n.I18N)):
        if ts.startswith("crosstime_") and ts.endswith(".ts"):
            i18n.compile_qm(ts[len("crosstime_"):-len(".ts")])      # when missing or older than the .ts
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for path, name in files():
            z.write(path, name)
    return out


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    path = build(a.out)
    with zipfile.ZipFile(path) as z:
        n = len(z.namelist())
    print(f"{path}: {n} files, {os.path.getsize(path) / 1024:.0f} KiB")
