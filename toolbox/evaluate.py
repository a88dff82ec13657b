"""Evaluate: trained models and untrained baselines on a tile store with ground truth; HTML report and CSV."""
from __future__ import annotations

import os
import shutil
import tempfile

from qgis.core import (QgsProcessingOutputNumber, QgsProcessingParameterEnum, QgsProcessingParameterFile,
                       QgsProcessingParameterFileDestination, QgsProcessingParameterString)

from .base import CrossTimeAlgorithm, tr

BASELINES = [("thumbnail", "flat", 0, "16x16 thumbnail"),
             ("efficientnet_lite0", "max", 0, "EfficientNet-Lite0 ImageNet + max pool (offline)"),
             ("efficientnet_lite0", "gem", 0, "EfficientNet-Lite0 ImageNet + GeM"),
             ("resnet50", "max", 512, "ResNet50 ImageNet + max pool at 512 px (paper Table 3)"),
             ("resnet50", "gem", 1024, "ResNet50 ImageNet + GeM at 1024 px (paper Table 4)")]


class EvaluateDescriptors(CrossTimeAlgorithm):
    NAME = "evaluate"
    LABEL = "Evaluate descriptors"
    GROUP = "2. Descriptor"
    HELP = ("Scores trained models and the untrained baselines of the paper (ImageNet CNN with max or GeM pooling, "
            "a thumbnail; each on the visual image, the semantic image, their concatenation, early conv fusion and "
            "late fusion; every normalisation and distance) on the same tiles, with map@5, recall@1 and recall@5. "
            "Each new-date tile queries all old-date tiles; its true match is the same tile. Writes an HTML report "
            "(table in the paper's shape and a figure of example queries) and CSV files. Baselines whose ImageNet "
            "weights cannot be had on this machine are listed as not run.")

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API)
        self.addParameter(QgsProcessingParameterFile("TILE_STORE", tr("Tile store with both dates (.ctstore folder)"),
                                                     behavior=QgsProcessingParameterFile.Folder))
        self.addParameter(QgsProcessingParameterString("MORE_STORES", tr("More tile stores (paths separated by ;)"),
                                                       optional=True))
        self.addParameter(QgsProcessingParameterFile("MODEL", tr("Model file"), extension="ctmodel", optional=True))
        self.addParameter(QgsProcessingParameterString("MORE_MODELS", tr("More model files (paths separated by ;)"),
                                                       optional=True))
        self.addParameter(QgsProcessingParameterEnum("BASELINES", tr("Baselines"), options=[b[3] for b in BASELINES],
                                                     allowMultiple=True, defaultValue=[0, 1], optional=True))
        self.addParameter(QgsProcessingParameterEnum("SEMANTIC", tr("Semantic image of the baselines"),
                                                     options=["RGB", "grey"], defaultValue=0))
        self.addParameter(QgsProcessingParameterFileDestination("OUTPUT_HTML", tr("Report"), fileFilter="HTML (*.html)"))
        self.addParameter(QgsProcessingParameterFileDestination("OUTPUT_CSV", tr("Table"), fileFilter="CSV (*.csv)",
                                                                optional=True))
        self.addOutput(QgsProcessingOutputNumber("BEST_MAP5", tr("Best map@5")))

    def work(self, parameters, context, feedback, progress):
        from ..core.baselines import BaselineSpec
        from ..core.evaluate import evaluate
        from ..core.report import html_report
        from ..core.tilestore import TileStore
        from ..core.tileset import TileSet
        store = TileStore(self.parameterAsFile(parameters, "TILE_STORE", context))
        more = [TileStore(p.strip()) for p in (self.parameterAsString(parameters, "MORE_STORES", context) or "").split(";")
                if p.strip()]
        tiles = TileSet([store] + more)
        models = [m for m in [self.parameterAsFile(parameters, "MODEL", context)] +
                  (self.parameterAsString(parameters, "MORE_MODELS", context) or "").split(";") if m and m.strip()]
        specs = [BaselineSpec(*BASELINES[i][:3]) for i in self.parameterAsEnums(parameters, "BASELINES", context)]
        html_path = self.parameterAsFileOutput(parameters, "OUTPUT_HTML", context)
        work = tempfile.mkdtemp(prefix="crosstime-eval-")
        try:
            footprint = store.grid.tile_size if store.grid else store.meta.get("tile_ground_size")
            ev = evaluate(tiles, store.legend(), work, [m.strip() for m in models], specs,
                          dataset_name=os.path.basename(store.path),
                          semantic_mode=["rgb", "grey"][self.parameterAsEnum(parameters, "SEMANTIC", context)],
                          progress=progress, footprint=f"{footprint:g} m" if footprint else None)
            html_report(ev.rows, ev.dataset, html_path, ev.files.get("figure", ""))
            out = {"OUTPUT_HTML": html_path}
            csv_path = self.parameterAsFileOutput(parameters, "OUTPUT_CSV", context)
            if csv_path:
                shutil.copyfile(ev.files["csv"], csv_path)
                shutil.copyfile(ev.files["csv_all"], os.path.splitext(csv_path)[0] + "_all_baselines.csv")
                out["OUTPUT_CSV"] = csv_path
        finally:
            shutil.rmtree(work, ignore_errors=True)
        scored = [r["map@5"] for r in ev.rows if r.get("map@5") is not None]
        out["BEST_MAP5"] = max(scored) if scored else None
        for line in ev.headline():
            feedback.pushInfo(line)
        return out
