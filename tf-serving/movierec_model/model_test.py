import math

import numpy as np
import pytest

from .model import in_batch_softmax_loss


def loss(queries, candidates, items, q, temperature=1.0):
    return float(
        in_batch_softmax_loss(
            np.float32(queries), np.float32(candidates), np.int32(items), np.log(np.float32(q)), temperature
        )
    )


def test_log_q_correction_on_a_3x3_batch():
    # q·c = identity, temperature 1, sampling probabilities Q = (0.5, 0.25, 0.25).
    # logit_ij = δ_ij - log Q_j, so exp(logit_ij) = exp(δ_ij) / Q_j:
    #   row 0: target e/0.5 = 2e, negatives 1/0.25 + 1/0.25 = 8 → loss log(1 + 8/(2e)) = log(1 + 4/e)
    #   row 1: target e/0.25 = 4e, negatives 1/0.5 + 1/0.25 = 6 → loss log(1 + 6/(4e)) = log(1 + 1.5/e)
    #   row 2: as row 1.
    # A popular candidate (large Q) is a weaker negative: without the correction every row would be log(1 + 2/e).
    expected = (math.log(1 + 4 / math.e) + 2 * math.log(1 + 1.5 / math.e)) / 3
    assert loss(np.eye(3), np.eye(3), [0, 1, 2], [0.5, 0.25, 0.25]) == pytest.approx(expected, rel=1e-6)
    assert loss(np.eye(3), np.eye(3), [0, 1, 2], [1 / 3] * 3) == pytest.approx(math.log(1 + 2 / math.e), rel=1e-6)


def test_temperature_divides_the_similarities():
    # Halving the temperature doubles the logits: row i's loss is log(1 + 2/e²).
    assert loss(np.eye(3), np.eye(3), [0, 1, 2], [1 / 3] * 3, 0.5) == pytest.approx(
        math.log(1 + 2 / math.e**2), rel=1e-6
    )


def test_the_same_item_in_another_column_is_not_a_negative():
    # Columns 0 and 1 hold item 7: row 0 ignores column 1 and row 1 ignores column 0.
    #   rows 0, 1: target e, one negative 1 → log(1 + 1/e); row 2 (item 8): two negatives → log(1 + 2/e).
    expected = (2 * math.log(1 + 1 / math.e) + math.log(1 + 2 / math.e)) / 3
    assert loss(np.eye(3), np.eye(3), [7, 7, 8], [1 / 3] * 3) == pytest.approx(expected, rel=1e-6)


def test_sparse_adam_equals_adam_on_the_rows_it_touches():
    import keras
    import tensorflow as tf

    from .model import SparseAdam

    start = np.arange(8, dtype=np.float32).reshape(4, 2)
    sparse_table, dense_table = keras.Variable(start.copy()), keras.Variable(start[:3].copy())
    sparse, dense = SparseAdam(sparse_table, 0.1), keras.optimizers.Adam(0.1)
    for step in range(3):
        # Rows 0..2 every step (row 1 twice: summed), row 3 never.
        values = np.array([[1.0, -2.0], [0.5, 0.5], [step, 1.0], [0.25, 0.0]], np.float32)
        sparse.apply(tf.IndexedSlices(tf.constant(values), tf.constant([0, 1, 2, 1])))
        dense.apply([tf.constant(np.stack([values[0], values[1] + values[3], values[2]]))], [dense_table])
    np.testing.assert_allclose(sparse_table.numpy()[:3], dense_table.numpy(), rtol=1e-6)
    np.testing.assert_array_equal(sparse_table.numpy()[3], start[3])
