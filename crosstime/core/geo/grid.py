"""A regular tile grid in a projected CRS, anchored on a global origin so that tile ids are stable.

Tile (i, j) covers [ox + i*stride, ox + i*stride + size] x [oy + j*stride, oy + j*stride + size]:
i grows eastwards, j northwards. Because the indices are global (not relative to an extent), the
same tile keeps the same id whatever extent a grid is built for, which lets indexes, tile stores and
shards built on different extents be merged.
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Iterator, Optional, Tuple

from ..errors import CrossTimeError
from ..messages import Message

Bounds = Tuple[float, float, float, float]  # xmin, ymin, xmax, ymax


class GridError(CrossTimeError, ValueError):
    """The grid cannot be built for the given inputs (no overlap, bad sizes...)."""


def intersect_bounds(a: Bounds, b: Bounds) -> Optional[Bounds]:
    xmin, ymin = max(a[0], b[0]), max(a[1], b[1])
    xmax, ymax = min(a[2], b[2]), min(a[3], b[3])
    if xmin >= xmax or ymin >= ymax:
        return None
    return (xmin, ymin, xmax, ymax)


def tile_id(i: int, j: int) -> str:
    """The id of grid cell (i, j): stable whatever the extent, since the grid is anchored on a global origin."""
    return f"{i}_{j}"


def store_tile_id(store_number: int, tile: str, several_stores: bool) -> str:
    """A tile's id inside a set of tile stores: prefixed with the store's number when several are mixed."""
    return f"{store_number}:{tile}" if several_stores else tile


def parse_tile_id(tid: str) -> Tuple[int, int]:
    try:
        i, j = tid.split("_")
        return int(i), int(j)
    except ValueError as exc:
        raise GridError("not a tile id: {tid!r} (expected 'i_j')", tid=tid) from exc


@dataclass(frozen=True)
class TileGrid:
    crs: str                    # anything rasterio/GDAL understands: "EPSG:2154", WKT...
    tile_size: float            # ground units (metres for a projected CRS)
    pixels: int                 # pixels along one side of a tile
    stride: float = 0.0         # ground units between neighbouring tiles; 0 means tile_size
    origin: Tuple[float, float] = (0.0, 0.0)
    i_range: Tuple[int, int] = (0, 0)   # half-open range of column indices
    j_range: Tuple[int, int] = (0, 0)   # half-open range of row indices
    extent: Optional[Bounds] = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if self.tile_size <= 0 or self.pixels <= 0:
            raise GridError("tile size ({tile_size}) and pixels ({pixels}) must be positive",
                            tile_size=self.tile_size, pixels=self.pixels)
        if self.stride == 0:
            object.__setattr__(self, "stride", float(self.tile_size))
        if self.stride <= 0 or self.stride > self.tile_size:
            raise GridError("stride {stride} must be in (0, tile size {tile_size}]",
                            stride=self.stride, tile_size=self.tile_size)

    # construction -------------------------------------------------------------------------
    @classmethod
    def covering(cls, bounds: Bounds, crs: str, tile_size: float, pixels: int, stride: float = 0.0,
                 origin: Tuple[float, float] = (0.0, 0.0)) -> TileGrid:
        """The tiles that lie entirely inside ``bounds`` (in ``crs``)."""
        stride = stride or float(tile_size)
        ox, oy = origin
        eps = 1e-9 * max(1.0, abs(tile_size))
        i0 = math.ceil((bounds[0] - ox) / stride - eps)
        i1 = math.floor((bounds[2] - ox - tile_size) / stride + eps) + 1
        j0 = math.ceil((bounds[1] - oy) / stride - eps)
        j1 = math.floor((bounds[3] - oy - tile_size) / stride + eps) + 1
        if i1 <= i0 or j1 <= j0:
            w, h = bounds[2] - bounds[0], bounds[3] - bounds[1]
            raise GridError("the area ({w:.1f} x {h:.1f} ground units) is smaller than one tile of "
                            "{tile_size:g} x {tile_size:g}: choose smaller tiles", w=w, h=h, tile_size=tile_size)
        return cls(crs=crs, tile_size=float(tile_size), pixels=int(pixels), stride=float(stride),
                   origin=(float(ox), float(oy)), i_range=(i0, i1), j_range=(j0, j1), extent=tuple(bounds))

    @classmethod
    def for_overlap(cls, bounds_a: Bounds, bounds_b: Bounds, crs: str, tile_size: float, pixels: int,
                    stride: float = 0.0, origin: Tuple[float, float] = (0.0, 0.0),
                    extent: Optional[Bounds] = None) -> TileGrid:
        """Grid over the overlap of two rasters' bounds (both already in ``crs``), optionally cut to ``extent``."""
        common = intersect_bounds(bounds_a, bounds_b)
        if common is None:
            raise GridError("the two orthos do not overlap: old date covers {bounds_a}, "
                            "new date covers {bounds_b} (in {crs})",
                            bounds_a=_fmt(bounds_a), bounds_b=_fmt(bounds_b), crs=crs)
        if extent is not None:
            cut = intersect_bounds(common, extent)
            if cut is None:
                raise GridError("the chosen extent {extent} lies outside the overlap of the orthos {common}",
                                extent=_fmt(extent), common=_fmt(common))
            common = cut
        return cls.covering(common, crs, tile_size, pixels, stride, origin)

    # geometry ------------------------------------------------------------------------------
    @property
    def resolution(self) -> float:
        """Ground size of one pixel."""
        return self.tile_size / self.pixels

    @property
    def shape(self) -> Tuple[int, int]:
        """(rows, columns) of tiles."""
        return (self.j_range[1] - self.j_range[0], self.i_range[1] - self.i_range[0])

    def __len__(self) -> int:
        rows, cols = self.shape
        return rows * cols

    def footprint(self, i: int, j: int) -> Bounds:
        x0 = self.origin[0] + i * self.stride
        y0 = self.origin[1] + j * self.stride
        return (x0, y0, x0 + self.tile_size, y0 + self.tile_size)

    def footprint_of(self, tid: str) -> Bounds:
        return self.footprint(*parse_tile_id(tid))

    def contains_index(self, i: int, j: int) -> bool:
        return self.i_range[0] <= i < self.i_range[1] and self.j_range[0] <= j < self.j_range[1]

    def tile_at(self, x: float, y: float) -> Optional[Tuple[int, int]]:
        """The tile of this grid holding the point; with overlapping tiles, the one whose centre is nearest."""
        half = self.tile_size / 2.0
        i = round((x - self.origin[0] - half) / self.stride)
        j = round((y - self.origin[1] - half) / self.stride)
        if not self.contains_index(i, j):
            return None
        xmin, ymin, xmax, ymax = self.footprint(i, j)
        if not (xmin <= x <= xmax and ymin <= y <= ymax):
            return None
        return i, j

    def indices(self) -> Iterator[Tuple[int, int]]:
        """Tiles row by row from the north-west corner, the order tile stores and indexes use."""
        for j in range(self.j_range[1] - 1, self.j_range[0] - 1, -1):
            for i in range(*self.i_range):
                yield i, j

    def ids(self) -> list:
        return [tile_id(i, j) for i, j in self.indices()]

    def bounds(self) -> Bounds:
        x0, y0, _, _ = self.footprint(self.i_range[0], self.j_range[0])
        _, _, x1, y1 = self.footprint(self.i_range[1] - 1, self.j_range[1] - 1)
        return (x0, y0, x1, y1)

    # (de)serialisation ---------------------------------------------------------------------
    def to_dict(self) -> dict:
        d = asdict(self)
        d["origin"] = list(self.origin)
        d["i_range"] = list(self.i_range)
        d["j_range"] = list(self.j_range)
        d["extent"] = list(self.extent) if self.extent else None
        return d

    @classmethod
    def from_dict(cls, d: dict) -> TileGrid:
        try:
            return cls(crs=str(d["crs"]), tile_size=float(d["tile_size"]), pixels=int(d["pixels"]),
                       stride=float(d.get("stride", 0.0)), origin=tuple(d.get("origin", (0.0, 0.0))),
                       i_range=tuple(d["i_range"]), j_range=tuple(d["j_range"]),
                       extent=tuple(d["extent"]) if d.get("extent") else None)
        except (KeyError, TypeError, ValueError) as exc:
            raise GridError("not a tile grid description: {exc}", exc=str(exc)) from exc

    def same_layout(self, other: TileGrid) -> bool:
        """True when both grids cut tiles identically (the extents may differ)."""
        return (self.tile_size == other.tile_size and self.pixels == other.pixels and self.stride == other.stride
                and tuple(self.origin) == tuple(other.origin) and _same_crs(self.crs, other.crs))

    def summary(self) -> str:
        rows, cols = self.shape
        return Message("{rows} x {cols} tiles of {size:g} x {size:g} ground units ({pixels} px, {resolution:.3g} "
                       "units/px, stride {stride:g}) in {crs}", rows=rows, cols=cols, size=self.tile_size,
                       pixels=self.pixels, resolution=self.resolution, stride=self.stride, crs=self.crs)


def _same_crs(a: str, b: str) -> bool:
    if a == b:
        return True
    try:
        from rasterio.crs import CRS
        return CRS.from_user_input(a) == CRS.from_user_input(b)
    except Exception:
        return False


def _fmt(b: Bounds) -> str:
    return "(" + ", ".join(f"{v:.1f}" for v in b) + ")"
