"""Train cross-time descriptor: the paper's siamese network (or a comparison recipe) on tile stores."""
from __future__ import annotations

import os

from qgis.core import (QgsProcessingOutputNumber, QgsProcessingParameterEnum, QgsProcessingParameterFile,
                       QgsProcessingParameterFileDestination, QgsProcessingParameterString)

from .base import CrossTimeAlgorithm, number, tr

RECIPES = [("siamese", "paper: siamese network, BCE, hard mining"),
           ("infonce", "CrossTime CPU recipe: InfoNCE + cross-date augmentations"),
           ("ntxent", "paper's comparison: NT-Xent (SimCLR)")]
BACKBONES = ["resnet50", "resnet34", "resnet18", "efficientnet_lite0"]
WEIGHTS = [("imagenet", "ImageNet (downloaded once when online; EfficientNet-Lite0 ships with its package)"),
           ("none", "none (train from scratch)")]
DIMS = [128, 256, 512]
DEVICES = ["auto", "cpu", "cuda"]


class TrainDescriptor(CrossTimeAlgorithm):
    NAME = "train_descriptor"
    LABEL = "Train cross-time descriptor"
    GROUP = "2. Descriptor"
    HELP = ("Trains the multimodal descriptor on tile stores. The paper's recipe: a siamese network whose branch is "
            "fusion stem (eq. 4) + backbone + C1-C3 + fully connected layer to R dimensions, trained with binary "
            "cross-entropy on pairs, half random and half hard (hard = map@5 below 0.5, recomputed every few epochs). "
            "The best epoch by validation map@5 is kept in the model file. Without a validation store, the eastern "
            "fifth of the training area (or a fifth of the scenes) is held out. A training log (CSV) and a plot of loss "
            "and map@5 per epoch are written. Training on a CPU is slow: choose ResNet18 and a time budget.")

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API)
        self.addParameter(QgsProcessingParameterFile("TRAIN_STORE", tr("Training tile store (.ctstore folder)"),
                                                     behavior=QgsProcessingParameterFile.Folder))
        self.addParameter(QgsProcessingParameterString("MORE_TRAIN_STORES", tr("More training stores (paths separated by ;)"),
                                                       optional=True))
        self.addParameter(QgsProcessingParameterFile("VAL_STORE", tr("Validation tile store (optional)"),
                                                     behavior=QgsProcessingParameterFile.Folder, optional=True))
        self.addParameter(QgsProcessingParameterEnum("RECIPE", tr("Recipe"), options=[l for _, l in RECIPES], defaultValue=0))
        self.addParameter(QgsProcessingParameterEnum("BACKBONE", tr("Backbone"), options=BACKBONES, defaultValue=0))
        self.addParameter(QgsProcessingParameterEnum("WEIGHTS", tr("Pretrained weights"), options=[l for _, l in WEIGHTS],
                                                     defaultValue=0))
        self.addParameter(QgsProcessingParameterFile("WEIGHTS_FILE", tr("Local weights file (overrides the choice above)"),
                                                     optional=True))
        self.addParameter(QgsProcessingParameterEnum("DIM", tr("Descriptor size R"), options=[str(d) for d in DIMS],
                                                     defaultValue=1))
        self.addParameter(QgsProcessingParameterEnum("SEMANTIC", tr("Semantic image"), options=["RGB", "grey"], defaultValue=0))
        self.addParameter(number("EPOCHS", "Epochs", 100, minimum=1, integer=True))
        self.addParameter(number("LR", "Learning rate of the new layers", 1e-4, minimum=0.0))
        self.addParameter(number("LR_BACKBONE", "Learning rate of the backbone (0: a tenth of the above when pretrained)",
                                 0.0, minimum=0.0))
        self.addParameter(number("BATCH", "Pairs per batch (0: the recipe's)", 0, minimum=0, integer=True))
        self.addParameter(number("HARD_EVERY", "Epochs between hard-mining passes", 5, minimum=1, integer=True))
        self.addParameter(number("SEED", "Random seed", 0, minimum=0, integer=True))
        self.addParameter(QgsProcessingParameterEnum("DEVICE", tr("Device"), options=DEVICES, defaultValue=0))
        self.addParameter(number("MAX_MINUTES", "Time budget in minutes (0: none)", 0.0, minimum=0.0))
        self.addParameter(QgsProcessingParameterFileDestination("OUTPUT_MODEL", tr("Model file"),
                                                                fileFilter="CrossTime model (*.ctmodel)"))
        self.addParameter(QgsProcessingParameterFileDestination("OUTPUT_LOG", tr("Training log"),
                                                                fileFilter="CSV (*.csv)", optional=True))
        self.addParameter(QgsProcessingParameterFileDestination("OUTPUT_PLOT", tr("Training plot"),
                                                                fileFilter="PNG (*.png)", optional=True))
        self.addOutput(QgsProcessingOutputNumber("BEST_MAP5", tr("Best validation map@5")))
        self.addOutput(QgsProcessingOutputNumber("BEST_EPOCH", tr("Best epoch")))

    def work(self, parameters, context, feedback, progress):
        from ..core.report import plot_history
        from ..core.train.run import train
        p = lambda n: self.parameterAsString(parameters, n, context)
        stores = [p("TRAIN_STORE")] + [s.strip() for s in (p("MORE_TRAIN_STORES") or "").split(";") if s.strip()]
        val = [p("VAL_STORE")] if p("VAL_STORE") else []
        out = p("OUTPUT_MODEL")
        log = p("OUTPUT_LOG") or os.path.splitext(out)[0] + "_log.csv"
        weights = p("WEIGHTS_FILE") or WEIGHTS[self.parameterAsEnum(parameters, "WEIGHTS", context)][0]
        overrides = dict(backbone=BACKBONES[self.parameterAsEnum(parameters, "BACKBONE", context)], weights=weights,
                         semantic_mode=["rgb", "grey"][self.parameterAsEnum(parameters, "SEMANTIC", context)],
                         epochs=self.parameterAsInt(parameters, "EPOCHS", context),
                         lr=self.parameterAsDouble(parameters, "LR", context),
                         hard_every=self.parameterAsInt(parameters, "HARD_EVERY", context),
                         seed=self.parameterAsInt(parameters, "SEED", context),
                         device=DEVICES[self.parameterAsEnum(parameters, "DEVICE", context)])
        recipe_name = RECIPES[self.parameterAsEnum(parameters, "RECIPE", context)][0]
        if recipe_name == "siamese":
            overrides["dim"] = DIMS[self.parameterAsEnum(parameters, "DIM", context)]
        lrb = self.parameterAsDouble(parameters, "LR_BACKBONE", context)
        if lrb > 0:
            overrides["lr_backbone"] = lrb
        batch = self.parameterAsInt(parameters, "BATCH", context)
        if batch > 0:
            overrides["batch_pairs"] = batch
        mm = self.parameterAsDouble(parameters, "MAX_MINUTES", context)
        if mm > 0:
            overrides["max_minutes"] = mm
        ckpt = os.path.splitext(out)[0] + "_checkpoints"
        result = train(stores, out, val, recipe_name, checkpoint_dir=ckpt, log_csv=log, progress=progress, **overrides)
        plot = p("OUTPUT_PLOT") or os.path.splitext(out)[0] + "_training.png"
        plot_history(result.history, plot, f"{recipe_name}, {overrides['backbone']}")
        best = result.best_val or {}
        feedback.pushInfo(f"best validation map@5 {best.get('map@5', float('nan')):.3f} at epoch {result.best_epoch}; "
                          f"{result.stopped} after {result.wall_s / 60:.1f} min")
        return {"OUTPUT_MODEL": out, "OUTPUT_LOG": log, "OUTPUT_PLOT": plot,
                "BEST_MAP5": best.get("map@5"), "BEST_EPOCH": result.best_epoch}
