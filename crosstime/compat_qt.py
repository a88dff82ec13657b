"""The few Qt names spelt differently in Qt5 (QGIS 3) and Qt6 (QGIS 4), in one place; everywhere else the plugin
writes what both accept (scoped enums: ``Qt.CheckState.Checked``), as ``scripts/qt6_check.py`` checks."""
from qgis.PyQt import QtCore

try:                                   # Qt6: QAction is a QtGui class
    from qgis.PyQt.QtGui import QAction
except ImportError:                    # Qt5
    from qgis.PyQt.QtWidgets import QAction

# field types of QgsField: QVariant.Type in Qt5 (QGIS 3.22 accepts no other), QMetaType.Type in Qt6
if hasattr(QtCore.QVariant, "String"):
    FIELD_STRING, FIELD_INT, FIELD_DOUBLE = QtCore.QVariant.String, QtCore.QVariant.Int, QtCore.QVariant.Double
else:
    FIELD_STRING, FIELD_INT, FIELD_DOUBLE = (QtCore.QMetaType.Type.QString, QtCore.QMetaType.Type.Int,
                                             QtCore.QMetaType.Type.Double)

__all__ = ["FIELD_DOUBLE", "FIELD_INT", "FIELD_STRING", "QAction"]
