/** Small generated catalogs and ratings for the Trending and ingestion tests. */
import type { CatalogMovie } from '../../../core/catalog/catalog-movie.js';
import type { Db } from '../database.js';
import { movieIdsByMovieLensId, upsertMovieLensMovies } from './movies.repository.js';
import { upsertRatings } from './ratings.repository.js';
import { ensureMovieLensUsers } from './users.repository.js';

export const DAY = 86_400;
/** The fixture's newest rating (unix seconds): the window ends here, whatever today is. */
export const FIXTURE_END = Date.UTC(2018, 8, 24, 12) / 1000;

export function catalogMovie(overrides: Partial<CatalogMovie>): CatalogMovie {
  return {
    movielensId: null,
    tmdbId: null,
    imdbId: null,
    title: 'Untitled',
    year: null,
    genres: [],
    overview: null,
    tagline: null,
    runtime: null,
    posterPath: null,
    backdropPath: null,
    voteAverage: null,
    voteCount: null,
    popularity: null,
    keywords: [],
    metadataSource: null,
    alternateTitles: [],
    ...overrides,
  };
}

const MOVIES: [title: string, genres: string[]][] = [
  ['A', ['Comedy']],
  ['B', ['Drama']],
  ['C', ['Comedy', 'Drama']],
  ['D', ['Comedy']],
  ['E', ['Horror']],
];

// [movie index in MOVIES + 1, movielens user id, rating, days before FIXTURE_END]; scores with the
// defaults (14-day half-life, low ratings at half weight) worked out on the right.
const RATINGS: [number, number, number, number][] = [
  [1, 1, 5.0, 0],
  [1, 2, 4.0, 14], // A: 1 + 0.5 = 1.5
  [2, 2, 3.0, 0],
  [2, 3, 2.0, 7], // B: 0.5 + 0.5·0.5^(7/14) = 0.853553…
  [3, 1, 4.5, 28],
  [3, 3, 3.5, 28],
  [3, 4, 5.0, 42], // C: 0.25 + 0.25 + 0.125 = 0.625
  [4, 3, 5.0, 0], // D: one rating only, never trends
  [5, 1, 5.0, 200],
  [5, 2, 5.0, 200], // E: 2·0.5^(200/14), outside the 90-day window, in once it widens
];

/** Loads the five movies A–E and their ratings; returns each title's movie id. */
export async function seedTrendingFixture(db: Db): Promise<Map<string, number>> {
  // Recommendable by their TMDB votes alone, so the rule does not depend on refreshed rating figures.
  await upsertMovieLensMovies(
    db,
    MOVIES.map(([title, genres], i) =>
      catalogMovie({ movielensId: i + 1, tmdbId: 500 + i, title, genres, year: 2000, voteCount: 50 }),
    ),
  );
  const movies = await movieIdsByMovieLensId(db);
  const { ids: users } = await ensureMovieLensUsers(db, [1, 2, 3, 4]);
  await upsertRatings(
    db,
    RATINGS.map(([m, u, rating, days]) => ({
      movieId: movies.get(m)!,
      userId: users.get(u)!,
      rating,
      ratedAt: FIXTURE_END - days * DAY,
    })),
  );
  return new Map(MOVIES.map(([title], i) => [title, movies.get(i + 1)!]));
}
