import numpy as np
import pytest

from crosstime.core.metrics import (
    evaluate_descriptors,
    map_at_n,
    ranks_from_lists,
    recall_at_k,
    reciprocal_rank_at,
)
from crosstime.core.similarity import rank_of_truth


def test_map_at_n_on_hand_made_rankings():
    # true match ranked 1st, 2nd, 3rd, 5th, 6th: per-query map@5 = 1, 1/2, 1/3, 1/5, 0
    answers = [[7, 1, 2], [1, 8, 3], [4, 5, 9, 0], [0, 1, 2, 3, 42], [5, 6, 7, 8, 9, 11]]
    truth = [7, 8, 9, 42, 11]
    ranks = ranks_from_lists(answers, truth)
    assert list(ranks) == [1, 2, 3, 5, 6]
    assert list(reciprocal_rank_at(ranks, 5)) == pytest.approx([1, 0.5, 1 / 3, 0.2, 0])
    assert map_at_n(ranks, 5) == pytest.approx((1 + 0.5 + 1 / 3 + 0.2) / 5)
    assert map_at_n(ranks, 1) == pytest.approx(0.2)
    assert recall_at_k(ranks, 1) == 0.2 and recall_at_k(ranks, 5) == 0.8
    assert ranks_from_lists([[1, 2]], [3])[0] > 5          # absent from the list


def test_rank_of_truth_and_ties():
    sim = np.array([[0.9, 0.1, 0.5], [0.2, 0.3, 0.8], [0.5, 0.5, 0.5]])
    r = rank_of_truth(sim, [0, 1, 2])
    assert list(r) == [1, 2, 3]                           # ties count against the query
    q = np.eye(4, dtype=np.float32)
    assert evaluate_descriptors(q, q)["map@5"] == 1.0
    flat = np.eye(10, dtype=np.float32)
    assert evaluate_descriptors(flat, np.ones((10, 10), np.float32))["map@5"] == 0.0   # all alike: rank 10
