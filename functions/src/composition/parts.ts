/**
 * The pieces every composition is made of (the local server's whole runtime, and each endpoint
 * group's Lambda function): services over the stores, none of them touching the recommendation
 * backends (recommendation-backends.ts).
 */
import type { StatusReport } from '../apps/services.js';
import { createTmdbMetadataFetcher } from '../adapters/tmdb/metadata-fetcher.js';
import { trendingStore } from '../adapters/postgres/repositories/trending.repository.js';
import type { AppConfig } from '../config/env.js';
import type { MetadataFetcher } from '../core/catalog/catalog.port.js';
import { createMovieService, type MovieService } from '../core/catalog/movies.js';
import type { Logger } from '../core/logger.port.js';
import { createPopularLists, type PopularLists } from '../core/recommendations/popular.js';
import type { UserEncoder } from '../core/recommendations/user-encoder.port.js';
import type { VectorIndex } from '../core/recommendations/vector-index.port.js';
import { createUserService, type UserService } from '../core/users/users.js';
import { statusReport } from './status.js';
import type { Stores } from './stores.js';

export const userServiceOf = (config: AppConfig, { userStore, catalog }: Stores): UserService =>
  createUserService({ users: userStore, catalog, demoWrites: config.server.demoWrites });

export function metadataFetcherOf(config: AppConfig): MetadataFetcher | null {
  const { apiKey, readToken, timeoutMs } = config.tmdb;
  return apiKey || readToken ? createTmdbMetadataFetcher({ apiKey, readToken, timeoutMs }) : null;
}

export const movieServiceOf = (config: AppConfig, { catalog }: Stores, log: Logger): MovieService =>
  createMovieService({
    catalog,
    fetcher: metadataFetcherOf(config),
    ttlDays: config.tmdb.metadataTtlDays,
    log,
  });

export const popularListsOf = (config: AppConfig, { db, catalog }: Stores): PopularLists =>
  createPopularLists({
    catalog,
    trending: trendingStore(db, config.recommendable),
    cacheSeconds: config.recommendationCacheSeconds,
  });

export function statusOf(
  config: AppConfig,
  { db }: Stores,
  backends: () => Promise<{ indexes: readonly VectorIndex[]; encoders: readonly UserEncoder[] }>,
): () => Promise<StatusReport> {
  const fetcher = metadataFetcherOf(config);
  return async () => statusReport({ config, db, ...(await backends()), fetcher });
}

/** Builds `create` on first use and keeps it; a failure is not kept, so the next call retries. */
export function onceWithRetry<T>(create: () => Promise<T>): () => Promise<T> {
  let shared: Promise<T> | null = null;
  return () => {
    shared ??= create().catch((error: unknown) => {
      shared = null; // a failed cold start must not poison every later invocation
      throw error;
    });
    return shared;
  };
}
