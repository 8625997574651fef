/**
 * What the user list shows of each listed user besides its counts: the genres that set it apart
 * and its favourite movies. Each is one query for the users of a page not seen yet; a user's parts
 * are then kept, keyed by its history version (which every write to its ratings changes), and the
 * genres' baseline, over every rating, is cached.
 */
import { sql } from 'kysely';
import { LRUCache } from 'lru-cache';
import type { MovieRecord } from '../../../core/catalog/catalog.port.js';
import type { Db } from '../database.js';
import type { MovieRow } from '../schema.js';
import { toMovieRecord } from './catalog.store.js';

const TOP_GENRES = 3;
const FAVORITE_MOVIES = 4;
/**
 * A genre ranks by lift only with this much support among the user's ratings: at least 3 of them
 * and 5% of all of them, so one rating (or a heavy rater's handful) in a rare genre cannot win.
 */
const MIN_GENRE_RATINGS = 3;
const MIN_GENRE_SHARE = 0.05;
/**
 * The baseline scans every rating (0.3 s on PostgreSQL, 0.65 s on PGlite over 770K generated ones),
 * so each store computes it at most once an hour: a population average barely moves in that time.
 */
const BASELINE_TTL_MS = 60 * 60 * 1000;

/** The average user's share of ratings in each genre, as two parallel arrays for SQL. */
interface GenreBaseline {
  genres: string[];
  shares: number[];
}

/**
 * Mean over users (with a rating) of the share of their ratings in each genre. That mean is the sum,
 * over every rating in the genre, of 1 / its user's rating count, divided by the users; summing per
 * movie first unnests genres once per movie instead of once per rating.
 */
async function genreBaseline(db: Db): Promise<GenreBaseline> {
  const result = await sql<{ genre: string; share: number }>`
    with per_user as (select user_id, count(*)::float8 as n from ratings group by user_id),
         per_movie as (select r.movie_id, sum(1 / p.n) as weight
                       from ratings r join per_user p using (user_id) group by r.movie_id)
    select g as genre, (sum(w.weight) / (select count(*) from per_user))::float8 as share
    from per_movie w join movies m on m.id = w.movie_id, unnest(m.genres) g
    group by g`.execute(db);
  return { genres: result.rows.map((r) => r.genre), shares: result.rows.map((r) => r.share) };
}

/**
 * Each listed user's three genres: those with enough support (see MIN_GENRE_RATINGS) by lift, the
 * user's share in the genre over the average user's; then, when fewer qualify, the rest by count.
 */
async function topGenresOf(db: Db, baseline: GenreBaseline, userIds: number[]): Promise<Map<number, string[]>> {
  const result = await sql<{ userId: number; genres: string[] }>`
    with totals as (select user_id, count(*)::float8 as total from ratings
                    where user_id = any(${userIds}::int[]) group by user_id),
         counts as (select r.user_id, g as genre, count(*) as n
                    from ratings r join movies m on m.id = r.movie_id, unnest(m.genres) g
                    where r.user_id = any(${userIds}::int[]) group by r.user_id, g),
         scored as (select c.user_id, c.genre, c.n,
                           case when c.n >= ${MIN_GENRE_RATINGS} and c.n >= ${MIN_GENRE_SHARE} * t.total
                                then (c.n / t.total) / b.share end as lift
                    from counts c join totals t using (user_id)
                    left join unnest(${baseline.genres}::text[], ${baseline.shares}::float8[]) as b(genre, share)
                      using (genre))
    select user_id as "userId",
           (array_agg(genre order by lift desc nulls last, n desc, genre))[1:${TOP_GENRES}] as genres
    from scored group by user_id`.execute(db);
  return new Map(result.rows.map((r) => [r.userId, r.genres]));
}

/**
 * Each listed user's four best-rated movies (ties: more TMDB votes, then the latest rating), picked
 * from those with a poster while there are enough of them.
 */
async function favoriteMoviesOf(db: Db, userIds: number[]): Promise<Map<number, MovieRecord[]>> {
  // The lateral sort sees narrow rows; the movies' full rows are joined for the four picks only.
  const result = await sql<MovieRow & { for_user: number }>`
    select u.id as for_user, m.*
    from unnest(${userIds}::int[]) as u(id)
    cross join lateral (
      select r.movie_id, r.rating, r.rated_at, p.vote_count
      from ratings r join movies p on p.id = r.movie_id
      where r.user_id = u.id
      order by p.poster_path is not null desc, r.rating desc, p.vote_count desc nulls last, r.rated_at desc, p.id
      limit ${FAVORITE_MOVIES}) f
    join movies m on m.id = f.movie_id
    order by u.id, f.rating desc, f.vote_count desc nulls last, f.rated_at desc, f.movie_id`.execute(db);
  const byUser = new Map<number, MovieRecord[]>();
  for (const row of result.rows) {
    const movies = byUser.get(row.for_user) ?? [];
    movies.push(toMovieRecord(row));
    byUser.set(row.for_user, movies);
  }
  return byUser;
}

interface UserSummaryParts {
  topGenres: string[];
  favoriteMovies: MovieRecord[];
}

/** Users whose parts stay in memory (a few KB each: the favourites are whole movie rows). */
const CACHED_USERS = 10_000;

/** A listed user: its id and history version. */
export interface ListedUser {
  id: number;
  version: string;
}

/**
 * The summary parts of a page of users, each kept until the user's ratings change or BASELINE_TTL_MS
 * passes (the genre baseline it was ranked against is cached that long).
 */
export function userSummaryParts(db: Db) {
  const parts = new LRUCache<string, UserSummaryParts>({ max: CACHED_USERS, ttl: BASELINE_TTL_MS });
  const keyOf = (user: ListedUser) => `${user.id}:${user.version}`;
  // One entry: lru-cache shares a computation in flight and keeps no failure.
  const baselines = new LRUCache<'all', GenreBaseline>({
    max: 1,
    ttl: BASELINE_TTL_MS,
    fetchMethod: () => genreBaseline(db),
  });
  const baseline = async () => (await baselines.fetch('all'))!;

  async function compute(users: ListedUser[]): Promise<void> {
    const ids = users.map((u) => u.id);
    const [genres, favorites] = await Promise.all([
      baseline().then((b) => topGenresOf(db, b, ids)),
      favoriteMoviesOf(db, ids),
    ]);
    for (const user of users)
      parts.set(keyOf(user), { topGenres: genres.get(user.id) ?? [], favoriteMovies: favorites.get(user.id) ?? [] });
  }

  return async (users: ListedUser[]): Promise<Map<number, UserSummaryParts>> => {
    const missing = users.filter((u) => !parts.has(keyOf(u)));
    if (missing.length > 0) await compute(missing);
    // Computed just now or found: only a page larger than the cache could lose one in between.
    return new Map(users.map((u) => [u.id, parts.get(keyOf(u)) ?? { topGenres: [], favoriteMovies: [] }]));
  };
}
