"""The map takes part in a descriptor only where both dates have one: an index, a matcher and a tile store each leave
it out of both dates when one date has no vector data, and say so."""
import numpy as np
import pytest

from crosstime.core import jobs
from crosstime.core.errors import CrossTimeError
from crosstime.core.geo.legend import load_legend
from crosstime.core.progress import Progress
from crosstime.core.retrieval.map_use import (
    DescriberWithoutMaps,
    describer_uses_maps,
    maps_on_both_dates,
)
from crosstime.core.tiles.dates import NEW, OLD
from crosstime.core.tiles.selection import TileSet
from crosstime.core.tiles.store import TileStore


def test_which_describers_look_at_the_map():
    assert describer_uses_maps({"modality": "fusion"}) and describer_uses_maps({"modality": "semantic"})
    assert describer_uses_maps({"baseline": "efficientnet_lite0", "modality": "early"})
    assert not describer_uses_maps({"modality": "visual"}) and not describer_uses_maps({"baseline": "thumbnail"})
    assert maps_on_both_dates(True, True, {"modality": "fusion"})
    assert not maps_on_both_dates(True, False, {"modality": "fusion"})
    with pytest.raises(CrossTimeError, match="only the map"):
        maps_on_both_dates(True, False, {"modality": "semantic"})


def build(land, model, out, old_vectors, new_has_vectors, said=None):
    progress = Progress(log=said.append) if said is not None else Progress()
    idx, _, _ = jobs.build_index_from_layers(
        str(out), land.old_ortho, land.new_ortho, old_vectors, load_legend("bdtopo_v3"),
        jobs.IndexSettings(model=model, tile_size=300.0, pixels=64, new_has_vectors=new_has_vectors, device="cpu"),
        progress=progress)
    return idx


def test_an_index_and_its_matcher_leave_the_map_out_when_one_date_has_none(land, tiny_model, tmp_path):
    legend = load_legend("bdtopo_v3")
    old_v, new_v = jobs.read_vector_files([land.old_vectors]), jobs.read_vector_files([land.new_vectors])
    said = []
    one_date = build(land, tiny_model, tmp_path / "one.ctindex", old_v, False, said)
    assert one_date.meta["maps"] is False
    assert any("only the old date has vector layers" in str(m) for m in said), said
    # described as if no date had vectors: the old map is not drawn
    bare = build(land, tiny_model, tmp_path / "bare.ctindex", (), False)
    assert np.allclose(one_date.descriptors, bare.descriptors, atol=1e-5)
    both = build(land, tiny_model, tmp_path / "both.ctindex", old_v, True)
    assert both.meta["maps"] is True and not np.allclose(both.descriptors, bare.descriptors, atol=1e-3)

    # the new date's vectors given to the index made without maps: left out of the queries too, and said
    m = jobs.open_matcher(str(tmp_path / "one.ctindex"), tiny_model, legend, land.new_ortho, new_vectors=new_v,
                          device="cpu")
    try:
        assert isinstance(m.describer, DescriberWithoutMaps) and "left out" in str(m.notes[0])
        x0, y0, x1, y1 = one_date.footprints[len(one_date) // 2]
        mapless = m.match((x0 + x1) / 2, (y0 + y1) / 2, 3)
    finally:
        m.close()
    plain = jobs.open_matcher(str(tmp_path / "bare.ctindex"), tiny_model, legend, land.new_ortho, device="cpu")
    try:
        assert plain.notes == []
        want = plain.match((x0 + x1) / 2, (y0 + y1) / 2, 3)
    finally:
        plain.close()
    assert mapless.ids == want.ids and np.allclose(mapless.scores, want.scores, atol=1e-5)
    # an index made with both maps, matched without the new date's: the user is told, answers still come
    m = jobs.open_matcher(str(tmp_path / "both.ctindex"), tiny_model, legend, land.new_ortho, device="cpu")
    try:
        assert "empty map" in str(m.notes[0]) and not isinstance(m.describer, DescriberWithoutMaps)
    finally:
        m.close()
    # a describer that never looks at the map says nothing
    quick = build(land, jobs.QUICK, tmp_path / "quick.ctindex", old_v, False)
    assert quick.meta["maps"] is False
    m = jobs.open_matcher(str(tmp_path / "quick.ctindex"), jobs.QUICK, legend, land.new_ortho, new_vectors=new_v)
    try:
        assert m.notes == []
    finally:
        m.close()


def test_a_tile_store_with_one_mapped_date_is_read_without_maps(land, store, tmp_path):
    one, _ = jobs.build_tile_store(str(tmp_path / "one.ctstore"), land.old_ortho, land.new_ortho,
                                   jobs.read_vector_files([land.old_vectors]), (), load_legend("bdtopo_v3"),
                                   tile_size=300.0, pixels=64)
    assert one.meta["maps"] == {"old": True, "new": False}
    assert one.has_map(OLD) and not one.has_map(NEW)
    assert one.codes(OLD, slice(None)).any()                 # drawn in the store, kept for whoever wants it ...
    tiles = TileSet([TileStore(one.path)], min_valid=0.0)
    assert not tiles.read(np.arange(len(tiles)), OLD).codes.any()       # ... but never compared with an empty map
    assert tiles.stores_without_maps() == [one.path]
    said = []
    from crosstime.core.retrieval.map_use import tell_stores_without_maps
    tell_stores_without_maps(tiles, Progress(log=said.append))
    assert "one.ctstore" in str(said[0])
    # both dates mapped: read as drawn; a store made before the maps were recorded is read from its codes
    full = TileSet([store], min_valid=0.0)
    assert full.maps == [True] and full.read([0, 1, 2], OLD).codes.any() and full.stores_without_maps() == []
