import numpy as np

from .towers import ContentTower, MovieTower, UserTower, l2_normalize


def user_tower(table: np.ndarray, rating_weights: np.ndarray) -> UserTower:
    import keras

    keras.utils.set_random_seed(0)
    tower = UserTower(keras.Variable(table), hidden=(32,), out_dim=3)
    tower.rating_weights.assign(rating_weights)
    return tower


def test_masked_mean_weights_each_rating_and_ignores_padding():
    table = np.array([[1.0, 0.0], [0.0, 1.0], [2.0, 2.0]], np.float32)
    weights = np.arange(1, 11, dtype=np.float32)  # 0.5 → 1, 1.0 → 2, ..., 5.0 → 10
    tower = user_tower(table, weights)
    items = np.array([[-1, 0, 1], [2, -1, -1], [-1, -1, -1]], np.int32)
    ratings = np.array([[0.0, 5.0, 0.5], [1.0, 0.0, 0.0], [0.0, 0.0, 0.0]], np.float32)
    pooled = np.asarray(tower.pool(items, ratings))
    # Row 0: (10 * [1, 0] + 1 * [0, 1]) / 2 valid items; row 1: 2 * [2, 2] / 1; row 2: empty → zeros.
    np.testing.assert_allclose(pooled, [[5.0, 0.5], [4.0, 4.0], [0.0, 0.0]])


def test_padding_position_and_amount_do_not_change_the_user_embedding():
    tower = user_tower(np.random.default_rng(0).normal(size=(5, 8)).astype(np.float32), np.ones(10, np.float32))
    left = tower(np.array([[-1, -1, 3, 4]], np.int32), np.array([[0, 0, 4.0, 2.5]], np.float32))
    right = tower(np.array([[3, 4, -1, -1, -1, -1]], np.int32), np.array([[4.0, 2.5, 0, 0, 0, 0]], np.float32))
    np.testing.assert_allclose(np.asarray(left), np.asarray(right), atol=1e-6)
    np.testing.assert_allclose(np.linalg.norm(np.asarray(left), axis=1), 1.0, atol=1e-6)


def test_every_tower_outputs_unit_vectors_of_the_same_width():
    import keras

    # Seeded, and wide enough that some relu unit is alive for every input.
    keras.utils.set_random_seed(0)
    table = keras.Variable(np.random.default_rng(1).normal(size=(6, 4)).astype(np.float32))
    content = np.random.default_rng(2).normal(size=(3, 7)).astype(np.float32)
    movies = np.asarray(MovieTower(table, (32,), 5)(np.array([0, 2, 5], np.int32), content))
    contents = np.asarray(ContentTower((32,), 5)(content))
    assert movies.shape == contents.shape == (3, 5)
    np.testing.assert_allclose(np.linalg.norm(movies, axis=1), 1.0, atol=1e-6)
    np.testing.assert_allclose(np.linalg.norm(contents, axis=1), 1.0, atol=1e-6)


def test_l2_normalize_leaves_a_zero_vector_at_zero():
    out = np.asarray(l2_normalize(np.array([[3.0, 4.0], [0.0, 0.0]], np.float32)))
    np.testing.assert_allclose(out, [[0.6, 0.8], [0.0, 0.0]])
