"""What the product serves, read back from an export, so that the evaluation measures the lists
users get: the user tower as the TypeScript encoder computes it (`user_tower.safetensors` and its
metadata, nothing else), each user's most recent `history_length` ratings as the API sends them,
dot products with `movie_embeddings.npy`, and the catalog's recommendable rule on the candidates.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import numpy as np
from safetensors import safe_open
from safetensors.numpy import load_file

from .data import Catalog, Ratings
from .export import WEIGHTS_METADATA_KEY
from .features import HistoryIndex


def recommendable(catalog: Catalog, this_year: int | None = None) -> np.ndarray:
    """The API's rule (functions/src/core/catalog/recommendable.ts) on what a snapshot knows: a TMDB id,
    a known year not in the future, at least one genre. Its votes-or-ratings clause is left out: every
    movie an evaluation ranks has ratings.

    Args:
        catalog: the movies.
        this_year: the current year by default.
    Returns:
        bool over items.
    """
    this_year = this_year or datetime.date.today().year
    has_genres = np.array([len(g) > 0 for g in catalog.genres], dtype=bool)
    return (catalog.tmdb_ids != -1) & (catalog.years > 0) & (catalog.years <= this_year) & has_genres


class ServedUserTower:
    """The user tower from `user_tower.safetensors`, computed the way its metadata documents it."""

    def __init__(self, path: str | Path):
        tensors = load_file(str(path))
        with safe_open(str(path), "np") as weights:
            self.meta = json.loads(weights.metadata()[WEIGHTS_METADATA_KEY])
        self.tensors = tensors
        self.row_of = {int(m): r for r, m in enumerate(tensors["movie_ids"])}

    @property
    def history_length(self) -> int:
        return int(self.meta["history_length"])

    def encode(self, movie_ids: np.ndarray, ratings: np.ndarray) -> np.ndarray:
        """Args:
            movie_ids: int (batch, L) project movie ids, padding_movie_id = padding; unknown ids ignored.
            ratings: float (batch, L).
        Returns:
            float32 (batch, embedding_dim), L2-normalized.
        """
        padding = self.meta["padding_movie_id"]
        rows = np.array([[self.row_of.get(int(m), -1) if m != padding else -1 for m in ids] for ids in movie_ids])
        rows = rows.reshape(np.shape(movie_ids))
        valid = rows >= 0
        index = np.clip(np.round(np.asarray(ratings) * 2) - 1, 0, 9).astype(np.int64)
        weights = np.where(valid, self.tensors["rating_weights"][index], 0.0).astype(np.float32)
        vectors = self.tensors["item_vectors"][np.maximum(rows, 0)]
        x = (weights[..., None] * vectors).sum(axis=1) / np.maximum(valid.sum(axis=1, keepdims=True), 1)
        for layer in self.meta["layers"]:
            x = x @ self.tensors[layer["kernel"]] + self.tensors[layer["bias"]]
            x = np.maximum(x, 0) if layer["activation"] == "relu" else x
        squared = np.maximum((x * x).sum(axis=1, keepdims=True), self.meta["normalization"]["epsilon"])
        return (x / np.sqrt(squared)).astype(np.float32)


class ServedRecommender:
    """recommender.Recommender over an export folder: what For You computes for each user."""

    name = "two_tower"

    def __init__(self, export_dir: str | Path, catalog: Catalog):
        """Args:
        export_dir: an export_run folder (movie_embeddings.npy, user_tower.safetensors).
        catalog: the catalog the export was made from (same movie ids).
        """
        self.export_dir = export_dir = Path(export_dir)
        self.catalog = catalog
        self.tower = ServedUserTower(export_dir / "user_tower.safetensors")
        records = np.load(export_dir / "movie_embeddings.npy")
        order = catalog.index_of(records["movie_id"])
        self.item_embeddings = np.zeros((len(catalog), records["embedding"].shape[1]), np.float32)
        self.item_embeddings[order] = records["embedding"]
        self._index: HistoryIndex | None = None

    def fit(self, train: Ratings, catalog: Catalog) -> None:
        """Reads the users' histories only: the export is the trained model."""
        self._index = HistoryIndex(train)

    def score(self, users: np.ndarray) -> np.ndarray:
        if self._index is None:
            raise RuntimeError("fit() first")
        histories = self._index.latest(users, self.tower.history_length)
        ids = np.where(histories.items >= 0, self.catalog.movie_ids[np.maximum(histories.items, 0)], 0)
        return self.tower.encode(ids, histories.ratings) @ self.item_embeddings.T
