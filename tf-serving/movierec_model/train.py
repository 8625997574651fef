"""Training the two-tower model on streamed batches, and the trained model as a Recommender."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import keras
import numpy as np
import tensorflow as tf

from .data import Catalog, Ratings
from .features import HistoryIndex, Histories, content_features
from .model import TwoTowerModel, batch_signature, make_train_step

SOURCE_TWO_TOWER = 0
SOURCE_CONTENT_ONLY = 1
INFERENCE_BATCH = 4096
CONTEXTS = ("whole", "earlier")


@dataclass(frozen=True)
class TwoTowerConfig:
    """Every hyper-parameter; the defaults are the ones tuned on ml-latest-small (docs/model.md)."""

    embedding_dim: int = 128
    item_dim: int = 64  # width of the shared item id table
    hidden: tuple[int, ...] = (256,)  # relu layers of every tower's MLP
    history_length: int = 200  # N: most recent ratings the user tower reads
    # Context of a training example: "whole" = up to N of the user's other training ratings, earlier or
    # later (a random subset when there are more); "earlier" = the N ratings just before it.
    context: str = "whole"
    # Main loss: a full softmax over every target item when there are at most this many, else the
    # in-batch sampled softmax with log-Q. 0 = always in-batch.
    full_softmax_max_items: int = 0
    # Share of a training context's ratings hidden at random (fresh per example and epoch), as a
    # denoising autoencoder hides its input: the tower learns from partial histories too.
    history_dropout: float = 0.0
    positive_threshold: float = 3.5  # a training rating ≥ this is an example (history → item)
    epochs: int = 10
    batch_size: int = 512
    learning_rate: float = 2e-3
    temperature: float = 0.05
    # Multiplies log Q in the logits: 1 is the unbiased correction; above 1 also leaves a popularity
    # prior in the scores, which measured better on MovieLens (popular movies are likely next watches).
    log_q_weight: float = 1.5
    content_weight: float = 1.0  # content tower's own softmax loss
    align_weight: float = 1.0  # ||content - stop_gradient(movie)||²
    seed: int = 0
    log_every: int = 100  # steps per entry of LossHistory.steps
    max_steps: int | None = None  # stop early after this many steps in all (benchmarks)

    def __post_init__(self) -> None:
        if self.context not in CONTEXTS:
            raise ValueError(f"context {self.context!r}: expected one of {', '.join(CONTEXTS)}")
        if not 0.0 <= self.history_dropout < 1.0:
            raise ValueError(f"history_dropout {self.history_dropout}: expected at least 0 and below 1")


@dataclass
class LossHistory:
    """Training losses (total = main + content_weight × content + align_weight × align)."""

    epochs: list[float] = field(default_factory=list)  # mean total loss of each epoch
    steps: list[tuple[int, float]] = field(default_factory=list)  # (step, mean total loss of the last log_every steps)
    step_seconds: list[float] = field(default_factory=list)  # seconds since training began, at each entry of steps


@dataclass
class TrainedTwoTower:
    """A trained model and what export and evaluation need to know about its training data."""

    config: TwoTowerConfig
    model: TwoTowerModel
    target_counts: np.ndarray  # int64 (n_items,): training examples with this item as target
    rated_counts: np.ndarray  # int64 (n_items,): training ratings of this item (any value)
    loss_history: LossHistory
    seconds: float

    def item_embeddings(self) -> tuple[np.ndarray, np.ndarray]:
        """Every catalog item's embedding: the movie tower's where the item was a training target (its
        id vector learned something), else the content-only tower's.

        Returns:
            (float32 (n_items, embedding_dim), uint8 (n_items,) source: 0 two_tower, 1 content_only).
        """
        n_items = len(self.target_counts)
        source = np.where(self.target_counts > 0, SOURCE_TWO_TOWER, SOURCE_CONTENT_ONLY).astype(np.uint8)
        out = np.empty((n_items, self.config.embedding_dim), dtype=np.float32)
        for begin in range(0, n_items, INFERENCE_BATCH):
            items = tf.range(begin, min(begin + INFERENCE_BATCH, n_items), dtype=tf.int32)
            full = self.model.movie_embeddings(items).numpy()
            content = self.model.content_embeddings(items).numpy()
            out[begin : begin + len(full)] = np.where(
                source[begin : begin + len(full), None] == SOURCE_TWO_TOWER, full, content
            )
        return out, source

    def user_embeddings(self, histories: Histories) -> np.ndarray:
        """Args:
            histories: item indexes (-1 = padding) and ratings, any history length.
        Returns:
            float32 (batch, embedding_dim).
        """
        parts = [
            self.model.user_tower(
                histories.items[b : b + INFERENCE_BATCH], histories.ratings[b : b + INFERENCE_BATCH]
            ).numpy()
            for b in range(0, len(histories.items), INFERENCE_BATCH)
        ]
        return np.concatenate(parts) if parts else np.zeros((0, self.config.embedding_dim), np.float32)


def _batches(index: HistoryIndex, positions: np.ndarray, config: TwoTowerConfig, epoch: int) -> Iterator[tuple]:
    # A fresh permutation per epoch from (seed, epoch): reproducible and independent of earlier epochs.
    rng = np.random.default_rng([config.seed, epoch])
    # Hiding has its own generator, so that turning it on leaves the permutation and contexts as they are.
    hiding = np.random.default_rng([config.seed, epoch, 1])
    order = rng.permutation(positions)
    for begin in range(0, len(order), config.batch_size):
        chunk = order[begin : begin + config.batch_size]
        if config.context == "whole":
            histories = index.around(chunk, config.history_length, rng)
        else:
            histories = index.before(chunk, config.history_length)
        items, ratings = histories.items, histories.ratings
        if config.history_dropout > 0:
            # The pooling is a masked mean, so a hidden rating is padding wherever it sits.
            hidden = hiding.random(items.shape) < config.history_dropout
            items = np.where(hidden, -1, items).astype(np.int32)
            ratings = np.where(hidden, 0.0, ratings).astype(np.float32)
        yield items, ratings, index.item[chunk]


def train_two_tower(
    train: Ratings,
    catalog: Catalog,
    text_embeddings: np.ndarray,
    config: TwoTowerConfig = TwoTowerConfig(),
    progress: Callable[[str], None] | None = None,
) -> TrainedTwoTower:
    """Trains the three towers jointly on (history before a positive rating → its item) examples.

    Args:
        train: training ratings (item indexes into `catalog`).
        catalog: every movie.
        text_embeddings: float32 (len(catalog), 384).
        config: hyper-parameters.
        progress: called with a line every `log_every` steps and after each epoch.
    Returns:
        The trained model with its loss history.
    """
    started = time.perf_counter()
    keras.utils.set_random_seed(config.seed)
    index = HistoryIndex(train)
    positions = np.flatnonzero(index.rating >= config.positive_threshold)
    if len(positions) == 0:
        raise ValueError(f"no training rating reaches the positive threshold {config.positive_threshold}")
    target_counts = np.bincount(index.item[positions], minlength=len(catalog)).astype(np.int64)
    # log Q of items never a target is never read (they are never in a batch): 0 avoids log(0).
    log_q = config.log_q_weight * np.where(
        target_counts > 0, np.log(np.maximum(target_counts, 1) / len(positions)), 0.0
    ).astype(np.float32)

    model = TwoTowerModel(
        content_features(catalog, text_embeddings), config.item_dim, config.hidden, config.embedding_dim
    )
    target_items = np.flatnonzero(target_counts).astype(np.int32)
    full = len(target_items) <= config.full_softmax_max_items
    step_fn = make_train_step(model, log_q, config, target_items if full else None)
    signature = batch_signature(config.history_length)
    history, step, window, window_started = LossHistory(), 0, [], time.perf_counter()
    for epoch in range(config.epochs):
        dataset = tf.data.Dataset.from_generator(
            lambda: _batches(index, positions, config, epoch), output_signature=signature
        )
        epoch_losses = []
        # Prefetching overlaps the numpy history gathering of the next batch with this step.
        for items, ratings, targets in dataset.prefetch(2):
            total, main, content, align = (float(x) for x in step_fn(items, ratings, targets))
            epoch_losses.append(total)
            window.append(total)
            step += 1
            if step % config.log_every == 0:
                history.steps.append((step, float(np.mean(window))))
                history.step_seconds.append(time.perf_counter() - started)
                if progress:
                    rate = len(window) * config.batch_size / (time.perf_counter() - window_started)
                    progress(
                        f"step {step}: loss {history.steps[-1][1]:.4f} (main {main:.3f}, content {content:.3f}, align {align:.3f}), {rate:.0f} examples/s"
                    )
                window, window_started = [], time.perf_counter()
            if config.max_steps is not None and step >= config.max_steps:
                break
        history.epochs.append(float(np.mean(epoch_losses)))
        if progress:
            progress(f"epoch {epoch + 1}/{config.epochs}: mean loss {history.epochs[-1]:.4f}")
        if config.max_steps is not None and step >= config.max_steps:
            break
    rated_counts = np.bincount(train.item, minlength=len(catalog)).astype(np.int64)
    return TrainedTwoTower(config, model, target_counts, rated_counts, history, time.perf_counter() - started)


class TwoTowerRecommender:
    """recommender.Recommender over the two-tower model: a user's most recent N training ratings →
    user tower → dot product with every item embedding."""

    name = "two_tower"

    def __init__(self, config: TwoTowerConfig, text_embeddings: np.ndarray):
        """Args:
        config: training hyper-parameters.
        text_embeddings: float32 (catalog size, 384), row i for item index i.
        """
        self.config = config
        self.text_embeddings = text_embeddings
        self.trained: TrainedTwoTower | None = None

    def fit(self, train: Ratings, catalog: Catalog) -> None:
        self.trained = train_two_tower(train, catalog, self.text_embeddings, self.config)
        self._history_index = HistoryIndex(train)
        self._item_embeddings = self.trained.item_embeddings()[0]

    def score(self, users: np.ndarray) -> np.ndarray:
        if self.trained is None:
            raise RuntimeError("fit() first")
        histories = self._history_index.latest(users, self.config.history_length)
        return self.trained.user_embeddings(histories) @ self._item_embeddings.T
