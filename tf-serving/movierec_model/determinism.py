"""Reproducible training: same seed, same snapshot, same machine and package versions → byte-identical
exports. docs/model.md ("Reproducibility") says how far that holds and how it was measured.

Two steps, because TensorFlow reads some settings when it is imported and others when it first runs:
  - `set_environment()`, from the package's __init__, before anything imports TensorFlow;
  - `configure(threads)`, from the command-line entry point, before TensorFlow executes anything.
The seeds themselves come from the training config (`TwoTowerConfig.seed`, set by `--seed`):
`train_two_tower` seeds Python, NumPy and TensorFlow, and draws each epoch's order from (seed, epoch).
"""

from __future__ import annotations

import os

# Intra-op threads of training. Eigen splits matmuls and reductions by the size of this pool, so
# the count changes the last bits of the result (measured: 1 and 2 threads train different
# embeddings); a fixed count, rather than the machine's number of cores, keeps results independent
# of the core count. 2 is the reference machine's (docs/model.md), so it costs nothing there.
DEFAULT_THREADS = 2


def set_environment() -> None:
    """Environment TensorFlow reads at import; an explicit setting in the environment is kept."""
    # TensorFlow turns its oneDNN kernels on by default only on CPUs with AVX-512 VNNI/BF16 or AMX;
    # they sum in another order (measured: other bits). Off everywhere, the kernels do not depend on
    # which CPU the training happens to run on.
    os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")


def configure(threads: int = DEFAULT_THREADS) -> dict:
    """Fixes the thread pool and asks TensorFlow for deterministic kernels.

    Args:
        threads: intra-op threads (≥ 1).
    Returns:
        The settings in effect, for the run's training.json.
    Raises:
        ValueError: threads < 1.
        RuntimeError: TensorFlow already ran something with another thread count (too late to change).
    """
    if threads < 1:
        raise ValueError(f"threads must be at least 1, got {threads}")
    import tensorflow as tf

    try:
        tf.config.threading.set_intra_op_parallelism_threads(threads)
    except RuntimeError:
        running = tf.config.threading.get_intra_op_parallelism_threads()
        raise RuntimeError(
            f"TensorFlow already runs with {running} intra-op threads: configure() must come before any TensorFlow op"
        ) from None
    # Kernels with a nondeterministic implementation switch to a deterministic one or raise, rather
    # than silently vary; on this CPU build both are run-to-run stable, but they round differently.
    tf.config.experimental.enable_op_determinism()
    return {
        "intra_op_threads": threads,
        "op_determinism": True,
        "TF_ENABLE_ONEDNN_OPTS": os.environ.get("TF_ENABLE_ONEDNN_OPTS"),
        "tensorflow": tf.__version__,
    }
