"""The general model shipped with the plugin: offered first only where its leave-one-source-out table puts it above
Quick mode, refused when missing or altered, and describing tiles without PyTorch (onnxruntime)."""
import json
import os
import shutil

import numpy as np
import pytest

from crosstime.core import jobs
from crosstime.core.errors import CrossTimeError
from crosstime.core.retrieval import general_model
from crosstime.core.retrieval.general_model import (
    GENERAL_CARD,
    GENERAL_MODEL,
    checked_general_model,
    general_model_available,
    general_model_card,
    general_model_is_default,
)


def _card(rows: dict) -> dict:
    return {"leave_one_source_out": {"sources": {src: {"trained, 3x3": t, "Quick thumbnail, 3x3": q}
                                                 for src, (t, q) in rows.items()}}}


def test_offered_first_only_above_quick_on_most_sources():
    assert general_model_is_default(_card({"a": (0.8, 0.7), "b": (0.6, 0.5), "c": (0.4, 0.5)}))
    assert not general_model_is_default(_card({"a": (0.8, 0.7), "b": (0.4, 0.5)}))      # half is not most
    assert not general_model_is_default(_card({}))
    assert not general_model_is_default({})


def test_missing_or_altered_model_is_refused_with_its_path(tmp_path):
    folder = str(tmp_path)
    assert not general_model_available(folder) and general_model_card(folder) == {}
    with pytest.raises(CrossTimeError, match="not in this installation"):
        checked_general_model(folder)
    with open(os.path.join(folder, GENERAL_MODEL), "wb") as f:
        f.write(b"an onnx file")
    with open(os.path.join(folder, GENERAL_CARD), "w") as f:
        json.dump({"sha256": "0" * 64}, f)
    with pytest.raises(CrossTimeError, match="differs from the one its card describes"):
        checked_general_model(folder)
    with open(os.path.join(folder, GENERAL_CARD), "w") as f:
        f.write("{not json")
    assert general_model_card(folder) == {}


shipped = pytest.mark.skipif(not general_model_available(), reason="this checkout carries no general model")


@shipped
def test_the_shipped_model_matches_its_card_and_fits_the_zip():
    card = general_model_card()
    path = checked_general_model()
    assert os.path.getsize(path) == card["bytes"] < 15 * 1024 * 1024
    table = card["leave_one_source_out"]["sources"]
    assert len(table) >= 3 and card["leave_one_source_out"]["seeds"] >= 3
    assert {"trained", "untrained twin", "Quick thumbnail"} <= set(next(iter(table.values())))
    assert any(d["source"] == "synthetic" for d in card["data"]) and all(d.get("licence") for d in card["data"])


@shipped
def test_general_describes_an_ortho_pair_without_torch_and_an_index_made_with_it_accepts_it(store, tmp_path):
    pytest.importorskip("onnxruntime")
    from crosstime.core.retrieval.index import DescriptorIndex
    from crosstime.core.retrieval.onnx_describer import OnnxDescriber
    legend = store.legend()
    describer = jobs.describer_for(jobs.GENERAL, legend)
    assert isinstance(describer, OnnxDescriber) and describer.weights == general_model_card()["weights"]
    out = str(tmp_path / "old.ctindex")
    jobs.build_index_from_store(store.path, out, model=jobs.GENERAL)
    index = DescriptorIndex.load(out)
    assert len(index) == len(store) and np.isfinite(index.descriptors).all()
    assert jobs.describer_for_index(index, jobs.GENERAL, legend).fingerprint == describer.fingerprint
    # an index the general model made is matched with it when no model is named (Processing, command line)
    assert jobs.describer_for_index(index, None, legend).fingerprint == describer.fingerprint


def test_an_altered_shipped_model_is_refused_by_the_describer(tmp_path, monkeypatch):
    folder = tmp_path / "models"
    folder.mkdir()
    (folder / GENERAL_MODEL).write_bytes(b"not the model")
    (folder / GENERAL_CARD).write_text(json.dumps({"sha256": "1" * 64}))
    monkeypatch.setattr(general_model, "MODELS_FOLDER", str(folder))
    monkeypatch.setattr(general_model.checked_general_model, "__defaults__", (str(folder),))
    with pytest.raises(CrossTimeError, match="reinstall the plugin"):
        jobs.describer_for(jobs.GENERAL, None)
    shutil.rmtree(folder)


@shipped
def test_command_line_indexes_with_the_general_model_where_torch_is_absent(store, tmp_path, root):
    """`index --model general` runs with numpy, rasterio and onnxruntime alone."""
    pytest.importorskip("onnxruntime")
    import subprocess
    import sys

    from crosstime.cli.command_line import _onnx_only as onnx_only
    from crosstime.core.retrieval.index import DescriptorIndex
    from tests.no_torch import CLI_NO_TORCH
    assert onnx_only(["index", "--model", "general"]) and onnx_only(["match", "--model=general"])
    index = str(tmp_path / "general.ctindex")
    r = subprocess.run([sys.executable, "-c", CLI_NO_TORCH, root, "index", "--store", store.path, "--model", "general",
                        "--out", index], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    assert DescriptorIndex.load(index).model_fingerprint == general_model_card()["fingerprint"]
