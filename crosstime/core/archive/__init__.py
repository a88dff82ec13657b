"""Archive search: where does a scanned, non-georeferenced old aerial photo lie, and which photos show a place.

- ``catalogue``: the archive (a folder of scans and an optional CSV of approximate scale, centre, date), and
  reading a scan window by window at reduced resolution, memory bounded.
- ``windows``: the overlapping windows of a photo whose ground size matches the index tiles, at one or several
  candidate scales, each at four right-angle rotations, and describing them (``describe_photo``).
- ``archive_describer``: the visual-only descriptor of windows and modern tiles (a trained model, or an untrained
  fallback).
- ``archive_index``: the archive index file (every window's descriptor and where it lies in its photo).
- ``locate``: locating a photo: under each candidate pose (rotation, scale) its windows are correlated with the
  index's tile grid (thumbnails for every pose, the full descriptor for the best few).
- ``location``: the answer (Location: footprint, transform, confidence, runner-up), the photo-to-ground mapping and
  the locations JSON.
- ``outputs``: the GeoPackage of footprints and one georeferenced VRT per located photo.
- ``workspace``: one results folder per archive, and the state of each photo in it.

Synthetic scans and the real-pairs check are made in ``samples/`` (``archive_scans``, ``archive_realpairs``); they
are scored and drawn in ``evaluation/`` (``archive_scoring``, ``archive_report``).
"""
