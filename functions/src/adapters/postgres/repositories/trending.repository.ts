/**
 * Trending snapshots: the database computes each movie's decayed, weighted rating activity (see
 * core/trending for the policy) and stores the ranked list; the API reads the newest snapshot.
 */
import { sql } from 'kysely';
import { CodedError } from '../../../core/errors.js';
import {
  MAX_DECAY_HALF_LIVES,
  TRENDING_SNAPSHOTS_KEPT,
  ratingWeightTable,
  trendingOptions,
  type TrendingOptions,
} from '../../../core/trending/trending-options.js';
import {
  chooseTrendingWindow,
  type RatingTimeRange,
  type TrendingWindow,
} from '../../../core/trending/trending-window.js';
import type {
  TrendingPage,
  TrendingQuery,
  TrendingRefresh,
  TrendingStore,
} from '../../../core/trending/trending.port.js';
import { DEFAULT_RECOMMENDABLE_RULE, type RecommendableRule } from '../../../core/catalog/recommendable.js';
import type { Db } from '../database.js';
import { recommendableSql } from './recommendable.sql.js';

const timestamp = (date: Date) => sql`${date.toISOString()}::timestamptz`;

async function ratingTimeRange(db: Db): Promise<RatingTimeRange | null> {
  const result = await sql<{ oldest: Date | null; newest: Date | null }>`
    select min(rated_at) as oldest, max(rated_at) as newest from ratings`.execute(db);
  const row = result.rows[0];
  return row?.oldest && row.newest ? { oldest: new Date(row.oldest), newest: new Date(row.newest) } : null;
}

/** The window's ratings of recommendable movies (core/catalog/recommendable.ts): only those may trend. */
function windowRatings(start: Date, rule: RecommendableRule) {
  return sql`ratings r join movies m on m.id = r.movie_id left join movie_rating_stats s on s.movie_id = r.movie_id
    where r.rated_at >= ${timestamp(start)} and ${recommendableSql(rule)}`;
}

async function eligibleMovies(db: Db, start: Date, minRatings: number, rule: RecommendableRule): Promise<number> {
  const result = await sql<{ movies: number }>`
    select count(*)::int as movies from (
      select r.movie_id from ${windowRatings(start, rule)}
      group by r.movie_id having count(*) >= ${minRatings}) eligible`.execute(db);
  return result.rows[0]?.movies ?? 0;
}

/**
 * Ranks the window's movies and stores the best `size` under the snapshot, in one statement: the
 * weight of a rating is looked up by `rating * 2` (0.5 … 5.0 → 1 … 10) in the core's table, and the
 * decay is computed in float8 before the score is stored as real.
 */
async function insertItems(
  db: Db,
  snapshotId: number,
  window: TrendingWindow,
  options: TrendingOptions,
  rule: RecommendableRule,
): Promise<void> {
  const halfLifeSeconds = options.halfLifeDays * 86_400;
  await sql`
    insert into trending_items (snapshot_id, rank, movie_id, score, rating_count)
    select ${snapshotId}, row_number() over (order by score desc, rating_count desc, movie_id), movie_id, score, rating_count
    from (
      select r.movie_id, count(*)::int as rating_count,
        sum((${ratingWeightTable()}::float8[])[(r.rating * 2)::int] * power(0.5::float8, least(${MAX_DECAY_HALF_LIVES}::float8,
          greatest(0, extract(epoch from ${timestamp(window.end)} - r.rated_at)::float8) / ${halfLifeSeconds}::float8))) as score
      from ${windowRatings(window.start, rule)}
      group by r.movie_id
      having count(*) >= ${options.minRatings}
      order by score desc, rating_count desc, movie_id
      limit ${options.size}
    ) ranked`.execute(db);
}

async function pruneSnapshots(db: Db): Promise<void> {
  await sql`
    delete from trending_snapshots
    where id not in (select id from trending_snapshots order by id desc limit ${TRENDING_SNAPSHOTS_KEPT})`.execute(db);
}

/**
 * Computes a new snapshot from the ratings and stores it, deleting all but the newest
 * TRENDING_SNAPSHOTS_KEPT, in one transaction: a failure leaves the previous snapshots as they were.
 * Only recommendable movies trend; the rule reads movie_rating_stats, so refresh that first.
 */
export async function refreshTrending(
  db: Db,
  input: Partial<TrendingOptions> = {},
  rule: RecommendableRule = DEFAULT_RECOMMENDABLE_RULE,
): Promise<TrendingRefresh> {
  const options = trendingOptions(input);
  return db.transaction().execute(async (trx) => {
    const range = await ratingTimeRange(trx);
    if (!range)
      throw new CodedError('unprocessable', 'trending needs ratings, and the database has none (run load-ratings)');
    const window = await chooseTrendingWindow(range, options, (start) =>
      eligibleMovies(trx, start, options.minRatings, rule),
    );
    const { id } = await trx
      .insertInto('trending_snapshots')
      .values({ window_start: window.start, window_end: window.end, half_life_days: options.halfLifeDays })
      .returning('id')
      .executeTakeFirstOrThrow();
    await insertItems(trx, id, window, options, rule);
    await pruneSnapshots(trx);
    const items = await trx
      .selectFrom('trending_items as t')
      .innerJoin('movies as m', 'm.id', 't.movie_id')
      .select(['t.rank', 't.movie_id as movieId', 'm.title', 't.score', 't.rating_count as ratingCount'])
      .where('t.snapshot_id', '=', id)
      .orderBy('t.rank')
      .execute();
    return { snapshotId: id, windowStart: window.start, windowEnd: window.end, windowDays: window.days, items };
  });
}

function checkPage(query: TrendingQuery): void {
  if (!Number.isInteger(query.limit) || query.limit < 1)
    throw new CodedError('invalid_input', `limit must be a whole number ≥ 1, got ${query.limit}`);
  if (!Number.isInteger(query.offset) || query.offset < 0)
    throw new CodedError('invalid_input', `offset must be a whole number ≥ 0, got ${query.offset}`);
}

/** A page of the newest snapshot, best first, optionally only one genre's movies. */
export async function latestTrending(db: Db, query: TrendingQuery): Promise<TrendingPage> {
  checkPage(query);
  const snapshot = await db
    .selectFrom('trending_snapshots')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!snapshot) return { snapshot: null, items: [], total: 0 };
  const matching = db
    .selectFrom('trending_items as t')
    .where('t.snapshot_id', '=', snapshot.id)
    .$if(query.genre !== undefined, (q) =>
      q.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('movies as m')
            .whereRef('m.id', '=', 't.movie_id')
            .where(sql<boolean>`m.genres @> array[${query.genre}]::text[]`),
        ),
      ),
    );
  const items = await matching
    .select(['t.movie_id as movieId', 't.score', 't.rating_count as ratingCount', 't.rank'])
    .orderBy('t.rank')
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  const { total } = await matching.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  return {
    snapshot: {
      id: snapshot.id,
      windowStart: snapshot.window_start,
      windowEnd: snapshot.window_end,
      halfLifeDays: snapshot.half_life_days,
      computedAt: snapshot.computed_at,
    },
    items,
    total,
  };
}

export function trendingStore(db: Db, rule: RecommendableRule): TrendingStore {
  return { latest: (query) => latestTrending(db, query), refresh: (options) => refreshTrending(db, options, rule) };
}
