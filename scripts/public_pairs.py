#!/usr/bin/env python3
"""Collect real bi-temporal image pairs with a class map for each date from fetched public repositories.

Reads bare git mirrors (``<mirrors>/<owner>+<name>/repo``, as brought by the ``fetch`` tool) and writes,
for every usable pair::

    <out>/<source>/<scene>/a.png  b.png                 older / newer date, 8-bit RGB
    <out>/<source>/<scene>/a_classes.png  b_classes.png single-band 8-bit class indices, same size
    <out>/<source>/classes.json                         index -> CrossTime category (or null) and own name
    <out>/scenes.csv                                    one row per scene (realpairs columns)
    <out>/PROVENANCE.md                                 repository, commit, paths, licence per source

Layouts recognised (anywhere in any mirror, plus the known repositories listed in KNOWN_REPOS):

* SECOND (SEmantic Change detectiON Dataset): sibling folders ``im1/ im2/ label1/ label2/`` with the same
  file names and the SECOND colour legend. SECOND labels only the changed areas (white = no change).
* Hi-UCD: ``image/<year a>/``, ``image/<year b>/``, ``mask/<a>_<b>/`` (mask R = class at date a, G = class
  at date b): full per-date land cover.
* xBD / xView2: ``<disaster>_<id>_pre_disaster.png`` + ``..._post_disaster.png`` with the label JSON of
  either date (building polygons in pixel WKT). Date a = every building; date b = buildings not destroyed.

Nothing is downloaded: a missing mirror is reported with the ``fetch`` source it needs and skipped.
Forbidden data sets (FOTBCD, DSIFN, EGY-BCD, OMBRIA, the Puerto Rico samples) and raw files already used by
``/work/shared/data/realpairs`` are never read into the output.

Usage::

    .venv/bin/python scripts/public_pairs.py --out /work/publicpairs [--mirrors /work/.mirror]
"""

import argparse
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys

import numpy as np
from PIL import Image, ImageDraw

CATEGORIES = ("road", "church", "tower", "fort", "castle", "building", "water", "sports",
              "cemetery", "vegetation", "airport", "railway")

COLUMNS = ["source", "scene", "path", "date_a", "date_b", "gsd_m", "crs", "georeferenced",
           "semantics", "license", "origin", "note"]

OUTPUT_FILES = ("a.png", "b.png", "a_classes.png", "b_classes.png")

# Never read, whichever repository holds them.
FORBIDDEN = re.compile(r"fotbcd|dsifn|egy[-_ ]?bcd|ombria|puerto[-_ ]?rico", re.IGNORECASE)

# the project's real pairs (their files are never taken again): ../shared/data/realpairs beside the repository
DEFAULT_REALPAIRS = os.environ.get("CROSSTIME_REALPAIRS", os.path.join(
    os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "shared", "data", "realpairs")) + \
    "/scenes.csv"

# Repositories known to hold pairs of the layouts above. A missing one is reported with its fetch source.
KNOWN_REPOS = (
    ("pavitravashishtha/satquery-demo", "SECOND samples under data/SECOND/{im1,im2,label1,label2}"),
)

# ---------------------------------------------------------------------------------------------------------
# Data set descriptions (terms as stated by the data set authors; see PROVENANCE.md for where).

SECOND = {
    "source": "second",
    "name": "SECOND (SEmantic Change detectiON Dataset)",
    # colour -> (index, own class name, CrossTime category or None)
    "legend": (
        ((255, 255, 255), 0, "no change (unlabelled)", None),
        ((0, 0, 255), 1, "water", "water"),
        ((128, 128, 128), 2, "non-vegetated ground surface", None),
        ((0, 128, 0), 3, "low vegetation", "vegetation"),
        ((0, 255, 0), 4, "tree", "vegetation"),
        ((128, 0, 0), 5, "building", "building"),
        ((255, 0, 0), 6, "playground", "sports"),
    ),
    "semantics": "per-date change-only land cover",
    "gsd_m": "",
    "license": "unknown (no licence stated by the SECOND authors; research benchmark, cite Yang et al., "
               "IEEE TGRS 2022)",
    "note": "SECOND aerial pair (Hangzhou / Chengdu / Shanghai), 512x512, GSD 0.5-3 m not given per pair; "
            "labels only the changed areas: index 0 (white) = no change, not a land-cover class",
    "terms_where": "https://captain-whu.github.io/SCD/ (formerly http://www.captain-whu.com/PROJECT/SCD/); "
                   "paper: K. Yang et al., 'Asymmetric Siamese Networks for Semantic Change Detection in "
                   "Aerial Images', IEEE TGRS 60, 2022 (arXiv:2010.05687). No licence text is published with "
                   "the data; treat as research use only.",
}

HIUCD = {
    "source": "hiucd",
    "name": "Hi-UCD (ultra-High Urban Change Detection), Tallinn aerial orthophotos",
    # index in the mask's R (date a) / G (date b) channel -> (own name, CrossTime category or None)
    "legend": (
        (0, "unlabelled", None),
        (1, "water", "water"),
        (2, "grass", "vegetation"),
        (3, "building", "building"),
        (4, "greenhouse", "building"),
        (5, "road", "road"),
        (6, "bridge", "road"),
        (7, "others", None),
        (8, "bare land", None),
        (9, "woodland", "vegetation"),
    ),
    "semantics": "per-date land cover",
    "gsd_m": "0.1",
    "license": "unknown (no licence stated; Hi-UCD is released on request for research, cite Tian et al. 2020/2022)",
    "terms_where": "https://github.com/Daisy-7/Hi-UCD-S (README: download on request, cite the papers; no "
                   "licence text). Imagery: Estonian Land Board orthophotos.",
}

XBD = {
    "source": "xbd",
    "name": "xBD (xView2 building damage), per-date building footprints",
    "classes": {"0": None, "1": "building"},
    "labels": {"0": "background (no building; date b also: destroyed building)", "1": "building"},
    "semantics": "per-date buildings",
    "license": "xBD: CC BY-NC-SA 4.0 (Maxar Open Data imagery)",
    "terms_where": "https://xview2.org/dataset (xBD terms: CC BY-NC-SA 4.0); R. Gupta et al., 'Creating xBD: "
                   "A Dataset for Assessing Building Damage from Satellite Imagery', CVPR Workshops 2019.",
}


# ---------------------------------------------------------------------------------------------------------
# Git mirrors

class Mirror:
    """A bare git mirror read at its HEAD commit."""

    def __init__(self, repo, gitdir):
        self.repo = repo
        self.gitdir = gitdir
        self.commit = self._git("rev-parse", "HEAD").decode().strip()
        self._files = None

    def _git(self, *args):
        return subprocess.check_output(["git", "--git-dir", self.gitdir] + list(args),
                                       stderr=subprocess.DEVNULL)

    def files(self):
        """{path: (blob sha, size or None)} of the HEAD tree."""
        if self._files is None:
            out = self._git("ls-tree", "-r", "-l", "-z", self.commit)
            files = {}
            for rec in out.split(b"\0"):
                if not rec:
                    continue
                meta, path = rec.split(b"\t", 1)
                parts = meta.split()
                if parts[1] != b"blob":
                    continue
                size = int(parts[3]) if parts[3].isdigit() else None
                files[path.decode("utf-8", "surrogateescape")] = (parts[2].decode(), size)
            self._files = files
        return self._files

    def read(self, path):
        """Bytes of a file at HEAD, or None where the snapshot lacks it (large files, LFS)."""
        sha = self.files()[path][0]
        try:
            data = self._git("cat-file", "blob", sha)
        except subprocess.CalledProcessError:
            return None
        if data.startswith(b"version https://git-lfs"):
            return None
        return data

    def licence(self):
        """First non-empty line of the repository's root licence file, or ''."""
        for path in sorted(self.files()):
            if "/" not in path and re.match(r"(?i)licen[cs]e(\.|$)", path):
                data = self.read(path) or b""
                for line in data.decode("utf-8", "replace").splitlines():
                    if line.strip():
                        return "{}: {}".format(path, line.strip().strip("#").strip())
        return ""


def find_mirrors(root):
    mirrors = {}
    if not os.path.isdir(root):
        return mirrors
    for entry in sorted(os.listdir(root)):
        if "+" not in entry:
            continue
        gitdir = os.path.join(root, entry, "repo")
        if not os.path.isdir(gitdir):
            continue
        repo = entry.replace("+", "/", 1)
        try:
            mirrors[repo] = Mirror(repo, gitdir)
        except (subprocess.CalledProcessError, OSError) as exc:
            print(f"skip mirror {repo}: unreadable ({exc})")
    return mirrors


# ---------------------------------------------------------------------------------------------------------
# Already used raw files (realpairs) -> never reused

def used_origins(csv_path):
    """{(repo, path)} of every raw file named in the realpairs scenes.csv origin column."""
    used = set()
    if not csv_path or not os.path.isfile(csv_path):
        return used
    with open(csv_path, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            for group in (row.get("origin") or "").split(" ; "):
                m = re.match(r"\s*([^@\s]+)@[0-9a-f]+:(.*)$", group.strip())
                if not m:
                    continue
                repo, spec = m.group(1), m.group(2)
                b = re.match(r"(.*/)?\{(.*)\}$", spec)
                if b:
                    prefix = b.group(1) or ""
                    for name in b.group(2).split(","):
                        used.add((repo, prefix + name))
                else:
                    used.add((repo, spec))
    return used


# ---------------------------------------------------------------------------------------------------------
# Images

def decode(data):
    img = Image.open(io.BytesIO(data))
    img.load()
    return img


def to_rgb8(img):
    if img.mode in ("I;16", "I;16B", "I", "F"):
        arr = np.asarray(img, dtype=np.float64)
        hi = float(np.percentile(arr, 99.5)) or 1.0
        arr = np.clip(arr / hi * 255.0 + 0.5, 0, 255).astype(np.uint8)
        img = Image.fromarray(arr, "L")
    return img.convert("RGB")


def png_bytes(img):
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=False, compress_level=6)
    return buf.getvalue()


def write_if_changed(path, data):
    if os.path.isfile(path):
        with open(path, "rb") as fh:
            if fh.read() == data:
                return
    tmp = path + ".tmp"
    with open(tmp, "wb") as fh:
        fh.write(data)
    os.replace(tmp, path)


def fractions(cls, classes):
    """{category or 'null': fraction of pixels} of a class-index map."""
    counts = np.bincount(cls.ravel(), minlength=256)
    total = float(cls.size)
    out = {}
    for idx in np.nonzero(counts)[0]:
        key = classes.get(str(int(idx)))
        key = key if key else "null"
        out[key] = out.get(key, 0.0) + counts[idx] / total
    return out


def fmt_fractions(fr):
    return " ".join(f"{k}={fr[k]:.3f}" for k in sorted(fr, key=lambda k: (-fr[k], k)))


# ---------------------------------------------------------------------------------------------------------
# SECOND

def second_legend_arrays():
    colours = np.array([c for c, _, _, _ in SECOND["legend"]], dtype=np.int32)
    indices = np.array([i for _, i, _, _ in SECOND["legend"]], dtype=np.uint8)
    return colours, indices


def second_label_to_index(img):
    """Colour label -> (index map, share of pixels whose colour is not exactly a legend colour)."""
    rgb = np.asarray(img.convert("RGB"), dtype=np.int32)
    colours, indices = second_legend_arrays()
    flat = rgb.reshape(-1, 3)
    key = flat[:, 0] * 65536 + flat[:, 1] * 256 + flat[:, 2]
    ckey = colours[:, 0] * 65536 + colours[:, 1] * 256 + colours[:, 2]
    out = np.full(key.shape, 255, dtype=np.uint8)
    for k, idx in zip(ckey, indices):
        out[key == k] = idx
    miss = out == 255
    if miss.any():  # nearest legend colour (deterministic)
        d = ((flat[miss][:, None, :] - colours[None, :, :]) ** 2).sum(-1)
        out[miss] = indices[d.argmin(1)]
    return out.reshape(rgb.shape[:2]), float(miss.mean())


def find_second(mirror):
    """[(folder, stem, {im1, im2, label1, label2: path})] of SECOND-style quadruples."""
    files = mirror.files()
    by_dir = {}
    for path in files:
        m = re.match(r"(?:(.*)/)?(im1|im2|label1|label2)/([^/]+)\.(png|jpg|jpeg|tif|tiff|bmp)$", path, re.I)
        if m:
            by_dir.setdefault(m.group(1) or "", {}).setdefault(m.group(3), {})[m.group(2).lower()] = path
    found = []
    for folder in sorted(by_dir):
        for stem in sorted(by_dir[folder]):
            found.append((folder, stem, by_dir[folder][stem]))
    return found


def collect_second(mirror, used, log):
    pairs = []
    for folder, stem, parts in find_second(mirror):
        where = f"{mirror.repo}:{folder}/{{im1,im2,label1,label2}}/{stem}"
        if FORBIDDEN.search(folder + "/" + stem):
            log.append(f"skip {where}: forbidden data set")
            continue
        missing = [k for k in ("im1", "im2", "label1", "label2") if k not in parts]
        if missing:
            log.append("skip {}: missing {}".format(where, ", ".join(missing)))
            continue
        if any((mirror.repo, parts[k]) in used for k in parts):
            log.append(f"skip {where}: already in realpairs")
            continue
        blobs = {}
        for k in ("im1", "im2", "label1", "label2"):
            blobs[k] = mirror.read(parts[k])
        absent = [k for k in blobs if blobs[k] is None]
        if absent:
            log.append("skip {}: {} not in the snapshot (large file or LFS)".format(where, ", ".join(absent)))
            continue
        im1, im2 = to_rgb8(decode(blobs["im1"])), to_rgb8(decode(blobs["im2"]))
        l1, l2 = decode(blobs["label1"]), decode(blobs["label2"])
        if not (im1.size == im2.size == l1.size == l2.size):
            log.append(f"skip {where}: sizes differ {im1.size} {im2.size} {l1.size} {l2.size}")
            continue
        c1, miss1 = second_label_to_index(l1)
        c2, miss2 = second_label_to_index(l2)
        if max(miss1, miss2) > 0.01:
            log.append(f"skip {where}: labels do not use the SECOND legend "
                       f"({100 * miss1:.1f}% / {100 * miss2:.1f}% off-legend pixels)")
            continue
        prefix = (folder + "/") if folder else ""
        origin = "{}@{}:{}{{im1,im2,label1,label2}}/{}".format(
            mirror.repo, mirror.commit, prefix, os.path.basename(parts["im1"]))
        note = SECOND["note"]
        if miss1 or miss2:
            note += f"; {100 * miss1:.2f}% / {100 * miss2:.2f}% label pixels off-legend, set to the nearest legend colour"
        pairs.append({
            "source": SECOND["source"], "scene": re.sub(r"[^A-Za-z0-9_.-]", "_", stem),
            "a": im1, "b": im2, "a_classes": c1, "b_classes": c2,
            "key": (files_sha(mirror, parts["im1"]), files_sha(mirror, parts["im2"])),
            "row": {"date_a": "", "date_b": "", "gsd_m": SECOND["gsd_m"], "crs": "", "georeferenced": "no",
                    "semantics": SECOND["semantics"], "license": SECOND["license"], "origin": origin,
                    "note": note},
            "repo": mirror.repo, "commit": mirror.commit,
            "paths": [parts[k] for k in ("im1", "im2", "label1", "label2")],
        })
    return pairs


def files_sha(mirror, path):
    return mirror.files()[path][0]


# ---------------------------------------------------------------------------------------------------------
# Hi-UCD: <root>/image/<year a>/<stem>.png, <root>/image/<year b>/<stem>.png, <root>/mask/<a>_<b>/<stem>.png

def collect_hiucd(mirror, used, log):
    files = mirror.files()
    masks = {}
    for path in sorted(files):
        m = re.match(r"(?:(.*)/)?mask/((?:19|20)\d\d)_((?:19|20)\d\d)/([^/]+)\.png$", path)
        if m:
            masks[(m.group(1) or "", m.group(2), m.group(3), m.group(4))] = path
    pairs = []
    names = dict((i, n) for i, n, _ in HIUCD["legend"])
    for (root, ya, yb, stem), mpath in sorted(masks.items()):
        prefix = (root + "/") if root else ""
        pa, pb = f"{prefix}image/{ya}/{stem}.png", f"{prefix}image/{yb}/{stem}.png"
        where = f"{mirror.repo}:{prefix}mask/{ya}_{yb}/{stem}.png"
        if FORBIDDEN.search(mpath):
            log.append(f"skip {where}: forbidden data set")
            continue
        if pa not in files or pb not in files:
            log.append(f"skip {where}: image of one date missing")
            continue
        if any((mirror.repo, p) in used for p in (pa, pb, mpath)):
            log.append(f"skip {where}: already in realpairs")
            continue
        blobs = [mirror.read(p) for p in (pa, pb, mpath)]
        if any(b is None for b in blobs):
            log.append(f"skip {where}: a file is not in the snapshot")
            continue
        a, b, mask = to_rgb8(decode(blobs[0])), to_rgb8(decode(blobs[1])), decode(blobs[2])
        arr = np.asarray(mask.convert("RGB"), dtype=np.uint8)
        if not (a.size == b.size == mask.size):
            log.append(f"skip {where}: sizes differ")
            continue
        c1, c2 = arr[:, :, 0].copy(), arr[:, :, 1].copy()
        if int(max(c1.max(), c2.max())) > max(names):
            log.append(f"skip {where}: mask values outside the Hi-UCD legend")
            continue
        origin = (f"{mirror.repo}@{mirror.commit}:{prefix}"
                  f"{{image/{ya}/{stem}.png,image/{yb}/{stem}.png,mask/{ya}_{yb}/{stem}.png}}")
        pairs.append({
            "source": HIUCD["source"], "scene": "{}_{}_{}".format(ya, yb, re.sub(r"[^A-Za-z0-9_.-]", "_", stem)),
            "a": a, "b": b, "a_classes": c1, "b_classes": c2,
            "key": (files_sha(mirror, pa), files_sha(mirror, pb)),
            "row": {"date_a": ya, "date_b": yb, "gsd_m": HIUCD["gsd_m"], "crs": "", "georeferenced": "no",
                    "semantics": HIUCD["semantics"], "license": HIUCD["license"], "origin": origin,
                    "note": "Hi-UCD aerial pair, Tallinn (Estonia); mask R = date a class, G = date b class; "
                            "0 = unlabelled"},
            "repo": mirror.repo, "commit": mirror.commit, "paths": [pa, pb, mpath],
        })
    return pairs


# ---------------------------------------------------------------------------------------------------------
# xBD

XBD_NAME = re.compile(r"(?:(.*)/)?([a-z0-9-]+_\d{8})_(pre|post)_disaster\.(png|json)$")


def wkt_polygons(wkt):
    """[[ring, ...], ...] of (x, y) rings from a POLYGON / MULTIPOLYGON WKT string."""
    polys = []
    body = wkt.strip()
    if body.upper().startswith("MULTIPOLYGON"):
        inner = body[body.index("(") + 1: body.rindex(")")]
        chunks = re.findall(r"\(\s*(\(.*?\)(?:\s*,\s*\(.*?\))*)\s*\)", inner)
    elif body.upper().startswith("POLYGON"):
        chunks = [body[body.index("(") + 1: body.rindex(")")]]
    else:
        return polys
    for chunk in chunks:
        rings = []
        for ring in re.findall(r"\(([^()]*)\)", chunk):
            pts = []
            for pair in ring.split(","):
                xy = pair.split()
                if len(xy) >= 2:
                    pts.append((float(xy[0]), float(xy[1])))
            if len(pts) >= 3:
                rings.append(pts)
        if rings:
            polys.append(rings)
    return polys


def rasterise(features, size):
    """uint8 map: 1 inside the polygons (holes cut out), 0 elsewhere."""
    mask = Image.new("L", size, 0)
    draw = ImageDraw.Draw(mask)
    for wkt in features:
        for rings in wkt_polygons(wkt):
            draw.polygon(rings[0], fill=1, outline=1)
            for hole in rings[1:]:
                draw.polygon(hole, fill=0, outline=0)
    return np.asarray(mask, dtype=np.uint8).copy()


def xbd_features(label):
    """[(wkt, subtype)] of the building polygons in pixel coordinates."""
    out = []
    for f in (label.get("features") or {}).get("xy") or []:
        props = f.get("properties") or {}
        if props.get("feature_type", "building") != "building":
            continue
        out.append((f.get("wkt") or "", props.get("subtype") or ""))
    return out


def xbd_gsd(label):
    """Metres per pixel from the label's pixel ('xy') and lon/lat ('lng_lat') polygons (affine fit), or None."""
    feats = label.get("features") or {}
    by_uid = {}
    for kind in ("xy", "lng_lat"):
        for f in feats.get(kind) or []:
            uid = (f.get("properties") or {}).get("uid")
            polys = wkt_polygons(f.get("wkt") or "")
            if uid and polys:
                by_uid.setdefault(uid, {})[kind] = polys[0][0]
    px, ll = [], []
    for uid in sorted(by_uid):
        d = by_uid[uid]
        if "xy" in d and "lng_lat" in d and len(d["xy"]) == len(d["lng_lat"]):
            px += d["xy"]
            ll += d["lng_lat"]
    if len(px) < 3:
        return None
    ll = np.asarray(ll, dtype=np.float64)
    lat0 = np.radians(ll[:, 1].mean())
    r = 6378137.0
    e = np.radians(ll[:, 0]) * r * np.cos(lat0)
    n = np.radians(ll[:, 1]) * r
    design = np.column_stack([np.asarray(px, dtype=np.float64), np.ones(len(px))])
    coef_e = np.linalg.lstsq(design, e, rcond=None)[0]
    coef_n = np.linalg.lstsq(design, n, rcond=None)[0]
    det = abs(coef_e[0] * coef_n[1] - coef_e[1] * coef_n[0])
    return float(np.sqrt(det)) if det > 0 else None


def collect_xbd(mirror, used, log):
    files = mirror.files()
    tiles = {}
    for path in sorted(files):
        m = XBD_NAME.match(path)
        if m:
            kind = "img" if m.group(4) == "png" else "json"
            tiles.setdefault(m.group(2), {}).setdefault((kind, m.group(3)), path)
    pairs = []
    for tile in sorted(tiles):
        parts = tiles[tile]
        where = f"{mirror.repo}:{tile}"
        paths = sorted(parts.values())
        if any(FORBIDDEN.search(p) for p in paths):
            log.append(f"skip {where}: forbidden data set")
            continue
        if ("img", "pre") not in parts or ("img", "post") not in parts:
            log.append(f"skip {where}: pre or post image missing")
            continue
        if ("json", "pre") not in parts and ("json", "post") not in parts:
            log.append(f"skip {where}: no label JSON")
            continue
        if any((mirror.repo, p) in used for p in paths):
            log.append(f"skip {where}: already in realpairs")
            continue
        blobs = dict((k, mirror.read(p)) for k, p in parts.items())
        if any(v is None for v in blobs.values()):
            log.append(f"skip {where}: a file is not in the snapshot")
            continue
        a, b = to_rgb8(decode(blobs[("img", "pre")])), to_rgb8(decode(blobs[("img", "post")]))
        if a.size != b.size:
            log.append(f"skip {where}: image sizes differ")
            continue
        labels = dict((k[1], json.loads(v.decode("utf-8"))) for k, v in blobs.items() if k[0] == "json")
        pre_feats = xbd_features(labels["pre"]) if "pre" in labels else xbd_features(labels["post"])
        a_cls = rasterise([w for w, _ in pre_feats], a.size)
        if "post" in labels:
            b_cls = rasterise([w for w, s in xbd_features(labels["post"]) if s != "destroyed"], b.size)
            b_note = "b = post-disaster polygons without subtype destroyed"
        else:
            b_cls = a_cls.copy()
            b_note = "no post label JSON: b = the pre-disaster polygons"
        meta_a = (labels.get("pre") or {}).get("metadata") or {}
        meta_b = (labels.get("post") or {}).get("metadata") or {}

        def day(meta):
            return (meta.get("capture_date") or "")[:10]

        gsd = xbd_gsd(labels.get("pre") or labels.get("post"))
        groups = {}
        for kind, when in sorted(parts):
            p = parts[(kind, when)]
            groups.setdefault(os.path.dirname(p), []).append(os.path.basename(p))
        origin = " ; ".join("{}@{}:{}{{{}}}".format(mirror.repo, mirror.commit, (d + "/") if d else "",
                                                ",".join(sorted(n)))
                            for d, n in sorted(groups.items()))
        note = "{}; a = {}, b = {}; {}".format(
            meta_b.get("disaster") or tile.rsplit("_", 1)[0], meta_a.get("sensor", "?"),
            meta_b.get("sensor", "?"), b_note)
        pairs.append({
            "source": XBD["source"], "scene": tile,
            "a": a, "b": b, "a_classes": a_cls, "b_classes": b_cls,
            "key": (files_sha(mirror, parts[("img", "pre")]), files_sha(mirror, parts[("img", "post")])),
            "row": {"date_a": day(meta_a), "date_b": day(meta_b),
                    "gsd_m": (f"{gsd:.3f}") if gsd else "", "crs": "", "georeferenced": "no",
                    "semantics": XBD["semantics"], "license": XBD["license"], "origin": origin,
                    "note": note},
            "repo": mirror.repo, "commit": mirror.commit, "paths": paths,
        })
    return pairs


# ---------------------------------------------------------------------------------------------------------
# Output

def inside(path, root):
    path, root = os.path.realpath(path), os.path.realpath(root)
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def repo_root():
    here = os.path.dirname(os.path.abspath(__file__))
    try:
        top = subprocess.check_output(["git", "-C", here, "rev-parse", "--show-toplevel"],
                                      stderr=subprocess.DEVNULL).decode().strip()
        if top:
            return top
    except (subprocess.CalledProcessError, OSError):
        pass
    return os.path.dirname(here)


def info_of(source):
    return {SECOND["source"]: SECOND, HIUCD["source"]: HIUCD}.get(source, XBD)


def classes_json(source):
    if source == HIUCD["source"]:
        return {"name": HIUCD["name"],
                "classes": dict((str(i), cat) for i, _, cat in HIUCD["legend"]),
                "labels": dict((str(i), name) for i, name, _ in HIUCD["legend"])}
    if source == SECOND["source"]:
        return {"name": SECOND["name"],
                "classes": dict((str(i), cat) for _, i, _, cat in SECOND["legend"]),
                "labels": dict((str(i), name) for _, i, name, _ in SECOND["legend"])}
    return {"name": XBD["name"], "classes": XBD["classes"], "labels": XBD["labels"]}


def provenance(pairs_by_source, repo_licences, missing, log_skips):
    lines = ["# Public bi-temporal pairs with per-date class maps", "",
             "Third-party data, for evaluation only: each source's own terms apply (below). Do not "
             "redistribute, do not copy into a project or a package.", "",
             "Built by `scripts/public_pairs.py` of CrossTime from the fetched git mirrors named below; "
             "images are re-encoded losslessly to 8-bit RGB PNG, colour labels converted to class indices "
             "(see each `classes.json`), nothing resampled.", ""]
    for source in sorted(pairs_by_source):
        pairs = pairs_by_source[source]
        info = info_of(source)
        lines += ["## {}: {} ({} pairs)".format(source, info["name"], len(pairs)), ""]
        repos = {}
        for p in pairs:
            repos.setdefault((p["repo"], p["commit"]), []).extend(p["paths"])
        for (repo, commit), paths in sorted(repos.items()):
            lic = repo_licences.get(repo) or "no licence file in the repository"
            lines += [f"- repository: https://github.com/{repo} at commit `{commit}`",
                      f"- repository licence: {lic}",
                      f"- paths ({len(paths)} files):"]
            lines += [f"  - `{p}`" for p in sorted(set(paths))]
        lines += ["- data set terms: {}".format(info["license"]),
                  "- where stated: {}".format(info["terms_where"]),
                  "- semantics: {}".format(info["semantics"]), ""]
        tot_a, tot_b = {}, {}
        cls = classes_json(source)["classes"]
        for p in pairs:
            for tot, key in ((tot_a, "a_classes"), (tot_b, "b_classes")):
                for k, v in fractions(p[key], cls).items():
                    tot[k] = tot.get(k, 0.0) + v / len(pairs)
        lines += [f"Mean category fractions: date a {fmt_fractions(tot_a)}; date b {fmt_fractions(tot_b)}", ""]
    if missing:
        lines += ["## Mirrors not present (not fetched; skipped)", ""]
        lines += [f"- `fetch github:{r}` ({why})" for r, why in missing]
        lines.append("")
    if log_skips:
        lines += ["## Skipped", ""] + [f"- {s}" for s in log_skips] + [""]
    return "\n".join(lines)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True, help="output folder, outside the repository")
    ap.add_argument("--mirrors", default="/work/.mirror", help="folder of fetched mirrors (owner+name/repo)")
    ap.add_argument("--realpairs", default=DEFAULT_REALPAIRS,
                    help="scenes.csv whose raw files must not be reused ('' to disable)")
    args = ap.parse_args(argv)

    root = repo_root()
    if inside(args.out, root):
        print(f"refusing --out {args.out}: it is inside the repository {root}", file=sys.stderr)
        return 2

    mirrors = find_mirrors(args.mirrors)
    missing = []
    for repo, why in KNOWN_REPOS:
        if repo not in mirrors:
            print(f"missing mirror {repo}: run  fetch github:{repo}  ({why}); skipped")
            missing.append((repo, why))
    used = used_origins(args.realpairs)

    log = []
    pairs = []
    for repo in sorted(mirrors):
        m = mirrors[repo]
        got = collect_second(m, used, log) + collect_hiucd(m, used, log) + collect_xbd(m, used, log)
        if got:
            print(f"{repo}@{m.commit[:12]}: {len(got)} pair(s)")
        pairs += got

    # one copy of each pair (the same blobs can sit in several repositories)
    seen, unique = set(), []
    for p in sorted(pairs, key=lambda p: (p["source"], p["scene"], p["repo"])):
        if p["key"] in seen:
            log.append("skip {}:{}: duplicate of a pair already taken".format(p["repo"], p["scene"]))
            continue
        seen.add(p["key"])
        unique.append(p)
    names = {}
    for p in unique:  # unique scene names within a source
        n = names.setdefault((p["source"], p["scene"]), 0)
        names[(p["source"], p["scene"])] = n + 1
        if n:
            p["scene"] = "{}_{}".format(p["scene"], n + 1)

    for line in log:
        print(line)

    os.makedirs(args.out, exist_ok=True)
    by_source = {}
    rows = []
    for p in unique:
        by_source.setdefault(p["source"], []).append(p)
        d = os.path.join(args.out, p["source"], p["scene"])
        os.makedirs(d, exist_ok=True)
        write_if_changed(os.path.join(d, "a.png"), png_bytes(p["a"]))
        write_if_changed(os.path.join(d, "b.png"), png_bytes(p["b"]))
        write_if_changed(os.path.join(d, "a_classes.png"), png_bytes(Image.fromarray(p["a_classes"], "L")))
        write_if_changed(os.path.join(d, "b_classes.png"), png_bytes(Image.fromarray(p["b_classes"], "L")))
        row = {"source": p["source"], "scene": p["scene"], "path": "{}/{}".format(p["source"], p["scene"])}
        row.update(p["row"])
        rows.append(row)
        cls = classes_json(p["source"])["classes"]
        print("{}/{} {}x{}  a: {} | b: {}".format(p["source"], p["scene"], p["a"].size[0], p["a"].size[1],
                                                  fmt_fractions(fractions(p["a_classes"], cls)),
                                                  fmt_fractions(fractions(p["b_classes"], cls))))

    # remove scene folders of a previous run that this run did not produce (only our own files)
    for source in sorted(set(list(by_source) + [SECOND["source"], HIUCD["source"], XBD["source"]])):
        sdir = os.path.join(args.out, source)
        if not os.path.isdir(sdir):
            continue
        keep = set(p["scene"] for p in by_source.get(source, []))
        for scene in sorted(os.listdir(sdir)):
            sd = os.path.join(sdir, scene)
            if os.path.isdir(sd) and scene not in keep and set(os.listdir(sd)) <= set(OUTPUT_FILES):
                shutil.rmtree(sd)
        if source not in by_source:
            cj = os.path.join(sdir, "classes.json")
            if os.path.isfile(cj):
                os.remove(cj)
            if not os.listdir(sdir):
                os.rmdir(sdir)
    for source in sorted(by_source):
        write_if_changed(os.path.join(args.out, source, "classes.json"),
                         (json.dumps(classes_json(source), indent=2, sort_keys=True) + "\n").encode())

    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    w.writeheader()
    for row in sorted(rows, key=lambda r: (r["source"], r["scene"])):
        w.writerow(row)
    write_if_changed(os.path.join(args.out, "scenes.csv"), buf.getvalue().encode("utf-8"))

    licences = dict((r, mirrors[r].licence()) for r in sorted(set(p["repo"] for p in unique)))
    write_if_changed(os.path.join(args.out, "PROVENANCE.md"),
                     provenance(by_source, licences, missing, log).encode("utf-8"))
    print(f"{len(rows)} pair(s) in {len(by_source)} source(s) -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
