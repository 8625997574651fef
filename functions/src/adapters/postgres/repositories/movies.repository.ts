/** Bulk writes and lookups of the movie catalog. */
import { sql } from 'kysely';
import { catalogMovieFromMetadata, type CatalogMovie } from '../../../core/catalog/catalog-movie.js';
import type { MovieMetadata } from '../../../core/catalog/movie-metadata.js';
import type { Db } from '../database.js';
import { countUpsert, type WriteCounts } from './write-counts.js';

/** Columns filled from metadata; a TMDB API fetch is never overwritten by an older snapshot. */
const METADATA_COLUMNS = [
  'imdb_id',
  'overview',
  'tagline',
  'runtime',
  'poster_path',
  'backdrop_path',
  'vote_average',
  'vote_count',
  'popularity',
  'keywords',
  'metadata_source',
] as const;
const IDENTITY_COLUMNS = ['title', 'alternate_titles', 'year', 'genres'] as const;
const COLUMNS = ['movielens_id', 'tmdb_id', ...IDENTITY_COLUMNS, ...METADATA_COLUMNS] as const;

const RECORD_TYPES = `movielens_id int, tmdb_id int, imdb_id text, title text, alternate_titles text[], year int, genres text[],
  overview text, tagline text, runtime int, poster_path text, backdrop_path text, vote_average real,
  vote_count int, popularity real, keywords text[], metadata_source text`;

function toRecord(movie: CatalogMovie) {
  return {
    movielens_id: movie.movielensId,
    tmdb_id: movie.tmdbId,
    imdb_id: movie.imdbId,
    title: movie.title,
    alternate_titles: movie.alternateTitles,
    year: movie.year,
    genres: movie.genres,
    overview: movie.overview,
    tagline: movie.tagline,
    runtime: movie.runtime,
    poster_path: movie.posterPath,
    backdrop_path: movie.backdropPath,
    vote_average: movie.voteAverage,
    vote_count: movie.voteCount,
    popularity: movie.popularity,
    keywords: movie.keywords,
    metadata_source: movie.metadataSource,
  };
}

/** API metadata records when it was fetched, so stale entries can be refreshed. */
const FETCHED_NOW = `case when metadata_source = 'tmdb' then now() end`;

const keepApiMetadata = `movies.metadata_source = 'tmdb' and excluded.metadata_source is distinct from 'tmdb'`;

function assignment(column: string, updatable: readonly string[]): string {
  if (!updatable.includes(column)) return `movies.${column}`;
  if ((METADATA_COLUMNS as readonly string[]).includes(column)) {
    return `case when ${keepApiMetadata} then movies.${column} else excluded.${column} end`;
  }
  return `excluded.${column}`;
}

/** One statement per batch: rows arrive as one jsonb parameter, which every driver passes alike. */
function upsertStatement(
  movies: CatalogMovie[],
  conflictColumn: 'movielens_id' | 'tmdb_id',
  updatable: readonly string[],
  guard: string,
) {
  const next = COLUMNS.map((c) => assignment(c, updatable));
  const set = COLUMNS.map((c, i) => `${c} = ${next[i]}`).join(', ');
  const current = COLUMNS.map((c) => `movies.${c}`).join(', ');
  return sql`
    insert into movies (${sql.raw(COLUMNS.join(', '))}, metadata_fetched_at)
    select ${sql.raw(COLUMNS.join(', '))}, ${sql.raw(FETCHED_NOW)}
    from jsonb_to_recordset(${JSON.stringify(movies.map(toRecord))}::jsonb) as x(${sql.raw(RECORD_TYPES)})
    on conflict (${sql.raw(conflictColumn)}) do update set ${sql.raw(set)},
      metadata_fetched_at = coalesce(excluded.metadata_fetched_at, movies.metadata_fetched_at)
    where ${sql.raw(guard)} and (${sql.raw(current)}) is distinct from (${sql.raw(next.join(', '))})
    returning (xmax = 0) as inserted`;
}

/**
 * Upserts MovieLens movies by MovieLens id. A row that so far was a TMDB-only movie with the same
 * TMDB id is adopted (it gains the MovieLens id and keeps its own id), so a movie stays one row.
 */
export async function upsertMovieLensMovies(db: Db, movies: CatalogMovie[]): Promise<WriteCounts> {
  if (movies.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  await sql`
    update movies set movielens_id = x.movielens_id
    from jsonb_to_recordset(${JSON.stringify(movies.map((m) => ({ movielens_id: m.movielensId, tmdb_id: m.tmdbId })))}::jsonb)
      as x(movielens_id int, tmdb_id int)
    where movies.movielens_id is null and x.tmdb_id is not null and movies.tmdb_id = x.tmdb_id`.execute(db);
  return countUpsert(db, upsertStatement(movies, 'movielens_id', COLUMNS, 'true'), movies.length);
}

/**
 * Upserts movies only TMDB knows, by TMDB id. A TMDB id that already belongs to a MovieLens movie
 * is left as it is: that movie's row is owned by the MovieLens load.
 */
export async function upsertTmdbOnlyMovies(db: Db, movies: CatalogMovie[]): Promise<WriteCounts> {
  if (movies.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  const updatable = [...IDENTITY_COLUMNS, ...METADATA_COLUMNS];
  return countUpsert(db, upsertStatement(movies, 'tmdb_id', updatable, 'movies.movielens_id is null'), movies.length);
}

/** MovieLens id → the project's movie id, for every MovieLens movie loaded. */
export async function movieIdsByMovieLensId(db: Db): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('movies')
    .select(['id', 'movielens_id'])
    .where('movielens_id', 'is not', null)
    .execute();
  return new Map(rows.map((r) => [r.movielens_id as number, r.id]));
}

/**
 * Stores metadata fetched from the TMDB API on the movies with those TMDB ids. MovieLens movies keep
 * their year and genres (the model's vocabulary); TMDB-only movies take TMDB's. Returns rows updated.
 */
export async function applyApiMetadata(db: Db, items: MovieMetadata[]): Promise<number> {
  if (items.length === 0) return 0;
  const records = items.map((m) => ({ ...toRecord(catalogMovieFromMetadata(m, 'tmdb')), movielens_id: undefined }));
  const metadataSet = METADATA_COLUMNS.map((c) => `${c} = x.${c}`).join(', ');
  const result = await sql`
    update movies set ${sql.raw(metadataSet)}, title = x.title,
      year = case when movies.movielens_id is null then x.year else movies.year end,
      genres = case when movies.movielens_id is null then x.genres else movies.genres end,
      metadata_fetched_at = now()
    from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as x(${sql.raw(RECORD_TYPES)})
    where movies.tmdb_id = x.tmdb_id`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

export interface MetadataTarget {
  tmdbId: number;
  title: string;
}

/** Movies with a TMDB id whose metadata never came from the API, or came before `staleBefore`. */
export async function moviesNeedingApiMetadata(
  db: Db,
  options: { staleBefore?: Date; limit: number },
): Promise<MetadataTarget[]> {
  const rows = await db
    .selectFrom('movies')
    .select(['tmdb_id', 'title'])
    .where('tmdb_id', 'is not', null)
    .where((eb) => {
      const neverFetched = eb('metadata_fetched_at', 'is', null);
      return options.staleBefore
        ? eb.or([neverFetched, eb('metadata_fetched_at', '<', options.staleBefore)])
        : neverFetched;
    })
    .orderBy('movielens_id', (ob) => ob.asc().nullsLast())
    .orderBy('tmdb_id')
    .limit(options.limit)
    .execute();
  return rows.map((r) => ({ tmdbId: r.tmdb_id as number, title: r.title }));
}

/** Which of these TMDB ids have no movie row yet. */
export async function unknownTmdbIds(db: Db, tmdbIds: number[]): Promise<number[]> {
  if (tmdbIds.length === 0) return [];
  const result = await sql<{ id: number }>`
    select x.id from unnest(${tmdbIds}::int[]) as x(id)
    where not exists (select 1 from movies where movies.tmdb_id = x.id)`.execute(db);
  return result.rows.map((r) => r.id);
}
