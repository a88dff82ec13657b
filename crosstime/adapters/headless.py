"""A stand-in for QGIS's ``iface`` outside the desktop: a hidden main window, a map canvas and a message
bar, so that the plugin and its dock run in scripts and benchmarks exactly as in QGIS."""
from __future__ import annotations

from qgis.gui import QgsMapCanvas, QgsMessageBar
from qgis.PyQt.QtWidgets import QMainWindow


class HeadlessIface:
    def __init__(self):
        self.win = QMainWindow()
        self.canvas = QgsMapCanvas(self.win)
        self.bar = QgsMessageBar(self.win)

    def mainWindow(self):
        return self.win

    def mapCanvas(self):
        return self.canvas

    def messageBar(self):
        return self.bar

    def addToolBar(self, name):
        return self.win.addToolBar(name)

    def addDockWidget(self, area, dock):
        self.win.addDockWidget(area, dock)

    def removeDockWidget(self, dock):
        self.win.removeDockWidget(dock)

    def addPluginToMenu(self, name, action):
        self.win.menuBar().addAction(action)

    def removePluginMenu(self, name, action):
        self.win.menuBar().removeAction(action)

    def removeToolBarIcon(self, action):
        """Toolbar actions go with their toolbar."""
