"""Archive search, piece by piece: catalogue, reading scans, windows, the correlation that finds a pose, IoU, outputs."""
import json
import math
import os

import numpy as np
import pytest

from crosstime.core.archive.catalogue import ArchiveError, ArchivePhoto, open_archive, read_catalogue, read_grey_reduced
from crosstime.core.archive.location import WEAK_CONFIDENCE, to_ground
from crosstime.core.archive.windows import cut_windows, rotations, scale_bands
from crosstime.core.evaluation.archive_scoring import footprint_iou
from crosstime.core.retrieval.index import DescriptorIndex


def _write_grey_tif(path, img):
    import warnings

    import rasterio
    from rasterio.errors import NotGeoreferencedWarning
    warnings.simplefilter("ignore", NotGeoreferencedWarning)      # a scan has no georeference: that is the point
    with rasterio.open(path, "w", driver="GTiff", width=img.shape[1], height=img.shape[0], count=1, dtype="uint8",
                       tiled=True, blockxsize=256, blockysize=256) as dst:
        dst.write(img[None])


def test_catalogue_reads_scales_and_names_the_bad_line(tmp_path):
    (tmp_path / "a.tif").write_bytes(b"")
    csv = tmp_path / "cat.csv"
    csv.write_text("photo,scale_m_per_px,flight_scale,scan_dpi,xmin,ymin,xmax,ymax,date\n"
                   "a.tif,,25000,1270,0,0,2000,1000,1956\n")
    cat = read_catalogue(str(csv))
    assert cat["a.tif"]["scale"] == pytest.approx(0.5)               # 25000 x 0.0254 / 1270
    assert cat["a.tif"]["centre"] == (1000.0, 500.0) and cat["a.tif"]["uncertainty"] == pytest.approx(math.hypot(1000, 500))
    csv.write_text("photo,scale_m_per_px\na.tif,abc\n")
    with pytest.raises(ArchiveError, match="line 2.*scale_m_per_px"):
        read_catalogue(str(csv))


def test_archive_refuses_catalogue_rows_without_a_photo(tmp_path):
    _write_grey_tif(str(tmp_path / "p1.tif"), np.full((64, 64), 100, np.uint8))
    csv = tmp_path / "cat.csv"
    csv.write_text("photo,scale_m_per_px\np1.tif,1.0\np2.tif,1.0\n")
    with pytest.raises(ArchiveError, match="p2.tif"):
        open_archive(str(tmp_path), str(csv))
    csv.write_text("photo,scale_m_per_px\np1.tif,1.0\n")
    photos = open_archive(str(tmp_path), str(csv))
    assert [(p.name, p.width, p.scale) for p in photos] == [("p1.tif", 64, 1.0)]


def test_reduced_read_in_strips_equals_one_read(tmp_path):
    rng = np.random.default_rng(0)
    img = (rng.random((700, 900)) * 255).astype(np.uint8)
    path = str(tmp_path / "scan.tif")
    _write_grey_tif(path, img)
    whole = read_grey_reduced(path, 4.0)
    strips = read_grey_reduced(path, 4.0, max_strip_pixels=225 * 7)       # 7 reduced rows at a time
    assert whole.shape == (175, 225)
    np.testing.assert_array_equal(whole, strips)
    # the area average of 4 x 4 blocks
    assert abs(float(whole[10, 10]) - img[40:44, 40:44].mean()) <= 1.0


def test_scale_bands_and_windows(tmp_path):
    photo = ArchivePhoto("p", "", 1000, 1000, scale=2.0)
    (band,) = scale_bands(photo)
    assert band.scale == 2.0 and band.low < 2.0 < band.high
    unknown = scale_bands(photo, known=False, footprint_range=(1000, 4000), step=1.3)
    assert unknown[0].scale == pytest.approx(1.0) and unknown[-1].scale == pytest.approx(4.0)
    assert all(b.high == pytest.approx(c.low) for b, c in zip(unknown, unknown[1:]))
    img = (np.random.default_rng(1).random((1000, 1000)) * 255).astype(np.uint8)
    path = str(tmp_path / "p.tif")
    _write_grey_tif(path, img)
    photo.path = path
    (w,) = cut_windows(photo, [band], tile_size=200.0, pixels=50)        # 100 px windows, read at 1/2
    assert w.patches.shape[1:] == (50, 50) and w.size_px == pytest.approx(100)
    assert len(w.patches) == 19 * 19                                      # every 50 px, the last flush with the edge
    assert w.centres.min() == pytest.approx(50) and w.centres.max() == pytest.approx(950)
    rot, ks = rotations(w.patches[:2])
    assert rot.shape == (8, 50, 50) and list(ks) == [0, 0, 1, 1, 2, 2, 3, 3]
    np.testing.assert_array_equal(rot[2], np.rot90(w.patches[0]))


def test_iou_of_footprints():
    sq = [(0, 0), (100, 0), (100, 100), (0, 100)]
    assert footprint_iou(sq, sq) == pytest.approx(1.0)
    assert footprint_iou(sq, [(x + 50, y) for x, y in sq]) == pytest.approx(1 / 3)
    assert footprint_iou(sq, [(x + 200, y) for x, y in sq]) == 0.0
    assert footprint_iou(sq, sq[::-1]) == pytest.approx(1.0)             # orientation does not matter


class _ThumbnailDescriber:
    """Describes grey windows by their 16 x 16 thumbnail: the cheap stage and the full descriptor then agree."""
    config = {"thumbnail": 16}
    learnt_dim = 0

    def describe_grey(self, patches):
        from crosstime.core.archive.thumbnail_stage import thumbnails
        return thumbnails(patches, 16)


def _toy_map(size=1600, seed=0):
    """A grey landscape of blobs (1 px = 1 m), varied at every scale from 20 to 300 m."""
    from scipy.ndimage import gaussian_filter
    rng = np.random.default_rng(seed)
    img = sum(gaussian_filter(rng.normal(size=(size, size)), s) * s for s in (8, 30, 90))
    img = (img - img.min()) / (img.max() - img.min()) * 255
    return img.astype(np.uint8)


def _toy_index_of(img, tile=128.0, stride=64.0, pixels=32, origin=(500000.0, 6600000.0)):
    """The modern index of ``img`` (north-up, 1 m/px, top-left corner at ``origin`` x, y + height)."""
    from PIL import Image

    from crosstime.core.archive.thumbnail_stage import thumbnails
    h = img.shape[0]
    tiles, fps = [], []
    for r in range(0, h - int(tile) + 1, int(stride)):
        for c in range(0, img.shape[1] - int(tile) + 1, int(stride)):
            patch = img[r:r + int(tile), c:c + int(tile)]
            tiles.append(np.asarray(Image.fromarray(patch).resize((pixels, pixels), Image.BOX)))
            x0, y1 = origin[0] + c, origin[1] + h - r
            fps.append((x0, y1 - tile, x0 + tile, y1))
    desc = thumbnails(np.stack(tiles), 16)
    return DescriptorIndex(desc, np.array([f"t{k}" for k in range(len(desc))]), np.array(fps, np.float64), "EPSG:2154",
                           "toy", {"tile_size": tile, "pixels": pixels, "stride": stride})


def _photo_of(img, tmp_path, centre_px, rotation, scale, side_px=360):
    """A scan of ``img`` around ``centre_px`` (col, row), turned ``rotation`` degrees counter-clockwise, at
    ``scale`` m/px, with grain; and its true pose."""
    from PIL import Image
    from scipy.ndimage import map_coordinates
    a, b = scale * math.cos(math.radians(rotation)), scale * math.sin(math.radians(rotation))
    cols, rows = np.meshgrid(np.arange(side_px) - side_px / 2, np.arange(side_px) - side_px / 2)
    u, v = cols, -rows
    gx, gy = a * u - b * v, b * u + a * v                    # ground offsets from the centre, y north
    scan = map_coordinates(img.astype(np.float32), [centre_px[1] - gy, centre_px[0] + gx], order=1)
    scan = np.clip(0.8 * scan + 30 + np.random.default_rng(1).normal(0, 8, scan.shape), 0, 255).astype(np.uint8)
    path = str(tmp_path / "scan.png")
    Image.fromarray(scan).save(path)
    return ArchivePhoto("scan.png", path, side_px, side_px, scale)


@pytest.mark.parametrize("rotation, scale_error", [(33.0, 0.0), (200.0, 0.1), (301.0, -0.1)])
def test_correlation_finds_the_pose_of_a_turned_rescaled_scan(tmp_path, rotation, scale_error):
    from crosstime.core.archive.locate import correlate_photo
    img = _toy_map()
    index = _toy_index_of(img)
    centre_px, scale = (820.0, 760.0), 2.0                   # a 360 px scan covers 720 m
    photo = _photo_of(img, tmp_path, centre_px, rotation, scale)
    photo.scale = scale * (1 + scale_error)                  # the catalogue's nominal scale is off
    loc = correlate_photo(photo, _ThumbnailDescriber(), index)
    truth = (500000.0 + centre_px[0], 6600000.0 + img.shape[0] - centre_px[1])
    assert math.hypot(loc.centre[0] - truth[0], loc.centre[1] - truth[1]) < 64, (loc.centre, truth)   # half a tile
    assert abs(((loc.rotation - rotation) + 180) % 360 - 180) <= 10
    assert loc.scale == pytest.approx(scale, rel=0.13)
    assert loc.runner_up is not None and loc.confidence > WEAK_CONFIDENCE
    # the footprint's corners are the photo's corners under the found pose
    np.testing.assert_allclose(loc.footprint[0], to_ground(loc.transform, [0], [0])[0])


def test_an_unknown_scale_is_found_without_favouring_small_footprints(tmp_path):
    """Searched over 300-1,500 m footprints, the scan's own 720 m wins, not a small footprint whose few windows
    happen to score a high mean."""
    from crosstime.core.archive.locate import above_noise, correlate_photo
    img = _toy_map()
    photo = _photo_of(img, tmp_path, (820.0, 760.0), 33.0, 2.0)
    loc = correlate_photo(photo, _ThumbnailDescriber(), _toy_index_of(img), known_scale=False,
                          footprint_range=(300.0, 1500.0))
    truth = (500000.0 + 820.0, 6600000.0 + img.shape[0] - 760.0)
    assert math.hypot(loc.centre[0] - truth[0], loc.centre[1] - truth[1]) < 64, (loc.centre, truth)
    assert loc.scale == pytest.approx(2.0, rel=0.13)
    assert above_noise(0.3, 4) < above_noise(0.25, 400) and above_noise(0.3, 400) > above_noise(0.25, 400)


def test_correlation_of_another_place_gives_a_weak_answer(tmp_path):
    from crosstime.core.archive.locate import correlate_photo
    index = _toy_index_of(_toy_map(seed=0))
    photo = _photo_of(_toy_map(seed=9), tmp_path, (800.0, 800.0), 0.0, 2.0)     # a place the index does not hold
    loc = correlate_photo(photo, _ThumbnailDescriber(), index)
    assert loc.confidence < WEAK_CONFIDENCE


def test_index_grid_lays_tiles_north_up():
    from crosstime.core.archive.locate import IndexGrid
    index = _toy_index_of(_toy_map(size=512))
    grid = IndexGrid.of(index)
    assert grid.shape == (7, 7) and grid.step_px == 16 and grid.resolution == 4.0
    first = grid.lookup[0, 0]
    assert index.footprints[first][3] == index.footprints[:, 3].max()        # row 0 is the northernmost
    assert index.footprints[first][0] == index.footprints[:, 0].min()


def test_fft_correlation_equals_the_direct_offset_scores():
    """The cheap stage's FFT cross-correlation (all channels, no tolerance) gives every offset the same score as
    summing each window's centred similarity to the tile the offset puts it on; a cropped grid keeps its tiles."""
    from crosstime.core.archive.locate import IndexGrid, _offset_scores
    from crosstime.core.archive.thumbnail_stage import CoarseCorrelator, _centred_unit
    rng = np.random.default_rng(0)
    rows, cols = np.meshgrid(np.arange(13), np.arange(17), indexing="ij")
    keep = rng.random(rows.size) > 0.1                   # a few cells without a tile (outside the ortho)
    rows, cols = rows.ravel()[keep], cols.ravel()[keep]
    lookup = np.full((13, 17), -1)
    lookup[rows, cols] = np.arange(len(rows))
    grid = IndexGrid(rows, cols, (13, 17), 1000.0, 5000.0, 100.0, 200.0, 64, lookup)
    tiles = _centred_unit(rng.normal(size=(len(rows), 64)).astype(np.float32))
    cells = np.argwhere(rng.random((5, 6)) > 0.2)
    thumbs = _centred_unit(rng.normal(size=(len(cells), 64)).astype(np.float32))
    direct = _offset_scores(thumbs @ tiles.T, cells, grid, (5, 6), tolerance=1)
    fft = CoarseCorrelator(grid, tiles, (8, 8), blur=False, channels=None).scores(thumbs, cells, (5, 6))
    assert fft.shape == direct.shape
    np.testing.assert_allclose(fft, direct, atol=1e-6)
    part, entries = grid.crop(2, 9, 3, 12)
    assert part.shape == (7, 9) and part.west == 1300.0 and part.north == 4800.0
    assert np.array_equal(rows[entries] - 2, part.rows) and np.array_equal(cols[entries] - 3, part.cols)
    assert (part.lookup[part.rows, part.cols] == np.arange(len(entries))).all()


def test_cheap_stage_features_keep_the_edges_when_the_tones_change():
    from crosstime.core.archive.thumbnail_stage import layout_and_edges, thumbnails
    img = _toy_map(256, seed=3)[:64, :64][None]
    # a field that turned from bright to dark: the tones are inverted, the edges between them stay
    inverted = 255 - img
    f, g = layout_and_edges(thumbnails(img, 16)), layout_and_edges(thumbnails(inverted, 16))
    assert f.shape == (1, 1024)
    assert np.linalg.norm(f) == pytest.approx(1.0, abs=1e-5)
    assert float(f[0, :256] @ g[0, :256]) == pytest.approx(-0.25, abs=1e-3)       # layouts opposite
    assert float(f[0, 256:512] @ g[0, 256:512]) > 0.22                             # edge sizes nearly the same
    # the doubled angle of an edge does not depend on which side is the brighter: the same, value for value
    np.testing.assert_allclose(f[0, 512:], g[0, 512:], atol=1e-5)
    assert not np.any(layout_and_edges(thumbnails(np.full((1, 64, 64), 90, np.uint8), 16)))   # blank: zeros


def test_outputs_footprints_and_vrt(tmp_path):
    from osgeo import gdal

    from crosstime.core.archive.location import Hypothesis, Location
    from crosstime.core.archive.outputs import write_footprints_gpkg, write_photo_vrt
    from crosstime.core.geo.vectors import read_vector_file
    scan = str(tmp_path / "scan.tif")
    _write_grey_tif(scan, (np.arange(200 * 300) % 251).astype(np.uint8).reshape(200, 300))
    t = (1.0, 0.5, 1000.0, 2000.0)
    corners = to_ground(t, np.array([0, 300, 300, 0]), np.array([0, 0, 200, 200]))
    loc = Location("scan.tif", 300, 200, t, tuple(to_ground(t, [150], [100])[0]), [tuple(c) for c in corners],
                   math.hypot(1, 0.5), 26.6, 0.6, 10.0, 12, Hypothesis((5000.0, 5000.0), 10.0, 1.0, 4.0))
    gpkg = write_footprints_gpkg(str(tmp_path / "fp.gpkg"), [loc], "EPSG:2154")
    (layer,) = read_vector_file(gpkg)
    ranks = sorted(f[1]["rank"] for f in layer.features)
    assert ranks == [1, 2] and not [p for p in os.listdir(tmp_path) if p.startswith(".") or "tmp" in p]
    vrt = write_photo_vrt(str(tmp_path / "vrt" / "scan.vrt"), scan, loc, "EPSG:2154")
    ds = gdal.Open(vrt)
    assert ds.RasterXSize == 300 and ds.GetGCPCount() == 9
    warped = gdal.Warp("", ds, format="MEM", dstSRS="EPSG:2154")
    gt = warped.GetGeoTransform()
    # the warped scan's extent is the located footprint's
    assert gt[0] == pytest.approx(corners[:, 0].min(), abs=2) and gt[3] == pytest.approx(corners[:, 1].max(), abs=2)
    assert json.loads(json.dumps(loc.to_dict()))["photo"] == "scan.tif"


def test_archive_augmentation_makes_a_grey_turned_old_view():
    import torch

    from crosstime.core.train.augment import PairAugmenter
    g = torch.Generator().manual_seed(0)
    new = torch.rand(4, 3, 32, 32)
    old = new.clone()
    aug = PairAugmenter("archive")
    n2, o2 = aug(new, old, g)
    assert n2.shape == o2.shape == (4, 3, 32, 32) and 0 <= float(o2.min()) and float(o2.max()) <= 1
    assert torch.allclose(o2[:, 0], o2[:, 1]) and torch.allclose(o2[:, 1], o2[:, 2])     # grey levels
    assert not torch.allclose(n2[:, 0], n2[:, 1])                                       # the modern view keeps colour
    g2 = torch.Generator().manual_seed(0)
    n3, o3 = aug(new, old, g2)
    assert torch.equal(o2, o3)                                                          # reproducible from the seed


def test_clicks_read_the_archive_index_once_until_it_is_rewritten(tmp_path, monkeypatch):
    from crosstime.core import jobs
    from crosstime.core.archive.archive_index import ArchiveError, ArchiveIndex
    from crosstime.core.jobs import archive_places
    reads = []

    def counting_load(path):
        reads.append(path)
        return object()
    monkeypatch.setattr(ArchiveIndex, "load", staticmethod(counting_load))
    path = tmp_path / "a.ctarchive"
    path.write_bytes(b"first")
    first = jobs.archive_index_for_clicks(str(path))
    assert jobs.archive_index_for_clicks(str(path)) is first and len(reads) == 1
    # rewritten as the project writes files: a new file renamed into place
    (tmp_path / "new").write_bytes(b"second version")
    os.replace(tmp_path / "new", path)
    assert jobs.archive_index_for_clicks(str(path)) is not first and len(reads) == 2
    monkeypatch.undo()
    archive_places._archive_index_of_version.cache_clear()
    with pytest.raises(ArchiveError, match="archive index not found"):
        jobs.archive_index_for_clicks(str(tmp_path / "missing.ctarchive"))


def test_sampling_stage_spreads_its_windows_and_weighs_the_thumbnails_by_the_photos_size():
    from crosstime.core.archive.locate import (
        THUMBNAIL_WEIGHT_WINDOWS,
        PoseWindows,
        SampledPose,
        _ranking_heights,
        _standard,
        spread,
    )
    picked = spread(100, 8)
    assert len(picked) == 8 and picked[0] == 0 and picked[-1] == 99 and np.all(np.diff(picked) >= 12)
    assert np.array_equal(spread(5, 8), np.arange(5))                  # a small photo: every window
    # heights of two stages on their own scales count alike once standardised; equal heights count for nothing
    np.testing.assert_allclose(_standard([0.1, 0.2, 0.3]), _standard([10.0, 20.0, 30.0]), atol=1e-12)
    assert not np.any(_standard([0.4, 0.4]))

    def sampled(windows, heights):
        return [SampledPose(h, PoseWindows(0.0, 1.0, np.zeros((windows, 8, 8), np.uint8), np.zeros((windows, 2), int),
                                           (1, windows), (8, 8 * windows)), None, None, None, None) for h in heights]
    # the sampled ranking says pose 0, the thumbnails' pose 1: a small photo follows the first, a large one the second
    thumbnail_heights = np.array([0.1, 0.3, 0.2])
    small = _ranking_heights(sampled(20, [0.5, 0.2, 0.3]), thumbnail_heights)
    large = _ranking_heights(sampled(4 * THUMBNAIL_WEIGHT_WINDOWS, [0.5, 0.2, 0.3]), thumbnail_heights)
    assert np.argmax(small) == 0 and np.argmax(large) == 1
    np.testing.assert_allclose(_ranking_heights(sampled(20, [0.5, 0.2, 0.3]), None), _standard([0.5, 0.2, 0.3]))


def test_shortlist_keeps_the_best_poses_and_every_scales_best_with_their_maps():
    """The cheap stage keeps only the maps still in the running, and still returns what a full sort would."""
    from crosstime.core.archive.locate import PoseWindows, _shortlist
    rng = np.random.default_rng(4)
    poses = [PoseWindows(10.0 * i, [1.0, 1.2, 1.4][i % 3], np.zeros((1, 8, 8), np.uint8), np.zeros((1, 2), int),
                         (1, 1), (8, 8)) for i in range(60)]
    heights = rng.random(60)
    heights[2::3] -= 5.0                    # scale 1.4's poses all low: its best is added beyond the shortlist

    class Correlator:
        def __init__(self):
            self.calls = 0

        def scores(self, thumbs, cells, shape):
            self.calls += 1
            return np.array([[heights[self.calls - 1]]])

    chosen, chosen_heights, maps = _shortlist(poses, Correlator(), 7)
    top = list(np.argsort(-heights, kind="stable")[:7])
    expected = top + [int(np.argmax(np.where(np.arange(60) % 3 == 2, heights, -np.inf)))]
    assert [poses.index(p) for p in chosen] == expected
    np.testing.assert_allclose(chosen_heights, heights[expected])
    assert [float(m.max()) for m in maps] == list(heights[expected])
