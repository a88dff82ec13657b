"""Qt6 readiness of the plugin's Qt code (QGIS 4 runs PyQt6), checked with the PyQt5 that QGIS 3 has:

- an enum member read from its class (``QMessageBox.Yes``, ``Qt.AlignLeft``, ``QgsTask.CanCancel``): PyQt6 knows
  it only through its enum (``QMessageBox.StandardButton.Yes``); the scan finds every ``Class.Member`` of a Qt or
  QGIS class whose value is a member of an enum and names the scoped form;
- ``QVariant.<Type>`` (gone in Qt6: ``QMetaType.Type``), ``exec_()`` (``exec()``), ``QAction`` from QtWidgets
  (QtGui in Qt6), ``pyqtSignal`` from ``PyQt5`` directly instead of ``qgis.PyQt``.

    python scripts/qt6_check.py          # exit 1 and one line per finding

Run with the Python that has QGIS (``make lint``); core/ is skipped (no Qt there).
"""
import ast
import importlib
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLUGIN = os.path.join(ROOT, "crosstime")
QT_MODULES = ("qgis.PyQt.", "qgis.core", "qgis.gui", "PyQt5.")
ALLOWED = {"compat_qt.py"}          # the one place that may name both Qt5 and Qt6 spellings


def python_files():
    for base, dirs, names in os.walk(PLUGIN):
        dirs[:] = sorted(d for d in dirs if d not in ("core", "__pycache__", "i18n", "resources", "help"))
        for n in sorted(names):
            if n.endswith(".py") and n not in ALLOWED:
                yield os.path.join(base, n)


def imported_classes(tree) -> dict:
    """{name in the module: the object} for every name imported from a Qt or QGIS module."""
    out = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(QT_MODULES):
            try:
                module = importlib.import_module(node.module)
            except ImportError:
                continue
            for alias in node.names:
                obj = getattr(module, alias.name, None)
                if isinstance(obj, type):
                    out[alias.asname or alias.name] = obj
    return out


def enum_type_of(value):
    """The enum class of ``value`` when it is a member of a sip or Python enum, else None."""
    import enum
    kind = type(value)
    if isinstance(value, enum.Enum):
        return kind
    if type(kind).__name__ == "enumtype" or kind.__class__.__name__ in ("enumtype", "EnumType"):
        return kind
    return None


def findings_in(path: str):
    with open(path, encoding="utf-8") as f:
        source = f.read()
    tree = ast.parse(source, path)
    classes = imported_classes(tree)
    rel = os.path.relpath(path, ROOT)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("PyQt5"):
            yield f"{rel}:{node.lineno}: import from qgis.PyQt, not PyQt5 (QGIS maps it to PyQt6)"
        if isinstance(node, ast.ImportFrom) and node.module == "qgis.PyQt.QtWidgets" and any(
                a.name == "QAction" for a in node.names):
            yield f"{rel}:{node.lineno}: QAction lives in QtGui in Qt6: import it from qgis.PyQt.QtGui"
        if isinstance(node, ast.Attribute) and node.attr == "exec_":
            yield f"{rel}:{node.lineno}: exec_() is gone in PyQt6: call exec()"
        if not (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in classes):
            continue
        cls = classes[node.value.id]
        if cls.__name__ == "QVariant" and node.attr[:1].isupper() and node.attr not in ("Type",):
            yield (f"{rel}:{node.lineno}: QVariant.{node.attr} is gone in Qt6: use the field type helpers of "
                   "crosstime/compat_qt.py")
            continue
        value = getattr(cls, node.attr, None)
        kind = enum_type_of(value) if value is not None else None
        if kind is not None and kind.__name__ != node.attr:
            yield (f"{rel}:{node.lineno}: {node.value.id}.{node.attr}: write {node.value.id}.{kind.__name__}."
                   f"{node.attr} (Qt6 scopes its enums)")


def main() -> int:
    sys.path.insert(0, ROOT)
    found = [f for p in python_files() for f in findings_in(p)]
    for f in found:
        print(f)
    print(f"qt6_check: {len(found)} finding(s) in {sum(1 for _ in python_files())} files", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
