"""Two-tower movie recommender: training, evaluation and export for TF Serving.

TensorFlow and Keras versions are pinned (requirements.txt): the SavedModel signatures and the
weights file the TypeScript encoder reads depend on them, so a different version is refused here.
"""

import os

from .determinism import set_environment

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")
# Before any module of the package imports TensorFlow.
set_environment()

SUPPORTED_TENSORFLOW = "2.21."
SUPPORTED_KERAS = "3.15."


def check_versions() -> None:
    """Raises ImportError when the installed TensorFlow or Keras is not the pinned one."""
    import keras
    import tensorflow as tf

    if not tf.__version__.startswith(SUPPORTED_TENSORFLOW) or not keras.__version__.startswith(SUPPORTED_KERAS):
        raise ImportError(
            f"movierec_model needs TensorFlow {SUPPORTED_TENSORFLOW}x and Keras {SUPPORTED_KERAS}x, found "
            f"TensorFlow {tf.__version__} and Keras {keras.__version__}: reinstall tf-serving/requirements.txt"
        )
