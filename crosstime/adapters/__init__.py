"""Small QGIS adapters: QGIS layers, extents and CRSs turned into plain inputs for ``core``."""
