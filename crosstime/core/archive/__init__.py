"""Archive search: where does a scanned, non-georeferenced old aerial photo lie, and which photos show a place.

- ``catalogue``: the archive (a folder of scans and an optional CSV of approximate scale, centre, date), and
  reading a scan window by window at reduced resolution, memory bounded.
- ``windows``: the overlapping windows of a photo whose ground size matches the index tiles, at one or several
  candidate scales, each at four right-angle rotations.
- ``window_describer``: the visual-only descriptor of windows and modern tiles (a trained model, or an untrained fallback).
- ``archive_index``: the archive index file (every window's descriptor and where it lies in its photo).
- ``correlate``: locating a photo: under each candidate pose (rotation, scale) its windows are correlated with the
  index's tile grid (thumbnails for every pose, the full descriptor for the best few).
- ``locate``: the answer (Location: footprint, transform, confidence, runner-up) and the photo-to-ground mapping.
- ``outputs``: the GeoPackage of footprints and one georeferenced VRT per located photo.
- ``scans``: synthetic scanned photos cut from the synthetic old-date landscape, with their true pose.
- ``scoring``: success rate, centre error, rank of the truth, seconds per photo.
- ``realcheck``: the real-imagery check built from the real pairs.
"""
