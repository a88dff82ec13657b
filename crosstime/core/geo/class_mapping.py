"""How the classes of a land-cover raster become the legend's categories.

A classified raster (a land-cover map: CoSIA, ESA WorldCover, a semantic-change dataset's label image) holds one class
value per pixel. A class mapping says which category of the paper's legend each value is drawn as; a value mapped
to nothing is background, as the ground between BD TOPO features is. Mappings come from a preset, a JSON or CSV file,
or the class names the raster carries (a QGIS paletted style, GDAL category names), matched by keywords in English
and French.
"""
from __future__ import annotations

import csv
import json
import os
import re
from dataclasses import dataclass, field
from typing import Dict, Optional, Tuple

from ..errors import CrossTimeError
from ..messages import Detail
from .legend import CATEGORIES, normalise_text

CATEGORY_KEYS = tuple(c.key for c in CATEGORIES)


class ClassMappingError(CrossTimeError, ValueError):
    """A class mapping file or preset cannot be used."""


@dataclass
class ClassMapping:
    """Raster value -> category key (None: background). ``labels``: the raster's own class names, for messages."""
    name: str
    classes: Dict[int, Optional[str]]
    labels: Dict[int, str] = field(default_factory=dict)

    def __post_init__(self):
        for value, key in self.classes.items():
            if key is not None and key not in CATEGORY_KEYS:
                raise ClassMappingError("class mapping '{name}': value {value} is mapped to '{key}', which is no "
                                        "category (known: {keys}, or null for background)", name=self.name,
                                        value=value, key=key, keys=", ".join(CATEGORY_KEYS))

    def lookup_table(self, categories=CATEGORIES, max_value: int = 65535):
        """Category code (of ``categories``, a legend's) per class value (0: background), values 0..max(mapped);
        see :func:`class_codes`."""
        import numpy as np
        code = {c.key: c.code for c in categories}
        top = max([v for v in self.classes if 0 <= v <= max_value] or [0])
        table = np.zeros(top + 1, np.uint8)
        for value, key in self.classes.items():
            if key is not None and 0 <= value <= top:
                table[value] = code[key]
        return table

    def label(self, value: int) -> str:
        return f"{value} ({self.labels[value]})" if value in self.labels else str(value)

    def to_dict(self) -> dict:
        return {"name": self.name, "classes": {str(v): k for v, k in sorted(self.classes.items())},
                "labels": {str(v): t for v, t in sorted(self.labels.items())}}


def _preset(name: str, rows: Tuple[Tuple[int, str, Optional[str]], ...]) -> ClassMapping:
    return ClassMapping(name, {v: key for v, _, key in rows}, {v: label for v, label, _ in rows})


# ESA WorldCover 10 m (v100/v200) class values. Cropland, grass and bare ground are background: the legend's
# vegetation is BD TOPO's "zone de végétation" (woods, hedges, orchards, vineyards), not every green field.
WORLDCOVER = (
    (10, "tree cover", "vegetation"), (20, "shrubland", "vegetation"), (30, "grassland", None),
    (40, "cropland", None), (50, "built-up", "building"), (60, "bare / sparse vegetation", None),
    (70, "snow and ice", None), (80, "permanent water bodies", "water"), (90, "herbaceous wetland", None),
    (95, "mangroves", "vegetation"), (100, "moss and lichen", None))

# IGN's FLAIR #1 nomenclature (the CoSIA land-cover classes of aerial orthophotos, 0.2 m).
FLAIR = (
    (1, "building", "building"), (2, "pervious surface", None), (3, "impervious surface", None),
    (4, "bare soil", None), (5, "water", "water"), (6, "coniferous", "vegetation"), (7, "deciduous", "vegetation"),
    (8, "brushwood", "vegetation"), (9, "vineyard", "vegetation"), (10, "herbaceous vegetation", None),
    (11, "agricultural land", None), (12, "plowed land", None), (13, "swimming pool", "water"), (14, "snow", None),
    (15, "clear cut", None), (16, "mixed", "vegetation"), (17, "ligneous", "vegetation"),
    (18, "greenhouse", "building"), (19, "other", None))

PRESETS = {"worldcover": lambda: _preset("ESA WorldCover", WORLDCOVER),
           "flair": lambda: _preset("IGN FLAIR / CoSIA", FLAIR)}

# (category, words of a class name that point to it): the first category with a word in the name wins
_KEYWORDS = (
    ("cemetery", ("cemetery", "cimetiere", "graveyard")),
    ("airport", ("airport", "aeroport", "aerodrome", "airfield", "runway")),
    ("railway", ("railway", "railroad", "rail", "voie ferree", "ferroviaire")),
    ("sports", ("sport", "stade", "stadium", "playground", "terrain de jeu")),
    ("church", ("church", "eglise", "chapel", "chapelle")),
    ("building", ("building", "batiment", "bati", "built", "construction", "house", "maison", "greenhouse", "serre")),
    ("road", ("road", "route", "street", "rue", "chaussee", "highway", "autoroute")),
    ("water", ("water", "eau", "lake", "lac", "river", "riviere", "fleuve", "pond", "etang", "sea", "mer",
               "swimming pool", "piscine", "reservoir")),
    ("vegetation", ("forest", "foret", "wood", "bois", "tree", "arbre", "conifer", "conifere", "deciduous", "feuillu",
                    "broadleaf", "shrub", "brushwood", "broussaille", "ligneous", "ligneux", "vineyard", "vigne",
                    "orchard", "verger", "hedge", "haie", "mangrove", "low vegetation", "vegetation")),
)
# a word before the keyword that turns it round: "non-vegetated ground surface", "not built"
_NEGATIONS = ("non", "not", "no", "sans", "hors")


def category_for_label(label: str) -> Optional[str]:
    """The category a class name points to (English or French), None when none fits. Keywords match the start of
    a word ("bati" finds "Bâtiment"), and a negation just before them ("non-vegetated") voids them."""
    tokens = re.findall(r"[a-z0-9]+", normalise_text(label))
    for key, words in _KEYWORDS:
        for word in words:
            parts = word.split()
            for at in range(len(tokens) - len(parts) + 1):
                if all(tokens[at + n].startswith(part) if n == len(parts) - 1 else tokens[at + n] == part
                       for n, part in enumerate(parts)) and (at == 0 or tokens[at - 1] not in _NEGATIONS):
                    return key
    return None


def mapping_from_labels(labels: Dict[int, str], name: str) -> ClassMapping:
    """A mapping made from the raster's own class names (a class without a name is background)."""
    return ClassMapping(name, {v: category_for_label(t) for v, t in labels.items()},
                        {v: t for v, t in labels.items() if t})


def load_class_mapping(name_or_path: str) -> ClassMapping:
    """A preset by name (``worldcover``, ``flair``) or a file: JSON ``{"name", "classes": {value: category or
    null}, "labels": {value: name}}`` or CSV ``value,category[,label]``."""
    if name_or_path in PRESETS:
        return PRESETS[name_or_path]()
    if not os.path.isfile(name_or_path):
        raise ClassMappingError("'{name}' is neither a class mapping preset ({presets}) nor a mapping file",
                                name=name_or_path, presets=", ".join(PRESETS))
    try:
        if name_or_path.lower().endswith(".csv"):
            return _from_csv(name_or_path)
        with open(name_or_path, encoding="utf-8") as f:
            data = json.load(f)
        return ClassMapping(str(data.get("name") or os.path.basename(name_or_path)),
                            {int(v): (k or None) for v, k in dict(data["classes"]).items()},
                            {int(v): str(t) for v, t in dict(data.get("labels") or {}).items()})
    except ClassMappingError:
        raise
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ClassMappingError("{path}: not a readable class mapping ({exc}); expected JSON with a \"classes\" "
                                "object (value: category or null) or CSV rows value,category",
                                path=name_or_path, exc=Detail(str(exc) or type(exc).__name__)) from exc


def _from_csv(path: str) -> ClassMapping:
    classes, labels = {}, {}
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.reader(f):
            if not row or not row[0].strip() or row[0].strip().startswith("#"):
                continue
            if not row[0].strip().lstrip("-").isdigit():
                continue        # a header line
            value = int(row[0])
            key = row[1].strip() if len(row) > 1 else ""
            classes[value] = key if key and key.lower() not in ("null", "none", "background") else None
            if len(row) > 2 and row[2].strip():
                labels[value] = row[2].strip()
    if not classes:
        raise ClassMappingError("{path}: no rows value,category", path=path)
    return ClassMapping(os.path.basename(path), classes, labels)


def mapping_for_raster(path: str, given: Optional[str] = None, labels: Optional[Dict[int, str]] = None
                       ) -> ClassMapping:
    """The mapping of a land-cover raster: ``given`` (a preset or file); else a mapping file beside the raster
    (``<name>.classes.json`` or ``.csv``); else its class names (``labels``: a QGIS layer's style; a QGIS style
    ``<name>.qml`` beside it; GDAL category names), matched by keywords."""
    if given and given != "auto":
        return load_class_mapping(given)
    stem = os.path.splitext(path)[0]
    for beside in (stem + ".classes.json", stem + ".classes.csv"):
        if os.path.isfile(beside):
            return load_class_mapping(beside)
    if not any((labels or {}).values()):
        labels = _qml_labels(stem + ".qml") or _gdal_category_names(path)
    if labels:
        return mapping_from_labels(labels, os.path.basename(path))
    raise ClassMappingError("{path}: no class mapping for this land-cover raster. Give one (presets: {presets}, or "
                            "a JSON or CSV file of value,category), put {name}.classes.json beside it, or name "
                            "its classes (a QGIS style {name}.qml with class labels)", path=path,
                            presets=", ".join(PRESETS), name=os.path.basename(stem))


def _qml_labels(qml: str) -> Dict[int, str]:
    """Class labels of a QGIS paletted or unique-values raster style."""
    if not os.path.isfile(qml):
        return {}
    import xml.etree.ElementTree as ET
    try:
        root = ET.parse(qml).getroot()
    except (ET.ParseError, OSError):
        return {}
    labels = {}
    for entry in root.iter("paletteEntry"):
        try:
            labels[int(float(entry.get("value", "")))] = entry.get("label") or ""
        except ValueError:
            continue
    return labels if any(labels.values()) else {}


def _gdal_category_names(path: str) -> Dict[int, str]:
    try:
        from osgeo import gdal
        gdal.UseExceptions()
        ds = gdal.Open(path)
        names = ds.GetRasterBand(1).GetCategoryNames() or [] if ds is not None else []
    except Exception:  # noqa: BLE001 - a raster GDAL cannot open is reported when it is read
        return {}
    return {v: t for v, t in enumerate(names) if t}


def class_codes(values, table):
    """Category codes (uint8) of an array of class values through ``ClassMapping.lookup_table``; values outside the
    table (negative: no data) are background."""
    import numpy as np
    values = np.asarray(values)
    inside = (values >= 0) & (values < len(table))
    return np.where(inside, table[np.clip(values, 0, len(table) - 1)], 0).astype(np.uint8)
