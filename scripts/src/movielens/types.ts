import type { MovieLensEntry } from '@movierec/functions/core';
import { MOVIELENS_VARIANTS } from '@movierec/functions/config';

export { MOVIELENS_VARIANTS };
export type MovieLensVariant = (typeof MOVIELENS_VARIANTS)[number];

/** On-disk layouts: ml-100k's u.data/u.item, ml-1m's `::` .dat files, and the CSVs of the rest. */
export type MovieLensFormat = 'csv' | 'dat' | '100k';

/** A movie as a release gives it: title without its "(year)", canonical genres, links merged in. */
export interface MovieLensMovie extends MovieLensEntry {
  /** 1-based line of the movie in its file, for error messages. */
  line: number;
}

export interface MovieLensRating {
  userId: number;
  movieId: number;
  /** 0.5 to 5.0 in 0.5 steps. */
  rating: number;
  /** Unix seconds. */
  timestamp: number;
  line: number;
}

export interface RowCounts {
  movies: number;
  ratings: number;
  users: number;
  links: number | null;
}

/** A verified MovieLens release on local disk, read by streaming. */
export interface MovieLensDataset {
  variant: MovieLensVariant;
  format: MovieLensFormat;
  /** Folder holding the data files. */
  dir: string;
  /** Absolute paths of the files each stream reads. */
  files: { movies: string; ratings: string; links: string | null };
  /** Movies with their links (imdb/tmdb ids) merged in. */
  movies(): AsyncIterable<MovieLensMovie>;
  /** Ratings in file order; memory stays flat whatever the file size. */
  ratings(): AsyncIterable<MovieLensRating>;
  /** What verification counted. */
  counts: RowCounts;
}
