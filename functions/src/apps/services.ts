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
