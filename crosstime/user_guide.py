"""The user guide shipped in the plugin (``help/user-guide.html``, made from ``docs/user-guide.md`` by
``scripts/help.py``): opened, offline, by the dock's Help button and by the help link of every Processing algorithm."""
from __future__ import annotations

import os

from qgis.PyQt.QtCore import QUrl

PAGE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "help", "user-guide.html")


def user_guide_url(anchor: str = "") -> str:
    """``file:///.../user-guide.html#anchor``: a section (``the-dock``) or an algorithm (``build_index``)."""
    url = QUrl.fromLocalFile(PAGE)
    if anchor:
        url.setFragment(anchor)
    return url.toString()


def open_user_guide(anchor: str = "") -> bool:
    """Opens the guide in the user's browser; False when the system has none to open it with."""
    from qgis.PyQt.QtGui import QDesktopServices
    return QDesktopServices.openUrl(QUrl(user_guide_url(anchor)))
