/**
 * The one normalized shape of movie metadata, whichever source produced it
 * (TMDB API, offline snapshot files, or the Postgres cache).
 */
export interface MovieMetadata {
  tmdbId: number;
  imdbId: string | null;
  title: string;
  year: number | null;
  /** Canonical genre names, see `genres.ts`. */
  genres: string[];
  overview: string | null;
  tagline: string | null;
  /** Minutes. */
  runtime: number | null;
  posterPath: string | null;
  backdropPath: string | null;
  voteAverage: number | null;
  voteCount: number | null;
  popularity: number | null;
  keywords: string[];
}

export type MetadataSourceName = 'snapshot' | 'tmdb';
