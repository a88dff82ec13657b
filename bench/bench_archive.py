"""Benchmark: locating one 8,000 x 8,000 px scanned photo against a modern index of 100,000 tiles (target < 20 s
on 2 cores), with the breakdown: reading the scan (strip by strip, reduced), trying every pose (rotation step,
scales) with thumbnails against every tile, scoring a few windows of the best of them with the full descriptor
against every tile, describing every window of the best poses and comparing them near their best offsets
(``core/archive/locate.py``).

The scan is a synthetic archive photo of a synthetic landscape enlarged to 8,000 px (a real scan's pixel count;
its content is what the generator makes). The index holds the landscape's real modern tiles, padded to 100,000
rows with random unit descriptors on tiles placed around it: trying poses costs what it costs on a 100,000-tile
index, and the padding cannot help the answer.
"""
import argparse
import os
import time

import numpy as np
from common import header, landscape, scratch_folder


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--photo-px", type=int, default=8000)
    ap.add_argument("--index-size", type=int, default=100_000)
    ap.add_argument("--model", default=None, help="visual model file (default: the untrained fallback "
                    "describer, EfficientNet-Lite0 ImageNet + thumbnail, 64 px; speed does not "
                    "depend on weights)")
    ap.add_argument("--repeat", type=int, default=2)
    a = ap.parse_args()
    header("archive: locate one scanned photo", f"python bench/bench_archive.py --photo-px {a.photo_px} "
           f"--index-size {a.index_size}" + (f" --model {a.model}" if a.model else ""))
    import rasterio
    from PIL import Image

    from crosstime.core import jobs
    from crosstime.core.archive.archive_describer import ArchiveDescriber
    from crosstime.core.archive.catalogue import ArchivePhoto
    from crosstime.core.archive.locate import correlate_photo
    from crosstime.core.retrieval.index import DescriptorIndex
    land = landscape(4000.0, 1.5, 42)
    tmp = scratch_folder()
    model = a.model            # None: the untrained fallback describer
    t = time.perf_counter()
    modern = os.path.join(tmp, "modern.ctindex")
    idx = jobs.build_modern_index(modern, land.new_ortho, 200.0, pixels=64, model=model, stride=100.0, device="cpu")
    print(f"   modern tiles of the landscape: {len(idx)} ({time.perf_counter() - t:.0f} s to describe)")
    truth = jobs.synthetic_archive(land.old_ortho, os.path.join(tmp, "archive"), os.path.join(tmp, "truth.json"), n_photos=1,
                                   seed=3, photo_px=(1000, 1000))
    name, pose = next(iter(truth["photos"].items()))
    small = np.asarray(Image.open(os.path.join(tmp, "archive", name)).convert("L"))
    big = np.asarray(Image.fromarray(small).resize((a.photo_px, a.photo_px), Image.BICUBIC))
    scan = os.path.join(tmp, "scan_8k.tif")
    import warnings
    warnings.simplefilter("ignore", rasterio.errors.NotGeoreferencedWarning)     # a scan has no georeference
    with rasterio.open(scan, "w", driver="GTiff", width=a.photo_px, height=a.photo_px, count=1, dtype="uint8",
                       tiled=True, blockxsize=512, blockysize=512, compress="deflate") as dst:
        dst.write(big[None])
    del big, small
    scale = pose["scale"] * 1000 / a.photo_px
    # pad to the index size: random unit descriptors on tiles laid out east of the landscape
    n_pad = max(0, a.index_size - len(idx))
    rng = np.random.default_rng(0)
    pad = rng.normal(size=(n_pad, idx.dim)).astype(np.float32)
    side = int(np.ceil(np.sqrt(max(1, n_pad))))
    x0 = idx.footprints[:, 2].max() + 1000.0
    y0 = idx.footprints[:, 1].min()
    k = np.arange(n_pad)
    fx, fy = x0 + (k % side) * 100.0, y0 + (k // side) * 100.0
    big_index = DescriptorIndex(np.concatenate([idx.descriptors, pad]),
                                np.concatenate([idx.ids, np.array([f"pad_{i}" for i in k])]),
                                np.concatenate([idx.footprints, np.stack([fx, fy, fx + 200.0, fy + 200.0], 1)]),
                                idx.crs, idx.model_fingerprint, idx.grid, idx.model_config, idx.meta)
    print(f"   index: {len(big_index)} tiles of 200 m ({len(idx)} real), {big_index.dim} dimensions")
    photo = ArchivePhoto("scan_8k.tif", scan, a.photo_px, a.photo_px, scale)
    describer = ArchiveDescriber(model, 64, "cpu")
    best = None
    for _ in range(a.repeat):
        timings = {}
        t = time.perf_counter()
        loc = correlate_photo(photo, describer, big_index, True, timings=timings)
        total = time.perf_counter() - t
        if best is None or total < best[0]:
            best = (total, dict(timings), loc.agreeing_windows, loc)
    total, timings, n_desc, loc = best
    err = float(np.hypot(loc.centre[0] - pose["centre"][0], loc.centre[1] - pose["centre"][1]))
    print(f"   photo {a.photo_px} x {a.photo_px} px at {scale:.3f} m/px; {n_desc} windows per pose")
    for key, what in (("reading", "reading"), ("searching", "poses tried with thumbnails"),
                      ("describing", "describing (sampled + best poses)"),
                      ("sampling", "scoring the sampled windows"), ("voting", "comparing the best poses")):
        print(f"   {what:28s} {timings.get(key, 0.0):6.2f} s")
    print(f"   {'total':28s} {total:6.2f} s (best of {a.repeat}; target < 20 s)")
    print(f"   answer: centre error {err:.0f} m, confidence {loc.confidence:.2f} "
          f"({'trained model' if a.model else 'untrained fallback describer'})")


if __name__ == "__main__":
    main()
