/**
 * The bulk rating load: every line of a ratings file is COPYed into a temporary staging table, then
 * one set-based statement merges the staged lines into `ratings`. Both run in the caller's
 * transaction; the staging table is dropped when it ends, so a failed load leaves nothing behind.
 */
import { sql } from 'kysely';
import type { Db } from '../database.js';
import { copyRows, type CopyTarget } from '../drivers/copy.js';
import type { WriteCounts } from './write-counts.js';

/** One line of the file: its MovieLens user (its row may not exist yet) and the catalog's movie id. */
export interface StagedRating {
  /** Line number in the file: when a (user, movie) pair repeats, the later line wins. */
  line: number;
  movielensUserId: number;
  movieId: number;
  rating: number;
  /** Unix seconds. */
  ratedAt: number;
}

const STAGING: CopyTarget = {
  table: 'rating_staging',
  columns: ['line', 'movielens_user_id', 'movie_id', 'rating', 'rated_at'],
};

/** Creates the staging table for this transaction (temporary: not WAL-logged, private, dropped at commit). */
export async function createRatingStaging(db: Db): Promise<void> {
  await sql`create temporary table rating_staging (
      line integer not null,
      movielens_user_id integer not null,
      movie_id integer not null,
      rating real not null,
      rated_at float8 not null
    ) on commit drop`.execute(db);
}

/** COPY text format: fields are plain numbers, so nothing needs escaping. */
async function* copyText(batches: AsyncIterable<readonly StagedRating[]>): AsyncGenerator<string> {
  for await (const batch of batches) {
    let text = '';
    for (const r of batch) text += `${r.line}\t${r.movielensUserId}\t${r.movieId}\t${r.rating}\t${r.ratedAt}\n`;
    yield text;
  }
}

/** Streams the batches into the staging table; returns how many lines it staged. */
export async function stageRatings(db: Db, batches: AsyncIterable<readonly StagedRating[]>): Promise<number> {
  return copyRows(db, STAGING, copyText(batches));
}

/**
 * Merges the staged lines into `ratings` in one statement: the last line of each (user, movie) pair,
 * sorted by the primary key so the index fills in order. Pairs already stored as given are left
 * alone, so they fire no history-version trigger; the counts are over distinct pairs. Every staged
 * user must exist by now (the join would drop a missing one's lines).
 */
export async function mergeStagedRatings(db: Db): Promise<WriteCounts> {
  // The sort of every staged line is this statement's main cost: give it memory instead of temp files.
  await sql`set local work_mem = '256MB'`.execute(db);
  const result = await sql<{ pairs: number; inserted: number; updated: number }>`
    with pairs as materialized (
      select distinct on (u.id, s.movie_id) u.id as user_id, s.movie_id, s.rating, to_timestamp(s.rated_at) as rated_at
      from rating_staging s join users u on u.movielens_id = s.movielens_user_id
      order by u.id, s.movie_id, s.line desc
    ), upserted as (
      insert into ratings (user_id, movie_id, rating, rated_at)
      select user_id, movie_id, rating, rated_at from pairs
      on conflict (user_id, movie_id) do update set rating = excluded.rating, rated_at = excluded.rated_at
      where (ratings.rating, ratings.rated_at) is distinct from (excluded.rating, excluded.rated_at)
      returning (xmax = 0) as inserted
    )
    select (select count(*) from pairs)::int as pairs,
           (count(*) filter (where inserted))::int as inserted,
           (count(*) filter (where not inserted))::int as updated
    from upserted`.execute(db);
  const { pairs = 0, inserted = 0, updated = 0 } = result.rows[0] ?? {};
  return { inserted, updated, unchanged: pairs - inserted - updated };
}
