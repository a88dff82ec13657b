"""The Processing provider 'crosstime': thin algorithms over ``core`` for the toolbox, models and qgis_process."""
