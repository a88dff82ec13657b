"""Nothing lost, nothing silent: a failed write keeps the previous file whole; a broken geometry is skipped and
reported, never fatal; NaN descriptors, k out of range, blank new tiles and a model's own tile settings are never
silent; an unwritable output is refused before any work; temporaries of killed writers are cleared and a store is
never lost; errors are one line naming the file, never PyTorch's advice to load unsafely; exact search on one
shared normalised copy of the descriptors."""
import errno
import json
import os
import pickle
import signal
import subprocess
import sys

import numpy as np
import pytest

from crosstime.core import jobs
from crosstime.core.geo.legend import load_legend
from crosstime.core.geo.vectors import VectorLayerData, box_polygon
from crosstime.core.retrieval.index import DescriptorIndex, IndexFileError, build_index
from crosstime.core.tiles.dates import NEW
from crosstime.core.tiles.selection import TileSet

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _index(n=40, d=16, seed=0, fp="fp", grid=True):
    rng = np.random.default_rng(seed)
    fps = np.array([[100.0 * i, 0.0, 100.0 * i + 100, 100.0] for i in range(n)])
    return DescriptorIndex(rng.normal(size=(n, d)).astype(np.float32), np.array([f"{i}_0" for i in range(n)]), fps,
                           "EPSG:2154", fp, {"tile_size": 100.0, "pixels": 32, "crs": "EPSG:2154", "origin": [0, 0],
                                             "stride": 100.0, "bounds": [0, 0, 100.0 * n, 100]} if grid else None)


def _dead_pid() -> int:
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


def _batch_matches(n=6, k=3):
    from crosstime.core.retrieval.bulk import BatchMatches
    idx = _index(n)
    scores, rows = idx.query(idx.descriptors, k)
    return BatchMatches([str(t) for t in idx.ids], idx.footprints, rows, scores, idx, np.ones(n, np.int64))


def _layer_counts(path):
    from osgeo import ogr
    ds = ogr.Open(str(path))
    return {ds.GetLayer(i).GetName(): ds.GetLayer(i).GetFeatureCount() for i in range(ds.GetLayerCount())}


def test_failed_match_output_keeps_the_previous_geopackage(tmp_path, monkeypatch):
    """A full disk while writing the 'links' layer leaves the previous matches.gpkg whole, and no debris."""
    from crosstime.core.geo import vectors
    from crosstime.core.retrieval.bulk import write_matches_gpkg
    path = tmp_path / "matches.gpkg"
    write_matches_gpkg(str(path), _batch_matches())
    before = _layer_counts(path)
    assert set(before) == {"queries", "matches", "links"}

    class FullDiskAtLinks:
        """json as vectors.py uses it, except that the first line geometry (the 'links' layer) finds the disk full."""
        loads = staticmethod(json.loads)

        @staticmethod
        def dumps(obj, *a, **kw):
            if isinstance(obj, dict) and obj.get("type") == "LineString":
                raise OSError(errno.ENOSPC, "No space left on device")
            return json.dumps(obj, *a, **kw)
    monkeypatch.setattr(vectors, "json", FullDiskAtLinks)
    with pytest.raises(OSError) as err:
        write_matches_gpkg(str(path), _batch_matches(n=8))
    assert str(path) in str(err.value) and "disk is full" in str(err.value)
    monkeypatch.undo()
    assert _layer_counts(path) == before                      # the previous result, whole
    assert sorted(os.listdir(tmp_path)) == ["matches.gpkg"]   # no half-written temporary left


def test_broken_geometries_are_skipped_and_reported(tmp_path):
    from crosstime.core.geo.rasterize import SemanticRasterizer
    legend = load_legend("bdtopo_v3")
    x0, y0 = 700000.0, 6600000.0
    good = box_polygon((x0 + 10, y0 + 10, x0 + 60, y0 + 60))
    unclosed = {"type": "Polygon", "coordinates": [[[x0 + 70, y0 + 70], [x0 + 90, y0 + 70], [x0 + 90, y0 + 90],
                                                    [x0 + 70, y0 + 90]]]}
    one_point = {"type": "LineString", "coordinates": [[x0 + 5, y0 + 5]]}
    buildings = VectorLayerData("BATIMENT", "EPSG:2154", [(good, {"NATURE": "Indifférenciée", "ID": "B1"}),
                                                           (unclosed, {"NATURE": "Indifférenciée", "ID": "B2"})])
    roads = VectorLayerData("TRONCON_DE_ROUTE", "EPSG:2154", [(one_point, {"LARGEUR_DE_CHAUSSEE": 5.0})])
    r = SemanticRasterizer([buildings, roads], legend, "EPSG:2154", 1.0, clip_to=(x0, y0, x0 + 100, y0 + 100))
    codes = r.codes((x0, y0, x0 + 100, y0 + 100), 50)
    assert (codes == legend.category("building").code).sum() == 25 * 25         # the good one is drawn
    bad = r.report.bad_features
    assert bad["BATIMENT"] == [("feature 2 (id=B2)", "ring 1 is not closed (its last point is not its first)")]
    assert len(bad["TRONCON_DE_ROUTE"]) == 1 and bad["TRONCON_DE_ROUTE"][0][0] == "feature 1"
    text = " ".join(r.report.warnings())
    assert "layer 'BATIMENT'" in text and "feature 2 (id=B2)" in text and "not closed" in text
    assert "layer 'TRONCON_DE_ROUTE'" in text and "Fix Geometries" in text
    d = r.report.to_dict()
    assert d["bad_feature_counts"] == {"BATIMENT": 1, "TRONCON_DE_ROUTE": 1}
    json.dumps(d)                                              # goes into a store's meta.json as is


def test_nan_descriptors_are_refused_on_load_and_at_build(store, tmp_path):
    idx = _index()
    idx.descriptors[3] = np.nan
    path = str(tmp_path / "nan.ctindex")
    idx.save(path)
    with pytest.raises(IndexFileError, match="NaN") as err:
        DescriptorIndex.load(path)
    assert path in str(err.value) and "tile 3_0" in str(err.value)

    class DivergedModel:
        path, label, fingerprint, config = "diverged.ctmodel", "a diverged model", "fp-nan", {"dim": 8}

        def describe(self, tiles, gidx, date, progress=None):
            out = np.ones((len(gidx), 8), np.float32)
            out[1] = np.inf
            return out
    with pytest.raises(IndexFileError, match="diverged.ctmodel"):
        build_index(DivergedModel(), TileSet([store]), "a")


def test_k_outside_1_to_n_is_refused(tmp_path, monkeypatch):
    from crosstime.core.retrieval.index import SearchError
    idx = _index(n=40)
    q = idx.descriptors[:2]
    for k in (0, -3, 41):
        with pytest.raises(SearchError, match="between 1 and 40"):
            idx.query(q, k)
    assert idx.query(q, 40)[1].shape == (2, 40)
    path = str(tmp_path / "i.ctindex")
    idx.save(path)
    monkeypatch.setattr(jobs, "describer_for_index", lambda *a, **kw: pytest.fail("the job should stop before this"))
    for k in (0, -3, 41):
        with pytest.raises(SearchError):
            jobs.match_all_tiles(path, None, load_legend("bdtopo_v3"), "new.tif", k=k, out_gpkg=str(tmp_path / "m.gpkg"))
    assert not os.path.exists(tmp_path / "m.gpkg")


class _PartlyBlank:
    """The store's tiles, with the new date of the first ``blank`` tiles read as if outside the ortho."""

    def __init__(self, tiles, blank):
        self.tiles, self.blank, self.orthos = tiles, blank, {NEW: "/data/new_ortho.tif"}
        self.pixels = tiles.pixels

    def __len__(self):
        return len(self.tiles)

    def ids(self):
        return self.tiles.ids()

    def footprints(self):
        return self.tiles.footprints()

    def read(self, indices, date):
        b = self.tiles.read(indices, date)
        b.valid = np.where(np.asarray(indices) < self.blank, 0.0, b.valid).astype(np.float32)
        return b


class _Constant:
    fingerprint, label, config = "fp-const", "constant", {}

    def describe(self, tiles, gidx, date, progress=None):
        tiles.read(list(gidx), date)
        return np.random.default_rng(0).normal(size=(len(gidx), 8)).astype(np.float32)


def test_new_tiles_without_data_are_left_out_and_counted(store):
    from crosstime.core.retrieval.bulk import BlankOrthoError, match_tiles
    tiles = TileSet([store])
    idx = DescriptorIndex(np.random.default_rng(1).normal(size=(len(tiles), 8)).astype(np.float32),
                          np.asarray(tiles.ids()), tiles.footprints(), store.crs, "fp-const", store.meta["grid"])
    bm = match_tiles(_Constant(), idx, _PartlyBlank(tiles, 100), k=3)
    assert bm.blank == 100 and len(bm.query_ids) == len(tiles) - 100
    assert bm.query_ids == tiles.ids()[100:] and bm.rows.shape == (len(tiles) - 100, 3)
    with pytest.raises(BlankOrthoError, match="/data/new_ortho.tif"):
        match_tiles(_Constant(), idx, _PartlyBlank(tiles, len(tiles)), k=3)


def test_index_from_layers_takes_the_models_tile_settings(land, tiny_model, tmp_path):
    legend = load_legend("bdtopo_v3")
    vectors = jobs.read_vector_files([land.old_vectors])
    _idx, grid, _w = jobs.build_index_from_layers(str(tmp_path / "a.ctindex"), land.old_ortho, land.new_ortho, vectors,
                                                  legend, jobs.IndexSettings(model=tiny_model, device="cpu"))
    assert (grid.tile_size, grid.pixels) == (100.0, 64)       # the store the model was trained on, not 1000 m/256 px
    from crosstime.core.progress import Progress
    said = []
    _idx, grid, _w = jobs.build_index_from_layers(str(tmp_path / "b.ctindex"), land.old_ortho, land.new_ortho, vectors,
                                                  legend, jobs.IndexSettings(model=tiny_model, tile_size=200.0,
                                                                             pixels=64, device="cpu"),
                                                  progress=Progress(log=said.append))
    assert grid.tile_size == 200.0 and any("trained on tiles of 100" in s and "200" in s for s in said)


def test_unwritable_outputs_are_refused_before_any_work(store, tmp_path, monkeypatch):
    import shutil
    from collections import namedtuple

    from crosstime.core.atomic import OutputError, check_writable
    blocker = tmp_path / "a_file"
    blocker.write_text("x")
    out = str(blocker / "sub" / "model.ctmodel")
    with pytest.raises(OutputError, match="a_file is a file") as err:
        check_writable(out)
    assert out in str(err.value)
    import crosstime.core.train.run as run
    monkeypatch.setattr(run, "train", lambda *a, **kw: pytest.fail("training started before the output was checked"))
    with pytest.raises(OutputError, match="model.ctmodel"):
        jobs.train_descriptor([store.path], out)
    with pytest.raises(OutputError, match="log.csv"):
        jobs.train_descriptor([store.path], str(tmp_path / "m.ctmodel"), log_csv=str(blocker / "log.csv"))
    monkeypatch.setattr(jobs, "describer_for", lambda *a, **kw: pytest.fail("describing started before the check"))
    with pytest.raises(OutputError, match="i.ctindex"):
        jobs.build_index_from_store(store.path, str(blocker / "i.ctindex"))
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda p: usage(10 ** 12, 10 ** 12 - 300_000_000, 300_000_000))
    with pytest.raises(OutputError, match=r"1.23 GB needed, 300 MB free"):
        check_writable(str(tmp_path / "big.ctstore"), 1_234_000_000)
    assert sorted(os.listdir(tmp_path)) == ["a_file"]         # the checks leave nothing behind


_SLOW_WRITER = """
import sys, time
sys.path.insert(0, {root!r})
import numpy as np
from crosstime.core.retrieval import index as ix
real = ix._write_npz
def slow(f, arrays):
    f.write(b"partial")
    f.flush()
    print("writing", flush=True)
    time.sleep(60)
ix._write_npz = slow
ix.DescriptorIndex(np.ones((4, 3), np.float32), np.array(list("abcd")), np.zeros((4, 4)), None, "x").save({path!r})
"""


def test_temporaries_of_killed_writers_are_cleared(store, tmp_path):
    # a writer killed with -9 in the middle of an index write
    path = str(tmp_path / "i.ctindex")
    child = subprocess.Popen([sys.executable, "-c", _SLOW_WRITER.format(root=ROOT, path=path)], stdout=subprocess.PIPE,
                             text=True)
    assert child.stdout.readline().strip() == "writing"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    child.stdout.close()
    debris = [e for e in os.listdir(tmp_path) if e.startswith(".tmp-i.ctindex-")]
    assert len(debris) == 1 and f"-{child.pid}-" in debris[0]
    dead = _dead_pid()
    other = tmp_path / f".tmp-other.ctindex-{dead}-abcdefgh.ctindex"     # another target's: not ours to remove
    alive = tmp_path / f".tmp-i.ctindex-{os.getpid()}-abcdefgh.ctindex"  # a writer still running
    other.write_bytes(b"x")
    alive.write_bytes(b"x")
    _index().save(path)
    assert sorted(os.listdir(tmp_path)) == sorted(["i.ctindex", other.name, alive.name])

    # a store replacement killed between its two renames: the previous store is aside, none at the path
    st = str(tmp_path / "s.ctstore")
    import shutil
    shutil.copytree(store.path, f"{st}.old-{dead}")
    os.makedirs(tmp_path / f".tmp-s.ctstore-{dead}-abcdefgh.ctstore")
    from crosstime.core.tiles.store import TileStore, TileStoreError, TileStoreWriter
    with pytest.raises(TileStoreError, match="interrupted"):
        TileStore(st)
    w = TileStoreWriter(st, 2, 32, {})
    assert TileStore(st).meta["created"] == store.meta["created"]       # put back before anything else
    w.abort()
    assert len(TileStore(st)) == len(store)
    assert not [e for e in os.listdir(tmp_path) if e.startswith(".tmp-s.ctstore") or ".old-" in e]

    # a checkpoint write killed: cleared when training resumes from the folder
    from crosstime.core.train.checkpoint import load_checkpoint
    ck = tmp_path / "ckpts"
    ck.mkdir()
    (ck / f".tmp-last.ckpt-{dead}-abcdefgh.ckpt").write_bytes(b"half")
    assert load_checkpoint(str(ck)) is None
    assert os.listdir(ck) == []


def test_replacing_a_store_keeps_one_at_the_path(store, tmp_path, monkeypatch):
    """Both ways of replacing (an atomic swap where the system has one, two renames elsewhere) end with the new
    store and nothing aside."""
    from crosstime.core import atomic
    from crosstime.core.tiles.store import TileStore, TileStoreWriter
    st = str(tmp_path / "s.ctstore")
    for swap in (True, False):
        if not swap:
            monkeypatch.setattr(atomic, "_exchange", lambda a, b: False)
        for n in (3, 5):
            with TileStoreWriter(st, n, 32, {}) as w:
                s = w.commit()
            assert len(s) == n and len(TileStore(st)) == n
        assert os.listdir(tmp_path) == ["s.ctstore"]


class _Evil:
    def __reduce__(self):
        return (os.system, ("echo pwned",))


def test_unsafe_files_are_refused_without_unsafe_advice(tmp_path):
    import torch

    from crosstime.core.retrieval.model_file import ModelFileError, read_model_file
    from crosstime.core.train.checkpoint import load_checkpoint
    torch.save({"format": "crosstime-model", "version": 1, "meta": _Evil()}, tmp_path / "evil.ctmodel")
    with pytest.raises(ModelFileError) as err:
        read_model_file(str(tmp_path / "evil.ctmodel"))
    msg = str(err.value)
    assert "malicious" in msg and "not loaded" in msg and "system" in msg     # names what it tried to run
    assert "weights_only" not in msg and "trust" not in msg
    (tmp_path / "ck").mkdir()
    torch.save({"epoch": 1, "x": _Evil()}, tmp_path / "ck" / "last.ckpt")
    with pytest.raises(Exception) as err:
        load_checkpoint(str(tmp_path / "ck"))
    msg = str(err.value)
    assert "malicious" in msg and "not loaded" in msg and "weights_only" not in msg
    with open(tmp_path / "plain.ctmodel", "wb") as f:
        pickle.dump({"a": _Evil()}, f)
    with pytest.raises(ModelFileError) as err:
        read_model_file(str(tmp_path / "plain.ctmodel"))
    assert "weights_only" not in str(err.value)


def test_command_line_errors_are_one_line_naming_the_file(tmp_path, monkeypatch, capsys):
    from crosstime import cli
    from crosstime.core.atomic import human_bytes
    part = str(tmp_path / "part.ctindex")
    _index().save(part)
    out = str(tmp_path / "merged.ctindex")

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(os, "fsync", full)
    assert cli.main(["merge-index", part, "--out", out]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: ") and out in err and "disk is full" in err
    assert "Traceback" not in err and "Errno" not in err
    for argv in (["--debug", "merge-index", part, "--out", out], ["merge-index", part, "--out", out, "--debug"]):
        with pytest.raises(OSError):
            cli.main(argv)
    assert sorted(os.listdir(tmp_path)) == ["part.ctindex"]
    assert human_bytes(0.004e9) == "4 MB" and human_bytes(1_234_000_000) == "1.23 GB" and human_bytes(12) == "12 bytes"


_FULL_DISK_CLI = """
import errno, io, os, sys
sys.path.insert(0, {root!r})
class Full(io.FileIO):
    written = 0
    def write(self, b):
        if Full.written + len(b) > 200_000:
            raise OSError(errno.ENOSPC, "No space left on device")
        Full.written += len(b)
        return super().write(b)
real = os.fdopen
os.fdopen = lambda fd, mode="r", *a, **kw: io.BufferedWriter(Full(fd, "wb")) if "w" in mode else real(fd, mode, *a, **kw)
from crosstime import cli
sys.exit(cli.main(["merge-index", {part!r}, "--out", {out!r}]))
"""


def test_a_full_disk_midway_prints_one_line_and_nothing_else(tmp_path):
    """A real process, so that what the interpreter prints at exit (an unclosed zip writer) is seen too."""
    part = str(tmp_path / "part.ctindex")
    _index(n=2000, d=64).save(part)
    out = str(tmp_path / "merged.ctindex")
    r = subprocess.run([sys.executable, "-c", _FULL_DISK_CLI.format(root=ROOT, part=part, out=out)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 1, r.stderr
    assert r.stderr.count("\n") == 1 and r.stderr.startswith(f"error: {out}: the disk is full"), r.stderr
    assert sorted(os.listdir(tmp_path)) == ["part.ctindex"]


def test_a_real_full_disk(tmp_path):
    """The same on a 1 MB tmpfs, when this machine lets the tests mount one (root on Linux)."""
    mnt = tmp_path / "small"
    mnt.mkdir()
    try:
        r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mnt)], capture_output=True,
                           timeout=30)
    except (OSError, subprocess.SubprocessError) as exc:
        pytest.skip(f"cannot mount a small tmpfs to fill ({exc})")
    if r.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs to fill (needs root): {r.stderr.decode(errors='replace').strip()}")
    try:
        part = str(tmp_path / "part.ctindex")
        _index(n=4000, d=128).save(part)                     # 2 MB of descriptors: more than the disk holds
        out = str(mnt / "merged.ctindex")
        env = {**os.environ, "PYTHONPATH": ROOT}
        r = subprocess.run([sys.executable, "-m", "crosstime", "merge-index", part, "--out", out], env=env,
                           capture_output=True, text=True, timeout=300)
        assert r.returncode == 1 and r.stderr.count("\n") == 1, r.stderr
        assert r.stderr.startswith(f"error: {out}: the disk is full"), r.stderr
        assert os.listdir(mnt) == []
        _batch = _batch_matches(n=6000, k=5)
        from crosstime.core.retrieval.bulk import write_matches_gpkg
        with pytest.raises(OSError, match="disk is full"):
            write_matches_gpkg(str(mnt / "m.gpkg"), _batch)
        assert os.listdir(mnt) == []
    finally:
        subprocess.run(["umount", str(mnt)], capture_output=True, timeout=30)


def test_one_normalised_copy_shared_by_every_search(tmp_path, monkeypatch):
    from crosstime.core.retrieval import index as ix
    rng = np.random.default_rng(3)
    raw = rng.normal(size=(3000, 32)).astype(np.float32) * rng.uniform(0.1, 10, (3000, 1)).astype(np.float32)
    idx = DescriptorIndex(raw, np.array([str(i) for i in range(3000)]), np.zeros((3000, 4)), "EPSG:2154", "fp")
    assert idx.normed is idx.descriptors                    # no second copy kept for the search
    np.testing.assert_allclose(np.linalg.norm(idx.descriptors, axis=1), 1.0, atol=1e-5)
    q = raw[:50] + 0.01
    monkeypatch.setattr(ix, "faiss_available", lambda: False)
    s, i = idx.query(q, 7)                                  # without FAISS: exact numpy search by default
    assert isinstance(idx._searchers[("numpy", 0)], ix.NumpySearcher)
    assert idx._searchers[("numpy", 0)].db is idx.descriptors
    ref = (q / np.linalg.norm(q, axis=1, keepdims=True)) @ idx.descriptors.T
    np.testing.assert_array_equal(i, np.argsort(-ref, axis=1, kind="stable")[:, :7])
    np.testing.assert_allclose(s, np.take_along_axis(ref, i, 1), atol=1e-5)
    # small blocks (as at millions of descriptors) give the same answer as one block
    s2, i2 = ix.NumpySearcher(idx.descriptors, block_bytes=4000).search(ix.l2_normalise(q), 7)
    np.testing.assert_array_equal(i2, i)
    # ranks of the true tiles, in bounded blocks, as the bulk matcher computes them
    assert (idx.rank_of(raw[:50], np.arange(50)) == 1).all()
    # a memory-mapped index answers the same
    path = str(tmp_path / "m.ctindex")
    idx.save(path)
    mapped = DescriptorIndex.load(path, mmap=True)
    assert isinstance(mapped.descriptors, np.memmap)
    np.testing.assert_array_equal(mapped.query(q, 7, backend="numpy")[1], i)
    monkeypatch.undo()
    if ix.faiss_available():
        flat = DescriptorIndex(raw, idx.ids, idx.footprints, "EPSG:2154", "fp")
        _, i3 = flat.query(q, 7, backend="faiss")
        np.testing.assert_array_equal(i3, i)
        assert not flat.descriptors.flags.owndata              # now FAISS's own rows, not a copy of them
        np.testing.assert_allclose(np.linalg.norm(flat.descriptors, axis=1), 1.0, atol=1e-5)
        del flat
