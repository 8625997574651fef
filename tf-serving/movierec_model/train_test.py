import numpy as np
import pytest

from .data import load_snapshot
from .features import HistoryIndex
from .testing import synthetic_snapshot
from .train import SOURCE_CONTENT_ONLY, SOURCE_TWO_TOWER, TwoTowerConfig, TwoTowerRecommender, _batches, train_two_tower

SMALL = TwoTowerConfig(
    embedding_dim=32,
    item_dim=16,
    hidden=(64,),
    history_length=20,
    epochs=8,
    batch_size=64,
    learning_rate=5e-3,
    log_every=10,
)


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory):
    return load_snapshot(
        synthetic_snapshot(tmp_path_factory.mktemp("snapshot"), n_users=150, n_movies=80, per_user=24, n_tmdb_only=5)
    )


def text_of(catalog, seed=0):
    """Stand-in text embeddings: the normalized sum of a random vector per overview word, so that
    movies sharing words are close, as with a sentence encoder."""
    rng = np.random.default_rng(seed)
    words = sorted({w for overview in catalog.overviews for w in (overview or "").split()})
    word_vectors = dict(zip(words, rng.normal(size=(len(words), 384)).astype(np.float32)))
    text = np.stack(
        [sum((word_vectors[w] for w in (o or "").split()), np.zeros(384, np.float32)) for o in catalog.overviews]
    )
    return text / np.maximum(np.linalg.norm(text, axis=1, keepdims=True), 1e-12)


def last_ratings_held_out(ratings, per_user):
    start = np.concatenate([[0], np.cumsum(np.bincount(ratings.user, minlength=ratings.n_users))])
    held = np.arange(len(ratings)) >= start[ratings.user + 1] - per_user
    return ratings.subset(~held), ratings.subset(held)


@pytest.mark.parametrize("context", ["whole", "earlier"])
def test_ranks_held_out_liked_movies_far_above_random(snapshot, context):
    train, test = last_ratings_held_out(snapshot.ratings, per_user=6)
    recommender = TwoTowerRecommender(
        TwoTowerConfig(**{**SMALL.__dict__, "context": context}), text_of(snapshot.catalog)
    )
    recommender.fit(train, snapshot.catalog)
    scores = recommender.score(np.arange(train.n_users))
    assert scores.shape == (train.n_users, len(snapshot.catalog)) and scores.dtype == np.float32
    # AUC of each held-out liked movie against the movies the user never rated (random ranking: 0.5).
    rated = np.zeros(scores.shape, bool)
    rated[snapshot.ratings.user, snapshot.ratings.item] = True
    rated[:, snapshot.catalog.movielens_ids < 0] = True  # TMDB-only movies were never rateable
    liked = test.rating >= 4.0
    aucs = [(scores[u, ~rated[u]] < scores[u, i]).mean() for u, i in zip(test.user[liked], test.item[liked])]
    assert np.mean(aucs) > 0.68  # a genre-profile oracle gets 0.76 here


def test_items_without_training_ratings_use_the_content_tower(snapshot):
    trained = train_two_tower(snapshot.ratings, snapshot.catalog, text_of(snapshot.catalog), SMALL)
    embeddings, source = trained.item_embeddings()
    assert embeddings.shape == (len(snapshot.catalog), 32) and embeddings.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(embeddings, axis=1), 1.0, atol=1e-5)
    tmdb_only = snapshot.catalog.movielens_ids < 0
    assert (source[tmdb_only] == SOURCE_CONTENT_ONLY).all() and (source[~tmdb_only] == SOURCE_TWO_TOWER).all()
    steps_per_epoch = -(-int((snapshot.ratings.rating >= 3.5).sum()) // SMALL.batch_size)
    assert len(trained.loss_history.epochs) == SMALL.epochs
    assert len(trained.loss_history.steps) == steps_per_epoch * SMALL.epochs // SMALL.log_every
    assert trained.loss_history.epochs[-1] < trained.loss_history.epochs[0]
    # The content tower was pulled toward the full embeddings of the movies it could see.
    rated = np.flatnonzero(~tmdb_only).astype(np.int32)
    cosines = (trained.model.content_embeddings(rated).numpy() * trained.model.movie_embeddings(rated).numpy()).sum(
        axis=1
    )
    assert cosines.mean() > 0.5


def test_same_seed_same_embeddings_other_seed_others(snapshot):
    config = TwoTowerConfig(**{**SMALL.__dict__, "epochs": 1})
    runs = [
        train_two_tower(snapshot.ratings, snapshot.catalog, text_of(snapshot.catalog), c)
        for c in (config, config, TwoTowerConfig(**{**config.__dict__, "seed": 1}))
    ]
    histories = HistoryIndex(snapshot.ratings).latest(np.arange(5), config.history_length)
    first, again, other = ([*r.item_embeddings()[:1], r.user_embeddings(histories)] for r in runs)
    for a, b in zip(first, again):
        np.testing.assert_array_equal(a, b)
    assert np.abs(first[0] - other[0]).max() > 1e-3


def test_max_steps_stops_training_early(snapshot):
    trained = train_two_tower(
        snapshot.ratings,
        snapshot.catalog,
        text_of(snapshot.catalog),
        TwoTowerConfig(**{**SMALL.__dict__, "max_steps": 3, "log_every": 1}),
    )
    assert [step for step, _ in trained.loss_history.steps] == [1, 2, 3] and len(trained.loss_history.epochs) == 1


def test_whole_history_contexts_with_a_full_softmax_learn_too(snapshot):
    train, test = last_ratings_held_out(snapshot.ratings, per_user=6)
    config = TwoTowerConfig(**{**SMALL.__dict__, "context": "whole", "full_softmax_max_items": 1000})
    recommender = TwoTowerRecommender(config, text_of(snapshot.catalog))
    recommender.fit(train, snapshot.catalog)
    scores = recommender.score(np.arange(train.n_users))
    rated = np.zeros(scores.shape, bool)
    rated[snapshot.ratings.user, snapshot.ratings.item] = True
    rated[:, snapshot.catalog.movielens_ids < 0] = True
    liked = test.rating >= 4.0
    aucs = [(scores[u, ~rated[u]] < scores[u, i]).mean() for u, i in zip(test.user[liked], test.item[liked])]
    assert np.mean(aucs) > 0.68
    assert recommender.trained.loss_history.epochs[-1] < recommender.trained.loss_history.epochs[0]


@pytest.mark.parametrize("context", ["whole", "earlier"])
def test_history_dropout_hides_a_share_of_each_context(snapshot, context):
    index = HistoryIndex(snapshot.ratings)
    positions = np.arange(len(index))

    def epoch_of(**overrides):
        config = TwoTowerConfig(**{**SMALL.__dict__, "context": context, "batch_size": 500, **overrides})
        return [np.concatenate(part) for part in zip(*_batches(index, positions, config, epoch=0))]

    full, dropped = epoch_of(), epoch_of(history_dropout=0.5)
    # Same permutation, contexts and targets in every batch (the hiding draws from its own
    # generator); only entries of the full contexts are hidden, as padding.
    assert (dropped[2] == full[2]).all()
    valid = full[0] >= 0
    assert ((dropped[0] == full[0]) | (dropped[0] == -1)).all() and (dropped[0][~valid] == -1).all()
    assert (dropped[1][dropped[0] == -1] == 0).all()
    assert 0.45 < (dropped[0][valid] == -1).mean() < 0.55


def test_config_rejects_an_unknown_context_or_a_dropout_outside_0_1():
    with pytest.raises(ValueError, match="context 'Whole'"):
        TwoTowerConfig(context="Whole")
    with pytest.raises(ValueError, match="history_dropout 1.0"):
        TwoTowerConfig(history_dropout=1.0)
