"""The QGIS plugin object: toolbar action, menu entry, dock and Processing provider, all removed on unload."""
from __future__ import annotations

import os

from qgis.core import Qgis, QgsApplication
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QIcon

from .compat_qt import QAction
from .runtime import dependencies
from .translation import install_translator, remove_translator, tr

MENU = "&CrossTime"
ICON = os.path.join(os.path.dirname(__file__), "resources", "icon.png")


class CrossTimePlugin:
    def __init__(self, iface):
        self.iface = iface
        # before any string is made (Processing names included): QGIS's language, from its locale setting
        self.translator = install_translator()
        self.provider = None
        self.dock = None
        self.action = None
        self.deps_action = None
        self.toolbar = None
        self.missing = []

    def initProcessing(self):
        from .toolbox.provider import CrossTimeProvider
        self.provider = CrossTimeProvider()
        QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self):
        self.initProcessing()
        self.missing = dependencies.missing()
        main = self.iface.mainWindow()
        self.action = QAction(QIcon(ICON), "CrossTime", main)
        self.action.setObjectName("CrossTimeAction")
        self.action.setToolTip(tr("CrossTime: match a place on the new ortho with the old one"))
        self.action.setCheckable(True)
        self.toolbar = self.iface.addToolBar("CrossTime")
        self.toolbar.setObjectName("CrossTimeToolbar")
        self.toolbar.addAction(self.action)
        self.iface.addPluginToMenu(MENU, self.action)
        self.deps_action = QAction(tr("Dependencies…"), main)
        self.deps_action.setObjectName("CrossTimeDependenciesAction")
        self.deps_action.setToolTip(tr("What CrossTime needs, what is installed; install or remove its packages"))
        self.deps_action.triggered.connect(self.open_dependencies)
        self.iface.addPluginToMenu(MENU, self.deps_action)
        from .ui.dock import CrossTimeDock
        self.dock = CrossTimeDock(self.iface, self.missing)
        self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.action.setChecked(True)
        self.action.toggled.connect(self.dock.setVisible)
        self.dock.visibilityChanged.connect(self.action.setChecked)
        essential = [m for m in self.missing if m in dependencies.ESSENTIAL]
        if essential:        # without torch the quick describer still serves: the dock's banner says what is missing
            self.iface.messageBar().pushMessage(
                "CrossTime",
                tr("CrossTime needs {0}, not found in the Python that QGIS uses. Install them from the menu Plugins > "
                   "CrossTime > Dependencies… (they go to a private folder of your QGIS profile).").format(
                    ", ".join(essential)),
                level=Qgis.MessageLevel.Warning, duration=0)

    def open_dependencies(self):
        from .ui.dependencies_dialog import open_dependencies_dialog
        return open_dependencies_dialog(self.iface, self.iface.mainWindow())

    def unload(self):
        if self.dock is not None:
            try:
                self.dock.visibilityChanged.disconnect(self.action.setChecked)
            except TypeError:
                pass
            self.dock.shutdown()
            self.iface.removeDockWidget(self.dock)
            self.dock.setParent(None)
            self.dock.deleteLater()
            self.dock = None
        from .ui.dependencies_dialog import close_dependencies_dialog
        close_dependencies_dialog()
        if self.deps_action is not None:
            self.iface.removePluginMenu(MENU, self.deps_action)
            self.deps_action.deleteLater()
            self.deps_action = None
        if self.action is not None:
            self.iface.removePluginMenu(MENU, self.action)
            self.iface.removeToolBarIcon(self.action)
            self.action.deleteLater()
            self.action = None
        if self.toolbar is not None:
            self.toolbar.setParent(None)
            self.toolbar.deleteLater()
            self.toolbar = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        remove_translator(self.translator)
        self.translator = None
