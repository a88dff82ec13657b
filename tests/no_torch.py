"""A command line run in a Python where torch, torchvision and scikit-learn cannot be imported:
``python -c CLI_NO_TORCH ROOT ARGS...``."""

CLI_NO_TORCH = r"""
import sys
class Hide:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("torch", "torchvision", "sklearn"):
            raise ImportError(name + " is hidden by the test")
sys.meta_path.insert(0, Hide())
sys.path.insert(0, sys.argv[1])
from crosstime.cli import main
sys.exit(main(sys.argv[2:]))
"""
