"""Exporting a trained model: SavedModels for TF Serving, the movie-embeddings file, and the user
tower's weights for the TypeScript encoder. docs/model.md describes every file and signature."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import tensorflow as tf
from safetensors.numpy import save_file

from .data import Catalog
from .features import GENRES, VOTE_AVERAGE_SCALE, VOTE_LOG_SCALE, YEAR_CENTER, YEAR_SCALE
from .towers import NORM_EPSILON, RATING_VALUES
from .train import TrainedTwoTower

MOVIE_EMBEDDINGS_DTYPE = np.dtype(
    [("movie_id", "<i4"), ("tmdb_id", "<i4"), ("source", "u1"), ("embedding", "<f4", (128,))]
)
WEIGHTS_METADATA_KEY = "movierec_user_tower"
MODELS_CONFIG = """model_config_list {
  config {
    name: "user_tower"
    base_path: "/models/user_tower"
    model_platform: "tensorflow"
  }
  config {
    name: "content_tower"
    base_path: "/models/content_tower"
    model_platform: "tensorflow"
  }
}
"""


def _mlp(x, layers: list[tuple[tf.Variable, tf.Variable]]):
    # The Keras towers' computation op for op: dense+relu, ..., dense (linear), l2-normalize.
    for i, (kernel, bias) in enumerate(layers):
        x = tf.matmul(x, kernel) + bias
        if i < len(layers) - 1:
            x = tf.nn.relu(x)
    return x * tf.math.rsqrt(tf.maximum(tf.reduce_sum(tf.square(x), axis=-1, keepdims=True), NORM_EPSILON))


def _dense_variables(weights: dict[str, np.ndarray]) -> list[tuple[tf.Variable, tf.Variable]]:
    count = sum(1 for name in weights if name.endswith(".kernel"))
    return [
        (
            tf.Variable(weights[f"dense_{i}.kernel"], trainable=False),
            tf.Variable(weights[f"dense_{i}.bias"], trainable=False),
        )
        for i in range(count)
    ]


def user_tower_weights(trained: TrainedTwoTower, catalog: Catalog) -> dict[str, np.ndarray]:
    """The user tower as named arrays (the safetensors layout).

    Only items rated in training get a row: the vectors of the others never learned anything, so
    their ids are unknown to the exported tower and ignored like padding.

    Args:
        trained: the trained model.
        catalog: its catalog (row → project movie id).
    Returns:
        movie_ids int32 (R,), item_vectors float32 (R, d), rating_weights float32 (10,), and
        dense_<i>.kernel float32 (in, out) / dense_<i>.bias float32 (out,) per layer, in order.
    """
    rows = np.flatnonzero(trained.rated_counts > 0)
    tower = trained.model.user_tower
    weights = {
        "movie_ids": catalog.movie_ids[rows].astype(np.int32),
        "item_vectors": tower.item_table.numpy()[rows].astype(np.float32),
        "rating_weights": tower.rating_weights.numpy().astype(np.float32),
    }
    for i, layer in enumerate(tower.mlp.dense_layers):
        weights[f"dense_{i}.kernel"] = layer.kernel.numpy()
        weights[f"dense_{i}.bias"] = layer.bias.numpy()
    return weights


class UserTowerModule(tf.Module):
    """serving_default: history_movie_ids int64 [batch, N] (0 = padding), history_ratings float32
    [batch, N] → embedding float32 [batch, d]. Ids the tower does not know are ignored."""

    def __init__(self, weights: dict[str, np.ndarray]):
        """Args:
        weights: user_tower_weights(...), the same arrays the safetensors file holds.
        """
        super().__init__()
        keys = tf.constant(weights["movie_ids"].astype(np.int64))
        self.rows = tf.lookup.StaticHashTable(
            tf.lookup.KeyValueTensorInitializer(keys, tf.range(tf.size(keys, out_type=tf.int64))), -1
        )
        self.item_vectors = tf.Variable(weights["item_vectors"], trainable=False)
        self.rating_weights = tf.Variable(weights["rating_weights"], trainable=False)
        self.layers = _dense_variables(weights)

    @tf.function(input_signature=[tf.TensorSpec([None, None], tf.int64), tf.TensorSpec([None, None], tf.float32)])
    def serve(self, history_movie_ids, history_ratings):
        rows = tf.where(history_movie_ids == 0, tf.constant(-1, tf.int64), self.rows.lookup(history_movie_ids))
        mask = tf.cast(rows >= 0, tf.float32)
        vectors = tf.gather(self.item_vectors, tf.maximum(rows, 0))
        index = tf.cast(tf.clip_by_value(tf.round(history_ratings * 2.0) - 1.0, 0, RATING_VALUES - 1), tf.int32)
        scale = tf.gather(self.rating_weights, index) * mask
        pooled = tf.reduce_sum(vectors * scale[..., None], axis=1) / tf.maximum(
            tf.reduce_sum(mask, axis=1, keepdims=True), 1.0
        )
        return {"embedding": _mlp(pooled, self.layers)}


class ContentTowerModule(tf.Module):
    """serving_default: text_embedding float32 [batch, 384], genres string [batch, G] ('' = padding,
    unknown names ignored), year int64 [batch] (0 = unknown), vote_count and vote_average float32
    [batch] (TMDB's; negative = unknown) → embedding float32 [batch, d]."""

    def __init__(self, trained: TrainedTwoTower):
        """Args:
        trained: the model whose content-only tower is exported.
        """
        super().__init__()
        self.genre_index = tf.lookup.StaticHashTable(
            tf.lookup.KeyValueTensorInitializer(tf.constant(GENRES), tf.range(len(GENRES), dtype=tf.int64)), -1
        )
        layers = trained.model.content_tower.mlp.dense_layers
        self.layers = [
            (tf.Variable(layer.kernel.numpy(), trainable=False), tf.Variable(layer.bias.numpy(), trainable=False))
            for layer in layers
        ]

    @tf.function(
        input_signature=[
            tf.TensorSpec([None, 384], tf.float32),
            tf.TensorSpec([None, None], tf.string),
            tf.TensorSpec([None], tf.int64),
            tf.TensorSpec([None], tf.float32),
            tf.TensorSpec([None], tf.float32),
        ]
    )
    def serve(self, text_embedding, genres, year, vote_count, vote_average):
        # one_hot of -1 (unknown or '') is all zeros; max over the genre axis makes duplicates harmless.
        multi_hot = tf.reduce_max(tf.one_hot(self.genre_index.lookup(genres), len(GENRES), dtype=tf.float32), axis=1)
        multi_hot = tf.reshape(multi_hot, [-1, len(GENRES)])  # also when G = 0
        known = year > 0
        normalized = tf.where(known, (tf.cast(year, tf.float32) - YEAR_CENTER) / YEAR_SCALE, 0.0)
        votes_known = vote_count >= 0
        log_count = tf.where(votes_known, tf.math.log1p(tf.maximum(vote_count, 0.0)) / VOTE_LOG_SCALE, 0.0)
        average = tf.where(votes_known & (vote_average >= 0), vote_average / VOTE_AVERAGE_SCALE, 0.0)
        votes = tf.stack([log_count, average, tf.cast(votes_known, tf.float32)], axis=1)
        content = tf.concat(
            [text_embedding, multi_hot, tf.stack([normalized, tf.cast(known, tf.float32)], axis=1), votes], axis=1
        )
        return {"embedding": _mlp(content, self.layers)}


def _save(module: tf.Module, path: Path) -> None:
    tf.saved_model.save(module, str(path), signatures={"serving_default": module.serve})


def next_version(out_dir: str | Path) -> int:
    """1 + the highest version already exported under out_dir (1 for a new folder)."""
    versions = [int(p.name) for p in Path(out_dir, "models", "user_tower").glob("*") if p.name.isdigit()]
    return max(versions, default=0) + 1


def export_run(trained: TrainedTwoTower, catalog: Catalog, out_dir: str | Path, version: int) -> Path:
    """Writes a complete export (see docs/model.md).

    Args:
        trained: the trained model.
        catalog: the catalog it was trained with (same item indexes).
        out_dir: export folder; the SavedModels go to models/<name>/<version>/.
        version: TF Serving version number (it serves the highest); must not exist yet.
    Returns:
        out_dir.
    """
    out_dir = Path(out_dir)
    if trained.config.embedding_dim != MOVIE_EMBEDDINGS_DTYPE["embedding"].shape[0]:
        raise ValueError(
            f"the embeddings file holds 128-d vectors, the model makes {trained.config.embedding_dim}-d ones"
        )
    models = out_dir / "models"
    for name in ("user_tower", "content_tower"):
        if (models / name / str(version)).exists():
            raise FileExistsError(f"{models / name / str(version)} exists: export another version (next_version())")
    weights = user_tower_weights(trained, catalog)
    _save(UserTowerModule(weights), models / "user_tower" / str(version))
    _save(ContentTowerModule(trained), models / "content_tower" / str(version))
    (models / "models.config").write_text(MODELS_CONFIG, encoding="utf-8")

    embeddings, source = trained.item_embeddings()
    rows = np.zeros(len(catalog), dtype=MOVIE_EMBEDDINGS_DTYPE)
    rows["movie_id"], rows["tmdb_id"], rows["source"], rows["embedding"] = (
        catalog.movie_ids,
        catalog.tmdb_ids,
        source,
        embeddings,
    )
    np.save(out_dir / "movie_embeddings.npy", rows)

    metadata = {
        "format": 1,
        "version": version,
        "history_length": trained.config.history_length,
        "embedding_dim": trained.config.embedding_dim,
        "padding_movie_id": 0,
        "rating_index": "clip(round(rating * 2) - 1, 0, 9)",
        "layers": [
            {
                "kernel": f"dense_{i}.kernel",
                "bias": f"dense_{i}.bias",
                "activation": "relu" if i < len(trained.config.hidden) else "linear",
            }
            for i in range(len(trained.config.hidden) + 1)
        ],
        "normalization": {"kind": "l2", "epsilon": NORM_EPSILON},
        "computation": (
            "row = index of the movie id in movie_ids (padding 0 and unknown ids: skipped); "
            "pooled = sum(rating_weights[rating_index(rating)] * item_vectors[row]) / max(count of rows, 1); "
            "x = pooled; for each layer: x = x @ kernel + bias, then its activation; "
            "embedding = x / sqrt(max(sum(x * x), epsilon))"
        ),
    }
    save_file(weights, str(out_dir / "user_tower.safetensors"), metadata={WEIGHTS_METADATA_KEY: json.dumps(metadata)})
    _write_examples(UserTowerModule(weights), weights["movie_ids"], out_dir / "user_tower_examples.json")
    return out_dir


def _write_examples(module: UserTowerModule, movie_ids: np.ndarray, path: Path) -> None:
    # Golden inputs and outputs for the TypeScript encoder's parity test: a full history, one with
    # padding and an unknown id, and an empty one.
    n = min(5, len(movie_ids))
    histories = [
        (movie_ids[:n].tolist(), [5.0, 4.5, 3.0, 1.0, 0.5][:n]),
        ([0, 0, int(movie_ids[-1]), int(movie_ids.max()) + 1], [0.0, 0.0, 4.0, 5.0]),
        ([0], [0.0]),
    ]
    examples = []
    for ids, ratings in histories:
        embedding = module.serve(tf.constant([ids], tf.int64), tf.constant([ratings], tf.float32))["embedding"].numpy()[
            0
        ]
        examples.append({"history_movie_ids": ids, "history_ratings": ratings, "embedding": embedding.tolist()})
    path.write_text(json.dumps(examples), encoding="utf-8")
