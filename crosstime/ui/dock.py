"""The CrossTime dock: pick layers and a model, build the old-date index, click to match.

The widgets come from ``dock.ui`` (loaded at run time); each tab is a panel owning its widgets' behaviour:
``layers_panel`` (orthos, vector layers, legend), ``index_panel`` (describer, building the index, learning this
region), ``match_panel`` (the click tool, the matcher, the results) and ``archive`` (the Archive tab). The dock
wires them together and gives them the status line, the message bar and the map highlights. What it remembers
(user defaults and project entries) is the table in ``dock_settings.py``.
"""
from __future__ import annotations

import os
from typing import List, Optional

from qgis.core import Qgis, QgsProject
from qgis.PyQt import uic
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QDockWidget, QWidget

from ..runtime import dependencies
from ..translation import missing_message, tr, translated
from . import dock_settings
from .dock_settings import select_data
from .highlight import Highlighter
from .index_panel import DESCRIBER_QUICK, IndexPanel, model_needs_torch
from .layers_panel import LayersPanel
from .match_panel import MatchPanel

UI_FILE = os.path.join(os.path.dirname(__file__), "dock.ui")


class CrossTimeDock(QDockWidget):
    def __init__(self, iface, missing: Optional[List[str]] = None, parent=None):
        super().__init__("CrossTime", parent or iface.mainWindow())
        self.setObjectName("CrossTimeDock")
        self.iface = iface
        self.canvas = iface.mapCanvas()
        form_cls, _ = uic.loadUiType(UI_FILE)
        self.w = form_cls()
        holder = QWidget(self)
        self.w.setupUi(holder)
        self.setWidget(holder)
        self.missing = list(missing or [])
        self.essential_missing = []      # what even the quick describer needs (numpy, rasterio)
        self.highlighter = Highlighter(self.canvas)
        self.layers_panel = LayersPanel(self)
        self.index_panel = IndexPanel(self)
        self.match_panel = MatchPanel(self)
        self.w.missingLabel.linkActivated.connect(lambda _: self.open_dependencies())
        self.w.helpButton.clicked.connect(self.open_help)
        self.w.mainLayout.setContentsMargins(3, 3, 3, 3)     # usable at 300 px of width
        self.setMinimumWidth(0)
        self.load_settings()
        from .archive_panel import ArchivePanel
        self.archive = ArchivePanel(self)
        proj = QgsProject.instance()
        proj.readProject.connect(self.load_project_settings)
        proj.writeProject.connect(self.save_project_settings)
        if self.missing:
            self.show_missing(self.missing)

    def help_anchor(self) -> str:
        """The part of the user guide about the tab in front: archive search, or the dock."""
        archive = self.w.tabs.currentWidget() is getattr(self.archive, "widget", None)
        return "archive-search" if archive else "the-dock"

    def open_help(self) -> bool:
        from ..user_guide import open_user_guide
        return open_user_guide(self.help_anchor())

    def show_missing(self, missing: List[str]) -> None:
        """The banner naming what is missing, with a link to the dialog that installs it. The quick describer needs
        numpy and rasterio only, so without torch the dock still indexes and answers clicks; learning needs torch."""
        import html

        w = self.w
        self.missing = list(missing)
        w.missingLabel.setTextFormat(Qt.TextFormat.RichText)
        w.missingLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        w.missingLabel.setText(html.escape(missing_message(self.missing)) + ' <a href="dependencies">'
                               + html.escape(tr("Install the missing packages…")) + "</a>")
        w.missingLabel.setVisible(bool(self.missing))
        self.essential_missing = [m for m in self.missing if m in dependencies.ESSENTIAL]
        for b in (w.buildButton, w.pickButton, w.previewButton):
            b.setEnabled(not self.essential_missing)
        w.learnButton.setEnabled(not self.missing)
        for b in (self.archive.w.indexArchiveButton, self.archive.w.locateButton):    # its describer needs PyTorch
            b.setEnabled(not self.missing)
        if self.missing and model_needs_torch(w.describerCombo.currentData()):
            select_data(w.describerCombo, DESCRIBER_QUICK)

    def open_dependencies(self):
        from ..runtime import dependencies
        from .dependencies_dialog import open_dependencies_dialog
        dialog = open_dependencies_dialog(self.iface, self)
        dialog.packages_changed.connect(lambda: self.show_missing(dependencies.missing()))
        return dialog

    # what every panel reports through ----------------------------------------------------------
    def status(self, text: str, level: str = "info") -> None:
        """Show ``text`` (a core message or error is shown in the user's language)."""
        colour = {"info": "", "warning": "color: #8a6d00;", "error": "color: #b00020;", "ok": "color: #1b5e20;"}[level]
        self.w.statusLabel.setStyleSheet(f"QLabel {{ {colour} }}")
        self.w.statusLabel.setText(translated(text))

    def push(self, text: str, level=Qgis.MessageLevel.Info, duration: int = 6) -> None:
        self.iface.messageBar().pushMessage("CrossTime", translated(text), level=level, duration=duration)

    # settings: the table of dock_settings.py ---------------------------------------------------
    def load_settings(self) -> None:
        dock_settings.load_settings(self.w, dock_settings.DOCK)
        self.index_panel.describer_changed()

    def save_settings(self) -> None:
        dock_settings.save_settings(self.w, dock_settings.DOCK)

    def save_project_settings(self, *_args) -> None:
        dock_settings.write_project(self.w, dock_settings.DOCK)
        self.archive.save_project_settings()

    def load_project_settings(self, *_args) -> None:
        self.layers_panel.refresh_vectors()
        dock_settings.read_project(self.w, dock_settings.DOCK)
        self.archive.load_project_settings()

    # teardown ----------------------------------------------------------------------------------
    def shutdown(self) -> None:
        """Called by the plugin's unload: stop tools and tasks, remove canvas items, disconnect."""
        self.save_settings()
        self.index_panel.cancel_build()
        self.archive.shutdown()
        self.match_panel.shutdown()
        self.highlighter.clear_all()
        for sig, slot in ((QgsProject.instance().readProject, self.load_project_settings),
                          (QgsProject.instance().writeProject, self.save_project_settings)):
            try:
                sig.disconnect(slot)
            except TypeError:
                pass
        self.layers_panel.shutdown()
