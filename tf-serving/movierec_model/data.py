"""The training snapshot the TypeScript side exports from the database (the one source of truth).

Layout of a snapshot folder:
  manifest.json  {"format": 1, "variant": str, "created_at": str, "counts": {"movies", "ratings", "users"}}
  movies.jsonl   one JSON object per movie: id (the project's movie id), movielens_id, tmdb_id (int or
                 null), title, year (int or null), genres (list of str), overview, tagline (str or
                 null), keywords (list of str), vote_count (int or null: TMDB's number of votes),
                 vote_average (number or null: TMDB's mean vote, 0-10); a snapshot written before
                 the two vote fields existed reads as votes unknown
  ratings.npy    a NumPy structured array, RATINGS_DTYPE, sorted by user_id, then rated_at, then movie_id

Ids in the files are the project's database ids; in memory, users and movies get dense indexes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

SNAPSHOT_FORMAT = 1
RATINGS_DTYPE = np.dtype([("user_id", "<i4"), ("movie_id", "<i4"), ("rating", "<f4"), ("rated_at", "<i8")])


class SnapshotError(ValueError):
    """A snapshot that is missing, malformed or inconsistent; the message names the file."""


@dataclass(frozen=True)
class Catalog:
    """Every movie of the snapshot; position in these arrays is the movie's item index."""

    movie_ids: np.ndarray  # int32, the project's ids
    movielens_ids: np.ndarray  # int32, -1 when the movie is TMDB-only
    tmdb_ids: np.ndarray  # int32, -1 when unknown
    titles: list[str]
    years: np.ndarray  # int32, 0 when unknown
    genres: list[list[str]]
    overviews: list[str | None]
    taglines: list[str | None]
    keywords: list[list[str]]
    vote_counts: np.ndarray  # float32, TMDB's number of votes, -1 when unknown
    vote_averages: np.ndarray  # float32, TMDB's mean vote (0-10), -1 when unknown
    _index: dict[int, int] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._index.update({int(movie_id): i for i, movie_id in enumerate(self.movie_ids)})

    def __len__(self) -> int:
        return len(self.movie_ids)

    def index_of(self, movie_ids: np.ndarray) -> np.ndarray:
        """Item indexes of project movie ids; raises SnapshotError for an unknown id."""
        try:
            return np.fromiter((self._index[int(m)] for m in movie_ids), dtype=np.int32, count=len(movie_ids))
        except KeyError as error:
            raise SnapshotError(f"movie id {error.args[0]} is not in the catalog") from None


@dataclass(frozen=True)
class Ratings:
    """Ratings with dense indexes: `user` into `user_ids`, `item` into the Catalog."""

    user: np.ndarray  # int32
    item: np.ndarray  # int32
    rating: np.ndarray  # float32
    rated_at: np.ndarray  # int64, unix seconds
    user_ids: np.ndarray  # int32, dense user index -> project user id
    n_items: int

    @property
    def n_users(self) -> int:
        return len(self.user_ids)

    def __len__(self) -> int:
        return len(self.user)

    def subset(self, mask: np.ndarray) -> "Ratings":
        """The ratings where `mask` is true, keeping the same user and item index spaces."""
        return Ratings(
            self.user[mask], self.item[mask], self.rating[mask], self.rated_at[mask], self.user_ids, self.n_items
        )


@dataclass(frozen=True)
class Snapshot:
    variant: str
    catalog: Catalog
    ratings: Ratings

    def rated_or_movielens(self) -> "Snapshot":
        """The snapshot without the movies an evaluation never looks at: TMDB-only movies nobody rated
        (never ranked, never in a history). Items are re-indexed; users keep theirs."""
        keep = (self.catalog.movielens_ids != -1) | (np.bincount(self.ratings.item, minlength=len(self.catalog)) > 0)
        if keep.all():
            return self
        rows = np.flatnonzero(keep)
        new_index = np.full(len(self.catalog), -1, np.int32)
        new_index[rows] = np.arange(len(rows), dtype=np.int32)
        c = self.catalog
        catalog = Catalog(
            c.movie_ids[rows], c.movielens_ids[rows], c.tmdb_ids[rows], [c.titles[i] for i in rows], c.years[rows],
            [c.genres[i] for i in rows], [c.overviews[i] for i in rows], [c.taglines[i] for i in rows],
            [c.keywords[i] for i in rows], c.vote_counts[rows], c.vote_averages[rows],
        )  # fmt: skip
        r = self.ratings
        ratings = Ratings(r.user, new_index[r.item], r.rating, r.rated_at, r.user_ids, len(rows))
        return Snapshot(self.variant, catalog, ratings)


def _optional_numbers(rows: list[dict], key: str) -> np.ndarray:
    """float32 column of an optional numeric field, -1 where it is null or absent."""
    return np.array([-1.0 if r.get(key) is None else r[key] for r in rows], dtype=np.float32)


def _read_movies(path: Path) -> Catalog:
    rows = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as error:
                raise SnapshotError(f"{path}:{number}: not JSON ({error.msg})") from None
    try:
        return Catalog(
            movie_ids=np.array([r["id"] for r in rows], dtype=np.int32),
            movielens_ids=np.array(
                [r["movielens_id"] if r["movielens_id"] is not None else -1 for r in rows], dtype=np.int32
            ),
            tmdb_ids=np.array([r["tmdb_id"] if r["tmdb_id"] is not None else -1 for r in rows], dtype=np.int32),
            titles=[r["title"] for r in rows],
            years=np.array([r["year"] or 0 for r in rows], dtype=np.int32),
            genres=[list(r["genres"]) for r in rows],
            overviews=[r["overview"] for r in rows],
            taglines=[r["tagline"] for r in rows],
            keywords=[list(r["keywords"]) for r in rows],
            vote_counts=_optional_numbers(rows, "vote_count"),
            vote_averages=_optional_numbers(rows, "vote_average"),
        )
    except KeyError as error:
        raise SnapshotError(f"{path}: a movie lacks the field {error.args[0]!r}") from None


def _read_ratings(path: Path, catalog: Catalog, mmap: bool) -> Ratings:
    raw = np.load(path, mmap_mode="r" if mmap else None)
    if raw.dtype != RATINGS_DTYPE:
        raise SnapshotError(f"{path}: dtype {raw.dtype} is not {RATINGS_DTYPE}")
    user_ids, user = np.unique(raw["user_id"], return_inverse=True)
    return Ratings(
        user=user.astype(np.int32),
        item=catalog.index_of(raw["movie_id"]),
        rating=np.asarray(raw["rating"], dtype=np.float32),
        rated_at=np.asarray(raw["rated_at"], dtype=np.int64),
        user_ids=user_ids.astype(np.int32),
        n_items=len(catalog),
    )


def load_snapshot(folder: str | Path, mmap: bool = False) -> Snapshot:
    """Reads a snapshot folder written by `npm run cli -- export-training`."""
    folder = Path(folder)
    manifest_path = folder / "manifest.json"
    if not manifest_path.is_file():
        raise SnapshotError(f"{manifest_path}: missing (export one with `npm run cli -- export-training`)")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    if manifest.get("format") != SNAPSHOT_FORMAT:
        raise SnapshotError(f"{manifest_path}: format {manifest.get('format')!r}, expected {SNAPSHOT_FORMAT}")
    catalog = _read_movies(folder / "movies.jsonl")
    ratings = _read_ratings(folder / "ratings.npy", catalog, mmap)
    expected = manifest.get("counts", {})
    if expected.get("movies") != len(catalog) or expected.get("ratings") != len(ratings):
        raise SnapshotError(
            f"{manifest_path}: counts {expected} do not match the files ({len(catalog)} movies, {len(ratings)} ratings)"
        )
    return Snapshot(variant=manifest.get("variant", "unknown"), catalog=catalog, ratings=ratings)
