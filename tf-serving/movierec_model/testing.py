"""Small generated snapshots for fast tests: users who prefer some genres rate those movies higher,
so a model has real structure to learn, and everything is seeded."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from .data import RATINGS_DTYPE, SNAPSHOT_FORMAT

GENRES = ["Action", "Comedy", "Drama", "Horror", "Romance", "Sci-Fi"]
WORDS = {
    "Action": "explosions chase hero fight",
    "Comedy": "funny laughs jokes silly",
    "Drama": "family grief life struggle",
    "Horror": "ghost fear night blood",
    "Romance": "love couple heart wedding",
    "Sci-Fi": "space robot future alien",
}


def write_snapshot(folder: str | Path, movies: list[dict], ratings: np.ndarray, variant: str = "synthetic") -> Path:
    """Writes the snapshot layout that `data.load_snapshot` reads."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    order = np.lexsort((ratings["movie_id"], ratings["rated_at"], ratings["user_id"]))
    np.save(folder / "ratings.npy", ratings[order].astype(RATINGS_DTYPE))
    with (folder / "movies.jsonl").open("w", encoding="utf-8") as out:
        for movie in movies:
            out.write(json.dumps(movie) + "\n")
    manifest = {
        "format": SNAPSHOT_FORMAT,
        "variant": variant,
        "created_at": "2026-01-01T00:00:00Z",
        "counts": {
            "movies": len(movies),
            "ratings": int(len(ratings)),
            "users": int(len(np.unique(ratings["user_id"]))),
        },
    }
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return folder


def synthetic_movies(n_movies: int, n_tmdb_only: int = 0, seed: int = 0) -> list[dict]:
    """Movies with one or two genres and an overview made of their genres' words."""
    rng = np.random.default_rng(seed)
    movies = []
    for i in range(n_movies + n_tmdb_only):
        genres = list(rng.choice(GENRES, size=int(rng.integers(1, 3)), replace=False))
        movies.append(
            {
                "id": i + 1,
                "movielens_id": i + 1 if i < n_movies else None,
                "tmdb_id": 1000 + i,
                "title": f"Movie {i + 1}",
                "year": int(rng.integers(1950, 2020)),
                "genres": genres,
                "overview": " ".join(WORDS[g] for g in genres),
                "tagline": None,
                "keywords": [],
                # Spread over the range without drawing from rng, which would change every other field.
                "vote_count": i * 7919 % 5000,
                "vote_average": 3 + i * 37 % 60 / 10,
            }
        )
    return movies


def synthetic_ratings(movies: list[dict], n_users: int, per_user: int, seed: int = 0) -> np.ndarray:
    """Each user likes two genres: movies of those get ratings around 4.5, others around 2."""
    rng = np.random.default_rng(seed)
    rated = [m for m in movies if m["movielens_id"] is not None]
    rows = []
    for user in range(1, n_users + 1):
        liked = set(rng.choice(GENRES, size=2, replace=False))
        # Users mostly watch what they like, as real users do.
        weights = np.array([4.0 if liked & set(m["genres"]) else 1.0 for m in rated])
        picks = rng.choice(len(rated), size=min(per_user, len(rated)), replace=False, p=weights / weights.sum())
        for step, index in enumerate(picks):
            movie = rated[int(index)]
            base = 4.5 if liked & set(movie["genres"]) else 2.0
            rating = float(np.clip(np.round((base + rng.normal(0, 0.5)) * 2) / 2, 0.5, 5.0))
            rows.append((user, movie["id"], rating, 1_000_000_000 + user * 10_000 + step * 60))
    return np.array(rows, dtype=RATINGS_DTYPE)


def synthetic_snapshot(
    folder: str | Path, n_users: int = 60, n_movies: int = 40, per_user: int = 20, n_tmdb_only: int = 5, seed: int = 0
) -> Path:
    movies = synthetic_movies(n_movies, n_tmdb_only, seed)
    return write_snapshot(folder, movies, synthetic_ratings(movies, n_users, per_user, seed))
