"""Processing's Train algorithm exports the trained model to ONNX when asked, and only then."""
import os

import pytest
from qgis.core import QgsApplication

pytest.importorskip("onnxruntime")
pytest.importorskip("onnx")


@pytest.mark.slow
def test_train_with_an_onnx_output(provider, store, tmp_path):
    from qgis import processing

    from crosstime.core import jobs
    from crosstime.core.geo.legend import load_legend
    from crosstime.core.retrieval.onnx_describer import OnnxDescriber
    alg = QgsApplication.processingRegistry().algorithmById("crosstime:train_descriptor")
    param = alg.parameterDefinition("OUTPUT_ONNX")
    assert param is not None and param.flags() & param.FlagOptional and not param.createByDefault()
    model, onnx_path = str(tmp_path / "m.ctmodel"), str(tmp_path / "m.onnx")
    common = {"TRAIN_STORE": store.path, "RECIPE": 1, "BACKBONE": 2, "WEIGHTS": 1, "EPOCHS": 1, "BATCH": 8, "SEED": 0,
              "MAX_MINUTES": 0}
    res = processing.run("crosstime:train_descriptor", {**common, "OUTPUT_MODEL": model, "OUTPUT_ONNX": onnx_path})
    assert res["OUTPUT_ONNX"] == onnx_path and os.path.exists(onnx_path)
    legend = load_legend("bdtopo_v3")
    d = OnnxDescriber(onnx_path, legend)
    assert d.fingerprint == jobs.describer_for(model, legend, device="cpu").fingerprint
    res = processing.run("crosstime:train_descriptor", {**common, "OUTPUT_MODEL": str(tmp_path / "n.ctmodel")})
    assert not res["OUTPUT_ONNX"] and not os.path.exists(str(tmp_path / "n.onnx"))
