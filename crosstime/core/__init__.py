"""CrossTime's method, free of QGIS and Qt: tiles, legend, rasterization, descriptors, training, index.

Nothing heavy is imported here, so that ``import crosstime.core`` always works and tells what is missing.
"""
