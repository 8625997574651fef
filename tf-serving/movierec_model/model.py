"""The two-tower model: towers over shared tables, the in-batch softmax loss, one training step."""

from __future__ import annotations

import keras
import numpy as np
import tensorflow as tf

from .towers import ContentTower, MovieTower, UserTower

# Logit given to another column holding the row's own target item (an "accidental hit"): such a
# column is not a negative, and excluding it keeps popular items from being pushed away from users
# who like them.
MASKED_LOGIT = -1e9


def in_batch_softmax_loss(queries, candidates, candidate_items, log_q, temperature: float):
    """Sampled softmax where row i's positive is candidate i and the other candidates are negatives.

    Logits are q·c / temperature - log Q(c): the log-Q correction subtracts the log of each candidate's
    sampling probability (its share of the training examples), so that popular items, which appear
    as in-batch negatives more often, are not over-penalized (Yi et al., RecSys 2019).

    Args:
        queries: float32 (B, d) user embeddings.
        candidates: float32 (B, d) item embeddings, row i the positive of query i.
        candidate_items: int (B,) item index of each candidate (to mask accidental hits).
        log_q: float32 (B,) log sampling probability of each candidate.
        temperature: softmax temperature.
    Returns:
        Scalar mean cross-entropy.
    """
    logits = tf.matmul(queries, candidates, transpose_b=True) / temperature - log_q[None, :]
    same_item = tf.equal(candidate_items[:, None], candidate_items[None, :])
    off_diagonal = tf.logical_not(tf.eye(tf.shape(candidate_items)[0], dtype=tf.bool))
    logits = tf.where(tf.logical_and(same_item, off_diagonal), MASKED_LOGIT, logits)
    labels = tf.range(tf.shape(candidate_items)[0])
    return tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits))


def full_softmax_loss(queries, candidates, labels, temperature: float):
    """Softmax over a fixed candidate set (every item that is ever a target): no sampling, so no
    log-Q correction; popularity stays in the scores as the data has it.

    Args:
        queries: float32 (B, d) user embeddings.
        candidates: float32 (C, d) every candidate's embedding.
        labels: int (B,) row of each query's positive in `candidates`.
        temperature: softmax temperature.
    Returns:
        Scalar mean cross-entropy.
    """
    logits = tf.matmul(queries, candidates, transpose_b=True) / temperature
    return tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits))


class TwoTowerModel(keras.Model):
    """User, movie and content-only towers; the content features are a constant table."""

    def __init__(self, content: np.ndarray, item_dim: int, hidden: tuple[int, ...], out_dim: int, **kwargs):
        """Args:
        content: float32 (n_items, width) content features (features.content_features).
        item_dim: width of the item id table.
        hidden: MLP hidden widths of every tower.
        out_dim: embedding width.
        """
        super().__init__(**kwargs)
        self.content = tf.constant(content, dtype=tf.float32)
        # One id table for both towers: an item's vector then learns from being a target and from
        # appearing in histories, which matters for the many items with few ratings; and the user
        # tower's table is exactly the one the TypeScript encoder ships.
        self.item_table = self.add_weight(
            shape=(content.shape[0], item_dim),
            initializer=keras.initializers.RandomNormal(stddev=0.05),
            name="item_table",
        )
        self.user_tower = UserTower(self.item_table, hidden, out_dim, name="user_tower")
        self.movie_tower = MovieTower(self.item_table, hidden, out_dim, name="movie_tower")
        self.content_tower = ContentTower(hidden, out_dim, name="content_tower")

    def movie_embeddings(self, items):
        return self.movie_tower(items, tf.gather(self.content, items))

    def content_embeddings(self, items):
        return self.content_tower(tf.gather(self.content, items))

    def call(self, history_items, history_ratings, targets):
        """Returns (user, movie, content-only) embeddings of a batch of examples."""
        return (
            self.user_tower(history_items, history_ratings),
            self.movie_embeddings(targets),
            self.content_embeddings(targets),
        )


class SparseAdam:
    """Adam for the item table that updates only the rows a batch touched ("lazy Adam").

    Keras' Adam turns the table's sparse gradient into a dense one and updates every row's moments
    at every step; at 87K items that halved training throughput. Here a row's moments decay only
    when the row is in a batch, the usual choice for embedding tables.
    """

    def __init__(self, table: keras.Variable, learning_rate: float, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
        """Args:
        table: the variable to update; its moments are created here, zero.
        learning_rate, beta_1, beta_2, epsilon: as Keras' Adam (same defaults).
        """
        self.table = table.value  # the tf.Variable under the Keras variable: it has scatter ops
        self.m = tf.Variable(tf.zeros_like(self.table), trainable=False)
        self.v = tf.Variable(tf.zeros_like(self.table), trainable=False)
        self.step = tf.Variable(0.0, trainable=False)
        self.learning_rate, self.beta_1, self.beta_2, self.epsilon = learning_rate, beta_1, beta_2, epsilon

    def apply(self, gradient: tf.IndexedSlices) -> None:
        """One step on the rows of `gradient` (repeated indexes are summed first)."""
        rows, position = tf.unique(gradient.indices)
        g = tf.math.unsorted_segment_sum(gradient.values, position, tf.shape(rows)[0])
        self.step.assign_add(1.0)
        m = self.beta_1 * tf.gather(self.m, rows) + (1 - self.beta_1) * g
        v = self.beta_2 * tf.gather(self.v, rows) + (1 - self.beta_2) * tf.square(g)
        self.m.scatter_update(tf.IndexedSlices(m, rows))
        self.v.scatter_update(tf.IndexedSlices(v, rows))
        alpha = self.learning_rate * tf.sqrt(1 - self.beta_2**self.step) / (1 - self.beta_1**self.step)
        self.table.scatter_sub(tf.IndexedSlices(alpha * m / (tf.sqrt(v) + self.epsilon), rows))


def batch_signature(history_length: int) -> tuple[tf.TensorSpec, ...]:
    """A training batch: history items int32 (B, N) (-1 = padding), history ratings float32 (B, N),
    target items int32 (B,)."""
    return (
        tf.TensorSpec((None, history_length), tf.int32),
        tf.TensorSpec((None, history_length), tf.float32),
        tf.TensorSpec((None,), tf.int32),
    )


def make_train_step(model: TwoTowerModel, log_q: np.ndarray, config, candidates: np.ndarray | None = None):
    """One compiled optimization step: main loss + content-tower loss + alignment.

    The content tower gets its own in-batch softmax against stop-gradient user embeddings (it must
    rank like the full tower without bending the user tower toward itself) and an alignment term
    ||content - stop_gradient(movie)||² (= 2 - 2 cos for unit vectors) that pulls it to where the
    full embedding of the same movie is.

    Args:
        model: the model (built by the first call).
        log_q: float32 (n_items,) log sampling probability of each item as a target.
        config: a TwoTowerConfig (learning_rate, temperature, content_weight, align_weight, history_length).
        candidates: sorted int item indexes of a full softmax for the main loss (every target item), or
            None for the in-batch sampled softmax with log-Q.
    Returns:
        A tf.function (history_items, history_ratings, targets) → (total, main, content, align) losses.
    """
    log_q = tf.constant(log_q, dtype=tf.float32)
    # Adam for the dense layers, sparse Adam for the (large) item table.
    dense_optimizer = keras.optimizers.Adam(learning_rate=config.learning_rate)
    table_optimizer = SparseAdam(model.item_table, config.learning_rate)
    if candidates is not None:
        candidate_items = tf.constant(candidates, dtype=tf.int32)
        candidate_row = np.full(len(log_q), -1, np.int32)
        candidate_row[candidates] = np.arange(len(candidates), dtype=np.int32)
        candidate_row = tf.constant(candidate_row)

    def main_loss(users, movies, targets, target_log_q):
        if candidates is None:
            return in_batch_softmax_loss(users, movies, targets, target_log_q, config.temperature)
        every_movie = model.movie_embeddings(candidate_items)
        return full_softmax_loss(users, every_movie, tf.gather(candidate_row, targets), config.temperature)

    @tf.function(input_signature=batch_signature(config.history_length))
    def step(history_items, history_ratings, targets):
        target_log_q = tf.gather(log_q, targets)
        with tf.GradientTape() as tape:
            users, movies, contents = model(history_items, history_ratings, targets, training=True)
            main = main_loss(users, movies, targets, target_log_q)
            content = in_batch_softmax_loss(
                tf.stop_gradient(users), contents, targets, target_log_q, config.temperature
            )
            align = tf.reduce_mean(tf.reduce_sum(tf.square(contents - tf.stop_gradient(movies)), axis=1))
            total = main + config.content_weight * content + config.align_weight * align
        dense = [v for v in model.trainable_variables if v is not model.item_table]
        table_gradient, *dense_gradients = tape.gradient(total, [model.item_table, *dense])
        dense_optimizer.apply(dense_gradients, dense)
        table_optimizer.apply(table_gradient)
        return total, main, content, align

    return step
