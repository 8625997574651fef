import numpy as np
import pytest

from .data import Catalog, Ratings, load_snapshot
from .split import PRESETS, interaction_matrix, make_split, split_ratings
from .testing import synthetic_snapshot


def make_catalog(n_items: int, tmdb_only: tuple[int, ...] = ()) -> Catalog:
    """A bare catalog of n_items movies; the listed indexes are TMDB-only."""
    movielens = np.arange(1, n_items + 1, dtype=np.int32)
    movielens[list(tmdb_only)] = -1
    return Catalog(
        movie_ids=np.arange(1, n_items + 1, dtype=np.int32),
        movielens_ids=movielens,
        tmdb_ids=np.full(n_items, -1, np.int32),
        titles=[f"m{i}" for i in range(n_items)],
        years=np.zeros(n_items, np.int32),
        genres=[[] for _ in range(n_items)],
        overviews=[None] * n_items,
        taglines=[None] * n_items,
        keywords=[[] for _ in range(n_items)],
        vote_counts=np.full(n_items, -1.0, np.float32),
        vote_averages=np.full(n_items, -1.0, np.float32),
    )


def make_ratings(rows: list[tuple[int, int, float, int]], n_users: int, n_items: int) -> Ratings:
    """Ratings from (user, item, rating, rated_at) rows with dense indexes."""
    user, item, rating, rated_at = (np.array(column) for column in zip(*rows))
    return Ratings(
        user.astype(np.int32),
        item.astype(np.int32),
        rating.astype(np.float32),
        rated_at.astype(np.int64),
        np.arange(1, n_users + 1, dtype=np.int32),
        n_items,
    )


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory):
    return load_snapshot(synthetic_snapshot(tmp_path_factory.mktemp("split"), n_users=50, n_movies=60, per_user=25))


def pairs(ratings: Ratings) -> set[tuple[int, int]]:
    return set(zip(ratings.user.tolist(), ratings.item.tolist()))


def test_temporal_holds_out_each_users_latest_fifth(snapshot):
    split = split_ratings(snapshot.ratings, snapshot.catalog, cold_fraction=0.0)
    held = split.test
    assert len(split.cold_items) == 0 and len(split.cold_test) == 0
    for user in range(snapshot.ratings.n_users):
        train_times = split.train.rated_at[split.train.user == user]
        test_times = held.rated_at[held.user == user]
        assert len(test_times) == 5  # floor(0.2 * 25)
        assert train_times.max() <= test_times.min()
    assert len(split.train) + len(held) == len(snapshot.ratings)
    assert not pairs(split.train) & pairs(held)


def test_validation_is_the_latest_part_of_train(snapshot):
    split = split_ratings(snapshot.ratings, snapshot.catalog, cold_fraction=0.0)
    assert len(split.validation) + len(split.tuning_train) == len(split.train)
    for user in range(5):
        fit_times = split.tuning_train.rated_at[split.tuning_train.user == user]
        valid_times = split.validation.rated_at[split.validation.user == user]
        assert len(valid_times) == 4  # floor(0.2 * 20 train ratings)
        assert fit_times.max() <= valid_times.min()


def test_ties_keep_original_order_and_tiny_users_are_handled():
    # User 0: four ratings at the same second; the last two in the original order are the latest.
    # User 1: one rating, kept for training. User 2: two ratings, one each way.
    rows = [(0, 0, 4, 100), (0, 1, 4, 100), (0, 2, 4, 100), (0, 3, 4, 100), (1, 0, 5, 50), (2, 1, 5, 10), (2, 2, 5, 20)]
    split = split_ratings(make_ratings(rows, 3, 4), make_catalog(4), test_ratio=0.5, valid_ratio=0.0, cold_fraction=0.0)
    assert sorted(pairs(split.test)) == [(0, 2), (0, 3), (2, 2)]
    assert sorted(pairs(split.train)) == [(0, 0), (0, 1), (1, 0), (2, 1)]
    assert split.test_users.tolist() == [0, 2]


def test_positives_are_high_rankable_held_out_ratings():
    # Item 2 is TMDB-only: a held-out 5 on it cannot be ranked, so it is no positive.
    rows = [(0, 0, 5, 1), (0, 1, 3.5, 2), (0, 3, 4, 3), (0, 2, 5, 4)]
    ratings, catalog = make_ratings(rows, 1, 4), make_catalog(4, tmdb_only=(2,))
    split = split_ratings(ratings, catalog, test_ratio=0.75, valid_ratio=0.0, cold_fraction=0.0)
    assert split.test_positives.toarray().tolist() == [[0, 0, 0, 1]]
    everything = split_ratings(ratings, catalog, test_ratio=0.75, valid_ratio=0.0, min_rating=0.0, cold_fraction=0.0)
    assert everything.test_positives.toarray().tolist() == [[0, 1, 0, 1]]


def test_cold_items_leave_train_and_the_main_test(snapshot):
    split = split_ratings(snapshot.ratings, snapshot.catalog, cold_fraction=0.1, cold_min_ratings=10, seed=3)
    counts = np.bincount(snapshot.ratings.item, minlength=len(snapshot.catalog))
    assert len(split.cold_items) == round(0.1 * np.count_nonzero(counts))
    assert (counts[split.cold_items] >= 10).all()
    cold = np.isin(np.arange(len(snapshot.catalog)), split.cold_items)
    assert not cold[split.train.item].any() and not cold[split.test.item].any()
    assert cold[split.cold_test.item].all() and len(split.cold_test) > 0
    assert not split.rankable[split.cold_items].any() and split.test_positives[:, split.cold_items].nnz == 0
    assert split.cold_positives.nnz == int((split.cold_test.rating >= 4).sum())
    again = split_ratings(snapshot.ratings, snapshot.catalog, cold_fraction=0.1, cold_min_ratings=10, seed=3)
    other = split_ratings(snapshot.ratings, snapshot.catalog, cold_fraction=0.1, cold_min_ratings=10, seed=4)
    assert (again.cold_items == split.cold_items).all() and (other.cold_items != split.cold_items).any()


def test_tmdb_only_movies_are_never_rankable_nor_cold(snapshot):
    split = split_ratings(snapshot.ratings, snapshot.catalog, cold_fraction=0.5, cold_min_ratings=1)
    tmdb_only = snapshot.catalog.movielens_ids == -1
    assert tmdb_only.any() and not split.rankable[tmdb_only].any()
    assert not tmdb_only[split.cold_items].any()


def test_random_protocol_ratios_and_seeding(snapshot):
    split = split_ratings(
        snapshot.ratings, snapshot.catalog, "random", test_ratio=0.3, valid_ratio=0.25, cold_fraction=0.0, seed=7
    )
    assert np.bincount(split.test.user).tolist() == [7] * 50  # floor(0.3 * 25)
    assert np.bincount(split.validation.user).tolist() == [4] * 50  # floor(0.25 * 18)
    same = split_ratings(
        snapshot.ratings, snapshot.catalog, "random", test_ratio=0.3, valid_ratio=0.25, cold_fraction=0.0, seed=7
    )
    other = split_ratings(
        snapshot.ratings, snapshot.catalog, "random", test_ratio=0.3, valid_ratio=0.25, cold_fraction=0.0, seed=8
    )
    assert pairs(same.test) == pairs(split.test) and pairs(other.test) != pairs(split.test)
    temporal = split_ratings(snapshot.ratings, snapshot.catalog, test_ratio=0.3, cold_fraction=0.0)
    assert pairs(temporal.test) != pairs(split.test)


def test_presets_reproduce_published_setups(snapshot):
    recbole = make_split(snapshot.ratings, snapshot.catalog, "random", "recbole")
    below = int((snapshot.ratings.rating < 3).sum())
    assert below > 0 and recbole.dropped == below
    assert (recbole.train.rating >= 3).all() and (recbole.test.rating >= 3).all()
    assert len(recbole.cold_items) == 0 and recbole.params["min_rating"] == 0.0
    # 8:1:1 per user: floor(0.1 n) test, then 1/9 of the rest (= 0.1 n) for validation.
    kept = np.bincount(snapshot.ratings.user[snapshot.ratings.rating >= 3])
    assert (
        np.bincount(recbole.test.user, minlength=50) == np.where(kept >= 2, np.maximum(np.floor(kept * 0.1), 1), 0)
    ).all()
    assert recbole.test_positives.nnz == len(recbole.test)  # every held-out interaction is relevant
    msr = make_split(snapshot.ratings, snapshot.catalog, "random", "msr", seed=1)
    assert msr.dropped == 0 and np.bincount(msr.test.user).tolist() == [6] * 50  # floor(0.25 * 25)
    assert msr.test_positives.nnz == len(msr.test)
    assert set(PRESETS) == {"recbole", "msr"}


def test_rejects_bad_arguments(snapshot):
    with pytest.raises(ValueError, match="unknown preset"):
        make_split(snapshot.ratings, snapshot.catalog, "random", "lightfm")
    with pytest.raises(ValueError, match="random-protocol"):
        make_split(snapshot.ratings, snapshot.catalog, "temporal", "msr")
    with pytest.raises(ValueError, match="unknown protocol"):
        split_ratings(snapshot.ratings, snapshot.catalog, "leave-one-out")
    with pytest.raises(ValueError, match="test_ratio"):
        split_ratings(snapshot.ratings, snapshot.catalog, test_ratio=1.0)


def test_interaction_matrix_is_binary_unless_given_values():
    ratings = make_ratings([(0, 1, 4.0, 1), (0, 1, 2.0, 2), (1, 0, 3.0, 1)], 2, 3)
    assert interaction_matrix(ratings).toarray().tolist() == [[0, 1, 0], [1, 0, 0]]
    assert interaction_matrix(ratings, ratings.rating).toarray().tolist() == [[0, 6, 0], [3, 0, 0]]


def test_summary_counts(snapshot):
    split = split_ratings(snapshot.ratings, snapshot.catalog)
    summary = split.summary()
    assert summary["protocol"]["name"] == "temporal" and summary["protocol"]["test_ratio"] == 0.2
    counts = summary["counts"]
    assert counts["train_ratings"] + counts["test_ratings"] + len(split.cold_test) <= len(snapshot.ratings)
    assert counts["test_positives"] == split.test_positives.nnz and counts["cold_items"] == len(split.cold_items)
