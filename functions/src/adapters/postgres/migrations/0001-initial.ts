/**
 * The initial schema. One id space: every movie has the project's own id, and its MovieLens and TMDB
 * ids are unique nullable attributes, so a movie known to both is one row and a TMDB-only movie fits.
 */
import { sql, type Kysely } from 'kysely';

const statements = [
  `create extension if not exists pg_trgm`,
  `create table movies (
    id integer generated always as identity primary key,
    movielens_id integer unique,
    tmdb_id integer unique,
    imdb_id text,
    title text not null check (title <> ''),
    year smallint check (year between 1800 and 2200),
    genres text[] not null default '{}',
    overview text,
    tagline text,
    runtime integer check (runtime >= 0),
    poster_path text,
    backdrop_path text,
    vote_average real check (vote_average between 0 and 10),
    vote_count integer check (vote_count >= 0),
    popularity real check (popularity >= 0),
    keywords text[] not null default '{}',
    metadata_source text check (metadata_source in ('snapshot', 'tmdb')),
    metadata_fetched_at timestamptz,
    constraint movies_has_external_id check (movielens_id is not null or tmdb_id is not null)
  )`,
  `create index movies_title_trgm on movies using gin (lower(title) gin_trgm_ops)`,
  `create index movies_genres on movies using gin (genres)`,
  `create table users (
    id integer generated always as identity primary key,
    movielens_id integer unique,
    kind text not null check (kind in ('movielens', 'cold_start')),
    token_hash text unique,
    preferred_genres text[] not null default '{}',
    created_at timestamptz not null default now(),
    constraint users_movielens_has_id check ((kind = 'movielens') = (movielens_id is not null)),
    constraint users_cold_start_has_token check ((kind = 'cold_start') = (token_hash is not null))
  )`,
  `create table ratings (
    user_id integer not null references users (id) on delete cascade,
    movie_id integer not null references movies (id) on delete cascade,
    rating real not null check (rating between 0.5 and 5 and rating * 2 = round(rating * 2)),
    rated_at timestamptz not null,
    primary key (user_id, movie_id)
  )`,
  `create index ratings_movie on ratings (movie_id)`,
  `create index ratings_rated_at on ratings (rated_at)`,
  `create table trending_snapshots (
    id integer generated always as identity primary key,
    window_start timestamptz not null,
    window_end timestamptz not null,
    half_life_days real not null check (half_life_days > 0),
    computed_at timestamptz not null default now(),
    check (window_start <= window_end)
  )`,
  `create table trending_items (
    snapshot_id integer not null references trending_snapshots (id) on delete cascade,
    rank integer not null check (rank >= 1),
    movie_id integer not null references movies (id) on delete cascade,
    score real not null,
    rating_count integer not null,
    primary key (snapshot_id, rank),
    unique (snapshot_id, movie_id)
  )`,
  `create table ingestion_checkpoints (
    job text primary key,
    source_fingerprint text not null,
    position bigint not null default 0,
    total bigint,
    completed_at timestamptz,
    updated_at timestamptz not null default now()
  )`,
  `create table dataset_loads (
    dataset text not null,
    step text not null,
    source text not null,
    counts jsonb not null,
    loaded_at timestamptz not null default now(),
    primary key (dataset, step)
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'dataset_loads',
    'ingestion_checkpoints',
    'trending_items',
    'trending_snapshots',
    'ratings',
    'users',
    'movies',
  ]) {
    await sql.raw(`drop table if exists ${table}`).execute(db);
  }
}
