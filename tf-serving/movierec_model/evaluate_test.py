import numpy as np
import pytest

from .baselines import EASE, ItemKNN, MostPopular, SeedAverage
from .data import load_snapshot
from .evaluate import evaluate_cold_start, evaluate_models, tune
from .split import interaction_matrix, make_split
from .testing import synthetic_snapshot

METRIC_KEYS = {"recall@10", "recall@20", "ndcg@10", "ndcg@20", "coverage@20"}


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    snapshot = load_snapshot(synthetic_snapshot(tmp_path_factory.mktemp("evaluate")))
    return snapshot, make_split(snapshot.ratings, snapshot.catalog)


class Fixed:
    """A model whose scores are given: a row per user."""

    name = "fixed"

    def __init__(self, scores: np.ndarray) -> None:
        self.scores = scores

    def fit(self, train, catalog) -> None:
        pass

    def score(self, users: np.ndarray) -> np.ndarray:
        return self.scores[users]


def test_baselines_end_to_end_and_neighbourhood_models_beat_popularity(setup):
    snapshot, split = setup
    embeddings = np.random.default_rng(0).normal(size=(len(snapshot.catalog), 8))
    models = [MostPopular(), ItemKNN(), EASE(l2=10.0), SeedAverage(embeddings)]
    results = evaluate_models(split, snapshot.catalog, models, batch_size=16)
    assert list(results) == ["most_popular", "item_knn", "ease", "seed_average"]
    for result in results.values():
        assert METRIC_KEYS <= set(result) and result["fit_seconds"] >= 0 and result["score_seconds"] >= 0
        assert all(0 <= result[key] <= 1 for key in METRIC_KEYS)
    for key in ("recall@10", "ndcg@10", "ndcg@20"):
        assert results["ease"][key] > results["most_popular"][key]
        assert results["item_knn"][key] > results["most_popular"][key]
    assert results["ease"]["params"] == {"l2": 10.0}


def test_training_items_and_unrankable_items_are_never_recommended(setup):
    snapshot, split = setup
    # Scores that put every training item, then every TMDB-only and cold item, first: excluded,
    # they must leave the list to the positives, which come next.
    scores = np.zeros((split.train.n_users, len(snapshot.catalog)), np.float32)
    scores += split.test_positives.toarray()
    scores[:, ~split.rankable] += 5
    scores += 10 * interaction_matrix(split.train).toarray()
    results = evaluate_models(split, snapshot.catalog, [Fixed(scores)])
    n_positives = np.diff(split.test_positives.indptr)[split.test_users]
    assert results["fixed"]["recall@20"] == pytest.approx(np.mean(np.minimum(n_positives, 20) / n_positives))
    assert results["fixed"]["ndcg@20"] == pytest.approx(1.0)


def test_prefitted_models_are_not_refitted(setup):
    snapshot, split = setup
    model = MostPopular()
    model.fit(split.train, snapshot.catalog)
    model.fit = None  # any fit call would fail
    result = evaluate_models(split, snapshot.catalog, [model], fit=False)["most_popular"]
    assert result["fit_seconds"] is None and result["ndcg@10"] > 0


def test_a_model_too_large_is_skipped_with_its_reason(setup):
    snapshot, split = setup
    result = evaluate_models(split, snapshot.catalog, [EASE(max_items=3)])["ease"]
    assert "EASE skipped" in result["skipped"] and all(result[key] is None for key in METRIC_KEYS)


def test_tune_picks_the_best_validation_value(setup):
    snapshot, split = setup
    best, measured = tune(split, snapshot.catalog, lambda l2: EASE(l2=l2), (1.0, 10.0, 100000.0))
    assert set(measured) == {1.0, 10.0, 100000.0} and measured[best] == max(measured.values())
    assert best != 100000.0  # such a λ shrinks every weight toward nothing
    no_validation = make_split(snapshot.ratings, snapshot.catalog, valid_ratio=0.0)
    with pytest.raises(ValueError, match="valid_ratio > 0"):
        tune(no_validation, snapshot.catalog, lambda l2: EASE(l2=l2), (10.0,))


def test_cold_start_against_the_exact_random_expectation(setup):
    snapshot, split = setup
    cold_users = np.flatnonzero(np.diff(split.cold_positives.indptr))
    assert len(split.cold_items) == 2 and len(cold_users) > 0
    # An oracle that knows the cold positives; with 2 cold items and k = 20 every positive is listed.
    oracle = Fixed(split.cold_positives.toarray().astype(np.float32))
    result = evaluate_cold_start(split, oracle, k=1)
    # Random Recall@1 over C = 2 candidates: min(1, 2) / 2 = 0.5 for every user.
    assert result["random_recall@1"] == 0.5 and result["users"] == len(cold_users) and result["items"] == 2
    n_positives = np.diff(split.cold_positives.indptr)[cold_users]
    assert result["recall@1"] == pytest.approx(np.mean(1 / n_positives))
    assert result["lift"] == pytest.approx(result["recall@1"] / 0.5)
    assert evaluate_cold_start(split, oracle)["recall@20"] == 1.0


def test_cold_start_without_cold_items(setup):
    snapshot, _ = setup
    split = make_split(snapshot.ratings, snapshot.catalog, cold_fraction=0.0)
    result = evaluate_cold_start(split, MostPopular())
    assert result == {"users": 0, "items": 0, "recall@20": None, "random_recall@20": None, "lift": None}
