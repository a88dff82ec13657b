"""The plugin's Qt code is written as Qt6 (QGIS 4) also reads it, and the scan that checks it (make lint) finds the
Qt5-only spellings."""
import importlib.util
import os


def _checker(root):
    spec = importlib.util.spec_from_file_location("qt6_check", os.path.join(root, "scripts", "qt6_check.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_plugin_has_no_qt5_only_spelling(root):
    checker = _checker(root)
    assert [f for p in checker.python_files() for f in checker.findings_in(p)] == []


def test_the_scan_finds_unscoped_enums_qvariant_types_and_exec_(root, tmp_path):
    checker = _checker(root)
    bad = tmp_path / "bad.py"
    bad.write_text("from qgis.PyQt.QtWidgets import QMessageBox, QAction\nfrom qgis.PyQt.QtCore import Qt, QVariant\n"
                   "from qgis.core import QgsProcessing\n"
                   "a = QMessageBox.Yes\nb = Qt.Checked\nc = QVariant.String\nd = QgsProcessing.TypeVectorLine\n"
                   "e = QMessageBox.StandardButton.Yes\nQMessageBox().exec_()\n", encoding="utf-8")
    found = list(checker.findings_in(str(bad)))
    text = "\n".join(found)
    assert "QMessageBox.StandardButton.Yes" in text and "Qt.CheckState.Checked" in text
    assert "QVariant.String is gone" in text and "QgsProcessing.SourceType.TypeVectorLine" in text
    assert "QAction lives in QtGui" in text and "exec_() is gone" in text
    assert len(found) == 6                         # the scoped spelling of line 8 is fine
