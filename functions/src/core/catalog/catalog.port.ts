/** What the core reads and writes about movies; the Postgres adapter implements it. */
import type { PageRequest, Paged } from '../paging.js';
import type { MovieMetadata } from './movie-metadata.js';

/** A catalog row: the metadata plus the project's ids and where the metadata came from. */
export interface MovieRecord extends Omit<MovieMetadata, 'tmdbId'> {
  /** The project's movie id. */
  id: number;
  movielensId: number | null;
  tmdbId: number | null;
  metadataSource: 'snapshot' | 'tmdb' | null;
  metadataFetchedAt: Date | null;
}

/** A movie with its MovieLens rating figures (for popular and well-rated lists). */
export interface RatedMovieRecord extends MovieRecord {
  ratingCount: number;
  averageRating: number;
}

export interface GenreCount {
  name: string;
  movieCount: number;
}

export interface PopularQuery extends PageRequest {
  /** Only movies with at least one of these genres. */
  genres?: readonly string[];
  /** Movies need this many ratings to count as well rated. */
  minRatings: number;
  /** Leave these movies out. */
  excludeMovieIds?: readonly number[];
}

export interface CatalogStore {
  moviesByIds(ids: readonly number[]): Promise<Map<number, MovieRecord>>;
  movieByTmdbId(tmdbId: number): Promise<MovieRecord | null>;
  moviesByTmdbIds(tmdbIds: readonly number[]): Promise<Map<number, MovieRecord>>;
  /**
   * Typo-tolerant search over every title of a movie (trigram similarity), ignoring accents, case and
   * punctuation; an exact title first, then best match, then the more popular movie.
   */
  searchTitles(query: string, page: PageRequest): Promise<Paged<MovieRecord>>;
  genres(): Promise<GenreCount[]>;
  /**
   * Well-rated popular movies: ranked by a Bayesian average of their ratings (so a handful of
   * 5-star ratings does not outrank thousands of 4.5s).
   */
  topRated(query: PopularQuery): Promise<Paged<RatedMovieRecord>>;
  /** Stores API metadata on the movies with these TMDB ids (the fetch-through cache). */
  saveApiMetadata(items: readonly MovieMetadata[]): Promise<void>;
  /** Adds a movie known only to TMDB (looked up on demand); returns its row. */
  addTmdbMovie(metadata: MovieMetadata): Promise<MovieRecord>;
}

/** Fetches movie metadata from an outside source (the TMDB API). */
export interface MetadataFetcher {
  readonly name: string;
  /** The movie's metadata, or null when the source does not know the id. */
  fetchMovie(tmdbId: number): Promise<MovieMetadata | null>;
}
