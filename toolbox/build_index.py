"""Build descriptor index: describe every old-date tile with a model (or the untrained baseline)."""
from __future__ import annotations

from qgis.core import (QgsCoordinateReferenceSystem, QgsProcessingOutputNumber, QgsProcessingParameterFile,
                       QgsProcessingParameterFileDestination, QgsProcessingParameterString, QgsRectangle)

from .base import CrossTimeAlgorithm, multiple_vectors, number, raster_param, tr


class BuildDescriptorIndex(CrossTimeAlgorithm):
    NAME = "build_index"
    LABEL = "Build descriptor index"
    GROUP = "3. Matching"
    HELP = ("Describes the old-date tiles and writes an index file (descriptors, tile ids, footprints, CRS, grid and "
            "the model's fingerprint), atomically. Give either a tile store, or the old ortho (with the new ortho, "
            "whose overlap sets the grid) and the old vector layers. Without a model, an untrained ImageNet CNN is "
            "used. 'Shard i/n' describes only the i-th of n parts, for independent jobs; merge the parts with the "
            "command line (crosstime merge-index).")

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API)
        self.addParameter(QgsProcessingParameterFile("MODEL", tr("Model file (empty: untrained baseline)"),
                                                     extension="ctmodel", optional=True))
        self.addParameter(QgsProcessingParameterFile("TILE_STORE", tr("Tile store (instead of the layers below)"),
                                                     behavior=QgsProcessingParameterFile.Folder, optional=True))
        self.addParameter(raster_param("OLD_ORTHO", "Old ortho", optional=True))
        self.addParameter(raster_param("NEW_ORTHO", "New ortho (its overlap with the old one sets the grid)", optional=True))
        self.addParameter(multiple_vectors("OLD_VECTORS", "Vector layers of the old date"))
        self.add_legend_params()
        self.addParameter(number("TILE_SIZE", "Tile size (ground units)", 1000.0, minimum=1.0))
        self.addParameter(number("PIXELS", "Tile size in pixels", 256, minimum=32, integer=True))
        self.addParameter(QgsProcessingParameterString("SHARD", tr("Shard i/n (empty: everything)"), optional=True))
        self.addParameter(QgsProcessingParameterFileDestination("OUTPUT", tr("Index file"),
                                                                fileFilter="CrossTime index (*.ctindex)"))
        self.addOutput(QgsProcessingOutputNumber("COUNT", tr("Tiles indexed")))

    def work(self, parameters, context, feedback, progress):
        from ..core.dataset import grid_for_orthos
        from ..core.describer import make_describer
        from ..core.index import build_index, parse_shard
        from ..core.livetiles import LiveTiles
        from ..core.rasterize import SemanticRasterizer
        from ..core.tilestore import TileStore
        from ..core.tileset import TileSet
        model = self.parameterAsFile(parameters, "MODEL", context)
        shard_text = self.parameterAsString(parameters, "SHARD", context)
        shard = parse_shard(shard_text) if shard_text else (0, 1)
        out = self.parameterAsFileOutput(parameters, "OUTPUT", context)
        store_path = self.parameterAsFile(parameters, "TILE_STORE", context)
        if store_path:
            store = TileStore(store_path)
            legend = store.legend()
            tiles = TileSet([store], min_valid=0.0)
            describer = make_describer(model, legend, store.pixels)
            idx = build_index(describer, tiles, "a", shard, progress, {"tile_store": store_path})
        else:
            if not parameters.get("OLD_ORTHO") or not parameters.get("NEW_ORTHO"):
                from qgis.core import QgsProcessingException
                raise QgsProcessingException(tr("Give a tile store, or both orthos (old and new)."))
            old = self.raster_of(parameters, "OLD_ORTHO", context, "old ortho")
            new = self.raster_of(parameters, "NEW_ORTHO", context, "new ortho")
            crs = self.parameterAsRasterLayer(parameters, "NEW_ORTHO", context).crs()
            grid = grid_for_orthos(old, new, self.parameterAsDouble(parameters, "TILE_SIZE", context),
                                   self.parameterAsInt(parameters, "PIXELS", context),
                                   None if crs.isGeographic() else (crs.authid() or crs.toWkt()))
            legend = self.legend_of(parameters, context)
            layers = self.vectors_of(parameters, "OLD_VECTORS", context, feedback, QgsRectangle(*grid.bounds()),
                                     QgsCoordinateReferenceSystem(grid.crs))
            sem = SemanticRasterizer(layers, legend, grid.crs, grid.resolution, clip_to=grid.bounds())
            for w in sem.report.warnings():
                feedback.pushWarning(w)
            describer = make_describer(model, legend, grid.pixels)
            with LiveTiles(grid, {"a": old}, {"a": sem}) as tiles:
                idx = build_index(describer, tiles, "a", shard, progress, {"old_ortho": old, "new_ortho": new})
        progress.check()
        idx.save(out)
        feedback.pushInfo(f"{len(idx)} tiles described by {describer.label}")
        return {"OUTPUT": out, "COUNT": len(idx)}
