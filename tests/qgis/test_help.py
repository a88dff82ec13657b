"""Help within reach: every algorithm links to its row of the user guide shipped in the plugin, has its group's icon,
and the dock's Help button opens the guide at the part about the tab in front."""
import os
import subprocess
import sys

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QUrl


def _anchors(page: str) -> set:
    import re
    with open(page, encoding="utf-8") as f:
        return set(re.findall(r'id="([^"]+)"', f.read()))


def test_every_algorithm_has_help_and_its_groups_icon(qgis_processing):
    from crosstime.toolbox.provider import CrossTimeProvider
    from crosstime.user_guide import PAGE
    registry = QgsApplication.processingRegistry()
    provider = registry.providerById("crosstime")
    added = provider is None
    if added:
        provider = CrossTimeProvider()
        registry.addProvider(provider)
    try:
        anchors = _anchors(PAGE)
        icons = {}
        for alg in provider.algorithms():
            url = QUrl(alg.helpUrl())
            assert url.isLocalFile() and os.path.exists(url.toLocalFile()), alg.helpUrl()
            assert url.fragment() == alg.name() and alg.name() in anchors, alg.name()
            assert not alg.icon().pixmap(16).isNull(), alg.name()
            icons.setdefault(alg.groupId(), alg.icon().pixmap(16).toImage())
        assert set(icons) == {"data", "descriptor", "matching", "archive"}
        images = list(icons.values())
        assert all(images[i] != images[j] for i in range(4) for j in range(i + 1, 4))      # four different icons
    finally:
        if added:
            registry.removeProvider(provider)


def test_the_docks_help_button_opens_the_guide_at_the_tab_in_front(qgis_iface, monkeypatch):
    from qgis.PyQt.QtGui import QDesktopServices

    from crosstime.ui.dock import CrossTimeDock
    from crosstime.user_guide import PAGE
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(QUrl(url)) or True)
    dock = CrossTimeDock(qgis_iface)
    try:
        dock.w.helpButton.click()
        dock.w.tabs.setCurrentWidget(dock.archive.widget)
        dock.w.helpButton.click()
        assert [u.fragment() for u in opened] == ["the-dock", "archive-search"]
        assert all(u.toLocalFile() == PAGE for u in opened)
        assert {"the-dock", "archive-search"} <= _anchors(PAGE)
    finally:
        dock.shutdown()
        dock.deleteLater()


def test_the_shipped_guide_is_the_rendering_of_docs(root):
    r = subprocess.run([sys.executable, os.path.join(root, "scripts", "help.py"), "--check"], capture_output=True,
                       text=True, timeout=120)
    assert r.returncode == 0, r.stderr
