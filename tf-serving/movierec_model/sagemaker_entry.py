"""Entry point of a SageMaker training job: runs the same `movierec_model.cli train` as `npm run cli -- train`.

`npm run cli -- cloud train` (scripts/src/cloud/) packs this package into sourcedir.tar.gz and starts
the job on AWS's TensorFlow training container in script mode: the container's toolkit unpacks the
archive into /opt/ml/code, pip-installs its requirements.txt (the project's pins), then runs

    python movierec_model/sagemaker_entry.py --epochs 5 --seed 0 [--threads N] [--checkpoint-dir DIR]

(one `--name value` per hyper-parameter of the job). What SageMaker says through the environment:

    SM_CHANNEL_TRAINING     the training snapshot (movies.jsonl, ratings.npy, manifest.json)
    SM_CHANNEL_TEXT_CACHE   optional: the text-embedding cache parts uploaded from $DATA_DIR/cache/text
    SM_MODEL_DIR            where the export goes; SageMaker tars it into <output>/model.tar.gz
    SM_NUM_GPUS, SM_NUM_CPUS

`--checkpoint-dir` (managed spot jobs) is a folder SageMaker keeps in S3 across interruptions: the
text cache lives there, so a restarted job does not encode the texts again.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

if __package__ in (None, ""):
    # Run as a file, as the toolkit does: Python put this folder first on sys.path, where its
    # modules (data, model, text…) would shadow top-level ones; the package's parent goes there instead.
    _HERE = Path(__file__).resolve().parent
    sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != _HERE]
    sys.path.insert(0, str(_HERE.parent))

# The package's __init__ sets TensorFlow's environment (determinism.py) before anything imports it.
import movierec_model  # noqa: F401

LOCAL_CACHE = Path("/tmp/movierec-cache")
MODEL_DIR = "/opt/ml/model"


def log(message: str) -> None:
    print(f"sagemaker_entry: {message}", file=sys.stderr, flush=True)


def parse_hyperparameters(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    """The job's hyper-parameters; arguments the toolkit may add of its own (e.g. --model_dir) are returned apart."""
    parser = argparse.ArgumentParser(prog="sagemaker_entry")
    parser.add_argument("--epochs", type=int)
    parser.add_argument("--seed", type=int)
    parser.add_argument("--threads", type=int)
    parser.add_argument("--checkpoint-dir", type=Path)
    return parser.parse_known_args(argv)


def default_threads(env: Mapping[str, str]) -> int:
    """The instance's vCPUs: a job has the machine to itself (locally the default is fixed at 2, see determinism.py)."""
    return int(env.get("SM_NUM_CPUS") or os.cpu_count() or 1)


def required_env(env: Mapping[str, str], name: str) -> str:
    value = env.get(name)
    if not value:
        raise RuntimeError(f"{name} is not set: this entry point runs inside a SageMaker training job")
    return value


def training_argv(args: argparse.Namespace, env: Mapping[str, str], cache_root: Path) -> list[str]:
    """The `movierec_model.cli train` command line for this job."""
    argv = [
        "train",
        "--snapshot",
        required_env(env, "SM_CHANNEL_TRAINING"),
        "--out",
        env.get("SM_MODEL_DIR") or MODEL_DIR,
        "--cache",
        str(cache_root),
        "--threads",
        str(args.threads or default_threads(env)),
    ]
    for flag, value in (("--epochs", args.epochs), ("--seed", args.seed)):
        if value is not None:
            argv += [flag, str(value)]
    return argv


def seed_text_cache(channel: Path | None, text_dir: Path) -> int:
    """Copies the uploaded cache parts the cache folder lacks (a restarted spot job already has them).

    Returns:
        The number of parts copied.
    """
    text_dir.mkdir(parents=True, exist_ok=True)
    if channel is None or not channel.is_dir():
        return 0
    missing = [part for part in sorted(channel.glob("part-*.npz")) if not (text_dir / part.name).exists()]
    for part in missing:
        shutil.copyfile(part, text_dir / part.name)
    return len(missing)


def check_gpus(expected: int, visible: int) -> None:
    """Fails before training when the instance has GPUs that TensorFlow cannot use (hours on the CPU instead)."""
    if expected > 0 and visible == 0:
        raise RuntimeError(
            f"the instance has {expected} GPU(s) but TensorFlow sees none: the installed TensorFlow lacks CUDA "
            "support for this image (use the TensorFlow training DLC of the pinned version, or --image-uri)"
        )


def visible_gpus() -> int:
    # Listing devices does not start TensorFlow's runtime, so cli.main can still fix the thread pool.
    import tensorflow as tf

    return len(tf.config.list_physical_devices("GPU"))


def run_training(argv: list[str]) -> int:
    from movierec_model.cli import main as cli_main

    return cli_main(argv)


def main(
    argv: list[str] | None = None,
    env: Mapping[str, str] = os.environ,
    run: Callable[[list[str]], int] = run_training,
    gpus: Callable[[], int] = visible_gpus,
) -> int:
    args, ignored = parse_hyperparameters(sys.argv[1:] if argv is None else argv)
    if ignored:
        log(f"ignoring arguments meant for another script: {' '.join(ignored)}")
    cache_root = args.checkpoint_dir or LOCAL_CACHE
    command = training_argv(args, env, cache_root)
    channel = env.get("SM_CHANNEL_TEXT_CACHE")
    copied = seed_text_cache(Path(channel) if channel else None, cache_root / "text")
    expected, visible = int(env.get("SM_NUM_GPUS") or 0), gpus()
    log(f"{visible} of {expected} GPU(s) visible; {copied} text cache part(s) copied into {cache_root / 'text'}")
    check_gpus(expected, visible)
    log(f"python -m movierec_model.cli {' '.join(command)}")
    return run(command)


if __name__ == "__main__":
    sys.exit(main())
