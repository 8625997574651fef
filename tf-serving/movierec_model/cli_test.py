"""`evaluate --seeds`, run as `npm run cli -- evaluate` runs it: a fresh process, the real encoder."""

import json
import subprocess
import sys
from pathlib import Path

from .report import METRICS, MODEL_KEYS
from .testing import synthetic_snapshot

PACKAGE_ROOT = Path(__file__).resolve().parent.parent


def test_evaluate_under_two_seeds_reports_each_and_their_mean(tmp_path):
    snapshot = synthetic_snapshot(tmp_path / "snapshot")
    out = tmp_path / "run"
    paths = ["--snapshot", str(snapshot), "--out", str(out), "--cache", str(tmp_path / "cache")]
    command = [sys.executable, "-m", "movierec_model.cli", "evaluate", *paths, "--epochs", "1", "--seed", "3"]
    finished = subprocess.run(
        [*command, "--seeds", "2"], cwd=PACKAGE_ROOT, capture_output=True, text=True, timeout=600, check=False
    )
    assert finished.returncode == 0, finished.stderr[-3000:]

    per_seed = [json.loads((out / f"seed-{seed}" / "report.json").read_text()) for seed in (3, 4)]
    assert [report["protocol"]["seed"] for report in per_seed] == [3, 4]
    assert all((out / f"seed-{seed}" / "export" / "movie_embeddings.npy").is_file() for seed in (3, 4))
    combined = json.loads((out / "report.json").read_text())
    assert combined["seeds"] == [3, 4] and list(combined["models"]) == list(MODEL_KEYS)
    for name in MODEL_KEYS:
        values = [report["models"][name]["ndcg@20"] for report in per_seed]
        assert combined["models"][name]["ndcg@20"] == sum(values) / 2
        assert set(combined["spread"][name]) == set(METRICS)
    assert {"load", "encode", "two_tower", "peak_rss_mb"} <= set(combined["timings"])
    text = (out / "report.md").read_text()
    assert "±" in text and "means over seeds 3, 4" in text
    assert (out / "report.png").stat().st_size > 10_000
