"""The SageMaker entry point maps the job's environment and hyper-parameters onto the training CLI.
Nothing trains here: the CLI and the GPU probe are replaced."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from . import sagemaker_entry
from .sagemaker_entry import check_gpus, main, parse_hyperparameters, seed_text_cache, training_argv

PACKAGE_DIR = Path(sagemaker_entry.__file__).resolve().parent


def job_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return {
        "SM_CHANNEL_TRAINING": str(tmp_path / "input/data/training"),
        "SM_MODEL_DIR": str(tmp_path / "model"),
        "SM_NUM_CPUS": "4",
        "SM_NUM_GPUS": "1",
        **extra,
    }


def flag(argv: list[str], name: str) -> str:
    return argv[argv.index(name) + 1]


def test_maps_channels_model_dir_and_hyperparameters(tmp_path):
    args, _ = parse_hyperparameters(["--epochs", "3", "--seed", "7"])
    argv = training_argv(args, job_env(tmp_path), tmp_path / "cache")
    assert argv[0] == "train"
    assert flag(argv, "--snapshot") == str(tmp_path / "input/data/training")
    assert flag(argv, "--out") == str(tmp_path / "model")
    assert flag(argv, "--cache") == str(tmp_path / "cache")
    assert (flag(argv, "--epochs"), flag(argv, "--seed")) == ("3", "7")
    # The instance's vCPUs, unless the job says otherwise.
    assert flag(argv, "--threads") == "4"
    args, _ = parse_hyperparameters(["--threads", "2"])
    assert flag(training_argv(args, job_env(tmp_path), tmp_path), "--threads") == "2"


def test_leaves_unset_hyperparameters_to_the_model_config(tmp_path):
    args, _ = parse_hyperparameters([])
    argv = training_argv(args, job_env(tmp_path), tmp_path)
    assert "--epochs" not in argv and "--seed" not in argv


def test_arguments_of_the_toolkit_are_set_aside():
    args, ignored = parse_hyperparameters(["--epochs", "2", "--model_dir", "s3://bucket/model"])
    assert args.epochs == 2
    assert ignored == ["--model_dir", "s3://bucket/model"]


def test_outside_a_job_names_the_missing_variable(tmp_path):
    args, _ = parse_hyperparameters([])
    with pytest.raises(RuntimeError, match="SM_CHANNEL_TRAINING is not set"):
        training_argv(args, {}, tmp_path)


def test_text_cache_copies_only_the_parts_it_lacks(tmp_path):
    channel, text_dir = tmp_path / "channel", tmp_path / "cache/text"
    channel.mkdir()
    for name in ("part-00000.npz", "part-00001.npz", "notes.txt"):
        (channel / name).write_bytes(name.encode())
    text_dir.mkdir(parents=True)
    (text_dir / "part-00000.npz").write_bytes(b"restored from the checkpoint")
    assert seed_text_cache(channel, text_dir) == 1
    assert (text_dir / "part-00000.npz").read_bytes() == b"restored from the checkpoint"
    assert (text_dir / "part-00001.npz").read_bytes() == b"part-00001.npz"
    assert not (text_dir / "notes.txt").exists()
    assert seed_text_cache(None, tmp_path / "other") == 0


def test_gpus_the_framework_cannot_see_stop_the_job():
    with pytest.raises(RuntimeError, match="1 GPU\\(s\\) but TensorFlow sees none"):
        check_gpus(expected=1, visible=0)
    check_gpus(expected=1, visible=1)
    check_gpus(expected=0, visible=0)


def test_main_runs_the_cli_with_the_cache_in_the_checkpoint_folder(tmp_path):
    channel = tmp_path / "input/data/text_cache"
    channel.mkdir(parents=True)
    (channel / "part-00000.npz").write_bytes(b"vectors")
    runs: list[list[str]] = []
    env = job_env(tmp_path, SM_CHANNEL_TEXT_CACHE=str(channel))

    code = main(
        ["--epochs", "1", "--checkpoint-dir", str(tmp_path / "checkpoints")],
        env=env,
        run=lambda argv: runs.append(argv) or 0,
        gpus=lambda: 1,
    )

    assert code == 0
    assert flag(runs[0], "--cache") == str(tmp_path / "checkpoints")
    assert (tmp_path / "checkpoints/text/part-00000.npz").read_bytes() == b"vectors"


def test_main_does_not_train_without_a_usable_gpu(tmp_path):
    runs: list[list[str]] = []
    with pytest.raises(RuntimeError, match="TensorFlow sees none"):
        main([], env=job_env(tmp_path), run=lambda argv: runs.append(argv) or 0, gpus=lambda: 0)
    assert runs == []


def test_runs_as_a_file_from_the_source_folder_as_the_toolkit_starts_it(tmp_path):
    """`python movierec_model/sagemaker_entry.py` from /opt/ml/code: the package imports (its
    parent is put on sys.path); outside a job it stops naming the missing variable."""
    code_dir = tmp_path / "code"
    shutil.copytree(PACKAGE_DIR, code_dir / "movierec_model", ignore=shutil.ignore_patterns("__pycache__"))
    result = subprocess.run(
        [sys.executable, "movierec_model/sagemaker_entry.py", "--epochs", "1"],
        cwd=code_dir,
        env={"PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert "SM_CHANNEL_TRAINING is not set" in result.stderr
    assert "ModuleNotFoundError" not in result.stderr
