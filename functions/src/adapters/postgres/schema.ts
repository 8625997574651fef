/** Row types of the Postgres schema (see migrations/), as Kysely sees them. */
import type { ColumnType, Generated, Insertable, Kysely, Selectable } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface MoviesTable {
  id: Generated<number>;
  movielens_id: number | null;
  tmdb_id: number | null;
  imdb_id: string | null;
  title: string;
  /** Other titles the movie is known by; searched with `title`. */
  alternate_titles: ColumnType<string[], string[] | undefined, string[]>;
  /** Generated: every title, normalised for search (see migration 0004). */
  search_text: ColumnType<string, never, never>;
  year: number | null;
  genres: string[];
  overview: string | null;
  tagline: string | null;
  runtime: number | null;
  poster_path: string | null;
  backdrop_path: string | null;
  vote_average: number | null;
  vote_count: number | null;
  popularity: number | null;
  keywords: string[];
  metadata_source: 'snapshot' | 'tmdb' | null;
  metadata_fetched_at: Date | null;
}

export type UserKind = 'movielens' | 'cold_start';

export interface UsersTable {
  id: Generated<number>;
  movielens_id: number | null;
  kind: UserKind;
  token_hash: string | null;
  preferred_genres: ColumnType<string[], string[] | undefined, string[]>;
  created_at: CreatedAt;
  /** Bumped by triggers on every write to the user's ratings. */
  history_version: ColumnType<string, never, never>;
  /** Kept by the same triggers (migration 0007). */
  rating_count: ColumnType<number, never, never>;
}

export interface RatingsTable {
  user_id: number;
  movie_id: number;
  rating: number;
  rated_at: Date;
}

export interface TrendingSnapshotsTable {
  id: Generated<number>;
  window_start: Date;
  window_end: Date;
  half_life_days: number;
  computed_at: CreatedAt;
}

export interface TrendingItemsTable {
  snapshot_id: number;
  rank: number;
  movie_id: number;
  score: number;
  rating_count: number;
}

export interface IngestionCheckpointsTable {
  job: string;
  source_fingerprint: string;
  position: number;
  total: number | null;
  completed_at: Date | null;
  updated_at: CreatedAt;
}

export interface DatasetLoadsTable {
  dataset: string;
  step: string;
  source: string;
  counts: ColumnType<Record<string, number>, string, string>;
  loaded_at: CreatedAt;
}

/** A materialized view (migration 0002); refresh with refreshMovieRatingStats. */
export interface MovieRatingStatsView {
  movie_id: number;
  rating_count: number;
  average_rating: number;
}

/** One row (migration 0006): bumped by every write to movies and every rating-figures refresh. */
export interface CatalogVersionTable {
  only_row: Generated<boolean>;
  version: string;
}

/** 32 counters (migration 0008) whose sum changes with every committed write to users. */
export interface UserListVersionTable {
  shard: number;
  version: string;
}

export interface Schema {
  movies: MoviesTable;
  users: UsersTable;
  ratings: RatingsTable;
  trending_snapshots: TrendingSnapshotsTable;
  trending_items: TrendingItemsTable;
  ingestion_checkpoints: IngestionCheckpointsTable;
  dataset_loads: DatasetLoadsTable;
  movie_rating_stats: MovieRatingStatsView;
  catalog_version: CatalogVersionTable;
  user_list_version: UserListVersionTable;
}

export type MovieRow = Selectable<MoviesTable>;
export type NewMovie = Insertable<MoviesTable>;
export type UserRow = Selectable<UsersTable>;

/** The typed database every repository is written against (database.ts opens it). */
export type Db = Kysely<Schema>;
