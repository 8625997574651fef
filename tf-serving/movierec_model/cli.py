"""Command line of the model package, driven by `npm run cli -- train | evaluate`.

    python -m movierec_model.cli train --snapshot DIR --out RUN_DIR --cache DIR [--epochs N] [--seed N]
        [--threads N]
    python -m movierec_model.cli evaluate --snapshot DIR --out RUN_DIR --cache DIR [--protocol temporal|random]
        [--preset recbole|msr] [--test-ratio R] [--valid-ratio R] [--min-rating R] [--epochs N] [--seed N]
        [--seeds K] [--threads N]

Progress goes to stderr; the run folder receives the results. The same seed, snapshot and --threads
on the same machine give byte-identical exports (determinism.py).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import keras

from . import check_versions
from .data import load_snapshot
from .determinism import DEFAULT_THREADS, configure
from .text import encode_catalog
from .train import TwoTowerConfig

T = TypeVar("T")

EASE_GRID = (50.0, 200.0, 500.0, 1000.0, 2000.0)
KNN_GRID = (20.0, 50.0, 100.0, 200.0)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def timed(timings: dict[str, float], step: str, work: Callable[[], T]) -> T:
    started = time.perf_counter()
    result = work()
    timings[step] = round(time.perf_counter() - started, 2)
    log(f"{step}: {timings[step]} s")
    return result


def peak_rss_mb() -> int:
    """Peak resident memory of this process (Linux reports kilobytes)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def int_at_least(minimum: int) -> Callable[[str], int]:
    """An argparse type: an integer not below `minimum`."""

    def parse(text: str) -> int:
        value = int(text)
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be at least {minimum}, got {value}")
        return value

    return parse


def model_config(args: argparse.Namespace) -> TwoTowerConfig:
    overrides = {"epochs": args.epochs, "seed": args.seed}
    return dataclasses.replace(TwoTowerConfig(), **{k: v for k, v in overrides.items() if v is not None})


def train(args: argparse.Namespace, determinism: dict) -> dict:
    """Encode, train on every rating, export for serving."""
    from .export import export_run
    from .train import train_two_tower

    timings: dict[str, float] = {}
    snapshot = timed(timings, "load", lambda: load_snapshot(args.snapshot))
    text = timed(timings, "encode", lambda: encode_catalog(snapshot.catalog, Path(args.cache) / "text", progress=log))
    config = model_config(args)
    trained = timed(
        timings, "train", lambda: train_two_tower(snapshot.ratings, snapshot.catalog, text, config, progress=log)
    )
    version = int(time.time())
    timed(timings, "export", lambda: export_run(trained, snapshot.catalog, args.out, version))
    summary = {
        "dataset": snapshot.variant,
        "version": version,
        "counts": {
            "movies": len(snapshot.catalog),
            "ratings": len(snapshot.ratings),
            "users": snapshot.ratings.n_users,
        },
        "config": dataclasses.asdict(config),
        "determinism": determinism,
        "training": {"loss_history": trained.loss_history.epochs},
        "timings": timings,
        "peak_rss_mb": peak_rss_mb(),
    }
    (Path(args.out) / "training.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return summary


def evaluate(args: argparse.Namespace) -> dict:
    """Evaluate under each seed (its own split and models); with several seeds, each seed's report goes
    to <out>/seed-<N>/ and the run's report is their mean with the spread."""
    from .report import combine_reports, write_report

    timings: dict[str, float] = {}
    # TMDB-only movies nobody rated are never ranked nor read: encoding their texts would be wasted.
    snapshot = timed(timings, "load", lambda: load_snapshot(args.snapshot).rated_or_movielens())
    text = timed(timings, "encode", lambda: encode_catalog(snapshot.catalog, Path(args.cache) / "text", progress=log))
    first = 0 if args.seed is None else args.seed
    seeds = list(range(first, first + args.seeds))
    if len(seeds) == 1:
        report = evaluate_seed(args, snapshot, text, first, Path(args.out), timings)
    else:
        reports = []
        for number, seed in enumerate(seeds, start=1):
            log(f"seed {seed} ({number} of {len(seeds)})")
            out = Path(args.out) / f"seed-{seed}"
            reports.append(evaluate_seed(args, snapshot, text, seed, out, {}))
            write_report(out, reports[-1])
            keras.backend.clear_session()  # each seed's graphs and models, no longer needed
        report = combine_reports(reports, seeds)
        report["timings"] = {**timings, **report["timings"]}
    write_report(args.out, report)
    return report


def evaluate_seed(args: argparse.Namespace, snapshot, text, seed: int, out: Path, timings: dict[str, float]) -> dict:
    """Split with `seed`, fit the two-tower model (seeded too) and every baseline on the same train
    part; the export goes to `out`; returns the report."""
    from .baselines import EASE, ItemKNN, MostPopular, SeedAverage
    from .evaluate import evaluate_cold_start, evaluate_models, tune
    from .export import export_run
    from .report import build_report
    from .served import ServedRecommender, recommendable
    from .split import make_split
    from .train import TwoTowerRecommender

    catalog = snapshot.catalog
    overrides = {
        k: v
        for k, v in {
            "test_ratio": args.test_ratio,
            "valid_ratio": args.valid_ratio,
            "min_rating": args.min_rating,
        }.items()
        if v is not None
    }
    split = make_split(snapshot.ratings, catalog, args.protocol, args.preset, seed=seed, **overrides)
    # Every model ranks what the product may recommend.
    split = dataclasses.replace(split, rankable=split.rankable & recommendable(catalog))
    config = dataclasses.replace(model_config(args), seed=seed)
    if args.protocol == "random":
        # Published random-split setups score every held-out rating ≥ min_rating as relevant; the
        # model then learns from the same notion of a positive.
        config = dataclasses.replace(config, positive_threshold=max(split.min_rating, 0.5))
    two_tower = TwoTowerRecommender(config, text)
    timed(timings, "two_tower", lambda: two_tower.fit(split.train, catalog))
    # The two-tower row is what the product serves: the exported files, computed as the API does.
    export_dir = export_run(two_tower.trained, catalog, out / "export", version=1)
    served = ServedRecommender(export_dir, catalog)
    served.fit(split.train, catalog)
    results = evaluate_models(split, catalog, [served], fit=False)
    results["two_tower"]["fit_seconds"] = timings["two_tower"]
    in_training = evaluate_models(split, catalog, [two_tower], fit=False)["two_tower"]
    served_check = {
        "max_metric_difference": max(
            abs(results["two_tower"][m] - in_training[m]) for m in in_training if m.startswith(("recall", "ndcg"))
        ),
        "users": int(len(split.test_users)),
    }
    l2, _ = timed(timings, "tune_ease", lambda: tune(split, catalog, lambda v: EASE(l2=v), EASE_GRID))
    neighbours, _ = timed(
        timings, "tune_item_knn", lambda: tune(split, catalog, lambda v: ItemKNN(neighbours=int(v)), KNN_GRID)
    )
    # The seed's method searches the same movie embeddings the two-tower model learned.
    item_embeddings = served.item_embeddings
    baselines = [MostPopular(), ItemKNN(neighbours=int(neighbours)), EASE(l2=l2), SeedAverage(item_embeddings)]
    results |= timed(timings, "baselines", lambda: evaluate_models(split, catalog, baselines))
    cold_start = evaluate_cold_start(split, served) if len(split.cold_items) else None
    timings["peak_rss_mb"] = peak_rss_mb()
    training = {"loss_history": two_tower.trained.loss_history.epochs, "served_check": served_check}
    return build_report(snapshot.variant, split, results, cold_start, timings, training)


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="movierec_model")
    commands = root.add_subparsers(dest="command", required=True)
    for name in ("train", "evaluate"):
        command = commands.add_parser(name)
        command.add_argument(
            "--snapshot", required=True, help="training snapshot folder (npm run cli -- export-training)"
        )
        command.add_argument("--out", required=True, help="run folder")
        command.add_argument("--cache", required=True, help="cache folder (text embeddings)")
        command.add_argument("--epochs", type=int)
        command.add_argument("--seed", type=int_at_least(0))
        threads_help = f"intra-op threads (default {DEFAULT_THREADS}; the count changes the last bits)"
        command.add_argument("--threads", type=int_at_least(1), default=DEFAULT_THREADS, help=threads_help)
        if name == "evaluate":
            command.add_argument("--protocol", choices=("temporal", "random"), default="temporal")
            command.add_argument("--preset", choices=("recbole", "msr"))
            command.add_argument("--test-ratio", type=float)
            command.add_argument("--valid-ratio", type=float)
            command.add_argument("--min-rating", type=float)
            seeds_help = "evaluate under this many seeds (--seed, --seed + 1, ...) and report the mean and spread"
            command.add_argument("--seeds", type=int_at_least(1), default=1, help=seeds_help)
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    determinism = configure(args.threads)
    check_versions()
    Path(args.out).mkdir(parents=True, exist_ok=True)
    result = train(args, determinism) if args.command == "train" else evaluate(args)
    print(json.dumps({"command": args.command, "out": str(args.out), "timings": result["timings"]}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
