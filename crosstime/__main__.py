"""``python -m crosstime <command>``: the command line, from the repository root or wherever the package is importable."""
import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
