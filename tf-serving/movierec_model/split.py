"""Train/validation/test splits of a snapshot's ratings, and the cold-start item set.

Two protocols:
  temporal  per user, the latest `test_ratio` of their ratings (by rated_at, ties by original order)
            are held out: the model is asked about a user's future, as in production.
  random    per user, a seeded random `test_ratio` of their ratings are held out, to reproduce
            published setups (see PRESETS).

Per-user counts: floor(ratio * n) ratings are held out, raised to 1 when that is 0 and the user has
n >= 2 ratings, so a user with 1 rating is never evaluated and keeps it for training; a user with 2
has 1 in train and 1 in test. This is RecBole's rule for ratio splits (`_calcu_split_ids`).

The validation part is the same rule applied to each user's train part with `valid_ratio` (the
latest, or a random, fraction of it). It exists only to tune hyperparameters (models are tuned on
train minus validation, then refitted on all of train), so it never changes the test set.

Cold start: a seeded `cold_fraction` of the movies that have ratings, drawn among rankable movies
with at least `cold_min_ratings` ratings, lose ALL their training ratings; the held-out ratings of
those movies leave the main test set and form `cold_test`, for checking whether a content-aware
model can rank movies nobody rated.

Positives are held-out ratings >= `min_rating` (0 makes every held-out rating positive) on rankable
items: TMDB-only movies (movielens_id == -1) and cold items are never ranked in the main evaluation.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
from scipy import sparse

from .data import Catalog, Ratings

# Published random-protocol setups; both compute full-ranking Recall/NDCG against every item.
PRESETS: dict[str, dict[str, float]] = {
    # RecBole's general-recommendation benchmark on ML-1M: `val_interval: {rating: "[3,inf)"}` drops
    # ratings below 3 from the data, then eval_args split RS [0.8, 0.1, 0.1], order RO, group_by
    # user: per user 8:1:1 at random, every remaining interaction a positive. 1/9 of the train part
    # is 10% of the user's ratings. (RecBole trains on the 80% only; we refit on train+validation.)
    "recbole": {"test_ratio": 0.1, "valid_ratio": 1 / 9, "min_rating": 0.0, "drop_below": 3.0, "cold_fraction": 0.0},
    # Microsoft Recommenders' MovieLens notebooks: python_stratified_split(ratio=0.75), a per-user
    # random 75/25 split, every test rating relevant. Their per-user count rounds differently (by at
    # most one rating). The validation part only serves tuning and does not alter their test set.
    "msr": {"test_ratio": 0.25, "valid_ratio": 0.2, "min_rating": 0.0, "drop_below": 0.0, "cold_fraction": 0.0},
}
PROTOCOLS = ("temporal", "random")


@dataclass(frozen=True)
class Split:
    """One evaluation protocol applied to a snapshot; every Ratings shares the snapshot's index spaces."""

    protocol: str
    params: dict  # test_ratio, valid_ratio, min_rating, drop_below, cold_fraction, cold_min_ratings, seed
    train: Ratings  # what final models fit on (validation included, cold items excluded)
    validation_mask: np.ndarray  # bool over train: the part held out while tuning
    test: Ratings  # held-out ratings of warm items, every rating value
    cold_test: Ratings  # held-out ratings of cold items
    cold_items: np.ndarray  # int32 item indexes, sorted
    rankable: np.ndarray  # bool over items: candidates of the main ranking
    dropped: int  # ratings removed by drop_below

    @property
    def min_rating(self) -> float:
        return float(self.params["min_rating"])

    @cached_property
    def tuning_train(self) -> Ratings:
        """Train minus validation: what a model is fitted on while its hyperparameters are tuned."""
        return self.train.subset(~self.validation_mask)

    @cached_property
    def validation(self) -> Ratings:
        return self.train.subset(self.validation_mask)

    @cached_property
    def test_positives(self) -> sparse.csr_array:
        """Binary (users, items) matrix of the test positives on rankable items."""
        return positive_matrix(self.test, self.min_rating, self.rankable)

    @cached_property
    def validation_positives(self) -> sparse.csr_array:
        return positive_matrix(self.validation, self.min_rating, self.rankable)

    @cached_property
    def cold_positives(self) -> sparse.csr_array:
        cold = np.zeros(self.train.n_items, dtype=bool)
        cold[self.cold_items] = True
        return positive_matrix(self.cold_test, self.min_rating, cold)

    @property
    def test_users(self) -> np.ndarray:
        """The users evaluated: those with at least one test positive."""
        return users_with_positives(self.test_positives)

    def summary(self) -> dict:
        """Protocol, parameters and counts, as the report shows them."""
        return {
            "protocol": {"name": self.protocol, **self.params},
            "counts": {
                "users": int(self.train.n_users),
                "evaluated_users": int(len(self.test_users)),
                "items": int(self.train.n_items),
                "rankable_items": int(self.rankable.sum()),
                "train_ratings": len(self.train),
                "validation_ratings": int(self.validation_mask.sum()),
                "test_ratings": len(self.test),
                "test_positives": int(self.test_positives.nnz),
                "dropped_ratings": int(self.dropped),
                "cold_items": int(len(self.cold_items)),
                "cold_positives": int(self.cold_positives.nnz),
                "cold_users": int(len(users_with_positives(self.cold_positives))),
            },
        }


def interaction_matrix(ratings: Ratings, values: np.ndarray | None = None) -> sparse.csr_array:
    """(users, items) float32 matrix: 1 where a user rated an item, or `values` summed per pair.

    Args:
        ratings: the ratings to lay out.
        values: one value per rating (e.g. the ratings), or None for a binary matrix.

    Returns:
        A CSR array with sorted indices.
    """
    data = np.ones(len(ratings), np.float32) if values is None else np.asarray(values, np.float32)
    matrix = sparse.coo_array((data, (ratings.user, ratings.item)), shape=(ratings.n_users, ratings.n_items)).tocsr()
    matrix.sum_duplicates()
    if values is None:
        matrix.data[:] = 1.0  # a user who rated a movie twice still "interacted" once
    return matrix


def positive_matrix(ratings: Ratings, min_rating: float, items: np.ndarray) -> sparse.csr_array:
    """Binary (users, items) matrix of the ratings >= min_rating whose item is true in `items`."""
    return interaction_matrix(ratings.subset((ratings.rating >= min_rating) & items[ratings.item]))


def users_with_positives(positives: sparse.csr_array) -> np.ndarray:
    """Row indexes of a CSR matrix that have at least one stored entry."""
    return np.flatnonzero(np.diff(positives.indptr)).astype(np.int32)


def _tail(sorted_users: np.ndarray, ratio: float) -> np.ndarray:
    """Marks the last floor(ratio * n) entries of each user's contiguous run (at least 1 when n >= 2)."""
    n = len(sorted_users)
    if n == 0 or ratio <= 0:
        return np.zeros(n, dtype=bool)
    starts = np.flatnonzero(np.r_[True, sorted_users[1:] != sorted_users[:-1]])
    counts = np.diff(np.r_[starts, n])
    # The epsilon keeps e.g. 0.1 * 30 = 3.0000000000000004 or 0.29 * 100 = 28.999999999999996 exact.
    held = np.floor(counts * ratio + 1e-9).astype(np.int64)
    held = np.where((held == 0) & (counts >= 2), 1, held)
    position = np.arange(n) - np.repeat(starts, counts)
    return position >= np.repeat(counts - held, counts)


def _pick_cold_items(
    ratings: Ratings, catalog: Catalog, fraction: float, min_ratings: int, rng: np.random.Generator
) -> np.ndarray:
    counts = np.bincount(ratings.item, minlength=ratings.n_items)
    candidates = np.flatnonzero((counts >= max(min_ratings, 1)) & (catalog.movielens_ids != -1))
    wanted = min(len(candidates), int(round(fraction * np.count_nonzero(counts))))
    return np.sort(rng.choice(candidates, size=wanted, replace=False)).astype(np.int32)


def split_ratings(
    ratings: Ratings,
    catalog: Catalog,
    protocol: str = "temporal",
    *,
    test_ratio: float = 0.2,
    valid_ratio: float = 0.2,
    min_rating: float = 4.0,
    drop_below: float = 0.0,
    cold_fraction: float = 0.05,
    cold_min_ratings: int = 5,
    seed: int = 0,
) -> Split:
    """Splits ratings per user into train (with a validation part) and test, and sets cold items aside.

    Args:
        ratings: all of a snapshot's ratings.
        catalog: the snapshot's movies (TMDB-only ones are never rankable nor cold).
        protocol: "temporal" (latest ratings held out) or "random" (seeded random ones).
        test_ratio: fraction of each user's ratings held out for the test.
        valid_ratio: fraction of each user's train part held out while tuning.
        min_rating: held-out ratings >= this are positives; 0 makes them all positives.
        drop_below: ratings < this are removed before splitting (RecBole's val_interval); 0 keeps all.
        cold_fraction: fraction of rated movies whose ratings all leave train (0 for none).
        cold_min_ratings: a cold movie has at least this many ratings, so it can have held-out positives.
        seed: seeds the cold items and, for "random", the order.

    Returns:
        The Split.
    """
    if protocol not in PROTOCOLS:
        raise ValueError(f"unknown protocol {protocol!r}: expected one of {', '.join(PROTOCOLS)}")
    if not (0 < test_ratio < 1 and 0 <= valid_ratio < 1):
        raise ValueError(f"test_ratio must be in (0, 1) and valid_ratio in [0, 1), got {test_ratio} and {valid_ratio}")
    params = {
        "test_ratio": test_ratio,
        "valid_ratio": valid_ratio,
        "min_rating": min_rating,
        "drop_below": drop_below,
        "cold_fraction": cold_fraction,
        "cold_min_ratings": cold_min_ratings,
        "seed": seed,
    }
    kept = ratings.subset(ratings.rating >= drop_below) if drop_below > 0 else ratings
    rng = np.random.default_rng(seed)
    cold_items = _pick_cold_items(kept, catalog, cold_fraction, cold_min_ratings, rng)

    # Order each user's ratings so that the held-out ones come last; lexsort is stable, so equal
    # timestamps keep the original order.
    secondary = kept.rated_at if protocol == "temporal" else rng.permutation(len(kept))
    order = np.lexsort((secondary, kept.user))
    held = np.zeros(len(kept), dtype=bool)
    held[order] = _tail(kept.user[order], test_ratio)
    cold = np.isin(kept.item, cold_items)
    train_mask = ~held & ~cold
    train_order = order[train_mask[order]]
    in_validation = np.zeros(len(kept), dtype=bool)
    in_validation[train_order] = _tail(kept.user[train_order], valid_ratio)

    rankable = catalog.movielens_ids != -1
    rankable[cold_items] = False
    return Split(
        protocol=protocol,
        params=params,
        train=kept.subset(train_mask),
        validation_mask=in_validation[train_mask],
        test=kept.subset(held & ~cold),
        cold_test=kept.subset(held & cold),
        cold_items=cold_items,
        rankable=rankable,
        dropped=len(ratings) - len(kept),
    )


def make_split(
    ratings: Ratings, catalog: Catalog, protocol: str = "temporal", preset: str | None = None, **overrides
) -> Split:
    """`split_ratings` with a named preset's parameters (random protocol only), then `overrides`.

    Args:
        ratings: all of a snapshot's ratings.
        catalog: the snapshot's movies.
        protocol: "temporal" or "random".
        preset: a key of PRESETS, or None.
        **overrides: split_ratings keyword arguments that win over the preset's.

    Returns:
        The Split.
    """
    if preset is not None and preset not in PRESETS:
        raise ValueError(f"unknown preset {preset!r}: expected one of {', '.join(PRESETS)}")
    if preset is not None and protocol != "random":
        raise ValueError(f"preset {preset!r} is a random-protocol setup; use protocol='random'")
    return split_ratings(ratings, catalog, protocol, **{**PRESETS.get(preset or "", {}), **overrides})
