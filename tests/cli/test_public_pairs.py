"""scripts/public_pairs.py on a mirror made here: SECOND-layout pairs become real pairs with land cover per date,
with their repository, commit and licence recorded; the forbidden sets are never read; nothing lands in the
repository."""
import csv
import json
import os
import subprocess
import sys

import numpy as np
from PIL import Image

from crosstime.core.samples.realpairs import build_realpairs_store
from crosstime.core.tiles.dates import NEW, OLD

SCRIPT = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "scripts",
                      "public_pairs.py")
WHITE, WATER, BUILDING = (255, 255, 255), (0, 0, 255), (128, 0, 0)


def _git(cwd, *args):
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=cwd, check=True,
                   capture_output=True)


def _png(path, array):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    Image.fromarray(array).save(path)


def _mirror(tmp_path):
    """owner/scd with two SECOND pairs (water turned to buildings in the top half) and a forbidden set."""
    work = tmp_path / "work"
    rng = np.random.default_rng(0)
    for folder in ("data/SECOND", "DSIFN"):
        for stem in ("00001", "00002"):
            for im in ("im1", "im2"):
                _png(str(work / folder / im / f"{stem}.png"), rng.integers(0, 255, (64, 64, 3), dtype=np.uint8))
            old, new = np.full((64, 64, 3), WHITE, np.uint8), np.full((64, 64, 3), WHITE, np.uint8)
            old[:32], new[:32] = WATER, BUILDING
            _png(str(work / folder / "label1" / f"{stem}.png"), old)
            _png(str(work / folder / "label2" / f"{stem}.png"), new)
    (work / "LICENSE").write_text("MIT License\n")
    _git(work, "init", "-q")
    _git(work, "add", "-A")
    _git(work, "commit", "-qm", "data")
    commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=work, capture_output=True, text=True).stdout.strip()
    mirrors = tmp_path / "mirrors"
    os.makedirs(mirrors / "owner+scd")
    _git(tmp_path, "clone", "-q", "--bare", str(work), str(mirrors / "owner+scd" / "repo"))
    return str(mirrors), commit


def test_second_pairs_from_a_mirror_with_provenance(tmp_path):
    mirrors, commit = _mirror(tmp_path)
    out = tmp_path / "pairs"
    r = subprocess.run([sys.executable, SCRIPT, "--out", str(out), "--mirrors", mirrors,
                        "--realpairs", str(tmp_path / "none.csv")], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    rows = list(csv.DictReader(open(out / "scenes.csv", encoding="utf-8")))
    assert len(rows) == 2 and all(row["origin"].startswith(f"owner/scd@{commit}:data/SECOND") for row in rows)
    assert all(row["license"] and row["semantics"] for row in rows)
    assert "dsifn" not in (out / "scenes.csv").read_text().lower()          # a set that judges the work: never read
    mapping = json.loads((out / "second" / "classes.json").read_text())
    assert {mapping["classes"][k] for k in ("1", "5")} == {"water", "building"} and mapping["classes"]["0"] is None
    assert "owner/scd" in (out / "PROVENANCE.md").read_text()
    # the folder is a real-pairs folder: each date's land cover is its map
    st = build_realpairs_store(str(out), str(tmp_path / "s.ctstore"), tile_px=32)
    top = [k for k, t in enumerate(st.ids) if str(t).endswith(":0_0")]
    assert (np.asarray(st.codes(OLD, top)) == 7).all() and (np.asarray(st.codes(NEW, top)) == 6).all()
    # a second run changes nothing; an output inside the repository is refused
    before = {p: os.path.getmtime(p) for p in map(str, out.rglob("*.png"))}
    subprocess.run([sys.executable, SCRIPT, "--out", str(out), "--mirrors", mirrors, "--realpairs",
                    str(tmp_path / "none.csv")], check=True, capture_output=True)
    assert before == {p: os.path.getmtime(p) for p in map(str, out.rglob("*.png"))}
    inside = subprocess.run([sys.executable, SCRIPT, "--out", os.path.join(os.path.dirname(SCRIPT), "x"),
                             "--mirrors", mirrors], capture_output=True, text=True)
    assert inside.returncode != 0 and "inside the repository" in inside.stderr
