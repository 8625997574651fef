/** The core's CatalogStore over Postgres (any driver). */
import { sql, type Selectable } from 'kysely';
import { LRUCache } from 'lru-cache';
import { catalogMovieFromMetadata } from '../../../core/catalog/catalog-movie.js';
import type { CatalogStore, MovieRecord, PopularQuery, RatedMovieRecord } from '../../../core/catalog/catalog.port.js';
import { pageOf } from '../../../core/paging.js';
import type { RecommendableRule } from '../../../core/catalog/recommendable.js';
import type { Db } from '../database.js';
import { recommendableSql } from './recommendable.sql.js';
import type { MoviesTable } from '../schema.js';
import { applyApiMetadata, upsertTmdbOnlyMovies } from './movies.repository.js';

/** Prior weight of the Bayesian average: a movie needs this many ratings to move far from the mean. */
const PRIOR_RATINGS = 20;

/** Minimum word similarity of a title search hit. */
const SEARCH_THRESHOLD = 0.4;

export function toMovieRecord(row: Selectable<MoviesTable>): MovieRecord {
  return {
    id: row.id,
    movielensId: row.movielens_id,
    tmdbId: row.tmdb_id,
    imdbId: row.imdb_id,
    title: row.title,
    year: row.year,
    genres: row.genres,
    overview: row.overview,
    tagline: row.tagline,
    runtime: row.runtime,
    posterPath: row.poster_path,
    backdropPath: row.backdrop_path,
    voteAverage: row.vote_average,
    voteCount: row.vote_count,
    popularity: row.popularity,
    keywords: row.keywords,
    metadataSource: row.metadata_source,
    metadataFetchedAt: row.metadata_fetched_at,
  };
}

/** Recomputes the per-movie rating figures (after loads, and by the trending job). */
export async function refreshMovieRatingStats(db: Db): Promise<void> {
  await sql`refresh materialized view movie_rating_stats`.execute(db);
  // Search ranks by these figures: in-memory copies of the catalog must see them change.
  await sql`update catalog_version set version = version + 1`.execute(db);
}

async function moviesWhere(db: Db, column: 'id' | 'tmdb_id', ids: readonly number[]): Promise<MovieRecord[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('movies')
    .selectAll()
    .where(sql<boolean>`${sql.ref(column)} = any(${[...ids]}::int[])`)
    .execute();
  return rows.map(toMovieRecord);
}

/**
 * Movie rows are read on every recommendation and change rarely (metadata fetches, which update
 * the cache here), so recent ones stay in memory: the recommendation rows then cost no query.
 */
const MOVIE_CACHE_SIZE = 50_000;

export interface CachingCatalogStore extends CatalogStore {
  /** Drops the cached movie rows: for when the catalog was written by someone else (a loader, psql). */
  forgetCachedMovies(): void;
}

/** `rule` decides which movies Top Rated (and so the seed movies) may list; lookups and search see every movie. */
export function createCatalogStore(db: Db, rule: RecommendableRule): CachingCatalogStore {
  const cache = new LRUCache<number, MovieRecord>({ max: MOVIE_CACHE_SIZE });
  const remember = (movies: MovieRecord[]) => movies.forEach((m) => cache.set(m.id, m));
  return {
    forgetCachedMovies() {
      cache.clear();
    },

    async moviesByIds(ids) {
      const found = new Map<number, MovieRecord>();
      const missing: number[] = [];
      for (const id of ids) {
        const movie = cache.get(id);
        if (movie) found.set(id, movie);
        else missing.push(id);
      }
      const fetched = await moviesWhere(db, 'id', missing);
      remember(fetched);
      for (const movie of fetched) found.set(movie.id, movie);
      return found;
    },

    async moviesByTmdbIds(tmdbIds) {
      return new Map((await moviesWhere(db, 'tmdb_id', tmdbIds)).map((m) => [m.tmdbId as number, m]));
    },

    async movieByTmdbId(tmdbId) {
      const row = await db.selectFrom('movies').selectAll().where('tmdb_id', '=', tmdbId).executeTakeFirst();
      return row ? toMovieRecord(row) : null;
    },

    searchTitles(query, page) {
      // Query and titles are normalised alike (search_normalize: no accents, case or punctuation), so
      // "amelie" finds "Amélie". word_similarity (<%) finds the query inside any of a movie's titles
      // (whole words score 1) and forgives typos; the trigram GIN index on search_text serves it.
      // 0.4 (default 0.6) still finds "matirx". A title equal to the query ranks first ("leon" →
      // Léon before Max & Leon), then closer matches, then the more popular and more rated movie.
      const q = sql<string>`search_normalize(${query})`;
      const matches = sql<boolean>`${q} <% m.search_text`;
      const exact = sql<boolean>`position(chr(10) || ${q} || chr(10) in chr(10) || m.search_text || chr(10)) > 0`;
      return db.transaction().execute(async (trx) => {
        await sql`set local pg_trgm.word_similarity_threshold = ${sql.lit(SEARCH_THRESHOLD)}`.execute(trx);
        const rows = await trx
          .selectFrom('movies as m')
          .leftJoin('movie_rating_stats as s', 's.movie_id', 'm.id')
          .selectAll('m')
          .where(matches)
          .orderBy(exact, 'desc')
          .orderBy(sql`word_similarity(${q}, m.search_text)`, 'desc')
          .orderBy(sql`coalesce(m.vote_count, 0)`, 'desc')
          .orderBy(sql`coalesce(s.rating_count, 0)`, 'desc')
          .orderBy('m.id')
          .limit(page.limit)
          .offset(page.offset)
          .execute();
        const count = await trx
          .selectFrom('movies as m')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where(matches)
          .executeTakeFirstOrThrow();
        return pageOf(rows.map(toMovieRecord), page, Number(count.n));
      });
    },

    async genres() {
      const result = await sql<{ name: string; movieCount: number }>`
        select g as name, count(*)::integer as "movieCount"
        from movies, unnest(genres) as g group by g order by g`.execute(db);
      return result.rows;
    },

    async topRated(query: PopularQuery) {
      const genres = query.genres ? [...query.genres] : null;
      const exclude = [...(query.excludeMovieIds ?? [])];
      const base = db
        .selectFrom('movie_rating_stats as s')
        .innerJoin('movies as m', 'm.id', 's.movie_id')
        .where('s.rating_count', '>=', query.minRatings)
        .where(recommendableSql(rule))
        .$if(genres !== null, (qb) => qb.where(sql<boolean>`m.genres && ${genres}::text[]`))
        .$if(exclude.length > 0, (qb) => qb.where(sql<boolean>`not (m.id = any(${exclude}::int[]))`));
      const bayesian = sql<number>`(s.rating_count * s.average_rating + ${PRIOR_RATINGS} * (select avg(average_rating) from movie_rating_stats)) / (s.rating_count + ${PRIOR_RATINGS})`;
      const [rows, count] = await Promise.all([
        base
          .selectAll('m')
          .select(['s.rating_count', 's.average_rating'])
          .orderBy(bayesian, 'desc')
          .orderBy('m.id')
          .limit(query.limit)
          .offset(query.offset)
          .execute(),
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      const items: RatedMovieRecord[] = rows.map((r) => ({
        ...toMovieRecord(r),
        ratingCount: r.rating_count,
        averageRating: r.average_rating,
      }));
      return pageOf(items, query, Number(count.n));
    },

    async saveApiMetadata(items) {
      await applyApiMetadata(db, [...items]);
      remember(
        await moviesWhere(
          db,
          'tmdb_id',
          items.map((m) => m.tmdbId),
        ),
      );
    },

    async addTmdbMovie(metadata) {
      await upsertTmdbOnlyMovies(db, [catalogMovieFromMetadata(metadata, 'tmdb')]);
      const row = await db
        .selectFrom('movies')
        .selectAll()
        .where('tmdb_id', '=', metadata.tmdbId)
        .executeTakeFirstOrThrow();
      return toMovieRecord(row);
    },
  };
}
