import type { MovieMetadata } from '../../core/catalog/movie-metadata.js';
import type { Genre } from '../../core/catalog/genres.js';

/** The files with one row per movie, by role; each is a source in the merge's precedence tables. */
export type MovieFileKind = 'enriched' | 'full2023' | 'top10k' | 'tmdb5000';

/** The snapshot files this adapter understands, by role. */
export type SnapshotFileKind = MovieFileKind | 'keywords' | 'links';

/** The exact file name searched for, per kind. */
export const SNAPSHOT_FILE_NAMES: Readonly<Record<SnapshotFileKind, string>> = {
  tmdb5000: 'tmdb_5000_movies.csv',
  top10k: 'top10K-TMDB-movies.csv',
  keywords: 'keywords.csv',
  links: 'links.csv',
  enriched: 'movies_enriched.csv',
  full2023: 'TMDB_movie_dataset_v11.csv',
};

export interface SnapshotFileInfo {
  /** Absolute path of the file that was read. */
  path: string;
  /** Data records, without the header (a record may span several lines). */
  records: number;
}

/** One movie row of a movie file, before merging; null (or an empty list) where the file has nothing. */
export interface SnapshotMovieRow {
  tmdbId: number;
  /** `tt` + digits; only the full-2023 file has it inline. */
  imdbId: string | null;
  title: string;
  /** tmdb-5000 and full-2023 have it; used to match foreign titles. */
  originalTitle: string | null;
  year: number | null;
  genres: Genre[];
  overview: string | null;
  tagline: string | null;
  runtime: number | null;
  /** TMDB's bare image paths ("/abc.jpg"). */
  posterPath: string | null;
  backdropPath: string | null;
  voteAverage: number | null;
  voteCount: number | null;
  popularity: number | null;
  keywords: string[];
}

export interface TmdbSnapshot {
  /** Every movie with a row in a movie file (not keywords.csv or links.csv alone), by TMDB id. */
  readonly movies: ReadonlyMap<number, MovieMetadata>;
  /** MovieLens movieId → TMDB id, from The Movies Dataset links.csv (MovieLens ids of 2017). */
  readonly movielensLinks: ReadonlyMap<number, number>;
  /** The files found and read. */
  readonly files: Readonly<Partial<Record<SnapshotFileKind, SnapshotFileInfo>>>;
  /**
   * The TMDB id of the one snapshot movie with this title (case, accents, punctuation and articles
   * ignored: "Matrix, The" == "The Matrix") released in `year`; null when none or several match.
   */
  matchByTitleYear(title: string, year: number): number | null;
}
