"""Training: the paper's siamese BCE recipe, the NT-Xent comparison, and CrossTime's InfoNCE recipe."""
from ..errors import InputError


def make_trainer(model_cfg, cfg, *args, **kwargs):
    """The trainer of ``cfg.recipe`` (siamese, ntxent or infonce)."""
    if cfg.recipe == "siamese":
        from .siamese_trainer import SiameseTrainer
        return SiameseTrainer(model_cfg, cfg, *args, **kwargs)
    if cfg.recipe in ("ntxent", "infonce"):
        from .contrastive_trainer import ContrastiveTrainer
        return ContrastiveTrainer(model_cfg, cfg, *args, **kwargs)
    raise InputError("unknown recipe '{recipe}' (siamese, ntxent, infonce)", recipe=cfg.recipe)
