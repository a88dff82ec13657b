"""Network building blocks, one idea per module (cirtorch/torchgeo style); needs torch."""
