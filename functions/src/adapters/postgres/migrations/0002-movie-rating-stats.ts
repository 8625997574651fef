/**
 * Per-movie rating figures for the Top Rated and seed lists. A materialized view: aggregating every
 * rating per request would take seconds at ML-32M's size; the loaders and the trending job refresh it.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create materialized view movie_rating_stats as
    select movie_id, count(*)::integer as rating_count, avg(rating)::real as average_rating
    from ratings group by movie_id`.execute(db);
  // Unique so it can be refreshed concurrently (reads go on while it refreshes).
  await sql`create unique index movie_rating_stats_movie on movie_rating_stats (movie_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop materialized view if exists movie_rating_stats`.execute(db);
}
