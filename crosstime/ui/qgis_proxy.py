"""pip's way through the network, from QGIS's own settings (Settings > Options > Network)."""
from __future__ import annotations

import os

from qgis.core import QgsSettings

from ..runtime import installer

# QGIS's Settings > Options > Network: proxy types pip can use, and their URL scheme
_PROXY_SCHEMES = {"HttpProxy": "http", "HttpCachingProxy": "http", "Socks5Proxy": "socks5"}


def qgis_pip_network(ca_bundle: str = "") -> installer.PipNetwork:
    """pip's network settings from QGIS's: its proxy (with user and password) and the addresses it excludes.
    "Default proxy" (the system's) is what pip does by itself, from the environment."""
    s = QgsSettings()
    net = installer.PipNetwork(ca_bundle=ca_bundle or os.environ.get("PIP_CERT", ""))
    enabled = str(s.value("proxy/proxyEnabled", False)).lower() in ("true", "1")
    kind = str(s.value("proxy/proxyType", "") or "")
    if not enabled or kind not in _PROXY_SCHEMES:
        return net
    port = s.value("proxy/proxyPort", "")
    net.proxy = installer.proxy_url(str(s.value("proxy/proxyHost", "") or ""), int(port) if str(port).isdigit() else None,
                                    str(s.value("proxy/proxyUser", "") or ""),
                                    str(s.value("proxy/proxyPassword", "") or ""), _PROXY_SCHEMES[kind])
    excluded = []
    for key in ("proxy/proxyExcludedUrls", "proxy/noProxyUrls"):
        value = s.value(key, []) or []
        for url in ([value] if isinstance(value, str) else list(value)):
            for part in str(url).split("|"):
                host = part.strip().split("://")[-1].split("/")[0]
                if host and host not in excluded:
                    excluded.append(host)
    net.no_proxy = excluded
    return net
