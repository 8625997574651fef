import json

import numpy as np
import pytest

from .data import RATINGS_DTYPE, SnapshotError, load_snapshot
from .testing import synthetic_snapshot, write_snapshot


def test_loads_a_snapshot_with_dense_indexes(tmp_path):
    snapshot = load_snapshot(synthetic_snapshot(tmp_path, n_users=10, n_movies=8, per_user=5, n_tmdb_only=2))
    catalog, ratings = snapshot.catalog, snapshot.ratings
    assert len(catalog) == 10
    assert catalog.movielens_ids[-1] == -1  # TMDB-only movies close the catalog
    assert ratings.n_users == 10 and len(ratings) == 50 and ratings.n_items == 10
    assert ratings.user.min() == 0 and ratings.user.max() == 9
    # Dense item indexes point back at the project's movie ids.
    raw = np.load(tmp_path / "ratings.npy")
    assert (catalog.movie_ids[ratings.item] == raw["movie_id"]).all()
    assert (ratings.user_ids[ratings.user] == raw["user_id"]).all()


def bare_movie(movie_id: int, **fields) -> dict:
    """A movies.jsonl row with only the required fields filled (and `fields`)."""
    base = {"id": movie_id, "movielens_id": movie_id, "tmdb_id": None, "title": "A", "year": None}
    return {**base, "genres": [], "overview": None, "tagline": None, "keywords": [], **fields}


def test_votes_are_read_and_unknown_when_null_or_absent(tmp_path):
    movies = [
        bare_movie(1, vote_count=120, vote_average=6.5),
        bare_movie(2, vote_count=None, vote_average=None),
        bare_movie(3),  # a snapshot from before the vote fields
    ]
    write_snapshot(tmp_path, movies, np.array([(1, 1, 4.0, 1)], dtype=RATINGS_DTYPE))
    catalog = load_snapshot(tmp_path).catalog
    assert catalog.vote_counts.tolist() == [120.0, -1.0, -1.0]
    assert catalog.vote_averages.tolist() == [6.5, -1.0, -1.0]


def test_subset_keeps_index_spaces(tmp_path):
    ratings = load_snapshot(synthetic_snapshot(tmp_path)).ratings
    high = ratings.subset(ratings.rating >= 4)
    assert high.n_users == ratings.n_users and high.n_items == ratings.n_items
    assert (high.rating >= 4).all()


def test_rejects_ratings_of_unknown_movies(tmp_path):
    write_snapshot(tmp_path, [bare_movie(1)], np.array([(1, 2, 4.0, 1)], dtype=RATINGS_DTYPE))
    with pytest.raises(SnapshotError, match="movie id 2 is not in the catalog"):
        load_snapshot(tmp_path)


def test_names_the_file_when_something_is_wrong(tmp_path):
    with pytest.raises(SnapshotError, match="manifest.json: missing"):
        load_snapshot(tmp_path)
    synthetic_snapshot(tmp_path)
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    manifest["counts"]["ratings"] += 1
    (tmp_path / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(SnapshotError, match="do not match the files"):
        load_snapshot(tmp_path)
    with (tmp_path / "movies.jsonl").open("a") as out:
        out.write("{not json\n")
    with pytest.raises(SnapshotError, match=r"movies.jsonl:\d+: not JSON"):
        load_snapshot(tmp_path)


def test_an_evaluation_snapshot_leaves_out_unrated_tmdb_only_movies(tmp_path):
    snapshot = load_snapshot(synthetic_snapshot(tmp_path, n_users=5, n_movies=8, per_user=3, n_tmdb_only=3))
    small = snapshot.rated_or_movielens()
    assert len(small.catalog) == 8 and (small.catalog.movielens_ids != -1).all()
    assert small.ratings.n_items == 8 and len(small.ratings) == len(snapshot.ratings)
    # Each rating still points at the same movie.
    assert (small.catalog.movie_ids[small.ratings.item] == snapshot.catalog.movie_ids[snapshot.ratings.item]).all()
    assert small.catalog.vote_counts.tolist() == snapshot.catalog.vote_counts[:8].tolist()
    assert small.catalog.titles == [
        t for t, m in zip(snapshot.catalog.titles, snapshot.catalog.movielens_ids) if m != -1
    ]
