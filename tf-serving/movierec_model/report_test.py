import json

import pytest

from .data import load_snapshot
from .report import METRICS, build_report, combine_reports, comparison_sentence, write_report
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
    assert (
        "Cold start: Recall@20 0.9000 among 2 cold movies for 3 users, against 1.0000 for a random ranking (0.9×)"
        in text
    )
    assert "How to read this:" in text and "This is one seed" in text


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


def test_combines_seeds_into_means_with_their_spread(tmp_path, split):
    def seed_report(value: float, lift: float) -> dict:
        cold = {"users": 3, "items": 2, "recall@20": lift / 2, "random_recall@20": 0.5, "lift": lift}
        models = {"two_tower": result(value), "ease": result(value / 2, params={"l2": value * 1000})}
        training = {"loss_history": [1.0, value], "served_check": {"max_metric_difference": value / 100, "users": 7}}
        return build_report("synthetic", split, models, cold, {"two_tower": 2.0, "peak_rss_mb": value * 1000}, training)

    combined = combine_reports([seed_report(0.2, 2.0), seed_report(0.4, 4.0), seed_report(0.3, 3.0)], [5, 6, 7])
    assert combined["seeds"] == [5, 6, 7] and combined["protocol"]["seed"] == [5, 6, 7]
    assert combined["models"]["two_tower"]["ndcg@10"] == pytest.approx(0.3)
    assert combined["spread"]["two_tower"]["ndcg@10"] == pytest.approx(0.1)  # sample standard deviation
    assert combined["models"]["ease"]["params"] == {"l2": [200.0, 400.0, 300.0]}
    assert combined["cold_start"]["lift"] == pytest.approx(3.0) and combined["spread"]["cold_start"][
        "lift"
    ] == pytest.approx(1.0)
    assert combined["training"]["served_check"] == {"max_metric_difference": pytest.approx(0.004), "users": 21}
    assert combined["timings"] == {"two_tower": 6.0, "peak_rss_mb": 400.0}
    assert [entry["seed"] for entry in combined["per_seed"]] == [5, 6, 7]
    assert combined["per_seed"][1]["models"]["two_tower"]["recall@10"] == pytest.approx(0.4)
    assert combined["per_seed"][0]["counts"] == combined["counts"]
    assert [len(losses) for losses in combined["training"]["loss_histories"]] == [2, 2, 2]
    text = write_report(tmp_path, combined)["md"].read_text()
    assert "| Two-tower | **0.3000 ± 0.1000** |" in text
    assert "means over seeds 5, 6, 7" in text and "(3.0×)" in text
    assert "within 4.0e-03 for the same 21 users (in all, over 3 seeds)." in text
    json.loads((tmp_path / "report.json").read_text())


def test_combining_needs_a_report_per_seed(split):
    one = build_report("synthetic", split, {"two_tower": result(0.1)})
    with pytest.raises(ValueError, match="two or more reports"):
        combine_reports([one], [0])
    with pytest.raises(ValueError, match="one per seed"):
        combine_reports([one, one], [0])


def test_a_model_skipped_under_one_seed_has_no_mean_but_keeps_the_others_params(split):
    ran = build_report("synthetic", split, {"ease": result(0.2, params={"l2": 200.0})})
    skipped_ease = {**dict.fromkeys(METRICS), "fit_seconds": None, "score_seconds": None, "skipped": "too large"}
    skipped = build_report("synthetic", split, {"ease": skipped_ease})
    combined = combine_reports([ran, skipped], [0, 1])
    assert combined["models"]["ease"]["recall@10"] is None and combined["spread"]["ease"]["recall@10"] is None
    assert combined["models"]["ease"]["params"] == {"l2": [200.0, None]}
    assert combined["models"]["ease"]["skipped"] == "too large"
