"""Match tiles: every new-date tile against an old-date index, into GeoPackage feature sinks."""
from __future__ import annotations

import json

from qgis.core import (QgsCoordinateReferenceSystem, QgsFeature, QgsFeatureSink, QgsField, QgsFields, QgsGeometry,
                       QgsProcessing, QgsProcessingOutputNumber, QgsProcessingParameterFeatureSink,
                       QgsProcessingParameterFile, QgsRectangle, QgsWkbTypes)
from qgis.PyQt.QtCore import QVariant

from .base import CrossTimeAlgorithm, multiple_vectors, number, raster_param, tr


def _fields(spec):
    f = QgsFields()
    types = {"str": QVariant.String, "int": QVariant.Int, "float": QVariant.Double}
    for name, t in spec:
        f.append(QgsField(name, types[t]))
    return f


QUERY_FIELDS = [("query_id", "str"), ("best_id", "str"), ("best_score", "float"), ("match_ids", "str"),
                ("scores", "str"), ("same_id_rank", "int"), ("correct", "int")]
LINK_FIELDS = [("query_id", "str"), ("match_id", "str"), ("score", "float"), ("correct", "int")]


class MatchTiles(CrossTimeAlgorithm):
    NAME = "match_tiles"
    LABEL = "Match tiles"
    GROUP = "3. Matching"
    HELP = ("Describes every tile of the new ortho on the index's grid and finds its k best old-date tiles. Writes "
            "the query footprints with the best match id, the k match ids and scores, and the rank of the old tile "
            "that has the query's own id (the true match when both orthos are co-registered), plus an optional line "
            "layer from each query to its best match. The model must be the one that built the index.")

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API)
        self.addParameter(QgsProcessingParameterFile("INDEX", tr("Index of the old date"), extension="ctindex"))
        self.addParameter(QgsProcessingParameterFile("MODEL", tr("Model file (empty: untrained baseline)"),
                                                     extension="ctmodel", optional=True))
        self.addParameter(raster_param("NEW_ORTHO", "New ortho"))
        self.addParameter(multiple_vectors("NEW_VECTORS", "Vector layers of the new date"))
        self.add_legend_params()
        self.addParameter(number("K", "Matches per tile (k)", 5, minimum=1, integer=True))
        self.addParameter(QgsProcessingParameterFeatureSink("OUTPUT", tr("Matched tiles"), QgsProcessing.TypeVectorPolygon))
        self.addParameter(QgsProcessingParameterFeatureSink("LINES", tr("Lines from each tile to its best match"),
                                                            QgsProcessing.TypeVectorLine, optional=True,
                                                            createByDefault=False))
        self.addOutput(QgsProcessingOutputNumber("MAP5", tr("map@5 against the same-id ground truth")))
        self.addOutput(QgsProcessingOutputNumber("COUNT", tr("Tiles matched")))

    def work(self, parameters, context, feedback, progress):
        from ..core.batchmatch import match_features, match_tiles
        from ..core.describer import make_describer
        from ..core.grid import TileGrid
        from ..core.index import DescriptorIndex
        from ..core.livetiles import LiveTiles
        from ..core.rasterize import SemanticRasterizer
        index = DescriptorIndex.load(self.parameterAsFile(parameters, "INDEX", context))
        if not index.grid:
            from qgis.core import QgsProcessingException
            raise QgsProcessingException(tr("This index has no tile grid (built from an image folder); "
                                            "it cannot be matched against an ortho."))
        grid = TileGrid.from_dict(index.grid)
        legend = self.legend_of(parameters, context)
        describer = make_describer(self.parameterAsFile(parameters, "MODEL", context), legend, grid.pixels,
                                   index.model_config.get("semantic_mode", "rgb"))
        index.check_model(describer.fingerprint, "the index")
        new = self.raster_of(parameters, "NEW_ORTHO", context, "new ortho")
        layers = self.vectors_of(parameters, "NEW_VECTORS", context, feedback, QgsRectangle(*grid.bounds()),
                                 QgsCoordinateReferenceSystem(grid.crs))
        sem = SemanticRasterizer(layers, legend, grid.crs, grid.resolution, clip_to=grid.bounds())
        for w in sem.report.warnings():
            feedback.pushWarning(w)
        k = self.parameterAsInt(parameters, "K", context)
        with LiveTiles(grid, {"b": new}, {"b": sem}) as tiles:
            bm = match_tiles(describer, index, tiles, k, progress=progress)
        queries, _, links = match_features(bm)
        crs = QgsCoordinateReferenceSystem(grid.crs)
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, _fields(QUERY_FIELDS), QgsWkbTypes.Polygon, crs)
        self._write(sink, queries, QUERY_FIELDS)
        out = {"OUTPUT": dest, "COUNT": len(queries), "MAP5": bm.summary().get("map@5")}
        if parameters.get("LINES"):
            lsink, ldest = self.parameterAsSink(parameters, "LINES", context, _fields(LINK_FIELDS),
                                                QgsWkbTypes.LineString, crs)
            if lsink is not None:
                self._write(lsink, links, LINK_FIELDS)
                out["LINES"] = ldest
        s = bm.summary()
        if s:
            feedback.pushInfo(f"against the same-id truth: map@5 {s['map@5']:.3f}, recall@1 {s['recall@1']:.3f}")
        return out

    @staticmethod
    def _write(sink, feats, spec):
        fields = _fields(spec)
        for geom, attrs in feats:
            f = QgsFeature(fields)
            f.setGeometry(QgsGeometry.fromWkt(_wkt(geom)))
            f.setAttributes([attrs.get(n) for n, _ in spec])
            sink.addFeature(f, QgsFeatureSink.FastInsert)


def _wkt(geom: dict) -> str:
    from osgeo import ogr
    return ogr.CreateGeometryFromJson(json.dumps(geom)).ExportToWkt()
