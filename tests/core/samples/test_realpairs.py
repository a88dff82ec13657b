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
