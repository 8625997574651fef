import type { MovieMetadata } from '@movierec/functions/core';
import type { TmdbSnapshot } from '@movierec/functions/data-sources';
import type { MovieLensFormat, MovieLensMovie } from '../movielens/types.js';

/** What loading needs from offline metadata: lookups by TMDB id and ways to find missing links. */
export interface MetadataCatalog {
  get(tmdbId: number): MovieMetadata | undefined;
  /** Movies the source knows that MovieLens may not: the TMDB-only catalog. */
  allMovies(): Iterable<MovieMetadata>;
  /** MovieLens movie id → TMDB id from another release's links (ids are stable across releases). */
  linkFor(movielensId: number): number | undefined;
  /** TMDB id of the one movie with this title and year, for releases without any ids (ml-100k). */
  matchByTitleYear(title: string, year: number | null): number | null;
}

export function snapshotCatalog(snapshot: TmdbSnapshot): MetadataCatalog {
  return {
    get: (tmdbId) => snapshot.movies.get(tmdbId),
    allMovies: () => snapshot.movies.values(),
    linkFor: (movielensId) => snapshot.movielensLinks.get(movielensId),
    matchByTitleYear: (title, year) => (year === null ? null : snapshot.matchByTitleYear(title, year)),
  };
}

/**
 * Fills a missing TMDB link: through another release's links when MovieLens ids are shared (every
 * release but ml-100k, whose item ids are its own), else by title and year.
 */
export function withFilledLink(
  movie: MovieLensMovie,
  format: MovieLensFormat,
  metadata: MetadataCatalog,
): { movie: MovieLensMovie; filled: boolean } {
  if (movie.tmdbId !== null) return { movie, filled: false };
  const tmdbId =
    format === '100k'
      ? metadata.matchByTitleYear(movie.title, movie.year)
      : (metadata.linkFor(movie.movielensId) ?? null);
  return tmdbId === null ? { movie, filled: false } : { movie: { ...movie, tmdbId }, filled: true };
}
