"""The IGN Géoplateforme as a source: its historical ortho series (WMTS) and the BD TOPO themes the legend draws
(WFS), as QGIS data sources. The service addresses live in one setting (``crosstime/web_services``, JSON) that a user
can point at another WMTS/WFS or a local mirror; the tests point it at a QGIS Server on 127.0.0.1."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Tuple
from urllib.parse import quote

from ..errors import InputError

# (layer name, years): the Géoplateforme's ortho series, oldest first; the last is the current one
ORTHO_SERIES: Tuple[Tuple[str, str], ...] = (
    ("ORTHOIMAGERY.ORTHOPHOTOS1950-1965", "1950-1965"),
    ("ORTHOIMAGERY.ORTHOPHOTOS1980-1995", "1980-1995"),
    ("ORTHOIMAGERY.ORTHOPHOTOS2000-2005", "2000-2005"),
    ("ORTHOIMAGERY.ORTHOPHOTOS2006-2010", "2006-2010"),
    ("ORTHOIMAGERY.ORTHOPHOTOS2011-2015", "2011-2015"),
    ("ORTHOIMAGERY.ORTHOPHOTOS", "current"),
)
# BD TOPO v3 themes the bdtopo_v3 legend draws, as the WFS names them (after the prefix)
BDTOPO_THEMES: Tuple[str, ...] = ("batiment", "troncon_de_route", "troncon_de_voie_ferree", "surface_hydrographique",
                                  "zone_de_vegetation", "terrain_de_sport", "cimetiere")


@dataclass(frozen=True)
class WebServices:
    """Where the layers come from: WMTS capabilities, its Web Mercator matrix set, the WFS endpoint, the prefix of
    its feature types."""
    wmts: str = "https://data.geopf.fr/wmts?SERVICE=WMTS&REQUEST=GetCapabilities"
    matrix_set: str = "PM"
    style: str = "normal"
    wfs: str = "https://data.geopf.fr/wfs/ows"
    wfs_prefix: str = "BDTOPO_V3:"

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> WebServices:
        """The services of the setting's ``text``; empty: the Géoplateforme. Missing keys take its values."""
        if not text or not str(text).strip():
            return cls()
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise InputError("the setting crosstime/web_services is not JSON ({reason}); remove it to use the "
                             "Géoplateforme", reason=str(exc)) from None
        if not isinstance(data, dict):
            raise InputError("the setting crosstime/web_services must be a JSON object (wmts, matrix_set, wfs, "
                             "wfs_prefix)")
        known = set(cls.__dataclass_fields__)
        return cls(**{k: str(v) for k, v in data.items() if k in known})

    def wmts_source(self, layer: str, fmt: str = "image/jpeg") -> str:
        """A QGIS ``wms`` provider source of WMTS ``layer``, as QGIS's own dialog writes it."""
        # the matrix set's CRS: the Géoplateforme's PM is Web Mercator; a mirror's may be named by its EPSG code
        crs = self.matrix_set if self.matrix_set.upper().startswith("EPSG:") else "EPSG:3857"
        return (f"contextualWMSLegend=0&crs={crs}&dpiMode=7&featureCount=10&format={fmt}&layers={layer}"
                f"&styles={self.style}&tileMatrixSet={self.matrix_set}&url={quote(self.wmts, safe=':/')}")

    def wfs_source(self, theme: str, crs: str) -> str:
        """A QGIS ``WFS`` provider source of ``theme`` in ``crs``; its features are asked for over the area read only
        (the map's extent, the tiles'), never the whole of France."""
        return (f"pagingEnabled='true' preferCoordinatesForWfsT11='false' restrictToRequestBBOX='1' "
                f"srsname='{crs}' typename='{self.wfs_prefix}{theme}' url='{self.wfs}' version='auto'")
