/** The index payload (TMDB id, genres, year) of movies, looked up by id one batch at a time. */
import { sql } from 'kysely';
import type { MoviePayload } from '../../../core/ingestion/ingestion.port.js';
import type { Db } from '../database.js';

/** Payloads of the movies with these ids; ids without a movie are absent from the map. */
export async function moviePayloads(db: Db, movieIds: readonly number[]): Promise<Map<number, MoviePayload>> {
  if (movieIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('movies')
    .select(['id', 'tmdb_id', 'genres', 'year'])
    .where(sql<boolean>`id = any(${[...movieIds]}::int[])`)
    .execute();
  return new Map(rows.map((r) => [r.id, { tmdbId: r.tmdb_id, genres: r.genres, year: r.year }]));
}
