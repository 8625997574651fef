import dataclasses

import numpy as np

from .data import load_snapshot
from .testing import synthetic_snapshot
from .text import DIM, encode_catalog, movie_text, sentence_encoder, text_key


class FakeEncoder:
    """Records what it is asked to encode; vectors derive from the text's length (unnormalized)."""

    def __init__(self):
        self.calls: list[list[str]] = []

    def __call__(self, texts):
        self.calls.append(list(texts))
        return np.stack([np.full(DIM, len(t), np.float32) + np.arange(DIM, dtype=np.float32) for t in texts])


def catalog_of(tmp_path):
    return load_snapshot(
        synthetic_snapshot(tmp_path / "snapshot", n_users=4, n_movies=6, per_user=2, n_tmdb_only=1)
    ).catalog


def test_template_puts_structured_fields_before_the_overview(tmp_path):
    catalog = dataclasses.replace(catalog_of(tmp_path), taglines=["Run."] * 7, keywords=[["heist", "night"]] * 7)
    text = movie_text(catalog, 0)
    genres = ", ".join(catalog.genres[0])
    assert text == f"Movie 1. Genres: {genres}. Run. {catalog.overviews[0]} Keywords: heist, night."


def test_second_run_reads_the_cache_and_encodes_only_changed_texts(tmp_path):
    catalog, encoder, lines = catalog_of(tmp_path), FakeEncoder(), []
    first = encode_catalog(catalog, tmp_path / "cache", encoder=encoder, progress=lines.append)
    assert first.shape == (7, DIM) and first.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(first, axis=1), 1.0, atol=1e-6)
    assert sum(len(c) for c in encoder.calls) == len(set(movie_text(catalog, i) for i in range(7)))
    assert any("texts/s" in line for line in lines)

    encoder.calls.clear()
    again = encode_catalog(catalog, tmp_path / "cache", encoder=encoder)
    assert encoder.calls == [] and np.array_equal(first, again)

    overviews = list(catalog.overviews)
    overviews[2] = "A brand new overview."
    changed = dataclasses.replace(catalog, overviews=overviews)
    third = encode_catalog(changed, tmp_path / "cache", encoder=encoder)
    assert encoder.calls == [[movie_text(changed, 2)]]
    assert np.array_equal(np.delete(third, 2, axis=0), np.delete(first, 2, axis=0))


def test_a_digest_ending_in_a_nul_byte_is_found_again(tmp_path):
    catalog = catalog_of(tmp_path)
    # A title whose cache key ends in b"\0" (NumPy's S32 strips that byte when reading the part).
    title = next(
        t
        for t in (f"Movie {i}" for i in range(10_000))
        if text_key(movie_text(dataclasses.replace(catalog, titles=[t] * 7), 0))[-1] == 0
    )
    catalog, encoder = dataclasses.replace(catalog, titles=[title] + catalog.titles[1:]), FakeEncoder()
    encode_catalog(catalog, tmp_path / "cache", encoder=encoder)
    encoder.calls.clear()
    encode_catalog(catalog, tmp_path / "cache", encoder=encoder)
    assert encoder.calls == []


def test_real_encoder_gives_normalized_384_vectors_with_meaning():
    vectors = sentence_encoder()(
        [
            "A space robot fights aliens.",
            "Robots battle an alien invasion in space.",
            "A quiet family drama about grief.",
        ]
    )
    assert vectors.shape == (3, 384) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2
