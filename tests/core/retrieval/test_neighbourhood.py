"""Neighbourhood-consistent scoring: positions, neighbours at edges, the aggregates, exact against shortlisted
search, indexes written before neighbourhoods, and the sub-tile placement of an answer."""
import numpy as np
import pytest

from crosstime.core.retrieval.index import DescriptorIndex
from crosstime.core.retrieval.neighbourhood import (
    Lattice,
    Neighbourhood,
    NeighbourhoodError,
    combine,
    lattice_positions,
    neighbourhood_similarity,
    search_all,
    search_around,
)
from crosstime.core.retrieval.subtile import best_shift


def _grid_footprints(cols, rows, size=250.0, x0=651_000.0, y0=6_860_000.0):
    """Footprints of a cols x rows grid in a projected CRS (y northwards), row by row from the north as indexes are."""
    return np.array([(x0 + i * size, y0 + j * size, x0 + (i + 1) * size, y0 + (j + 1) * size)
                     for j in range(rows - 1, -1, -1) for i in range(cols)])


def test_neighbours_come_from_footprints_and_stop_at_edges_and_scenes():
    fp = _grid_footprints(4, 3)
    lattice = Lattice(lattice_positions(fp))
    nb = Neighbourhood(3, "mean")
    around = lattice.neighbour_rows(nb.offsets())
    assert around.shape == (12, 9) and np.array_equal(around[:, 0], np.arange(12))
    east, north = list(map(tuple, nb.offsets())).index((1, 0)), list(map(tuple, nb.offsets())).index((0, 1))
    # row 0 is the north-west tile: its east neighbour is row 1, it has no northern one
    assert around[0, east] == 1 and around[0, north] == -1 and around[4, north] == 0
    assert sorted((around >= 0).sum(1)) == [4] * 4 + [6] * 6 + [9] * 2
    # two scenes with the same pixel footprints are never neighbours of each other
    two = Lattice(lattice_positions(np.vstack([fp, fp]), [0] * 12 + [1] * 12)).neighbour_rows(nb.offsets())
    assert np.array_equal(two[12:], np.where(around >= 0, around + 12, -1))
    # a grid cut every half tile: neighbours one whole tile away
    half = np.array([(x, 0.0, x + 2.0, 2.0) for x in np.arange(0.0, 10.0, 1.0)])
    assert Lattice(lattice_positions(half)).neighbour_rows(np.array([[1, 0]]))[:, 0].tolist() == \
        [2, 3, 4, 5, 6, 7, 8, 9, -1, -1]


def test_mean_and_trimmed_over_the_terms_present():
    terms = np.array([[1.0, 0.5, np.nan, 0.0, 0.9], [np.nan] * 5, [0.2, np.nan, np.nan, np.nan, np.nan]])
    np.testing.assert_allclose(combine(terms, "mean"), [0.6, -np.inf, 0.2])
    # trimmed: the lowest quarter (of the four present: one) left out
    np.testing.assert_allclose(combine(terms, "trimmed"), [(1.0 + 0.5 + 0.9) / 3, -np.inf, 0.2])
    with pytest.raises(NeighbourhoodError, match="size 4"):
        Neighbourhood(4)
    with pytest.raises(NeighbourhoodError, match="median"):
        Neighbourhood(3, "median")


def _brute_force(sim, around, aggregate):
    out = np.empty_like(sim)
    for q in range(len(sim)):
        for c in range(sim.shape[1]):
            t = [sim[a, b] if a >= 0 and b >= 0 else np.nan for a, b in zip(around[q], around[c])]
            out[q, c] = combine(np.array([t]), aggregate)[0]
    return out


@pytest.mark.parametrize("aggregate", ["mean", "trimmed"])
def test_matrix_scores_are_the_definition(aggregate):
    rng = np.random.default_rng(0)
    around = Lattice(lattice_positions(_grid_footprints(5, 4))).neighbour_rows(Neighbourhood(3).offsets())
    sim = rng.normal(size=(20, 20)).astype(np.float32)
    np.testing.assert_allclose(neighbourhood_similarity(sim, around, around, aggregate),
                               _brute_force(sim, around, aggregate), rtol=1e-5, atol=1e-6)


def _index(n_cols=12, n_rows=10, dim=16, seed=0):
    rng = np.random.default_rng(seed)
    fp = _grid_footprints(n_cols, n_rows)
    return DescriptorIndex(rng.normal(size=(len(fp), dim)).astype(np.float32),
                           np.array([f"{k}" for k in range(len(fp))]), fp, "EPSG:2154", "f"), rng


def test_a_changed_neighbour_sinks_the_mean_not_the_trimmed_mean():
    index, rng = _index()
    nb3 = Neighbourhood(3, "mean")
    around = index.neighbourhood_search(nb3).around
    truth = 50
    query = index.descriptors[np.maximum(around[truth], 0)] + 0.6 * rng.normal(size=(9, 16)).astype(np.float32)
    query[[3, 7]] = -index.descriptors[around[truth, [3, 7]]]      # two neighbours changed beyond recognition
    present = np.ones(9, bool)
    trimmed_rows = search_around(index, query, present, Neighbourhood(3, "trimmed"), 3)[1]
    assert trimmed_rows[0] == truth
    # the mean still finds it here, by a smaller lead: the changed neighbours pulled the true place down
    mean_score = search_around(index, query, present, nb3, len(index))[0]
    trimmed_score = search_around(index, query, present, Neighbourhood(3, "trimmed"), len(index))[0]
    assert trimmed_score[0] - trimmed_score[1] > mean_score[0] - mean_score[1]


def test_shortlisted_search_finds_what_the_exact_search_finds(monkeypatch):
    import crosstime.core.retrieval.neighbourhood as neighbourhood
    index, rng = _index(20, 15, seed=1)
    nb = Neighbourhood.default()
    around = index.neighbourhood_search(nb).around
    queries = index.descriptors + 0.5 * rng.normal(size=index.descriptors.shape).astype(np.float32)
    s_all, r_all, ranks = search_all(index, queries, around, nb, 5, truth=np.arange(len(index)), backend="numpy")
    for q in (0, 19, 150, 299):            # corner, corner, inside, corner
        present = around[q] >= 0
        s, r = search_around(index, queries[np.maximum(around[q], 0)], present, nb, 5)
        assert r.tolist() == r_all[q].tolist()
        np.testing.assert_allclose(s, s_all[q], rtol=1e-5)
        monkeypatch.setattr(neighbourhood, "EXACT_LIMIT", 10)       # as for a very large index: a shortlist
        s2, r2 = search_around(index, queries[np.maximum(around[q], 0)], present, nb, 5, backend="numpy")
        monkeypatch.undo()
        assert r2.tolist() == r.tolist()
    assert (ranks == 1).mean() > 0.9


def test_an_index_file_of_before_finds_its_neighbours(tmp_path):
    index, _ = _index(6, 5)
    path = str(tmp_path / "old.ctindex")
    index.save(path)                 # the file holds footprints, as every version did: nothing else is needed
    again = DescriptorIndex.load(path)
    nb = Neighbourhood(5, "trimmed")
    assert np.array_equal(again.neighbourhood_search(nb).around, index.neighbourhood_search(nb).around)


def test_the_best_shift_of_a_window_inside_the_old_image():
    rng = np.random.default_rng(3)
    # a landscape of blocks (fields, houses), the old image 2 x 2 tiles of 64 px around the matched tile
    world = np.kron(rng.integers(0, 255, size=(32, 32)), np.ones((8, 8))).astype(np.float32)
    around = world[64:192, 64:192]
    for dx, dy in ((0, 0), (10, -6), (-16, 16)):           # pixels east, pixels north
        r0, c0 = 96 - dy, 96 + dx                           # the matched tile starts at (96, 96) of the world
        query = world[r0:r0 + 64, c0:c0 + 64] * 0.7 + 20    # another date: other tones
        sx, sy, corr = best_shift(np.dstack([query] * 3), np.dstack([around] * 3))
        assert abs(sx * 64 - dx) <= 2 and abs(sy * 64 - dy) <= 2 and corr > 0.5
