"""Fits models on a Split's train ratings and measures them on its test positives.

Main ranking: for each evaluated user, every rankable item (see split.py: no TMDB-only nor cold
movie) that the user did not rate in training is a candidate; the metrics are those of metrics.py.
Cold start: see `evaluate_cold_start`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence

import numpy as np
from scipy import sparse

from .baselines import ModelTooLarge
from .data import Catalog
from .metrics import RankingAccumulator, hits, recall_at_k, top_k
from .recommender import Recommender
from .split import Split, interaction_matrix, users_with_positives

DEFAULT_BATCH = 512  # users scored at once: 512 x 60K items of float32 is ~120 MB


def rank_and_measure(
    model: Recommender,
    history: sparse.csr_array,
    positives: sparse.csr_array,
    rankable: np.ndarray,
    ks: Sequence[int],
    batch_size: int = DEFAULT_BATCH,
) -> tuple[dict[str, float], float]:
    """Scores the users that have positives, in batches, and averages the metrics.

    Args:
        model: a fitted Recommender.
        history: (users, items) what each user rated in the data the model was fitted on (excluded).
        positives: (users, items) binary relevant items.
        rankable: bool over items, the candidates.
        ks: list lengths.
        batch_size: users per `model.score` call.

    Returns:
        The metrics (recall@k, ndcg@k, coverage@max k) and the seconds spent in `model.score`.
    """
    users = users_with_positives(positives)
    accumulator = RankingAccumulator(tuple(ks), positives.shape[1], int(rankable.sum()))
    score_seconds = 0.0
    for start in range(0, len(users), batch_size):
        batch = users[start : start + batch_size]
        began = time.perf_counter()
        # A copy, since top_k masks in place and a model may return its own buffer.
        scores = np.array(model.score(batch), dtype=np.float32)
        score_seconds += time.perf_counter() - began
        accumulator.add(top_k(scores, max(ks), history[batch], rankable), positives[batch])
    return accumulator.result(), score_seconds


def evaluate_models(
    split: Split,
    catalog: Catalog,
    models: Iterable[Recommender],
    ks: Sequence[int] = (10, 20),
    batch_size: int = DEFAULT_BATCH,
    fit: bool = True,
) -> dict[str, dict]:
    """Fits (unless `fit` is false) and evaluates each model on the split's test positives.

    Args:
        split: the protocol's split.
        catalog: the snapshot's movies.
        models: Recommenders with distinct names.
        ks: list lengths; coverage is reported at the largest.
        batch_size: users per `score` call.
        fit: false when the models were already fitted on split.train; their fit_seconds is then None
            (the caller knows the training time).

    Returns:
        {model.name: {"recall@k", "ndcg@k" per k, "coverage@max k", "fit_seconds", "score_seconds",
        "params"}}; a model raising ModelTooLarge gets None metrics and a "skipped" message.
    """
    history = interaction_matrix(split.train)
    results = {}
    for model in models:
        began = time.perf_counter()
        try:
            if fit:
                model.fit(split.train, catalog)
        except ModelTooLarge as error:
            names = [f"{m}@{k}" for k in sorted(ks) for m in ("recall", "ndcg")] + [f"coverage@{max(ks)}"]
            results[model.name] = {
                **dict.fromkeys(names),
                "fit_seconds": None,
                "score_seconds": None,
                "skipped": str(error),
            }
            continue
        fit_seconds = time.perf_counter() - began if fit else None
        metrics, score_seconds = rank_and_measure(model, history, split.test_positives, split.rankable, ks, batch_size)
        results[model.name] = {
            **metrics,
            "fit_seconds": fit_seconds,
            "score_seconds": score_seconds,
            "params": dict(getattr(model, "params", {})),
        }
    return results


def tune(
    split: Split,
    catalog: Catalog,
    make_model: Callable[[float], Recommender],
    grid: Sequence[float],
    metric: str = "ndcg@20",
    batch_size: int = DEFAULT_BATCH,
) -> tuple[float, dict[float, float]]:
    """Picks the hyperparameter value whose model, fitted on train minus validation, does best on
    the validation positives (ties: the earlier grid value).

    Args:
        split: a split with a validation part (valid_ratio > 0).
        catalog: the snapshot's movies.
        make_model: builds an unfitted model from one grid value, e.g. `lambda l2: EASE(l2=l2)`.
        grid: the values tried.
        metric: the metric maximized, "recall@K" or "ndcg@K".
        batch_size: users per `score` call.

    Returns:
        The best value and the metric of every value.
    """
    positives = split.validation_positives
    if positives.nnz == 0:
        raise ValueError("tuning needs validation positives: use valid_ratio > 0 (and users with enough ratings)")
    k = int(metric.split("@")[1])
    history = interaction_matrix(split.tuning_train)
    measured = {}
    for value in grid:
        model = make_model(value)
        model.fit(split.tuning_train, catalog)
        measured[value] = rank_and_measure(model, history, positives, split.rankable, (k,), batch_size)[0][metric]
    return max(grid, key=lambda value: measured[value]), measured


def evaluate_cold_start(split: Split, model: Recommender, k: int = 20, batch_size: int = DEFAULT_BATCH) -> dict:
    """Recall@k of a fitted model ranking only the cold items, against a random ranking.

    Users are those with held-out positives among the cold items; nobody rated a cold item in
    training, so nothing is excluded. For a user with P positives among C cold items, a uniformly
    random ranking puts each positive in the top k with probability min(k, C)/C, so its expected
    Recall@k = (P·min(k, C)/C)/P = min(k, C)/C for every user: the random baseline is exact.

    Args:
        split: the split whose cold items are ranked.
        model: a Recommender fitted on split.train.
        k: list length.
        batch_size: users per `score` call.

    Returns:
        {"users", "items", f"recall@{k}", f"random_recall@{k}", "lift"}; None values without cold users.
    """
    cold = split.cold_items
    positives = split.cold_positives[:, cold].tocsr()
    users = users_with_positives(positives)
    result = {
        "users": int(len(users)),
        "items": int(len(cold)),
        f"recall@{k}": None,
        f"random_recall@{k}": None,
        "lift": None,
    }
    if len(users) == 0:
        return result
    total = 0.0
    for start in range(0, len(users), batch_size):
        batch = users[start : start + batch_size]
        scores = np.array(model.score(batch), dtype=np.float32)[:, cold]
        batch_positives = positives[batch]
        total += float(recall_at_k(hits(top_k(scores, k), batch_positives), np.diff(batch_positives.indptr), k).sum())
    recall = total / len(users)
    random = min(k, len(cold)) / len(cold)
    return {**result, f"recall@{k}": recall, f"random_recall@{k}": random, "lift": recall / random}
