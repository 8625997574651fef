import math

import numpy as np
import pytest
from scipy import sparse

from .metrics import RankingAccumulator, hits, ndcg_at_k, recall_at_k, top_k

LOG3 = math.log2(3)  # the rank-2 discount is 1 / log2(2 + 1)


def test_top_k_excludes_seen_and_unrankable_items_and_orders_by_score():
    scores = np.array([[0.9, 0.1, 0.8, 0.3, 0.7, 0.2], [0.5, 0.5, 0.5, 0.1, 0.0, 0.9]], np.float32)
    seen = sparse.csr_array(np.array([[1, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0]]))
    rankable = np.array([True, True, True, True, True, False])
    top = top_k(scores, 3, seen, rankable)
    # Row 0: item 0 was seen, item 5 is not rankable: 0.8 (2), 0.7 (4), 0.3 (3).
    # Row 1: item 5 (0.9) is not rankable; items 0, 1, 2 tie at 0.5 and go by index.
    assert top.tolist() == [[2, 4, 3], [0, 1, 2]]


def test_top_k_pads_with_minus_one_when_candidates_run_out():
    scores = np.array([[0.3, 0.2, 0.1]], np.float32)
    seen = sparse.csr_array(np.array([[0, 1, 0]]))
    assert top_k(scores, 4, seen).tolist() == [[0, 2, -1, -1]]


def test_recall_and_ndcg_on_hand_computed_lists():
    # User 0: list [2, 4, 3], positives {4, 1}: one hit, at rank 2.
    # User 1: list [5, 0, 1], positives {5}: one hit, at rank 1.
    # User 2: list [1, -1, -1], positives {1, 2, 3, 4}: one hit, at rank 1.
    top = np.array([[2, 4, 3], [5, 0, 1], [1, -1, -1]])
    positives = sparse.csr_array(np.array([[0, 1, 0, 0, 1, 0], [0, 0, 0, 0, 0, 1], [0, 1, 1, 1, 1, 0]]))
    hit = hits(top, positives)
    assert hit.tolist() == [[False, True, False], [True, False, False], [True, False, False]]
    n_positives = np.array([2, 1, 4])
    # Recall@3 = hits / positives: 1/2, 1/1, 1/4. Recall@1: 0/2, 1/1, 1/4.
    assert recall_at_k(hit, n_positives, 3) == pytest.approx([0.5, 1.0, 0.25])
    assert recall_at_k(hit, n_positives, 1) == pytest.approx([0.0, 1.0, 0.25])
    # NDCG@3, user 0: DCG = 1/log2(3); ideal has min(3, 2) = 2 hits: 1 + 1/log2(3).
    # User 1: DCG = 1, ideal 1. User 2: DCG = 1; ideal has min(3, 4) = 3 hits: 1 + 1/log2(3) + 1/log2(4) = 1 + 1/log2(3) + 1/2.
    expected = [(1 / LOG3) / (1 + 1 / LOG3), 1.0, 1 / (1 + 1 / LOG3 + 0.5)]
    assert ndcg_at_k(hit, n_positives, 3) == pytest.approx(expected)
    assert expected[0] == pytest.approx(0.386853, abs=1e-6)
    # NDCG@1: a hit at rank 1 is perfect whatever the number of positives.
    assert ndcg_at_k(hit, n_positives, 1) == pytest.approx([0.0, 1.0, 1.0])


def test_accumulator_averages_over_batches_and_counts_coverage():
    accumulator = RankingAccumulator((1, 3), n_items=6, n_rankable=5)
    accumulator.add(np.array([[2, 4, 3]]), sparse.csr_array(np.array([[0, 1, 0, 0, 1, 0]])))
    accumulator.add(np.array([[5, 0, -1]]), sparse.csr_array(np.array([[0, 0, 0, 0, 0, 1]])))
    result = accumulator.result()
    # Recall@3: (1/2 + 1) / 2 = 0.75. Recall@1: (0 + 1) / 2 = 0.5.
    # NDCG@3: (0.386853 + 1) / 2. Coverage@3: items {2, 4, 3, 5, 0} = 5 of 5 rankable.
    assert result["recall@3"] == pytest.approx(0.75) and result["recall@1"] == pytest.approx(0.5)
    assert result["ndcg@3"] == pytest.approx((0.386853 + 1) / 2, abs=1e-6) and result["ndcg@1"] == pytest.approx(0.5)
    assert result["coverage@3"] == pytest.approx(1.0)
    assert set(result) == {"recall@1", "recall@3", "ndcg@1", "ndcg@3", "coverage@3"}


def test_accumulator_without_users_gives_nan():
    result = RankingAccumulator((10,), n_items=3, n_rankable=3).result()
    assert math.isnan(result["recall@10"]) and result["coverage@10"] == 0.0
