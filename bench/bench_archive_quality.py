"""Archive search quality: success rate (centre within one tile; and IoU >= 0.5), median centre error, rank of the
truth when wrong and seconds per photo, on a synthetic archive of an unseen landscape with known scale and with
unknown scale, and on the real-pairs check (older images turned and rescaled, located among the newer ones laid
out on one canvas). Give one visual model per training seed (``--models``; ``baseline``: the untrained fallback
describer): the figures are means over them.

Train such a model on a training landscape (never the test one), e.g.:
  python -m crosstime synth build/archive/train --size 4000 --resolution 1.5 --seed 101
  python -m crosstime build-tiles ... --tile-size 200 --pixels 64 --stride 100 --out build/archive/train.ctstore
  python -m crosstime train build/archive/train.ctstore --modality visual --augment archive --tile-pixels 64 \\
      --backbone efficientnet_lite0 --weights imagenet --dim 128 --seed 0 --out build/archive/model_s0.ctmodel
"""
import argparse
import json
import os
import time

import numpy as np
from common import CACHE, ROOT, header


def run(model, land_new, archive_dir, out, modes, tile, pixels, stride, footprint_range=None):
    from crosstime.core import jobs
    os.makedirs(out, exist_ok=True)
    mi = os.path.join(out, "modern.ctindex")
    if not os.path.exists(mi):
        jobs.build_modern_index(mi, land_new, tile, pixels=pixels, model=model, stride=stride, device="cpu")
    res = {}
    for mode in modes:
        t = time.perf_counter()
        # located straight from the scans (the archive index is for "which photos show this place?")
        options = jobs.ArchiveOptions(model=model, catalogue=os.path.join(archive_dir, "archive.csv"),
                                      known_scale=mode == "known", footprint_range=footprint_range, device="cpu")
        outputs = jobs.LocateOutputs(gpkg=os.path.join(out, f"footprints_{mode}.gpkg"),
                                     json=os.path.join(out, f"locations_{mode}.json"))
        locs = jobs.locate_archive_photos(mi, options, folder=os.path.join(archive_dir, "archive"), outputs=outputs)
        wall = time.perf_counter() - t
        s = jobs.evaluate_archive(os.path.join(out, f"locations_{mode}.json"), os.path.join(archive_dir, "truth.json"),
                                  out_dir=os.path.join(out, f"eval_{mode}"))
        s["seconds_per_photo"] = wall / len(locs)          # reading and describing included, as a user waits for it
        res[mode] = s
        print(f"   {os.path.basename(out)} {mode:7s} located {s['success_rate']:.0%} "
              f"(IoU>=0.5: {s['success_rate_iou']:.0%}), "
              f"median error {s['median_centre_error_m']:.0f} m, ranks when wrong {s['ranks_of_truth_when_wrong']}, "
              f"{s['seconds_per_photo']:.1f} s/photo", flush=True)
    return res


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--models", nargs="+", required=True, help="visual model files, one per training seed")
    ap.add_argument("--photos", type=int, default=50)
    ap.add_argument("--photo-px", type=int, nargs=2, default=[700, 900])
    ap.add_argument("--size", type=float, default=6000.0, help="side of the unseen test landscape, metres")
    ap.add_argument("--land-seed", type=int, default=202)
    ap.add_argument("--modes", default="known,unknown")
    ap.add_argument("--realpairs", default=os.path.join(ROOT, "..", "shared", "data", "realpairs"))
    ap.add_argument("--real-sources", nargs="*", default=None, help="only these sources of the real pairs (default: all)")
    ap.add_argument("--skip-real", action="store_true")
    ap.add_argument("--skip-synthetic", action="store_true")
    ap.add_argument("--out", default=os.path.join(CACHE, "archive_quality"))
    a = ap.parse_args()
    header("archive search quality", "python bench/bench_archive_quality.py --models " + " ".join(a.models)
           + f" --photos {a.photos} --modes {a.modes}" + (" --skip-real" if a.skip_real else "")
           + (" --skip-synthetic" if a.skip_synthetic else "")
           + (" --real-sources " + " ".join(a.real_sources) if a.real_sources else ""))
    from crosstime.core import jobs
    from crosstime.core.samples.synthetic import SyntheticConfig, generate_landscape
    land_dir = os.path.join(a.out, f"land_{a.land_seed}_{int(a.size)}")
    if not os.path.exists(os.path.join(land_dir, "synthetic.json")):
        generate_landscape(land_dir, SyntheticConfig(size_m=a.size, resolution=1.5, seed=a.land_seed))
    arch = os.path.join(a.out, f"synthetic_{a.photos}")
    if not os.path.exists(os.path.join(arch, "truth.json")):
        jobs.synthetic_archive(os.path.join(land_dir, "old_ortho.tif"), os.path.join(arch, "archive"),
                               os.path.join(arch, "truth.json"), n_photos=a.photos, seed=1, photo_px=tuple(a.photo_px))
    real = os.path.join(a.out, "realpairs" + ("_" + "_".join(a.real_sources) if a.real_sources else ""))
    if not a.skip_real and not os.path.exists(os.path.join(real, "truth.json")):
        from crosstime.core.samples.archive_realpairs import build_realpairs_check
        build_realpairs_check(a.realpairs, real, seed=0, sources=a.real_sources)
    results = {}
    for m in a.models:
        tag = os.path.splitext(os.path.basename(m))[0]
        results[tag] = {}
        if not a.skip_synthetic:
            results[tag]["synthetic"] = run(m, os.path.join(land_dir, "new_ortho.tif"), arch,
                                            os.path.join(a.out, tag, "synthetic"), a.modes.split(","), 200.0, 64, 100.0)
        if not a.skip_real:
            # canvas units are pixels of the real images (0.2-10 m); tiles of 128 units, photos of 400-1400 units
            # an unknown scale searches footprints of 300-1600 units (the photos' sizes span 400-1400)
            results[tag]["real"] = run(m, os.path.join(real, "canvas.tif"), real, os.path.join(a.out, tag, "real"),
                                       a.modes.split(","), 128.0, 64, 64.0, (300.0, 1600.0))
    print("== means over models (training seeds)")
    for part in ("synthetic", "real"):
        for mode in ("known", "unknown"):
            rows = [r[part][mode] for r in results.values() if part in r and mode in r[part]]
            if rows:
                print(f"   {part:9s} {mode:7s} success {np.mean([r['success_rate'] for r in rows]):.1%} "
                      f"(IoU>=0.5 {np.mean([r['success_rate_iou'] for r in rows]):.1%}), median error "
                      f"{np.mean([r['median_centre_error_m'] for r in rows]):.0f}, "
                      f"{np.mean([r['seconds_per_photo'] for r in rows]):.1f} s/photo, over {len(rows)} model(s)")
    with open(os.path.join(a.out, "results.json"), "w") as f:
        json.dump(results, f, indent=1, default=str)


if __name__ == "__main__":
    main()
