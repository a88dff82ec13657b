"""What every CrossTime algorithm shares: dependency check, feedback as core Progress, clear errors."""

from __future__ import annotations

import os
from typing import List

from qgis.core import (
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFile,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
)

from ..core import choices
from ..core.progress import Cancelled, Progress
from ..runtime import dependencies
from ..translation import choice_labels, missing_message, tr, translated
from ..user_guide import user_guide_url

GROUP_ICONS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "resources", "groups")

LEGEND_KEYS = choices.keys(choices.LEGEND_PRESETS)
SEMANTIC_KEYS = choices.keys(choices.SEMANTIC_MODES)
CLASS_MAPPING_KEYS = choices.keys(choices.CLASS_MAPPINGS)


def group_label(group_id: str) -> str:
    """The label of a group, in the user's language: one group per step of the pipeline."""
    return {"data": tr("1. Data"), "descriptor": tr("2. Descriptor"), "matching": tr("3. Matching"),
            "archive": tr("4. Archive")}[group_id]


def progress_of(feedback: QgsProcessingFeedback) -> Progress:
    """The core's Progress on ``feedback``: its log lines in the user's language."""
    f = feedback or QgsProcessingFeedback()
    return Progress(lambda frac, _m: f.setProgress(100.0 * frac), f.isCanceled, lambda m: f.pushInfo(translated(m)))


class CrossTimeAlgorithm(QgsProcessingAlgorithm):
    """Base class: translated names, group, help URL, and errors a GIS user understands.

    Each algorithm gives its ``displayName()`` and ``shortHelpString()`` as ``tr("literal")``."""

    NAME = ""
    GROUP_ID = ""  # data, descriptor, matching or archive (group_label)
    LEGEND = "LEGEND"
    GRID_CRS = "GRID_CRS"
    EXTENT = "EXTENT"
    MAPPING_FILE = "MAPPING_FILE"
    CLASS_MAPPING = "CLASS_MAPPING"
    CLASS_MAPPING_FILE = "CLASS_MAPPING_FILE"
    NEEDS = ("torch", "torchvision", "rasterio")

    def name(self) -> str:
        return self.NAME

    def group(self) -> str:
        return group_label(self.GROUP_ID)

    def groupId(self) -> str:
        return self.GROUP_ID

    def icon(self):
        """The icon of the algorithm's group (``resources/groups/<group>.svg``): the steps tell apart in the toolbox."""
        from qgis.PyQt.QtGui import QIcon
        return QIcon(os.path.join(GROUP_ICONS, f"{self.GROUP_ID}.svg"))

    def helpUrl(self) -> str:
        """The algorithm's row in the user guide shipped with the plugin (opened by the dialog's Help button)."""
        return user_guide_url(self.NAME)

    def createInstance(self):
        return type(self)()

    def needs(self, parameters, context) -> tuple:
        """The import names this run needs: an ONNX model describes tiles without torch."""
        return self.needs_of_model(parameters.get("MODEL") if isinstance(parameters, dict) else None)

    def needs_of_model(self, model) -> tuple:
        """What describing with ``model`` (a model file, or Quick or the general model) imports."""
        if model == choices.DESCRIBER_QUICK:
            return ("rasterio",)
        if isinstance(model, str) and (model.lower().endswith(".onnx") or model == choices.DESCRIBER_GENERAL):
            return ("onnxruntime", "rasterio")
        return self.NEEDS

    def prepareAlgorithm(self, parameters, context, feedback) -> bool:
        """On the main thread, before the run's own thread starts: PyTorch imported here when the run needs it (its
        first import in a background thread crashed the QGIS desktop, see runtime.dependencies.import_torch_here)."""
        if "torch" in self.needs(parameters, context):
            dependencies.import_torch_here()
        return super().prepareAlgorithm(parameters, context, feedback)

    def processAlgorithm(self, parameters, context, feedback):
        """Checks the dependencies, then calls the subclass's ``work(parameters, context, feedback, progress)``."""
        missing = dependencies.missing({n: "" for n in self.needs(parameters, context)})
        if missing:
            raise QgsProcessingException(missing_message(missing))
        try:
            return self.work(parameters, context, feedback, progress_of(feedback))
        except QgsProcessingException:
            raise
        except Cancelled:
            raise QgsProcessingException(tr("Cancelled by the user; no output was written.")) from None
        except OSError as exc:
            if getattr(exc, "errno", None) == 28:
                raise QgsProcessingException(
                    tr("The disk is full: {}. Free some space or choose another folder; nothing was left "
                       "half-written.").format(translated(exc))
                ) from exc
            raise QgsProcessingException(f"{type(exc).__name__}: {translated(exc)}") from exc
        except Exception as exc:  # the core's errors already say which input is wrong and what to do
            raise QgsProcessingException(translated(exc)) from exc

    # parameter helpers -------------------------------------------------------------------------
    def add_legend_params(self, optional_file: bool = True) -> None:
        self.addParameter(
            QgsProcessingParameterEnum(
                self.LEGEND,
                tr("Legend preset for the vector layers"),
                options=choice_labels("LEGEND_PRESETS"),
                defaultValue=LEGEND_KEYS.index(choices.DEFAULT_LEGEND),
            )
        )
        self.addParameter(
            QgsProcessingParameterFile(
                self.MAPPING_FILE, tr("Mapping file (JSON; overrides the preset)"), extension="json", optional=optional_file
            )
        )

    def legend_of(self, parameters, context):
        from ..core.geo.legend import load_legend

        path = self.parameterAsFile(parameters, self.MAPPING_FILE, context)
        if path:
            return load_legend(path)
        return load_legend(LEGEND_KEYS[self.parameterAsEnum(parameters, self.LEGEND, context)])

    def add_class_params(self, names_and_labels) -> None:
        """Land-cover rasters per date (``(name, label)`` pairs), and how their classes become categories."""
        for name, label in names_and_labels:
            self.addParameter(QgsProcessingParameterMultipleLayers(name, label, QgsProcessing.SourceType.TypeRaster,
                                                                   optional=True))
        self.addParameter(QgsProcessingParameterEnum(self.CLASS_MAPPING, tr("Classes of the land-cover rasters"),
                                                     options=choice_labels("CLASS_MAPPINGS"), defaultValue=0))
        self.addParameter(QgsProcessingParameterFile(
            self.CLASS_MAPPING_FILE, tr("Class mapping file (JSON or CSV value,category; overrides the choice above)"),
            optional=True))

    def classes_of(self, parameters, name: str, context) -> List:
        """The chosen land-cover rasters of one date, each with its class mapping."""
        from ..adapters.layers import ClassRasterReader, LayerError
        from ..core.errors import CrossTimeError

        layers = self.parameterAsLayerList(parameters, name, context) or []
        mapping = self.parameterAsFile(parameters, self.CLASS_MAPPING_FILE, context) or \
            CLASS_MAPPING_KEYS[self.parameterAsEnum(parameters, self.CLASS_MAPPING, context)]
        try:
            return [ClassRasterReader(layer, mapping).read() for layer in layers]
        except (LayerError, CrossTimeError) as exc:
            raise QgsProcessingException(translated(exc)) from exc

    def vectors_of(self, parameters, name: str, context, feedback, bounds, crs: str) -> List:
        """The chosen vector layers' features over ``bounds`` (in ``crs``), as plain data: files, WFS, any layer."""
        from qgis.core import QgsCoordinateReferenceSystem, QgsRectangle

        from ..adapters.layers import vector_layers_data

        layers = self.parameterAsLayerList(parameters, name, context) or []
        data = vector_layers_data(layers, QgsRectangle(*bounds), QgsCoordinateReferenceSystem(crs))
        for d in data:
            if not d.features:
                feedback.pushWarning(tr("vector layer '{}' has no features in the area").format(d.name))
        return data

    def ortho_of(self, parameters, name: str, context, role: str):
        """(the raster layer, what core reads it from): a file's path, or a reader of any layer QGIS draws (WMS,
        WMTS, XYZ: given as a layer of the project or as its source string, e.g. ``wms://url=...``)."""
        from ..adapters.layers import LayerError, ortho_source

        layer = self.parameterAsRasterLayer(parameters, name, context)
        try:
            return layer, ortho_source(layer, role)
        except LayerError as exc:
            raise QgsProcessingException(translated(exc)) from exc

    def add_grid_params(self, extent: bool = True) -> None:
        """The grid's CRS (empty: ground metres, chosen as in the dock) and the extent to tile (needed by web layers)."""
        from qgis.core import QgsProcessingParameterCrs, QgsProcessingParameterExtent

        self.addParameter(QgsProcessingParameterCrs(
            self.GRID_CRS, tr("Tile grid CRS (empty: a projected CRS in metres around the new ortho)"), optional=True))
        if extent:
            self.addParameter(QgsProcessingParameterExtent(
                self.EXTENT, tr("Limit to this extent (needed for web layers)"), optional=True))

    def grid_plan(self, parameters, context, old, new, tile_size: float, pixels: int, stride: float = 0.0):
        """(area to read vectors over, grid CRS, function making the grid) for the orthos ``old`` and ``new``, each
        (layer, source) from ``ortho_of``; ``old`` None tiles the new ortho alone."""
        from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject

        from ..adapters.layer_grid import bounds_of, grid_crs_for, lon_lat_centre, plan_grid
        from ..adapters.layers import LayerError, crs_string
        from ..core.errors import CrossTimeError
        from ..core.geo.ground_crs import AUTO

        new_layer, new_src = new
        old_layer, old_src = old if old is not None else (None, None)
        rect = None
        if parameters.get(self.EXTENT):
            rect = self.parameterAsExtent(parameters, self.EXTENT, context)
            rect_crs = self.parameterAsExtentCrs(parameters, self.EXTENT, context)
            rect_crs = rect_crs if rect_crs.isValid() else new_layer.crs()
        chosen = self.parameterAsCrs(parameters, self.GRID_CRS, context) if parameters.get(self.GRID_CRS) else None
        project = context.project() or QgsProject.instance()
        try:
            if rect is not None and not isinstance(new_src, str):
                centre = lon_lat_centre(bounds_of(rect), rect_crs, new_layer.name())
            else:
                centre = lon_lat_centre(bounds_of(new_layer.extent()), new_layer.crs(), new_layer.name())
            crs = grid_crs_for(centre, [new_layer.crs(), project.crs()],
                               crs_string(chosen) if chosen is not None and chosen.isValid() else AUTO)
            extent = None
            if rect is not None:
                dest = QgsCoordinateReferenceSystem(crs)
                if rect_crs != dest:
                    rect = QgsCoordinateTransform(rect_crs, dest, project).transformBoundingBox(rect)
                extent = bounds_of(rect)
            area, make_grid = plan_grid(old_layer, new_layer, old_src, new_src, crs, tile_size, pixels,
                                        within=extent, stride=stride, extent=extent)
        except (LayerError, CrossTimeError) as exc:
            raise QgsProcessingException(translated(exc)) from exc
        return area, crs, make_grid


# the helpers below take their label already translated: tr("literal") at the call
def multiple_vectors(name: str, label: str, optional: bool = True):
    return QgsProcessingParameterMultipleLayers(name, label, QgsProcessing.SourceType.TypeVectorAnyGeometry,
                                                optional=optional)


def raster_param(name: str, label: str, optional: bool = False):
    return QgsProcessingParameterRasterLayer(name, label, optional=optional)


def number(name: str, label: str, default, minimum=None, integer: bool = False, optional: bool = False):
    p = QgsProcessingParameterNumber(
        name,
        label,
        QgsProcessingParameterNumber.Type.Integer if integer else QgsProcessingParameterNumber.Type.Double,
        defaultValue=default,
        optional=optional,
    )
    if minimum is not None:
        p.setMinimum(minimum)
    return p
