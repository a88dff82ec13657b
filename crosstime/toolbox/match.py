"""Match tiles: every new-date tile against an old-date index, into GeoPackage feature sinks."""

from __future__ import annotations

import json

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFile,
    QgsWkbTypes,
)

from ..compat_qt import FIELD_DOUBLE, FIELD_INT, FIELD_STRING
from ..core.choices import LINK_FIELDS, QUERY_FIELDS
from .base import CrossTimeAlgorithm, multiple_vectors, number, raster_param, tr, translated


def _fields(spec):
    f = QgsFields()
    types = {"str": FIELD_STRING, "int": FIELD_INT, "float": FIELD_DOUBLE}
    for name, t in spec:
        f.append(QgsField(name, types[t]))
    return f


class MatchTiles(CrossTimeAlgorithm):
    COUNT = "COUNT"
    INDEX = "INDEX"
    K = "K"
    LINES = "LINES"
    MAP5 = "MAP5"
    MODEL = "MODEL"
    NEW_ORTHO = "NEW_ORTHO"
    NEW_VECTORS = "NEW_VECTORS"
    NEW_CLASSES = "NEW_CLASSES"
    OUTPUT = "OUTPUT"
    NEIGHBOURHOOD = "NEIGHBOURHOOD"
    NAME = "match_tiles"
    GROUP_ID = "matching"

    def needs(self, parameters, context) -> tuple:
        """Without a model file, what made the index: Quick needs no network, the general model onnxruntime."""
        index = parameters.get(self.INDEX) if isinstance(parameters, dict) else None
        if parameters.get(self.MODEL) or not isinstance(index, str):
            return super().needs(parameters, context)
        from ..core.jobs.describer_choice import describer_named_by_index
        from ..core.retrieval.index import DescriptorIndex
        try:
            header = DescriptorIndex.header_of(index)
        except Exception:          # the run itself says what is wrong with the file
            return super().needs(parameters, context)
        return self.needs_of_model(describer_named_by_index(header.get("model_config"), header.get("model_fingerprint")))

    def displayName(self) -> str:
        return tr("Match tiles")

    def shortHelpString(self) -> str:
        return tr(
            "Describes every tile of the new ortho on the index's grid and finds its k best old-date tiles. Writes "
            "the query footprints with the best match id, the k match ids and scores, and the rank of the old tile "
            "that has the query's own id (the true match when both orthos are co-registered), plus an optional line "
            "layer from each query to its best match. Each candidate is judged with the tiles around it compared with "
            "the tiles around the query (3x3 by default; tiles missing at an edge or in nodata drop out). The model "
            "must be the one that built the index."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFile(self.INDEX, tr("Index of the old date"), extension="ctindex"))
        self.addParameter(
            QgsProcessingParameterFile(
                self.MODEL, tr("Model file (empty: untrained baseline)"), optional=True,
                fileFilter=tr("CrossTime model (*.ctmodel *.onnx)"),
            )
        )
        self.addParameter(raster_param(self.NEW_ORTHO, tr("New ortho")))
        self.addParameter(multiple_vectors(self.NEW_VECTORS, tr("Vector layers of the new date")))
        self.add_legend_params()
        self.add_class_params(((self.NEW_CLASSES, tr("Land-cover rasters of the new date")),))
        self.addParameter(number(self.K, tr("Matches per tile (k)"), 5, minimum=1, integer=True))
        self.addParameter(QgsProcessingParameterEnum(
            self.NEIGHBOURHOOD, tr("Judge each candidate with"),
            [tr("its 3x3 neighbourhood"), tr("its own tile only (the paper's protocol)"), tr("its 5x5 neighbourhood")],
            defaultValue=0))
        self.addParameter(
            QgsProcessingParameterFeatureSink(self.OUTPUT, tr("Matched tiles"), QgsProcessing.SourceType.TypeVectorPolygon)
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.LINES,
                tr("Lines from each tile to its best match"),
                QgsProcessing.SourceType.TypeVectorLine,
                optional=True,
                createByDefault=False,
            )
        )
        self.addOutput(QgsProcessingOutputNumber(self.MAP5, tr("map@5 against the same-id ground truth")))
        self.addOutput(QgsProcessingOutputNumber(self.COUNT, tr("Tiles matched")))

    def work(self, parameters, context, feedback, progress):
        from ..core import jobs
        from ..core.geo.grid import TileGrid
        from ..core.retrieval.bulk import match_features
        from ..core.retrieval.index import DescriptorIndex
        from ..core.retrieval.neighbourhood import Neighbourhood

        index_path = self.parameterAsFile(parameters, self.INDEX, context)
        grid_dict = DescriptorIndex.load(index_path).grid
        if not grid_dict:
            raise QgsProcessingException(
                tr("This index has no tile grid (built from an image folder); it cannot be matched against an ortho.")
            )
        area = TileGrid.from_dict(grid_dict)
        _layer, new = self.ortho_of(parameters, self.NEW_ORTHO, context, tr("new ortho"))
        layers = self.classes_of(parameters, self.NEW_CLASSES, context) + \
            self.vectors_of(parameters, self.NEW_VECTORS, context, feedback, area.bounds(), area.crs)
        bm, warnings = jobs.match_all_tiles(
            index_path,
            self.parameterAsFile(parameters, self.MODEL, context) or None,
            self.legend_of(parameters, context),
            new,
            new_vectors=layers,
            k=self.parameterAsInt(parameters, self.K, context),
            progress=progress,
            neighbourhood=Neighbourhood((3, 1, 5)[self.parameterAsEnum(parameters, self.NEIGHBOURHOOD, context)],
                                        Neighbourhood.default().aggregate),
        )
        for w in warnings:
            feedback.pushWarning(translated(w))
        queries, _, links = match_features(bm)
        crs = QgsCoordinateReferenceSystem(area.crs)
        sink, dest = self.parameterAsSink(parameters, self.OUTPUT, context, _fields(QUERY_FIELDS),
                                          QgsWkbTypes.Type.Polygon, crs)
        self._write(sink, queries, QUERY_FIELDS)
        s = bm.summary()
        out = {self.OUTPUT: dest, self.COUNT: len(queries), self.MAP5: s.get("map@5")}
        if parameters.get(self.LINES):
            lsink, ldest = self.parameterAsSink(
                parameters, self.LINES, context, _fields(LINK_FIELDS), QgsWkbTypes.Type.LineString, crs
            )
            if lsink is not None:
                self._write(lsink, links, LINK_FIELDS)
                out[self.LINES] = ldest
        if s:
            feedback.pushInfo(tr("against the same-id truth: map@5 {:.3f}, recall@1 {:.3f}").format(
                s["map@5"], s["recall@1"]))
        return out

    @staticmethod
    def _write(sink, feats, spec):
        fields = _fields(spec)
        for geom, attrs in feats:
            f = QgsFeature(fields)
            f.setGeometry(QgsGeometry.fromWkt(_wkt(geom)))
            f.setAttributes([attrs.get(n) for n, _ in spec])
            sink.addFeature(f, QgsFeatureSink.Flag.FastInsert)


def _wkt(geom: dict) -> str:
    from osgeo import ogr

    return ogr.CreateGeometryFromJson(json.dumps(geom)).ExportToWkt()
