"""Archive search's commands: synthetic scans, the modern index, the archive index, locating, scoring."""
from __future__ import annotations

import json
import os

from ..core import choices
from ..core.errors import CrossTimeError
from .pipeline import terminal_progress


def cmd_archive_synth(a) -> None:
    from ..core import jobs
    old = a.old_ortho
    if not old:
        from ..core.samples.synthetic import SyntheticConfig, generate_landscape
        land = generate_landscape(os.path.join(a.out, "landscape"),
                                  SyntheticConfig(size_m=a.size, resolution=a.resolution, seed=a.seed))
        old = land.old_ortho
        print(f"synthetic landscape: {land.folder} (old {land.old_ortho}, new {land.new_ortho})")
    truth = a.truth or os.path.join(a.out, "truth.json")
    doc = jobs.synthetic_archive(old, os.path.join(a.out, "archive"), truth, n_photos=a.photos, seed=a.seed,
                                 photo_px=(a.photo_px[0], a.photo_px[1]))
    print(f"archive: {doc['archive']} ({len(doc['photos'])} synthetic photos), catalogue {doc['catalogue']}, "
          f"true poses {truth}")


def cmd_modern_index(a) -> None:
    from ..core import jobs
    p = terminal_progress("modern index")
    idx = jobs.build_modern_index(a.out, a.new_ortho, a.tile_size, pixels=a.pixels, model=a.model, stride=a.stride,
                                  crs=a.crs, device=a.device, progress=p)
    p.close()
    print(f"modern index: {a.out} ({len(idx)} tiles of {a.tile_size:g} m)")


def footprint_range(text):
    """MIN,MAX metres, or None."""
    if not text:
        return None
    try:
        lo, hi = (float(x) for x in text.split(","))
    except ValueError:
        raise CrossTimeError(f"--footprint-range {text}: give two sizes in metres, e.g. 1000,4000") from None
    return lo, hi


def _archive_options(a):
    from ..core import jobs
    return jobs.ArchiveOptions(model=a.model, catalogue=a.catalogue, photos=a.photo or None,
                               known_scale=not a.unknown_scale, footprint_range=footprint_range(a.footprint_range),
                               device=a.device)


def cmd_index_archive(a) -> None:
    from ..core import jobs
    p = terminal_progress("archive index")
    arch = jobs.index_archive(a.folder, a.out, a.index, _archive_options(a), scale_step=a.scale_step,
                              overlap=a.overlap, progress=p)
    p.close()
    print(f"archive index: {a.out} ({len(arch.photos)} photos, {len(arch.descriptors)} windows)")


def cmd_locate(a) -> None:
    from ..core import jobs
    if a.place:
        matches = jobs.photos_showing_place(a.archive_index, a.index, a.place[0], a.place[1], n=a.k,
                                            locations=a.locations)
        for r, m in enumerate(matches, start=1):
            print(f"{r}. {m.photo}: score {m.score:.3f}, window at col {m.window_centre[0]:.0f} row "
                  f"{m.window_centre[1]:.0f} ({m.window_px:.0f} px, turned {m.rotation} deg)"
                  + (", located" if m.footprint else ""))
        return
    p = terminal_progress("locating")
    locs = jobs.locate_archive_photos(a.index, _archive_options(a), archive_index=a.archive_index, folder=a.folder,
                                      outputs=jobs.LocateOutputs(gpkg=a.out, vrt_folder=a.vrt, json=a.json), k=a.k,
                                      progress=p)
    p.close()
    for loc in locs:
        print(f"{loc.photo}: centre {loc.centre[0]:.1f} {loc.centre[1]:.1f}, scale {loc.scale:.3f} m/px, rotation "
              f"{loc.rotation:.1f} deg, confidence {loc.confidence:.2f}, {loc.agreeing_windows} windows compared, "
              f"{loc.seconds:.1f} s")


def cmd_evaluate_archive(a) -> None:
    from ..core import jobs
    s = jobs.evaluate_archive(a.locations, a.truth, out_dir=a.out, tile_size=a.tile_size)
    print(json.dumps(s, indent=1, default=str))


def _add_photo_choice(s) -> None:
    s.add_argument("--model", default=None, help="visual model file (omit for the untrained fallback)")
    s.add_argument("--catalogue", default=None, help="CSV: photo, scale_m_per_px or flight_scale+scan_dpi, centre...")
    s.add_argument("--unknown-scale", action="store_true", help="ignore the catalogue's scales and search a range")
    s.add_argument("--footprint-range", default=None, help="ground side of a photo when its scale is unknown, metres: "
                   "MIN,MAX (default 1000,4000)")
    s.add_argument("--photo", action="append", default=[], help="only this photo (repeatable)")
    s.add_argument("--device", default="auto")


def add_commands(sub) -> None:
    s = sub.add_parser("archive-synth", help="synthetic scanned archive photos of a synthetic old ortho, true poses aside")
    s.add_argument("out", help="folder: archive/, archive.csv, truth.json (and landscape/ when no --old-ortho)")
    s.add_argument("--old-ortho", default=None, help="the old ortho to photograph (default: a new synthetic landscape)")
    s.add_argument("--size", type=float, default=6000.0, help="side of the generated landscape, metres")
    s.add_argument("--resolution", type=float, default=1.5)
    s.add_argument("--photos", type=int, default=50)
    s.add_argument("--photo-px", type=int, nargs=2, default=[1000, 1400], metavar=("MIN", "MAX"))
    s.add_argument("--truth", default=None, help="where to write the true poses (outside the archive folder)")
    s.add_argument("--seed", type=int, default=0)
    s.set_defaults(fn=cmd_archive_synth)

    s = sub.add_parser("modern-index", help="describe the modern ortho's tiles (visual only) for archive search")
    s.add_argument("new_ortho")
    s.add_argument("--out", required=True)
    s.add_argument("--model", default=None, help="visual model file (omit for the untrained fallback)")
    s.add_argument("--tile-size", type=float, default=choices.ARCHIVE_TILE_SIZE)
    s.add_argument("--pixels", type=int, default=choices.ARCHIVE_PIXELS)
    s.add_argument("--stride", type=float, default=0.0, help="ground units between tiles (default: the tile size)")
    s.add_argument("--crs", default=None)
    s.add_argument("--device", default="auto")
    s.set_defaults(fn=cmd_modern_index)

    s = sub.add_parser("index-archive", help="describe every window of an archive's photos into an archive index")
    s.add_argument("folder", help="folder of scanned photos")
    s.add_argument("--index", required=True, help="the modern index (modern-index)")
    s.add_argument("--out", required=True)
    _add_photo_choice(s)
    s.add_argument("--scale-step", type=float, default=None)
    s.add_argument("--overlap", type=float, default=0.5)
    s.set_defaults(fn=cmd_index_archive)

    s = sub.add_parser("locate", help="locate archive photos in the modern index, or list the photos showing a place")
    s.add_argument("--index", required=True, help="the modern index (modern-index)")
    s.add_argument("--archive-index", default=None, help="archive index (index-archive)")
    s.add_argument("--folder", default=None, help="or the archive folder itself (described on the fly)")
    _add_photo_choice(s)
    s.add_argument("--out", default=None, help="GeoPackage of the located footprints")
    s.add_argument("--vrt", default=None, help="folder for one georeferenced VRT per photo")
    s.add_argument("--json", default=None, help="locations JSON (for evaluate-archive and the place query)")
    s.add_argument("-k", type=int, default=5, help="matches per window (or photos listed with --place)")
    s.add_argument("--place", type=float, nargs=2, default=None, metavar=("X", "Y"),
                   help="list the archive photos that show this place instead (needs --archive-index)")
    s.add_argument("--locations", default=None, help="with --place: locations JSON, to add the located footprints")
    s.set_defaults(fn=cmd_locate)

    s = sub.add_parser("evaluate-archive", help="score located photos against their true poses")
    s.add_argument("locations", help="locations JSON (locate --json)")
    s.add_argument("truth", help="true poses JSON (archive-synth)")
    s.add_argument("--out", default=None, help="folder for the per-photo CSV and the summary JSON")
    s.add_argument("--tile-size", type=float, default=None)
    s.set_defaults(fn=cmd_evaluate_archive)
