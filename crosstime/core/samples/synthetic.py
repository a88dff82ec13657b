"""A synthetic two-date landscape: two GeoTIFF orthos (EPSG:2154) and BD TOPO v3-like GeoPackages.

The embedded default of the demo and the tests. It is synthetic, made from a seed, and says so in
every file it writes. The old and new dates differ the way the paper's data do: new housing estates
and demolished buildings, a new road, forest grown and cleared, every field re-sown with another crop,
a change of season and light (and shadow direction), a sparser and coarser old annotation, old imagery
that is blurrier, grainier and slightly misregistered. The landscape itself is built from repeated
elements (parcels, villages, woods) so that many places look alike, as in real rural France.
"""
from __future__ import annotations

import json
import math
import os
from dataclasses import asdict, dataclass, field
from typing import Dict, List, Optional, Tuple

import numpy as np

from ..tiles.dates import NEW, OLD, date_name
from . import synthetic_shapes as shapes

CRS = "EPSG:2154"
Geom = dict


@dataclass
class SyntheticConfig:
    size_m: float = 2000.0            # side of the square area, metres
    resolution: float = 1.0           # metres per pixel of the orthos
    seed: int = 0
    origin: Optional[Tuple[float, float]] = None   # south-west corner; default from the seed, in France
    villages_per_km2: float = 0.8
    parcel_size_m: float = 110.0      # typical field parcel size
    forest_cover: float = 0.30
    hedge_share: float = 0.25         # share of parcel boundaries lined with a hedge
    mapped_grass_share: float = 0.15  # parcels of orchards and grassland, mapped as vegetation only by the new survey
    change: float = 1.0               # scales every between-date change (0: same landscape twice)
    misregistration_m: float = 3.0    # shift of the old ortho against its georeference
    old_vector_shift_m: float = 2.5   # positional error of the old vector data
    old_annotation_keep: float = 0.3  # share of buildings the old vector data has (BD TOPO 2004 had far fewer)
    old_grey: bool = False            # old ortho in grey levels, like a historical black-and-white photo

    def area_origin(self) -> Tuple[float, float]:
        if self.origin is not None:
            return tuple(self.origin)
        rng = np.random.default_rng(10_000 + self.seed)
        # somewhere in north-eastern France, snapped to 10 km so tile grids align nicely
        return (float(900_000 + 10_000 * rng.integers(0, 8)), float(6_850_000 + 10_000 * rng.integers(0, 8)))


@dataclass
class SyntheticLandscape:
    folder: str
    old_ortho: str
    new_ortho: str
    old_vectors: str
    new_vectors: str
    crs: str
    bounds: Tuple[float, float, float, float]
    config: dict
    changes: Dict[str, int] = field(default_factory=dict)


# the landscape model ---------------------------------------------------------------------------------
class _World:
    """Vector content of both dates, in local metres."""

    def __init__(self, cfg: SyntheticConfig):
        self.cfg = cfg
        self.rng = np.random.default_rng(cfg.seed)
        self.size = cfg.size_m
        # each entry: (geometry, attributes, dates present in: "ab", "a" or "b", annotated in: same codes)
        self.features: Dict[str, List[Tuple[Geom, dict, str, str]]] = {
            k: [] for k in ("BATIMENT", "TRONCON_DE_ROUTE", "SURFACE_HYDROGRAPHIQUE", "ZONE_DE_VEGETATION",
                            "TERRAIN_DE_SPORT", "CIMETIERE", "TRONCON_DE_VOIE_FERREE")}
        self.changes: Dict[str, int] = {}
        self.forest_noise = None

    def add(self, layer, geom, attrs, present="ab", annotated=None):
        self.features[layer].append((geom, attrs, present, present if annotated is None else annotated))

    def build(self) -> None:
        rng, size, cfg = self.rng, self.size, self.cfg
        chg = cfg.change
        # main roads and the railway cross the whole area
        for _ in range(max(1, int(round(size / 1500)))):
            self.add("TRONCON_DE_ROUTE", shapes.line(shapes.crossing_path(rng, size, size * 0.15)),
                     {"NATURE": "Route à 2 chaussées", "LARGEUR_DE_CHAUSSEE": 7.0, "IMPORTANCE": "2"})
        if rng.random() < 0.8:
            self.add("TRONCON_DE_VOIE_FERREE", shapes.line(shapes.crossing_path(rng, size, size * 0.05)),
                     {"NATURE": "Voie ferrée principale", "NB_VOIES": 2})
        # a river and ponds
        if rng.random() < 0.7:
            river = shapes.crossing_path(rng, size, size * 0.2)
            self.add("SURFACE_HYDROGRAPHIQUE", shapes.buffer(shapes.line(river), rng.uniform(6, 12)),
                     {"NATURE": "Cours d'eau"})
        for _ in range(rng.poisson(size * size / 1e6 * 0.8)):
            self.add("SURFACE_HYDROGRAPHIQUE", shapes.blob(rng, *rng.uniform(0, size, 2), rng.uniform(15, 45)),
                     {"NATURE": "Plan d'eau"})
        # villages
        n_v = max(1, rng.poisson(cfg.villages_per_km2 * size * size / 1e6))
        centres = []
        while len(centres) < n_v:
            c = rng.uniform(0.08 * size, 0.92 * size, 2)
            if all(np.linalg.norm(c - d) > 350 for d in centres) or len(centres) > 50:
                centres.append(c)
            if len(centres) > 50:
                break
        self.villages = centres
        for k, c in enumerate(centres):
            self._village(c, k)
        # country lanes between neighbouring villages and farm tracks
        for k, c in enumerate(centres):
            if len(centres) > 1:
                d = [np.linalg.norm(c - o) for o in centres]
                d[k] = 1e18
                o = centres[int(np.argmin(d))]
                pts = np.linspace(c, o, 5)
                pts[1:-1] += rng.normal(0, 40, (3, 2))
                self.add("TRONCON_DE_ROUTE", shapes.line(shapes.smooth_path(pts)),
                         {"NATURE": "Route à 1 chaussée", "LARGEUR_DE_CHAUSSEE": 5.0, "IMPORTANCE": "4"})
        for _ in range(int(size * size / 1e6 * 3)):
            p = rng.uniform(0, size, 2)
            ang = rng.uniform(0, np.pi)
            length = rng.uniform(150, 500)
            d = np.array([math.cos(ang), math.sin(ang)]) * length / 2
            self.add("TRONCON_DE_ROUTE", shapes.line(np.array([p - d, p + d])),
                     {"NATURE": "Chemin", "LARGEUR_DE_CHAUSSEE": 3.0, "IMPORTANCE": "6"},
                     annotated="ab" if rng.random() < 0.5 else "b")
        # isolated farms
        for _ in range(rng.poisson(size * size / 1e6 * 3)):
            p = rng.uniform(0, size, 2)
            ang = rng.uniform(0, np.pi)
            for _ in range(rng.integers(1, 4)):
                off = rng.normal(0, 20, 2)
                self._building(p + off, rng.uniform(15, 40), rng.uniform(10, 20), ang, "Agricole")
        # a bypass built between the dates
        if rng.random() < 0.7 * chg:
            self.add("TRONCON_DE_ROUTE", shapes.line(shapes.crossing_path(rng, size, size * 0.1)),
                     {"NATURE": "Route à 1 chaussée", "LARGEUR_DE_CHAUSSEE": 6.0, "IMPORTANCE": "3"}, present="b")
            self.changes["new_roads"] = self.changes.get("new_roads", 0) + 1
        self._parcels()
        self._forests()

    def _parcels(self) -> None:
        """Field parcels (Voronoi cells), hedges along some of their borders, and parcels merged by the new date."""
        from scipy.spatial import Voronoi
        rng, size, cfg = self.rng, self.size, self.cfg
        n = max(4, int(size * size / cfg.parcel_size_m ** 2))
        self.parcel_seeds = rng.uniform(0, size, (n, 2))
        merge = np.arange(n)
        vor = Voronoi(self.parcel_seeds)
        for (p, q), verts in zip(vor.ridge_points, vor.ridge_vertices):
            if -1 in verts:
                continue
            a, b = vor.vertices[verts[0]], vor.vertices[verts[1]]
            if not (-50 < a[0] < size + 50 and -50 < a[1] < size + 50 and -50 < b[0] < size + 50 and -50 < b[1] < size + 50):
                continue
            merged = rng.random() < 0.12 * cfg.change and merge[q] == q and merge[p] == p
            if merged:
                merge[q] = p     # the border between p and q is ploughed away by the new date
            if rng.random() < cfg.hedge_share:
                hedge = shapes.buffer(shapes.line(np.array([a, b])), rng.uniform(2.0, 3.5))
                # hedges stand on both photos but only the new vector data maps them
                self.add("ZONE_DE_VEGETATION", hedge, {"NATURE": "Haie"}, present="a" if merged else "ab",
                         annotated="" if merged else "b")
                if merged:
                    self.changes["hedges_removed"] = self.changes.get("hedges_removed", 0) + 1
        self.parcel_merge = merge
        self.changes["parcels_merged"] = int((merge != np.arange(n)).sum())
        # orchards and permanent grassland stand on both photos; only the new, more complete survey maps
        # them as vegetation (as BD TOPO v3 does where the 2004 data had nothing)
        self.grassland = {}
        area = shapes.ogr_geom(shapes.rect(size / 2, size / 2, size, size, 0.0))
        for k, reg in enumerate(vor.point_region):
            region = vor.regions[reg]
            if not region or -1 in region or merge[k] != k or k in merge[merge != np.arange(n)]:
                continue
            if rng.random() >= cfg.mapped_grass_share:
                continue
            ring = vor.vertices[region]
            cell = shapes.ogr_geom({"type": "Polygon", "coordinates": [np.vstack([ring, ring[:1]]).tolist()]})
            cell = cell.Intersection(area)
            if cell is None or cell.IsEmpty() or cell.GetArea() < 500:
                continue
            nature = "Verger" if rng.random() < 0.5 else "Lande herbacée"
            self.grassland[k] = nature
            self.add("ZONE_DE_VEGETATION", json.loads(cell.ExportToJson()), {"NATURE": nature}, present="ab",
                     annotated="b")
        self.changes["grassland_mapped_only_new"] = len(self.grassland)

    def _building(self, c, w, h, ang, nature="Indifférenciée", present="ab", annotated=None):
        rng = self.rng
        if present == "ab" and rng.random() < 0.07 * self.cfg.change:
            present = "a"          # demolished between the dates
            self.changes["demolished_buildings"] = self.changes.get("demolished_buildings", 0) + 1
        if annotated is None:
            keep_old = rng.random() < self.cfg.old_annotation_keep
            annotated = "".join(d for d in present if d == "b" or keep_old)
        self.add("BATIMENT", shapes.rect(c[0], c[1], w, h, ang), {"NATURE": nature, "HAUTEUR": float(rng.uniform(4, 12))},
                 present, annotated)

    def _village(self, c, k) -> None:
        rng = self.rng
        n_streets = rng.integers(3, 6)
        angles = np.sort(rng.uniform(0, 2 * np.pi, n_streets))
        for a in angles:
            length = rng.uniform(150, 380)
            pts = [c]
            heading = a
            for _ in range(4):
                heading += rng.normal(0, 0.25)
                pts.append(pts[-1] + length / 4 * np.array([math.cos(heading), math.sin(heading)]))
            pts = shapes.smooth_path(np.array(pts), 2)
            self.add("TRONCON_DE_ROUTE", shapes.line(pts), {"NATURE": "Route à 1 chaussée", "LARGEUR_DE_CHAUSSEE": 5.0,
                                                      "IMPORTANCE": "5"})
            self._houses_along(pts, density=rng.uniform(0.5, 0.9))
        # church with the cemetery behind it, and a sports ground at the edge
        ang = rng.uniform(0, np.pi)
        self._building(c + 18 * np.array([math.cos(ang + 1.57), math.sin(ang + 1.57)]), 32, 13, ang, "Eglise",
                       present="ab", annotated="ab")
        cem = c + 60 * np.array([math.cos(ang - 1.2), math.sin(ang - 1.2)])
        self.add("CIMETIERE", shapes.rect(cem[0], cem[1], rng.uniform(35, 60), rng.uniform(30, 50), ang),
                 {"NATURE": "Civil"})
        sp = c + rng.uniform(220, 320) * np.array([math.cos(ang + 2.5), math.sin(ang + 2.5)])
        self.add("TERRAIN_DE_SPORT", shapes.rect(sp[0], sp[1], 105, 68, ang + rng.normal(0, 0.3)),
                 {"NATURE": "Grand terrain de sport"}, present="ab" if rng.random() < 0.75 else "b")
        # a housing estate built between the dates
        if rng.random() < 0.6 * self.cfg.change:
            ang2 = rng.uniform(0, 2 * np.pi)
            start = c + rng.uniform(180, 260) * np.array([math.cos(ang2), math.sin(ang2)])
            d = np.array([math.cos(ang2 + 1.57), math.sin(ang2 + 1.57)])
            street = np.array([start - 90 * d, start + 90 * d])
            self.add("TRONCON_DE_ROUTE", shapes.line(street), {"NATURE": "Route à 1 chaussée", "LARGEUR_DE_CHAUSSEE": 5.0,
                                                         "IMPORTANCE": "5"}, present="b")
            n = self._houses_along(street, density=1.0, present="b")
            self.changes["new_buildings"] = self.changes.get("new_buildings", 0) + n
            self.changes["new_roads"] = self.changes.get("new_roads", 0) + 1

    def _houses_along(self, pts: np.ndarray, density: float, present: str = "ab") -> int:
        rng = self.rng
        n = 0
        seg = np.diff(pts, axis=0)
        lens = np.linalg.norm(seg, axis=1)
        total = lens.sum()
        s = rng.uniform(5, 15)
        while s < total - 10:
            k = min(np.searchsorted(np.cumsum(lens), s), len(seg) - 1)
            t = (s - (np.cumsum(lens)[k] - lens[k])) / (lens[k] + 1e-9)
            p = pts[k] + t * seg[k]
            direction = seg[k] / (lens[k] + 1e-9)
            normal = np.array([-direction[1], direction[0]])
            ang = math.atan2(direction[1], direction[0])
            for side in (-1, 1):
                if rng.random() < density:
                    w, h = rng.uniform(9, 16), rng.uniform(8, 12)
                    self._building(p + side * normal * (h / 2 + rng.uniform(6, 12)), w, h, ang, present=present)
                    n += 1
            s += rng.uniform(16, 26)
        return n

    def _forests(self) -> None:
        """Woods from thresholded smooth noise; the new date's noise drifts so woods grow and get cleared."""
        from rasterio.features import shapes as mask_shapes
        from rasterio.transform import from_origin
        rng, size = self.rng, self.size
        cell = 5.0
        n = int(math.ceil(size / cell))
        # large forest massifs and small groves, as in north-eastern France
        base = 0.7 * shapes.noise(rng, (n, n), 400 / cell) + 0.3 * shapes.noise(rng, (n, n), 70 / cell)
        drift = shapes.noise(rng, (n, n), 60 / cell)
        thr = np.quantile(base, 1 - self.cfg.forest_cover)
        wood_a = base > thr
        wood_b = (base + 0.12 * self.cfg.change * (drift - 0.5) * 2) > thr
        # keep villages out of the woods
        yy, xx = np.mgrid[0:n, 0:n]
        cx, cy = (xx + 0.5) * cell, size - (yy + 0.5) * cell
        for c in self.villages:
            near = (cx - c[0]) ** 2 + (cy - c[1]) ** 2 < 300 ** 2
            wood_a &= ~near
            wood_b &= ~near
        self.changes["forest_grown_m2"] = int(((wood_b & ~wood_a).sum()) * cell * cell)
        self.changes["forest_cleared_m2"] = int(((wood_a & ~wood_b).sum()) * cell * cell)
        tr = from_origin(0, size, cell, cell)
        self.wood = {OLD: wood_a, NEW: wood_b, "cell": cell}
        for date, mask in ((OLD, wood_a), (NEW, wood_b)):
            for geom, _value in mask_shapes(mask.astype(np.uint8), mask=mask, transform=tr):
                g = shapes.ogr_geom(geom)
                # the old vegetation layer skipped small woods
                if g.GetArea() < (10_000 if date == OLD else 400):
                    continue
                # the old annotation is coarser, as 2004-era vegetation layers were
                g = g.SimplifyPreserveTopology(12.0 if date == OLD else 4.0)
                self.add("ZONE_DE_VEGETATION", json.loads(g.ExportToJson()),
                         {"NATURE": "Forêt fermée de feuillus"}, present=date)


# rendering ---------------------------------------------------------------------------------------
_CROPS = np.array([[196, 172, 96], [170, 150, 80], [120, 150, 60], [95, 130, 55], [150, 120, 85],
                   [130, 100, 70], [160, 170, 110], [110, 125, 75], [185, 160, 120]], np.float32)


def _render(world: _World, date: str, cfg: SyntheticConfig, rng) -> np.ndarray:
    """RGB float image (0-255) of one date, pixel rows from north to south."""
    from rasterio.features import rasterize
    from rasterio.transform import from_origin
    from scipy.ndimage import gaussian_filter, zoom
    res, size = cfg.resolution, world.size
    n = int(round(size / res))
    tr = from_origin(0, size, res, res)
    # parcels: the world's Voronoi cells, each sown with a crop that changes between dates
    cell = max(res, 2.0)
    m = int(math.ceil(size / cell))
    prng = np.random.default_rng(cfg.seed * 7 + 1)
    seeds = world.parcel_seeds
    n_seeds = len(seeds)
    from scipy.spatial import cKDTree
    yy, xx = np.mgrid[0:m, 0:m]
    _, lab = cKDTree(seeds).query(np.c_[(xx.ravel() + 0.5) * cell, size - (yy.ravel() + 0.5) * cell])
    lab = zoom(lab.reshape(m, m), n / m, order=0)[:n, :n]
    if date == NEW:
        lab = world.parcel_merge[lab]
    crop = rng.integers(0, len(_CROPS), n_seeds)
    colours = _CROPS[crop]
    for k, nature in world.grassland.items():          # not re-sown: the same look on both dates
        colours[k] = (105, 140, 70) if nature == "Verger" else (125, 135, 85)
    img = colours[lab].copy()
    # tillage stripes, one direction per parcel
    ang = prng.uniform(0, np.pi, n_seeds)[lab]
    period = prng.uniform(3, 9, n_seeds)[lab] / res
    yy, xx = np.mgrid[0:n, 0:n].astype(np.float32)
    stripes = np.sin((xx * np.cos(ang) + yy * np.sin(ang)) * (2 * np.pi / period))
    img *= (1 + 0.06 * stripes)[..., None]
    img *= (0.85 + 0.3 * shapes.noise(rng, (n, n), 40 / res))[..., None]
    if world.grassland:
        grass = np.isin(lab, list(world.grassland))
        trees = (((xx * res) % 8 < 3) & ((yy * res) % 8 < 3)) & np.isin(lab, [k for k, v in world.grassland.items()
                                                                                if v == "Verger"])
        img[trees] = (60, 95, 45)
        img[grass & ~trees] *= (0.9 + 0.2 * shapes.noise(rng, (n, n), 6 / res))[grass & ~trees][:, None]
    # parcel boundaries as thin grass margins
    edge = (np.diff(lab, axis=0, prepend=lab[:1]) != 0) | (np.diff(lab, axis=1, prepend=lab[:, :1]) != 0)
    img[edge] = (105, 125, 70)

    def burn(geoms, value_rgb, texture=0.0, scale=3.0):
        if not geoms:
            return None
        mask = rasterize(((g, 1) for g in geoms), out_shape=(n, n), transform=tr, dtype=np.uint8).astype(bool)
        col = np.asarray(value_rgb, np.float32)
        if texture:
            t = (1 + texture * (shapes.noise(rng, (n, n), scale / res) - 0.5) * 2)[..., None]
            img[mask] = (col * t)[mask]
        else:
            img[mask] = col
        return mask

    present = lambda layer, pred=None: [g for g, a, p, _ in world.features[layer] if date in p and (pred is None or pred(a))]
    # woods: canopy texture from the world's wood mask
    wood = zoom(world.wood[date], world.wood["cell"] / res, order=0)[:n, :n]
    wood = np.pad(wood, ((0, max(0, n - wood.shape[0])), (0, max(0, n - wood.shape[1]))), mode="edge")
    crowns = gaussian_filter(rng.normal(size=(n, n)).astype(np.float32), 2.0 / res)
    crowns = (crowns - crowns.mean()) / (crowns.std() + 1e-6)
    canopy = np.stack([45 + 12 * crowns, 75 + 18 * crowns, 38 + 8 * crowns], -1)
    img[wood] = canopy[wood]
    hedges = [g for g, a, p, _ in world.features["ZONE_DE_VEGETATION"] if date in p and a["NATURE"] == "Haie"]
    if hedges:
        hm = rasterize(((g, 1) for g in hedges), out_shape=(n, n), transform=tr, dtype=np.uint8).astype(bool)
        img[hm] = canopy[hm] * 1.1
    burn(present("SURFACE_HYDROGRAPHIQUE"), (40, 70, 75), 0.15, 30)
    burn(present("CIMETIERE"), (150, 150, 140), 0.35, 2)
    burn(present("TERRAIN_DE_SPORT"), (90, 160, 70), 0.05, 20)
    rails = [shapes.buffer(g, 4.0) for g in present("TRONCON_DE_VOIE_FERREE")]
    burn(rails, (95, 85, 80), 0.2, 1.5)
    for width_min, width_max, colour in ((0, 3.5, (175, 160, 130)), (3.5, 100, (120, 120, 118))):
        roads = [shapes.buffer(g, a["LARGEUR_DE_CHAUSSEE"] / 2) for g, a, p, _ in world.features["TRONCON_DE_ROUTE"]
                 if date in p and width_min <= a["LARGEUR_DE_CHAUSSEE"] < width_max]
        burn(roads, colour, 0.08, 3)
    # buildings with shadows cast away from the sun, which is elsewhere on each date
    sun = {OLD: (-1.0, 1.0), NEW: (1.0, 0.6)}[date]
    bld = [(g, a) for g, a, p, _ in world.features["BATIMENT"] if date in p]
    if bld:
        shade = rasterize(((_shift(g, -sun[0] * 0.5 * a["HAUTEUR"], -sun[1] * 0.5 * a["HAUTEUR"]), 1) for g, a in bld),
                          out_shape=(n, n), transform=tr, dtype=np.uint8).astype(bool)
        img[shade] *= 0.55
        roofs = np.array([[170, 80, 60], [150, 70, 55], [110, 105, 105], [80, 80, 85], [185, 110, 80]], np.float32)
        codes = rasterize(((g, 1 + (5 if a["NATURE"] == "Eglise" else int(rng.integers(0, 5)))) for g, a in bld),
                          out_shape=(n, n), transform=tr, dtype=np.uint8)
        lut = np.vstack([[0, 0, 0], roofs, [[125, 120, 115]]]).astype(np.float32)
        roof = codes > 0
        img[roof] = lut[codes[roof]] * (0.9 + 0.2 * rng.random((int(roof.sum()), 1), dtype=np.float32))
    return img


def _shift(g: Geom, dx: float, dy: float) -> Geom:
    ring = np.asarray(g["coordinates"][0]) + (dx, dy)
    return {"type": "Polygon", "coordinates": [ring.tolist()]}


def _acquisition(img: np.ndarray, date: str, cfg: SyntheticConfig, rng) -> np.ndarray:
    """Season, light and sensor of one date."""
    from scipy.ndimage import gaussian_filter, shift
    chg = cfg.change
    if date == OLD:
        if cfg.misregistration_m > 0:
            d = rng.uniform(-1, 1, 2) * cfg.misregistration_m / cfg.resolution
            img = shift(img, (d[0], d[1], 0), order=1, mode="nearest")
        img = gaussian_filter(img, (0.9 * chg, 0.9 * chg, 0))
        gain = 1 + chg * rng.uniform(-0.15, 0.15, 3)
        img = img * gain * (1 + 0.1 * chg) + chg * rng.uniform(-15, 15)
        img = img + rng.normal(0, 6 * chg, img.shape)
        if cfg.old_grey:
            img = np.repeat((img @ np.array([0.299, 0.587, 0.114], np.float32))[..., None], 3, -1)
    else:
        gain = 1 + 0.5 * chg * rng.uniform(-0.1, 0.1, 3)
        mean = img.mean(axis=(0, 1), keepdims=True)
        img = (img - mean) * (1 + 0.15 * chg) + mean * gain
        img = img + rng.normal(0, 2, img.shape)
    return np.clip(img, 0, 255).astype(np.uint8)


def _write_ortho(path: str, img: np.ndarray, origin: Tuple[float, float], cfg: SyntheticConfig, date: str) -> None:
    import rasterio
    from rasterio.transform import from_origin
    n = img.shape[0]
    tr = from_origin(origin[0], origin[1] + cfg.size_m, cfg.resolution, cfg.resolution)
    with rasterio.open(path, "w", driver="GTiff", width=n, height=n, count=3, dtype="uint8", crs=CRS, transform=tr,
                       tiled=True, blockxsize=256, blockysize=256, compress="deflate", photometric="RGB") as dst:
        dst.write(np.moveaxis(img, -1, 0))
        dst.update_tags(CROSSTIME_SYNTHETIC="yes", DATE=date_name(date), SEED=str(cfg.seed))
        dst.build_overviews([2, 4, 8])


_GTYPES = {"BATIMENT": "Polygon", "TRONCON_DE_ROUTE": "LineString", "SURFACE_HYDROGRAPHIQUE": "Unknown",
           "ZONE_DE_VEGETATION": "Unknown", "TERRAIN_DE_SPORT": "Polygon", "CIMETIERE": "Polygon",
           "TRONCON_DE_VOIE_FERREE": "LineString"}


def _write_vectors(path: str, world: _World, date: str, origin: Tuple[float, float]) -> None:
    from ..geo.vectors import write_geopackage
    if os.path.exists(path):
        os.remove(path)
    if date == OLD and world.cfg.old_vector_shift_m > 0:
        # the old survey was less precise: the whole old data set sits a few metres off
        ang = np.random.default_rng([world.cfg.seed, 99]).uniform(0, 2 * np.pi)
        d = world.cfg.old_vector_shift_m
        origin = (origin[0] + d * math.cos(ang), origin[1] + d * math.sin(ang))
    for layer, feats in world.features.items():
        out = []
        for g, a, _, annotated in feats:
            if date in annotated:
                out.append((_translate(g, origin), dict(a)))
        fields = [(k, "float" if isinstance(v, float) else "int" if isinstance(v, int) else "str")
                  for k, v in (feats[0][1].items() if feats else [])]
        write_geopackage(path, layer, CRS, out, fields, _GTYPES[layer])


def _translate(g: Geom, origin) -> Geom:
    def tr(c):
        if isinstance(c[0], (int, float)):
            return [c[0] + origin[0], c[1] + origin[1]]
        return [tr(x) for x in c]
    return {"type": g["type"], "coordinates": tr(g["coordinates"])}


def generate_landscape(folder: str, cfg: Optional[SyntheticConfig] = None) -> SyntheticLandscape:
    """Write ``old_ortho.tif``, ``new_ortho.tif``, ``old_bdtopo.gpkg``, ``new_bdtopo.gpkg`` into ``folder``."""
    cfg = cfg or SyntheticConfig()
    os.makedirs(folder, exist_ok=True)
    world = _World(cfg)
    world.build()
    origin = cfg.area_origin()
    paths = {k: os.path.join(folder, f) for k, f in ((OLD, "old_ortho.tif"), (NEW, "new_ortho.tif"),
                                                     ("va", "old_bdtopo.gpkg"), ("vb", "new_bdtopo.gpkg"))}
    for date in "ab":
        rng = np.random.default_rng([cfg.seed, ord(date)])
        img = _acquisition(_render(world, date, cfg, rng), date, cfg, rng)
        _write_ortho(paths[date], img, origin, cfg, date)
        _write_vectors(paths["v" + date], world, date, origin)
    bounds = (origin[0], origin[1], origin[0] + cfg.size_m, origin[1] + cfg.size_m)
    land = SyntheticLandscape(folder, paths[OLD], paths[NEW], paths["va"], paths["vb"], CRS, bounds,
                              {**asdict(cfg), "origin": list(origin)}, dict(world.changes))
    with open(os.path.join(folder, "synthetic.json"), "w", encoding="utf-8") as f:
        json.dump({"note": "synthetic landscape generated by CrossTime (not real data)", **asdict(land)}, f, indent=1)
    return land
