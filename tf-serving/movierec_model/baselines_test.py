import math

import numpy as np
import pytest

from .baselines import EASE, UNKNOWN, ItemKNN, ModelTooLarge, MostPopular, SeedAverage
from .split_test import make_catalog, make_ratings


def implicit(matrix: list[list[int]]):
    """Ratings (all 4.0, one second apart) where matrix[user][item] is 1."""
    rows = [(u, i, 4.0, u * 100 + i) for u, line in enumerate(matrix) for i, v in enumerate(line) if v]
    return make_ratings(rows, len(matrix), len(matrix[0])), make_catalog(len(matrix[0]))


def test_most_popular_orders_by_count_then_index():
    # Counts per item: [2, 3, 2, 0] -> order 1, 0, 2, 3 (items 0 and 2 tie: the lower index first).
    train, catalog = implicit([[1, 1, 0, 0], [1, 1, 1, 0], [0, 1, 1, 0]])
    model = MostPopular()
    model.fit(train, catalog)
    scores = model.score(np.array([0, 2]))
    assert scores.shape == (2, 4) and scores.dtype == np.float32
    assert np.argsort(-scores[0], kind="stable").tolist() == [1, 0, 2, 3]
    assert (scores[0] == scores[1]).all()


def test_item_knn_cosine_values_and_neighbour_pruning():
    # Users: u0 {0, 1}, u1 {0, 1, 2}, u2 {2}, u3 {1, 2}. Item norms: √2, √3, √3.
    # cos(0, 1) = 2/√6 = 0.8165, cos(0, 2) = 1/√6 = 0.4082, cos(1, 2) = 2/3.
    train, catalog = implicit([[1, 1, 0], [1, 1, 1], [0, 0, 1], [0, 1, 1]])
    full = ItemKNN(neighbours=10)
    full.fit(train, catalog)
    c01, c02, c12 = 2 / math.sqrt(6), 1 / math.sqrt(6), 2 / 3
    assert full.similarity.toarray() == pytest.approx(np.array([[0, c01, c02], [c01, 0, c12], [c02, c12, 0]]), abs=1e-6)
    # u0 rated 0 and 1: score(2) = cos(0, 2) + cos(1, 2) = 0.4082 + 0.6667; score(0) = cos(1, 0); score(1) = cos(0, 1).
    assert full.score(np.array([0]))[0] == pytest.approx([c01, c01, c02 + c12], abs=1e-6)
    # One neighbour per item: 0 keeps 1, 1 keeps 0 (0.8165 > 0.6667), 2 keeps 1 (0.6667 > 0.4082).
    pruned = ItemKNN(neighbours=1)
    pruned.fit(train, catalog)
    assert pruned.similarity.toarray() == pytest.approx(np.array([[0, c01, 0], [c01, 0, c12], [0, 0, 0]]), abs=1e-6)
    # Blocks of one item give the same matrix as one block.
    blocked = ItemKNN(neighbours=10, block=1)
    blocked.fit(train, catalog)
    assert blocked.similarity.toarray() == pytest.approx(full.similarity.toarray())


def test_ease_closed_form_on_three_items():
    # X = [[1, 1, 0], [1, 0, 0], [0, 0, 1]], λ = 1: XᵀX + λI = [[3, 1, 0], [1, 2, 0], [0, 0, 2]].
    # P = inverse = [[2, -1, 0], [-1, 3, 0], [0, 0, 2.5]] / 5 = [[.4, -.2, 0], [-.2, .6, 0], [0, 0, .5]].
    # B[i, j] = -P[i, j] / P[j, j] off the diagonal, 0 on it: B[0, 1] = .2/.6 = 1/3, B[1, 0] = .2/.4 = 1/2.
    train, catalog = implicit([[1, 1, 0], [1, 0, 0], [0, 0, 1]])
    model = EASE(l2=1.0)
    model.fit(train, catalog)
    assert model.weights == pytest.approx(np.array([[0, 1 / 3, 0], [0.5, 0, 0], [0, 0, 0]]), abs=1e-6)
    assert np.diag(model.weights).tolist() == [0, 0, 0]
    # Scores: X[u] B. User 0 (items 0, 1): [B10, B01, 0] = [.5, 1/3, 0]; user 1 (item 0): [0, 1/3, 0].
    assert model.score(np.array([0, 1])) == pytest.approx(np.array([[0.5, 1 / 3, 0], [0, 1 / 3, 0]]), abs=1e-6)


def test_ease_leaves_unrated_items_out_and_refuses_too_many_items():
    train, catalog = implicit([[1, 0, 1, 1], [0, 0, 1, 1]])  # item 1 has no training rating
    model = EASE(l2=1.0)
    model.fit(train, catalog)
    assert model.items.tolist() == [0, 2, 3] and model.weights.shape == (3, 3)
    assert model.score(np.array([1]))[0, 1] == UNKNOWN
    with pytest.raises(ModelTooLarge, match="3 items have training ratings, above max_items=2"):
        EASE(max_items=2).fit(train, catalog)


def test_seed_average_weights_embeddings_by_rating():
    # User 0 rated item 0 with 4 and item 1 with 1: u = (4·[1, 0] + 1·[0, 1]) / 5 = [.8, .2];
    # scores = u · [[1, 0], [0, 1], [1, 1]] = [.8, .2, 1.0]. User 1 rated nothing: zeros.
    train = make_ratings([(0, 0, 4.0, 1), (0, 1, 1.0, 2)], 2, 3)
    model = SeedAverage(np.array([[1, 0], [0, 1], [1, 1]]))
    model.fit(train, make_catalog(3))
    assert model.score(np.array([0, 1])) == pytest.approx(np.array([[0.8, 0.2, 1.0], [0, 0, 0]]))
    with pytest.raises(ValueError, match="2 item embeddings for 3 catalog items"):
        SeedAverage(np.ones((2, 2))).fit(train, make_catalog(3))
