"""Retrieval metrics of the paper: one true match per query, so map@N is the reciprocal rank cut at N."""
from __future__ import annotations

from typing import Dict, Sequence

import numpy as np

from .similarity import cosine_similarity, rank_of_truth


def ranks_from_lists(answers: Sequence[Sequence[int]], truth: Sequence[int]) -> np.ndarray:
    """Rank of the true match in each ranked answer list (len+1 when absent)."""
    out = []
    for lst, t in zip(answers, truth):
        lst = list(lst)
        out.append(lst.index(t) + 1 if t in lst else len(lst) + 10 ** 9)
    return np.asarray(out, np.int64)


def reciprocal_rank_at(ranks: np.ndarray, n: int = 5) -> np.ndarray:
    """Per-query map@N: sum over n = 1..N of r_n / n, i.e. 1/rank when rank <= N, else 0."""
    ranks = np.asarray(ranks, np.float64)
    return np.where(ranks <= n, 1.0 / ranks, 0.0)


def map_at_n(ranks: np.ndarray, n: int = 5) -> float:
    return float(reciprocal_rank_at(ranks, n).mean()) if len(ranks) else float("nan")


def recall_at_k(ranks: np.ndarray, k: int) -> float:
    return float((np.asarray(ranks) <= k).mean()) if len(ranks) else float("nan")


def summary(ranks: np.ndarray, n: int = 5) -> Dict[str, float]:
    return {f"map@{n}": map_at_n(ranks, n), "recall@1": recall_at_k(ranks, 1), "recall@5": recall_at_k(ranks, 5),
            "queries": int(len(ranks))}


def evaluate_descriptors(queries: np.ndarray, database: np.ndarray, n: int = 5) -> Dict[str, float]:
    """Queries[i] truly matches database[i]; exact cosine kNN."""
    return summary(rank_of_truth(cosine_similarity(queries, database), np.arange(len(queries))), n)
