import { sql } from 'kysely';
import type { Db } from '../database.js';
import { countUpsert, type WriteCounts } from './write-counts.js';

export interface RatingWrite {
  userId: number;
  movieId: number;
  rating: number;
  /** Unix seconds. */
  ratedAt: number;
}

/**
 * Upserts a batch of ratings (one row per user and movie) as four array parameters. Within one
 * statement a key may appear only once, so callers pass batches without repeated pairs. Whole files
 * go through rating-staging.ts instead (COPY, then one merge).
 */
export async function upsertRatings(db: Db, ratings: RatingWrite[]): Promise<WriteCounts> {
  if (ratings.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  const upsert = sql`
    insert into ratings (user_id, movie_id, rating, rated_at)
    select user_id, movie_id, rating, to_timestamp(rated_at)
    from unnest(${ratings.map((r) => r.userId)}::int[], ${ratings.map((r) => r.movieId)}::int[],
                ${ratings.map((r) => r.rating)}::real[], ${ratings.map((r) => r.ratedAt)}::float8[])
      as x(user_id, movie_id, rating, rated_at)
    on conflict (user_id, movie_id) do update set rating = excluded.rating, rated_at = excluded.rated_at
    where (ratings.rating, ratings.rated_at) is distinct from (excluded.rating, excluded.rated_at)
    returning (xmax = 0) as inserted`;
  return countUpsert(db, upsert, ratings.length);
}

export interface StoredRating {
  userId: number;
  movieId: number;
  rating: number;
  /** Unix seconds. */
  ratedAt: number;
}

/**
 * Every rating in (user, time, movie) order, fetched in keyset pages so memory stays flat whatever
 * the table's size and whichever driver (PGlite cannot stream a cursor).
 */
export async function* ratingsInUserTimeOrder(db: Db, pageSize = 50_000): AsyncGenerator<StoredRating[]> {
  let after: { userId: number; ratedAt: number; movieId: number } | null = null;
  for (;;) {
    const page: { rows: StoredRating[] } = await sql<StoredRating>`
      select user_id as "userId", movie_id as "movieId", rating,
             extract(epoch from rated_at)::float8 as "ratedAt"
      from ratings
      where ${after === null ? sql`true` : sql`(user_id, rated_at, movie_id) > (${after.userId}, to_timestamp(${after.ratedAt}), ${after.movieId})`}
      order by user_id, rated_at, movie_id
      limit ${pageSize}`.execute(db);
    if (page.rows.length === 0) return;
    yield page.rows;
    const last = page.rows[page.rows.length - 1] as StoredRating;
    after = { userId: last.userId, ratedAt: last.ratedAt, movieId: last.movieId };
  }
}
