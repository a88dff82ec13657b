"""Descriptor similarity: L2 normalisation, cosine similarity, and the rank of a true match (ties count against)."""
from __future__ import annotations

from typing import Sequence

import numpy as np


def l2_normalise(x: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length, as float32 (zero rows stay zero)."""
    x = np.asarray(x, np.float32)
    return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)


def cosine_similarity(q: np.ndarray, d: np.ndarray) -> np.ndarray:
    return l2_normalise(q) @ l2_normalise(d).T


def rank_of_truth(sim: np.ndarray, truth: Sequence[int]) -> np.ndarray:
    """1-based rank of each query's true match among the database columns (higher similarity first).

    Ties count against the query: a database item exactly as similar as the true match is ranked
    before it, so degenerate descriptors (all alike) score 0, not 1.
    """
    sim = np.asarray(sim)
    truth = np.asarray(truth, dtype=np.int64)
    s_true = sim[np.arange(len(truth)), truth][:, None]
    return (sim > s_true).sum(1) + (sim == s_true).sum(1)
