"""A trained descriptor exported to ONNX, and the describer that runs it with onnxruntime: indexing and click
matching then need only numpy, rasterio and onnxruntime (light wheels for every OS), no PyTorch.

The ONNX file computes what ``DescriptorNet.forward`` computes in eval mode (thumbnail branch and flip averaging
included) on the float input (B, C, P, P) in [0, 1]. Its ``metadata_props`` carry the model's configuration, its
fingerprint (the very one of the .ctmodel, so that an index built with either accepts the other and refuses any
other model) and the descriptors PyTorch gave for a fixed check input: loading re-runs that input and refuses a
file whose graph does not give them (a graph that is not the fingerprinted model).
"""
from __future__ import annotations

import json
import os
from typing import Optional, Sequence

import numpy as np

from ..errors import CrossTimeError
from ..messages import Detail, Message
from ..progress import SILENT, Progress
from ..tiles.network_input import read_network_input
from .describer import Describer, _Inline
from .model_file import ModelFile, ModelFileError, model_label

FORMAT = "crosstime-onnx"
VERSION = 1
INPUT, OUTPUT = "tiles", "descriptor"
OPSET = 17
CHECK_SEED = 20240611
CHECK_RTOL = 1e-3          # of the largest check value: float32 differences between runtimes are far below
HALF_CHECK_RTOL = 2e-2     # weights stored in half precision: about 1e-3 relative per weight, compounded by depth
HALF_MIN_SIZE = 64         # smaller constants (shapes, scalars, biases of tiny layers) stay in float32


def is_onnx_path(path: Optional[str]) -> bool:
    return bool(path) and str(path).lower().endswith(".onnx")


def torch_available() -> bool:
    try:
        import torch  # noqa: F401
        return True
    except Exception:
        return False


def check_input(channels: int, pixels: int, n: int = 2) -> np.ndarray:
    """A fixed pseudo-random batch (n, C, P, P) float32 in [0, 1] (RandomState's stream never changes)."""
    u8 = np.random.RandomState(CHECK_SEED).randint(0, 256, size=(n, pixels, pixels, channels)).astype(np.uint8)
    return np.ascontiguousarray(u8.transpose(0, 3, 1, 2), dtype=np.float32) * np.float32(1 / 255.0)


def check_difference(got: np.ndarray, ref: np.ndarray) -> float:
    """Largest absolute difference, relative to the largest reference value."""
    return float(np.max(np.abs(got.astype(np.float64) - ref)) / (np.max(np.abs(ref)) + 1e-12))


# resizing like torch's F.interpolate(bilinear, align_corners=False, antialias when shrinking) ------------------
def _resize_weights(n_in: int, n_out: int) -> np.ndarray:
    """(n_out, n_in) weights of one axis."""
    scale = n_in / n_out
    w = np.zeros((n_out, n_in), np.float64)
    if scale > 1.0:                              # shrinking: triangle filter widened to the scale (antialias)
        support = scale
        for i in range(n_out):
            centre = scale * (i + 0.5)
            lo = max(int(centre - support + 0.5), 0)
            hi = min(int(centre + support + 0.5), n_in)
            j = np.arange(lo, hi)
            f = np.clip(1.0 - np.abs((j - centre + 0.5) / scale), 0.0, None)
            w[i, lo:hi] = f / f.sum()
    else:                                        # enlarging: plain bilinear, half-pixel centres
        for i in range(n_out):
            src = max((i + 0.5) * scale - 0.5, 0.0)
            x0 = min(int(np.floor(src)), n_in - 1)
            x1 = min(x0 + 1, n_in - 1)
            lam = src - x0
            w[i, x0] += 1.0 - lam
            w[i, x1] += lam
    return w.astype(np.float32)


def resize_batch(x: np.ndarray, pixels: int) -> np.ndarray:
    """(B, C, H, W) float32 -> (B, C, pixels, pixels), as the PyTorch describer resizes a store's tiles."""
    h, w = x.shape[-2:]
    if h == pixels and w == pixels:
        return x
    wh, ww = _resize_weights(h, pixels), _resize_weights(w, pixels)
    return np.ascontiguousarray(np.matmul(np.matmul(wh, x), ww.T), dtype=np.float32)


def to_network_input(u8: np.ndarray, pixels: int) -> np.ndarray:
    """(B, H, W, C) uint8 -> (B, C, pixels, pixels) float32 in [0, 1]."""
    x = np.ascontiguousarray(u8.transpose(0, 3, 1, 2), dtype=np.float32)
    x *= np.float32(1 / 255.0)
    return resize_batch(x, pixels)


# export (needs torch and onnx) -----------------------------------------------------------------------------
def weights_to_half(model) -> int:
    """Stores the graph's float32 weights as float16, each cast back to float32 where it is used: the file halves
    and the arithmetic stays float32 (float16 kernels are missing or slow on most CPUs). Weights that float16
    cannot hold (beyond its range) stay float32. Returns how many tensors were converted."""
    from onnx import TensorProto, helper, numpy_helper
    graph = model.graph
    kept, casts, converted = [], [], 0
    for init in graph.initializer:
        arr = numpy_helper.to_array(init) if init.data_type == TensorProto.FLOAT else None
        if arr is None or arr.size < HALF_MIN_SIZE or not np.all(np.abs(arr) < np.finfo(np.float16).max):
            kept.append(init)
            continue
        half_name = init.name + "__float16"
        kept.append(numpy_helper.from_array(arr.astype(np.float16), half_name))
        casts.append(helper.make_node("Cast", [half_name], [init.name], to=TensorProto.FLOAT,
                                      name=init.name + "__to_float32"))
        converted += 1
    del graph.initializer[:]
    graph.initializer.extend(kept)
    nodes = casts + list(graph.node)
    del graph.node[:]
    graph.node.extend(nodes)
    return converted


def export_onnx(model_path: str, out_path: str, opset: int = OPSET, half: bool = False) -> dict:
    """Writes the descriptor of the model file ``model_path`` as an ONNX file (atomically); returns a summary:
    path, fingerprint, out_dim, pixels, and the largest difference between onnxruntime and PyTorch on the check
    input (None when onnxruntime is not installed). ``half`` stores the weights in float16 (half the file; the
    arithmetic stays float32), the check then allowing the difference that rounding gives."""
    import io
    import warnings

    import torch

    from ..atomic import atomic_write
    from .model_file import load_model
    try:
        import onnx
    except ImportError:
        raise CrossTimeError("exporting to ONNX needs the package onnx (install it from the dependencies dialog, "
                             "or pip install onnx)") from None
    net, info = load_model(model_path, "cpu")
    net.eval()
    cfg = net.cfg
    x = torch.from_numpy(check_input(cfg.in_channels, cfg.tile_pixels))
    with torch.inference_mode():
        ref = net(x).float().numpy()
    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")          # the TorchScript exporter's deprecation and tracer notes
        kwargs = dict(input_names=[INPUT], output_names=[OUTPUT], opset_version=opset, do_constant_folding=True,
                      dynamic_axes={INPUT: {0: "batch"}, OUTPUT: {0: "batch"}})
        try:
            torch.onnx.export(net, (x,), buf, dynamo=False, **kwargs)
        except TypeError:                        # a PyTorch without the dynamo switch: the TorchScript exporter
            torch.onnx.export(net, (x,), buf, **kwargs)
    model = onnx.load_from_string(buf.getvalue())
    if half:
        weights_to_half(model)
        onnx.checker.check_model(model)
    model.producer_name = "CrossTime"
    props = {"crosstime_format": FORMAT, "crosstime_version": str(VERSION), "config": json.dumps(info.config),
             "fingerprint": info.fingerprint, "source_model": os.path.basename(model_path),
             "meta": json.dumps({k: info.meta.get(k) for k in ("recipe", "best_val_map5", "created", "libraries")
                                 if k in info.meta}, default=str),
             "check_seed": str(CHECK_SEED), "check_output": json.dumps(ref.tolist()),
             "check_rtol": str(HALF_CHECK_RTOL if half else CHECK_RTOL), "weights": "float16" if half else "float32"}
    del model.metadata_props[:]
    for k, v in props.items():
        entry = model.metadata_props.add()
        entry.key, entry.value = k, v
    data = model.SerializeToString()
    atomic_write(out_path, lambda f: f.write(data), ".onnx")
    diff = None
    try:
        import onnxruntime  # noqa: F401
        diff = OnnxDescriber(out_path, None).check_difference
    except ImportError:
        pass
    return {"path": out_path, "fingerprint": info.fingerprint, "out_dim": int(ref.shape[1]),
            "pixels": cfg.tile_pixels, "bytes": len(data), "max_difference": diff,
            "weights": "float16" if half else "float32"}


# the describer ---------------------------------------------------------------------------------------------
class OnnxDescriber(Describer):
    """Describes tiles with an ONNX file exported by CrossTime (onnxruntime; CPU, or CUDA where available)."""

    def __init__(self, path: str, legend, device: str = "auto", batch_size: int = 32, threads: int = 0,
                 verify: bool = True):
        try:
            import onnxruntime as ort
        except ImportError:
            raise CrossTimeError("{path}: running an ONNX model needs onnxruntime; install it from the "
                                 "dependencies dialog (or pip install onnxruntime)", path=path) from None
        if not os.path.exists(path):
            raise ModelFileError("model file not found: {path}", path=path)
        opts = ort.SessionOptions()
        if threads:
            opts.intra_op_num_threads = int(threads)
        opts.log_severity_level = 3
        available = ort.get_available_providers()
        want_cuda = device.startswith("cuda") or device == "auto"
        providers = (["CUDAExecutionProvider"] if want_cuda and "CUDAExecutionProvider" in available else []) + \
            ["CPUExecutionProvider"]
        try:
            self.session = ort.InferenceSession(path, opts, providers=providers)
        except Exception as exc:
            raise ModelFileError("{path}: not a readable ONNX model ({exc})", path=path,
                                 exc=Detail(f"{type(exc).__name__}: {' '.join(str(exc).split())[:300]}")) from None
        props = self.session.get_modelmeta().custom_metadata_map
        if props.get("crosstime_format") != FORMAT:
            raise ModelFileError("{path}: not an ONNX model exported by CrossTime (no CrossTime configuration in it); "
                                 "export a CrossTime model file with: python -m crosstime export MODEL --out FILE.onnx",
                                 path=path)
        if int(props.get("crosstime_version", "0")) > VERSION:
            raise ModelFileError("{path}: made by a newer CrossTime (ONNX model version {crosstime_version})",
                                 path=path, crosstime_version=props["crosstime_version"])
        try:
            self.config = json.loads(props["config"])
            self.fingerprint = props["fingerprint"]
            meta = json.loads(props.get("meta") or "{}")
            check = np.asarray(json.loads(props["check_output"]), np.float32)
            # a file may loosen its check only as far as half-precision weights need
            rtol = min(float(props.get("check_rtol", CHECK_RTOL)), HALF_CHECK_RTOL)
        except (KeyError, ValueError) as exc:
            raise ModelFileError("{path}: damaged CrossTime ONNX model ({exc})",
                                 path=path, exc=Detail(f"{type(exc).__name__}: {exc}")) from None
        self.info = ModelFile(path, self.config, meta, self.fingerprint)
        self.pixels = int(self.config["tile_pixels"])
        self.modality = self.config.get("modality", "fusion")
        self.semantic_mode = self.config.get("semantic_mode", "rgb")
        self.legend = legend
        self.batch_size = batch_size
        self.device = "cuda" if self.session.get_providers()[0].startswith("CUDA") else "cpu"
        self.path = path
        self.label = model_label(self.info) + " (ONNX)"
        self.input_name = self.session.get_inputs()[0].name
        channels = int(self.session.get_inputs()[0].shape[1])
        self.check_difference = check_difference(self.run(check_input(channels, self.pixels, len(check))), check)
        self.weights = props.get("weights", "float32")
        if verify and not self.check_difference <= rtol:
            raise ModelFileError("{path}: damaged CrossTime ONNX model (its network does not give the descriptors of "
                                 "the model it claims to be: difference {check_difference:.2g}); export it again",
                                 path=path, check_difference=self.check_difference)

    def run(self, x: np.ndarray) -> np.ndarray:
        """Descriptors of a float batch (B, C, P, P) in [0, 1]."""
        return np.asarray(self.session.run(None, {self.input_name: x})[0], np.float32)

    def describe(self, tiles, gidx: Sequence[int], date: str, progress: Progress = SILENT) -> np.ndarray:
        gidx = np.asarray(gidx, np.int64)
        out = None
        starts = list(range(0, len(gidx), self.batch_size))
        prepare = lambda c: to_network_input(read_network_input(tiles, c, date, self.legend, self.modality,
                                                                self.semantic_mode), self.pixels)
        from concurrent.futures import ThreadPoolExecutor
        # the next batch is read and prepared while onnxruntime describes this one
        with (ThreadPoolExecutor(max_workers=1) if len(starts) > 1 else _Inline()) as pool:
            pending = pool.submit(prepare, gidx[starts[0]:starts[0] + self.batch_size]) if starts else None
            for n, start in enumerate(starts):
                chunk = gidx[start:start + self.batch_size]
                x = pending.result()
                if n + 1 < len(starts):
                    pending = pool.submit(prepare, gidx[starts[n + 1]:starts[n + 1] + self.batch_size])
                y = self.run(x)
                if out is None:
                    out = np.empty((len(gidx), y.shape[1]), np.float32)
                out[start:start + len(chunk)] = y
                progress.update((start + len(chunk)) / len(gidx), Message("described {done}/{total}",
                                                                          done=start + len(chunk), total=len(gidx)))
        if out is None:
            out = np.zeros((0, int(self.session.get_outputs()[0].shape[1] or 0)), np.float32)
        return out
