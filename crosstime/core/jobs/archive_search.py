"""Archive search jobs: describing the modern ortho (once per region), indexing an archive's photos (once per
archive) and locating photos (one or all). The dock's Archive tab, Processing and the command line call these;
a click ("which photos show this place?") is in :mod:`.archive_places`."""
from __future__ import annotations

import os
import time
from dataclasses import dataclass, replace
from typing import List, Optional, Sequence, Tuple

from ..atomic import atomic_write
from ..choices import ARCHIVE_PIXELS, ARCHIVE_TILE_SIZE, DEFAULT_LEGEND
from ..errors import CrossTimeError
from ..geo.grid import Bounds, TileGrid
from ..geo.tile_reader import OrthoSource
from ..messages import Message
from ..progress import SILENT, Progress
from ..tiles.dates import NEW
from .tiles import grid_for_orthos, layer_tiles


@dataclass
class ArchiveOptions:
    """How an archive's photos are read and described, for indexing and locating alike.

    ``model``: a visual model file (trained with the 'archive' augmentation); None: the untrained fallback.
    ``catalogue``: the CSV of approximate scales and centres; ``photos``: only these names (None: all);
    ``known_scale``: use the catalogue's scales, else search ``footprint_range`` metres of ground per photo."""
    model: Optional[str] = None
    catalogue: Optional[str] = None
    photos: Optional[Sequence[str]] = None
    known_scale: bool = True
    footprint_range: Optional[Tuple[float, float]] = None
    device: str = "auto"


@dataclass
class LocateOutputs:
    """What locating writes: the footprints GeoPackage, one VRT per photo, the locations JSON (each optional)."""
    gpkg: Optional[str] = None
    vrt_folder: Optional[str] = None
    json: Optional[str] = None


def build_modern_index(out: str, new_ortho: OrthoSource, tile_size: float, *, pixels: int = ARCHIVE_PIXELS,
                       model: Optional[str] = None, stride: float = 0.0, crs: Optional[str] = None,
                       extent: Optional[Bounds] = None, grid: Optional[TileGrid] = None, device: str = "auto",
                       progress: Progress = SILENT):
    """Describe the modern (new-date) ortho's tiles with the visual-only archive descriptor into an index at ``out``.

    ``model``: a visual model file (trained with the 'archive' augmentation); None: the untrained fallback.
    ``stride`` < ``tile_size`` overlaps the tiles, which places photos more precisely. ``new_ortho`` is a file, or
    a reader factory (a layer read through QGIS) given with its ``grid`` (``grid_for_bounds``), whose tile size
    and stride are then used; the describer's pixels are kept. Returns the index.
    """
    from ..archive.archive_describer import ArchiveDescriber
    from ..geo.legend import load_legend
    from ..geo.tile_reader import source_label
    from ..retrieval.index import build_index
    describer = ArchiveDescriber(model, pixels, device)
    if grid is None:
        grid = grid_for_orthos(new_ortho, new_ortho, tile_size, describer.pixels, crs=crs, stride=stride,
                               extent=extent)
    elif grid.pixels != describer.pixels:
        grid = replace(grid, pixels=describer.pixels)
    progress.info(Message("modern index grid: {grid}", grid=grid.summary()))
    with layer_tiles(grid, load_legend(DEFAULT_LEGEND), new_ortho=new_ortho) as tiles:
        idx = build_index(describer, tiles, NEW, (0, 1), progress,
                          {"new_ortho": source_label(new_ortho), "purpose": "archive search",
                           "describer": describer.label})
    progress.check()
    idx.save(out)
    return idx


def archive_describer_for(index, model: Optional[str], device: str, where: str):
    """The archive describer that made the modern ``index`` (refused when another describer made it)."""
    from ..archive.archive_describer import ArchiveDescriber
    pixels = int((index.grid or {}).get("pixels") or index.model_config.get("tile_pixels") or ARCHIVE_PIXELS)
    describer = ArchiveDescriber(model, pixels, device)
    index.check_model(describer.fingerprint, where)
    return describer


def index_archive(folder: str, out: str, modern_index: str, options: Optional[ArchiveOptions] = None, *,
                  scale_step: Optional[float] = None, overlap: float = 0.5, progress: Progress = SILENT):
    """Describe every window of every photo of the archive ``folder`` into an archive index at ``out``.

    Windows match the tiles of ``modern_index`` (their ground size at each photo's scale: the catalogue's when
    ``known_scale`` and known, else a series over ``footprint_range`` metres). Returns the ArchiveIndex.
    """
    from ..archive.archive_index import ArchiveIndex
    from ..archive.catalogue import open_archive
    from ..archive.windows import describe_photo
    from ..retrieval.index import DescriptorIndex
    opt = options or ArchiveOptions()
    index = DescriptorIndex.load(modern_index, mmap=True)
    describer = archive_describer_for(index, opt.model, opt.device,
                                      Message("the modern index {name}", name=os.path.basename(modern_index)))
    tile = float((index.grid or {}).get("tile_size") or 0)
    if tile <= 0:
        raise CrossTimeError("{modern_index}: this index has no tile grid; build it with build_modern_index",
                             modern_index=modern_index)
    items = []
    entries = open_archive(folder, opt.catalogue, opt.photos)
    for n, photo in enumerate(entries):
        progress.update(n / len(entries), Message("describing {photo}", photo=photo.name))
        items.append(describe_photo(photo, describer, tile, opt.known_scale, opt.footprint_range, scale_step, overlap,
                                    progress.sub(n / len(entries), (n + 1) / len(entries))))
    progress.check()
    arch = ArchiveIndex.from_windows(items, describer.fingerprint, tile, describer.pixels,
                                     {"folder": os.path.abspath(folder), "catalogue": opt.catalogue,
                                      "modern_index": os.path.abspath(modern_index), "describer": describer.label})
    arch.save(out)
    return arch


def _photos_to_locate(index, opt: ArchiveOptions, archive_index: Optional[str], folder: Optional[str]):
    """(photos, known_scale): those of the archive index (the scale known only where every one's is), or the
    folder's."""
    from ..archive.archive_index import ArchiveIndex
    from ..archive.catalogue import open_archive
    if archive_index:
        arch = ArchiveIndex.load(archive_index)
        index.check_model(arch.model_fingerprint,
                          Message("the archive index {name}", name=os.path.basename(archive_index)))
        chosen = [i for i, p in enumerate(arch.photos) if not opt.photos or p.name in set(opt.photos)]
        if opt.photos and len(chosen) < len(set(opt.photos)):
            missing = sorted(set(opt.photos) - {arch.photos[i].name for i in chosen})
            raise CrossTimeError("{archive_index}: no photo named {first}; index it first (index-archive)",
                                 archive_index=archive_index, first=missing[0])
        return [arch.photos[i] for i in chosen], opt.known_scale and all(arch.known_scale[i] for i in chosen)
    if folder:
        return list(open_archive(folder, opt.catalogue, opt.photos)), opt.known_scale
    raise CrossTimeError("give an archive index (index-archive) or the archive folder to locate photos from")


def locate_archive_photos(modern_index: str, options: Optional[ArchiveOptions] = None, *,
                          archive_index: Optional[str] = None, folder: Optional[str] = None,
                          outputs: Optional[LocateOutputs] = None, k: int = 5, keep_others: bool = False,
                          progress: Progress = SILENT) -> list:
    """Locate archive photos in the modern index: the photos of an archive index (``archive_index``), or those of
    the archive ``folder`` (``k``: ranked candidate footprints kept per photo); either way the scans are read
    again, turned and rescaled pose by pose and their windows correlated with the index's tiles
    (:mod:`..archive.locate`). Writes the ``outputs`` asked for. ``keep_others``: the photos located earlier (in
    the JSON) and not again now stay in the JSON and the GeoPackage, so photos can be located a few at a time.

    Returns the Locations (each with its footprint, confidence, runner-up and timings), in the archive's order.
    """
    from ..archive.locate import correlate_photo, prepare_index
    from ..retrieval.index import DescriptorIndex
    opt, outs = options or ArchiveOptions(), outputs or LocateOutputs()
    index = DescriptorIndex.load(modern_index)
    describer = archive_describer_for(index, opt.model, opt.device,
                                      Message("the modern index {name}", name=os.path.basename(modern_index)))
    prepared = prepare_index(index, describer)
    work, known_scale = _photos_to_locate(index, opt, archive_index, folder)
    out = []
    for n, photo in enumerate(work):
        sub = progress.sub(n / len(work), (n + 1) / len(work))
        sub.update(0.0, Message("locating {photo}", photo=photo.name))
        t0 = time.perf_counter()
        area = None
        if photo.centre is not None and photo.uncertainty:
            area = (photo.centre[0], photo.centre[1], float(photo.uncertainty))
        loc = correlate_photo(photo, describer, index, known_scale, opt.footprint_range, area, progress=sub,
                              prepared=prepared)
        loc.candidates = loc.candidates[:max(1, k)]
        loc.seconds = time.perf_counter() - t0
        progress.info(Message("{photo}: centre {x:.0f}, {y:.0f}, scale {scale:.3f} m/px, rotation {rotation:.0f} deg, "
                              "confidence {confidence:.2f}, {windows} windows{searched}", photo=photo.name,
                              x=loc.centre[0], y=loc.centre[1], scale=loc.scale, rotation=loc.rotation,
                              confidence=loc.confidence, windows=loc.agreeing_windows,
                              searched="" if loc.scale_known else Message(" (scale searched)")))
        out.append(loc)
    _write_locations(modern_index, index, work, out, outs, keep_others)
    return out


def _write_locations(modern_index: str, index, work, located: List, outs: LocateOutputs, keep_others: bool) -> None:
    import json

    from ..archive.location import read_locations
    from ..archive.workspace import vrt_path
    crs = index.crs or ""
    vrts = {}
    if outs.vrt_folder:
        from ..archive.outputs import write_photo_vrt
        paths = {p.name: p.path for p in work}
        for loc in located:
            vrts[loc.photo] = write_photo_vrt(vrt_path(outs.vrt_folder, loc.photo), os.path.abspath(paths[loc.photo]),
                                              loc, crs)
    written = list(located)
    if keep_others and outs.json and os.path.exists(outs.json):
        again = {loc.photo for loc in located}
        earlier = [loc for loc in read_locations(outs.json) if loc.photo not in again]
        written = sorted(earlier + written, key=lambda loc: loc.photo)
        for loc in earlier:
            if outs.vrt_folder and os.path.exists(vrt_path(outs.vrt_folder, loc.photo)):
                vrts[loc.photo] = vrt_path(outs.vrt_folder, loc.photo)
    if outs.gpkg:
        from ..archive.outputs import write_footprints_gpkg
        write_footprints_gpkg(outs.gpkg, written, crs, vrts)
    if outs.json:
        doc = {"modern_index": os.path.abspath(modern_index), "crs": crs,
               "tile_size": float((index.grid or {}).get("tile_size") or 0),
               "locations": [loc.to_dict() for loc in written]}
        atomic_write(outs.json, lambda f: f.write(json.dumps(doc, indent=1).encode()), ".json")


def _same_area(a: TileGrid, b: TileGrid) -> bool:
    return a.crs == b.crs and all(abs(p - q) < 1e-6 for p, q in zip(a.bounds(), b.bounds()))


def index_archive_for_ortho(archive_folder: str, results_folder: str, new_ortho: OrthoSource, *,
                            catalogue: Optional[str] = None, tile_size: float = ARCHIVE_TILE_SIZE,
                            pixels: int = ARCHIVE_PIXELS, model: Optional[str] = None, device: str = "auto",
                            grid: Optional[TileGrid] = None, progress: Progress = SILENT) -> dict:
    """The dock's and the demo's *Index archive*: in ``results_folder`` (an ArchiveWorkspace), the modern index of
    ``new_ortho`` (tiles of ``tile_size`` every half tile; made again only when the ortho, the tile size or the
    area changed), then the archive index of every photo of ``archive_folder``. A reader factory (a web layer)
    comes with its ``grid`` (``grid_for_bounds``, stride half a tile). Returns the workspace's paths and counts."""
    from ..archive.workspace import ArchiveWorkspace
    from ..geo.tile_reader import source_label
    from ..retrieval.index import DescriptorIndex
    ws = ArchiveWorkspace(results_folder)
    os.makedirs(ws.folder, exist_ok=True)
    fresh = False
    label = source_label(new_ortho)
    if os.path.exists(ws.modern_index):
        old = DescriptorIndex.load(ws.modern_index, mmap=True)
        old_grid = old.grid or {}
        same_source = (str(old.meta.get("new_ortho", "")) == label if callable(new_ortho) else
                       os.path.abspath(str(old.meta.get("new_ortho", ""))) == os.path.abspath(new_ortho))
        fresh = (same_source and abs(float(old_grid.get("tile_size") or 0) - tile_size) < 1e-6
                 and (grid is None or _same_area(TileGrid.from_dict(old_grid), grid)))
    if not fresh:
        name = os.path.basename(new_ortho) if isinstance(new_ortho, str) else str(getattr(new_ortho, "name", label))
        progress.update(0.0, Message("describing the tiles of {new_ortho} for archive search", new_ortho=name))
        build_modern_index(ws.modern_index, new_ortho, tile_size, pixels=pixels, model=model, stride=tile_size / 2,
                           grid=grid, device=device, progress=progress.sub(0.0, 0.4))
    arch = index_archive(archive_folder, ws.archive_index, ws.modern_index,
                         ArchiveOptions(model=model, catalogue=catalogue),
                         progress=progress.sub(0.4 if not fresh else 0.0, 1.0))
    return {"folder": ws.folder, "modern_index": ws.modern_index, "archive_index": ws.archive_index,
            "photos": len(arch.photos), "windows": len(arch.descriptors), "modern_index_made": not fresh}
