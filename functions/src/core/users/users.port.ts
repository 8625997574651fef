/** What the core reads and writes about users and their ratings; the Postgres adapter implements it. */
import type { PageRequest, Paged } from '../paging.js';
import type { MovieRecord } from '../catalog/catalog.port.js';

export type UserKind = 'movielens' | 'cold_start';

export interface UserRecord {
  id: number;
  kind: UserKind;
  movielensId: number | null;
  tokenHash: string | null;
  preferredGenres: string[];
  createdAt: Date;
}

export interface UserSummary {
  id: number;
  kind: UserKind;
  movielensId: number | null;
  ratingCount: number;
  /**
   * Up to three genres that set the user apart: the most over-represented against the average user
   * (lift, among genres with enough of the user's ratings), then the most rated.
   */
  topGenres: string[];
  /** Up to four of the user's best-rated movies, those with a poster first. */
  favoriteMovies: MovieRecord[];
}

export interface UserRatingEntry {
  movie: MovieRecord;
  rating: number;
  ratedAt: Date;
}

/** One rating in a history (already in time order, so no timestamp: it is read on every request). */
export interface HistoryEntry {
  movieId: number;
  rating: number;
}

/**
 * A user's ratings, oldest first, with the version they were read at. The version changes with
 * every write to the user's ratings (by anyone), so it keys caches of the history and of picks.
 */
export interface History {
  version: string;
  entries: HistoryEntry[];
}

export interface NewRating {
  movieId: number;
  rating: number;
}

export interface UserStatistics {
  ratingCount: number;
  averageRating: number | null;
  firstRatedAt: Date | null;
  lastRatedAt: Date | null;
  /** One entry per rating value 0.5 … 5.0, zeros included. */
  distribution: { rating: number; count: number }[];
  /** The user's ten most rated genres by count (not lift, unlike UserSummary.topGenres). */
  topGenres: { genre: string; count: number; averageRating: number }[];
  /** Ratings per calendar month (UTC), oldest first. */
  activity: { month: string; count: number }[];
}

export type UserSort = 'id' | 'ratings';

export interface UserListQuery extends PageRequest {
  /** Matches the user id or MovieLens id as typed (a prefix of its digits). */
  search?: string;
  kind?: UserKind;
  sort: UserSort;
}

export interface UserStore {
  listUsers(query: UserListQuery): Promise<Paged<UserSummary>>;
  userById(id: number): Promise<UserRecord | null>;
  /** Creates the user and its ratings in one transaction. */
  createColdStartUser(input: {
    tokenHash: string;
    preferredGenres: string[];
    ratings: readonly NewRating[];
  }): Promise<UserRecord>;
  ratingsOf(userId: number, page: PageRequest): Promise<Paged<UserRatingEntry>>;
  /**
   * Every rating of the user, oldest first (the user tower reads the tail; all are excluded from
   * picks); null when there is no such user. One round trip.
   */
  history(userId: number): Promise<History | null>;
  /** The user's current history version (see History); null when there is no such user. */
  historyVersion(userId: number): Promise<string | null>;
  ratingOf(userId: number, movieId: number): Promise<number | null>;
  /** Inserts or replaces one rating; `created` tells which. */
  rate(userId: number, rating: NewRating): Promise<{ created: boolean; ratedAt: Date }>;
  statistics(userId: number): Promise<UserStatistics>;
}
