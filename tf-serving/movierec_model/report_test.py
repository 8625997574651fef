import json

import pytest

from .data import load_snapshot
from .report import METRICS, build_report, comparison_sentence, write_report
from .split import make_split
from .testing import synthetic_snapshot


def result(value: float, **extra) -> dict:
    return {**dict.fromkeys(METRICS, value), "fit_seconds": 1.5, "score_seconds": 0.25, "params": {}, **extra}


@pytest.fixture(scope="module")
def split(tmp_path_factory):
    snapshot = load_snapshot(synthetic_snapshot(tmp_path_factory.mktemp("report")))
    return make_split(snapshot.ratings, snapshot.catalog)


@pytest.fixture
def models():
    return {
        "seed_average": result(0.05),
        "most_popular": result(0.10),
        "ease": result(0.20),
        "item_knn": result(0.16),
        "two_tower": {**result(0.18), "ndcg@10": float("nan")},
    }


def test_writes_json_markdown_and_png(tmp_path, split, models):
    cold = {"users": 3, "items": 2, "recall@20": 0.9, "random_recall@20": 1.0, "lift": 0.9}
    report = build_report(
        "synthetic",
        split,
        models,
        cold,
        {"split": 0.1, "evaluate": 2.0},
        {"loss_history": [0.9, 0.7, 0.6], "val_loss_history": [1.0, 0.8, 0.75]},
    )
    paths = write_report(tmp_path / "run", report)
    written = json.loads(paths["json"].read_text())
    assert list(written) == ["dataset", "protocol", "counts", "models", "cold_start", "timings", "training"]
    assert list(written["models"]) == ["two_tower", "most_popular", "item_knn", "ease", "seed_average"]
    for name, values in written["models"].items():
        assert set(values) == {*METRICS, "fit_seconds", "score_seconds", "params"}, name
    assert written["models"]["two_tower"]["ndcg@10"] is None  # NaN is no JSON
    assert written["protocol"]["name"] == "temporal" and written["counts"]["cold_items"] == len(split.cold_items)
    assert written["training"]["loss_history"] == [0.9, 0.7, 0.6] and written["cold_start"]["items"] == 2
    png = paths["png"].read_bytes()
    assert len(png) > 10_000 and png.startswith(b"\x89PNG")
    text = paths["md"].read_text()
    assert "| EASE | **0.2000** | **0.2000** | **0.2000** | **0.2000** | **0.2000** | 1.50 | 0.25 |" in text
    assert "| Two-tower | 0.1800 | 0.1800 | — | 0.1800 | 0.1800 |" in text
    assert (
        "On NDCG@20 the two-tower model scores 0.1800: 10% below EASE (0.2000) and 12% above ItemKNN (0.1600)." in text
    )
    assert "Cold start: Recall@20 0.9000 among 2 cold movies for 3 users, against 1.0000" in text


def test_comparison_sentence_follows_the_numbers(models):
    assert (
        comparison_sentence({k: v for k, v in models.items() if k != "two_tower"})
        == "This run has no two-tower result to compare."
    )
    models["ease"] = {**dict.fromkeys(METRICS), "skipped": "EASE skipped: too many items"}
    del models["item_knn"]
    assert (
        comparison_sentence(models)
        == "On NDCG@20 the two-tower model scores 0.1800: EASE was skipped and ItemKNN was not run."
    )
    models["item_knn"] = result(0.18)
    assert comparison_sentence(models, "recall@10").endswith("equal to ItemKNN (0.1800).")


def test_skipped_models_and_missing_history(tmp_path, split, models):
    models["ease"] = {
        **dict.fromkeys(METRICS),
        "fit_seconds": None,
        "score_seconds": None,
        "skipped": "EASE skipped: too many items",
    }
    paths = write_report(tmp_path, build_report("synthetic", split, models))
    text = paths["md"].read_text()
    assert "| EASE (skipped) | — | — | — | — | — | — | — |" in text and "- EASE: EASE skipped: too many items" in text
    assert json.loads(paths["json"].read_text())["training"] == {} and paths["png"].stat().st_size > 0


def test_rejects_unknown_model_keys_and_missing_metrics(split, models):
    with pytest.raises(ValueError, match="unknown model keys"):
        build_report("synthetic", split, {"two-tower": result(0.1)})
    with pytest.raises(ValueError, match="lack metrics"):
        build_report("synthetic", split, {"ease": {"recall@10": 0.1}})
