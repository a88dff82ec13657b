"""The job layer end to end: store -> index (from the store and from the layers) -> bulk match, click, evaluation."""
import os

import numpy as np
import pytest

from crosstime.core import jobs
from crosstime.core.errors import CrossTimeError
from crosstime.core.geo.legend import load_legend
from crosstime.core.retrieval.index import DescriptorIndex, IndexFileError
from crosstime.core.retrieval.neighbourhood import Neighbourhood


@pytest.fixture(scope="module")
def legend():
    return load_legend("bdtopo_v3")


def test_index_from_layers_equals_index_from_the_store(store, land, tiny_model, legend, tmp_path):
    """The two tile sources read the same pixels and draw the same vectors, so the descriptors agree."""
    from_store = jobs.build_index_from_store(store.path, str(tmp_path / "s.ctindex"), model=tiny_model, device="cpu")
    grid = store.grid
    from_layers, grid2, _ = jobs.build_index_from_layers(
        str(tmp_path / "l.ctindex"), land.old_ortho, land.new_ortho, jobs.read_vector_files([land.old_vectors]), legend,
        jobs.IndexSettings(model=tiny_model, tile_size=grid.tile_size, pixels=grid.pixels, device="cpu"))
    assert grid2.to_dict() == grid.to_dict()
    assert list(from_layers.ids) == list(from_store.ids)
    np.testing.assert_allclose(from_layers.descriptors, from_store.descriptors, rtol=1e-4, atol=1e-5)
    assert DescriptorIndex.load(str(tmp_path / "l.ctindex")).model_fingerprint == from_store.model_fingerprint


def test_bulk_match_click_and_evaluation_agree(store, land, trained_model, legend, tmp_path):
    index_path = str(tmp_path / "old.ctindex")
    grid = store.grid
    jobs.build_index_from_layers(index_path, land.old_ortho, land.new_ortho, jobs.read_vector_files([land.old_vectors]),
                                 legend, jobs.IndexSettings(model=trained_model, tile_size=grid.tile_size,
                                                            pixels=grid.pixels, device="cpu"))
    gpkg = str(tmp_path / "matches.gpkg")
    bm, _ = jobs.match_all_tiles(index_path, trained_model, legend, land.new_ortho,
                                 new_vectors=jobs.read_vector_files([land.new_vectors]), k=5, out_gpkg=gpkg, device="cpu")
    assert os.path.exists(gpkg) and len(bm.query_ids) == len(grid)
    assert bm.summary()["map@5"] > 0.3          # far above chance (1/144) for a model trained on this very area
    assert bm.neighbourhood == "3x3 trimmed" and set(bm.neighbours) == {4, 6, 9}     # corners, edges, inside
    single = jobs.match_all_tiles(index_path, trained_model, legend, land.new_ortho, k=5, device="cpu",
                                  new_vectors=jobs.read_vector_files([land.new_vectors]),
                                  neighbourhood=Neighbourhood(1))[0]
    assert single.neighbourhood == "1x1" and not np.array_equal(single.rows, bm.rows)
    # a click on the centre of tile k answers what the bulk match answered for k, with either neighbourhood
    matcher = jobs.open_matcher(index_path, trained_model, legend, land.new_ortho,
                                new_vectors=jobs.read_vector_files([land.new_vectors]), old_ortho=land.old_ortho,
                                old_vectors=jobs.read_vector_files([land.old_vectors]), device="cpu")
    try:
        for k in (0, 17, 60):
            x0, y0, x1, y1 = bm.query_footprints[k]
            res = matcher.match((x0 + x1) / 2, (y0 + y1) / 2, 5, with_images=True)
            np.testing.assert_allclose(res.query_footprint, bm.query_footprints[k])
            assert res.ids == [str(t) for t in bm.match_ids()[k]] and res.neighbours == bm.neighbours[k]
            np.testing.assert_allclose(res.scores, bm.scores[k], atol=1e-5)
            assert res.grid_footprints == [tuple(bm.index.footprints[r]) for r in bm.rows[k]]
            # the best answer is moved inside half a tile of its own; the others stay on theirs
            shift = np.subtract(res.footprints[0], res.grid_footprints[0])
            assert np.all(np.abs(shift) <= grid.tile_size / 2 + 1e-6) and res.footprints[1:] == res.grid_footprints[1:]
            assert res.images["query"][0].shape == (grid.pixels, grid.pixels, 3) and len(res.images["matches"]) == 5
            one = matcher.match((x0 + x1) / 2, (y0 + y1) / 2, 5, neighbourhood=Neighbourhood(1))
            assert one.ids == [str(t) for t in single.match_ids()[k]] and one.neighbourhood == "1x1"
        # a click off the tiles' centres: the answer drawn where the window centred on the point lies in it
        right = [k for k in range(len(bm.query_ids)) if bm.match_ids()[k, 0] == bm.query_ids[k]]
        x0, y0, x1, y1 = bm.query_footprints[right[len(right) // 2]]
        size = x1 - x0
        res = matcher.match(x0 + 0.8 * size, y0 + 0.3 * size, 5)
        assert res.query_id == bm.query_ids[right[len(right) // 2]] and res.ids[0] == res.query_id
        np.testing.assert_allclose(res.query_footprint, (x0 + 0.3 * size, y0 - 0.2 * size, x1 + 0.3 * size,
                                                         y1 - 0.2 * size))
        assert np.abs(np.subtract(res.footprints[0], res.query_footprint)).max() < 0.1 * size
    finally:
        matcher.close()
    ev = jobs.evaluate_stores([store.path], str(tmp_path / "eval"), jobs.EvaluationRequest(
        models=[trained_model], baselines=["thumbnail"], device="cpu"))
    assert os.path.exists(ev.files["html"]) and any(r.get("kind") == "trained" for r in ev.rows)


def test_an_index_refuses_another_describer(store, tiny_model, trained_model, legend, tmp_path):
    path = str(tmp_path / "i.ctindex")
    jobs.build_index_from_store(store.path, path, model=tiny_model, device="cpu")
    with pytest.raises(IndexFileError, match="model"):
        jobs.describer_for_index(DescriptorIndex.load(path), trained_model, legend, device="cpu")
    with pytest.raises(CrossTimeError):
        jobs.open_tile_set([])


@pytest.mark.slow
def test_learn_this_region_keeps_the_model_beside_the_project_and_indexes(store, land, legend, tmp_path):
    folder = str(tmp_path / "project" / "crosstime")
    index_path = str(tmp_path / "project" / "old.ctindex")
    grid = store.grid
    lines = []
    from crosstime.core.progress import Progress
    model, result, index = jobs.learn_region(folder, grid, land.old_ortho, land.new_ortho,
                                             jobs.read_vector_files([land.old_vectors]),
                                             jobs.read_vector_files([land.new_vectors]), legend, minutes=0.05,
                                             index_out=index_path, progress=Progress(log=lines.append))
    assert model == os.path.join(folder, jobs.REGION_MODEL) and os.path.exists(model)
    assert os.path.exists(os.path.join(folder, "region_training.csv")) and len(index) == len(grid)
    assert DescriptorIndex.load(index_path).model_fingerprint == jobs.describer_for(model, legend).fingerprint
    assert any("every half tile" in line or "stride" in line or "learning this region" in line for line in lines)
    assert result.history[0]["epoch"] == 0 and len(result.history) >= 2     # the untrained score, then training


def test_the_untrained_network_lives_beside_its_index(tmp_path):
    index = str(tmp_path / "old.ctindex")
    assert jobs.untrained_model_path(index) == str(tmp_path / "old.untrained.ctmodel")
    from crosstime.core.jobs.describer_choice import model_for_index
    assert model_for_index("quick", index) == "quick" and model_for_index(None, index) is None
    with pytest.raises(CrossTimeError, match="build the index again"):
        model_for_index(jobs.UNTRAINED, index)
    with pytest.raises(CrossTimeError, match="build the index first"):
        jobs.describer_for(jobs.UNTRAINED, None)


def _features_near(layers_by_date):
    """``vectors_near`` over plain layers: the features whose bounding box meets the bounds (a spatial request)."""
    from crosstime.core.geo.vectors import VectorLayerData

    def box(coords):
        flat = np.asarray([c for c in _points(coords)], np.float64)
        return flat[:, 0].min(), flat[:, 1].min(), flat[:, 0].max(), flat[:, 1].max()

    def near(date, bounds):
        out = []
        for layer in layers_by_date[date]:
            keep = []
            for g, p in layer.features:
                x0, y0, x1, y1 = box(g["coordinates"])
                if x0 <= bounds[2] and x1 >= bounds[0] and y0 <= bounds[3] and y1 >= bounds[1]:
                    keep.append((g, p))
            out.append(VectorLayerData(layer.name, layer.crs, keep, layer.source))
        return out
    return near


def _points(coords):
    if coords and isinstance(coords[0], (int, float)):
        yield coords[:2]
    else:
        for c in coords:
            yield from _points(c)


def test_a_click_reading_around_itself_answers_as_one_reading_everything(store, land, trained_model, legend,
                                                                        tmp_path):
    """The first click no longer waits for whole layers: it reads the features around its tiles, and those around
    each match after its answer (match_semantics); the answers and the pictures are the same, and the matcher takes
    the whole layers once they are read."""
    from crosstime.core.tiles.dates import NEW, OLD
    index_path = str(tmp_path / "old.ctindex")
    grid = store.grid
    jobs.build_index_from_layers(index_path, land.old_ortho, land.new_ortho, jobs.read_vector_files([land.old_vectors]),
                                 legend, jobs.IndexSettings(model=trained_model, tile_size=grid.tile_size,
                                                            pixels=grid.pixels, device="cpu"))
    layers = {NEW: jobs.read_vector_files([land.new_vectors]), OLD: jobs.read_vector_files([land.old_vectors])}
    whole = jobs.open_matcher(index_path, trained_model, legend, land.new_ortho, new_vectors=layers[NEW],
                              old_ortho=land.old_ortho, old_vectors=layers[OLD], device="cpu")
    near = jobs.open_matcher(index_path, trained_model, legend, land.new_ortho, old_ortho=land.old_ortho,
                             vectors_near=_features_near(layers), device="cpu")
    try:
        assert near.reads_around_clicks and not whole.reads_around_clicks
        for x, y in ((700230.0, 6600410.0), (700810.0, 6600950.0)):
            x, y = grid.bounds()[0] + (x - 700000.0), grid.bounds()[1] + (y - 6600000.0)
            a, b = whole.match(x, y, 5, with_images=True), near.match(x, y, 5, with_images=True)
            assert (a.query_id, a.ids) == (b.query_id, b.ids)
            np.testing.assert_allclose(a.scores, b.scores, atol=1e-5)
            np.testing.assert_array_equal(a.images["query"][1], b.images["query"][1])         # same map drawn
            assert b.semantics_pending and not a.semantics_pending
            for (ia, _), (ib, cb) in zip(a.images["matches"], b.images["matches"]):
                np.testing.assert_array_equal(ia, ib)
                assert cb is None
            assert near.match_semantics(b) is b and not b.semantics_pending
            for (_, ca), (_, cb) in zip(a.images["matches"], b.images["matches"]):
                np.testing.assert_array_equal(ca, cb)
        assert near.adopt_tiles(jobs.layer_tiles(near.grid, legend, old_ortho=land.old_ortho, new_ortho=land.new_ortho,
                                                 old_vectors=layers[OLD], new_vectors=layers[NEW]))
        assert not near.reads_around_clicks and near.match(x, y, 5).ids == a.ids
    finally:
        whole.close()
        near.close()
    assert not near.adopt_tiles(jobs.layer_tiles(near.grid, legend, new_ortho=land.new_ortho))   # closed meanwhile
    from crosstime.core.retrieval.click import MatchError
    with pytest.raises(MatchError, match="closed"):           # a click waiting while its matcher closed
        near.match(x, y, 5)
    assert near._tiles is None
