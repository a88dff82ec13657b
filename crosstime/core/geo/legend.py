"""The semantic legend of the paper (Table 1) and the presets that map real vector sources onto it.

A legend is a list of categories (code, colour, grey level, draw order) plus mapping rules: each rule
says which layer (a glob on the layer name), which attribute values (optional) and which category.
The first rule that matches a feature wins. Presets exist for IGN BD TOPO v2 (2004-era shapefiles),
BD TOPO v3 and OpenStreetMap; users can write their own as a JSON mapping file.
"""
from __future__ import annotations

import fnmatch
import functools
import json
import unicodedata
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from dataclasses import field as dc_field
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

import numpy as np

from ..errors import CrossTimeError
from ..messages import Detail, Joined, Message


class LegendError(CrossTimeError, ValueError):
    """A mapping file or legend description is malformed."""


@dataclass(frozen=True)
class Category:
    code: int                 # value in the semantic index raster; 0 is the background
    key: str
    label: str
    rgb: Tuple[int, int, int]
    order: int                # draw order: higher is drawn later, on top
    default_width: float = 0.0   # ground units, for lines and points when no attribute gives one


# Paper, Table 1 (colours verbatim). Draw order: large areas first, then networks, then buildings,
# with the rare remarkable buildings last so that a church is never hidden by a generic building.
CATEGORIES: Tuple[Category, ...] = (
    Category(1, "road", "road", (255, 165, 0), 5, 6.0),
    Category(2, "church", "church or chapel", (255, 255, 0), 8, 10.0),
    Category(3, "tower", "tower or keep", (165, 42, 42), 8, 8.0),
    Category(4, "fort", "fort or blockhouse", (128, 128, 128), 8, 10.0),
    Category(5, "castle", "castle", (0, 0, 0), 8, 15.0),
    Category(6, "building", "undifferentiated building", (255, 0, 0), 7, 8.0),
    Category(7, "water", "water surface", (0, 0, 255), 2, 4.0),
    Category(8, "sports", "sports ground", (138, 43, 226), 3, 10.0),
    Category(9, "cemetery", "cemetery", (75, 0, 130), 3, 10.0),
    Category(10, "vegetation", "vegetation", (0, 255, 0), 1, 5.0),
    Category(11, "airport", "airport or airfield", (95, 2, 31), 2, 30.0),
    Category(12, "railway", "railway", (255, 0, 255), 6, 5.0),
)
BACKGROUND_RGB = (0, 0, 0)
# Grey variant: ITU-R 601 luma of each colour, as a colour-to-grey conversion gives, floored at 40 so
# that every feature stays brighter than the background (the paper's intent for the grey mask; the
# castle's black would otherwise vanish).
GREY_FLOOR = 40


def grey_level(rgb: Tuple[int, int, int]) -> int:
    r, g, b = rgb
    return max(GREY_FLOOR, int(round(0.299 * r + 0.587 * g + 0.114 * b)))


def normalise_text(v) -> str:
    """Lower case, no accents, single spaces: 'Église ' and 'eglise' compare equal."""
    try:
        return _normalised(v)
    except TypeError:                  # an unhashable value (a list field): not remembered
        return _normalise(v)


def _normalise(v) -> str:
    s = unicodedata.normalize("NFKD", str(v)).encode("ascii", "ignore").decode("ascii")
    return " ".join(s.lower().split())


# a layer's features share a handful of values ("Indifférenciée"), tested against every rule: each is normalised once
_normalised = functools.lru_cache(maxsize=8192)(_normalise)


@dataclass
class Rule:
    category: str
    layer: str = "*"                           # glob on the layer name, case and accent insensitive
    field: Optional[str] = None                # attribute to test; None: every feature of the layer
    values: Optional[List[str]] = None         # globs on the attribute value; None: any non-empty value
    exclude: Optional[List[str]] = None        # values that never match (e.g. OSM building=no)
    width_fields: List[str] = dc_field(default_factory=list)   # attributes holding a width in ground units

    def matches_layer(self, layer_name: str) -> bool:
        """Whatever the case; a web service's name with its namespace (WFS ``BDTOPO_V3:batiment``) matches too."""
        pattern = normalise_text(self.layer)
        name = normalise_text(layer_name)
        return fnmatch.fnmatchcase(name, pattern) or (":" in name and fnmatch.fnmatchcase(name.rsplit(":", 1)[1],
                                                                                          pattern))

    def matches(self, props: dict) -> bool:
        if self.field is None:
            return True
        value = _get_ci(props, self.field)
        if value is None or str(value).strip() == "":
            return False
        v = normalise_text(value)
        if self.exclude and any(fnmatch.fnmatchcase(v, normalise_text(x)) for x in self.exclude):
            return False
        if self.values is None:
            return True
        return any(fnmatch.fnmatchcase(v, normalise_text(x)) for x in self.values)

    def width(self, props: dict) -> Optional[float]:
        for name in self.width_fields:
            w = _to_float(_get_ci(props, name))
            if w is not None and w > 0:
                return w
        return None


def _get_ci(props: dict, name: str):
    if name in props:
        return props[name]
    low = name.lower()
    for k, v in props.items():
        if k.lower() == low:
            return v
    return None


def _to_float(v) -> Optional[float]:
    if v is None:
        return None
    try:
        return float(str(v).replace(",", ".").split()[0])
    except (ValueError, IndexError):
        return None


@dataclass
class MappingReport:
    """What a legend did with a set of layers: nothing unmapped goes unnoticed."""
    mapped: Dict[str, Counter] = dc_field(default_factory=lambda: defaultdict(Counter))        # layer -> category counts
    unmapped_layers: Dict[str, int] = dc_field(default_factory=dict)                           # layer -> feature count
    # layer -> "FIELD=value" counts
    unmapped_values: Dict[str, Counter] = dc_field(default_factory=lambda: defaultdict(Counter))
    empty_layers: List[str] = dc_field(default_factory=list)
    # layer -> [(feature, reason)]: geometries that could not be read, reprojected or drawn, skipped
    bad_features: Dict[str, List[Tuple[str, str]]] = dc_field(default_factory=lambda: defaultdict(list))
    # land-cover raster -> pixel counts of class values its mapping does not know (drawn as background)
    unmapped_classes: Dict[str, Counter] = dc_field(default_factory=lambda: defaultdict(Counter))

    def merge(self, other: MappingReport) -> None:
        """Add ``other``'s findings (another part of the same date's map)."""
        for mine, theirs in ((self.mapped, other.mapped), (self.unmapped_values, other.unmapped_values),
                             (self.unmapped_classes, other.unmapped_classes)):
            for name, counts in theirs.items():
                mine[name].update(counts)
        self.unmapped_layers.update(other.unmapped_layers)
        self.empty_layers.extend(other.empty_layers)
        for name, bad in other.bad_features.items():
            self.bad_features[name].extend(bad)

    def warnings(self) -> List[str]:
        """What the user should know, as :class:`Message` s (English as str, translated by the interface)."""
        out: List[str] = []
        for name in self.empty_layers:
            out.append(Message("layer '{name}' has no features", name=name))
        for name, bad in self.bad_features.items():
            if not bad:
                continue
            shown = Joined("; ", [Message("{feature}: {reason}", feature=label, reason=reason) for label, reason in bad[:5]])
            more = Message("; and {n} more", n=len(bad) - 5) if len(bad) > 5 else ""
            out.append(Message("layer '{name}': {n} feature(s) with a broken geometry skipped, not drawn ({shown}{more}); "
                               "repair them (QGIS: Vector > Geometry Tools > Fix Geometries) to draw them", name=name,
                               n=len(bad), shown=shown, more=more))
        for name, n in self.unmapped_layers.items():
            out.append(Message("layer '{name}' ({n} features) matches no category of the legend and is not drawn",
                               name=name, n=n))
        for name, c in self.unmapped_values.items():
            top = ", ".join(f"{k} ({v})" for k, v in c.most_common(5))
            out.append(Message("layer '{name}': {n} features with values that map to no category are not drawn: {top}",
                               name=name, n=sum(c.values()), top=top))
        for name, c in self.unmapped_classes.items():
            mapped = sum(self.mapped.get(name, Counter()).values())
            share = sum(c.values()) / max(1, mapped + sum(c.values()))
            top = ", ".join(str(k) for k, _ in c.most_common(8))
            out.append(Message("land-cover raster '{name}': classes {top} ({share:.0%} of its pixels) are in no class "
                               "mapping and are left as background; add them to the mapping to draw them",
                               name=name, top=top, share=share))
        return out

    def to_dict(self) -> dict:
        return {"mapped": {k: dict(v) for k, v in self.mapped.items()},
                "unmapped_layers": dict(self.unmapped_layers),
                "unmapped_values": {k: dict(v) for k, v in self.unmapped_values.items()},
                "unmapped_classes": {k: dict(v) for k, v in self.unmapped_classes.items()},
                "empty_layers": list(self.empty_layers),
                "bad_features": {k: [{"feature": f, "reason": r} for f, r in v[:100]] for k, v in self.bad_features.items()},
                "bad_feature_counts": {k: len(v) for k, v in self.bad_features.items()}}


@dataclass
class Legend:
    name: str
    rules: List[Rule]
    categories: Tuple[Category, ...] = CATEGORIES

    def __post_init__(self):
        keys = {c.key for c in self.categories}
        for r in self.rules:
            if r.category not in keys:
                raise LegendError("legend '{name}': unknown category '{category}' "
                                  "(known: {keys})", name=self.name, category=r.category, keys=", ".join(sorted(keys)))
        self._by_key = {c.key: c for c in self.categories}

    def category(self, key: str) -> Category:
        return self._by_key[key]

    def rules_for_layer(self, layer_name: str) -> List[Rule]:
        return [r for r in self.rules if r.matches_layer(layer_name)]

    def classify(self, layer_name: str, props: dict, rules: Optional[Sequence[Rule]] = None
                 ) -> Optional[Tuple[Category, Optional[float]]]:
        """(category, width or None) of a feature, or None when no rule applies."""
        for r in (rules if rules is not None else self.rules_for_layer(layer_name)):
            if r.matches(props):
                return self._by_key[r.category], r.width(props)
        return None

    # lookup tables for turning a code raster into pixels ----------------------------------------
    def rgb_lut(self) -> np.ndarray:
        lut = np.zeros((256, 3), np.uint8)
        lut[0] = BACKGROUND_RGB
        for c in self.categories:
            lut[c.code] = c.rgb
        return lut

    def grey_lut(self) -> np.ndarray:
        lut = np.zeros(256, np.uint8)
        for c in self.categories:
            lut[c.code] = grey_level(c.rgb)
        return lut

    def to_dict(self) -> dict:
        return {"name": self.name, "rules": [_rule_dict(r) for r in self.rules],
                "categories": [asdict(c) for c in self.categories]}

    @classmethod
    def from_dict(cls, d: dict) -> Legend:
        if not isinstance(d, dict) or "rules" not in d:
            raise LegendError("a mapping must be a JSON object with a 'rules' list")
        rules = []
        for k, rd in enumerate(d["rules"]):
            if not isinstance(rd, dict) or "category" not in rd:
                raise LegendError("rule {rule}: needs at least a 'category'", rule=k + 1)
            unknown = set(rd) - {"category", "layer", "field", "values", "exclude", "width_fields"}
            if unknown:
                raise LegendError("rule {rule}: unknown keys {unknown}", rule=k + 1, unknown=sorted(unknown))
            rules.append(Rule(category=rd["category"], layer=rd.get("layer", "*"), field=rd.get("field"),
                              values=_as_list(rd.get("values")), exclude=_as_list(rd.get("exclude")),
                              width_fields=_as_list(rd.get("width_fields")) or []))
        return cls(name=str(d.get("name", "custom")), rules=rules)

    def report(self, layers: Iterable[Tuple[str, Iterable[dict]]]) -> MappingReport:
        """Classify every feature's attributes of (layer name, attribute dicts) without drawing anything."""
        rep = MappingReport()
        for name, props_list in layers:
            rules = self.rules_for_layer(name)
            n = 0
            for props in props_list:
                n += 1
                hit = self.classify(name, props, rules) if rules else None
                if hit:
                    rep.mapped[name][hit[0].key] += 1
                elif rules:
                    rep.unmapped_values[name][value_text(props, rules)] += 1
            if n == 0:
                rep.empty_layers.append(name)
            elif not rules:
                rep.unmapped_layers[name] = n
        return rep


def value_text(props: dict, rules: Sequence[Rule]) -> str:
    fields = [r.field for r in rules if r.field]
    for f in fields:
        v = _get_ci(props, f)
        if v not in (None, ""):
            return f"{f}={v}"
    return f"{fields[0]}=<empty>" if fields else "<no attribute>"


def _as_list(v) -> Optional[List[str]]:
    if v is None:
        return None
    if isinstance(v, str):
        return [v]
    return [str(x) for x in v]


def _rule_dict(r: Rule) -> dict:
    d = {"category": r.category, "layer": r.layer}
    if r.field:
        d["field"] = r.field
    if r.values is not None:
        d["values"] = list(r.values)
    if r.exclude:
        d["exclude"] = list(r.exclude)
    if r.width_fields:
        d["width_fields"] = list(r.width_fields)
    return d


# presets -------------------------------------------------------------------------------------------
def _bdtopo_v2() -> Legend:
    rule = Rule
    special = "BATI_REMARQUABLE"
    return Legend("bdtopo_v2", [
        rule("church", special, "NATURE", ["eglise*", "chapelle*"]),
        rule("tower", special, "NATURE", ["tour*", "donjon*", "*moulin*"]),
        rule("fort", special, "NATURE", ["fort*", "*blockhaus*", "*casemate*"]),
        rule("castle", special, "NATURE", ["chateau*"]),
        rule("building", special),
        rule("building", "BATI_INDIFFERENCIE"),
        rule("building", "BATI_INDUSTRIEL"),
        rule("building", "CONSTRUCTION_LEGERE"),
        rule("road", "ROUTE*", width_fields=["LARGEUR"]),
        rule("road", "CHEMIN", width_fields=["LARGEUR"]),
        rule("water", "SURFACE_EAU"),
        rule("water", "RESERVOIR_EAU"),
        rule("vegetation", "ZONE_VEGETATION"),
        rule("sports", "TERRAIN_SPORT"),
        rule("cemetery", "CIMETIERE"),
        rule("railway", "TRONCON_VOIE_FERREE"),
        rule("airport", "PISTE_AERODROME"),
    ])


def _bdtopo_v3() -> Legend:
    rule = Rule
    return Legend("bdtopo_v3", [
        rule("church", "BATIMENT", "NATURE", ["eglise*", "chapelle*"]),
        rule("tower", "BATIMENT", "NATURE", ["tour*", "donjon*", "*moulin*"]),
        rule("fort", "BATIMENT", "NATURE", ["fort*", "*blockhaus*", "*casemate*"]),
        rule("castle", "BATIMENT", "NATURE", ["chateau*"]),
        rule("building", "BATIMENT"),
        rule("church", "CONSTRUCTION_PONCTUELLE", "NATURE", ["clocher", "eglise*", "chapelle*"]),
        rule("tower", "CONSTRUCTION_PONCTUELLE", "NATURE", ["tour*", "donjon*", "*moulin*"]),
        rule("road", "TRONCON_DE_ROUTE", width_fields=["LARGEUR_DE_CHAUSSEE", "LARGEUR"]),
        rule("road", "ROUTE_NUMEROTEE_OU_NOMMEE", width_fields=["LARGEUR_DE_CHAUSSEE"]),
        rule("road", "EQUIPEMENT_DE_TRANSPORT", "NATURE", ["parking*", "aire de*", "*peage*"]),
        rule("water", "SURFACE_HYDROGRAPHIQUE"),
        rule("water", "PLAN_D_EAU"),
        rule("water", "RESERVOIR", "NATURE", ["*eau*", "bassin*"]),
        rule("vegetation", "ZONE_DE_VEGETATION"),
        rule("sports", "TERRAIN_DE_SPORT"),
        rule("cemetery", "CIMETIERE"),
        rule("railway", "TRONCON_DE_VOIE_FERREE"),
        rule("airport", "AERODROME"),
        rule("airport", "PISTE_D_AERODROME"),
    ])


def _osm() -> Legend:
    rule = Rule
    no = ["no", "none", "0", "false"]
    return Legend("osm", [
        rule("church", "*", "building", ["church", "chapel", "cathedral"]),
        rule("church", "*", "amenity", ["place_of_worship"]),
        rule("castle", "*", "historic", ["castle", "manor", "palace"]),
        rule("castle", "*", "building", ["castle"]),
        rule("fort", "*", "military", ["bunker"]),
        rule("fort", "*", "building", ["bunker"]),
        rule("fort", "*", "historic", ["fort"]),
        rule("tower", "*", "man_made", ["tower", "windmill"]),
        rule("tower", "*", "building", ["tower"]),
        rule("building", "*", "building", exclude=no),
        rule("airport", "*", "aeroway", ["aerodrome", "runway", "taxiway", "apron", "helipad"]),
        rule("railway", "*", "railway", ["rail", "light_rail", "narrow_gauge", "tram", "subway", "preserved"],
          width_fields=["width"]),
        rule("road", "*", "highway", exclude=["proposed", "construction", "abandoned", "razed"],
          width_fields=["width", "est_width"]),
        rule("water", "*", "natural", ["water", "bay"]),
        rule("water", "*", "water"),
        rule("water", "*", "waterway", ["riverbank", "dock", "canal"]),
        rule("water", "*", "landuse", ["reservoir", "basin"]),
        rule("cemetery", "*", "landuse", ["cemetery"]),
        rule("cemetery", "*", "amenity", ["grave_yard"]),
        rule("sports", "*", "leisure", ["pitch", "sports_centre", "stadium", "track", "golf_course"]),
        rule("vegetation", "*", "landuse", ["forest", "meadow", "grass", "orchard", "vineyard", "village_green",
                                        "recreation_ground"]),
        rule("vegetation", "*", "natural", ["wood", "scrub", "heath", "grassland", "wetland"]),
        rule("vegetation", "*", "leisure", ["park", "garden", "nature_reserve"]),
    ])


PRESETS = {"bdtopo_v2": _bdtopo_v2, "bdtopo_v3": _bdtopo_v3, "osm": _osm}


def load_legend(name_or_path: str) -> Legend:
    """A preset by name (bdtopo_v2, bdtopo_v3, osm) or a JSON mapping file."""
    if name_or_path in PRESETS:
        return PRESETS[name_or_path]()
    try:
        with open(name_or_path, encoding="utf-8") as f:
            data = json.load(f)
    except FileNotFoundError:
        raise LegendError("'{name_or_path}' is neither a legend preset ({presets}) nor a mapping file",
                          name_or_path=name_or_path, presets=", ".join(PRESETS)) from None
    except (OSError, json.JSONDecodeError) as exc:
        raise LegendError("{name_or_path}: not a readable JSON mapping file ({exc})",
                          name_or_path=name_or_path, exc=Detail(str(exc))) from exc
    return Legend.from_dict(data)


def write_mapping_file(legend: Legend, path: str) -> None:
    """Write a legend's rules as a JSON mapping file, a starting point for a user's own."""
    d = legend.to_dict()
    d.pop("categories")
    d["categories_available"] = {c.key: c.label for c in legend.categories}
    with open(path, "w", encoding="utf-8") as f:
        json.dump(d, f, indent=1, ensure_ascii=False)
