/**
 * A small generated world for the API tests: 48 movies in four genres, 12 MovieLens users with
 * seeded ratings, a Trending snapshot, and an embedded index whose vectors cluster by genre (so
 * neighbours are meaningful). Written to a folder that a runtime then opens like a real deployment.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createEmbeddedIndexWriter } from '../../adapters/embedded-index/index.js';
import { type Db, openDatabase } from '../../adapters/postgres/database.js';
import type { DatabaseConfig } from '../../config/env.js';
import { refreshMovieRatingStats } from '../../adapters/postgres/repositories/catalog.store.js';
import { moviePayloads } from '../../adapters/postgres/repositories/movie-payloads.repository.js';
import {
  movieIdsByMovieLensId,
  upsertMovieLensMovies,
  upsertTmdbOnlyMovies,
} from '../../adapters/postgres/repositories/movies.repository.js';
import { upsertRatings } from '../../adapters/postgres/repositories/ratings.repository.js';
import { trendingStore } from '../../adapters/postgres/repositories/trending.repository.js';
import { ensureMovieLensUsers } from '../../adapters/postgres/repositories/users.repository.js';
import { catalogMovie } from '../../adapters/postgres/repositories/trending-fixture.test-helper.js';
import { DEFAULT_RECOMMENDABLE_RULE } from '../../core/catalog/recommendable.js';
import { mulberry32 } from '../../core/seeded-random.js';
import type { MoviePoint } from '../../core/recommendations/vector-index.port.js';

export const GENRES = ['Comedy', 'Drama', 'Sci-Fi', 'Horror'] as const;
export const MOVIE_COUNT = 48;
export const USER_COUNT = 12;
export const RATINGS_PER_USER = 30;
export const DIMENSION = 16;
/** TMDB id of fixture movie i (0-based). */
export const tmdbIdOf = (i: number) => 1000 + i;
export const TITLES = Array.from(
  { length: MOVIE_COUNT },
  (_, i) => `${GENRES[i % 4]} Story ${String.fromCharCode(65 + Math.floor(i / 4))}`,
);
const DAY = 86_400;
const END = Date.UTC(2018, 8, 24) / 1000;

function unit(values: number[]): Float32Array {
  const norm = Math.hypot(...values);
  return Float32Array.from(values, (v) => v / norm);
}

/** A unit vector near genre `genre`'s direction, so neighbours share a genre. */
function genreVector(genre: number, random: () => number): Float32Array {
  return unit(Array.from({ length: DIMENSION }, (_, d) => (d % 4 === genre ? 1 : 0) + (random() - 0.5) * 0.6));
}

/** Adds the vectors to the embedded index at `dataDir/index`, each with its payload as load-embeddings computes it. */
async function indexMovies(
  db: Db,
  dataDir: string,
  vectors: { movieId: number; vector: Float32Array }[],
): Promise<void> {
  const payloads = await moviePayloads(
    db,
    vectors.map((v) => v.movieId),
  );
  const writer = createEmbeddedIndexWriter(join(dataDir, 'index'));
  await writer.prepare(DIMENSION);
  await writer.upsert(
    vectors.map(({ movieId, vector }): MoviePoint => ({
      movieId,
      vector,
      source: 'two_tower',
      ...payloads.get(movieId)!,
    })),
  );
  await writer.finish();
}

/**
 * TMDB-only movies nobody can watch, each failing one part of the recommendable rule, with vectors
 * in the middle of a genre's cluster: they would top that genre's lists if the rule were not applied.
 */
export const UNWATCHABLE = [
  { tmdbId: 9001, title: 'Comedy Without A Year', year: null, genres: ['Comedy'], voteCount: 500 },
  {
    tmdbId: 9002,
    title: 'Drama Not Yet Released',
    year: new Date().getUTCFullYear() + 2,
    genres: ['Drama'],
    voteCount: 500,
  },
  { tmdbId: 9003, title: 'Sci-Fi Nobody Voted For', year: 2001, genres: ['Sci-Fi'], voteCount: 0 },
  { tmdbId: 9004, title: 'Horror Without Genres', year: 2001, genres: [], voteCount: 500 },
] as const;

/**
 * Adds the UNWATCHABLE movies to a world writeApiFixture wrote (same database and index). Every user
 * rates those that ratings cannot make recommendable, 5 stars at the newest time, so they would
 * top Trending and Top Rated too if the rule were not applied.
 */
export async function writeUnwatchableMovies(dataDir: string, database?: DatabaseConfig): Promise<void> {
  const db = await openDatabase(database ?? pgliteAt(dataDir));
  try {
    await upsertTmdbOnlyMovies(
      db,
      UNWATCHABLE.map((m) => catalogMovie({ ...m, genres: [...m.genres], metadataSource: 'snapshot' })),
    );
    const rows = await db
      .selectFrom('movies')
      .select(['id', 'tmdb_id'])
      .where('movielens_id', 'is', null)
      .orderBy('tmdb_id')
      .execute();
    const { ids: userIds } = await ensureMovieLensUsers(
      db,
      Array.from({ length: USER_COUNT }, (_, u) => u + 1),
    );
    const rated = rows.filter((r) => r.tmdb_id !== UNWATCHABLE[2].tmdbId);
    await upsertRatings(
      db,
      [...userIds.values()].flatMap((userId) => rated.map((r) => ({ userId, movieId: r.id, rating: 5, ratedAt: END }))),
    );
    await refreshMovieRatingStats(db);
    await trendingStore(db, DEFAULT_RECOMMENDABLE_RULE).refresh({ minRatings: 1 });
    const random = mulberry32(11);
    await indexMovies(
      db,
      dataDir,
      rows.map((r, i) => ({ movieId: r.id, vector: genreVector(i, random) })),
    );
  } finally {
    await db.destroy();
  }
}

const pgliteAt = (dataDir: string): DatabaseConfig => ({
  driver: 'pglite',
  url: undefined,
  pgliteDir: join(dataDir, 'pglite'),
  neonWsProxy: undefined,
});

/** Seeds the database (by default PGlite at `dataDir/pglite`) and writes the embedded index at `dataDir/index`. */
export async function writeApiFixture(dataDir: string, database?: DatabaseConfig): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  const db = await openDatabase(database ?? pgliteAt(dataDir));
  try {
    const random = mulberry32(7);
    await upsertMovieLensMovies(
      db,
      TITLES.map((title, i) =>
        catalogMovie({
          movielensId: i + 1,
          tmdbId: tmdbIdOf(i),
          title,
          year: 1980 + i,
          genres: [GENRES[i % 4]!],
          overview: `A ${GENRES[i % 4]} film.`,
          posterPath: i % 2 === 0 ? `/poster${i}.jpg` : null,
          voteAverage: 5 + (i % 5),
          voteCount: 100 + i,
          metadataSource: 'snapshot',
        }),
      ),
    );
    const movieIds = await movieIdsByMovieLensId(db);
    const { ids: userIds } = await ensureMovieLensUsers(
      db,
      Array.from({ length: USER_COUNT }, (_, u) => u + 1),
    );
    // Each user prefers one genre: high ratings there, lower elsewhere.
    const ratings = Array.from({ length: USER_COUNT }, (_, u) => {
      const picked = new Set<number>();
      while (picked.size < RATINGS_PER_USER) picked.add(Math.floor(random() * MOVIE_COUNT));
      return [...picked].map((i, k) => ({
        userId: userIds.get(u + 1)!,
        movieId: movieIds.get(i + 1)!,
        rating: i % 4 === u % 4 ? 4 + Math.round(random() * 2) / 2 : 1 + Math.round(random() * 5) / 2,
        ratedAt: END - (RATINGS_PER_USER - k) * 3 * DAY - u * DAY,
      }));
    }).flat();
    await upsertRatings(db, ratings);
    await refreshMovieRatingStats(db);
    await trendingStore(db, DEFAULT_RECOMMENDABLE_RULE).refresh({ minRatings: 1 });

    const vectors = TITLES.map((_, i) => ({ movieId: movieIds.get(i + 1)!, vector: genreVector(i % 4, random) }));
    await indexMovies(db, dataDir, vectors);
  } finally {
    await db.destroy();
  }
}
