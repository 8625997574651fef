/**
 * A small generated world for the API tests: 48 movies in four genres, 12 MovieLens users with
 * seeded ratings, a Trending snapshot, and an embedded index whose vectors cluster by genre (so
 * neighbours are meaningful). Written to a folder that a runtime then opens like a real deployment.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createEmbeddedIndexWriter } from '../../adapters/embedded-index/index.js';
import { openDatabase } from '../../adapters/postgres/database.js';
import type { DatabaseConfig } from '../../config/env.js';
import { refreshMovieRatingStats } from '../../adapters/postgres/repositories/catalog.store.js';
import { movieIdsByMovieLensId, upsertMovieLensMovies } from '../../adapters/postgres/repositories/movies.repository.js';
import { upsertRatings } from '../../adapters/postgres/repositories/ratings.repository.js';
import { trendingStore } from '../../adapters/postgres/repositories/trending.repository.js';
import { ensureMovieLensUsers } from '../../adapters/postgres/repositories/users.repository.js';
import { catalogMovie } from '../../adapters/postgres/repositories/trending-fixture.test-helper.js';
import { mulberry32 } from '../../core/seeded-random.js';
import type { MoviePoint } from '../../core/recommendations/vector-index.port.js';

export const GENRES = ['Comedy', 'Drama', 'Sci-Fi', 'Horror'] as const;
export const MOVIE_COUNT = 48;
export const USER_COUNT = 12;
export const RATINGS_PER_USER = 30;
export const DIMENSION = 16;
/** TMDB id of fixture movie i (0-based). */
export const tmdbIdOf = (i: number) => 1000 + i;
export const TITLES = Array.from({ length: MOVIE_COUNT }, (_, i) => `${GENRES[i % 4]} Story ${String.fromCharCode(65 + Math.floor(i / 4))}`);
const DAY = 86_400;
const END = Date.UTC(2018, 8, 24) / 1000;

function unit(values: number[]): Float32Array {
  const norm = Math.hypot(...values);
  return Float32Array.from(values, (v) => v / norm);
}

/** Seeds the database (by default PGlite at `dataDir/pglite`) and writes the embedded index at `dataDir/index`. */
export async function writeApiFixture(dataDir: string, database?: DatabaseConfig): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  const db = await openDatabase(database ?? { driver: 'pglite', url: undefined, pgliteDir: join(dataDir, 'pglite'), neonWsProxy: undefined });
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
    const { ids: userIds } = await ensureMovieLensUsers(db, Array.from({ length: USER_COUNT }, (_, u) => u + 1));
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
    await trendingStore(db).refresh({ minRatings: 1 });

    const writer = createEmbeddedIndexWriter(join(dataDir, 'index'));
    await writer.prepare(DIMENSION);
    const points: MoviePoint[] = TITLES.map((_, i) => {
      const genre = i % 4;
      const vector = unit(Array.from({ length: DIMENSION }, (_, d) => (d % 4 === genre ? 1 : 0) + (random() - 0.5) * 0.6));
      return { movieId: movieIds.get(i + 1)!, tmdbId: tmdbIdOf(i), genres: [GENRES[genre]!], year: 1980 + i, source: 'two_tower', vector };
    });
    await writer.upsert(points);
    await writer.finish();
  } finally {
    await db.destroy();
  }
}
