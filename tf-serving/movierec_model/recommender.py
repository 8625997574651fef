"""What evaluation needs from every model: fit on training ratings, then score every item per user."""

from __future__ import annotations

from typing import Protocol

import numpy as np

from .data import Catalog, Ratings


class Recommender(Protocol):
    """A model under evaluation. Scores are compared within a row only; higher means better."""

    name: str

    def fit(self, train: Ratings, catalog: Catalog) -> None:
        """Learns from `train` (same user and item index spaces as the test ratings)."""

    def score(self, users: np.ndarray) -> np.ndarray:
        """float32 array (len(users), catalog size): each user's score for every item.

        Items the user rated in training are excluded by the evaluator, not here."""
