"""What reads an ortho tile by tile, whatever the raster is: a file read with rasterio (:class:`OrthoReader`)
or, in the plugin, any raster layer QGIS can display (a WMS/WMTS/XYZ or virtual layer read through its data
provider, ``crosstime/adapters/raster_reader.py``).

An ortho is given to the tile sources either as a file path or as a *reader factory*: a callable taking the
:class:`~.grid.TileGrid` and returning a :class:`TileReader`. Factories let core read layers it knows nothing
about, and open the reader in the thread that uses it.
"""
from __future__ import annotations

from typing import Callable, Union

from .grid import Bounds, TileGrid

try:                                   # Python >= 3.8
    from typing import Protocol
except ImportError:                    # pragma: no cover
    Protocol = object


class TileReader(Protocol):
    """Reads one tile's pixels: ``read_bounds(footprint)`` -> :class:`~.orthos.TileRead` (RGB uint8 of
    ``grid.pixels`` square, 0 where invalid, and the validity mask); ``close()`` frees what it holds."""

    def read_bounds(self, bounds: Bounds):  # pragma: no cover - protocol
        ...

    def close(self) -> None:  # pragma: no cover - protocol
        ...


ReaderFactory = Callable[[TileGrid], TileReader]
OrthoSource = Union[str, ReaderFactory]


def open_tile_reader(source: OrthoSource, grid: TileGrid) -> TileReader:
    """A reader for ``source``: a file read with rasterio, or whatever the factory returns."""
    if callable(source):
        return source(grid)
    from .orthos import OrthoReader
    return OrthoReader(source, grid)


def source_label(source: OrthoSource) -> str:
    """What to write in metadata about ``source``: the path, or the factory's ``label`` (else its repr)."""
    if callable(source):
        return str(getattr(source, "label", None) or repr(source))
    return str(source)
