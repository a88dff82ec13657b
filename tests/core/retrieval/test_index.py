"""The descriptor index: round trip, refusals, atomic writes, shards, exact and FAISS search."""
import os

import numpy as np
import pytest

from crosstime.core.progress import Cancelled, Progress
from crosstime.core.retrieval.describer import ModelDescriber
from crosstime.core.retrieval.index import (
    DescriptorIndex,
    IndexFileError,
    build_index,
    faiss_available,
    merge_indexes,
    parse_shard,
    shard_range,
)
from crosstime.core.tiles.selection import TileSet


def _random_index(n=500, d=32, seed=0, fp="abc"):
    rng = np.random.default_rng(seed)
    return DescriptorIndex(rng.normal(size=(n, d)).astype(np.float32), np.array([f"{i}_0" for i in range(n)]),
                           np.tile([0, 0, 1, 1], (n, 1)).astype(float), "EPSG:2154", fp,
                           {"tile_size": 100.0, "pixels": 64, "crs": "EPSG:2154"})


def test_roundtrip_and_search_backends_agree(tmp_path):
    idx = _random_index()
    path = str(tmp_path / "i.ctindex")
    idx.save(path)
    back = DescriptorIndex.load(path, expect_fingerprint="abc")
    assert np.array_equal(back.descriptors, idx.descriptors) and list(back.ids) == list(idx.ids)
    q = idx.descriptors[:20] + 0.01
    s_np, i_np = back.query(q, 5, backend="numpy")
    s_sk, i_sk = back.query(q, 5, backend="sklearn")
    assert np.array_equal(i_np, i_sk) and np.allclose(s_np, s_sk, atol=1e-5)
    assert (i_sk[:, 0] == np.arange(20)).all()
    if faiss_available():
        s_f, i_f = back.query(q, 5, backend="faiss")
        assert np.array_equal(i_f, i_sk)
        s_ivf, i_ivf = back.query(q, 5, backend="faiss", nlist=8, nprobe=8)
        assert (i_ivf[:, 0] == np.arange(20)).all()


def test_foreign_damaged_and_other_model_indexes_are_refused(tmp_path):
    idx = _random_index()
    path = str(tmp_path / "i.ctindex")
    idx.save(path)
    with pytest.raises(IndexFileError, match="another model"):
        DescriptorIndex.load(path, expect_fingerprint="xyz")
    np.savez(tmp_path / "foreign.npz", a=np.zeros(3))
    with pytest.raises(IndexFileError, match="not a CrossTime descriptor index"):
        DescriptorIndex.load(str(tmp_path / "foreign.npz"))
    (tmp_path / "junk.ctindex").write_bytes(b"\x00" * 100)
    with pytest.raises(IndexFileError, match="not a CrossTime descriptor index"):
        DescriptorIndex.load(str(tmp_path / "junk.ctindex"))
    data = open(path, "rb").read()
    (tmp_path / "cut.ctindex").write_bytes(data[: len(data) // 3])
    with pytest.raises(IndexFileError):
        DescriptorIndex.load(str(tmp_path / "cut.ctindex"))


def test_interrupted_build_leaves_no_index_file(store, tiny_model, tmp_path):
    tiles = TileSet([store])
    d = ModelDescriber(tiny_model, store.legend(), device="cpu")
    calls = {"n": 0}

    def cancel_after_two():
        calls["n"] += 1
        return calls["n"] > 2
    path = tmp_path / "i.ctindex"
    with pytest.raises(Cancelled):
        build_index(d, tiles, "a", progress=Progress(is_cancelled=cancel_after_two)).save(str(path))
    assert os.listdir(tmp_path) == []


def test_shards_merge_into_the_whole(store, tiny_model, tmp_path):
    tiles = TileSet([store])
    d = ModelDescriber(tiny_model, store.legend(), device="cpu")
    whole = build_index(d, tiles, "a")
    parts = []
    for i in range(3):
        p = str(tmp_path / f"part{i}.ctindex")
        build_index(d, tiles, "a", shard=(i, 3)).save(p)
        parts.append(p)
    merged = merge_indexes(parts, str(tmp_path / "merged.ctindex"))
    assert list(merged.ids) == list(whole.ids)
    assert np.allclose(merged.descriptors, whole.descriptors, atol=1e-5)
    with pytest.raises(IndexFileError, match="overlap"):
        merge_indexes([parts[0], parts[0]])
    other = _random_index(d=merged.dim, fp="other")
    other.save(str(tmp_path / "other.ctindex"))
    with pytest.raises(IndexFileError, match="another model"):
        merge_indexes([parts[0], str(tmp_path / "other.ctindex")])
    assert parse_shard("2/8") == (1, 8) and shard_range(10, (2, 3)) == (6, 10)
    with pytest.raises(ValueError):
        parse_shard("9/8")
