/** The core's UserStore over Postgres (any driver). */
import { sql, type Selectable } from 'kysely';
import { pageOf } from '../../../core/paging.js';
import type { UserListQuery, UserRecord, UserStatistics, UserStore } from '../../../core/users/users.port.js';
import type { Db } from '../database.js';
import type { UsersTable } from '../schema.js';
import { toMovieRecord } from './catalog.store.js';
import { userSummaryParts } from './user-summaries.js';

const RATING_VALUES = Array.from({ length: 10 }, (_, i) => (i + 1) / 2);

function toUserRecord(row: Selectable<UsersTable>): UserRecord {
  return {
    id: row.id,
    kind: row.kind,
    movielensId: row.movielens_id,
    tokenHash: row.token_hash,
    preferredGenres: row.preferred_genres,
    createdAt: row.created_at,
  };
}

async function listUsers(db: Db, summaryParts: ReturnType<typeof userSummaryParts>, query: UserListQuery) {
  const search = query.search?.trim();
  const base = db
    .selectFrom('users as u')
    .$if(Boolean(search), (qb) =>
      qb.where(sql<boolean>`(u.id::text like ${`${search}%`} or u.movielens_id::text like ${`${search}%`})`),
    )
    .$if(query.kind !== undefined, (qb) => qb.where('u.kind', '=', query.kind!));
  const [rows, count] = await Promise.all([
    base
      .select(['u.id', 'u.kind', 'u.movielens_id', 'u.rating_count'])
      .select(sql<string>`u.history_version::text`.as('version'))
      .$if(query.sort === 'ratings', (qb) => qb.orderBy('u.rating_count', 'desc'))
      .orderBy('u.id')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const parts = await summaryParts(rows.map((r) => ({ id: r.id, version: r.version })));
  const items = rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    movielensId: r.movielens_id,
    ratingCount: r.rating_count,
    ...parts.get(r.id)!,
  }));
  return pageOf(items, query, Number(count.n));
}

async function statistics(db: Db, userId: number): Promise<UserStatistics> {
  const [totals, distribution, genres, activity] = await Promise.all([
    sql<{ n: number; mean: number | null; first: Date | null; last: Date | null }>`
      select count(*)::integer as n, avg(rating)::float8 as mean, min(rated_at) as first, max(rated_at) as last
      from ratings where user_id = ${userId}`.execute(db),
    sql<{ rating: number; count: number }>`
      select rating::float8 as rating, count(*)::integer as count from ratings where user_id = ${userId} group by rating`.execute(
      db,
    ),
    sql<{ genre: string; count: number; averageRating: number }>`
      select g as genre, count(*)::integer as count, avg(r.rating)::float8 as "averageRating"
      from ratings r join movies m on m.id = r.movie_id, unnest(m.genres) g
      where r.user_id = ${userId} group by g order by count desc, g limit 10`.execute(db),
    sql<{ month: string; count: number }>`
      select to_char(date_trunc('month', rated_at at time zone 'UTC'), 'YYYY-MM') as month, count(*)::integer as count
      from ratings where user_id = ${userId} group by 1 order by 1`.execute(db),
  ]);
  const total = totals.rows[0]!;
  const byValue = new Map(distribution.rows.map((r) => [r.rating, r.count]));
  return {
    ratingCount: total.n,
    averageRating: total.mean,
    firstRatedAt: total.first,
    lastRatedAt: total.last,
    distribution: RATING_VALUES.map((rating) => ({ rating, count: byValue.get(rating) ?? 0 })),
    topGenres: genres.rows,
    activity: activity.rows,
  };
}

export function createUserStore(db: Db): UserStore {
  const summaryParts = userSummaryParts(db);
  return {
    listUsers: (query) => listUsers(db, summaryParts, query),

    async userById(id) {
      const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toUserRecord(row) : null;
    },

    createColdStartUser({ tokenHash, preferredGenres, ratings }) {
      return db.transaction().execute(async (trx) => {
        const user = await trx
          .insertInto('users')
          .values({ kind: 'cold_start', movielens_id: null, token_hash: tokenHash, preferred_genres: preferredGenres })
          .returningAll()
          .executeTakeFirstOrThrow();
        const now = new Date();
        if (ratings.length > 0) {
          await trx
            .insertInto('ratings')
            .values(ratings.map((r) => ({ user_id: user.id, movie_id: r.movieId, rating: r.rating, rated_at: now })))
            .execute();
        }
        return toUserRecord(user);
      });
    },

    async ratingsOf(userId, page) {
      const [rows, count] = await Promise.all([
        db
          .selectFrom('ratings as r')
          .innerJoin('movies as m', 'm.id', 'r.movie_id')
          .selectAll('m')
          .select(['r.rating', 'r.rated_at'])
          .where('r.user_id', '=', userId)
          .orderBy('r.rated_at', 'desc')
          .orderBy('r.movie_id')
          .limit(page.limit)
          .offset(page.offset)
          .execute(),
        db
          .selectFrom('ratings')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('user_id', '=', userId)
          .executeTakeFirstOrThrow(),
      ]);
      const items = rows.map((r) => ({ movie: toMovieRecord(r), rating: r.rating, ratedAt: r.rated_at }));
      return pageOf(items, page, Number(count.n));
    },

    async history(userId) {
      // Two arrays in one row: far cheaper for a driver to decode than thousands of rows.
      const result = await sql<{ version: string; movieIds: number[]; ratings: number[] }>`
        select u.history_version::text as version,
               coalesce(array_agg(r.movie_id order by r.rated_at, r.movie_id) filter (where r.movie_id is not null), '{}') as "movieIds",
               coalesce(array_agg(r.rating order by r.rated_at, r.movie_id) filter (where r.movie_id is not null), '{}') as ratings
        from users u left join ratings r on r.user_id = u.id
        where u.id = ${userId}
        group by u.id`.execute(db);
      const row = result.rows[0];
      if (!row) return null;
      return {
        version: row.version,
        entries: row.movieIds.map((movieId, i) => ({ movieId, rating: row.ratings[i]! })),
      };
    },

    async historyVersion(userId) {
      const row = await db
        .selectFrom('users')
        .select(sql<string>`history_version::text`.as('version'))
        .where('id', '=', userId)
        .executeTakeFirst();
      return row?.version ?? null;
    },

    async ratingOf(userId, movieId) {
      const row = await db
        .selectFrom('ratings')
        .select('rating')
        .where('user_id', '=', userId)
        .where('movie_id', '=', movieId)
        .executeTakeFirst();
      return row?.rating ?? null;
    },

    async rate(userId, { movieId, rating }) {
      const ratedAt = new Date();
      const result = await sql<{ inserted: boolean }>`
        insert into ratings (user_id, movie_id, rating, rated_at) values (${userId}, ${movieId}, ${rating}, ${ratedAt})
        on conflict (user_id, movie_id) do update set rating = excluded.rating, rated_at = excluded.rated_at
        returning (xmax = 0) as inserted`.execute(db);
      return { created: result.rows[0]!.inserted, ratedAt };
    },

    statistics: (userId) => statistics(db, userId),
  };
}
