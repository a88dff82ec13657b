"""Evaluate: trained models and untrained baselines on a tile store with ground truth; HTML report and CSV."""

from __future__ import annotations

import os
import shutil
import tempfile

from qgis.core import (
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
)

from ..core import choices
from ..translation import choice_labels
from .base import SEMANTIC_KEYS, CrossTimeAlgorithm, tr, translated

BASELINES = choices.keys(choices.BASELINES)


class EvaluateDescriptors(CrossTimeAlgorithm):
    BASELINES = "BASELINES"
    BEST_MAP5 = "BEST_MAP5"
    MODEL = "MODEL"
    MORE_MODELS = "MORE_MODELS"
    MORE_STORES = "MORE_STORES"
    OUTPUT_CSV = "OUTPUT_CSV"
    OUTPUT_HTML = "OUTPUT_HTML"
    SEMANTIC = "SEMANTIC"
    TILE_STORE = "TILE_STORE"
    VAL_STORE = "VAL_STORE"
    NAME = "evaluate"
    GROUP_ID = "descriptor"

    def displayName(self) -> str:
        return tr("Evaluate descriptors")

    def shortHelpString(self) -> str:
        return tr(
            "Scores trained models and the untrained baselines of the paper (ImageNet CNN with max or GeM pooling, "
            "a thumbnail; each on the visual image, the semantic image, their concatenation, early conv fusion and "
            "late fusion) on the same tiles, with map@5, recall@1 and recall@5. Each baseline's normalisation and "
            "distance are chosen on the validation tile store when one is given (never on the tiles scored), else fixed "
            "a priori. Rows that cannot apply (semantic rows on tiles without vector data) say n/a. "
            "Each new-date tile queries all old-date tiles; its true match is the same tile. Writes an HTML report "
            "(table in the paper's shape and a figure of example queries) and CSV files. Baselines whose ImageNet "
            "weights cannot be had on this machine are listed as not run."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFile(
                self.TILE_STORE,
                tr("Tile store with both dates (.ctstore folder)"),
                behavior=QgsProcessingParameterFile.Behavior.Folder,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(self.MORE_STORES, tr("More tile stores (paths separated by ;)"), optional=True)
        )
        self.addParameter(
            QgsProcessingParameterFile(
                self.VAL_STORE,
                tr("Validation tile store (chooses each baseline's normalisation and distance)"),
                behavior=QgsProcessingParameterFile.Behavior.Folder,
                optional=True,
            )
        )
        self.addParameter(QgsProcessingParameterFile(self.MODEL, tr("Model file"), extension="ctmodel", optional=True))
        self.addParameter(
            QgsProcessingParameterString(self.MORE_MODELS, tr("More model files (paths separated by ;)"), optional=True)
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.BASELINES,
                tr("Baselines"),
                options=choice_labels("BASELINES"),
                allowMultiple=True,
                defaultValue=[BASELINES.index(k) for k in choices.LIGHT_BASELINES[:2]],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.SEMANTIC,
                tr("Semantic image of the baselines"),
                options=choice_labels("SEMANTIC_MODES"),
                defaultValue=0,
            )
        )
        self.addParameter(QgsProcessingParameterFileDestination(self.OUTPUT_HTML, tr("Report"), fileFilter="HTML (*.html)"))
        self.addParameter(
            QgsProcessingParameterFileDestination(self.OUTPUT_CSV, tr("Table"), fileFilter="CSV (*.csv)", optional=True)
        )
        self.addOutput(QgsProcessingOutputNumber(self.BEST_MAP5, tr("Best map@5")))

    def work(self, parameters, context, feedback, progress):
        from ..core import jobs

        text = lambda name: self.parameterAsString(parameters, name, context) or ""
        stores = [self.parameterAsFile(parameters, self.TILE_STORE, context)] + [
            p.strip() for p in text(self.MORE_STORES).split(";") if p.strip()
        ]
        models = [
            m.strip()
            for m in [self.parameterAsFile(parameters, self.MODEL, context)] + text(self.MORE_MODELS).split(";")
            if m and m.strip()
        ]
        baselines = [BASELINES[i] for i in self.parameterAsEnums(parameters, self.BASELINES, context)]
        html_path = self.parameterAsFileOutput(parameters, self.OUTPUT_HTML, context)
        work = tempfile.mkdtemp(prefix="crosstime-eval-")
        try:
            request = jobs.EvaluationRequest(
                models=models,
                baselines=baselines,
                semantic_mode=SEMANTIC_KEYS[self.parameterAsEnum(parameters, self.SEMANTIC, context)],
                name=os.path.basename(stores[0]),
                html=html_path,
                validation_stores=[v for v in [self.parameterAsFile(parameters, self.VAL_STORE, context)] if v],
            )
            ev = jobs.evaluate_stores(stores, work, request, progress=progress)
            out = {self.OUTPUT_HTML: html_path}
            csv_path = self.parameterAsFileOutput(parameters, self.OUTPUT_CSV, context)
            if csv_path:
                shutil.copyfile(ev.files["csv"], csv_path)
                if "csv_validation" in ev.files:
                    shutil.copyfile(ev.files["csv_validation"], os.path.splitext(csv_path)[0] + "_validation.csv")
                out[self.OUTPUT_CSV] = csv_path
        finally:
            shutil.rmtree(work, ignore_errors=True)
        scored = [r["map@5"] for r in ev.rows if r.get("map@5") is not None]
        out[self.BEST_MAP5] = max(scored) if scored else None
        for line in ev.headline():
            feedback.pushInfo(translated(line))
        return out
