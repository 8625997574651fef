"""Training throughput at ML-32M's shape, on a synthetic snapshot generated in memory.

    python -m movierec_model.bench --users 200000 --movies 87000 --ratings 32000000 --steps 300

Prints one JSON object on stdout (progress on stderr) and appends it to $DATA_DIR/bench/results.jsonl (DATA_DIR defaults to the
repository's .data/; a relative DATA_DIR is taken from the repository root, as the TypeScript CLI does).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import tensorflow as tf

from .data import Catalog, Ratings
from .features import GENRES
from .train import TwoTowerConfig, train_two_tower

REPO_ROOT = Path(__file__).resolve().parents[2]
# MovieLens' rating distribution (ML-25M, rounded), for 0.5, 1.0, ..., 5.0.
RATING_SHARES = np.array([0.016, 0.031, 0.016, 0.065, 0.051, 0.196, 0.130, 0.267, 0.089, 0.139])


def synthetic_ratings(n_users: int, n_movies: int, n_ratings: int, seed: int) -> Ratings:
    """Ratings shaped like MovieLens: every user ≥ 20 ratings with a long tail of heavy raters, Zipf-like
    movie popularity, sorted by user then time. Repeats within a user are possible (throughput only).

    Args:
        n_users: users.
        n_movies: movies, all rateable.
        n_ratings: ratings in all (≥ 20 per user).
        seed: generator seed.
    Returns:
        Ratings with dense indexes.
    """
    rng = np.random.default_rng(seed)
    spare = n_ratings - 20 * n_users
    if spare < 0:
        raise ValueError(f"{n_ratings} ratings cannot give {n_users} users 20 each")
    weights = rng.lognormal(0.0, 1.2, n_users)
    counts = 20 + np.floor(weights / weights.sum() * spare).astype(np.int64)
    counts[: n_ratings - counts.sum()] += 1  # the rounding remainder, one each
    popularity = 1.0 / (np.arange(n_movies) + 10.0) ** 1.1
    # Shuffled so that item index does not encode popularity.
    popularity = rng.permutation(popularity / popularity.sum())
    user = np.repeat(np.arange(n_users, dtype=np.int32), counts)
    item = rng.choice(n_movies, size=n_ratings, p=popularity).astype(np.int32)
    rating = ((rng.choice(10, size=n_ratings, p=RATING_SHARES / RATING_SHARES.sum()) + 1) * 0.5).astype(np.float32)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    # One rating a minute from a per-user start: sorted by user, then time, by construction.
    rated_at = 1_000_000_000 + user.astype(np.int64) * 1000 + (np.arange(n_ratings) - np.repeat(starts, counts)) * 60
    return Ratings(user, item, rating, rated_at, np.arange(1, n_users + 1, dtype=np.int32), n_movies)


def synthetic_catalog(n_movies: int, seed: int) -> Catalog:
    rng = np.random.default_rng(seed)
    genres = [list(rng.choice(GENRES, size=int(k), replace=False)) for k in rng.integers(1, 4, n_movies)]
    return Catalog(
        movie_ids=np.arange(1, n_movies + 1, dtype=np.int32),
        movielens_ids=np.arange(1, n_movies + 1, dtype=np.int32),
        tmdb_ids=np.full(n_movies, -1, np.int32),
        titles=[f"Movie {i + 1}" for i in range(n_movies)],
        years=rng.integers(1920, 2024, n_movies).astype(np.int32),
        genres=genres,
        overviews=[None] * n_movies,
        taglines=[None] * n_movies,
        keywords=[[] for _ in range(n_movies)],
        vote_counts=np.full(n_movies, -1.0, np.float32),
        vote_averages=np.full(n_movies, -1.0, np.float32),
    )


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def results_file() -> Path:
    return (REPO_ROOT / os.environ.get("DATA_DIR", ".data")) / "bench" / "results.jsonl"


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=200_000)
    parser.add_argument("--movies", type=int, default=87_000)
    parser.add_argument("--ratings", type=int, default=32_000_000)
    parser.add_argument("--steps", type=int, default=300)
    parser.add_argument("--batch-size", type=int, default=TwoTowerConfig.batch_size)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-record", action="store_true", help="print only, do not append to results.jsonl")
    args = parser.parse_args(argv)
    if args.steps < 2:
        parser.error("--steps must be at least 2 (throughput is measured between logged steps)")

    started = time.perf_counter()
    ratings = synthetic_ratings(args.users, args.movies, args.ratings, args.seed)
    catalog = synthetic_catalog(args.movies, args.seed)
    text = np.random.default_rng(args.seed).normal(size=(args.movies, 384)).astype(np.float32)
    text /= np.linalg.norm(text, axis=1, keepdims=True)
    generated = time.perf_counter() - started
    rss_after_generation = peak_rss_mb()

    log_every = max(1, args.steps // 10)
    config = TwoTowerConfig(
        epochs=1, batch_size=args.batch_size, max_steps=args.steps, log_every=log_every, seed=args.seed
    )
    trained = train_two_tower(
        ratings, catalog, text, config, progress=lambda line: print(line, file=sys.stderr, flush=True)
    )
    history = trained.loss_history
    # Throughput from the first logged step on, so that graph tracing and setup are left out.
    (first_step, _), (last_step, _) = history.steps[0], history.steps[-1]
    examples_per_second = (
        (last_step - first_step) * config.batch_size / (history.step_seconds[-1] - history.step_seconds[0])
    )
    positives = int((ratings.rating >= config.positive_threshold).sum())
    figures = {
        "bench": "train-throughput",
        "at": datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z"),
        "users": args.users,
        "movies": args.movies,
        "ratings": args.ratings,
        "positiveExamples": positives,
        "steps": last_step,
        "batchSize": config.batch_size,
        "historyLength": config.history_length,
        "context": config.context,
        "examplesPerSecond": round(examples_per_second),
        "projectedEpochSeconds": round(positives / examples_per_second, 2),
        "generateSeconds": round(generated, 2),
        "trainSeconds": round(trained.seconds, 2),
        "firstLoss": round(history.steps[0][1], 4),
        "lastLoss": round(history.steps[-1][1], 4),
        "peakRssMbAfterGeneration": round(rss_after_generation),
        "peakRssMb": round(peak_rss_mb()),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "tensorflow": tf.__version__,
    }
    print(json.dumps(figures))
    if not args.no_record:
        results_file().parent.mkdir(parents=True, exist_ok=True)
        with results_file().open("a", encoding="utf-8") as out:
            out.write(json.dumps(figures) + "\n")
    return figures


if __name__ == "__main__":
    main()
