"""Model inputs: per-movie content features and per-rating user histories.

Content features of a movie are one float32 vector: text embedding (384) | genres multi-hot (19) |
year (2) | TMDB votes (3). Histories are the user's other ratings, sliced from ratings sorted by user
and time per batch of examples, so memory stays O(batch × N) whatever the number of ratings.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .data import Catalog, Ratings

# MovieLens' genre vocabulary, in its documented order; the snapshot maps TMDB genres onto it.
GENRES = (
    "Action", "Adventure", "Animation", "Children", "Comedy", "Crime", "Documentary", "Drama", "Fantasy",
    "Film-Noir", "Horror", "IMAX", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western",
)  # fmt: skip
GENRE_INDEX = {g: i for i, g in enumerate(GENRES)}
# Year feature: (year - YEAR_CENTER) / YEAR_SCALE and a "year known" flag; fixed constants, not
# fitted, so that the exported towers and the TypeScript side need no statistics of a catalog.
YEAR_CENTER = 1990.0
YEAR_SCALE = 30.0
# Vote count feature: log(1 + votes) / VOTE_LOG_SCALE (the most-voted movies have ~40K votes, log ≈ 10.6);
# mean vote / VOTE_AVERAGE_SCALE; and a "votes known" flag.
VOTE_LOG_SCALE = 10.0
VOTE_AVERAGE_SCALE = 10.0


def genre_multi_hot(genres: list[list[str]]) -> np.ndarray:
    """Multi-hot genres; names outside GENRES are ignored.

    Args:
        genres: each movie's genre names.
    Returns:
        float32 (len(genres), len(GENRES)) of 0 and 1.
    """
    out = np.zeros((len(genres), len(GENRES)), dtype=np.float32)
    for row, names in enumerate(genres):
        for name in names:
            if name in GENRE_INDEX:
                out[row, GENRE_INDEX[name]] = 1.0
    return out


def year_features(years: np.ndarray) -> np.ndarray:
    """Normalized release year and a known flag; year 0 (unknown) gives (0, 0).

    Args:
        years: int years, 0 when unknown.
    Returns:
        float32 (len(years), 2).
    """
    years = np.asarray(years)
    known = years > 0
    normalized = np.where(known, (years.astype(np.float32) - YEAR_CENTER) / YEAR_SCALE, 0.0)
    return np.stack([normalized, known], axis=1).astype(np.float32)


def vote_features(counts: np.ndarray, averages: np.ndarray) -> np.ndarray:
    """TMDB's audience size and opinion, which a movie nobody rated here already has: how many
    people will rate a new movie follows how many voted for it elsewhere.

    Args:
        counts: vote counts, negative when unknown.
        averages: mean votes (0-10), negative when unknown.
    Returns:
        float32 (len(counts), 3): log(1 + count) / VOTE_LOG_SCALE, average / VOTE_AVERAGE_SCALE, known
        flag; (0, 0, 0) when the count is unknown.
    """
    counts = np.asarray(counts, dtype=np.float32)
    averages = np.asarray(averages, dtype=np.float32)
    known = counts >= 0
    log_count = np.where(known, np.log1p(np.maximum(counts, 0.0)) / VOTE_LOG_SCALE, 0.0)
    average = np.where(known & (averages >= 0), averages / VOTE_AVERAGE_SCALE, 0.0)
    return np.stack([log_count, average, known], axis=1).astype(np.float32)


def content_features(catalog: Catalog, text_embeddings: np.ndarray) -> np.ndarray:
    """Every movie's content vector: text embedding | genres multi-hot | year | votes features.

    Args:
        catalog: the movies.
        text_embeddings: float32 (len(catalog), 384), row i for item index i.
    Returns:
        float32 (len(catalog), 384 + 19 + 2 + 3).
    """
    if len(text_embeddings) != len(catalog):
        raise ValueError(f"{len(text_embeddings)} text embeddings for {len(catalog)} movies")
    parts = [
        np.asarray(text_embeddings, np.float32),
        genre_multi_hot(catalog.genres),
        year_features(catalog.years),
        vote_features(catalog.vote_counts, catalog.vote_averages),
    ]
    return np.concatenate(parts, axis=1)


@dataclass(frozen=True)
class Histories:
    """Rating histories, oldest first and most recent last, left-padded."""

    items: np.ndarray  # int32 (batch, N): item indexes, -1 = padding
    ratings: np.ndarray  # float32 (batch, N): 0 at padding


class HistoryIndex:
    """Ratings ordered by user then time, with each user's first position, to slice histories from."""

    def __init__(self, ratings: Ratings):
        """Args:
        ratings: any order; snapshots are already sorted by user and time, which is then kept as is.
        """
        user, at = ratings.user, ratings.rated_at
        ordered = len(user) < 2 or bool(
            np.all((user[1:] > user[:-1]) | ((user[1:] == user[:-1]) & (at[1:] >= at[:-1])))
        )
        # A stable sort keeps the snapshot's movie-id tie order for equal timestamps.
        order = None if ordered else np.lexsort((at, user))
        self.user = user if order is None else user[order]
        self.item = ratings.item if order is None else ratings.item[order]
        self.rating = ratings.rating if order is None else ratings.rating[order]
        counts = np.bincount(self.user, minlength=ratings.n_users)
        # user_start[u] .. user_start[u + 1] are user u's positions.
        self.user_start = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)

    def __len__(self) -> int:
        return len(self.user)

    def _window(self, ends: np.ndarray, starts: np.ndarray, n: int) -> Histories:
        # Positions ends-n .. ends-1, kept where they do not reach before the user's first rating.
        positions = ends[:, None] + np.arange(-n, 0, dtype=np.int64)[None, :]
        return self._gather(positions, positions >= starts[:, None])

    def _gather(self, positions: np.ndarray, valid: np.ndarray) -> Histories:
        # The ratings at `positions` where `valid`, padding elsewhere.
        safe = np.where(valid, positions, 0)
        items = np.where(valid, self.item[safe], -1).astype(np.int32)
        ratings = np.where(valid, self.rating[safe], 0.0).astype(np.float32)
        return Histories(items, ratings)

    def before(self, positions: np.ndarray, n: int) -> Histories:
        """The up to n ratings of the same user just before each position (the position excluded).

        Args:
            positions: int positions in this index's order.
            n: history length.
        Returns:
            Histories of shape (len(positions), n).
        """
        positions = np.asarray(positions, dtype=np.int64)
        return self._window(positions, self.user_start[self.user[positions]], n)

    def around(self, positions: np.ndarray, n: int, rng: np.random.Generator) -> Histories:
        """Up to n of the same user's other ratings, earlier or later (the position itself excluded):
        all of them when there are at most n, else n drawn at random without replacement; time order,
        left-padded.

        Args:
            positions: int positions in this index's order.
            n: history length.
            rng: draws the subsets of users with more than n other ratings.
        Returns:
            Histories of shape (len(positions), n).
        """
        positions = np.asarray(positions, dtype=np.int64)
        users = self.user[positions]
        starts = self.user_start[users]
        others = self.user_start[users + 1] - starts - 1
        # Offsets among the user's other ratings, -1 = padding; short histories are right-aligned.
        columns = np.arange(n, dtype=np.int64)[None, :]
        offsets = np.where(columns >= n - others[:, None], columns - (n - others[:, None]), -1)
        for row in np.flatnonzero(others > n):
            offsets[row] = np.sort(rng.choice(others[row], size=n, replace=False))
        # Offsets at or past the target's own place skip it.
        local = offsets + (offsets >= (positions - starts)[:, None])
        return self._gather(starts[:, None] + local, offsets >= 0)

    def latest(self, users: np.ndarray, n: int) -> Histories:
        """Each user's n most recent ratings.

        Args:
            users: dense user indexes.
            n: history length.
        Returns:
            Histories of shape (len(users), n).
        """
        users = np.asarray(users, dtype=np.int64)
        return self._window(self.user_start[users + 1], self.user_start[users], n)
