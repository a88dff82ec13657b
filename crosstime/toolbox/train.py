"""Train cross-time descriptor: the paper's siamese network (or a comparison recipe) on tile stores."""

from __future__ import annotations

import os

from qgis.core import (
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
)

from ..core import choices
from ..translation import choice_labels
from .base import SEMANTIC_KEYS, CrossTimeAlgorithm, number, tr

RECIPES = choices.keys(choices.RECIPES)
WEIGHTS = choices.keys(choices.WEIGHTS)


class TrainDescriptor(CrossTimeAlgorithm):
    BACKBONE = "BACKBONE"
    BATCH = "BATCH"
    BEST_EPOCH = "BEST_EPOCH"
    BEST_MAP5 = "BEST_MAP5"
    DEVICE = "DEVICE"
    DIM = "DIM"
    EPOCHS = "EPOCHS"
    HARD_EVERY = "HARD_EVERY"
    LR = "LR"
    LR_BACKBONE = "LR_BACKBONE"
    MAX_MINUTES = "MAX_MINUTES"
    MORE_TRAIN_STORES = "MORE_TRAIN_STORES"
    OUTPUT_LOG = "OUTPUT_LOG"
    OUTPUT_MODEL = "OUTPUT_MODEL"
    OUTPUT_ONNX = "OUTPUT_ONNX"
    OUTPUT_PLOT = "OUTPUT_PLOT"
    RECIPE = "RECIPE"
    SEED = "SEED"
    SEMANTIC = "SEMANTIC"
    TRAIN_STORE = "TRAIN_STORE"
    VAL_STORE = "VAL_STORE"
    WEIGHTS = "WEIGHTS"
    WEIGHTS_FILE = "WEIGHTS_FILE"
    NAME = "train_descriptor"
    GROUP_ID = "descriptor"

    def displayName(self) -> str:
        return tr("Train cross-time descriptor")

    def shortHelpString(self) -> str:
        return tr(
            "Trains the multimodal descriptor on tile stores. The paper's recipe: a siamese network whose branch is "
            "fusion stem (eq. 4) + backbone + C1-C3 + fully connected layer to R dimensions, trained with binary "
            "cross-entropy on pairs, half random and half hard (hard = map@5 below 0.5, recomputed every few epochs). "
            "The best epoch by validation map@5 is kept in the model file. Without a validation store, the eastern "
            "fifth of the training area (or a fifth of the scenes) is held out. A training log (CSV) and a plot of loss "
            "and map@5 per epoch are written. On a CPU, keep the default CPU recipe (InfoNCE, EfficientNet-Lite0 from its "
            "ImageNet weights joined with a thumbnail of the image) and a time budget."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFile(
                self.TRAIN_STORE, tr("Training tile store (.ctstore folder)"),
                behavior=QgsProcessingParameterFile.Behavior.Folder,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.MORE_TRAIN_STORES, tr("More training stores (paths separated by ;)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFile(
                self.VAL_STORE,
                tr("Validation tile store (optional)"),
                behavior=QgsProcessingParameterFile.Behavior.Folder,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.RECIPE,
                tr("Recipe"),
                options=choice_labels("RECIPES"),
                defaultValue=RECIPES.index(choices.DEFAULT_RECIPE),
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.BACKBONE, tr("Backbone"), options=list(choices.BACKBONES),
                defaultValue=choices.BACKBONES.index(choices.DEFAULT_BACKBONE),
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.WEIGHTS, tr("Pretrained weights"), options=choice_labels("WEIGHTS"),
                defaultValue=WEIGHTS.index(choices.DEFAULT_WEIGHTS),
            )
        )
        self.addParameter(
            QgsProcessingParameterFile(
                self.WEIGHTS_FILE, tr("Local weights file (overrides the choice above)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.DIM,
                tr("Descriptor size R"),
                options=choices.labels(choices.DESCRIPTOR_SIZES),
                defaultValue=choices.DESCRIPTOR_SIZES.index(256),
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.SEMANTIC, tr("Semantic image"), options=choice_labels("SEMANTIC_MODES"), defaultValue=0
            )
        )
        self.addParameter(number(self.EPOCHS, tr("Epochs (0: the recipe's)"), 0, minimum=0, integer=True))
        self.addParameter(number(self.LR, tr("Learning rate of the new layers (0: the recipe's)"), 0.0, minimum=0.0))
        self.addParameter(
            number(
                self.LR_BACKBONE, tr("Learning rate of the backbone (0: a tenth of the above when pretrained)"), 0.0,
                minimum=0.0,
            )
        )
        self.addParameter(number(self.BATCH, tr("Pairs per batch (0: the recipe's)"), 0, minimum=0, integer=True))
        self.addParameter(number(self.HARD_EVERY, tr("Epochs between hard-mining passes"), 5, minimum=1, integer=True))
        self.addParameter(number(self.SEED, tr("Random seed"), 0, minimum=0, integer=True))
        self.addParameter(
            QgsProcessingParameterEnum(self.DEVICE, tr("Device"), options=list(choices.DEVICES), defaultValue=0)
        )
        self.addParameter(number(self.MAX_MINUTES, tr("Time budget in minutes (0: none)"), 30.0, minimum=0.0))
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT_MODEL, tr("Model file"), fileFilter=tr("CrossTime model (*.ctmodel)")
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT_LOG, tr("Training log"), fileFilter="CSV (*.csv)", optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT_PLOT, tr("Training plot"), fileFilter="PNG (*.png)", optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT_ONNX, tr("Also export to ONNX (describes tiles without PyTorch)"),
                fileFilter=tr("ONNX model (*.onnx)"), optional=True, createByDefault=False
            )
        )
        self.addOutput(QgsProcessingOutputNumber(self.BEST_MAP5, tr("Best validation map@5")))
        self.addOutput(QgsProcessingOutputNumber(self.BEST_EPOCH, tr("Best epoch")))

    def work(self, parameters, context, feedback, progress):
        from ..core import jobs

        p = lambda n: self.parameterAsString(parameters, n, context)
        stores = [p(self.TRAIN_STORE)] + [s.strip() for s in (p(self.MORE_TRAIN_STORES) or "").split(";") if s.strip()]
        val = [p(self.VAL_STORE)] if p(self.VAL_STORE) else []
        out = p(self.OUTPUT_MODEL)
        if is_temporary(out):
            feedback.pushWarning(tr("The model is written to a temporary file ({}) that disappears when QGIS closes; "
                                    "choose a file beside your project to keep it.").format(out))
        log = p(self.OUTPUT_LOG) or os.path.splitext(out)[0] + "_log.csv"
        weights = p(self.WEIGHTS_FILE) or WEIGHTS[self.parameterAsEnum(parameters, self.WEIGHTS, context)]
        overrides = dict(
            backbone=choices.BACKBONES[self.parameterAsEnum(parameters, self.BACKBONE, context)],
            weights=weights,
            semantic_mode=SEMANTIC_KEYS[self.parameterAsEnum(parameters, self.SEMANTIC, context)],
            epochs=self.parameterAsInt(parameters, self.EPOCHS, context) or None,
            lr=self.parameterAsDouble(parameters, self.LR, context) or None,
            hard_every=self.parameterAsInt(parameters, self.HARD_EVERY, context),
            seed=self.parameterAsInt(parameters, self.SEED, context),
            device=choices.DEVICES[self.parameterAsEnum(parameters, self.DEVICE, context)],
        )
        recipe_name = RECIPES[self.parameterAsEnum(parameters, self.RECIPE, context)]
        if recipe_name == "siamese":
            overrides["dim"] = choices.DESCRIPTOR_SIZES[self.parameterAsEnum(parameters, self.DIM, context)]
        lrb = self.parameterAsDouble(parameters, self.LR_BACKBONE, context)
        if lrb > 0:
            overrides["lr_backbone"] = lrb
        batch = self.parameterAsInt(parameters, self.BATCH, context)
        if batch > 0:
            overrides["batch_pairs"] = batch
        mm = self.parameterAsDouble(parameters, self.MAX_MINUTES, context)
        if mm > 0:
            overrides["max_minutes"] = mm
        ckpt = os.path.splitext(out)[0] + "_checkpoints"
        plot = p(self.OUTPUT_PLOT) or os.path.splitext(out)[0] + "_training.png"
        result = jobs.train_descriptor(stores, out, val_stores=val, recipe=recipe_name, checkpoints=ckpt, log_csv=log,
                                       plot=plot, progress=progress, **overrides)
        best = result.best_val or {}
        onnx_out = self.parameterAsFileOutput(parameters, self.OUTPUT_ONNX, context) if parameters.get(self.OUTPUT_ONNX) \
            else ""
        if onnx_out:
            exported = jobs.export_onnx(out, onnx_out)
            feedback.pushInfo(tr("ONNX model: {0} (largest difference from PyTorch {1})").format(
                onnx_out, "-" if exported["max_difference"] is None else f"{exported['max_difference']:.1e}"))
        stopped = {"finished": tr("finished"), "early stop": tr("early stop"), "time budget": tr("time budget")}
        feedback.pushInfo(tr("best validation map@5 {:.3f} at epoch {}; {} after {:.1f} min").format(
            best.get("map@5", float("nan")), result.best_epoch, stopped.get(result.stopped, result.stopped),
            result.wall_s / 60))
        return {
            self.OUTPUT_MODEL: out,
            self.OUTPUT_LOG: log,
            self.OUTPUT_PLOT: plot,
            self.OUTPUT_ONNX: onnx_out or None,
            self.BEST_MAP5: best.get("map@5"),
            self.BEST_EPOCH: result.best_epoch,
        }


def is_temporary(path: str) -> bool:
    """Whether ``path`` lies in the system's or QGIS Processing's temporary folder (gone when QGIS closes)."""
    import tempfile
    real = os.path.realpath(path)
    folders = [tempfile.gettempdir()]
    try:
        from qgis.core import QgsProcessingUtils
        folders.append(QgsProcessingUtils.tempFolder())
    except Exception:       # outside QGIS: the system's temporary folder is enough
        pass
    return any(real.startswith(os.path.realpath(f) + os.sep) for f in folders if f)
