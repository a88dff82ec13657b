"""The reader for folders of real pairs, on ../shared/data/realpairs when present."""
import numpy as np
import pytest

from crosstime.core.errors import CrossTimeError
from crosstime.core.samples.realpairs import build_realpairs_store, building_codes, find_scenes, read_rgb
from crosstime.core.tiles.selection import TileSet


def test_reader_cuts_every_scene(realpairs_root, tmp_path):
    scenes = find_scenes(realpairs_root)
    assert len(scenes) >= 40
    st = build_realpairs_store(realpairs_root, str(tmp_path / "rp.ctstore"), tile_px=128, sources=["xbd_joplin", "sztaki"])
    ts = TileSet([st])
    assert len(st) > 100 and st.pixels == 128
    assert len(np.unique(ts.scenes())) == len([s for s in scenes if s.source in ("xbd_joplin", "sztaki")])
    # tiles of one scene never cross into another: splitting by scene keeps them apart
    a, b = ts.split_by_scene([0.7, 0.3], seed=1)
    assert not set(a.ids()) & set(b.ids()) and len(a) + len(b) == len(ts)
    xbd = [k for k, t in enumerate(st.ids) if str(t).startswith("xbd_joplin/")]
    assert np.asarray(st.sem_a)[xbd].any() and np.asarray(st.sem_b)[xbd].any()
    other = [k for k, t in enumerate(st.ids) if str(t).startswith("sztaki/")]
    assert not np.asarray(st.sem_a)[other].any()        # image-only scenes have empty semantics


def test_xbd_buildings_fall_on_the_buildings(realpairs_root):
    """Roof outlines drawn from the EPSG:4326 polygons line up with the image edges: shifting the outline
    by a few pixels in any direction makes it fit the image worse."""
    from scipy import ndimage
    scenes = find_scenes(realpairs_root, ["xbd_joplin"])
    assert scenes
    for s in scenes:
        img, crs, transform = read_rgb(s.image_a)
        codes = building_codes(s, "a", crs, transform, img.shape[:2])
        mask = codes > 0
        assert 0.02 < mask.mean() < 0.5
        grey = img.astype(float).mean(2)
        grad = np.hypot(ndimage.sobel(grey, 0), ndimage.sobel(grey, 1))
        outline = mask ^ ndimage.binary_erosion(mask)
        fit = {(dy, dx): grad[np.roll(np.roll(outline, dy, 0), dx, 1)].mean()
               for dy in range(-8, 9, 2) for dx in range(-8, 9, 2)}
        best = max(fit, key=fit.get)
        assert abs(best[0]) <= 2 and abs(best[1]) <= 2, (s.name, best)
        assert fit[(0, 0)] > 1.4 * np.median(list(fit.values()))


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(CrossTimeError, match="no image pairs"):
        build_realpairs_store(str(tmp_path), str(tmp_path / "x.ctstore"))


def test_land_cover_per_date_becomes_each_dates_map(tmp_path):
    """A semantic-change source: class images per date mapped by the source's classes.json; a scene without them
    has an empty map, and a source without a mapping is named."""
    import json

    import rasterio
    src = tmp_path / "pairs" / "scd"
    rng = np.random.default_rng(0)
    for scene in ("s1", "s2"):
        (src / scene).mkdir(parents=True)
        for d in "ab":
            with rasterio.open(src / scene / f"{d}.png", "w", driver="PNG", width=64, height=64, count=3,
                               dtype="uint8") as f:
                f.write(rng.integers(0, 255, (3, 64, 64), dtype=np.uint8))
    classes = {"a": np.full((64, 64), 3, np.uint8), "b": np.full((64, 64), 3, np.uint8)}
    classes["a"][:32] = 1                      # water above, ground below on the old date
    classes["b"][:, :32] = 2                   # buildings on the left on the new date
    for d, values in classes.items():
        with rasterio.open(src / "s1" / f"{d}_classes.png", "w", driver="PNG", width=64, height=64, count=1,
                           dtype="uint8") as f:
            f.write(values, 1)
    (src / "classes.json").write_text(json.dumps({"name": "scd", "classes": {"1": "water", "2": "building",
                                                                            "3": None}}))
    st = build_realpairs_store(str(tmp_path / "pairs"), str(tmp_path / "scd.ctstore"), tile_px=32)
    k = {str(t): n for n, t in enumerate(st.ids)}
    assert (np.asarray(st.sem_a)[k["scd/s1:0_0"]] == 7).all() and not np.asarray(st.sem_a)[k["scd/s1:32_0"]].any()
    assert (np.asarray(st.sem_b)[k["scd/s1:0_0"]] == 6).all() and not np.asarray(st.sem_b)[k["scd/s1:0_32"]].any()
    assert not np.asarray(st.sem_a)[[k["scd/s2:0_0"], k["scd/s2:32_32"]]].any()
    (src / "classes.json").unlink()
    with pytest.raises(CrossTimeError, match="a_classes.png: land-cover classes without a mapping"):
        build_realpairs_store(str(tmp_path / "pairs"), str(tmp_path / "x.ctstore"), tile_px=32)
