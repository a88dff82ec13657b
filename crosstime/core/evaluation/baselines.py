"""The untrained descriptors of the paper's Tables 3-4, and a thumbnail, on the same tiles and metric.

Extractors: an ImageNet CNN cut after its last conv block, with global max pooling (the paper's
ResNet50 baseline) or GeM pooling (Radenović et al.); a 16x16 thumbnail. Each on the visual image,
the semantic image, their concatenation (mean/std normalised), early conv fusion (the eq. 4 layer,
untrained) and late fusion (merging the two modalities' answer lists). Normalisations none/L1/L2/
standardisation and cosine/euclidean distance. Where ImageNet weights cannot be had, the row says so.
"""
from __future__ import annotations

from typing import Dict, Iterable, List, Optional, Sequence, Tuple

import numpy as np

from .. import choices
from ..errors import InputError
from ..progress import SILENT, Progress
from ..retrieval.baseline_features import BaselineSpec, CNNExtractor, baseline_spec, modality_input
from ..similarity import cosine_similarity, l2_normalise, rank_of_truth
from ..tiles.dates import NEW, OLD
from .tables import score_row

# none; l1 / l2: unit length; std: standardised per dimension over the whole set; tile: each descriptor minus its
# own mean, over its own standard deviation (cancels a brightness and contrast change between the dates)
NORMALISATIONS = ("none", "l1", "l2", "std", "tile")
DISTANCES = ("cosine", "euclidean")
MODALITIES = ("visual", "semantic", "early")


PAPER_BASELINES = tuple(baseline_spec(k) for k in choices.PAPER_BASELINES)
LIGHT_BASELINES = tuple(baseline_spec(k) for k in choices.LIGHT_BASELINES)


def normalise(q: np.ndarray, d: np.ndarray, how: str):
    if how == "none":
        return q, d
    if how == "l1":
        f = lambda x: x / np.maximum(np.abs(x).sum(1, keepdims=True), 1e-12)
        return f(q), f(d)
    if how == "l2":
        return l2_normalise(q), l2_normalise(d)
    if how == "std":
        both = np.vstack([q, d])
        mu, sd = both.mean(0), both.std(0) + 1e-6
        return (q - mu) / sd, (d - mu) / sd
    if how == "tile":
        return per_tile_standardised(q), per_tile_standardised(d)
    raise InputError("unknown normalisation '{how}' ({normalisations})",
                     how=how, normalisations=", ".join(NORMALISATIONS))


def per_tile_standardised(x: np.ndarray) -> np.ndarray:
    """Each row minus its own mean, over its own standard deviation."""
    x = np.asarray(x, np.float32)
    return (x - x.mean(1, keepdims=True)) / (x.std(1, keepdims=True) + 1e-6)


def similarity(q: np.ndarray, d: np.ndarray, distance: str) -> np.ndarray:
    if distance == "cosine":
        return cosine_similarity(q, d)
    if distance == "euclidean":
        q64, d64 = q.astype(np.float64), d.astype(np.float64)
        d2 = (q64 ** 2).sum(1)[:, None] + (d64 ** 2).sum(1)[None] - 2 * q64 @ d64.T
        return -np.sqrt(np.maximum(d2, 0)).astype(np.float32)
    raise InputError("unknown distance '{distance}' ({distances})", distance=distance, distances=", ".join(DISTANCES))


def late_fusion(sims: Sequence[np.ndarray]) -> np.ndarray:
    """Merge the answer lists of several modalities: per query, each similarity row is rescaled to
    [0, 1] and the rescaled scores are added, so each modality weighs the same."""
    out = np.zeros_like(sims[0], dtype=np.float32)
    for s in sims:
        lo, hi = s.min(1, keepdims=True), s.max(1, keepdims=True)
        out += (s - lo) / np.maximum(hi - lo, 1e-12)
    return out


# extraction --------------------------------------------------------------------------------------
def _thumbnail(x: np.ndarray, size: int) -> np.ndarray:
    import torch
    import torch.nn.functional as F
    t = F.adaptive_avg_pool2d(torch.from_numpy(x), size)
    return t.flatten(1).numpy()


def extract(spec: BaselineSpec, tiles, date: str, legend, modality: str, semantic_mode: str = "rgb",
            batch: int = 16, device: str = "cpu", progress: Progress = SILENT, extractor=None) -> np.ndarray:
    """Descriptors of every tile of ``tiles`` at ``date`` for one modality (visual, semantic, early)."""
    if spec.extractor != "thumbnail" and extractor is None:
        extractor = CNNExtractor(spec, modality, semantic_mode, device)
    out = []
    n = len(tiles)
    for s in range(0, n, batch):
        gidx = np.arange(s, min(n, s + batch))
        x = modality_input(tiles, gidx, date, legend, modality, semantic_mode)
        out.append(_thumbnail(x, spec.thumb) if spec.extractor == "thumbnail" else extractor(x))
        progress.update(min(n, s + batch) / n)
    return np.concatenate(out).astype(np.float32) if out else np.zeros((0, 1), np.float32)


# the table ----------------------------------------------------------------------------------------
# (modality, fusion) of each row an extractor gets
VARIANTS = (("visual", "none"), ("semantic", "none"), ("visual+semantic", "early conv (eq. 4, untrained)"),
            ("visual+semantic", "concat (mean/std)"), ("visual+semantic", "late (answer lists merged)"))
NO_SEMANTICS = "n/a: these tiles have no vector data (semantic raster empty on both dates)"


def has_semantics(tiles, batch: int = 256) -> bool:
    """Whether any tile of ``tiles`` has a drawn category on either date."""
    for s in range(0, len(tiles), batch):
        idx = np.arange(s, min(len(tiles), s + batch))
        if any(tiles.read(idx, date).codes.any() for date in (NEW, OLD)):
            return True
    return False


def baseline_descriptors(spec: BaselineSpec, tiles, legend, semantic_mode: str = "rgb", device: str = "cpu",
                         progress: Progress = SILENT, cache: Optional[Dict] = None,
                         modalities: Sequence[str] = MODALITIES) -> Dict[str, tuple]:
    """(new-date, old-date) descriptors of ``tiles`` per modality; raises WeightsUnavailable."""
    desc = {}
    for mi, mod in enumerate(modalities):
        key = (spec, mod, semantic_mode, id(tiles))
        if cache is not None and key in cache:
            desc[mod] = cache[key]
            continue
        mp = progress.sub(mi / len(modalities), (mi + 1) / len(modalities))
        ex = None if spec.extractor == "thumbnail" else CNNExtractor(spec, mod, semantic_mode, device)
        q = extract(spec, tiles, NEW, legend, mod, semantic_mode, device=device, progress=mp.sub(0, .5), extractor=ex)
        d = extract(spec, tiles, OLD, legend, mod, semantic_mode, device=device, progress=mp.sub(.5, 1), extractor=ex)
        desc[mod] = (q, d)
        if cache is not None:
            cache[key] = desc[mod]
    return desc


def variant_similarities(desc: Dict[str, tuple], norm: str, distance: str) -> Dict[tuple, tuple]:
    """(similarity matrix, descriptor size) of every VARIANTS entry the descriptors allow (the visual one only
    when ``desc`` has no semantic modality) under one normalisation and distance."""
    out = {}
    sims = {}
    for mod, variant in zip(MODALITIES, VARIANTS[:3]):
        if mod not in desc:
            continue
        q, d = normalise(*desc[mod], norm)
        sims[mod] = similarity(q, d, distance)
        out[variant] = (sims[mod], q.shape[1])
    if "semantic" not in desc:
        return out
    qv, dv = normalise(*desc["visual"], "std")
    qs, ds = normalise(*desc["semantic"], "std")
    qc, dc = normalise(np.hstack([qv, qs]), np.hstack([dv, ds]), norm)
    out[VARIANTS[3]] = (similarity(qc, dc, distance), qc.shape[1])
    out[VARIANTS[4]] = (late_fusion([sims["visual"], sims["semantic"]]), desc["visual"][0].shape[1])
    return out


def all_setting_rows(spec: BaselineSpec, desc: Dict[str, tuple], px: int, semantics: bool,
                     normalisations: Sequence[str] = NORMALISATIONS, distances: Sequence[str] = DISTANCES,
                     n: int = 5) -> List[dict]:
    """One row per variant x normalisation x distance (what validation tiles choose from)."""
    rows = []
    truth = np.arange(len(desc["visual"][0]))
    for norm in normalisations:
        for dist in distances:
            for (mod, fusion), (sim, dim) in variant_similarities(desc, norm, dist).items():
                if mod != "visual" and not semantics:
                    continue
                rows.append(score_row(spec.label_at(px), mod, fusion, norm, dist, dim, px, rank_of_truth(sim, truth), n))
    return rows


def baseline_rows(tiles, legend, specs: Iterable[BaselineSpec] = LIGHT_BASELINES, semantic_mode: str = "rgb",
                  device: str = "cpu", progress: Progress = SILENT, n: int = 5, cache: Optional[Dict] = None,
                  validation=None) -> Tuple[List[dict], List[dict]]:
    """One row per extractor and variant on ``tiles``, each scored once with map@n, recall@1/5.

    The normalisation and distance of each row are chosen on ``validation`` tiles (a disjoint set) when
    given, else fixed a priori (per-tile standardisation for the thumbnail, L2 for CNNs): the test tiles
    never choose their own settings. Returns (test rows, every validation row scored while choosing).
    """
    from ..nn.backbones import WeightsUnavailable
    specs = list(specs)
    rows: List[dict] = []
    chosen_on: List[dict] = []
    truth = np.arange(len(tiles))
    semantics = has_semantics(tiles)
    for si, spec in enumerate(specs):
        sp = progress.sub(si / len(specs), (si + 1) / len(specs))
        px = spec.input_px or tiles.pixels
        label = spec.label_at(px)
        try:
            # without vector data the semantic modalities cannot apply: not worth describing
            mods = MODALITIES if semantics else ("visual",)
            desc = baseline_descriptors(spec, tiles, legend, semantic_mode, device, sp.sub(0, .7 if validation else 1),
                                        cache, mods)
            val_desc = baseline_descriptors(spec, validation, legend, semantic_mode, device, sp.sub(.7, 1), cache,
                                            mods) if validation is not None else None
        except WeightsUnavailable as exc:
            rows.append(score_row(label, "-", "-", "-", "-", 0, px, None, n,
                                  note=f"not run: pretrained weights unavailable ({str(exc).split('(')[0].strip()})"))
            continue
        settings = {v: spec.a_priori_setting for v in VARIANTS}
        how = "fixed a priori"
        if val_desc is not None:
            val_rows = all_setting_rows(spec, val_desc, px, semantics, n=n)
            chosen_on += val_rows
            for v in VARIANTS:
                best = max((r for r in val_rows if (r["modality"], r["fusion"]) == v), default=None,
                           key=lambda r: r[f"map@{n}"])
                if best is not None:
                    settings[v] = (best["normalisation"], best["distance"])
            how = "chosen on the validation tiles"
        by_setting = {}
        for v in VARIANTS:
            mod, fusion = v
            norm, dist = settings[v]
            if mod != "visual" and not semantics:
                rows.append(score_row(label, mod, fusion, "-", "-", 0, px, None, n, note=NO_SEMANTICS))
                continue
            if (norm, dist) not in by_setting:
                by_setting[(norm, dist)] = variant_similarities(desc, norm, dist)
            sim, dim = by_setting[(norm, dist)][v]
            rows.append(score_row(label, mod, fusion, norm, dist, dim, px, rank_of_truth(sim, truth), n,
                                  note=f"normalisation and distance {how}"))
    return rows, chosen_on
