"""Folders of real two-date image pairs (``<root>/<source>/<scene>/a.* b.*``), cut into a tile store.

Each scene keeps its own pixel grid: tiles are cut at the images' native resolution, and where a
scene carries building polygons per date (``a_buildings.geojson``, ``b_buildings.geojson``) on a
georeferenced GeoTIFF, they are rasterized onto the same tiles as the ``building`` category. A scene
with land cover per date (``a_classes.png``, ``b_classes.png``: class values, the size of the images)
has it mapped to categories by its source's ``classes.json`` (``geo.class_mapping``).
"""
from __future__ import annotations

import csv
import glob
import os
import warnings
from dataclasses import dataclass
from typing import List, Optional, Sequence

import numpy as np

from ..errors import CrossTimeError
from ..geo.legend import Legend, Rule
from ..progress import SILENT, Progress
from ..tiles.dates import NEW, OLD
from ..tiles.store import TileStore, TileStoreWriter

BUILDINGS_LEGEND = Legend("buildings", [Rule("building", "buildings")])


@dataclass
class Scene:
    source: str
    name: str
    folder: str
    image_a: str
    image_b: str
    gsd: Optional[float] = None
    buildings_a: Optional[str] = None
    buildings_b: Optional[str] = None
    # land cover per date: class images the size of the images, and the source's mapping (<source>/classes.json)
    classes_a: Optional[str] = None
    classes_b: Optional[str] = None
    class_mapping: Optional[str] = None

    @property
    def key(self) -> str:
        return f"{self.source}/{self.name}"


def find_scenes(root: str, sources: Optional[Sequence[str]] = None) -> List[Scene]:
    """Scenes under ``root``, in a stable order; gsd from ``scenes.csv`` where it is given."""
    gsd = {}
    csv_path = os.path.join(root, "scenes.csv")
    if os.path.exists(csv_path):
        with open(csv_path, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                try:
                    gsd[row["path"]] = float(row["gsd_m"]) if row.get("gsd_m") else None
                except ValueError:
                    gsd[row["path"]] = None
    scenes = []
    for a in sorted(glob.glob(os.path.join(root, "*", "*", "a.*"))):
        folder = os.path.dirname(a)
        ext = os.path.splitext(a)[1]
        b = os.path.join(folder, "b" + ext)
        if ext.lower() not in (".png", ".tif", ".tiff", ".jpg") or not os.path.exists(b):
            continue
        source = os.path.basename(os.path.dirname(folder))
        if sources and source not in sources:
            continue
        rel = os.path.relpath(folder, root)
        ba, bb = (os.path.join(folder, f"{d}_buildings.geojson") for d in "ab")
        ca, cb = (_first_existing(folder, f"{d}_classes") for d in "ab")
        mapping = os.path.join(os.path.dirname(folder), "classes.json")
        scenes.append(Scene(source, os.path.basename(folder), folder, a, b, gsd.get(rel),
                            ba if os.path.exists(ba) else None, bb if os.path.exists(bb) else None,
                            ca, cb, mapping if (ca or cb) and os.path.exists(mapping) else None))
    return scenes


def _first_existing(folder: str, stem: str) -> Optional[str]:
    for ext in (".png", ".tif", ".tiff"):
        if os.path.exists(os.path.join(folder, stem + ext)):
            return os.path.join(folder, stem + ext)
    return None


def read_rgb(path: str):
    import rasterio
    from rasterio.errors import NotGeoreferencedWarning
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NotGeoreferencedWarning)
        with rasterio.open(path) as src:
            data = src.read()
            crs = src.crs.to_wkt() if src.crs else None
            transform = src.transform
    if data.shape[0] == 1:
        data = np.repeat(data, 3, axis=0)
    return np.ascontiguousarray(np.moveaxis(data[:3], 0, -1).astype(np.uint8)), crs, transform


def map_codes(scene: Scene, date: str, crs, transform, shape) -> np.ndarray:
    """Code raster of the scene's map for one date: its land-cover classes, its buildings drawn over them (zeros
    when it has neither)."""
    out = class_codes(scene, date, shape)
    buildings = building_codes(scene, date, crs, transform, shape)
    return np.where(buildings > 0, buildings, out)


def class_codes(scene: Scene, date: str, shape) -> np.ndarray:
    """The scene's land-cover classes of one date as category codes, through its source's mapping."""
    path = scene.classes_a if date == OLD else scene.classes_b
    out = np.zeros(shape, np.uint8)
    if path is None:
        return out
    if scene.class_mapping is None:
        raise CrossTimeError("{path}: land-cover classes without a mapping: put classes.json (value: category) in "
                             "the source's folder", path=path)
    from ..geo.class_mapping import class_codes as to_codes
    from ..geo.class_mapping import load_class_mapping
    table = load_class_mapping(scene.class_mapping).lookup_table()
    import rasterio
    from rasterio.errors import NotGeoreferencedWarning
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NotGeoreferencedWarning)
        with rasterio.open(path) as src:
            values = src.read(1).astype(np.int64)[:shape[0], :shape[1]]
    out[:values.shape[0], :values.shape[1]] = to_codes(values, table)
    return out


def building_codes(scene: Scene, date: str, crs, transform, shape) -> np.ndarray:
    """Code raster of the scene's buildings for one date (zeros when it has none)."""
    path = scene.buildings_a if date == OLD else scene.buildings_b
    out = np.zeros(shape, np.uint8)
    if path is None or crs is None:
        return out
    from ..geo.rasterize import SemanticRasterizer
    from ..geo.vectors import read_vector_file
    layers = read_vector_file(path)
    for layer in layers:
        layer.name = "buildings"
    return SemanticRasterizer(layers, BUILDINGS_LEGEND, crs).draw(out, transform)


def build_realpairs_store(root: str, out_path: str, tile_px: int = 128, stride_px: Optional[int] = None,
                          sources: Optional[Sequence[str]] = None, scenes: Optional[Sequence[str]] = None,
                          progress: Progress = SILENT) -> TileStore:
    """Cut every scene (or the listed ``source/scene`` keys) into tiles of ``tile_px`` native pixels."""
    stride_px = stride_px or tile_px
    if not os.path.isdir(root):
        raise CrossTimeError("{root}: no such folder of image pairs", root=root)
    found = [s for s in find_scenes(root, sources) if not scenes or s.key in scenes]
    if not found:
        present = sorted({s.source for s in find_scenes(root)})
        if sources and present:
            raise CrossTimeError("no image pairs of the source(s) {sources} under {root}; the sources "
                                 "there are: {present}",
                                 sources=", ".join(sources), root=root, present=", ".join(present))
        raise CrossTimeError("no image pairs under {root} (expected <source>/<scene>/a.* and b.* in each scene "
                             "folder, as PNG, TIFF or JPEG)", root=root)
    plan = []
    for s in found:
        import rasterio
        from rasterio.errors import NotGeoreferencedWarning
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", NotGeoreferencedWarning)
            with rasterio.open(s.image_a) as a, rasterio.open(s.image_b) as b:
                h, w = min(a.height, b.height), min(a.width, b.width)
        for r in range(0, h - tile_px + 1, stride_px):
            for c in range(0, w - tile_px + 1, stride_px):
                plan.append((s, r, c))
    if not plan:
        raise CrossTimeError("{root}: every image pair is smaller than a tile of {tile_px} px; choose a smaller "
                             "tile size (--tile-px)", root=root, tile_px=tile_px)
    meta = {"grid": None, "crs": None, "legend": BUILDINGS_LEGEND.name, "scenes": [s.key for s in found],
            "scene_gsd": {s.key: s.gsd for s in found}, "source_root": os.path.abspath(root),
            "tile_px": tile_px, "stride_px": stride_px,
            "tile_ground_size": _median_ground(found, tile_px)}
    scene_index = {s.key: k for k, s in enumerate(found)}
    cache = {}
    with TileStoreWriter(out_path, len(plan), tile_px, meta) as w:
        for k, (s, r, c) in enumerate(plan):
            if s.key not in cache:
                cache.clear()
                ia, crs, tr = read_rgb(s.image_a)
                ib, _, _ = read_rgb(s.image_b)
                h, wd = min(ia.shape[0], ib.shape[0]), min(ia.shape[1], ib.shape[1])
                ia, ib = ia[:h, :wd], ib[:h, :wd]
                cache[s.key] = (ia, ib, map_codes(s, OLD, crs, tr, (h, wd)), map_codes(s, NEW, crs, tr, (h, wd)))
            ia, ib, sa, sb = cache[s.key]
            win = (slice(r, r + tile_px), slice(c, c + tile_px))
            w.put(k, f"{s.key}:{r}_{c}", (c, r, c + tile_px, r + tile_px), ia[win], ib[win], sa[win], sb[win],
                  scene=scene_index[s.key])
            if k % 16 == 0:
                progress.update((k + 1) / len(plan), s.key)
        return w.commit()


def _median_ground(scenes: Sequence[Scene], tile_px: int) -> Optional[float]:
    g = [s.gsd for s in scenes if s.gsd]
    return float(np.median(g) * tile_px) if g else None
