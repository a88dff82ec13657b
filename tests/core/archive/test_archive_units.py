"""Archive search, piece by piece: catalogue, reading scans, windows, the pose vote and fit, IoU, outputs."""
import json
import math
import os

import numpy as np
import pytest

from crosstime.core.archive.catalogue import ArchiveError, ArchivePhoto, open_archive, read_catalogue, read_grey_reduced
from crosstime.core.archive.locate import PhotoWindows, fit_similarity, locate, ransac_similarity, to_ground
from crosstime.core.archive.scoring import footprint_iou, score_locations
from crosstime.core.archive.windows import cut_windows, rotations, scale_bands
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


def test_similarity_fit_survives_outliers():
    rng = np.random.default_rng(0)
    t = (0.8 * math.cos(1.0), 0.8 * math.sin(1.0), 5000.0, 7000.0)
    src = rng.uniform(0, 2000, (60, 2))
    dst = to_ground(t, src[:, 0], src[:, 1]) + rng.normal(0, 5, (60, 2))
    dst[:20] = rng.uniform(0, 10000, (20, 2))                            # a third are wrong matches
    fit, inl = ransac_similarity(src, dst, tol=50.0)
    assert inl[20:].all() and not inl[:20].any()
    np.testing.assert_allclose(fit[:2], t[:2], rtol=0, atol=0.01)
    np.testing.assert_allclose(fit[2:], t[2:], rtol=0, atol=20)
    np.testing.assert_allclose(fit_similarity(src[20:], dst[20:])[2:], t[2:], atol=20)


def test_iou_of_footprints():
    sq = [(0, 0), (100, 0), (100, 100), (0, 100)]
    assert footprint_iou(sq, sq) == pytest.approx(1.0)
    assert footprint_iou(sq, [(x + 50, y) for x, y in sq]) == pytest.approx(1 / 3)
    assert footprint_iou(sq, [(x + 200, y) for x, y in sq]) == 0.0
    assert footprint_iou(sq, sq[::-1]) == pytest.approx(1.0)             # orientation does not matter


def _toy_index(tile=200.0, n=30, dim=32, seed=0):
    """A modern index of n x n tiles with random descriptors (each tile recognisable by its own vector)."""
    rng = np.random.default_rng(seed)
    ii, jj = np.meshgrid(np.arange(n), np.arange(n), indexing="ij")
    fx, fy = 10000 + ii.ravel() * tile, 20000 + jj.ravel() * tile
    desc = rng.normal(size=(n * n, dim)).astype(np.float32)
    return DescriptorIndex(desc, np.array([f"{i}_{j}" for i, j in zip(ii.ravel(), jj.ravel())]),
                           np.stack([fx, fy, fx + tile, fy + tile], 1).astype(np.float64), "EPSG:2154", "toy",
                           {"tile_size": tile, "pixels": 32})


def _toy_windows(index, pose, size_px, window_px, quarter_ok, noise, rng, wrong=0.0):
    """Windows of a photo under ``pose``: the descriptor of the tile under each window (at the quarter turn that
    brings it nearest north-up), noisy; the other rotations and a share ``wrong`` of windows get random ones."""
    cols = np.arange(window_px / 2, size_px - window_px / 2 + 1, window_px / 2)
    cc, rr = np.meshgrid(cols, cols)
    centres = np.stack([cc.ravel(), rr.ravel()], 1)
    g = to_ground(pose, centres[:, 0], centres[:, 1])
    fps = index.footprints
    inside = np.nonzero((fps[:, 0] <= g[:, None, 0]) & (g[:, None, 0] < fps[:, 2]) & (fps[:, 1] <= g[:, None, 1])
                        & (g[:, None, 1] < fps[:, 3]))
    tile_of = np.full(len(centres), -1)
    tile_of[inside[0]] = inside[1]
    descs, cen, quarter, window = [], [], [], []
    for k in range(4):
        d = rng.normal(size=(len(centres), index.dim)).astype(np.float32)
        if k == quarter_ok:
            good = (tile_of >= 0) & (rng.random(len(centres)) >= wrong)
            d[good] = index.descriptors[tile_of[good]] + noise * rng.normal(size=(good.sum(), index.dim))
        descs.append(d / np.linalg.norm(d, axis=1, keepdims=True))
        cen.append(centres)
        quarter.append(np.full(len(centres), k, np.int8))
        window.append(np.arange(len(centres), dtype=np.int32))
    return np.concatenate(descs), np.concatenate(cen), np.concatenate(quarter), np.concatenate(window)


@pytest.mark.parametrize("rotation, scale_error", [(30.0, 0.0), (200.0, 0.15), (301.0, -0.15)])
def test_vote_finds_the_pose_with_wrong_matches(rotation, scale_error):
    rng = np.random.default_rng(int(rotation))
    index = _toy_index()
    scale = 2.0                                           # m/px: a 1200 px photo covers 2.4 km
    a, b = scale * math.cos(math.radians(rotation)), scale * math.sin(math.radians(rotation))
    centre = (13000.0, 23000.0)
    pose = (a, b, centre[0] - (a * 600 + b * 600), centre[1] - (b * 600 - a * 600))
    quarter_ok = int(round(rotation / 90)) % 4
    desc, cen, quarter, window = _toy_windows(index, pose, 1200, 100, quarter_ok, 0.3, rng, wrong=0.5)
    nominal = scale * (1 + scale_error)
    photo = ArchivePhoto("toy.tif", "", 1200, 1200, nominal)
    pw = PhotoWindows(photo, desc, cen, quarter, np.zeros(len(desc), np.int16), window,
                      [(nominal, nominal / 1.25, nominal * 1.25)], [100.0])
    loc = locate(pw, index, k=3)
    err = math.hypot(loc.centre[0] - centre[0], loc.centre[1] - centre[1])
    assert err < 100, (loc.centre, centre)
    assert abs(((loc.rotation - rotation) + 180) % 360 - 180) < 5
    assert loc.scale == pytest.approx(scale, rel=0.05)
    assert loc.confidence > 0.3 and loc.agreeing_windows >= 20
    truth = {"toy.tif": {"centre": list(centre), "rotation": rotation, "scale": scale,
                         "footprint": to_ground(pose, np.array([0, 1200, 1200, 0]), np.array([0, 0, 1200, 1200])).tolist()}}
    s = score_locations([loc], truth, 200.0).summary()
    assert s["success_rate"] == 1.0 and s["success_rate_iou"] == 1.0


def test_random_windows_give_a_weak_answer():
    rng = np.random.default_rng(5)
    index = _toy_index()
    d = rng.normal(size=(400, index.dim)).astype(np.float32)
    d /= np.linalg.norm(d, axis=1, keepdims=True)
    cen = rng.uniform(0, 1200, (400, 2))
    pw = PhotoWindows(ArchivePhoto("noise.tif", "", 1200, 1200, 2.0), d, cen, (np.arange(400) % 4).astype(np.int8),
                      np.zeros(400, np.int16), np.arange(400, dtype=np.int32), [(2.0, 1.6, 2.5)], [100.0])
    loc = locate(pw, index, k=3)
    assert loc.confidence < 0.3                            # nothing stands out: the answer says it is weak


def test_outputs_footprints_and_vrt(tmp_path):
    from osgeo import gdal

    from crosstime.core.archive.locate import Hypothesis, Location
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
