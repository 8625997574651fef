"""The three towers, as Keras 3 layers. All end in an L2-normalized vector of the same space.

The user tower's math is deliberately plain (gather, scale, masked mean, dense+relu, l2-normalize):
export.py re-implements it in TensorFlow for TF Serving and documents it for the TypeScript encoder.
"""

from __future__ import annotations

import keras
import tensorflow as tf
from keras import ops

RATING_VALUES = 10  # 0.5, 1.0, ..., 5.0
NORM_EPSILON = 1e-12  # l2_normalize: x / sqrt(max(sum(x²), NORM_EPSILON))


def gather_rows(table: keras.Variable, rows):
    """table[rows] read row by row from the variable: keras.ops.take would first read the whole table,
    and the sparse optimizer's in-place row updates would then copy it at every step."""
    return tf.gather(table.value, rows)


def l2_normalize(x):
    """x / sqrt(max(sum(x²), 1e-12)) along the last axis (the same formula in every re-implementation)."""
    return x * ops.rsqrt(ops.maximum(ops.sum(ops.square(x), axis=-1, keepdims=True), NORM_EPSILON))


class Mlp(keras.layers.Layer):
    """Dense+relu hidden layers, then a linear Dense to `out_dim`, then L2 normalization."""

    def __init__(self, hidden: tuple[int, ...], out_dim: int, **kwargs):
        """Args:
        hidden: widths of the relu layers, in order.
        out_dim: width of the output.
        """
        super().__init__(**kwargs)
        self.hidden = [
            keras.layers.Dense(width, activation="relu", name=f"dense_{i}") for i, width in enumerate(hidden)
        ]
        self.out = keras.layers.Dense(out_dim, name=f"dense_{len(hidden)}")

    @property
    def dense_layers(self) -> list[keras.layers.Dense]:
        return [*self.hidden, self.out]

    def call(self, x):
        for layer in self.hidden:
            x = layer(x)
        return l2_normalize(self.out(x))


class UserTower(keras.layers.Layer):
    """History of (item, rating) → rating-weighted masked mean of item vectors → MLP → unit vector."""

    def __init__(self, item_table: keras.Variable, hidden: tuple[int, ...], out_dim: int, **kwargs):
        """Args:
        item_table: (n_items, d) item vectors, shared with the movie tower's id embedding.
        hidden: MLP hidden widths.
        out_dim: embedding width.
        """
        super().__init__(**kwargs)
        self.item_table = item_table
        # One scalar per rating value; starting at 1 makes the first steps a plain mean.
        self.rating_weights = self.add_weight(shape=(RATING_VALUES,), initializer="ones", name="rating_weights")
        self.mlp = Mlp(hidden, out_dim, name="mlp")

    def pool(self, items, ratings):
        """Args:
            items: int (batch, N) item indexes, -1 = padding.
            ratings: float (batch, N) rating values.
        Returns:
            float32 (batch, d): sum over valid positions of weight(rating) * item vector, divided by the
            number of valid positions (at least 1, so an empty history pools to zeros).
        """
        mask = ops.cast(items >= 0, "float32")
        vectors = gather_rows(self.item_table, ops.maximum(items, 0))
        index = ops.cast(ops.clip(ops.round(ratings * 2.0) - 1.0, 0, RATING_VALUES - 1), "int32")
        weights = ops.take(self.rating_weights, index, axis=0) * mask
        total = ops.sum(vectors * weights[..., None], axis=1)
        return total / ops.maximum(ops.sum(mask, axis=1, keepdims=True), 1.0)

    def call(self, items, ratings):
        return self.mlp(self.pool(items, ratings))


class MovieTower(keras.layers.Layer):
    """Item id vector | content features → MLP → unit vector."""

    def __init__(self, item_table: keras.Variable, hidden: tuple[int, ...], out_dim: int, **kwargs):
        super().__init__(**kwargs)
        self.item_table = item_table
        self.mlp = Mlp(hidden, out_dim, name="mlp")

    def call(self, items, content):
        """Args:
        items: int (batch,) item indexes.
        content: float32 (batch, content width) from features.content_features.
        """
        return self.mlp(ops.concatenate([gather_rows(self.item_table, items), content], axis=-1))


class ContentTower(keras.layers.Layer):
    """Content features only → MLP → unit vector, trained to land where the movie tower would."""

    def __init__(self, hidden: tuple[int, ...], out_dim: int, **kwargs):
        super().__init__(**kwargs)
        self.mlp = Mlp(hidden, out_dim, name="mlp")

    def call(self, content):
        return self.mlp(content)
