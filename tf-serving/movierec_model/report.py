"""A run folder's report: report.json (for programs), report.md (for people), report.png (a chart).

report.json keys: dataset, protocol ({"name", and the split parameters}), counts (split.Split.summary),
models ({key: the METRICS plus fit_seconds, score_seconds, params, and "skipped" for a skipped model}),
cold_start (evaluate.evaluate_cold_start, or null), timings ({step: seconds}), training (as given,
e.g. {"loss_history": [...], "val_loss_history": [...]}). NaN values are written as null, which
JSON.parse accepts where it rejects NaN.

A report over several seeds (`combine_reports`) has the same keys plus "seeds", "spread" ({model:
{metric: sample standard deviation over seeds}}, and "cold_start" for its recall and lift) and
"per_seed" (each seed's counts, models and cold start). There, metrics, fit and score seconds and
the cold-start figures are means over seeds (the lift too: the mean of each seed's lift); timings are
sums (peak_rss_mb the largest); params and protocol.seed list one value per seed; counts are the
first seed's; training.served_check has the largest difference and all seeds' users, and
training.loss_histories each seed's losses.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from .split import Split

MODEL_KEYS = ("two_tower", "most_popular", "item_knn", "ease", "seed_average")
MODEL_LABELS = {
    "two_tower": "Two-tower",
    "most_popular": "MostPopular",
    "item_knn": "ItemKNN",
    "ease": "EASE",
    "seed_average": "SeedAverage",
}
METRICS = ("recall@10", "recall@20", "ndcg@10", "ndcg@20", "coverage@20")
METRIC_LABELS = {
    "recall@10": "Recall@10",
    "recall@20": "Recall@20",
    "ndcg@10": "NDCG@10",
    "ndcg@20": "NDCG@20",
    "coverage@20": "Coverage@20",
}


def _plain(value):
    """JSON-ready copy: numpy scalars and arrays become Python values, NaN becomes None."""
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, np.ndarray)):
        return [_plain(item) for item in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def build_report(
    dataset: str,
    split: Split,
    models: dict[str, dict],
    cold_start: dict | None = None,
    timings: dict | None = None,
    training: dict | None = None,
) -> dict:
    """The report.json content.

    Args:
        dataset: the snapshot's name (e.g. its variant).
        split: the split evaluated.
        models: evaluate.evaluate_models' result; keys among MODEL_KEYS.
        cold_start: evaluate.evaluate_cold_start's result, or None.
        timings: seconds per step of the run.
        training: the two-tower's training record (loss_history, ...), or None.

    Returns:
        A JSON-ready dict, models in MODEL_KEYS order.
    """
    unknown = sorted(set(models) - set(MODEL_KEYS))
    if unknown:
        raise ValueError(f"unknown model keys {unknown}: expected among {', '.join(MODEL_KEYS)}")
    missing = {
        name: sorted(set(METRICS) - set(result)) for name, result in models.items() if set(METRICS) - set(result)
    }
    if missing:
        raise ValueError(f"results lack metrics (evaluate with ks=(10, 20)): {missing}")
    summary = split.summary()
    ordered = {name: models[name] for name in MODEL_KEYS if name in models}
    return _plain(
        {
            "dataset": dataset,
            "protocol": summary["protocol"],
            "counts": summary["counts"],
            "models": ordered,
            "cold_start": cold_start,
            "timings": timings or {},
            "training": training or {},
        }
    )


def _mean(values: list) -> float | None:
    return None if any(v is None for v in values) else float(np.mean(values))


def _std(values: list) -> float | None:
    """Sample standard deviation (ddof 1: three seeds are a sample of the seeds one could draw)."""
    return None if any(v is None for v in values) else float(np.std(values, ddof=1))


def combine_reports(reports: list[dict], seeds: list[int]) -> dict:
    """One report from several seeds' reports of the same protocol (each seed its own split and model).

    Args:
        reports: build_report results, one per seed, with the same models.
        seeds: the seed of each report.

    Returns:
        A report whose figures are means over seeds, with "seeds", "spread" and "per_seed" (module doc).
    """
    if len(reports) < 2 or len(reports) != len(seeds):
        raise ValueError(f"combining needs two or more reports, one per seed: got {len(reports)} for seeds {seeds}")
    first = reports[0]
    figures = (*METRICS, "fit_seconds", "score_seconds")
    models, spread = {}, {}
    for name in first["models"]:
        runs = [report["models"][name] for report in reports]
        models[name] = {key: _mean([run.get(key) for run in runs]) for key in figures}
        # A model skipped under some seed has no params there.
        keys = dict.fromkeys(key for run in runs for key in run.get("params", {}))
        models[name]["params"] = {key: [run.get("params", {}).get(key) for run in runs] for key in keys}
        skipped = [run["skipped"] for run in runs if "skipped" in run]
        if skipped:
            models[name]["skipped"] = skipped[0]
        spread[name] = {metric: _std([run.get(metric) for run in runs]) for metric in METRICS}
    cold_start = None
    if all(report["cold_start"] for report in reports):
        colds = [report["cold_start"] for report in reports]
        cold_start = {key: _mean([cold[key] for cold in colds]) for key in colds[0]}
        spread["cold_start"] = {key: _std([cold[key] for cold in colds]) for key in ("recall@20", "lift")}
    checks = [report["training"].get("served_check") for report in reports]
    training = {"loss_histories": [report["training"].get("loss_history", []) for report in reports]}
    if all(checks):
        training["served_check"] = {
            "max_metric_difference": max(check["max_metric_difference"] for check in checks),
            "users": int(sum(check["users"] for check in checks)),
        }
    timings = {key: sum(report["timings"].get(key, 0) for report in reports) for key in first["timings"]}
    timings["peak_rss_mb"] = max(report["timings"].get("peak_rss_mb", 0) for report in reports)
    return _plain(
        {
            "dataset": first["dataset"],
            "protocol": {**first["protocol"], "seed": list(seeds)},
            "counts": first["counts"],
            "models": models,
            "cold_start": cold_start,
            "timings": timings,
            "training": training,
            "seeds": list(seeds),
            "spread": spread,
            "per_seed": [
                {
                    "seed": seed,
                    "counts": report["counts"],
                    "models": report["models"],
                    "cold_start": report["cold_start"],
                }
                for seed, report in zip(seeds, reports)
            ],
        }
    )


def _format(value: float | None, spread: float | None = None) -> str:
    if value is None:
        return "—"
    return f"{value:.4f}" if spread is None else f"{value:.4f} ± {spread:.4f}"


def how_to_read(report: dict) -> str:
    """The paragraph that says what the figures mean and how much of a difference is noise."""
    seeds = report.get("seeds")
    noise = (
        f"Figures are means over seeds {', '.join(map(str, seeds))}; each seed draws its own cold movies (and, "
        "under the random protocol, its own held-out ratings) and trains its own models, and ± is the "
        "standard deviation over seeds: a difference smaller than the spread is noise."
        if seeds
        else "This is one seed: a difference of a few percent between models may be noise (run with --seeds 3 "
        "for the spread)."
    )
    return (
        "How to read this: for each evaluated user every model ranks all candidate movies (rankable in this "
        "protocol, recommendable in the product) that the user did not rate in training. Recall@K is the "
        "share of the user's held-out positives in the top K; NDCG@K also rewards placing them first "
        "(1 = every possible hit at the top); both are averaged over users. Coverage@20 is the share of "
        "candidate movies in at least one user's top 20. Every model fits the same training ratings; EASE "
        "and ItemKNN pick their one parameter on the validation part, never on the test part. " + noise
    )


def comparison_sentence(models: dict[str, dict], metric: str = "ndcg@20") -> str:
    """Where the two-tower stands against EASE and ItemKNN on `metric`, from the numbers."""
    label = METRIC_LABELS[metric]
    mine = models.get("two_tower", {}).get(metric)
    if mine is None:
        return "This run has no two-tower result to compare."
    parts = []
    for key in ("ease", "item_knn"):
        theirs = models.get(key, {}).get(metric)
        if key not in models:
            parts.append(f"{MODEL_LABELS[key]} was not run")
        elif theirs is None:
            parts.append(f"{MODEL_LABELS[key]} was skipped")
        elif mine == theirs:
            parts.append(f"equal to {MODEL_LABELS[key]} ({_format(theirs)})")
        elif theirs == 0:  # no percentage of zero
            parts.append(f"above {MODEL_LABELS[key]} ({_format(theirs)})")
        else:
            change = (mine - theirs) / theirs * 100
            parts.append(
                f"{abs(change):.0f}% {'above' if change > 0 else 'below'} {MODEL_LABELS[key]} ({_format(theirs)})"
            )
    return f"On {label} the two-tower model scores {_format(mine)}: {' and '.join(parts)}."


def markdown(report: dict) -> str:
    """report.md: the protocol, a metrics table with each metric's best value in bold, the comparison."""
    models = report["models"]
    spread = report.get("spread", {})
    best = {m: max((r[m] for r in models.values() if r.get(m) is not None), default=None) for m in METRICS}
    header = ["Model", *(METRIC_LABELS[m] for m in METRICS), "Fit (s)", "Score (s)"]
    lines = [
        f"# Evaluation: {report['dataset']}",
        "",
        "Protocol: " + ", ".join(f"{key}={value}" for key, value in report["protocol"].items()),
        "",
        "Counts: " + ", ".join(f"{key.replace('_', ' ')} {value:,}" for key, value in report["counts"].items()),
        "",
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
    ]
    for name, result in models.items():
        cells = [MODEL_LABELS[name] + (" (skipped)" if "skipped" in result else "")]
        for m in METRICS:
            text = _format(result.get(m), spread.get(name, {}).get(m))
            cells.append(f"**{text}**" if result.get(m) is not None and result[m] == best[m] else text)
        cells += [
            f"{result[key]:.2f}" if result.get(key) is not None else "—" for key in ("fit_seconds", "score_seconds")
        ]
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", comparison_sentence(models), "", how_to_read(report)]
    skipped = [f"- {MODEL_LABELS[n]}: {r['skipped']}" for n, r in models.items() if "skipped" in r]
    if skipped:
        lines += ["", *skipped]
    check = (report.get("training") or {}).get("served_check")
    if check:
        lines += [
            "",
            f"The two-tower row is computed from the exported files as the API serves them; the in-training "
            f"model gives the same metrics within {check['max_metric_difference']:.1e} for the same {check['users']} users"
            + (f" (in all, over {len(report['seeds'])} seeds)." if report.get("seeds") else "."),
        ]
    cold = report.get("cold_start")
    if cold and cold.get("recall@20") is not None:
        cold_spread = spread.get("cold_start", {})
        lines += [
            "",
            f"Cold start: Recall@20 {_format(cold['recall@20'], cold_spread.get('recall@20'))} among "
            f"{cold['items']:.0f} cold movies for {cold['users']:.0f} users, against "
            f"{_format(cold['random_recall@20'])} for a random ranking ({cold['lift']:.1f}×).",
        ]
    return "\n".join(lines) + "\n"


def plot(report: dict, path: Path) -> None:
    """report.png: grouped bars of the metrics per model, and the training loss per epoch."""
    figure = Figure(figsize=(13, 4.8), layout="constrained")
    bars, losses = figure.subplots(1, 2, width_ratios=(2, 1))
    models = {n: r for n, r in report["models"].items() if "skipped" not in r}
    width = 0.8 / max(len(models), 1)
    positions = np.arange(len(METRICS))
    spread = report.get("spread", {})
    for i, (name, result) in enumerate(models.items()):
        errors = [spread.get(name, {}).get(m) or 0.0 for m in METRICS] if name in spread else None
        bars.bar(
            positions + (i - (len(models) - 1) / 2) * width,
            [result[m] or 0.0 for m in METRICS],
            width,
            yerr=errors,
            label=MODEL_LABELS[name],
        )
    bars.set_xticks(positions, [METRIC_LABELS[m] for m in METRICS])
    bars.set_title(f"{report['dataset']}: {report['protocol']['name']} protocol")
    top = max((r[m] or 0.0 for r in models.values() for m in METRICS), default=0.0)
    bars.set_ylim(0, max(top, 1e-3) * 1.3)  # headroom so the legend does not hide bars
    bars.legend(fontsize="small", ncols=max(len(models), 1), loc="upper center")
    training = report.get("training") or {}
    curves = [
        (f"train, seed {seed}", loss) for seed, loss in zip(report.get("seeds", []), training.get("loss_histories", []))
    ]
    if not curves:
        curves = [
            (label, training.get(key)) for key, label in (("loss_history", "train"), ("val_loss_history", "validation"))
        ]
    for label, loss in curves:
        if loss:
            losses.plot(np.arange(1, len(loss) + 1), loss, marker="o", label=label)
    if losses.lines:
        losses.set_xlabel("epoch")
        losses.xaxis.set_major_locator(MaxNLocator(integer=True))
        losses.legend(fontsize="small")
    else:
        losses.text(0.5, 0.5, "no training history", ha="center", va="center", transform=losses.transAxes)
        losses.set_xticks([])
        losses.set_yticks([])
    losses.set_title("Two-tower training loss")
    figure.savefig(path, dpi=110)


def write_report(folder: str | Path, report: dict) -> dict[str, Path]:
    """Writes report.json, report.md and report.png into `folder` (created if needed).

    Args:
        folder: the run folder.
        report: build_report's result.

    Returns:
        The three paths, keyed "json", "md", "png".
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = {"json": folder / "report.json", "md": folder / "report.md", "png": folder / "report.png"}
    paths["json"].write_text(json.dumps(report, indent=2, allow_nan=False) + "\n", encoding="utf-8")
    paths["md"].write_text(markdown(report), encoding="utf-8")
    plot(report, paths["png"])
    return paths
