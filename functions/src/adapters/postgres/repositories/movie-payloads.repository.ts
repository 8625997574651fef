/**
 * The index payload (TMDB id, genres, year, recommendable) of movies, looked up by id one batch at
 * a time, and a digest of every movie's payload so load-embeddings can tell when they changed.
 */
import { sql } from 'kysely';
import type { MoviePayload } from '../../../core/ingestion/ingestion.port.js';
import { DEFAULT_RECOMMENDABLE_RULE, type RecommendableRule } from '../../../core/catalog/recommendable.js';
import type { Db } from '../database.js';
import { recommendableSql } from './recommendable.sql.js';

/** Payloads of the movies with these ids; ids without a movie are absent from the map. */
export async function moviePayloads(
  db: Db,
  movieIds: readonly number[],
  rule: RecommendableRule = DEFAULT_RECOMMENDABLE_RULE,
): Promise<Map<number, MoviePayload>> {
  if (movieIds.length === 0) return new Map();
  const result = await sql<{
    id: number;
    tmdb_id: number | null;
    genres: string[];
    year: number | null;
    recommendable: boolean;
  }>`
    select m.id, m.tmdb_id, m.genres, m.year, ${recommendableSql(rule)} as recommendable
    from movies m left join movie_rating_stats s on s.movie_id = m.id
    where m.id = any(${[...movieIds]}::int[])`.execute(db);
  return new Map(
    result.rows.map((r) => [
      r.id,
      { tmdbId: r.tmdb_id, genres: r.genres, year: r.year, recommendable: r.recommendable },
    ]),
  );
}

/** A hash of every movie's payload: it changes when any payload would (metadata, ratings crossing the rule). */
export async function moviePayloadsDigest(
  db: Db,
  rule: RecommendableRule = DEFAULT_RECOMMENDABLE_RULE,
): Promise<string> {
  const result = await sql<{ digest: string | null }>`
    select md5(string_agg(concat_ws(':', m.id, coalesce(m.tmdb_id::text, '-'), array_to_string(m.genres, ','), coalesce(m.year::text, '-'), ${recommendableSql(rule)}), ';' order by m.id)) as digest
    from movies m left join movie_rating_stats s on s.movie_id = m.id`.execute(db);
  return result.rows[0]?.digest ?? 'empty';
}
