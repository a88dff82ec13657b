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
    MAPPING_FILE = "MAPPING_FILE"
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
        model = parameters.get("MODEL") if isinstance(parameters, dict) else None
        if isinstance(model, str) and model.lower().endswith(".onnx"):
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

    def vectors_of(self, parameters, name: str, context, feedback, area) -> List:
        """The chosen vector layers' features over the tiled ``area`` (a TileGrid), as plain data."""
        from qgis.core import QgsCoordinateReferenceSystem, QgsRectangle

        from ..adapters.layers import vector_layers_data

        layers = self.parameterAsLayerList(parameters, name, context) or []
        data = vector_layers_data(layers, QgsRectangle(*area.bounds()), QgsCoordinateReferenceSystem(area.crs))
        for d in data:
            if not d.features:
                feedback.pushWarning(tr("vector layer '{}' has no features in the area").format(d.name))
        return data

    def raster_of(self, parameters, name: str, context, role: str) -> str:
        from ..adapters.layers import LayerError, raster_path

        layer = self.parameterAsRasterLayer(parameters, name, context)
        try:
            return raster_path(layer, role)
        except LayerError as exc:
            raise QgsProcessingException(translated(exc)) from exc

    def projected_crs_of(self, parameters, name: str, context) -> str:
        """The CRS of a raster layer for the tile grid; a geographic one is refused (tiles are in metres)."""
        from ..adapters.layers import crs_string

        layer = self.parameterAsRasterLayer(parameters, name, context)
        crs = layer.crs()
        if crs.isGeographic():
            raise QgsProcessingException(
                tr(
                    "the layer '{}' ({}) is in a geographic CRS ({}), and the tile grid takes its CRS from the new "
                    "ortho: tiles need a projected CRS in metres. Reproject it first (Raster > Projections > Warp), "
                    "e.g. to EPSG:2154 (Lambert-93) in France or the UTM zone of the area; the command line can "
                    "instead choose the grid's CRS with --crs"
                ).format(layer.name(), layer.source(), crs.authid())
            )
        return crs_string(crs)


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
