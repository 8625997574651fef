"""Training twice with the same seed, each in a fresh process, exports the same bytes.

Separate processes, because state one process keeps (TensorFlow's context, Keras' seed generator,
warm caches) can hide what a fresh clone's run would do differently. The real entry point and the
real sentence encoder run, each same-seed run with an empty text cache of its own.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from .determinism import configure
from .testing import synthetic_snapshot

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
# Run-specific by design: training.json holds timings, fingerprint.pb a fresh UUID of the SavedModel.
NOT_COMPARED = {"training.json", "fingerprint.pb"}


def start_training(snapshot: Path, out: Path, cache: Path, seed: int) -> subprocess.Popen:
    paths = ["--snapshot", str(snapshot), "--out", str(out), "--cache", str(cache)]
    command = [sys.executable, "-m", "movierec_model.cli", "train", *paths, "--epochs", "1", "--seed", str(seed)]
    return subprocess.Popen(command, cwd=PACKAGE_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(process: subprocess.Popen) -> None:
    _, stderr = process.communicate(timeout=300)
    assert process.returncode == 0, f"training failed:\n{stderr[-3000:]}"


def safetensors_without_version(path: Path) -> bytes:
    """The file's tensors (header and data) and its metadata minus the version, a timestamp the
    export stamps on purpose (the TF Serving version of the run)."""
    raw = path.read_bytes()
    size = int.from_bytes(raw[:8], "little")
    header = json.loads(raw[8 : 8 + size])
    # Read generically rather than through export.py, which would import TensorFlow here for nothing.
    metadata = {key: json.loads(value) for key, value in header.pop("__metadata__").items()}
    for value in metadata.values():
        del value["version"]
    return json.dumps([header, metadata], sort_keys=True).encode() + raw[8 + size :]


def export_contents(run: Path) -> dict[str, bytes]:
    """Every exported file's bytes by path, the version folder's name replaced by `<version>`."""
    version = json.loads((run / "training.json").read_text())["version"]
    contents = {}
    for path in sorted(p for p in run.rglob("*") if p.is_file() and p.name not in NOT_COMPARED):
        name = path.relative_to(run).as_posix().replace(f"/{version}/", "/<version>/")
        contents[name] = safetensors_without_version(path) if path.suffix == ".safetensors" else path.read_bytes()
    return contents


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    root = tmp_path_factory.mktemp("determinism")
    snapshot = synthetic_snapshot(root / "snapshot")
    # The two same-seed runs at the same time: competing for the cores must not change a bit either.
    first, again = (
        start_training(snapshot, root / name, root / f"cache-{name}", seed=0) for name in ("first", "again")
    )
    finish(first)
    finish(again)
    finish(start_training(snapshot, root / "other-seed", root / "cache-first", seed=1))
    return root


def test_same_seed_in_fresh_processes_exports_identical_bytes(runs):
    first, again = export_contents(runs / "first"), export_contents(runs / "again")
    expected = {"movie_embeddings.npy", "user_tower.safetensors", "user_tower_examples.json", "models/models.config"}
    for tower in ("user_tower", "content_tower"):
        expected |= {
            f"models/{tower}/<version>/{name}"
            for name in ("saved_model.pb", "variables/variables.index", "variables/variables.data-00000-of-00001")
        }
    assert set(first) == set(again) == expected
    assert [name for name in first if first[name] != again[name]] == []
    # The text embeddings the two runs encoded from scratch are the same bytes too.
    assert [p.read_bytes() for p in sorted((runs / "cache-first" / "text").glob("part-*.npz"))] == [
        p.read_bytes() for p in sorted((runs / "cache-again" / "text").glob("part-*.npz"))
    ]
    settings = json.loads((runs / "first" / "training.json").read_text())["determinism"]
    assert (
        settings["intra_op_threads"] == 2
        and settings["op_determinism"]
        and settings["TF_ENABLE_ONEDNN_OPTS"] == os.environ.get("TF_ENABLE_ONEDNN_OPTS", "0")
    )


def test_another_seed_trains_other_embeddings(runs):
    first, other = (np.load(runs / name / "movie_embeddings.npy") for name in ("first", "other-seed"))
    assert np.abs(first["embedding"] - other["embedding"]).max() > 1e-3


def test_configure_refuses_a_thread_count_below_one():
    with pytest.raises(ValueError, match="threads must be at least 1"):
        configure(0)
