"""What a QGIS user sees: the dock, the click tool, highlighted footprints, background tasks."""
