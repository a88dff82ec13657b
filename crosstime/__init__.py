"""CrossTime QGIS plugin: cross-time orthophoto matching with a multimodal siamese descriptor."""
import os


def _profile_dir():
    """The active QGIS profile folder (None outside QGIS)."""
    try:
        from qgis.core import QgsApplication
        return QgsApplication.qgisSettingsDirPath() or None
    except Exception:
        return None


def classFactory(iface):
    from .runtime.dependencies import use_dev_venv, use_private_packages
    # the packages installed from the dependencies dialog (<profile>/python/crosstime-deps/pyX.Y), then, from a
    # source checkout, its .venv (in front: a developer's environment wins)
    use_private_packages(_profile_dir())
    use_dev_venv(os.path.dirname(__file__))
    from .plugin import CrossTimePlugin
    return CrossTimePlugin(iface)
