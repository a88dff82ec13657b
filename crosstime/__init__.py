"""CrossTime QGIS plugin: cross-time orthophoto matching with a multimodal siamese descriptor."""
import os


def classFactory(iface):
    from .core.dependencies import use_dev_venv
    use_dev_venv(os.path.dirname(__file__))
    from .plugin import CrossTimePlugin
    return CrossTimePlugin(iface)
