import numpy as np
import pytest

from .data import load_snapshot
from .evaluate import rank_and_measure
from .export import export_run
from .served import ServedRecommender, recommendable
from .split import interaction_matrix, make_split
from .testing import synthetic_snapshot
from .train import TwoTowerConfig, TwoTowerRecommender
from .train_test import text_of

CONFIG = TwoTowerConfig(item_dim=16, hidden=(32,), history_length=8, epochs=2, batch_size=64)


@pytest.fixture(scope="module")
def fitted(tmp_path_factory):
    snapshot = load_snapshot(
        synthetic_snapshot(tmp_path_factory.mktemp("snapshot"), n_users=60, n_movies=40, per_user=15, n_tmdb_only=4)
    )
    split = make_split(snapshot.ratings, snapshot.catalog, "random", "msr")
    keras_model = TwoTowerRecommender(CONFIG, text_of(snapshot.catalog))
    keras_model.fit(split.train, snapshot.catalog)
    out = export_run(keras_model.trained, snapshot.catalog, tmp_path_factory.mktemp("export"), version=1)
    served = ServedRecommender(out, snapshot.catalog)
    served.fit(split.train, snapshot.catalog)
    return snapshot, split, keras_model, served


def test_the_served_path_scores_like_the_trained_model(fitted):
    snapshot, split, keras_model, served = fitted
    users = np.arange(split.train.n_users)
    assert np.abs(served.score(users) - keras_model.score(users)).max() < 1e-4
    history = interaction_matrix(split.train)
    ks = (10, 20)
    ours = rank_and_measure(served, history, split.test_positives, split.rankable, ks)[0]
    theirs = rank_and_measure(keras_model, history, split.test_positives, split.rankable, ks)[0]
    assert ours.keys() == theirs.keys() and max(abs(ours[m] - theirs[m]) for m in ours) < 1e-3


def test_scoring_needs_the_histories_first(fitted):
    snapshot, _, _, served = fitted
    with pytest.raises(RuntimeError, match="fit"):
        ServedRecommender(served.export_dir, snapshot.catalog).score(np.arange(2))


def test_recommendable_needs_a_tmdb_id_a_past_year_and_a_genre(fitted):
    snapshot, *_ = fitted
    catalog = snapshot.catalog
    mask = recommendable(catalog, this_year=2026)
    has_genre = np.array([len(g) > 0 for g in catalog.genres])
    expected = (catalog.tmdb_ids != -1) & (catalog.years > 0) & (catalog.years <= 2026) & has_genre
    assert (mask == expected).all()
    assert not recommendable(catalog, this_year=1800).any()
