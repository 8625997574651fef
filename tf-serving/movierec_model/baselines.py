"""Reference recommenders the two-tower model is compared with; each follows `Recommender`.

All learn from implicit feedback: a rating of any value means "watched" (X[u, i] = 1), the usual
input of top-N baselines, except SeedAverage, which weights by the rating as the original system did.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse
from scipy.linalg import lapack

from .data import Catalog, Ratings
from .split import interaction_matrix

# Score of items a model knows nothing about: below every real score, yet still a candidate.
UNKNOWN = np.finfo(np.float32).min


class ModelTooLarge(RuntimeError):
    """A model refuses the data's size; the evaluator records the message and skips the model."""


def gram_blocks(x: sparse.csr_array, block: int):
    """The item-item co-occurrence matrix XᵀX one column block at a time, so that no sparse
    items x items intermediate is ever held whole.

    Args:
        x: (users, items) interaction matrix.
        block: columns per block.

    Yields:
        (start, stop, dense float32 XᵀX[:, start:stop]) for consecutive blocks.
    """
    xt, columns = x.T.tocsr(), x.tocsc()
    for start in range(0, x.shape[1], block):
        stop = min(start + block, x.shape[1])
        yield start, stop, (xt @ columns[:, start:stop]).toarray()


class MostPopular:
    """Ranks every item by its number of training ratings; ties go to the lower item index."""

    name = "most_popular"

    def __init__(self) -> None:
        self._scores = np.zeros(0, np.float32)

    @property
    def params(self) -> dict:
        return {}

    def fit(self, train: Ratings, catalog: Catalog) -> None:
        counts = np.bincount(train.item, minlength=len(catalog))
        # Scores are reversed ranks of a stable sort, so equal counts keep index order in any top-K.
        order = np.argsort(-counts, kind="stable")
        self._scores = np.empty(len(counts), np.float32)
        self._scores[order] = np.arange(len(counts), 0, -1, dtype=np.float32)

    def score(self, users: np.ndarray) -> np.ndarray:
        return np.repeat(self._scores[None, :], len(users), axis=0)


class ItemKNN:
    """Item-based neighbourhood: score(u, i) = sum of cosine(i, j) over the items j that u rated, where
    only the `neighbours` most similar j are kept for each i (sim computed on binary train X)."""

    name = "item_knn"

    def __init__(self, neighbours: int = 100, block: int = 1024) -> None:
        """Args:
        neighbours: similarities kept per item.
        block: items whose similarity columns are computed at once (memory: items * block floats).
        """
        self.neighbours = neighbours
        self.block = block
        self.similarity = sparse.csr_array((0, 0), dtype=np.float32)
        self._x = self.similarity

    @property
    def params(self) -> dict:
        return {"neighbours": self.neighbours}

    def fit(self, train: Ratings, catalog: Catalog) -> None:
        x = interaction_matrix(train)
        norms = np.sqrt(np.asarray(x.sum(axis=0))).astype(np.float32)
        inverse = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)
        n = x.shape[1]
        keep = min(self.neighbours, max(n - 1, 1))
        rows, cols, values = [], [], []
        # Column blocks bound memory: a full dense items x items matrix would not fit at ml-25m scale.
        for start, stop, sim in gram_blocks(x, self.block):
            sim *= inverse[:, None]
            sim *= inverse[None, start:stop]
            sim[np.arange(start, stop), np.arange(stop - start)] = 0.0  # an item is not its own neighbour
            best = np.argpartition(-sim, keep - 1, axis=0)[:keep]
            best_values = np.take_along_axis(sim, best, axis=0)
            nonzero = best_values > 0
            rows.append(best[nonzero])
            cols.append(np.broadcast_to(np.arange(start, stop), best.shape)[nonzero])
            values.append(best_values[nonzero])
        # similarity[j, i]: how much having rated j adds to i's score.
        self.similarity = sparse.coo_array(
            (np.concatenate(values), (np.concatenate(rows), np.concatenate(cols))), shape=(n, n)
        ).tocsr()
        self._x = x

    def score(self, users: np.ndarray) -> np.ndarray:
        return (self._x[users] @ self.similarity).toarray().astype(np.float32, copy=False)


class EASE:
    """Steck (2019), "Embarrassingly Shallow Autoencoders for Sparse Data": B = I - P diagMat(1/diag(P))
    with P = (XᵀX + λI)⁻¹, so diag(B) = 0 and score(u) = X[u] B. Only items with training ratings
    enter the dense items x items matrices; the others score UNKNOWN.

    The inverse is dense: memory 4·n² bytes twice over and time ~n³ (about 20 s for n = 9,000 on two
    cores), so above `max_items` items fit raises ModelTooLarge rather than run for hours or swap.
    """

    name = "ease"

    def __init__(self, l2: float = 500.0, max_items: int = 20_000) -> None:
        """Args:
        l2: λ, the L2 regularization (tune it on the validation split, see evaluate.tune).
        max_items: the most items with training ratings accepted.
        """
        self.l2 = l2
        self.max_items = max_items
        self.items = np.zeros(0, np.int64)
        self.weights = np.zeros((0, 0), np.float32)
        self._x = sparse.csr_array((0, 0), dtype=np.float32)
        self._n_items = 0

    @property
    def params(self) -> dict:
        return {"l2": self.l2}

    def fit(self, train: Ratings, catalog: Catalog) -> None:
        x = interaction_matrix(train)
        self.items = np.flatnonzero(np.diff(x.tocsc().indptr))
        n = len(self.items)
        if n > self.max_items:
            raise ModelTooLarge(
                f"EASE skipped: {n:,} items have training ratings, above max_items={self.max_items:,} "
                f"(the dense {n:,}x{n:,} inverse needs about {2 * 4 * n * n / 1e9:.0f} GB and ~n³ time)"
            )
        self._x = x[:, self.items].tocsr()
        gram = np.empty((n, n), np.float32)
        for start, stop, columns in gram_blocks(self._x, 2048):
            gram[:, start:stop] = columns
        gram[np.diag_indices(n)] += self.l2
        # XᵀX + λI is symmetric positive definite: a Cholesky inverse is about 3x faster than a general one.
        factor, info = lapack.spotrf(gram, lower=1, overwrite_a=1, clean=0)
        if info != 0:
            raise np.linalg.LinAlgError(f"EASE: Cholesky factorization failed (info={info}); raise l2")
        inverse, info = lapack.spotri(factor, lower=1, overwrite_c=1)
        if info != 0:
            raise np.linalg.LinAlgError(f"EASE: inversion failed (info={info}); raise l2")
        inverse = np.tril(inverse)
        inverse += np.tril(inverse, -1).T  # spotri fills one triangle only
        diagonal = np.diag(inverse).copy()
        inverse /= -diagonal[None, :]
        inverse[np.diag_indices(n)] = 0.0
        self.weights = inverse
        self._n_items = len(catalog)

    def score(self, users: np.ndarray) -> np.ndarray:
        scores = np.full((len(users), self._n_items), UNKNOWN, np.float32)
        scores[:, self.items] = self._x[users] @ self.weights
        return scores


class SeedAverage:
    """The original system's method: a user is the rating-weighted average of the embeddings of the
    movies they rated, Σ r·e / Σ r, and scores every movie by dot product with it."""

    name = "seed_average"

    def __init__(self, item_embeddings: np.ndarray) -> None:
        """Args:
        item_embeddings: float (catalog size, dim), row i the embedding of item i (e.g. the two-tower's).
        """
        self.item_embeddings = np.asarray(item_embeddings, np.float32)
        self.user_embeddings = np.zeros((0, self.item_embeddings.shape[1]), np.float32)

    @property
    def params(self) -> dict:
        return {"dim": int(self.item_embeddings.shape[1])}

    def fit(self, train: Ratings, catalog: Catalog) -> None:
        if len(self.item_embeddings) != len(catalog):
            raise ValueError(
                f"SeedAverage: {len(self.item_embeddings)} item embeddings for {len(catalog)} catalog items"
            )
        weights = interaction_matrix(train, train.rating)
        totals = np.asarray(weights.sum(axis=1)).astype(np.float32)
        summed = weights @ self.item_embeddings
        # A user without training ratings gets the zero vector: every movie scores 0.
        self.user_embeddings = np.divide(summed, totals[:, None], out=np.zeros_like(summed), where=totals[:, None] > 0)

    def score(self, users: np.ndarray) -> np.ndarray:
        return self.user_embeddings[users] @ self.item_embeddings.T
