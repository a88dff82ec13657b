"""Build descriptor index: describe every old-date tile with a model (or the untrained baseline)."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
)

from ..core import choices
from ..translation import choice_labels
from .base import CrossTimeAlgorithm, multiple_vectors, number, raster_param, tr, translated

DESCRIBER_KEYS = choices.keys(choices.INDEX_DESCRIBERS)


class BuildDescriptorIndex(CrossTimeAlgorithm):
    COUNT = "COUNT"
    DESCRIBER = "DESCRIBER"
    MODEL = "MODEL"
    NEW_ORTHO = "NEW_ORTHO"
    OLD_ORTHO = "OLD_ORTHO"
    OLD_VECTORS = "OLD_VECTORS"
    OLD_CLASSES = "OLD_CLASSES"
    NEW_HAS_VECTORS = "NEW_HAS_VECTORS"
    OUTPUT = "OUTPUT"
    PIXELS = "PIXELS"
    SHARD = "SHARD"
    TILE_SIZE = "TILE_SIZE"
    TILE_STORE = "TILE_STORE"
    NAME = "build_index"
    GROUP_ID = "matching"

    def displayName(self) -> str:
        return tr("Build descriptor index")

    def shortHelpString(self) -> str:
        return tr(
            "Describes the old-date tiles and writes an index file (descriptors, tile ids, footprints, CRS, grid and "
            "the model's fingerprint), atomically. Give either a tile store, or the old ortho (with the new ortho, "
            "whose overlap sets the grid) and the old vector layers. Without a model, an untrained ImageNet CNN is "
            "used. 'Shard i/n' describes only the i-th of n parts, for independent jobs; merge the parts with the "
            "command line (crosstime merge-index)."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFile(
                self.MODEL, tr("Model file (empty: untrained baseline)"), optional=True,
                fileFilter=tr("CrossTime model (*.ctmodel *.onnx)"),
            )
        )
        self.addParameter(QgsProcessingParameterEnum(self.DESCRIBER, tr("Describer"),
                                                     options=choice_labels("INDEX_DESCRIBERS"), defaultValue=0))
        self.addParameter(
            QgsProcessingParameterFile(
                self.TILE_STORE,
                tr("Tile store (instead of the layers below)"),
                behavior=QgsProcessingParameterFile.Behavior.Folder,
                optional=True,
            )
        )
        self.addParameter(raster_param(self.OLD_ORTHO, tr("Old ortho"), optional=True))
        self.addParameter(
            raster_param(self.NEW_ORTHO, tr("New ortho (its overlap with the old one sets the grid)"), optional=True)
        )
        self.addParameter(multiple_vectors(self.OLD_VECTORS, tr("Vector layers of the old date")))
        self.addParameter(QgsProcessingParameterBoolean(
            self.NEW_HAS_VECTORS, tr("The new date has vector layers too (else the map is left out of both dates)"),
            defaultValue=True))
        self.add_legend_params()
        self.add_class_params(((self.OLD_CLASSES, tr("Land-cover rasters of the old date")),))
        self.addParameter(number(self.TILE_SIZE, tr("Tile size (ground units)"), choices.DEFAULT_TILE_SIZE, minimum=1.0))
        self.addParameter(number(self.PIXELS, tr("Tile size in pixels"), choices.DEFAULT_PIXELS, minimum=32, integer=True))
        self.add_grid_params()
        self.addParameter(QgsProcessingParameterString(self.SHARD, tr("Shard i/n (empty: everything)"), optional=True))
        self.addParameter(
            QgsProcessingParameterFileDestination(self.OUTPUT, tr("Index file"),
                                                  fileFilter=tr("CrossTime index (*.ctindex)"))
        )
        self.addOutput(QgsProcessingOutputNumber(self.COUNT, tr("Tiles indexed")))

    def model_of(self, parameters, context):
        """The model file, else Quick or the shipped general model as the Describer says."""
        kind = DESCRIBER_KEYS[self.parameterAsEnum(parameters, self.DESCRIBER, context)]
        if kind != "file":
            return kind
        return self.parameterAsFile(parameters, self.MODEL, context) or None

    def needs(self, parameters, context) -> tuple:
        """Quick needs neither PyTorch nor onnxruntime; the general model needs onnxruntime."""
        kind = parameters.get(self.DESCRIBER) if isinstance(parameters, dict) else None
        if str(kind) in ("1", "2"):
            return self.needs_of_model(DESCRIBER_KEYS[int(kind)])
        return super().needs(parameters, context)

    def work(self, parameters, context, feedback, progress):
        from ..core import jobs
        from ..core.retrieval.index import parse_shard

        model = self.model_of(parameters, context)
        shard_text = self.parameterAsString(parameters, self.SHARD, context)
        shard = parse_shard(shard_text) if shard_text else (0, 1)
        out = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        store_path = self.parameterAsFile(parameters, self.TILE_STORE, context)
        if store_path:
            idx = jobs.build_index_from_store(store_path, out, model=model, shard=shard, progress=progress)
        else:
            if not parameters.get(self.OLD_ORTHO) or not parameters.get(self.NEW_ORTHO):
                raise QgsProcessingException(tr("Give a tile store, or both orthos (old and new)."))
            old = self.ortho_of(parameters, self.OLD_ORTHO, context, tr("old ortho"))
            new = self.ortho_of(parameters, self.NEW_ORTHO, context, tr("new ortho"))
            tile_size = self.parameterAsDouble(parameters, self.TILE_SIZE, context)
            pixels = self.parameterAsInt(parameters, self.PIXELS, context)
            area, crs, make_grid = self.grid_plan(parameters, context, old, new, tile_size, pixels)
            layers = self.classes_of(parameters, self.OLD_CLASSES, context) + \
                self.vectors_of(parameters, self.OLD_VECTORS, context, feedback, area, crs)
            idx, _grid, warnings = jobs.build_index_from_layers(
                out, old[1], new[1], layers, self.legend_of(parameters, context),
                jobs.IndexSettings(model=model, tile_size=tile_size, pixels=pixels, crs=crs, shard=shard,
                                   new_has_vectors=self.parameterAsBool(parameters, self.NEW_HAS_VECTORS, context)),
                grid=make_grid(), progress=progress)
            for w in warnings:
                feedback.pushWarning(translated(w))
        feedback.pushInfo(tr("{} tiles described by {}").format(len(idx), idx.meta.get("describer", "")))
        return {self.OUTPUT: out, self.COUNT: len(idx)}
