import dataclasses
import json

import numpy as np
import pytest
import tensorflow as tf

from .data import load_snapshot
from .export import MOVIE_EMBEDDINGS_DTYPE, export_run, next_version
from .features import HistoryIndex, content_features
from .served import ServedUserTower
from .testing import synthetic_snapshot
from .train import SOURCE_CONTENT_ONLY, TwoTowerConfig, train_two_tower
from .train_test import text_of

CONFIG = TwoTowerConfig(item_dim=16, hidden=(32,), history_length=8, epochs=1, batch_size=64)


def numpy_user_tower(path, movie_ids: np.ndarray, ratings: np.ndarray) -> np.ndarray:
    """The reference the TypeScript encoder mirrors: nothing but the safetensors file and its metadata."""
    return ServedUserTower(path).encode(movie_ids, ratings)


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    snapshot = load_snapshot(
        synthetic_snapshot(tmp_path_factory.mktemp("snapshot"), n_users=40, n_movies=30, per_user=12, n_tmdb_only=4)
    )
    text = text_of(snapshot.catalog)
    # Leave out one MovieLens movie's ratings: the exported user tower must not know it.
    train = snapshot.ratings.subset(snapshot.ratings.item != 0)
    trained = train_two_tower(train, snapshot.catalog, text, CONFIG)
    out = export_run(trained, snapshot.catalog, tmp_path_factory.mktemp("export"), version=1)
    return snapshot, train, text, trained, out


def served(out, name):
    return tf.saved_model.load(str(out / "models" / name / "1")).signatures["serving_default"]


def test_user_tower_saved_model_and_numpy_reference_match_keras(exported):
    snapshot, train, _, trained, out = exported
    histories = HistoryIndex(train).latest(np.arange(train.n_users), CONFIG.history_length)
    expected = trained.user_embeddings(histories)
    ids = np.where(histories.items >= 0, snapshot.catalog.movie_ids[np.maximum(histories.items, 0)], 0).astype(np.int64)
    serve = served(out, "user_tower")
    got = serve(history_movie_ids=tf.constant(ids), history_ratings=tf.constant(histories.ratings))["embedding"].numpy()
    assert got.shape == (train.n_users, 128) and got.dtype == np.float32
    assert np.abs(got - expected).max() < 1e-5
    assert np.abs(numpy_user_tower(out / "user_tower.safetensors", ids, histories.ratings) - expected).max() < 1e-5
    # Unknown ids (never rated in training, or not movies at all) are ignored like padding.
    unknown = np.concatenate([ids, np.full((len(ids), 2), [snapshot.catalog.movie_ids[0], 99999])], axis=1)
    ratings = np.concatenate([histories.ratings, np.full((len(ids), 2), 5.0, np.float32)], axis=1)
    assert (
        np.abs(
            serve(history_movie_ids=tf.constant(unknown), history_ratings=tf.constant(ratings))["embedding"].numpy()
            - expected
        ).max()
        < 1e-5
    )


def test_content_tower_saved_model_matches_keras(exported):
    snapshot, _, text, trained, out = exported
    catalog = snapshot.catalog
    width = max(len(g) for g in catalog.genres) + 1  # one more: every row has '' padding
    genres = np.array([g + [""] * (width - len(g)) for g in catalog.genres])
    genres[0, -1] = "Not a genre"
    expected = trained.model.content_embeddings(np.arange(len(catalog), dtype=np.int32)).numpy()
    votes = catalog.vote_counts.copy()
    votes[1] = -1.0  # unknown
    expected[1] = trained.model.content_tower(
        tf.constant(content_features(dataclasses.replace(catalog, vote_counts=votes), text)[1:2])
    ).numpy()[0]
    got = served(out, "content_tower")(
        text_embedding=tf.constant(text),
        genres=tf.constant(genres),
        year=tf.constant(catalog.years.astype(np.int64)),
        vote_count=tf.constant(votes),
        vote_average=tf.constant(catalog.vote_averages),
    )
    assert np.abs(got["embedding"].numpy() - expected).max() < 1e-5


def test_embeddings_file_has_one_fixed_size_record_per_movie(exported):
    snapshot, _, _, trained, out = exported
    rows = np.load(out / "movie_embeddings.npy")
    assert (
        rows.dtype == MOVIE_EMBEDDINGS_DTYPE
        and rows.dtype.itemsize == 4 + 4 + 1 + 512
        and len(rows) == len(snapshot.catalog)
    )
    assert (rows["movie_id"] == snapshot.catalog.movie_ids).all() and (
        rows["tmdb_id"] == snapshot.catalog.tmdb_ids
    ).all()
    embeddings, source = trained.item_embeddings()
    assert (rows["source"] == source).all() and np.array_equal(rows["embedding"], embeddings)
    assert (rows["source"][snapshot.catalog.movielens_ids < 0] == SOURCE_CONTENT_ONLY).all()
    assert rows["source"][0] == SOURCE_CONTENT_ONLY  # its ratings were left out of training
    # How a streaming reader finds record i: .npy v1.0, header length at bytes 8-9 (little endian).
    raw = (out / "movie_embeddings.npy").read_bytes()
    assert raw[:8] == b"\x93NUMPY\x01\x00"
    start = 10 + int.from_bytes(raw[8:10], "little")
    assert len(raw) == start + len(rows) * 521
    record = raw[start + 3 * 521 : start + 4 * 521]
    assert int.from_bytes(record[:4], "little") == snapshot.catalog.movie_ids[3]
    assert np.array_equal(np.frombuffer(record[9:], "<f4"), embeddings[3])


def test_layout_examples_and_versions(exported):
    snapshot, _, _, trained, out = exported
    config = (out / "models" / "models.config").read_text()
    assert 'base_path: "/models/user_tower"' in config and 'base_path: "/models/content_tower"' in config
    for example in json.loads((out / "user_tower_examples.json").read_text()):
        ids, ratings = np.array([example["history_movie_ids"]]), np.array([example["history_ratings"]], np.float32)
        np.testing.assert_allclose(
            numpy_user_tower(out / "user_tower.safetensors", ids, ratings)[0], example["embedding"], atol=1e-5
        )
    assert next_version(out) == 2
    with pytest.raises(FileExistsError, match="export another version"):
        export_run(trained, snapshot.catalog, out, version=1)
