import type { MovieMetadata } from '../../core/catalog/movie-metadata.js';
import type { Genre } from '../../core/catalog/genres.js';

/** The snapshot files this adapter understands, by role. */
export type SnapshotFileKind = 'tmdb5000' | 'top10k' | 'keywords' | 'links';

/** The exact file name searched for, per kind. */
export const SNAPSHOT_FILE_NAMES: Readonly<Record<SnapshotFileKind, string>> = {
  tmdb5000: 'tmdb_5000_movies.csv',
  top10k: 'top10K-TMDB-movies.csv',
  keywords: 'keywords.csv',
  links: 'links.csv',
};

export interface SnapshotFileInfo {
  /** Absolute path of the file that was read. */
  path: string;
  /** Data records, without the header (a record may span several lines). */
  records: number;
}

/** One movie row from tmdb_5000_movies.csv or top10K-TMDB-movies.csv, before merging. */
export interface SnapshotMovieRow {
  tmdbId: number;
  title: string;
  /** Only tmdb-5000 has it; used to match foreign titles. */
  originalTitle: string | null;
  year: number | null;
  genres: Genre[];
  overview: string | null;
  tagline: string | null;
  runtime: number | null;
  voteAverage: number | null;
  voteCount: number | null;
  popularity: number | null;
  keywords: string[];
}

export interface TmdbSnapshot {
  /** Every movie with a title in tmdb-5000 or top10k, by TMDB id. */
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
