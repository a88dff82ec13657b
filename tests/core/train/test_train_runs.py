"""Training as a command: a killed run resumes where it stopped, and DDP ranks hold identical weights."""
import os
import re
import signal
import subprocess
import sys
import time

import pytest

from crosstime.core.retrieval.model_file import read_model_file


def _env(root):
    return {**os.environ, "PYTHONPATH": root, "OMP_NUM_THREADS": "1"}


def _train_cmd(store, out, ckpt, epochs=3):
    return [sys.executable, "-m", "crosstime", "train", store.path, "--out", out, "--checkpoints", ckpt,
            "--backbone", "resnet18", "--weights", "none", "--tile-pixels", "64", "--dim", "32",
            "--epochs", str(epochs), "--batches-per-epoch", "3", "--val-fraction", "0.25", "--seed", "1"]


@pytest.mark.slow
def test_killed_run_resumes_and_ends_as_an_uninterrupted_one(store, tmp_path, root):
    env = _env(root)
    # the uninterrupted run and the one to kill run side by side (one thread each): they share nothing
    full = str(tmp_path / "full.ctmodel")
    uninterrupted = subprocess.Popen(_train_cmd(store, full, str(tmp_path / "ck_full")), env=env,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    out, ckpt = str(tmp_path / "k.ctmodel"), str(tmp_path / "ck")
    p = subprocess.Popen(_train_cmd(store, out, ckpt), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    t0 = time.time()
    while not os.path.exists(os.path.join(ckpt, "last.ckpt")):
        assert p.poll() is None and time.time() - t0 < 300
        time.sleep(0.05)
    p.send_signal(signal.SIGKILL)                          # killed after its first epoch's checkpoint
    p.wait()
    _, err = uninterrupted.communicate(timeout=600)
    assert uninterrupted.returncode == 0, err[-2000:]
    r = subprocess.run(_train_cmd(store, out, ckpt), env=env, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    assert re.search(r"resuming from the checkpoint of epoch [12]\b", r.stdout + r.stderr)
    a, _ = read_model_file(full)
    b, _ = read_model_file(out)
    from crosstime.core.train.checkpoint import load_checkpoint
    assert load_checkpoint(ckpt)["epoch"] == 2            # all three epochs done
    assert a.meta["epoch"] == b.meta["epoch"]             # the same best epoch kept
    assert a.fingerprint == b.fingerprint                  # same seed: the same weights as without the kill


@pytest.mark.slow
def test_ddp_two_cpu_processes_hold_identical_weights(store, tmp_path, root):
    torchrun = os.path.join(os.path.dirname(sys.executable), "torchrun")
    if not os.path.exists(torchrun):
        pytest.skip("torchrun not found beside the Python interpreter")
    cmd = [torchrun, "--standalone", "--nproc-per-node", "2", "-m", "crosstime", "train", store.path,
           "--out", str(tmp_path / "ddp.ctmodel"), "--backbone", "resnet18", "--weights", "none", "--tile-pixels", "64",
           "--dim", "32", "--epochs", "1", "--batches-per-epoch", "2", "--val-fraction", "0.25", "--device", "cpu"]
    r = subprocess.run(cmd, env=_env(root), capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, (r.stdout + r.stderr)[-3000:]
    prints = dict(re.findall(r"rank (\d): weights fingerprint ([0-9a-f]+)", r.stdout + r.stderr))
    assert set(prints) == {"0", "1"}
    assert prints["0"] == prints["1"]
    info, _ = read_model_file(str(tmp_path / "ddp.ctmodel"))
    assert info.fingerprint == prints["0"]
