/** In-memory stand-ins for a MovieLens release and a metadata source, for loader tests. */
import type { MovieMetadata } from '@movierec/functions/core';
import { DataFileError } from '@movierec/functions/core';
import type { MovieLensDataset, MovieLensMovie, MovieLensRating } from '../movielens/types.js';
import type { MetadataCatalog } from './metadata-catalog.js';

export function memoryDataset(
  movies: Omit<MovieLensMovie, 'line'>[],
  ratings: Omit<MovieLensRating, 'line'>[],
  failAtLine?: number,
): MovieLensDataset {
  return {
    variant: 'ml-latest-small',
    format: 'csv',
    dir: '/memory',
    files: { movies: '/memory/movies.csv', ratings: '/memory/ratings.csv', links: null },
    counts: {
      movies: movies.length,
      ratings: ratings.length,
      users: new Set(ratings.map((r) => r.userId)).size,
      links: null,
    },
    async *movies() {
      for (const [i, movie] of movies.entries()) yield { ...movie, line: i + 2 };
    },
    async *ratings() {
      for (const [i, rating] of ratings.entries()) {
        if (i + 2 === failAtLine) throw new DataFileError('/memory/ratings.csv', i + 2, 'rating "x" is not a number');
        yield { ...rating, line: i + 2 };
      }
    },
  };
}

export function memoryMetadata(movies: MovieMetadata[], links: Record<number, number> = {}): MetadataCatalog {
  const byId = new Map(movies.map((m) => [m.tmdbId, m]));
  return {
    get: (id) => byId.get(id),
    allMovies: () => byId.values(),
    linkFor: (movielensId) => links[movielensId],
    matchByTitleYear: () => null,
  };
}

export function metadata(tmdbId: number, title: string, overrides: Partial<MovieMetadata> = {}): MovieMetadata {
  return {
    tmdbId,
    imdbId: null,
    title,
    year: 1995,
    genres: ['Drama'],
    overview: `${title} overview`,
    tagline: null,
    runtime: 100,
    posterPath: null,
    backdropPath: null,
    voteAverage: 7,
    voteCount: 100,
    popularity: 10,
    keywords: [],
    ...overrides,
  };
}
