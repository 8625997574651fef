/** What the HTTP apps need, assembled by the composition root (or by tests, with test doubles). */
import type { MovieService } from '../core/catalog/movies.js';
import type { Logger } from '../core/logger.port.js';
import type { PopularLists } from '../core/recommendations/popular.js';
import type { Recommender } from '../core/recommendations/recommender.js';
import type { UserService } from '../core/users/users.js';
import type { UserStore } from '../core/users/users.port.js';

export interface BackendStatus {
  name: string;
  /** What this backend does here ("primary", "fallback", "embedded" …). */
  role: string;
  reachable: boolean;
  detail: string | null;
}

export interface StatusReport {
  database: BackendStatus & { counts: { movies: number; users: number; ratings: number } | null };
  vectorIndex: (BackendStatus & { points: number | null })[];
  encoder: BackendStatus[];
  metadata: BackendStatus[];
}

export interface AppServices {
  users: UserService;
  userStore: UserStore;
  movies: MovieService;
  recommender: Recommender;
  popular: PopularLists;
  status(): Promise<StatusReport>;
  log: Logger;
}

/**
 * What each endpoint group's app reads: a group's Lambda function builds only these (the users and
 * movies groups load no vector index and no user tower).
 */
export type UsersServices = Pick<AppServices, 'users' | 'log'>;
export type MoviesServices = Pick<AppServices, 'movies' | 'users' | 'userStore' | 'log'>;
export type RecommendationsServices = Pick<AppServices, 'recommender' | 'popular' | 'log'>;
export type SystemServices = Pick<AppServices, 'status' | 'log'>;
