"""Top-K ranking metrics over batches of users, with binary relevance and full ranking.

Definitions (the ones RecBole's `Recall`/`NDCG` and Microsoft Recommenders' `recall_at_k`/`ndcg_at_k`
use, so published figures are comparable):
  Recall@K    = hits in the top K / number of the user's positives (not min(K, positives): a user
                with more than K positives cannot reach 1).
  NDCG@K      = sum over hit ranks r of 1/log2(r + 1), divided by the ideal DCG, which places
                min(K, positives) hits at ranks 1, 2, ...
  Coverage@K  = distinct items in any evaluated user's top K / number of rankable items.
Each metric except coverage is averaged over the users that have at least one positive.

Ties: the top K are ordered by score, then by item index; which of several items tied exactly at the
K-th score enters the list is decided by numpy's argpartition (deterministic, not by index).
"""

from __future__ import annotations

import numpy as np
from scipy import sparse


def top_k(
    scores: np.ndarray, k: int, seen: sparse.csr_array | None = None, rankable: np.ndarray | None = None
) -> np.ndarray:
    """The k best items per row, best first, after excluding seen and unrankable items.

    Args:
        scores: float (users, items) scores, overwritten in place where excluded.
        k: list length.
        seen: (users, items) matrix of the items each row's user rated in training, or None.
        rankable: bool over items, or None when all are.

    Returns:
        int64 (users, k) item indexes, -1 where a user has fewer than k candidates.
    """
    if rankable is not None:
        scores[:, ~rankable] = -np.inf
    if seen is not None:
        rows, cols = seen.nonzero()
        scores[rows, cols] = -np.inf
    k_eff = min(k, scores.shape[1])
    # argpartition is O(items) per user where a full sort is O(items log items).
    best = np.argpartition(-scores, k_eff - 1, axis=1)[:, :k_eff]
    best_scores = np.take_along_axis(scores, best, axis=1)
    order = np.lexsort((best, -best_scores), axis=1)
    top = np.take_along_axis(best, order, axis=1)
    top[np.take_along_axis(best_scores, order, axis=1) == -np.inf] = -1
    if k_eff < k:
        top = np.hstack([top, np.full((len(top), k - k_eff), -1, dtype=top.dtype)])
    return top


def hits(top: np.ndarray, positives: sparse.csr_array) -> np.ndarray:
    """bool (users, k): whether each listed item is one of the row's positives (-1 never is)."""
    dense = positives.toarray() > 0
    listed = top >= 0
    return dense[np.arange(len(top))[:, None], np.where(listed, top, 0)] & listed


def recall_at_k(hit: np.ndarray, n_positives: np.ndarray, k: int) -> np.ndarray:
    """Per-user Recall@k from a hits matrix (users, >= k) and each user's positive count (>= 1)."""
    return hit[:, :k].sum(axis=1) / n_positives


def ndcg_at_k(hit: np.ndarray, n_positives: np.ndarray, k: int) -> np.ndarray:
    """Per-user NDCG@k with binary relevance; the ideal list holds min(k, positives) hits."""
    discounts = 1.0 / np.log2(np.arange(2, k + 2))
    dcg = (hit[:, :k] * discounts).sum(axis=1)
    ideal = np.cumsum(discounts)[np.minimum(k, n_positives) - 1]
    return dcg / ideal


class RankingAccumulator:
    """Sums per-user Recall and NDCG at each K and the items recommended, one batch at a time."""

    def __init__(self, ks: tuple[int, ...], n_items: int, n_rankable: int) -> None:
        """Args:
        ks: the list lengths; coverage is computed at the largest.
        n_items: catalog size.
        n_rankable: the coverage denominator.
        """
        self.ks = tuple(sorted(ks))
        self.n_rankable = n_rankable
        self.users = 0
        self.sums = {f"{name}@{k}": 0.0 for k in self.ks for name in ("recall", "ndcg")}
        self.recommended = np.zeros(n_items, dtype=bool)

    def add(self, top: np.ndarray, positives: sparse.csr_array) -> None:
        """Args:
        top: (users, max K) lists from `top_k`.
        positives: (users, items) positives of the same users, each row with at least one.
        """
        n_positives = np.diff(positives.indptr)
        hit = hits(top, positives)
        for k in self.ks:
            self.sums[f"recall@{k}"] += float(recall_at_k(hit, n_positives, k).sum())
            self.sums[f"ndcg@{k}"] += float(ndcg_at_k(hit, n_positives, k).sum())
        listed = top[:, : self.ks[-1]]
        self.recommended[listed[listed >= 0]] = True
        self.users += len(top)

    def result(self) -> dict[str, float]:
        """Means over the users added, plus coverage@max K (NaN metrics when no user was added)."""
        means = {name: total / self.users if self.users else float("nan") for name, total in self.sums.items()}
        means[f"coverage@{self.ks[-1]}"] = (
            float(self.recommended.sum() / self.n_rankable) if self.n_rankable else float("nan")
        )
        return means
