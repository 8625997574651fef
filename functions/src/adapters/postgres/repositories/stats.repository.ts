import { sql } from 'kysely';
import { CodedError } from '../../../core/errors.js';
import type { Db } from '../database.js';

export interface TableCounts {
  movies: number;
  movielensMovies: number;
  tmdbOnlyMovies: number;
  moviesWithOverview: number;
  users: number;
  movielensUsers: number;
  coldStartUsers: number;
  ratings: number;
}

/** Row counts of the catalog, users and ratings, in one round trip. */
export async function tableCounts(db: Db): Promise<TableCounts> {
  const result = await sql<TableCounts>`
    select
      (select count(*) from movies)::int as "movies",
      (select count(*) from movies where movielens_id is not null)::int as "movielensMovies",
      (select count(*) from movies where movielens_id is null)::int as "tmdbOnlyMovies",
      (select count(*) from movies where overview is not null)::int as "moviesWithOverview",
      (select count(*) from users)::int as "users",
      (select count(*) from users where kind = 'movielens')::int as "movielensUsers",
      (select count(*) from users where kind = 'cold_start')::int as "coldStartUsers",
      (select count(*) from ratings)::int as "ratings"`.execute(db);
  const row = result.rows[0];
  if (!row) throw new Error('count query returned no row');
  return row;
}

/** The metadata fields whose coverage `stats` reports. */
export const COVERAGE_FIELDS = ['overview', 'posterPath', 'backdropPath', 'runtime', 'tagline', 'keywords'] as const;
export type CoverageField = (typeof COVERAGE_FIELDS)[number];

export interface FieldCoverage {
  count: number;
  /** Of the movies counted, rounded to 0.1. */
  percent: number;
}

export interface MovieCoverage {
  movies: number;
  fields: Record<CoverageField, FieldCoverage>;
}

export interface MetadataCoverage {
  movielens: MovieCoverage;
  all: MovieCoverage;
}

type CoverageRow = { movielens: boolean; movies: number } & Record<CoverageField, number>;

function coverageOf(rows: readonly CoverageRow[]): MovieCoverage {
  const movies = rows.reduce((sum, r) => sum + r.movies, 0);
  const field = (name: CoverageField): FieldCoverage => {
    const count = rows.reduce((sum, r) => sum + r[name], 0);
    return { count, percent: movies === 0 ? 0 : Math.round((1000 * count) / movies) / 10 };
  };
  return {
    movies,
    fields: Object.fromEntries(COVERAGE_FIELDS.map((name) => [name, field(name)])) as MovieCoverage['fields'],
  };
}

/** How many movies have each metadata field, for MovieLens movies and for the whole catalog. */
export async function metadataCoverage(db: Db): Promise<MetadataCoverage> {
  const result = await sql<CoverageRow>`
    select
      movielens_id is not null as "movielens",
      count(*)::int as "movies",
      count(overview)::int as "overview",
      count(poster_path)::int as "posterPath",
      count(backdrop_path)::int as "backdropPath",
      count(runtime)::int as "runtime",
      count(tagline)::int as "tagline",
      (count(*) filter (where cardinality(keywords) > 0))::int as "keywords"
    from movies
    group by 1`.execute(db);
  return { movielens: coverageOf(result.rows.filter((r) => r.movielens)), all: coverageOf(result.rows) };
}

export interface DatasetLoad {
  dataset: string;
  step: string;
  source: string;
  counts: Record<string, number>;
  loadedAt: Date;
}

/** Remembers what was loaded from where, so `start` knows what is already prepared. */
export async function recordDatasetLoad(db: Db, load: Omit<DatasetLoad, 'loadedAt'>): Promise<void> {
  await db
    .insertInto('dataset_loads')
    .values({ dataset: load.dataset, step: load.step, source: load.source, counts: JSON.stringify(load.counts) })
    .onConflict((oc) =>
      oc.columns(['dataset', 'step']).doUpdateSet((eb) => ({
        source: eb.ref('excluded.source'),
        counts: eb.ref('excluded.counts'),
        loaded_at: sql<Date>`now()`,
      })),
    )
    .execute();
}

export async function datasetLoads(db: Db): Promise<DatasetLoad[]> {
  const rows = await db.selectFrom('dataset_loads').selectAll().orderBy('loaded_at').execute();
  return rows.map((r) => ({
    dataset: r.dataset,
    step: r.step,
    source: r.source,
    counts: r.counts,
    loadedAt: r.loaded_at,
  }));
}

/**
 * MovieLens user and movie ids mean different things in different releases (ml-100k's item 2 is
 * not ml-latest's movie 2), so one database holds one release. Throws when another is loaded.
 */
export async function assertSingleRelease(db: Db, dataset: string): Promise<void> {
  const other = await db
    .selectFrom('dataset_loads')
    .select('dataset')
    .where('dataset', '!=', dataset)
    .executeTakeFirst();
  if (other) {
    throw new CodedError(
      'conflict',
      `this database holds ${other.dataset}; load ${dataset} into a fresh one (another PGLITE_DIR or DATABASE_URL)`,
    );
  }
}
