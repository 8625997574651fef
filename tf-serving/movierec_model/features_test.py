import numpy as np
import pytest

from .data import Ratings, load_snapshot
from .features import GENRES, HistoryIndex, content_features, genre_multi_hot, vote_features, year_features
from .testing import synthetic_snapshot


def ratings_of(users, items, values, times, n_items=10):
    return Ratings(
        np.array(users, np.int32), np.array(items, np.int32), np.array(values, np.float32),
        np.array(times, np.int64), np.arange(max(users) + 1, dtype=np.int32), n_items,
    )  # fmt: skip


def test_genres_are_multi_hot_over_the_movielens_vocabulary():
    assert len(GENRES) == 19 and GENRES[0] == "Action" and GENRES[-1] == "Western"
    hot = genre_multi_hot([["Comedy", "Sci-Fi"], [], ["Unknown genre", "Comedy"]])
    assert hot.dtype == np.float32 and hot.shape == (3, 19)
    assert hot[0, GENRES.index("Comedy")] == 1 and hot[0, GENRES.index("Sci-Fi")] == 1 and hot[0].sum() == 2
    assert hot[1].sum() == 0 and hot[2].sum() == 1


def test_unknown_year_is_zero_with_a_flag():
    assert year_features(np.array([1990, 2020, 0])).tolist() == [[0.0, 1.0], [1.0, 1.0], [0.0, 0.0]]


def test_vote_features_are_log_count_average_and_known_flag():
    features = vote_features(np.array([0.0, np.e**10 - 1, -1.0, 20.0]), np.array([0.0, 7.5, 6.0, -1.0]))
    expected = [[0, 0, 1], [1, 0.75, 1], [0, 0, 0], [np.log1p(20) / 10, 0, 1]]
    np.testing.assert_allclose(features, expected, rtol=1e-6)


def test_content_features_concatenate_text_genres_year_votes(tmp_path):
    catalog = load_snapshot(synthetic_snapshot(tmp_path, n_users=3, n_movies=4, per_user=2, n_tmdb_only=0)).catalog
    text = np.ones((4, 384), np.float32)
    features = content_features(catalog, text)
    assert features.shape == (4, 384 + 19 + 2 + 3)
    assert (features[:, 384:403].sum(axis=1) >= 1).all()
    assert features[:, -3:].tolist() == vote_features(catalog.vote_counts, catalog.vote_averages).tolist()
    with pytest.raises(ValueError, match="3 text embeddings for 4 movies"):
        content_features(catalog, text[:3])


def test_histories_stop_at_user_boundaries():
    # User 0 rated items 1, 2, 3; user 1 rated 4, 5.
    index = HistoryIndex(ratings_of([0, 0, 0, 1, 1], [1, 2, 3, 4, 5], [1.0, 2.0, 3.0, 4.0, 5.0], [10, 20, 30, 5, 6]))
    before = index.before(np.array([0, 2, 3, 4]), 2)
    assert before.items.tolist() == [[-1, -1], [1, 2], [-1, -1], [-1, 4]]
    assert before.ratings.tolist() == [[0, 0], [1, 2], [0, 0], [0, 4]]
    latest = index.latest(np.array([1, 0]), 4)
    assert latest.items.tolist() == [[-1, -1, 4, 5], [-1, 1, 2, 3]]


def test_unsorted_ratings_are_ordered_by_user_then_time():
    index = HistoryIndex(ratings_of([1, 0, 0, 1], [7, 3, 2, 6], [4.0] * 4, [50, 30, 10, 40]))
    assert index.latest(np.array([0, 1]), 3).items.tolist() == [[-1, 2, 3], [-1, 6, 7]]


def test_a_user_without_ratings_has_an_empty_history():
    index = HistoryIndex(Ratings(*(np.array(x) for x in ([0], [1], [4.0], [1])), np.arange(3, dtype=np.int32), 5))
    assert index.latest(np.array([1, 2]), 2).items.tolist() == [[-1, -1], [-1, -1]]


def test_whole_history_contexts_hold_the_users_other_ratings_only():
    # User 0 rated items 1..6; user 1 rated 7, 8.
    ratings = ratings_of([0] * 6 + [1, 1], [1, 2, 3, 4, 5, 6, 7, 8], [4.0] * 8, [1, 2, 3, 4, 5, 6, 1, 2])
    index = HistoryIndex(ratings)
    rng = np.random.default_rng(0)
    short = index.around(np.array([2, 6]), 8, rng)
    assert short.items.tolist() == [[-1, -1, -1, 1, 2, 4, 5, 6], [-1] * 7 + [8]]
    assert short.ratings[0, :3].tolist() == [0, 0, 0]
    for _ in range(20):  # more other ratings than the length: a random subset without the target
        drawn = index.around(np.array([0, 5]), 3, rng).items
        for row, target in zip(drawn.tolist(), (1, 6)):
            assert len(set(row)) == 3 and target not in row and set(row) <= {1, 2, 3, 4, 5, 6}
            assert row == sorted(row)  # time order
